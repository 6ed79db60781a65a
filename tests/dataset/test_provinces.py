"""Any province, several provinces, the whole country, and periods without districts."""

from __future__ import annotations

import csv
import math
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from ntm_analysis import load_period
from ntm_analysis.dataset.admin_units.load import load_units
from ntm_analysis.dataset.aggregate import aggregate_by_province, communes_by_province
from ntm_analysis.dataset.config_models import PeriodMeta
from ntm_analysis.dataset.period_units import resolve_name
from ntm_analysis.errors import InputError, InputErrors

PERIOD = "2022-06"
COMMUNE_HEADER = ["code", "district_code", "name", "criteria_min", "criteria_max", "ntm_status"]
INDICATOR_HEADER = ["indicator", "area", "value", "as_written", "qualifier", "section"]


def _write_csv(path: Path, header: list[str], rows: list[list[object]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def _period(
    data_dir: Path,
    head: str,
    units: pd.DataFrame,
    indicators: list[list[object]],
    lists: list[list[object]] | None = None,
    criteria_set: str = "2016-2020",
) -> Path:
    """A period folder: period.yml (`head` holds the province keys), every xã of `units`
    with its criteria (the n-th xã meets n mod 20), the given indicator and list rows."""
    folder = data_dir / "periods" / PERIOD
    folder.mkdir(parents=True)
    (folder / "period.yml").write_text(
        f'period: "{PERIOD}"\nlabel: {{vi: 6 tháng đầu năm}}\ncriteria_set: "{criteria_set}"\n'
        + head,
        encoding="utf-8",
    )
    xa = units[units["unit_type"] == "xa"]
    rows = [
        [code, district, name, i % 20, i % 20, "recognised" if i % 20 == 19 else "unknown"]
        for i, (code, district, name) in enumerate(
            zip(xa["unit_code"], xa["district_code"], xa["unit_name"], strict=True)
        )
    ]
    _write_csv(folder / "communes.csv", COMMUNE_HEADER, rows)
    _write_csv(folder / "indicators.csv", INDICATOR_HEADER, indicators)
    if lists is not None:
        _write_csv(folder / "lists.csv", ["list", "area", "item", "as_written", "section"], lists)
    return folder


def _figure(indicator: str, area: str, value: float) -> list[object]:
    return [indicator, area, value, str(value).replace(".", ","), "", "A.II.1"]


def test_a_province_with_urban_districts_loads_with_its_own_names(data_copy):
    units = load_units(data_copy / "reference", "2021", "01")
    assert "quan" in set(units["district_type"])
    _period(
        data_copy,
        'province: "01"\nadmin_units: "2021"\n',
        units,
        [_figure("communes_total", "01", 382)],
    )
    data = load_period(PERIOD, data_copy)
    assert data.province == "01" and data.provinces == ["01"]
    assert data.has_districts and not data.is_aggregate
    assert set(data.communes["code"]) == set(units.loc[units["unit_type"] == "xa", "unit_code"])
    names = data.area_names("vi")
    assert names["01"] == "thành phố Hà Nội"
    assert names["001"] == "quận Ba Đình"


def test_district_names_resolve_within_their_province(data_copy):
    units = load_units(data_copy / "reference", "2021")
    units = units[units["province_code"].isin(["83", "84"])]
    chau_thanh = {"83": "831", "84": "847"}
    lists = [
        ["comm_notable_districts", province, code, "huyện Châu Thành", "A.I.2"]
        for province, code in chau_thanh.items()
    ]
    _period(
        data_copy,
        'provinces: ["83", "84"]\nadmin_units: "2021"\n',
        units,
        [_figure("communes_total", "83", 1), _figure("communes_total", "84", 2)],
        lists,
    )
    data = load_period(PERIOD, data_copy)
    assert data.province == "00" and data.is_aggregate
    assert data.provinces == ["83", "84"]
    assert list(data.lists["item"]) == ["831", "847"]
    # A district name that belongs to another province than its code's is refused.
    lists_path = data_copy / "periods" / PERIOD / "lists.csv"
    text = lists_path.read_text(encoding="utf-8").replace("huyện Châu Thành", "huyện Ba Tri", 1)
    lists_path.write_text(text, encoding="utf-8")
    with pytest.raises((InputError, InputErrors)) as caught:
        load_period(PERIOD, data_copy)
    assert re.search("Ba Tri", caught.value.render("en"))


def test_an_ambiguous_name_lists_its_candidates(data_dir):
    units = load_units(data_dir / "reference", "2021")
    with pytest.raises(InputError) as caught:
        resolve_name(units, "Châu Thành", level="district")
    message = caught.value.render("en")
    for province in ("Bến Tre", "Trà Vinh", "Tiền Giang", "An Giang"):
        assert province in message
    assert resolve_name(units, "Châu Thành", province="84", level="district") == "847"
    assert resolve_name(units, "Phường 1", district="842") == "29239"


def test_aggregates_per_province_and_in_total(data_copy):
    units = load_units(data_copy / "reference", "2021")
    units = units[units["province_code"].isin(["83", "84", "86"])]
    indicators = [
        _figure("communes_total", "83", 10),
        _figure("communes_total", "842", 3),  # 84: only its districts report
        _figure("communes_total", "847", 4),
        _figure("communes_ntm_recognised_pct", "83", 50.5),
    ]
    _period(
        data_copy,
        'provinces: ["83", "84", "86"]\nadmin_units: "2021"\n',
        units,
        indicators,
    )
    data = load_period(PERIOD, data_copy)
    table = aggregate_by_province(data, "communes_total").set_index("area")
    assert table.loc["83", ["value", "method"]].tolist() == [10.0, "reported"]
    assert table.loc["84", ["value", "method"]].tolist() == [7.0, "sum_districts"]
    assert table.loc["86", "method"] == "none" and math.isnan(table.loc["86", "value"])
    assert table.loc["00", "method"] == "none"  # a province is unknown: no national sum
    shares = aggregate_by_province(data, "communes_ntm_recognised_pct").set_index("area")
    assert math.isnan(shares.loc["00", "value"])  # a share is never summed

    communes = communes_by_province(data).set_index("area")
    assert list(communes.index) == ["83", "84", "86", "00"]
    xa = data.communes
    assert communes.loc["00", "communes"] == len(xa)
    assert communes["communes"].iloc[:-1].sum() == len(xa)
    top = data.criteria.commune_count
    assert communes.loc["00", "all_met"] == int((data.communes["criteria_min"] >= top).sum())
    assert communes.loc["00", "criteria_min_mean"] == pytest.approx(
        data.communes["criteria_min"].mean()
    )
    assert communes.loc["00", "name"] == "toàn vùng"  # a regional period's aggregate


def test_a_period_without_districts_loads(data_copy):
    units = load_units(data_copy / "reference", "2025-07-01", "86")
    _period(
        data_copy,
        'province: "86"\nadmin_units: "2025-07-01"\n',
        units,
        [_figure("communes_total", "86", 124)],
        [
            [
                "comm_notable_districts",
                "86",
                units["unit_code"].iloc[3],
                units["unit_name"].iloc[3],
                "",
            ]
        ],
    )
    data = load_period(PERIOD, data_copy)
    assert not data.has_districts
    assert data.districts.empty and data.district_criteria.empty
    assert set(data.communes["district_code"]) == {""}
    assert data.area_names("vi")["86"] == "tỉnh Vĩnh Long"
    assert "input:no_district_level" in {f.id for f in data.input_findings}
    # A district table is refused: there are no districts to name.
    _write_csv(
        data_copy / "periods" / PERIOD / "districts.csv",
        ["code", "ntm_status"],
        [["855", "recognised"]],
    )
    with pytest.raises((InputError, InputErrors)) as caught:
        load_period(PERIOD, data_copy)
    assert re.search("unknown district code", caught.value.render("en"))


def test_a_province_outside_the_version_names_period_yml(data_copy):
    units = load_units(data_copy / "reference", "2021", "84")
    folder = _period(data_copy, 'provinces: ["84", "99"]\nadmin_units: "2021"\n', units, [])
    with pytest.raises(InputError) as caught:
        load_period(PERIOD, data_copy)
    assert re.search("99", caught.value.render("en"))
    assert (caught.value.path, caught.value.column) == (folder / "period.yml", "provinces")


@pytest.mark.parametrize(
    "keys",
    [
        {"province": "84", "provinces": ["84", "83"]},
        {"provinces": ["84", "84"]},
        {"provinces": ["00"]},
        {"provinces": []},
    ],
)
def test_inconsistent_province_keys_are_refused(keys):
    with pytest.raises(ValueError):
        PeriodMeta.model_validate(
            {"period": PERIOD, "label": {"vi": "x"}, "criteria_set": "2016-2020", **keys}
        )


@pytest.mark.heavy
def test_another_province_from_nothing_to_its_report_data(data_copy, tmp_path):
    """new-period --province 86 (Vĩnh Long, 2021 units) → workbook → filled → import →
    load_period with Vĩnh Long's own communes."""
    from openpyxl import load_workbook

    from ntm_analysis.cli import main

    shutil.rmtree(data_copy / "periods")
    (data_copy / "periods").mkdir()
    data = str(data_copy)
    assert main(["new-period", "--period", "2023-06", "--province", "86", "--data-dir", data]) == 0
    meta = (data_copy / "periods" / "2023-06" / "period.yml").read_text(encoding="utf-8")
    assert 'province: "86"' in meta and "admin_units:" in meta
    path = tmp_path / "w.xlsx"
    assert main(["workbook", "--period", "2023-06", "--output", str(path), "--data-dir", data]) == 0
    book = load_workbook(path)
    sheet = book[next(n for n in book.sheetnames if n.startswith("A.II.1 "))]  # sections.yml
    rows = {sheet.cell(r, 1).value: r for r in range(6, sheet.max_row + 1)}
    assert sheet.cell(rows["communes_total"], 2).value == "86"
    sheet.cell(rows["communes_total"], 7, 87)
    book.save(path)
    assert main(["import", "--period", "2023-06", str(path), "--data-dir", data]) == 0
    new = load_period("2023-06", data_copy)
    expected = load_units(data_copy / "reference", "2021", "86")
    xa = expected[expected["unit_type"] == "xa"]
    assert new.province == "86" and new.provinces == ["86"]
    assert set(new.communes["name"]) == set(xa["unit_name"])
    assert new.value("communes_total") == 87
    assert new.area_names("vi")["86"] == "tỉnh Vĩnh Long"


@pytest.mark.slow
def test_a_period_without_districts_renders(data_copy, tmp_path):
    """Every page of a period under the 2025 units renders; the data-quality page says the
    district parts are left out."""
    from ntm_analysis.cli import main

    shutil.rmtree(data_copy / "periods")
    (data_copy / "periods").mkdir()
    units = load_units(data_copy / "reference", "2025-07-01", "86")
    _period(
        data_copy,
        'province: "86"\nadmin_units: "2025-07-01"\n',
        units,
        [_figure("communes_total", "86", 124)],
        criteria_set="2021-2025",
    )
    out = tmp_path / "out"
    assert (
        main(["run", "--period", PERIOD, "--data-dir", str(data_copy), "--output-dir", str(out)])
        == 0
    )
    page = (out / PERIOD / "13_data_quality.html").read_text(encoding="utf-8")
    assert "không có cấp huyện" in page
