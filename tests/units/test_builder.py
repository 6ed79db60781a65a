"""The builder's pure steps: prefixes, alias keys, the unit that absorbed a merged one."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from ntm_analysis.units.words import unit_label

SCRIPT = Path(__file__).resolve().parents[2] / "data" / "reference" / "build_admin_unit_versions.py"


@pytest.fixture(scope="module")
def builder():
    spec = importlib.util.spec_from_file_location("build_admin_unit_versions", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_prefixes_become_type_codes(builder):
    assert builder.split_prefix("Thị Trấn Mường Chà", builder.UNIT_PREFIXES) == (
        "Mường Chà",
        "thi_tran",
    )
    assert builder.split_prefix("Phường 1", builder.UNIT_PREFIXES) == ("Phường 1", "phuong")
    assert builder.split_prefix("Đặc khu Côn Đảo", builder.UNIT_PREFIXES) == ("Côn Đảo", "dac_khu")
    with pytest.raises(ValueError):
        builder.split_prefix("Ấp Một", builder.UNIT_PREFIXES)


def test_keys_and_alias_keys(builder):
    assert builder.key("Phường Hòa Thuận") == "phuonghoathuan"
    assert builder.key("Xã Đông Hải") == "xadonghai"
    assert builder.alias_keys("Phường 2") == {"phuong2", "phuong02"}


def test_absorber_prefers_the_same_district_and_refuses_ambiguity(builder):
    aliases = {
        ("84", "phuong2"): {("29242", "842")},
        ("79", "phuong2"): {("1", "760"), ("2", "761")},
    }
    unit = {"name_with_type": "Phường 2"}
    assert builder.absorber(unit, "84", "842", aliases) == "29242"
    assert builder.absorber(unit, "79", "760", aliases) == "1"
    assert builder.absorber(unit, "79", "999", aliases) is None
    assert builder.absorber({"name_with_type": "Xã Không Có"}, "84", "842", aliases) is None


def test_unit_labels_in_words():
    assert unit_label("Hòa Ân", "xa") == "xã Hòa Ân"
    assert unit_label("Phường 4", "phuong") == "Phường 4"
    assert unit_label("Vĩnh Long", "tinh", "en") == "Vĩnh Long province"
    assert unit_label("Trà Vinh", "") == "Trà Vinh"
