"""Vietnamese number parsing and locale-aware formatting (Babel).

Vietnamese official documents write `.` to group thousands and `,` as the decimal mark:
`5.214.624,5` is 5214624.5 and `1.212 ha` is 1212 ha. Rounding for display is half-up, as
in the reports (Babel on its own rounds half-even).
"""

from __future__ import annotations

import re
from decimal import (
    ROUND_DOWN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    InvalidOperation,
    localcontext,
)
from functools import cache

from babel import Locale
from babel.numbers import NumberFormatError, NumberPattern, parse_decimal, parse_pattern

from ntm_analysis.errors import NtmError
from ntm_analysis.i18n import N_

LOCALES = {"vi": "vi_VN", "en": "en_GB"}

_PERCENT = re.compile(r"\s*%\s*$")
# What a printed figure may hold once spaces and `%` are gone: ASCII digits, `.` and `,`, a
# sign. Babel alone accepts `1_000`, Arabic-Indic and full-width digits, `1e5` and `NaN`.
_PRINTED = re.compile(r"[+-]?[0-9][0-9.,]*", re.ASCII)
# A machine number (the `value` column): ASCII digits, `.` as decimal mark, optional exponent.
_MACHINE = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?", re.ASCII)
_WHOLE = re.compile(r"[+-]?[0-9]+", re.ASCII)

# The largest magnitude a figure may have: 10^15 (a quadrillion, in any unit) is past every
# real figure and within the range where a float holds whole numbers exactly and a Decimal of
# 28 digits can still be rounded to 2 decimals (1e26 could not: decimal.InvalidOperation).
MAX_ABS_VALUE = 1e15


class VietnameseNumberError(NtmError, ValueError):
    """Text that is not a number written the Vietnamese way (a message in the reader's
    language: `str()` Vietnamese, `render("en")` English)."""


BEYOND = N_("{text!r} vượt ±10^15, số lớn nhất được chấp nhận")


def _locale(lang: str) -> str:
    try:
        return LOCALES[lang]
    except KeyError:
        raise ValueError(
            f"unsupported language {lang!r}; expected one of {sorted(LOCALES)}"
        ) from None


def parse_vn_number(text: str | int | float) -> float:
    """Parse a number written the Vietnamese way (`5.214.624,5`, `1.212`, `84,7%`, `07`).

    A trailing `%` is allowed and dropped (the value stays in percent units). Grouping must be
    regular: `1.5` and `1.2345` are rejected because they look like English decimals.

    >>> parse_vn_number("5.214.624,5")
    5214624.5
    >>> parse_vn_number("1.212")
    1212.0
    >>> parse_vn_number("84,7%")
    84.7
    """
    return float(parse_vn_decimal(text))


def parse_vn_decimal(text: str | int | float) -> Decimal:
    """Like `parse_vn_number` but exact: returns a Decimal."""
    if isinstance(text, bool):
        raise VietnameseNumberError(N_("{text!r} không phải là số"), text=text)
    if isinstance(text, int | float):
        return Decimal(str(text))
    raw = str(text).replace("\u00a0", " ").strip()
    raw = _PERCENT.sub("", raw).replace(" ", "")
    if not raw:
        raise VietnameseNumberError(N_("ô trống không phải là số"))
    if not _PRINTED.fullmatch(raw):
        raise VietnameseNumberError(
            N_(
                "{text!r} không phải là số viết theo cách Việt Nam (chỉ gồm chữ số 0-9, dấu "
                "'.' nhóm hàng nghìn, dấu ',' ngăn phần thập phân và dấu +/−; không có '_', "
                "không có chữ số khác)"
            ),
            text=text,
        )
    if len(raw.split(",", 1)[0].replace(".", "").lstrip("+-").lstrip("0")) > 16:
        raise VietnameseNumberError(BEYOND, text=text)
    try:
        number = parse_decimal(raw, locale="vi", strict=True)
    except (NumberFormatError, InvalidOperation) as exc:
        hint = str(exc).split("?", 1)[0] if "Did you mean" in str(exc) else ""
        if hint:
            raise VietnameseNumberError(
                N_(
                    "{text!r} không phải là số viết theo cách Việt Nam (dấu '.' nhóm hàng "
                    "nghìn, dấu ',' ngăn phần thập phân, ví dụ 5.214.624,5); {hint}?"
                ),
                text=text,
                hint=hint.split(".", 1)[-1].strip(),
            ) from None
        raise VietnameseNumberError(
            N_(
                "{text!r} không phải là số viết theo cách Việt Nam (dấu '.' nhóm hàng "
                "nghìn, dấu ',' ngăn phần thập phân, ví dụ 5.214.624,5)"
            ),
            text=text,
        ) from None
    if not number.is_finite() or abs(number) > Decimal(int(MAX_ABS_VALUE)):
        raise VietnameseNumberError(BEYOND, text=text)
    return number


