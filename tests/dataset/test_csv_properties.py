"""Property tests of the CSV reader: what is written is read back, NUL is refused anywhere."""

from __future__ import annotations

import csv
import io
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ntm_analysis.dataset.files import decode_text, read_csv_text
from ntm_analysis.errors import InputError

_FIELD = st.text(
    st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00\r"), max_size=12
)


def _write(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(_FIELD, min_size=3, max_size=3), min_size=1, max_size=8))
def test_rows_read_back_normalised(tmp_path_factory, rows):
    path: Path = tmp_path_factory.mktemp("csv") / "t.csv"
    kept = [r for r in rows if any(f.strip() for f in r) and any(r)]
    if not kept:
        return
    path.write_bytes(_write([["a", "b", "c"], *rows]))
    frame = read_csv_text(path, ["a", "b", "c"])
    expected = [[unicodedata.normalize("NFC", f).strip() for f in r] for r in kept]
    assert frame[["a", "b", "c"]].values.tolist() == expected


@given(st.binary(max_size=200), st.binary(max_size=200))
def test_nul_anywhere_is_refused(before, after):
    raw = before.replace(b"\xff\xfe", b"").replace(b"\xfe\xff", b"") + b"\x00" + after
    with pytest.raises(InputError):
        decode_text(raw, Path("x.csv"))
