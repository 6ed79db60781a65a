"""The cases of `bench/stress.py`, one per hostile or careless input of issue 20 (and the
large-input cases of the first round), grouped in the classes its table counts."""

from __future__ import annotations

import shutil
from pathlib import Path

from bench.stress_support import (
    BOMB,
    CASES,
    FIRST_SHEET,
    MB,
    PERIOD,
    RENDER_S,
    SHEET_HEAD,
    SHEET_TAIL,
    Build,
    Plan,
    annex,
    append_list_rows,
    case,
    filled_workbook,
    hostile_import,
    import_,
    input_workbook,
    kept,
    link_outside,
    ntm,
    period,
    published,
    repeated,
    run,
    text_cells,
    validate,
    write_rows,
)

__all__ = ["CASES"]  # every case below registers itself there

BOUNDED = "1. workbook bounded before parsing"
EXIT2_XLSX = "7. exit 2: unreadable workbooks"
EXECUTABLE = "2. nothing executable out"
CHECKS = "3. self-contained check"
FOLDER = "4. the user's files"
OPTIONAL = "5. optional outputs"
COST = "6. proportionate cost"
EXIT2 = "7. exit 2: other inputs"
DASK = "7. Dask addresses"
CONFINED = "8. one confinement rule"
LOCKED = "9. imports take the lock"
ROUND1 = "0. round one (validate)"


# ----------------------------------------------------------------- 1. bounded before parsing


@case(BOUNDED, "import: 2.4 MB workbook whose sheet expands to 1.5 GB of <row/>")
def xlsx_row_bomb(work: Path) -> Plan:
    return hostile_import(
        work, {FIRST_SHEET: repeated(SHEET_HEAD, b"<row/>", 1536 * MB, SHEET_TAIL)}
    )


@case(BOUNDED, "import: 1.1 MB workbook holding a 1 GB XML comment")
def xlsx_comment_1gb(work: Path) -> Plan:
    sheet = repeated(SHEET_HEAD + b"<!--", b"a", 1024 * MB, b"-->" + SHEET_TAIL)
    return hostile_import(work, {FIRST_SHEET: sheet})


@case(BOUNDED, "import: a sheet of 1,000,000 rows")
def xlsx_1m_rows(work: Path) -> Plan:
    def sheet(member) -> None:
        member.write(SHEET_HEAD)
        for start in range(1, 1_000_001, 10_000):
            rows = range(start, start + 10_000)
            member.write(
                b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r) for r in rows)
            )
        member.write(SHEET_TAIL)

    return hostile_import(work, {FIRST_SHEET: sheet})


@case(BOUNDED, "import: 90 MB of unknown elements in a sheet")
def xlsx_unknown_elements(work: Path) -> Plan:
    return hostile_import(work, {FIRST_SHEET: repeated(SHEET_HEAD, b"<zz/>", 90 * MB, SHEET_TAIL)})


@case(BOUNDED, "validate: 95 MB of junk elements in xl/styles.xml of the annex")
def annex_styles_junk(work: Path) -> Plan:
    head = b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    return annex(work, {"xl/styles.xml": repeated(head, b"<junk/>", 95 * MB, b"</styleSheet>")})


@case(BOUNDED, "validate: 95 MB of text in xl/workbook.xml of the annex")
def annex_workbook_junk(work: Path) -> Plan:
    head = b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x>'
    return annex(work, {"xl/workbook.xml": repeated(head, b"junk ", 95 * MB, b"</x></workbook>")})


@case(BOUNDED, "validate: a sheet moved to xl/data/big.xml with 5.76M cells")
def annex_hidden_sheet(work: Path) -> Plan:
    row = b"<row>" + b"<c><v>1</v></c>" * 24 + b"</row>"
    big = repeated(SHEET_HEAD, row, 240_000 * len(row), SHEET_TAIL)
    return annex(work, {"xl/data/big.xml": big})


# ------------------------------------------------------- 7. unreadable workbooks: exit 2

