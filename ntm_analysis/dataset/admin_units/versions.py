"""The index of dated administrative-unit versions: `reference/admin_units/versions.yml`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import ConfigDict, Field, model_validator

from ntm_analysis.dataset.files import read_yaml_document
from ntm_analysis.dataset.models import BilingualLabel, Strict, Text, validate_document
from ntm_analysis.errors import InputError, Message
from ntm_analysis.i18n import N_

FOLDER = "admin_units"
INDEX = "versions.yml"
# A version id is a name, never a path: a year, or a date YYYY-MM-DD (period.yml's
# `admin_units` uses the same pattern).
VERSION_PATTERN = r"^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$"
VersionId = Annotated[str, Field(pattern=VERSION_PATTERN)]
FileName = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*\.csv$")]


class Version(Strict):
    """One dated version of the units."""

    id: VersionId
    label: BilingualLabel
    effective: Annotated[str, Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")] | None = None
    structure: Literal["three_level", "two_level"]
    file: FileName
    source: Text
    note: str = ""

    @property
    def has_districts(self) -> bool:
        return self.structure == "three_level"


class Conversion(Strict):
    """A conversion table from one version to a later one."""

    model_config = ConfigDict(
        extra="forbid", strict=True, allow_inf_nan=False, frozen=True, populate_by_name=True
    )

    from_version: VersionId = Field(alias="from")
    to_version: VersionId = Field(alias="to")
    file: FileName
    sources: dict[str, Text]


class VersionIndex(Strict):
    default: VersionId
    versions: Annotated[list[Version], Field(min_length=1)]
    conversions: list[Conversion] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known(self) -> VersionIndex:
        ids = [v.id for v in self.versions]
        if len(set(ids)) != len(ids):
            raise ValueError(Message(N_("một phiên bản được khai báo hai lần: {ids}"), ids=ids))
        for name in [self.default] + [
            v for c in self.conversions for v in (c.from_version, c.to_version)
        ]:
            if name not in ids:
                raise ValueError(
                    Message(
                        N_("phiên bản {name!r} chưa được khai báo trong versions: {ids}"),
                        name=name,
                        ids=ids,
                    )
                )
        return self

    def ids(self) -> list[str]:
        return [v.id for v in self.versions]

    def get(self, version: str | None, path: Path | None = None) -> Version:
        """The version named (the default when None); an unknown one names those known."""
        wanted = self.default if version in (None, "") else str(version)
        for item in self.versions:
            if item.id == wanted:
                return item
        raise InputError(
            N_("không có phiên bản đơn vị hành chính {version!r}"),
            path=path,
            expected=N_("một trong {ids}"),
            version=wanted,
            ids=self.ids(),
        )

    def conversion(self, from_version: str, to_version: str, path: Path | None = None):
        for item in self.conversions:
            if (item.from_version, item.to_version) == (from_version, to_version):
                return item
        known = [f"{c.from_version} -> {c.to_version}" for c in self.conversions]
        raise InputError(
            N_("không có bảng đối chiếu đơn vị từ {source!r} sang {target!r}"),
            path=path,
            expected=N_("một trong {known}"),
            source=from_version,
            target=to_version,
            known=known,
        )


def index_path(reference_dir: Path) -> Path:
    return Path(reference_dir) / FOLDER / INDEX


def load_versions(reference_dir: Path) -> VersionIndex:
    """Read and validate versions.yml; a problem names the file, the line and the key."""
    return validate_document(VersionIndex, read_yaml_document(index_path(reference_dir)))
