"""The outlook's parameters: `data/reference/outlook.yml`, validated (unknown keys refused).

Every value carries where it comes from (`source`: an assumption, an estimate `calibrated` from
the office's own history by `ntm-report calibrate`, or a figure the `office` set) and, when
calibrated, how many observations support it. The file is data: nothing here holds a default.
"""

from __future__ import annotations

import itertools
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import ConfigDict, Field, RootModel, model_validator

from ntm_analysis.dataset.files import read_yaml_document
from ntm_analysis.dataset.models import Code, Strict, validate_document
from ntm_analysis.errors import InputError, Message
from ntm_analysis.i18n import N_

FILE = "outlook.yml"
Source = Literal["assumption", "calibrated", "office"]


class Param(Strict):
    """One value and where it comes from."""

    value: float
    source: Source
    observations: Annotated[int, Field(ge=0)] | None = None
    note: str = ""


class Probability(Param):
    """A probability (0 to 1)."""

    value: Annotated[float, Field(ge=0.0, le=1.0)]


class Share(Param):
    """A positive factor or spread (0 to 10)."""

    value: Annotated[float, Field(gt=0.0, le=10.0)]


class Months(Param):
    """A whole number of months (0 to 12)."""

    value: Annotated[int, Field(ge=0, le=12)]


class Count(Param):
    """A whole number of at least 1."""

    value: Annotated[int, Field(ge=1)]


Gap = Annotated[int, Field(ge=1, le=60)]


class ByGap(RootModel[Annotated[dict[Gap, Probability], Field(min_length=1)]]):
    """Probabilities by criteria lacking: `1` for one criterion, …; the last key stands for
    itself and every larger gap. They may not grow with the gap."""

    model_config = ConfigDict(strict=True, frozen=True)

    @model_validator(mode="after")
    def _consecutive_and_falling(self) -> ByGap:
        gaps = sorted(self.root)
        if gaps != list(range(1, len(gaps) + 1)):
            raise ValueError(
                Message(N_("số tiêu chí còn thiếu phải là 1, 2, 3 … liên tiếp: {gaps}"), gaps=gaps)
            )
        values = [self.root[g].value for g in gaps]
        if any(later > earlier for earlier, later in itertools.pairwise(values)):
            raise ValueError(
                Message(
                    N_("xác suất không được tăng khi số tiêu chí còn thiếu tăng: {values}"),
                    values=values,
                )
            )
        return self

    @property
    def largest(self) -> int:
        """The last gap given (it stands for every larger gap too)."""
        return len(self.root)

    def at(self, gap: int) -> float:
        """The probability for `gap` criteria lacking (0: certain)."""
        if gap <= 0:
            return 1.0
        return self.root[min(gap, self.largest)].value


class CommuneClass(Strict):
    """How communes of one class (registered for the year, or not) progress."""

    completion: ByGap  # P(meets the criteria it lacks within reference_months)
    recognition: Probability  # P(recognised within reference_months once it meets them all)


class Standard(Strict):
    """One standard (a key of indicators.yml `registration:`): registered and other communes."""

    registered: CommuneClass
    unregistered: CommuneClass | None = None


class Districts(Strict):
    completion: ByGap  # P(meets the district criteria it lacks within reference_months)
    schedule_kept: Probability  # P(a completion month the district reported is kept)


class Members(Strict):
    completion: Probability  # P(a member lacking an item gets one within reference_months)


class Pace(Strict):
    spread: Share  # spread (sd) of the change still to come, as a share of its expected size
    year_to_date: Share  # the last months' pace of a flow from January, over its pace so far


class Status(Strict):
    on_track: Probability  # on track from this probability of meeting the target
    at_risk: Probability  # at risk from this one; below it, off track

    @model_validator(mode="after")
    def _ordered(self) -> Status:
        if self.at_risk.value > self.on_track.value:
            raise ValueError(Message(N_("ngưỡng at_risk phải nhỏ hơn hoặc bằng ngưỡng on_track")))
        return self


class Calibration(Strict):
    min_observations: Count  # calibrate replaces a value from this many observations


class Parameters(Strict):
    """`reference/outlook.yml`."""

    reference_months: Months
    recognition_cutoff_month: Months
    interval: Probability
    status: Status
    communes: Annotated[dict[Code, Standard], Field(min_length=1)]
    districts: Districts
    members: Members
    pace: Pace
    calibration: Calibration

    @model_validator(mode="after")
    def _positive_reference(self) -> Parameters:
        if self.reference_months.value <= 0:
            raise ValueError(Message(N_("reference_months phải lớn hơn 0")))
        return self

    def standard(self, name: str) -> Standard | None:
        return self.communes.get(name)


def dump_parameters(params: Parameters, header: str) -> str:
    """The parameters as the YAML text of `reference/outlook.yml`, after a comment `header`."""
    data = params.model_dump(mode="python", exclude_none=True)
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    comment = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comment + "\n" + body


def parameters_path(data_dir: Path) -> Path:
    return Path(data_dir) / "reference" / FILE


@lru_cache(maxsize=8)
def _load(path: Path, stamp: tuple[int, int]) -> Parameters:
    return validate_document(Parameters, read_yaml_document(path))


def load_parameters(data_dir: Path) -> Parameters:
    """The outlook's parameters of a data folder (`reference/outlook.yml`); InputError when the
    file is missing or invalid (naming the line and key)."""
    path = parameters_path(data_dir)
    if not path.is_file():
        raise InputError(
            N_("thiếu tệp tham số dự báo cuối năm"),
            path=path,
            expected=N_(
                "tệp data/reference/outlook.yml của kho mã (hoặc ntm-report calibrate --write)"
            ),
        )
    stat = path.stat()
    return _load(path, (stat.st_mtime_ns, stat.st_size))
