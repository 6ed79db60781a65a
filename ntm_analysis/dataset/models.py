"""pydantic models of the YAML configuration files, and their errors as InputErrors.

Every model forbids unknown keys and is strict: a string is not read as a number or a
boolean, so `target: "08"`, `exhaustive: yes` or `value: 1_000` are errors instead of being
reinterpreted. `validate_document` turns a pydantic ValidationError into InputErrors naming
the file, the line (from the YAML node, see `yaml_strict`) and the key path.

The relation models are in `relations.py`; the models of period.yml, targets, corrections
and criteria sets in `config_models.py`.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Annotated, Any, TypeVar, Union

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError

from ntm_analysis import i18n
from ntm_analysis.dataset.yaml_strict import YamlDocument
from ntm_analysis.errors import InputError, InputErrors, Message
from ntm_analysis.i18n import N_, pick

# The marker of a label entered only in Vietnamese, shown on English pages (the catalogue's).
UNTRANSLATED = i18n.UNTRANSLATED

Code = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Text = Annotated[str, StringConstraints(min_length=1)]
AreaCode = Annotated[str, StringConstraints(pattern=r"^[0-9]{2,5}$")]
PeriodName = Annotated[str, StringConstraints(pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$")]
Section = Annotated[str, StringConstraints(pattern=r"^[A-C](\.[IVX]+)?(\.[0-9]+)*$")]


class Strict(BaseModel):
    """Base of every configuration model: unknown keys forbidden, no type coercion, finite
    numbers only, immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False, frozen=True)


class Label(Strict):
    """A text in Vietnamese, with its English version when one was entered."""

    vi: Text
    en: Text | None = None

    def text_in(self, lang: str = "vi") -> str:
        """The text in `lang`; English falls back to the Vietnamese text, marked."""
        return pick(lang, self.vi, self.en or self.vi + UNTRANSLATED)


class BilingualLabel(Label):
    """A label of the reference data, which always has both languages."""

    en: Text


M = TypeVar("M", bound=BaseModel)


def validate_document(model: type[M], document: YamlDocument) -> M:
    """Validate a loaded YAML document against `model`; every error is an InputError naming
    the file, line and key path (all of them at once, as InputErrors)."""
    try:
        return model.model_validate(document.data)
    except ValidationError as exc:
        errors = [_input_error(model, error, document) for error in exc.errors()]
        raise (errors[0] if len(errors) == 1 else InputErrors(errors)) from None


def key_path(location: tuple) -> str:
    """`("relations", 3, "exhaustiv")` → `relations[3].exhaustiv` (union tags dropped later)."""
    out = ""
    for item in location:
        out += f"[{item}]" if isinstance(item, int) else (f".{item}" if out else str(item))
    return out


def _unwrap(annotation: Any) -> Any:
    """Strip Annotated/Optional wrappers."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _union_member(annotation: Any, tag: Any) -> Any:
    """The member of a discriminated union whose `kind` is `tag`, if any."""
    for member in typing.get_args(_unwrap(annotation)):
        member = _unwrap(member)
        if isinstance(member, type) and issubclass(member, BaseModel):
            field = member.model_fields.get("kind")
            if field is not None and tag in typing.get_args(field.annotation):
                return member
    return None


def model_at(model: type[BaseModel], location: tuple) -> tuple[type[BaseModel] | None, tuple]:
    """The model class holding the last key of `location`, and the location without union
    tags (as written in the file)."""
    current: Any = model
    written: list[Any] = []
    holder: type[BaseModel] | None = model
    for item in location:
        current = _unwrap(current)
        member = _union_member(current, item)
        if member is not None:  # a discriminated union's tag: not a key of the file
            current = holder = member
            continue
        written.append(item)
        origin = typing.get_origin(current)
        if isinstance(current, type) and issubclass(current, BaseModel):
            holder = current
            field = current.model_fields.get(str(item))
            current = field.annotation if field is not None else None
        elif origin in (list, tuple):
            current = typing.get_args(current)[0]
        elif origin is dict:
            current = typing.get_args(current)[1]
        else:
            current = None
    return holder, tuple(written)


def _in_file(location: tuple, holder: type[BaseModel] | None, document: YamlDocument) -> tuple:
    """The keys and indices of `location` that are in the file, plus a last key the model
    expects (a missing key); drops pydantic's labels of union members (`str`, `list[str]`)."""
    kept: list[Any] = []
    for n, item in enumerate(location):
        step = (*kept, item if isinstance(item, int) else str(item))
        last = n == len(location) - 1
        if step in document.lines or (
            last and holder is not None and str(item) in holder.model_fields
        ):
            kept.append(step[-1])
    return tuple(kept)