for _part in ("xl/workbook.xml", "xl/styles.xml", "[Content_Types].xml"):
    for _name, _bytes, _what in (("malformed", b"<workbook><sheets>", "malformed"),
                                 ("entities", BOMB, "entity-bearing")):  # fmt: skip
        for _command, _build in (("import", hostile_import), ("annex", annex)):

            def _case(work: Path, part=_part, data=_bytes, build=_build) -> Plan:
                return build(work, {part: data})

            _case.__name__ = (
                f"{_command}_{_name}_{_part.split('/')[-1].split('.')[0].strip('[]').lower()}"
            )
            case(EXIT2_XLSX, f"{_command}: {_what} {_part}")(_case)


@case(EXIT2_XLSX, "import: no xl/styles.xml")
def import_no_styles(work: Path) -> Plan:
    return hostile_import(work, {"xl/styles.xml": None})


@case(EXIT2_XLSX, "import: a corrupt deflate stream")
def import_corrupt_deflate(work: Path) -> Plan:
    plan = hostile_import(work, {})
    path = work / "hostile.xlsx"
    data = bytearray(path.read_bytes())
    at = data.find(FIRST_SHEET.encode()) + len(FIRST_SHEET) + 4
    for i in range(at, at + 40):
        data[i] ^= 0x5A
    path.write_bytes(bytes(data))
    return plan


