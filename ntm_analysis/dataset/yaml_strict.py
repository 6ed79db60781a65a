"""Strict YAML: the JSON-like core of YAML 1.2, with every node's line kept for error messages.

What `yaml.safe_load` would silently reinterpret is refused or kept as written:

- a key given twice in one mapping is an error (safe_load keeps the last one);
- only `true`/`false` are booleans and only plain decimal figures are numbers: `yes`, `on`,
  `1:30`, `1_000`, `0x1F`, `08`, `.nan`, `.inf` and dates stay strings, so a model expecting a
  number or a boolean rejects them instead of reading 1.0, 90, 1000 or NaN;
- anchors and aliases (`&a` / `*a`) are refused, so no document can expand to gigabytes;
- explicit tags other than the core ones (`!!str`, `!!int`…) are refused, and a number tagged
  `!!float` must be finite.

`load_document` returns the data with a map from each node's path (keys and list indices) to
its 1-based line, so that a validation error deep in the document can name its line.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ntm_analysis.errors import InputError, Message
from ntm_analysis.i18n import N_

_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when available

_PREFIX = yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG.removesuffix("str")  # tag:yaml.org,…:
_NULL, _BOOL, _INT, _FLOAT = (_PREFIX + name for name in ("null", "bool", "int", "float"))
_STR = yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG
_MAP = yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG
_SEQ = yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG
CORE_TAGS = frozenset({_NULL, _BOOL, _INT, _FLOAT, _STR, _MAP, _SEQ})

# YAML 1.2 core schema, narrowed: decimal only (a leading zero such as "08" stays a string,
# as YAML 1.1 would read it as octal), no infinities or NaN.
_INT_RE = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")
_FLOAT_RE = re.compile(r"^[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
# A whole number's digits: past every real figure (|value| ≤ 10^15, text/numbers.py) and far
# below Python's own limit on converting long digit strings (4,300 digits, a ValueError).
MAX_INT_DIGITS = 18
_BOOL_RE = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL_RE = re.compile(r"^(?:~|null|Null|NULL|)$")


class StrictLoader(_BASE):  # type: ignore[misc, valid-type]
    """Safe loader with the core-schema resolvers above instead of YAML 1.1's."""

    yaml_implicit_resolvers: dict = {}  # noqa: RUF012 (PyYAML's class-level registry)


StrictLoader.add_implicit_resolver(_BOOL, _BOOL_RE, list("tTfF"))
StrictLoader.add_implicit_resolver(_INT, _INT_RE, list("-+0123456789"))
StrictLoader.add_implicit_resolver(_FLOAT, _FLOAT_RE, list("-+.0123456789"))
StrictLoader.add_implicit_resolver(_NULL, _NULL_RE, ["~", "n", "N", ""])

NodePath = tuple[str | int, ...]


@dataclass(frozen=True)
class YamlDocument:
    """A loaded YAML document: its data and the line of every node, by path."""

    data: Any
    path: Path
    lines: dict[NodePath, int] = field(default_factory=dict)

    def line_of(self, location: tuple) -> int | None:
        """Line of the deepest node along `location` (keys and indices; items that are not
        in the document, such as a union's tag in a pydantic error location, are skipped)."""
        current: NodePath = ()
        line = self.lines.get(current)
        for item in location:
            step = (*current, item if isinstance(item, int) else str(item))
            if step in self.lines:
                current = step
                line = self.lines[step]
        return line


def _error(message: Message, path: Path, mark: Any, expected: str | None = None) -> InputError:
    return InputError(
        message,
        path=path,
        row=mark.line + 1 if mark is not None else None,
        column=Message(N_("ký tự {n}"), n=mark.column + 1) if mark is not None else None,
        expected=expected,
    )


def _tag_refused(node: yaml.Node) -> Message:
    return Message(N_("không được dùng thẻ YAML {tag!r}"), tag=node.tag)


def _check_scalar(node: yaml.ScalarNode, path: Path) -> None:
    if node.tag not in CORE_TAGS:
        raise _error(_tag_refused(node), path, node.start_mark, N_("giá trị đơn giản"))
    if node.tag == _INT and len(node.value.lstrip("+-")) > MAX_INT_DIGITS:
        raise _error(
            Message(
                N_("số nguyên có {digits} chữ số, vượt giới hạn {limit}"),
                digits=len(node.value.lstrip("+-")),
                limit=MAX_INT_DIGITS,
            ),
            path,
            node.start_mark,
            N_("một số (xem docs/input-limits.md)"),
        )
    if node.tag == _FLOAT:
        try:
            finite = math.isfinite(float(node.value.replace("_", "")))
        except ValueError:
            finite = False
        if not finite:
            raise _error(
                Message(N_("{value!r} không phải là số hữu hạn"), value=node.value),
                path,
                node.start_mark,
                N_("một số"),
            )


def _index(root: yaml.Node, path: Path) -> dict[NodePath, int]:
    """Walk the node tree once: refuse aliases, duplicate and complex keys, foreign tags, and
    non-finite floats; return the line of every node by path."""
    lines: dict[NodePath, int] = {}
    seen: set[int] = set()
    stack: list[tuple[NodePath, yaml.Node]] = [((), root)]
    while stack:
        where, node = stack.pop()
        if id(node) in seen:
            raise _error(
                Message(N_("không được dùng neo và bí danh YAML (&tên, *tên)")),
                path,
                node.start_mark,
                N_("mỗi giá trị viết đầy đủ ở nơi dùng đến"),
            )
        seen.add(id(node))
        lines[where] = node.start_mark.line + 1
        if isinstance(node, yaml.ScalarNode):
            _check_scalar(node, path)
        elif isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                raise _error(_tag_refused(node), path, node.start_mark)
            stack.extend(((*where, i), item) for i, item in enumerate(node.value))
        elif isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                raise _error(_tag_refused(node), path, node.start_mark)
            keys: dict[str, int] = {}
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise _error(
                        Message(N_("khóa phải là một giá trị đơn giản")), path, key.start_mark
                    )
                _check_scalar(key, path)
                first = keys.get(key.value)
                if first is not None:
                    raise _error(
                        Message(
                            N_(
                                "khóa {key!r} xuất hiện hai lần trong cùng một bảng (lần đầu ở "
                                "dòng {first})"
                            ),
                            key=key.value,
                            first=first,
                        ),
                        path,
                        key.start_mark,
                        N_("mỗi khóa một lần"),
                    )
                keys[key.value] = key.start_mark.line + 1
                seen.add(id(key))
                stack.append(((*where, key.value), value))
    return lines


def load_document(text: str, path: Path) -> YamlDocument:
    """Parse `text` (the contents of `path`) strictly; every problem is an InputError naming
    the file and line."""
    loader = StrictLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise InputError(N_("tệp trống"), path=path)
        lines = _index(root, path)
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        raise _error(
            Message(N_("lỗi cú pháp YAML: {problem}"), problem=exc.problem), path, exc.problem_mark
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(N_("lỗi YAML: {reason}"), path=path, reason=exc) from None
    except RecursionError:
        raise InputError(N_("tài liệu YAML lồng nhau quá sâu"), path=path) from None
    finally:
        loader.dispose()
    if data is None:
        raise InputError(N_("tệp trống"), path=path)
    return YamlDocument(data=data, path=path, lines=lines)