def parse_machine_number(text: str) -> float:
    """Parse the machine form of a number (`5214624.5`, `-3`, `1.5e3`): ASCII digits, `.` as
    decimal mark, no grouping, no `_`, finite and at most 10^15 in magnitude.

    Python's float() also accepts `1_9`, Arabic-Indic digits, `nan` and `inf`; those are
    refused here (VietnameseNumberError says why) instead of being read as something else.

    >>> parse_machine_number("5214624.5")
    5214624.5
    """
    raw = str(text).strip()
    if not _MACHINE.fullmatch(raw):
        raise VietnameseNumberError(N_("{text!r} không phải là số"), text=text)
    value = float(raw)
    if not abs(value) <= MAX_ABS_VALUE:
        raise VietnameseNumberError(BEYOND, text=text)
    return value


def parse_whole_number(text: str, limit: int = 10**9) -> int:
    """Parse a whole number written with ASCII digits (`19`, `-2`, `007`), |n| < `limit`.

    int() also accepts `1_9`, Arabic-Indic digits and numbers of any size; those are refused.

    >>> parse_whole_number("19")
    19
    """
    raw = str(text).strip()
    if not _WHOLE.fullmatch(raw):
        raise VietnameseNumberError(N_("{text!r} không phải là số nguyên"), text=text)
    if len(raw.lstrip("+-").lstrip("0")) > len(str(limit)) or abs(int(raw)) >= limit:
        raise VietnameseNumberError(
            N_("{text!r} quá lớn (tối đa {value})"), text=text, value=limit - 1
        )
    return int(raw)


# Currency words a figure may carry, and their value in đồng.
_CURRENCY = re.compile(r"\s*(?P<word>tỷ đồng|tỷ|triệu đồng|triệu|nghìn đồng|đồng|đ)\s*$", re.I)
_CURRENCY_SCALE = {"tỷ": 1e9, "triệu": 1e6, "nghìn": 1e3, "đồng": 1.0, "đ": 1.0}
UNIT_SCALE = {"vnd": 1.0, "million_vnd": 1e6, "billion_vnd": 1e9}


def parse_written(text: str, unit: str) -> float:
    """Parse a printed figure into `unit`, honouring a currency word it carries.

    `55.000đ` in million_vnd is 0.055; a figure without a currency word is in `unit` already.

    >>> parse_written("130.480.000 đồng", "million_vnd")
    130.48
    >>> parse_written("3.981,71", "billion_vnd")
    3981.71
    """
    match = _CURRENCY.search(str(text))
    base = unit.split("_per_", 1)[0]  # million_vnd_per_household_month is in million VND
    if not match or base not in UNIT_SCALE:
        return parse_vn_number(text)
    number = parse_vn_decimal(str(text)[: match.start()])
    word = match.group("word").lower().split()[0]
    return float(number * Decimal(str(_CURRENCY_SCALE[word])) / Decimal(str(UNIT_SCALE[base])))


# A plain Vietnamese figure: regular thousands groups with '.', optional decimal comma and '%'
# ("5.214.624,5", "84,7%", "07"). `parse_plain_figure` reads it without Babel, the same as
# `parse_written` does (a property test holds the two together).
_PLAIN_FIGURE = re.compile(r"^(?P<int>[1-9]\d{0,2}(?:\.\d{3})*|0\d?)(?:,(?P<frac>\d+))?%?$")


def parse_plain_figure(text: str) -> float | None:
    """The value of a plain printed figure, or None when `text` is not one (then use
    `parse_written`). Fast: no Babel.

    >>> parse_plain_figure("5.214.624,5"), parse_plain_figure("84,7%"), parse_plain_figure("x")
    (5214624.5, 84.7, None)
    """
    plain = _PLAIN_FIGURE.match(text)
    if plain is None:
        return None
    digits = plain["int"].replace(".", "")
    return float(f"{digits}.{plain['frac']}" if plain["frac"] else digits)


def read_printed(text: str, unit: str) -> float:
    """A printed figure as a number in `unit`: plain forms directly, anything else (currency
    words, irregular spacing) via `parse_written`."""
    plain = parse_plain_figure(text)
    return plain if plain is not None else parse_written(text, unit)


def parse_in_unit(text: str, unit: str, unit_words: tuple[str, ...] = ()) -> float:
    """A figure typed or pasted into a row whose unit is `unit`, in that unit.

    Accepted: a number written the Vietnamese way (`1.234,5`, `130.480.000`); `%` on a percent
    row (`95%`); a currency word on a money row, converted (`130.480.000 đồng` on a row in
    million VND is 130.48); one of the row's own unit words after the number (`1.212 ha`,
    `12 xã`: `unit_words`, the unit's label in each language, the first one named in errors).
    A `%` on another row, or a currency word on a row not in money, is refused: the figure
    would be read in the wrong unit.

    >>> parse_in_unit("130.480.000 đồng", "million_vnd"), parse_in_unit("95%", "percent")
    (130.48, 95.0)
    >>> parse_in_unit("1.212 ha", "ha", ("ha",))
    1212.0
    """
    raw = " ".join(str(text).replace("\u00a0", " ").split())
    for word in sorted((w for w in unit_words if w and w != "%"), key=len, reverse=True):
        own = re.fullmatch(rf"(.*[0-9])\s*{re.escape(word)}", raw, re.IGNORECASE)
        if own is not None:
            return parse_vn_number(own.group(1))
    shown = unit_words[0] if unit_words else unit
    currency = _CURRENCY.search(raw)
    if currency is not None and currency.start() > 0:
        if unit.split("_per_", 1)[0] not in UNIT_SCALE:
            raise VietnameseNumberError(
                N_("{text!r} ghi đơn vị tiền nhưng đơn vị tính của dòng là {unit}"),
                text=text,
                unit=shown,
            )
        return parse_written(raw, unit)
    if _PERCENT.search(raw) and unit != "percent":
        raise VietnameseNumberError(
            N_("{text!r} ghi dấu % nhưng đơn vị tính của dòng là {unit}"), text=text, unit=shown
        )
    return parse_vn_number(raw)


