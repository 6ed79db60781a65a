"""Errors raised on unusable input: each names the file, row and column and what was expected,
in the reader's language.

An error keeps its message as a msgid (the Vietnamese text, marked with `N_`) and the values
of its placeholders; `render(lang)` writes it in Vietnamese or English, `str()` in Vietnamese
(the package's default language; the command line renders in its `--lang`):

    raise InputError(N_("không có cột {name}"), path=path, column=name, name=name)

The message may also be a `Message` (a wording built before the frame is known) or another
error (its msgid and values are taken over).

A value that is itself an error (or anything with `render(lang)`) is rendered in the same
language, so a wrapped cause never mixes languages.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ntm_analysis.i18n import N_, SOURCE, t


def _in(lang: str, value: Any) -> Any:
    render = getattr(value, "render", None)
    return render(lang) if callable(render) else value


def _restore(cls: type[NtmError], state: dict[str, Any]) -> NtmError:
    """Unpickle an error with its msgid, values and frame (e.g. from a Dask worker)."""
    error = cls.__new__(cls)
    error.__dict__.update(state)
    Exception.__init__(error, error.render(SOURCE))
    return error


class Message:
    """A wording kept as its msgid and values, rendered in the reader's language when the
    error holding it is (`InputError(N_("… {what}"), what=Message(N_("một tệp")))`)."""

    def __init__(self, msgid: str, /, **values: Any) -> None:
        self.msgid = msgid
        self.values = values

    def render(self, lang: str = SOURCE) -> str:
        """The wording in `lang`, its placeholders filled (values rendered in `lang` too)."""
        return t(lang, self.msgid, **{name: _in(lang, v) for name, v in self.values.items()})

    def __str__(self) -> str:
        return self.render(SOURCE)


class NtmError(Exception):
    """Base class of the package's own errors: a msgid and its values, rendered on demand."""

    def __init__(self, message: str | Message | NtmError = "", /, **values: Any) -> None:
        if isinstance(message, Message | NtmError):  # a wording or an error built before
            values = {**message.values, **values}
            message = message.msgid
        self.msgid = message
        self.values = values
        super().__init__(message)
        self.args = (self.render(SOURCE),)  # what a traceback or repr() shows

    def render(self, lang: str = SOURCE) -> str:
        """The message in `lang` (vi or en), its placeholders filled."""
        values = {name: _in(lang, value) for name, value in self.values.items()}
        return t(lang, self.msgid, **values)

    def __str__(self) -> str:
        return self.render(SOURCE)

    def __reduce__(self) -> tuple[Any, ...]:
        return _restore, (type(self), dict(self.__dict__))


class InputError(NtmError):
    """Unusable input: a file, row or column that does not hold what was expected.

    `row` is the 1-based line number in the file as an editor shows it (the header is line 1),
    or None when the problem concerns the whole file. `expected` is a msgid too, filled from
    the same values.
    """

    def __init__(
        self,
        message: str | Message | NtmError,
        *,
        path: str | Path | None = None,
        row: int | None = None,
        column: str | Message | None = None,
        expected: str | None = None,
        **values: Any,
    ) -> None:
        self.path = path if isinstance(path, Path) or path is None else Path(path)
        self.row = row
        self.column = column
        self.expected = expected
        super().__init__(message, **values)

    @property
    def detail(self) -> str:
        """The message without its frame (file, row, column, expected), in Vietnamese."""
        return self.message(SOURCE)

    def message(self, lang: str = SOURCE) -> str:
        """The message without its frame, in `lang`."""
        return super().render(lang)

    def render(self, lang: str = SOURCE) -> str:
        """ "file, row 3, column 'x': message (expected …)" in `lang`."""
        where = []
        if self.path is not None:
            where.append(str(self.path))
        if self.row is not None:
            where.append(t(lang, "dòng {row}", row=self.row))
        column = _in(lang, self.column)
        if isinstance(column, str) and "!" in column:  # a workbook's cell: `Xã!E12`
            where.append(t(lang, "ô {cell}", cell=column))
        elif self.column is not None:
            where.append(t(lang, "cột '{column}'", column=column))
        text = self.message(lang)
        text = f"{', '.join(where)}: {text}" if where else text
        if self.expected:
            values = {name: _in(lang, value) for name, value in self.values.items()}
            text += t(lang, " (cần: {expected})", expected=t(lang, self.expected, **values))
        return text


class InputErrors(InputError):
    """Several input errors found in one pass; the message lists the first `limit`.

    `errors` may keep only the first problems of many and carry the number of all of them as
    `errors.total` (dataset.limits.Problems does): the message counts them all, and says how
    many rows were left unchecked (`errors.unchecked`) when the search stopped early.
    """

    def __init__(self, errors: list[InputError], limit: int = 20) -> None:
        self.errors = errors
        self.total = max(getattr(errors, "total", 0), len(errors))
        self.limit = limit
        self.unchecked = getattr(errors, "unchecked", 0)
        super().__init__(N_("{total} lỗi trong dữ liệu nhập"), total=self.total)
        first = errors[0]
        self.path, self.row, self.column = first.path, first.row, first.column

    def render(self, lang: str = SOURCE) -> str:
        """The count, then one line per error shown, in `lang`."""
        listed = min(self.limit, len(self.errors))
        lines = [t(lang, "{total} lỗi trong dữ liệu nhập", total=self.total)]
        if self.unchecked:
            lines[0] += t(
                lang,
                " (dừng kiểm tra tại đó: {unchecked} dòng chưa được kiểm tra)",
                unchecked=self.unchecked,
            )
        lines[0] += ":"
        lines += [f"  - {error.render(lang)}" for error in self.errors[:listed]]
        if self.total > listed:
            lines.append("  " + t(lang, "… và {n} lỗi khác", n=self.total - listed))
        return "\n".join(lines)


class PeriodError(InputError):
    """A period name that is invalid or has no data folder."""
