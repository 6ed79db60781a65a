"""Section C's workings name the outlook's parameters in words, never by their path."""

import re

import pytest

from ntm_analysis import load_period
from ntm_analysis.outlook import model_of
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


@pytest.mark.parametrize(("lang", "more"), [("vi", "trở lên"), ("en", "or more")])
def test_the_last_gap_of_a_table_reads_as_that_gap_or_more(lang, more):
    data = load_period("2021-09")
    labels = list(_parameters(data, lang).iloc[:, 0])
    params = model_of(data).params
    months = int(params.reference_months.value)
    registered = params.communes["ntm"].registered.completion
    last, below = (
        parameter_label(
            f"communes.ntm.registered.completion.{gap}", lang, months=months, or_more=more_
        )
        for gap, more_ in ((registered.largest, True), (registered.largest - 1, False))
    )
    assert last in labels and more in last
    assert below in labels and more not in below
    assert sum(more in label for label in labels) == 4  # one per table by gap