def natural_decimals(value: float, places: int = 6) -> int:
    """Decimals a float needs, up to `places` (`84.7` → 1, `1212.0` → 0, `1/3` → 6)."""
    text = f"{value:.{places}f}".rstrip("0")
    return len(text.split(".", 1)[1]) if "." in text else 0


def display_decimals(as_written: str) -> int | None:
    """Decimals to show a value with so it reads as printed; None (natural decimals) when
    nothing is printed or the print carries a currency word (`130.480.000 đồng` is 130,48
    million VND, not 130)."""
    if not as_written or _CURRENCY.search(str(as_written)):
        return None
    return decimals_of(as_written)


def decimals_of(text: str) -> int:
    """Number of decimals a figure is printed with (`84,7%` → 1, `1.212` → 0)."""
    raw = _CURRENCY.sub("", _PERCENT.sub("", str(text).strip()))
    return len(raw.split(",", 1)[1]) if "," in raw else 0


def round_half_up(value: float | Decimal, decimals: int = 0) -> Decimal:
    """Round as official reports do: half away from zero, on the decimal value.

    >>> str(round_half_up(0.125, 2)), str(round_half_up(2.5))
    ('0.13', '3')
    """
    return _quantize(value, decimals, ROUND_HALF_UP)


def truncate(value: float | Decimal, decimals: int = 0) -> Decimal:
    """Cut (not round) to `decimals` places: what a report shows when it truncates."""
    return _quantize(value, decimals, ROUND_DOWN)


def _quantize(value: float | Decimal, decimals: int, rounding: str) -> Decimal:
    """`value` to `decimals` places with enough precision for any magnitude (the default 28
    digits fail with InvalidOperation from 1e26 at 2 decimals); NaN and ±inf stay as they are."""
    number = Decimal(str(value))
    if not number.is_finite():
        return number
    digits = max(number.adjusted(), 0) + decimals + 2
    context = Context(prec=max(28, digits), rounding=rounding)
    return number.quantize(Decimal(1).scaleb(-decimals), context=context)


@cache
def _number_pattern(decimals: int) -> NumberPattern:
    """Babel's parsed pattern for `decimals` places (parsed once, not per number)."""
    return parse_pattern(_pattern(decimals))


@cache
def _babel_locale(lang: str) -> Locale:
    return Locale.parse(_locale(lang))


def _pattern(decimals: int, suffix: str = "") -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "") + suffix


def format_number(value: float | Decimal | int, decimals: int = 0, lang: str = "vi") -> str:
    """Format with grouping and fixed decimals, rounded half-up (`1.234,5` in vi, `1,234.5` in en).

    >>> format_number(5214624.5, 1)
    '5.214.624,5'
    >>> format_number(5214624.5, 1, lang="en")
    '5,214,624.5'
    """
    rounded = round_half_up(value, decimals)
    with localcontext() as context:  # Babel quantizes again: room for any magnitude
        context.prec = max(28, len(rounded.as_tuple().digits) + 2)
        return _number_pattern(decimals).apply(rounded, _babel_locale(lang))


def format_percent(value_pct: float | Decimal, decimals: int = 1, lang: str = "vi") -> str:
    """Format a value already in percent units (84.7 → `84,7%`), rounded half-up.

    Babel's default `vi` percent pattern rounds to whole percent; the pattern here keeps the
    decimals the report prints.

    >>> format_percent(84.705882, 1)
    '84,7%'
    >>> format_percent(47.4595, 2, lang="en")
    '47.46%'
    """
    return format_number(value_pct, decimals, lang) + "%"


def format_value(
    value: float | None, unit: str, lang: str = "vi", decimals: int | None = None
) -> str:
    """Format a catalogue value by its unit: percent with `%`, others grouped.

    Decimals default to 0 for whole values and up to 2 for fractional ones.
    """
    if value is None or value != value:  # NaN
        return "—"
    if decimals is None:
        decimals = 0 if float(value).is_integer() else min(2, natural_decimals(value))
    if unit == "percent":
        return format_percent(value, decimals, lang)
    return format_number(value, decimals, lang)
