"""Errors a reader sees keep their msgid and values and render in the language asked:
Vietnamese by default, English on request, the frame (file, row, column, expected) too."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from ntm_analysis.dataset.admin_units.versions import VersionIndex
from ntm_analysis.dataset.models import validate_document
from ntm_analysis.dataset.yaml_strict import load_document
from ntm_analysis.errors import InputError, InputErrors, Message, NtmError
from ntm_analysis.i18n import N_
from ntm_analysis.text.numbers import VietnameseNumberError, parse_vn_number


def _error() -> InputError:
    return InputError(
        N_("thiếu cột {name!r}"),
        path="data/x.csv",
        row=3,
        column="value",
        expected=N_("một trong {known}"),
        name="met",
        known=["a", "b"],
    )


def test_an_input_error_is_vietnamese_by_default_and_english_on_request():
    error = _error()
    assert str(error) == (
        "data/x.csv, dòng 3, cột 'value': thiếu cột 'met' (cần: một trong ['a', 'b'])"
    )
    assert error.render("vi") == str(error)
    assert error.render("en") == (
        "data/x.csv, row 3, column 'value': missing column 'met' (expected one of ['a', 'b'])"
    )
    assert error.msgid == "thiếu cột {name!r}" and error.values["name"] == "met"
    assert error.detail == error.message("vi") and "met" in error.message("en")


def test_values_that_are_wordings_or_errors_render_in_the_same_language():
    try:
        parse_vn_number("12,3,4")
    except VietnameseNumberError as cause:
        wrapped = InputError(
            N_("kỳ {period}: {error}"), period="2021-09", error=cause, path="a.csv"
        )
    assert "không phải là số" in str(wrapped)
    assert "is not a number" in wrapped.render("en")
    assert "không phải" not in wrapped.render("en")
    what = InputError(
        N_("nơi ghi kết quả là {what}; giữ nguyên, không thay đổi"), what=Message(N_("một tệp"))
    )
    assert str(what).startswith("nơi ghi kết quả là một tệp")
    assert what.render("en").startswith("the destination is a file")


def test_an_error_built_from_a_message_or_another_error_takes_its_msgid_and_values():
    message = Message(N_("không có sổ tính {name!r}"), name="x")
    error = InputError(message, path="nb")
    assert error.msgid == message.msgid and error.values == {"name": "x"}
    assert error.render("en") == "nb: unknown notebook 'x'"
    again = InputError(error, row=2)
    assert again.render("en") == "row 2: unknown notebook 'x'"


def test_several_errors_are_counted_and_listed_in_each_language():
    errors = InputErrors([_error(), _error()], limit=1)
    assert str(errors).splitlines()[0] == "2 lỗi trong dữ liệu nhập:"
    assert str(errors).splitlines()[-1] == "  … và 1 lỗi khác"
    english = errors.render("en").splitlines()
    assert english[0] == "2 problem(s) in the input:" and english[-1] == "  … and 1 more"
    assert english[1].startswith("  - data/x.csv, row 3")


def test_an_error_survives_pickling_with_its_values_and_frame():
    error = pickle.loads(pickle.dumps(_error()))
    assert error.row == 3 and error.values["name"] == "met"
    assert error.render("en") == _error().render("en")
    assert str(error) == str(_error())
    assert isinstance(pickle.loads(pickle.dumps(NtmError(N_("một tệp")))), NtmError)


def test_a_validators_own_wording_renders_in_either_language():
    """A pydantic validator raises ValueError(Message(…)): the InputError keeps its msgid."""
    version = "{id: '2020', label: {vi: A, en: A}, structure: three_level, file: a.csv, source: x}"
    text = f"default: '2020'\nversions:\n  - {version}\n  - {version}\n"
    with pytest.raises(InputError) as raised:
        validate_document(VersionIndex, load_document(text, Path("versions.yml")))
    assert str(raised.value) == (
        "versions.yml, dòng 1: một phiên bản được khai báo hai lần: ['2020', '2020']"
    )
    assert raised.value.render("en") == (
        "versions.yml, row 1: a version is declared twice: ['2020', '2020']"
    )
