"""Year-end targets (`data/targets/<year>.yml`, the report's section C)."""

from __future__ import annotations

import math
import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ntm_analysis.dataset.catalogue import Catalogue
from ntm_analysis.dataset.config_models import MEASURE_INDICATOR_KEYS, TargetModel, TargetsFile
from ntm_analysis.dataset.files import read_yaml_document
from ntm_analysis.dataset.models import UNTRANSLATED, check_unique, validate_document
from ntm_analysis.dataset.yaml_strict import YamlDocument
from ntm_analysis.errors import InputError, Message
from ntm_analysis.i18n import N_, pick
from ntm_analysis.text.numbers import VietnameseNumberError, parse_vn_number

DIRECTIONS = ("at_least", "at_most")
# A printed range such as "01-02" or "01 – 02": the target is its lower bound, the stretch
# value its upper one.
_RANGE = re.compile(r"^\s*([0-9.,]+)\s*[-–]\s*([0-9.,]+)\s*%?\s*$")


@dataclass(frozen=True)
class Target:
    """A quantitative year-end target measured by a catalogue indicator."""

    id: str
    label_vi: str
    label_en: str
    indicator: str
    area: str
    target: float
    direction: str = "at_least"
    as_written: str = ""
    stretch: float | None = None
    list: str | None = None
    section: str = ""
    note: str = ""
    # how the outlook measures and judges the target: `kind` and its keys, as written
    # (validated by the measure models of config_models.py; docs/outlook.md)
    measure: dict[str, Any] = field(default_factory=dict)

    def label(self, lang: str = "vi") -> str:
        """The label in `lang`; without an English text, the Vietnamese one, marked."""
        return pick(lang, self.label_vi, self.label_en or self.label_vi + UNTRANSLATED)

    def reached(self, value: float) -> bool:
        """Whether `value` meets the target (unrounded comparison)."""
        return value >= self.target if self.direction == "at_least" else value <= self.target


def written_bounds(as_written: str) -> tuple[float, float | None] | None:
    """The figure(s) a target's `as_written` states: (value, None), a range (low, high), or
    None when it holds no figure (words such as "dưới 14 tiêu chí", or nothing).

    >>> written_bounds("18,68"), written_bounds("01-02"), written_bounds("93%")
    ((18.68, None), (1.0, 2.0), (93.0, None))
    """
    text = as_written.strip()
    if not text:
        return None
    ranged = _RANGE.match(text)
    try:
        if ranged:
            return parse_vn_number(ranged[1]), parse_vn_number(ranged[2])
        return parse_vn_number(text), None
    except VietnameseNumberError:
        return None


def _disagreement(item: TargetModel) -> tuple[str, Message] | None:
    """(key, why) when `target` or `stretch` disagrees with `as_written`; None when they
    agree."""
    bounds = written_bounds(item.as_written)
    if bounds is None:
        return None
    low, high = bounds
    if high is None:
        if not math.isclose(item.target, low, rel_tol=1e-9, abs_tol=1e-9):
            return "target", Message(
                N_("mục tiêu {target:g} nhưng as_written {written!r} ghi {low:g}"),
                target=item.target,
                written=item.as_written,
                low=low,
            )
        return None
    if not math.isclose(item.target, low, rel_tol=1e-9, abs_tol=1e-9):
        return "target", Message(
            N_(
                "mục tiêu {target:g} nhưng as_written {written!r} là một khoảng: mục tiêu là cận "
                "dưới {low:g} của khoảng đó"
            ),
            target=item.target,
            written=item.as_written,
            low=low,
        )
    if item.stretch is None or not math.isclose(item.stretch, high, rel_tol=1e-9):
        return "stretch", Message(
            N_(
                "mức phấn đấu {stretch} nhưng as_written {written!r} là một khoảng: mức phấn đấu "
                "là cận trên {high:g} của khoảng đó"
            ),
            stretch=item.stretch,
            written=item.as_written,
            high=high,
        )
    return None


