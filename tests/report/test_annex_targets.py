"""Phụ lục II (the year's targets) writes each level in the page's language."""

import pytest

from ntm_analysis.report.sections.annexes import targets_table


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_levels_are_figures_in_the_language_of_the_page(period_data, lang):
    frame = targets_table(period_data, lang)
    levels = dict(zip(frame.iloc[:, 0], frame.iloc[:, 1], strict=True))
    below = next(v for k, v in levels.items() if "14" in k)
    assert below == "0"  # "không còn xã nào", not the threshold printed in words
    average = next(v for v in levels.values() if "68" in v)
    assert average == ("18,68" if lang == "vi" else "18.68")
    assert ("1–2") in levels.values()  # a printed range stays a range
    stretch = "phấn đấu" if lang == "vi" else "stretch"
    assert any(stretch in v for v in levels.values())
