"""An HTML table (pandas `to_html`, a `Styler`, a Markdown table) as a document `Table`:
rows of cells with their spans expanded, header rows first, Styler fill colours kept."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup, Tag

from ntm_analysis.report.publish.document.model import Cell, Table

# a figure alone in a cell ("5.214.624,5", "84,7%", "72/85", "—"), a range of figures ("13–18",
# "92,32%–93,00%"), or a figure with a figure in brackets ("8 (phấn đấu 11)"): aligned right
_FIGURE = r"[+-]?[\d.,]+ ?%?"
NUMBER = re.compile(
    rf"[-–—]|(?:trên |hơn |khoảng |over |about )?{_FIGURE}(?:[/–]{_FIGURE})?"
    rf"(?: \([^()\d]*{_FIGURE}\))?"
)
_BACKGROUND = re.compile(r"([^{}]+)\{[^}]*background-color:\s*(#[0-9a-fA-F]{6})")


def fills(soup: BeautifulSoup) -> dict[str, str]:
    """Background colours a pandas Styler gives cells by id (`#T_x_row0_col7 {…}`)."""
    colours: dict[str, str] = {}
    for style in soup.find_all("style"):
        for selectors, colour in _BACKGROUND.findall(style.get_text()):
            for selector in selectors.split(","):
                selector = selector.strip()
                if selector.startswith("#"):
                    colours[selector[1:]] = colour.upper()
    return colours


def _slots(table: Tag, colours: dict[str, str]) -> list[list[Cell | None]]:
    """The table's rows as a grid of slots, spans expanded into covered slots."""
    rows = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    grid: list[list[Cell | None]] = [[] for _ in rows]
    for r, tr in enumerate(rows):
        c = 0
        for element in tr.find_all(["td", "th"], recursive=False):
            while c < len(grid[r]) and grid[r][c] is not None:
                c += 1
            across = max(int(element.get("colspan", 1) or 1), 1)
            down = max(int(element.get("rowspan", 1) or 1), 1)
            header = element.name == "th" or element.find_parent("thead") is not None
            text = element.get_text(" ", strip=True)
            first = Cell(
                text,
                header=header,
                span=(min(down, len(grid) - r), across),
                fill=colours.get(str(element.get("id") or "")),
                number=not header and bool(NUMBER.fullmatch(text)),
            )
            for dr in range(min(down, len(grid) - r)):
                target = grid[r + dr]
                while len(target) < c + across:
                    target.append(None)
                for dc in range(across):
                    target[c + dc] = first if dr == dc == 0 else Cell("", header, covered=True)
            c += across
    return grid


def table_of(element: Tag, colours: dict[str, str]) -> Table | None:
    """The document table of an HTML `<table>`; None when it has no cell."""
    grid = _slots(element, colours)
    width = max((len(row) for row in grid), default=0)
    if width == 0:
        return None
    rows = tuple(
        tuple(cell if cell is not None else Cell("") for cell in row + [None] * (width - len(row)))
        for row in grid
    )
    header_rows = 0
    for row in rows:
        if not all(cell.header for cell in row):
            break
        header_rows += 1
    return Table(rows, header_rows)


__all__ = ["NUMBER", "fills", "table_of"]