Problem = tuple[str, str, str | None, dict[str, Any]]  # key, message, expected, values


def _item_problem(
    item: Any,
    catalogue: Catalogue,
    lists: Collection[str] | None,
    areas: Collection[str] | None,
) -> Problem | None:
    """The first problem of one target: the key it is at, its message and expected (msgids),
    and their values."""
    if item.measure is not None:
        unknown = [
            getattr(item.measure, key)
            for key in MEASURE_INDICATOR_KEYS
            if getattr(item.measure, key, None) and getattr(item.measure, key) not in catalogue
        ]
        if unknown:
            return (
                "measure",
                N_("mục tiêu {target!r}: cách đo nêu chỉ tiêu không có trong danh mục: {unknown}"),
                N_("các mã trong data/reference/indicators.yml"),
                {"unknown": unknown},
            )
    if item.indicator not in catalogue:
        return (
            "indicator",
            N_("mục tiêu {target!r} nêu chỉ tiêu {indicator!r} không có trong danh mục"),
            N_("một mã trong data/reference/indicators.yml"),
            {"indicator": item.indicator},
        )
    if item.list and lists is not None and item.list not in lists:
        return (
            "list",
            N_("mục tiêu {target!r} nêu danh sách {list!r}, không có trong lists.csv"),
            None,
            {"list": item.list},
        )
    if item.area is not None and areas is not None and item.area not in areas:
        return (
            "area",
            N_("mục tiêu {target!r} nêu địa bàn {area!r}, không phải đơn vị của tỉnh"),
            N_("một mã GSO trong data/reference/admin_units.csv"),
            {"area": item.area},
        )
    problem = _disagreement(item)
    if problem:
        key, why = problem
        return key, N_("mục tiêu {target!r}: {why}"), N_("giá trị mà báo cáo in"), {"why": why}
    return None


def _check(
    file: TargetsFile,
    document: YamlDocument,
    catalogue: Catalogue,
    lists: Collection[str] | None,
    areas: Collection[str] | None,
) -> None:
    """InputError naming the line and key of the first target with a problem."""
    for n, item in enumerate(file.targets):
        problem = _item_problem(item, catalogue, lists, areas)
        if problem is not None:
            key, message, expected, values = problem
            raise InputError(
                message,
                path=document.path,
                row=document.line_of(("targets", n, key)),
                column=f"targets[{n}].{key}",
                expected=expected,
                target=item.id,
                **values,
            )


def load_targets(
    folder: Path,
    year: int,
    catalogue: Catalogue,
    province: str,
    lists: Collection[str] | None = None,
    areas: Collection[str] | None = None,
) -> list[Target]:
    """Targets of `year`, checked against the catalogue, the period's lists and the known
    areas (when given), and each value against the figure as printed (`as_written`).

    A year without a targets file has no targets (an empty list).
    """
    path = folder / f"{year}.yml"
    if not path.is_file():
        return []
    document = read_yaml_document(path)
    file = validate_document(TargetsFile, document)
    if file.year != year:
        raise InputError(
            N_("tệp ghi năm {year}, không phải {wanted}"),
            path=path,
            row=document.line_of(("year",)),
            column="year",
            year=file.year,
            wanted=year,
        )
    check_unique(file.targets, "id", document, "targets", N_("mã mục tiêu"))
    _check(file, document, catalogue, lists, areas)
    return [
        Target(
            id=item.id,
            label_vi=item.label.vi,
            label_en=item.label.en or "",
            indicator=item.indicator,
            area=item.area or province,
            target=item.target,
            direction=item.direction,
            as_written=item.as_written,
            stretch=item.stretch,
            list=item.list,
            section=item.section or file.section or "",
            note=item.note,
            measure=item.measure.model_dump(exclude_unset=True) if item.measure else {},
        )
        for item in file.targets
    ]
