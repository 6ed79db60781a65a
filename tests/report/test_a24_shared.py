"""What the A.II.4 builders share: points chosen by the figures that measure them, a document
named by its kind, the places that report a figure of their own, and grouped tables loaded
from a builder's own folder."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest

from ntm_analysis.dataset.qualitative import Document, LocalText, QualitativePoint
from ntm_analysis.errors import InputError
from ntm_analysis.report.sections import grouped
from ntm_analysis.report.words.facts import (
    ByFigure,
    Fact,
    document_kind,
    document_words,
    facts,
    linked_to,
    unlinked,
)
from ntm_analysis.report.words.places import places, reporting_areas


def _fact(kind: str, *codes: str, text: str = "x") -> Fact:
    return Fact(kind=kind, section="A.II.4.2", text=text, cite="", indicators=codes)


@pytest.mark.parametrize(
    "number,issuer,vi,en",
    [
        ("45/2016/QĐ-TTg", "Thủ tướng Chính phủ", "Quyết định", "Decision"),
        ("109/2009/TTLT/BTC-BGDĐT", "Bộ Tài chính", "Thông tư liên tịch", "Joint Circular"),
        ("80", "Hội đồng nhân dân tỉnh", "Nghị quyết", "Resolution"),
        ("1399/UBDT-VP135", "Ủy ban Dân tộc", "Công văn", "Official Letter"),
    ],
)
def test_a_document_is_named_by_its_kind_in_both_languages(number, issuer, vi, en):
    # the kind its number's type code names; else a joint circular's TTLT code; else a
    # People's Council's resolution; else an official letter (no type code in its number)
    document = Document(number=number, issuer=issuer)
    assert document_kind(document, "vi") == vi
    assert document_kind(document, "en") == en


def test_a_points_document_is_its_kind_then_its_citation():
    point = QualitativePoint(
        kind="legal_basis",
        section="A.II.4.3",
        text=LocalText(vi="Đề xuất hỗ trợ.", en="Support proposed."),
        document=Document(
            number="80",
            date=dt.date(2019, 4, 12),
            issuer=LocalText(vi="Hội đồng nhân dân tỉnh", en="the Provincial People's Council"),
        ),
    )
    assert document_words(point, "vi") == (
        "Nghị quyết số 80 ngày 12/4/2019 của Hội đồng nhân dân tỉnh"
    )
    assert document_words(point, "en") == (
        "Resolution No. 80 of 12 April 2019 by the Provincial People's Council"
    )
    bare = point.model_copy(update={"document": None})
    assert document_words(bare, "vi") == ""


def test_points_are_chosen_by_the_figures_that_measure_them():
    points = [
        _fact("activity", text="opening"),
        _fact("activity", "roads_km", "roads_pct", text="roads"),
        _fact("legal_basis", "schools", text="schools"),
        _fact("achievement", "roads_km", text="not prose"),
        _fact("cause", text="cause"),
    ]
    assert [f.text for f in linked_to(points, ["roads_pct"])] == ["roads"]
    assert [f.text for f in linked_to(points, ["roads_km", "schools"])] == ["roads", "schools"]
    assert [f.text for f in unlinked(points)] == ["opening", "cause"]
    assert [f.text for f in unlinked(points, ("activity",))] == ["opening"]
    by_figure = ByFigure(points)
    assert [f.text for f in by_figure.roads_km] == ["roads"]  # achievements are not prose
    assert by_figure["nothing_measures_it"] == []
    with pytest.raises(AttributeError):
        by_figure._private  # noqa: B018


def test_the_periods_legal_bases_carry_their_document(period_data):
    # A.II.4.3: Nghị quyết số 80 of the Provincial People's Council (its number names no kind)
    bases = facts(period_data, "A.II.4.3", "vi", "legal_basis")
    documents = [f.document for f in bases]
    assert "Nghị quyết số 80 ngày 12/4/2019 của Hội đồng nhân dân tỉnh" in documents
    assert all(documents)
    english = [f.document for f in facts(period_data, "A.II.4.4", "en", "legal_basis")]
    assert any(d.startswith("Official Letter No. 1399/UBDT-VP135") for d in english)


def test_places_are_the_areas_reporting_a_figure_with_their_list(period_data):
    # A.II.4.2: only Châu Thành district (847) reports the waste-sorting model, in 3 communes
    assert reporting_areas(period_data, "waste_sorting_households") == ["847"]
    assert reporting_areas(period_data, "roads_commune_total_km") == []  # the province's own
    found = places(period_data, "waste_sorting_households", "vi", "waste_sorting_communes")
    assert [(p.code, p.name) for p in found] == [("847", "huyện Châu Thành")]
    assert found[0].items.startswith("Long Hòa, Song Lộc, Mỹ Chánh")
    assert found[0].names.startswith("3 xã: Long Hòa")
    english = places(period_data, "waste_sorting_households", "en")
    assert english[0].name == "Châu Thành district" and english[0].names is None


def test_a_place_without_its_figure_or_list_is_heard_of(period_data):
    data = copy.copy(period_data)
    data.lists = period_data.lists[period_data.lists["list"] != "waste_sorting_communes"]
    heard: list[tuple[str, str | None]] = []

    def miss(code: str, area: str | None) -> None:
        heard.append((code, area))

    found = places(data, "waste_sorting_households", "vi", "waste_sorting_communes", miss)
    assert found[0].names is None and found[0].items is None
    obs = period_data.observations
    data.observations = obs[obs["indicator"] != "waste_sorting_households"].reset_index(drop=True)
    assert places(data, "waste_sorting_households", "vi", miss=miss) == []
    assert heard == [("waste_sorting_communes", "847"), ("waste_sorting_households", None)]


def test_a_builders_tables_come_from_its_own_folder():
    every = grouped.every_table_spec()
    for builder, specs in every.items():
        if builder:
            assert specs == grouped.builder_tables(builder)
            folder = grouped.SECTIONS_DIR / builder
            assert (folder / grouped.TABLES_FILE).is_file() and (folder / "__init__.py").is_file()
    assert grouped.builder_tables("b") == {}  # a builder without grouped tables
    with pytest.raises(ValueError):
        grouped.builder_tables("../a2_4_1")


def test_a_bad_tables_file_names_its_line_table_and_key(tmp_path: Path):
    path = tmp_path / "tables.yml"
    path.write_text(
        "roads:\n"
        "  section: A.II.4.2\n"
        "  first: {vi: Loại, en: Class}\n"
        "  columns: [{vi: km, en: km}]\n"
        "  rows: []\n"
        "  colour: red\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as caught:
        grouped.table_specs(path)
    error = caught.value
    assert error.path == path and error.row == 6 and error.column == "roads.colour"
    assert "unknown key 'colour'" in error.render("en")
    path.write_text("- roads\n", encoding="utf-8")
    grouped.table_specs.cache_clear()
    with pytest.raises(InputError, match="các bảng theo tên"):
        grouped.table_specs(path)
    assert grouped.table_specs(tmp_path / "absent.yml") == {}
