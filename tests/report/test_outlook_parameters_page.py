"""Section C's workings name the outlook's parameters in words, never by their path."""

import re

import pytest

from ntm_analysis import load_period
from ntm_analysis.report.sections.c.outlook_views import _parameters
from ntm_analysis.report.sections.c.parameter_labels import parameter_label


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_shipped_parameter_has_words(lang):
    frame = _parameters(load_period("2021-09"), lang)
    assert len(frame) > 10
    for label in frame.iloc[:, 0]:
        assert not re.search(r"[._]|^\w+$", label), label  # no dotted path, no key


def test_the_months_of_the_file_are_named():
    label = parameter_label("communes.ntm.registered.completion.2", "vi", months=6)
    assert "6 tháng" in label and "thiếu 2 tiêu chí" in label
    assert parameter_label("unknown.key", "vi") == "unknown.key"  # nothing invented
