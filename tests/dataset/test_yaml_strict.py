"""Strict YAML loading: what safe_load would reinterpret is refused or kept as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ntm_analysis.dataset.files import read_yaml, read_yaml_document
from ntm_analysis.dataset.yaml_strict import MAX_INT_DIGITS, load_document
from ntm_analysis.errors import InputError

P = Path("file.yml")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("1:30", "1:30"),
        ("1_000", "1_000"),
        ("0x1F", "0x1F"),
        ("08", "08"),
        (".nan", ".nan"),
        (".inf", ".inf"),
        ("-.inf", "-.inf"),
        ("2021-09-30", "2021-09-30"),
    ],
)
def test_yaml_1_1_forms_stay_strings(text, kept):
    assert load_document(f"value: {text}\n", P).data == {"value": kept}


@pytest.mark.parametrize(
    ("text", "value"),
    [("true", True), ("false", False), ("12", 12), ("-3", -3), ("18.68", 18.68), ("1e3", 1e3)],
)
def test_core_scalars_are_typed(text, value):
    loaded = load_document(f"value: {text}\n", P).data["value"]
    assert loaded == value and type(loaded) is type(value)


def test_null_forms():
    assert load_document("a: ~\nb: null\nc:\n", P).data == {"a": None, "b": None, "c": None}


def test_duplicate_key_names_both_lines():
    with pytest.raises(InputError) as info:
        load_document("a: 1\nb:\n  c: 2\n  c: 3\n", P)
    assert (
        info.value.row == 4
        and "'c' appears twice" in info.value.render("en")
        and "line 3" in info.value.render("en")
    )


def test_alias_is_refused_before_any_expansion():
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    for level in "bcdefghijk":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [" + ",".join([f"*{previous}"] * 9) + "]\n"
    with pytest.raises(InputError) as caught:
        load_document(bomb, P)
    assert re.search("aliases", caught.value.render("en"))


@pytest.mark.parametrize("text", ["!!float .nan", "!!float .inf", "!!binary aGk=", "!!set {a}"])
def test_foreign_tags_and_non_finite_numbers_are_refused(text):
    with pytest.raises(InputError) as info:
        load_document(f"a: 1\nvalue: {text}\n", P)
    assert info.value.row == 2


def test_lines_by_path_and_deepest_known_line():
    doc = load_document("items:\n  - id: x\n    kind: sum\n  - id: y\n", P)
    assert doc.lines[("items", 1, "id")] == 4
    assert doc.line_of(("items", 0, "sum", "kind")) == 3  # "sum" is not a node: skipped
    assert doc.line_of(("items", 1, "missing")) == 4


def test_read_yaml_names_the_file(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text("a: 1\na: 2\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_yaml(path)
    assert info.value.path == path and info.value.row == 2
    path.write_text("a: [1, 2]\n", encoding="utf-8")
    assert read_yaml_document(path).data == {"a": [1, 2]}


WHOLE = st.integers(-(10**MAX_INT_DIGITS) + 1, 10**MAX_INT_DIGITS - 1)  # docs/input-limits.md


@given(st.dictionaries(st.from_regex(r"k[a-z_]{0,8}", fullmatch=True), WHOLE, max_size=5))
def test_json_like_mappings_round_trip(mapping):
    text = "\n".join(f"{k}: {v}" for k, v in mapping.items()) or "{}"
    assert load_document(text, P).data == mapping


@pytest.mark.parametrize("digits", [MAX_INT_DIGITS + 1, 5000])
def test_a_whole_number_past_the_digit_limit_is_refused(digits):
    with pytest.raises(InputError) as caught:
        load_document(f"target: {'9' * digits}", P)
    assert f"{digits} digits, over the limit of {MAX_INT_DIGITS}" in caught.value.render("en")


@given(st.text(alphabet="0123456789_:.+-eEyYnNoOfFtTrRuUlsa", min_size=1, max_size=8))
def test_plain_scalars_are_text_unless_core_forms(text):
    """A plain scalar is a number only in plain decimal form, a boolean only as true/false,
    and otherwise the text as written (YAML 1.1's yes/on/1_000/1:30 forms included)."""
    import re

    try:
        loaded = load_document(f"v: {text}\n", P).data["v"]
    except InputError:
        return  # not a plain scalar (e.g. starts with an indicator such as '-' or ':')
    if isinstance(loaded, bool):
        assert text.lower() in ("true", "false")
    elif isinstance(loaded, int):
        assert re.fullmatch(r"[-+]?(0|[1-9][0-9]*)", text) and loaded == int(text)
    elif isinstance(loaded, float):
        assert "_" not in text and ":" not in text and loaded == float(text)
    elif loaded is None:
        assert text in ("null", "Null", "NULL")
    else:
        assert loaded == text
