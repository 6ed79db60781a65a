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

from ntm_analysis.dataset.yaml_strict import YamlDocument
from ntm_analysis.errors import InputError, InputErrors
from ntm_analysis.i18n import pick

# Marks a Vietnamese text shown in English output because no English text was entered.
UNTRANSLATED = " (in Vietnamese)"

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


def _input_error(model: type[BaseModel], error: dict, document: YamlDocument) -> InputError:
    location = tuple(error["loc"])
    holder, written = model_at(model, location)
    written = _in_file(written, holder, document)
    line = document.line_of(written)
    kind, value = error["type"], error.get("input")
    key = str(written[-1]) if written else ""
    expected: str | None = None
    if kind == "extra_forbidden":
        allowed = sorted(holder.model_fields) if holder is not None else []
        close = difflib.get_close_matches(key, allowed, n=1)
        message = f"unknown key {key!r}" + (f" (did you mean {close[0]!r}?)" if close else "")
        expected = f"one of {allowed}" if allowed else None
    elif kind == "missing":
        message = f"missing key {key!r}"
    elif kind in ("float_type", "float_parsing", "int_type", "int_parsing", "finite_number"):
        message = f"{value!r} is not a number"
        expected = "a plain number such as 18.68 (no quotes, '.' as decimal mark, no grouping)"
    elif kind == "bool_type":
        message = f"{value!r} is not true or false"
        expected = "true or false"
    elif kind == "string_type":
        message = f"{value!r} is not text"
        expected = 'text; write codes in quotes, e.g. "84"'
    elif kind in ("list_type", "tuple_type", "too_short", "too_long"):
        message = (f"{value!r} is not a list" if kind.endswith("_type") else str(error["msg"])) + (
            "" if kind.endswith("_type") else f" (got {value!r})"
        )
        expected = "a list, e.g. [a, b]" if kind.endswith("_type") else None
    elif kind in ("dict_type", "model_type", "model_attributes_type"):
        message = f"{value!r} is not a mapping"
        expected = "keys with values, e.g. {vi: ..., en: ...}"
    elif kind == "string_pattern_mismatch":
        message = f"{value!r} is not in the expected form"
        expected = f"text matching {error.get('ctx', {}).get('pattern')}"
    elif kind == "literal_error":
        message = f"{value!r} is not allowed"
        expected = error.get("ctx", {}).get("expected")
    elif kind == "union_tag_invalid":
        message = f"unknown kind {error.get('ctx', {}).get('tag')!r}"
        expected = f"one of {error.get('ctx', {}).get('expected_tags')}"
    elif kind == "value_error":
        message = str(error["msg"]).removeprefix("Value error, ")
    else:
        message = f"{error['msg']} (got {value!r})" if "input" in error else error["msg"]
    return InputError(
        message, path=document.path, row=line, column=key_path(written) or None, expected=expected
    )


def check_unique(
    items: list, attribute: str, document: YamlDocument, where: str, what: str
) -> None:
    """Raise InputError when two items share `attribute`, naming the second one's line."""
    seen: dict[Any, int] = {}
    for i, item in enumerate(items):
        value = getattr(item, attribute)
        if value in seen:
            raise InputError(
                f"{what} {value!r} is declared twice (first as item {seen[value] + 1})",
                path=document.path,
                row=document.line_of((where, i)),
                column=f"{where}[{i}].{attribute}",
                expected="each once",
            )
        seen[value] = i