# Pydantic's error kinds that need only the value: (message, expected), msgids.
_VALUE_ERRORS = {
    **dict.fromkeys(
        ("float_type", "float_parsing", "int_type", "int_parsing", "finite_number"),
        (
            N_("{value!r} không phải là số"),
            N_(
                "một số viết đơn giản như 18.68 (không đặt trong ngoặc kép, dấu '.' ngăn phần "
                "thập phân, không nhóm hàng nghìn)"
            ),
        ),
    ),
    "bool_type": (N_("{value!r} không phải là true hoặc false"), N_("true hoặc false")),
    "string_type": (
        N_("{value!r} không phải là chữ"),
        N_('chữ; mã thì đặt trong ngoặc kép, ví dụ "84"'),
    ),
    **dict.fromkeys(
        ("list_type", "tuple_type"),
        (N_("{value!r} không phải là danh sách"), N_("một danh sách, ví dụ [a, b]")),
    ),
    **dict.fromkeys(
        ("dict_type", "model_type", "model_attributes_type"),
        (
            N_("{value!r} không phải là bảng khóa–giá trị"),
            N_("các khóa kèm giá trị, ví dụ {{vi: ..., en: ...}}"),
        ),
    ),
}


# Pydantic's error kinds whose wording needs the bound in `ctx` (its keys are the fields).
_BOUND_ERRORS = {
    "too_short": N_("cần ít nhất {min_length} phần tử, có {actual_length}"),
    "too_long": N_("chỉ được nhiều nhất {max_length} phần tử, có {actual_length}"),
    "string_too_short": N_("{value!r} ngắn hơn {min_length} ký tự"),
    "string_too_long": N_("{value!r} dài hơn {max_length} ký tự"),
    "greater_than": N_("{value!r} phải lớn hơn {gt}"),
    "greater_than_equal": N_("{value!r} phải lớn hơn hoặc bằng {ge}"),
    "less_than": N_("{value!r} phải nhỏ hơn {lt}"),
    "less_than_equal": N_("{value!r} phải nhỏ hơn hoặc bằng {le}"),
}


def _unknown_key(key: str, holder: type[BaseModel] | None) -> tuple[Message, str | None]:
    allowed = sorted(holder.model_fields) if holder is not None else []
    close = difflib.get_close_matches(key, allowed, n=1)
    message = (
        Message(N_("khóa không hợp lệ {key!r} (có phải là {close!r}?)"), key=key, close=close[0])
        if close
        else Message(N_("khóa không hợp lệ {key!r}"), key=key)
    )
    message.values["allowed"] = allowed
    return message, N_("một trong {allowed}") if allowed else None


def _wording(error: dict, key: str, holder: type[BaseModel] | None) -> tuple[Message, str | None]:
    """The message (and what was expected, a msgid) of one pydantic error."""
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx", {})
    if kind in _VALUE_ERRORS:
        message, expected = _VALUE_ERRORS[kind]
        return Message(message, value=value), expected
    if kind in _BOUND_ERRORS:
        return Message(_BOUND_ERRORS[kind], **{**ctx, "value": value}), None
    if kind == "extra_forbidden":
        return _unknown_key(key, holder)
    if kind == "missing":
        return Message(N_("thiếu khóa {key!r}"), key=key), None
    if kind == "string_pattern_mismatch":
        message = Message(N_("{value!r} không đúng dạng"), value=value, pattern=ctx.get("pattern"))
        return message, N_("chữ khớp mẫu {pattern}")
    if kind == "literal_error":
        allowed = ctx.get("expected")
        message = Message(N_("{value!r} không được phép"), value=value, allowed=allowed)
        return message, N_("{allowed}") if allowed else None
    if kind == "union_tag_invalid":
        tag, allowed = ctx.get("tag"), ctx.get("expected_tags")
        return Message(N_("không có loại {tag!r}"), tag=tag, allowed=allowed), N_(
            "một trong {allowed}"
        )
    if kind == "value_error":
        cause = ctx.get("error")
        if isinstance(cause, ValueError) and cause.args and isinstance(cause.args[0], Message):
            return cause.args[0], None  # a validator's own wording: ValueError(Message(…))
        return Message(N_("{reason}"), reason=str(error["msg"]).removeprefix("Value error, ")), None
    if "input" in error:  # the rest: pydantic's own words, and the value
        return Message(N_("{reason} (nhận được {value!r})"), reason=error["msg"], value=value), None
    return Message(N_("{reason}"), reason=error["msg"]), None


def _input_error(model: type[BaseModel], error: dict, document: YamlDocument) -> InputError:
    holder, written = model_at(model, tuple(error["loc"]))
    written = _in_file(written, holder, document)
    key = str(written[-1]) if written else ""
    message, expected = _wording(error, key, holder)
    return InputError(
        message,
        path=document.path,
        row=document.line_of(written),
        column=key_path(written) or None,
        expected=expected,
    )


def check_unique(
    items: list, attribute: str, document: YamlDocument, where: str, what: str
) -> None:
    """Raise InputError when two items share `attribute`, naming the second one's line
    (`what`: the attribute in words, a msgid marked with N_)."""
    seen: dict[Any, int] = {}
    for i, item in enumerate(items):
        value = getattr(item, attribute)
        if value in seen:
            raise InputError(
                N_("{what} {value!r} được khai báo hai lần (lần đầu ở mục thứ {first})"),
                path=document.path,
                row=document.line_of((where, i)),
                column=f"{where}[{i}].{attribute}",
                expected=N_("mỗi mã một lần"),
                what=Message(what),
                value=value,
                first=seen[value] + 1,
            )
        seen[value] = i
