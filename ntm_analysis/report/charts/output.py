"""A chart as a notebook output: an embedded PNG with alternative text in the page's language.

`figure_output(fig, alt)` returns an object a notebook displays (last expression of a cell,
or `display(...)`). Its MIME bundle holds the PNG and the alt text as plain text, and the
output metadata carries the alt text under `image/png` → `alt`, which the page template
(`templates/ntm_html`) writes into the `<img alt="…">` and the Word builder reuses as the
picture's description.
"""

from __future__ import annotations

import base64
import io
import sys
from dataclasses import dataclass
from typing import Any

from matplotlib.figure import Figure
from PIL import Image as PILImage

from ntm_analysis.report.charts.style import DPI, alt_text


def _compact_png(raw: bytes, colours: int = 64) -> bytes:
    """The chart as a palette PNG: charts use few colours, so this keeps them sharp at about a
    third of the size (pages stay well under 1 MB, the combined report too)."""
    image = PILImage.open(io.BytesIO(raw)).convert("RGB")
    out = io.BytesIO()
    image.quantize(colors=colours, method=PILImage.Quantize.MEDIANCUT).save(
        out, format="PNG", optimize=True
    )
    return out.getvalue() if out.tell() < len(raw) else raw


def figure_png(fig: Figure, dpi: int = DPI) -> bytes:
    """The figure as PNG bytes, trimmed to its content (no label cut off), colours compacted."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", pad_inches=0.08)
    return _compact_png(buffer.getvalue())


@dataclass(frozen=True)
class ChartOutput:
    """A rendered chart: PNG bytes and the alternative text, displayable in a notebook."""

    png: bytes
    alt: str
    report: bool = True  # False: on the analyst's page only, not in the report's document

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        data = {
            "image/png": base64.b64encode(self.png).decode("ascii"),
            "text/plain": self.alt,
        }
        metadata: dict[str, Any] = {"alt": self.alt}
        if not self.report:
            metadata["ntm-report"] = False
        return data, {"image/png": metadata}


def figure_output(fig: Figure | None, alt: str | None = None) -> ChartOutput | None:
    """The figure as an embedded PNG with alt text (the chart's own description when `alt` is
    not given). The figure is closed in pyplot if pyplot knows it. None for no figure."""
    if fig is None:
        return None
    text = alt if alt is not None else (alt_text(fig) or "")
    png = figure_png(fig)
    _close(fig)
    return ChartOutput(png=png, alt=text)


def _close(fig: Figure) -> None:
    """Close a figure pyplot registered (figures of this package never are)."""
    pyplot = sys.modules.get("matplotlib.pyplot")  # not imported here: no backend is loaded
    if pyplot is not None:
        pyplot.close(fig)  # a no-op for a figure pyplot does not manage
