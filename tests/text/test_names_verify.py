"""`NameMatcher.verify`: does a written name name the unit its code says?"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from ntm_analysis.text.names import NameMatcher, NameMatchError, UnknownNameError

ADMIN_UNITS = Path(__file__).resolve().parents[2] / "data" / "reference" / "admin_units.csv"


@pytest.fixture(scope="module")
def matcher() -> NameMatcher:
    return NameMatcher.from_csv(ADMIN_UNITS)


def test_verify_accepts_the_units_names(matcher):
    # 29431 is spelt "Vinh Kim" as the source writes it (data/reference/SOURCES.yml)
    assert matcher.verify("Vinh Kim", "29431").exact
    assert matcher.verify("xã Vinh Kim", "29431", district="848").code == "29431"
    loose = matcher.verify("Vĩnh Kim", "29431")
    assert not loose.exact and loose.method == "folded"


def test_verify_refuses_another_unit(matcher):
    units = NameMatcher.from_csv(ADMIN_UNITS)._units
    other = next(
        u for u in units if u.unit_type == "xa" and u.district_code == "848" and u.code != "29431"
    )
    with pytest.raises(NameMatchError) as caught:
        matcher.verify(other.name, "29431")
    assert re.search("not the unit 29431", caught.value.render("en"))


def test_verify_refuses_unknown_names_and_codes(matcher):
    with pytest.raises(NameMatchError):
        matcher.verify("Không Có Xã Này", "29431")
    with pytest.raises(UnknownNameError) as caught:
        matcher.verify("Vĩnh Kim", "99999")
    assert re.search("unknown unit code", caught.value.render("en"))


@pytest.mark.heavy  # a second or more
def test_annex_and_period_modules_import_without_a_cycle():
    code = "import ntm_analysis.dataset.annex as a; assert not hasattr(a, 'PeriodData')"
    subprocess.run([sys.executable, "-c", code], check=True)
