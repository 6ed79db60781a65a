"""Conversion of 2021 units to the units of 2025-07-01."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from ntm_analysis.errors import InputError
from ntm_analysis.units import convert, current_units, load_conversion, load_units

OLD, NEW = "2021", "2025-07-01"
VINH_LONG = "86"


def test_every_tra_vinh_unit_maps_into_vinh_long(data_dir):
    reference = data_dir / "reference"
    codes = list(load_units(reference, OLD, province="84")["unit_code"])
    converted = convert(reference, codes, OLD, NEW)
    assert set(converted["code"]) == set(codes)
    assert set(converted["to_province"]) == {VINH_LONG}
    assert converted["to_code"].ne("").all()
    new_codes = set(load_units(reference, NEW, province=VINH_LONG)["unit_code"])
    assert set(converted["to_code"]) <= new_codes


def test_every_old_unit_has_a_row_and_a_province(data_dir):
    reference = data_dir / "reference"
    table = load_conversion(reference, OLD, NEW)
    old = load_units(reference, OLD)
    assert set(table["from_code"]) == set(old["unit_code"])
    assert table["to_province"].str.fullmatch(r"[0-9]{2}").all()
    new_codes = set(load_units(reference, NEW)["unit_code"])
    assert set(table.loc[table["to_code"] != "", "to_code"]) <= new_codes


def test_a_split_unit_has_one_main_successor(data_dir):
    table = load_conversion(data_dir / "reference", OLD, NEW)
    split = table[table["relation"] == "split"]
    assert not split.empty
    mains = split[split["main"] == "yes"].groupby("from_code").size()
    assert (mains == 1).all() and set(mains.index) == set(split["from_code"])


def test_units_merged_before_2025_go_through_the_unit_that_absorbed_them(data_dir):
    reference = data_dir / "reference"
    converted = convert(reference, ["29245", "29251"], OLD, NEW)  # Phường 2 and 6, Trà Vinh
    assert list(converted["via"]) == ["29242", "29242"]  # both absorbed by Phường 3
    assert set(converted["relation"]) == {"merged"}
    assert set(converted["to_name"]) == {"Trà Vinh"}


def test_current_units_gives_names_in_words_in_input_order(data_dir):
    table = current_units(["29311", "29236"], NEW, data_dir / "reference")
    assert list(table["code"]) == ["29311", "29236"]
    assert table["current"].str.endswith("tỉnh Vĩnh Long").all()
    assert table["current"].iloc[0].startswith("xã ")
    english = current_units(["29311"], NEW, data_dir / "reference", lang="en")
    assert english["current"].iloc[0].endswith("Vĩnh Long province")


def test_current_units_of_a_period_covers_its_communes(period_data):
    table = current_units(period_data, NEW)
    assert list(table["code"]) == list(period_data.communes["code"])
    assert set(table["current_province"]) == {VINH_LONG}
    assert table["current_codes"].map(len).ge(1).all()


def test_current_units_accepts_a_table(data_dir):
    frame = pd.DataFrame({"unit_code": ["29236"]})
    assert current_units(frame, NEW, data_dir / "reference")["code"].tolist() == ["29236"]


def test_an_unknown_code_is_an_input_error(data_dir):
    with pytest.raises(InputError) as caught:
        convert(data_dir / "reference", ["99999"], OLD, NEW)
    assert re.search("not units of version", caught.value.render("en"))


def test_a_conversion_that_is_not_declared_is_an_input_error(data_dir):
    with pytest.raises(InputError) as caught:
        load_conversion(data_dir / "reference", NEW, OLD)
    assert re.search("no conversion", caught.value.render("en"))


@pytest.mark.heavy
def test_a_period_naming_its_units_version_loads_and_converts(data_copy):
    from ntm_analysis import load_period

    meta = data_copy / "periods" / "2021-09" / "period.yml"
    meta.write_text(meta.read_text(encoding="utf-8") + f'admin_units: "{OLD}"\n', encoding="utf-8")
    data = load_period("2021-09", data_copy, with_baseline=False)
    assert data.meta["admin_units"] == OLD
    assert len(data.units) == 106 and data.units["lat"].ne("").sum() == 104
    table = current_units(data, NEW)
    assert set(table["current_province"]) == {VINH_LONG}


def test_a_misspelt_units_version_in_period_yml_names_the_line(data_copy):
    from ntm_analysis import load_period

    meta = data_copy / "periods" / "2021-09" / "period.yml"
    meta.write_text(meta.read_text(encoding="utf-8") + "admin_units: 2021/07\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_period("2021-09", data_copy, with_baseline=False)
    assert caught.value.path == meta and caught.value.row is not None


def test_a_province_absent_from_the_named_version_names_period_yml(data_copy):
    from ntm_analysis import load_period

    meta = data_copy / "periods" / "2021-09" / "period.yml"
    text = meta.read_text(encoding="utf-8").replace('province: "84"', 'province: "99"')
    meta.write_text(text + f'admin_units: "{OLD}"\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_period("2021-09", data_copy, with_baseline=False)
    assert re.search("not in units version", caught.value.render("en"))
    assert (caught.value.path, caught.value.column) == (meta, "province")


def test_a_conversion_row_with_an_unknown_relation_names_its_row(tmp_path, data_dir):
    import shutil

    reference = tmp_path / "reference"
    shutil.copytree(data_dir / "reference", reference)
    path = reference / "admin_units" / "conversion_2021_2025-07-01.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    fields = lines[4].split(",")
    fields[3] = "absorbed"  # the relation column
    lines[4] = ",".join(fields)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_conversion(reference, OLD, NEW)
    assert (caught.value.path, caught.value.row, caught.value.column) == (path, 5, "relation")
