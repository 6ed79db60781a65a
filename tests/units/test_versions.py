"""Dated versions of the administrative units: counts, the Trà Vinh cross-check, bad input."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest

from ntm_analysis.errors import InputError
from ntm_analysis.units import load_units, load_versions

OLD, NEW = "2021", "2025-07-01"


@pytest.fixture
def reference_copy(tmp_path, data_dir):
    target = tmp_path / "reference"
    shutil.copytree(data_dir / "reference", target)
    return target


def test_index_declares_both_versions_and_a_default(data_dir):
    index = load_versions(data_dir / "reference")
    assert index.ids() == [OLD, NEW]
    assert index.default == OLD
    assert index.get(None).structure == "three_level"
    assert index.get(NEW).structure == "two_level"
    assert index.conversion(OLD, NEW).file.endswith(".csv")


def test_old_version_covers_the_country_in_three_levels(data_dir):
    units = load_units(data_dir / "reference", OLD)
    assert units["province_code"].nunique() == 63
    assert 690 <= units["district_code"].nunique() <= 710
    assert 10_500 <= len(units) <= 10_700
    assert set(units["district_type"]) == {"huyen", "thi_xa", "thanh_pho", "quan"}
    assert set(units["unit_type"]) == {"xa", "phuong", "thi_tran"}
    assert units["unit_code"].str.fullmatch(r"[0-9]{5}").all()
    assert units["unit_code"].is_unique
    placed = units["lat"].ne("").mean()
    assert placed > 0.9


def test_new_version_has_34_provinces_and_no_districts(data_dir):
    units = load_units(data_dir / "reference", NEW)
    assert units["province_code"].nunique() == 34
    assert len(units) == 3321
    assert units["district_code"].eq("").all() and units["district_type"].eq("").all()
    assert "86" in set(units["province_code"])
    assert units["lat"].ne("").all()


def test_tra_vinh_units_equal_the_shipped_gso_list(data_dir):
    shipped = pd.read_csv(
        data_dir / "reference" / "admin_units.csv", dtype=str, keep_default_na=False
    )
    units = load_units(data_dir / "reference", OLD, province="84")
    assert len(units) == 106
    columns = list(shipped.columns)
    mine = units[columns].sort_values("unit_code").reset_index(drop=True)
    theirs = shipped.sort_values("unit_code").reset_index(drop=True)
    pd.testing.assert_frame_equal(mine, theirs)


def test_a_province_that_the_version_lacks_is_an_input_error(data_dir):
    with pytest.raises(InputError) as caught:
        load_units(data_dir / "reference", NEW, province="84")
    assert re.search("no province '84'", caught.value.render("en"))
    assert caught.value.column == "province_code"


def test_an_unknown_version_names_the_known_ones(data_dir):
    with pytest.raises(InputError) as caught:
        load_units(data_dir / "reference", "1999")
    assert re.search("unknown administrative-units version", caught.value.render("en"))
    assert OLD in caught.value.render("en")


def test_a_bad_code_names_file_row_and_column(reference_copy):
    path = reference_copy / "admin_units" / f"{OLD}.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    fields = lines[3].split(",")
    fields[6] = "7"
    lines[3] = ",".join(fields)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_units(reference_copy, OLD)
    assert (caught.value.path, caught.value.row, caught.value.column) == (path, 4, "unit_code")


def test_a_district_type_outside_the_list_is_refused(reference_copy):
    path = reference_copy / "admin_units" / f"{OLD}.csv"
    text = path.read_text(encoding="utf-8").replace(",quan,", ",county,", 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_units(reference_copy, OLD)
    assert caught.value.column == "district_type"


def test_an_unknown_key_in_the_index_is_refused(reference_copy):
    path = reference_copy / "admin_units" / "versions.yml"
    path.write_text(path.read_text(encoding="utf-8") + "colour: blue\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_versions(reference_copy)
    assert caught.value.path == path and "colour" in caught.value.render("en")


def test_a_default_that_is_not_declared_is_refused(reference_copy):
    path = reference_copy / "admin_units" / "versions.yml"
    text = path.read_text(encoding="utf-8").replace(f'default: "{OLD}"', 'default: "1999"')
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_versions(reference_copy)
    assert re.search("not declared", caught.value.render("en"))


def test_a_folder_without_versions_reads_its_single_list(reference_copy):
    shutil.rmtree(reference_copy / "admin_units")
    units = load_units(reference_copy, province="84")
    assert len(units) == 106
    assert units["lat"].eq("").all() and units["province_type"].eq("").all()
    with pytest.raises(InputError):
        load_units(reference_copy, "2021")


def test_a_reference_list_with_a_quan_loads(data_copy):
    """admin_units.csv may hold urban districts (quận), as the whole-country version does."""
    from ntm_analysis.dataset.reference import UNIT_COLUMNS, area_names, load_admin_units

    reference = data_copy / "reference"
    hanoi = load_units(reference, OLD, province="01")[UNIT_COLUMNS]
    hanoi.to_csv(reference / "admin_units.csv", index=False, lineterminator="\n")
    units = load_admin_units(reference)
    assert "quan" in set(units["district_type"])
    assert area_names(units)["001"] == "quận Ba Đình"
    assert area_names(units, "en")["001"] == "Ba Đình urban district"