@case(EXIT2_XLSX, "import: a macro-enabled workbook (vbaProject.bin)")
def import_macros(work: Path) -> Plan:
    return hostile_import(work, {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\x00" * 512})


# ------------------------------------------------------------ 2. nothing executable out

PLANTED = ("=cmd|' /C calc'!A0", '=HYPERLINK("http://x.example")', "=1+1", "@SUM(A1)", "\t=1+1")


@case(EXECUTABLE, "workbook: list items beginning with =, @ and a tab are written as text")
def workbook_formulas(work: Path) -> Plan:
    quoted = ['"' + text.replace('"', '""') + '"' for text in PLANTED]  # CSV fields
    append_list_rows(work, len(PLANTED), lambda i: f"C01,{quoted[i]}")
    return Plan(["workbook", "--period", PERIOD, "--data-dir", "{data}", "--output",
                 "{work}/next.xlsx"], expect=0, check=text_cells("next.xlsx", PLANTED))  # fmt: skip


@case(EXECUTABLE, "import: a formula =HYPERLINK(…) typed into an input cell")
def import_formula(work: Path) -> Plan:
    from openpyxl import load_workbook

    path = filled_workbook(work)
    book = load_workbook(path)
    cells = (c for sheet in book.worksheets for row in sheet.iter_rows() for c in row)
    cell = next(c for c in cells if isinstance(c.value, int | float) and c.row > 3)
    cell.value = '=HYPERLINK("http://x.example","1")'
    book.save(path)
    return Plan(import_(str(path)))


# ---------------------------------------------------------------- 3. self-contained check


@case(CHECKS, "run: @import 'https://x' in a list item (escaped text): published")
def run_css_text(work: Path) -> Plan:
    append_list_rows(work, 1, lambda i: "C01,@import 'https://x.example/a.css'")
    return Plan(run(), expect=0, check=published, seconds=RENDER_S)


# ---------------------------------------------------------------------- 4. the user's files


@case(FOLDER, "run: notes.txt added to a published folder is kept")
def run_keeps_notes(work: Path) -> Plan:
    ntm(*[a.format(data=work / "data", work=work) for a in run()], cwd=work)
    (work / "out" / PERIOD / "notes.txt").write_text("mine", encoding="utf-8")
    return Plan(run("--force"), expect=0, check=kept(f"out/{PERIOD}/notes.txt"), seconds=RENDER_S)


@case(FOLDER, "run: the user's folder .2021-09.tmp-mine is kept")
def run_keeps_tmp_named(work: Path) -> Plan:
    folder = work / "out" / f".{PERIOD}.tmp-mine"
    folder.mkdir(parents=True)
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    return Plan(run(), expect=0, check=kept(f"out/.{PERIOD}.tmp-mine/notes.txt"), seconds=RENDER_S)


@case(FOLDER, "run: --output-dir inside the data folder is refused")
def run_output_in_data(work: Path) -> Plan:
    args = run()
    args[args.index("--output-dir") + 1] = f"{{data}}/periods/{PERIOD}"
    return Plan(args)


# ------------------------------------------------------------------- 5. optional outputs


def _fake_office(work: Path, body: str) -> dict[str, str]:
    """A stand-in for LibreOffice, which prints report.pdf from report.docx (NTM_SOFFICE)."""
    tool = work / "fake-soffice"
    tool.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    tool.chmod(0o755)
    return {"NTM_SOFFICE": str(tool)}


@case(OPTIONAL, "run: a failing PDF step: HTML published, exit 1")
def run_pdf_fails(work: Path) -> Plan:
    return Plan(
        run(), expect=1, check=published, seconds=RENDER_S, env=_fake_office(work, "exit 3")
    )


@case(OPTIONAL, "run: a hanging PDF step: stopped at 60 s, HTML published, exit 1")
def run_pdf_hangs(work: Path) -> Plan:
    return Plan(
        run(), expect=1, check=published, seconds=RENDER_S, env=_fake_office(work, "sleep 600")
    )


# ---------------------------------------------------------------- 6. proportionate cost


@case(COST, "validate: 100,000 header columns in indicators.csv (1.3 MB)")
def wide_header(work: Path) -> Plan:
    path = period(work) / "indicators.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[0] += "".join(f",x{i}" for i in range(100_000))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return Plan(validate())


@case(COST, "run: 1,000,000 list rows (past the row limits)")
def run_1m_list_rows(work: Path) -> Plan:
    append_list_rows(work, 1_000_000)
    return Plan(run())


@case(COST, "run: the shipped period, for reference")
def run_shipped(work: Path) -> Plan:
    return Plan(run(), expect=0, check=published, seconds=RENDER_S)


@case(COST, "run: 1,001 named lists (past the limit on lists)")
def run_many_lists(work: Path) -> Plan:
    append_list_rows(work, 1_001, lists=1_001)
    return Plan(run())


@case(COST, "run: 19,750 list rows (the shipped 158 and more, below the limit): within the goal")
def run_max_list_rows(work: Path) -> Plan:
    append_list_rows(work, 19_750, lists=3)
    return Plan(run(), expect=0, check=published, seconds=RENDER_S)


@case(COST, "units: a 247 MB conversion CSV")
def units_big_conversion(work: Path) -> Plan:
    path = work / "data" / "reference" / "admin_units" / "conversion_2021_2025-07-01.csv"
    with open(path, "a", encoding="utf-8") as handle:
        line = "00001,00097,01,merged,,yes,converter\n"
        handle.write(line * (247 * MB // len(line)))
    return Plan(["units", "--period", PERIOD, "--data-dir", "{data}", "--to", "2025-07-01"])


# ----------------------------------------------------------------- 7. other inputs: exit 2


@case(EXIT2, "validate: a 5000-digit target in targets/<Y>.yml")
def target_5000_digits(work: Path) -> Plan:
    path = next((work / "data" / "targets").glob("*.yml"))
    text = path.read_text(encoding="utf-8")
    at = text.index("target: ") + len("target: ")
    end = text.index("\n", at)
    path.write_text(text[:at] + "9" * 5000 + text[end:], encoding="utf-8")
    return Plan(validate())


@case(EXIT2, "run: .index.lock is a symlink")
def index_lock_symlink(work: Path) -> Plan:
    (work / "out").mkdir()
    (work / "out" / ".index.lock").symlink_to(work / "elsewhere.lock")
    return Plan(run())


@case(EXIT2, "new-period over a dangling symlink")
def new_period_dangling(work: Path) -> Plan:
    (work / "data" / "periods" / "2021-12").symlink_to(work / "nowhere")
    return Plan(["new-period", "--period", "2021-12", "--data-dir", "{data}", "--from", PERIOD])


# ------------------------------------------------------------------------ Dask addresses


def _dask(address: str, server: bool = False) -> Build:
    def build(work: Path) -> Plan:
        return Plan(run("--executor", "dask", "--scheduler", address), server=server)

    return build


for _name, _address, _server in (
    ("dask_bogus", "bogus://x", False),
    ("dask_http", "http://127.0.0.1:9", False),
    ("dask_inproc", "inproc://x", False),
    ("dask_unroutable", "tcp://10.255.255.1:8786", False),
    ("dask_http_server", "tcp://127.0.0.1:{port}", True),
):
    _build = _dask(_address, _server)
    _build.__name__ = _name
    case(DASK, f"run --scheduler {_address}" + (" (an HTTP server)" if _server else ""))(_build)


# -------------------------------------------------------------------- 8. confinement


def _linked_period(command: list[str]) -> Build:
    def build(work: Path) -> Plan:
        if "import" in command:
            input_workbook(work)
        link_outside(period(work), work)
        return Plan(command)

    return build


for _name, _command in (
    (
        "workbook",
        ["workbook", "--period", PERIOD, "--data-dir", "{data}", "--output", "{work}/o.xlsx"],
    ),
    ("units", ["units", "--period", PERIOD, "--data-dir", "{data}"]),
    ("import", import_("{work}/wb.xlsx")),
    ("validate", validate()),
    ("run", run()),
    (
        "template",
        ["template", "--period", PERIOD, "--data-dir", "{data}", "--output", "{work}/t.xlsx"],
    ),
):
    _build = _linked_period(_command)
    _build.__name__ = f"linked_period_{_name}"
    case(CONFINED, f"{_name}: the period folder is a symlink outside data/")(_build)


@case(CONFINED, "workbook: lists.csv is a symlink outside data/")
def linked_csv_workbook(work: Path) -> Plan:
    link_outside(period(work) / "lists.csv", work)
    return Plan(
        ["workbook", "--period", PERIOD, "--data-dir", "{data}", "--output", "{work}/o.xlsx"]
    )


@case(CONFINED, "import: indicators.csv is the user's symlink (inside data/): never replaced")
def import_keeps_symlink(work: Path) -> Plan:
    path = filled_workbook(work)
    target = work / "data" / "indicators-mine.csv"
    shutil.move(period(work) / "indicators.csv", target)
    (period(work) / "indicators.csv").symlink_to(target)
    return Plan(import_(str(path)))


# ---------------------------------------------------------------------- 9. the lock


@case(LOCKED, "three concurrent import --force of one period: one imports, two refused")
def concurrent_imports(work: Path) -> Plan:
    path = filled_workbook(work)
    return Plan(import_(str(path)), expect=0, writes=True, copies=3)


# ------------------------------------------------------------- round one (validate only)


@case(ROUND1, "indicators.csv: 1,000,000 rows of unknown indicator codes")
def unknown_codes_1m(work: Path) -> Plan:
    write_rows(
        period(work) / "indicators.csv",
        "indicator,area,value,as_written,qualifier,section,provenance,note",
        lambda i: f"unknown_code_{i},84,1,1,,A.I.1,reported,",
        1_000_000,
    )
    return Plan(validate())


@case(ROUND1, "indicators.csv: 60 MB (over the 50 MB limit)")
def csv_over_size(work: Path) -> Plan:
    with open(period(work) / "indicators.csv", "a", encoding="utf-8") as handle:
        handle.write(("#" * 1023 + "\n") * (60 * 1024))
    return Plan(validate())


@case(ROUND1, "lists.csv: a symlink to a file outside the data folder")
def symlink_outside(work: Path) -> Plan:
    link_outside(period(work) / "lists.csv", work)
    return Plan(validate())


@case(ROUND1, "periods/2021-09: a stray 3 GB sparse file (hashed for the checksums)")
def stray_large_file(work: Path) -> Plan:
    with open(period(work) / "scan.pdf", "wb") as handle:
        handle.truncate(3 * 1024**3)
    return Plan(validate(), expect=0)


@case(ROUND1, "indicators.csv: a NUL byte after the first 4 KB")
def nul_late(work: Path) -> Plan:
    path = period(work) / "indicators.csv"
    text = path.read_bytes()
    path.write_bytes(text[:5000] + b"\x00" + text[5000:])
    return Plan(validate())
