"""The outlook's rules on synthetic cases with known answers (every figure here is made up)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest
import yaml

from ntm_analysis.errors import InputError
from ntm_analysis.outlook import STATUSES, from_probability, judge_year_end, status_label
from ntm_analysis.outlook.distribution import count_of, interval, meets, smallest_of, sum_of
from ntm_analysis.outlook.parameters import load_parameters
from ntm_analysis.outlook.probability import gain_survival, recognised_by, transition, within


@pytest.mark.parametrize(
    ("p", "status"),
    [
        (0.95, "on_track"),
        (0.8, "on_track"),
        (0.79, "at_risk"),
        (0.5, "at_risk"),
        (0.49, "off_track"),
    ],
)
def test_status_from_the_probability_of_meeting(p, status):
    assert from_probability(p, 0.8, 0.5) == status


def test_a_wide_range_that_reaches_the_target_is_not_at_risk_by_itself():
    """The old rule called a target at risk whenever the low end fell short; now a count whose
    interval starts below the goal is on track when it meets it with 80 % or more."""
    dist = count_of([0.95] * 10)  # synthetic: ten communes, each very likely
    low, _ = interval(dist, 0.8)
    assert low < 10 and meets(dist, 9, "at_least") >= 0.8
    assert from_probability(meets(dist, 9, "at_least"), 0.8, 0.5) == "on_track"


def test_poisson_binomial_matches_enumeration():
    ps = [0.1, 0.5, 0.73, 0.9, 0.33]
    dist = count_of(ps, already=2)
    exact = np.zeros(len(ps) + 1)
    for outcome in itertools.product((0, 1), repeat=len(ps)):
        exact[sum(outcome)] += math.prod(
            p if o else 1 - p for p, o in zip(ps, outcome, strict=True)
        )
    assert dist.offset == 2
    assert np.allclose(dist.pmf, exact, atol=1e-10)
    assert dist.mean == pytest.approx(2 + sum(ps))


@pytest.mark.heavy  # a second or more
def test_sum_of_thousands_of_parts_keeps_mean_and_mass():
    rng = np.random.default_rng(3)
    parts = [(int(o), rng.dirichlet(np.ones(4))) for o in rng.integers(0, 5, 3000)]
    dist = sum_of(parts)
    mean = sum(o + pmf @ np.arange(4) for o, pmf in parts)
    assert dist.pmf.sum() == pytest.approx(1.0)
    assert dist.mean == pytest.approx(mean, rel=1e-9)


def test_smallest_of_independent_values():
    a = np.array([1.0, 0.5, 0.25])  # P(≥0), P(≥1), P(≥2)
    b = np.array([1.0, 1.0, 0.5])
    dist = smallest_of([a, b])
    assert dist.pmf.tolist() == pytest.approx([0.5, 0.375, 0.125])


def test_probability_over_other_spans():
    assert within(0.5, 6, 3) == pytest.approx(0.75)
    assert within(0.5, 0, 3) == 0.0
    assert within(1.0, 1, 3) == 1.0


def test_recognition_past_the_year_counts_with_the_cutoff():
    """A commune at every criterion is recognised by the cut-off with more chance than by 31
    December; one lacking criteria needs them met before the year's end."""
    by_year_end = recognised_by(1.0, 0.5, 3, 0, 3)
    with_cutoff = recognised_by(1.0, 0.5, 3, 3, 3)
    assert by_year_end == pytest.approx(0.5)
    assert with_cutoff == pytest.approx(0.75)
    lacking = recognised_by(0.6, 0.9, 3, 3, 3)
    assert 0 < lacking < 0.6  # must meet the criteria (0.6 in the quarter) and be recognised
    assert recognised_by(0.6, 0.9, 0, 3, 3) == 0.0  # no months left to meet them


def test_recognised_by_matches_a_simulation_of_the_two_waits():
    rng = np.random.default_rng(11)
    complete, recognise, months, cutoff, ref = 0.45, 0.7, 3.0, 3.0, 3.0
    lam, mu = -math.log1p(-complete) / ref, -math.log1p(-recognise) / ref
    done = rng.exponential(1 / lam, 200_000)
    voted = done + rng.exponential(1 / mu, done.size)
    observed = np.mean((done <= months) & (voted <= months + cutoff))
    assert recognised_by(complete, recognise, months, cutoff, ref) == pytest.approx(
        observed, abs=0.005
    )


def test_criteria_gains_never_exceed_the_top_and_are_not_capped_at_four(data_dir):
    table = load_parameters(data_dir).communes["ntm"].registered.completion
    gain = gain_survival(table, 7, 12, 3)
    assert gain[5] > 0  # the old rule capped a commune's gain at 4 criteria
    matrix = transition(table, 19, 3, 3)
    assert np.allclose(matrix.sum(axis=1), 1.0)
    assert np.allclose(np.tril(matrix, -1), 0.0)  # no criterion is lost


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d.update(surprise=1), "surprise"),
        (lambda d: d["status"].update(at_risk={"value": 0.9, "source": "office"}), "at_risk"),
        (lambda d: d["interval"].update(source="guess"), "source"),
        (
            lambda d: d["districts"]["completion"].update({2: {"value": 0.9, "source": "office"}}),
            "tăng",
        ),
    ],
)
def test_parameters_are_validated(data_copy, edit, message):
    path = data_copy / "reference" / "outlook.yml"
    doc = yaml.safe_load(path.read_text("utf-8"))
    edit(doc)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), "utf-8")
    with pytest.raises(InputError) as caught:
        load_parameters(data_copy)
    assert message in caught.value.render("vi")


def test_every_shipped_parameter_says_where_it_comes_from(data_dir):
    text = (data_dir / "reference" / "outlook.yml").read_text("utf-8")
    doc = yaml.safe_load(text)

    def leaves(node):
        if isinstance(node, dict) and "value" in node:
            yield node
        elif isinstance(node, dict):
            for child in node.values():
                yield from leaves(child)

    found = list(leaves(doc))
    assert len(found) > 20
    assert all(leaf["source"] in {"assumption", "calibrated", "office"} for leaf in found)


@pytest.mark.parametrize(
    ("current", "rng", "direction", "status"),
    [
        (95.0, None, "at_least", "met"),
        (94.99, None, "at_least", "missed"),  # unrounded: 94,99 does not meet 95
        (None, (0.0, 0.0), "at_most", "met"),
        (None, (1.0, 4.0), "at_most", "missed"),
        (None, (0.0, 4.0), "at_most", "unknown"),  # straddles the target
        (None, None, "at_least", "unknown"),
    ],
)
def test_year_end_reads_met_or_missed_on_the_figures(current, rng, direction, status):
    goal = 95.0 if direction == "at_least" else 0.0
    assert judge_year_end(current, goal, direction, rng).status == status


def test_one_wording_per_status_in_each_language():
    for lang in ("vi", "en"):
        labels = [status_label(s, lang) for s in STATUSES]
        assert len(set(labels)) == len(STATUSES)
        assert all("_" not in label for label in labels)
    assert status_label("off_track", "vi") == "Khó đạt"
    assert status_label("missed", "en") == "Missed"
    with pytest.raises(ValueError, match="unknown status"):
        status_label("late", "vi")
