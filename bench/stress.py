"""Large and hostile input: time and peak memory of `ntm-report validate` on each case.

Each case copies the shipped `data/` to a temporary folder, plants one large or hostile file,
and runs `ntm-report validate` in a subprocess under an address-space cap (`prlimit --as`, so
a runaway case is stopped instead of eating the machine) and a wall-clock timeout. It prints
the exit code, the seconds, the peak RSS (from `wait4`) and the first line of the message.
Goal: every case ends within 60 s and 1.5 GB, with exit 2 for what is refused. Nothing is
asserted: benchmarks print, tests don't time.

    .venv/bin/python bench/stress.py                 # every case
    .venv/bin/python bench/stress.py --only zip_bomb unknown_codes_1m
    .venv/bin/python bench/stress.py --list
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PERIOD = "2021-09"
GOAL_S, GOAL_MB = 60.0, 1536.0
CAP_MB = 4096  # address-space cap of each case (virtual memory: well above the RSS goal)
TIMEOUT_S = 180.0

Case = Callable[[Path], None]
CASES: dict[str, tuple[str, Case]] = {}


def case(description: str) -> Callable[[Case], Case]:
    def register(function: Case) -> Case:
        CASES[function.__name__] = (description, function)
        return function

    return register


def _period(data: Path) -> Path:
    return data / "periods" / PERIOD


def _write_rows(path: Path, header: str, row: Callable[[int], str], count: int) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        handle.write(header + "\n")
        for start in range(0, count, 10_000):
            handle.write("".join(row(i) + "\n" for i in range(start, min(count, start + 10_000))))


_OBS_HEADER = "indicator,area,value,as_written,qualifier,section,provenance,note"
_LIST_HEADER = "list,area,item,as_written,detail,section"


@case("indicators.csv: 40,000 rows of unknown indicator codes (was 68 s)")
def unknown_codes_40k(data: Path) -> None:
    _write_rows(
        _period(data) / "indicators.csv",
        _OBS_HEADER,
        lambda i: f"unknown_code_{i},84,1,1,,A.I.1,reported,",
        40_000,
    )


@case("indicators.csv: 1,000,000 rows of unknown indicator codes (never finished)")
def unknown_codes_1m(data: Path) -> None:
    _write_rows(
        _period(data) / "indicators.csv",
        _OBS_HEADER,
        lambda i: f"unknown_code_{i},84,1,1,,A.I.1,reported,",
        1_000_000,
    )


@case("lists.csv: 1,000,000 valid rows (was 2.9 GB)")
def valid_rows_1m(data: Path) -> None:
    path = _period(data) / "lists.csv"
    original = path.read_text(encoding="utf-8")
    with open(path, "a", encoding="utf-8", newline="") as handle:
        if not original.endswith("\n"):
            handle.write("\n")
        for start in range(0, 1_000_000 - 1_000, 10_000):
            handle.write(
                "".join(
                    f"stress_list_{i},84,C{1 + i % 19:02d},Tiêu chí số {1 + i % 19},,A.II.1\n"
                    for i in range(start, min(1_000_000 - 1_000, start + 10_000))
                )
            )


@case("lists.csv: 1,000,001 short rows (past the row limit)")
def rows_past_limit(data: Path) -> None:
    _write_rows(_period(data) / "lists.csv", _LIST_HEADER, lambda i: f"l{i},84,C01,x,,", 1_000_001)


@case("communes.csv: 1,000,000 rows of unknown commune names")
def unknown_names_1m(data: Path) -> None:
    _write_rows(
        _period(data) / "communes.csv",
        "code,district_code,name,criteria_min,criteria_max",
        lambda i: f"29263,842,Không Có Xã {i},19,19",
        1_000_000,
    )


@case("lists.csv: 1,000,000 rows naming communes by unknown names")
def unknown_list_names_1m(data: Path) -> None:
    _write_rows(
        _period(data) / "lists.csv",
        _LIST_HEADER,
        lambda i: f"l{i},84,29263,Không Có Xã {i},,A.II.1",
        1_000_000,
    )


@case("indicators.csv: a value of 1e26 (was decimal.InvalidOperation)")
def value_1e26(data: Path) -> None:
    _set_first(_period(data) / "indicators.csv", "value", "1e26")


@case("indicators.csv: a value 'nan'")
def value_nan(data: Path) -> None:
    _set_first(_period(data) / "indicators.csv", "value", "nan")


@case("indicators.csv: a value '1_9'")
def value_underscore(data: Path) -> None:
    _set_first(_period(data) / "indicators.csv", "value", "1_9")


@case("communes.csv: criteria_min of 400 digits (was OverflowError)")
def criteria_min_huge(data: Path) -> None:
    _set_first(_period(data) / "communes.csv", "criteria_min", "9" * 400)


@case("lists.csv: a symlink to a file outside the data folder")
def symlink_outside(data: Path) -> None:
    path = _period(data) / "lists.csv"
    outside = data.parent / "outside.csv"
    outside.write_bytes(path.read_bytes())
    path.unlink()
    path.symlink_to(outside)


@case("period.yml: criteria_set '../../outside'")
def criteria_set_escape(data: Path) -> None:
    (data.parent / "outside.yml").write_text("id: x\n", encoding="utf-8")
    meta = _period(data) / "period.yml"
    text = meta.read_text(encoding="utf-8").replace('"2016-2020"', '"../../outside"', 1)
    meta.write_text(text, encoding="utf-8")


@case("periods/2021-09: an Excel lock file ~$annex_pl03.xlsx (ignored, reported)")
def lock_file(data: Path) -> None:
    (_period(data) / "~$annex_pl03.xlsx").write_bytes(b"\x00" * 165)


def _set_first(path: Path, column: str, value: str) -> None:
    """Put `value` into `column` of the first data row of a simple CSV file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    col = lines[0].split(",").index(column)
    fields = lines[1].split(",")
    fields[col] = value
    lines[1] = ",".join(fields)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@case("indicators.csv: 60 MB (over the 50 MB limit)")
def csv_over_size(data: Path) -> None:
    path = _period(data) / "indicators.csv"
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(("#" * 1023 + "\n") * (60 * 1024))


@case("annex_pl03.xlsx: zip bomb, 1.5 MB expanding to 1.5 GB")
def zip_bomb(data: Path) -> None:
    path = _period(data) / "annex_pl03.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"<row/>" * (1 << 20)
            for _ in range(1536 * 1024 * 1024 // len(block)):
                member.write(block)


@case("annex_pl03.xlsx: 1,000,000 data rows (was 6.1 GB)")
def annex_1m_rows(data: Path) -> None:
    """A sheet XML written directly (openpyxl would take minutes to write it)."""
    path = _period(data) / "annex_pl03.xlsx"
    rows = io.StringIO()
    rows.write('<row r="1"><c r="A1" t="inlineStr"><is><t>Mã xã</t></is></c>')
    rows.write('<c r="B1" t="inlineStr"><is><t>Xã</t></is></c></row>')
    for r in range(2, 1_000_002):
        rows.write(f'<row r="{r}"><c r="A{r}"><v>29263</v></c><c r="B{r}"><v>1</v></c></row>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{rows.getvalue()}</sheetData></worksheet>"
    )
    _write_xlsx(path, sheet)


@case("annex_pl03.xlsx: a sheet declaring A1:XFD1048576")
def annex_huge_dimension(data: Path) -> None:
    sheet = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<dimension ref="A1:XFD1048576"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Mã xã</t></is></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
        "</sheetData></worksheet>"
    )
    _write_xlsx(_period(data) / "annex_pl03.xlsx", sheet)


def _write_xlsx(path: Path, sheet_xml: str) -> None:
    """A minimal workbook with one sheet named PL03."""
    ns = "http://schemas.openxmlformats.org"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<Types xmlns="{ns}/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>"
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}/spreadsheetml/2006/'
            f'main" xmlns:r="{ns}/officeDocument/2006/relationships"><sheets>'
            '<sheet name="PL03" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}/package/2006/'
            'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": sheet_xml,
    }
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)


@case("periods/2021-09: a stray 3 GB sparse file hashed for the checksums")
def stray_large_file(data: Path) -> None:
    with open(_period(data) / "scan.pdf", "wb") as handle:
        handle.truncate(3 * 1024**3)


@case("indicators.csv: a NUL byte after the first 4 KB")
def nul_late(data: Path) -> None:
    path = _period(data) / "indicators.csv"
    text = path.read_bytes()
    path.write_bytes(text[:5000] + b"\x00" + text[5000:])


# --------------------------------------------------------------------------- running


def _run(name: str, keep: bool) -> dict[str, object]:
    work = Path(tempfile.mkdtemp(prefix=f"stress-{name}-"))
    try:
        data = work / "data"
        # Built in a child process: peak RSS survives exec, so a parent grown by building a
        # large case would lend its own peak to every case measured after it.
        subprocess.run([sys.executable, __file__, "--build", name, str(data)], check=True, cwd=work)
        command = [
            "prlimit",
            f"--as={CAP_MB * 1024 * 1024}",
            sys.executable,
            "-m",
            "ntm_analysis",
            "validate",
            "--period",
            PERIOD,
            "--data-dir",
            str(data),
        ]
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=work
        )
        deadline = start + TIMEOUT_S
        status = None
        while status is None:
            pid, raw_status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                status = raw_status
                break
            if time.perf_counter() > deadline:
                process.kill()
                pid, raw_status, usage = os.wait4(process.pid, 0)
                status = raw_status
                break
            time.sleep(0.05)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        err = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
        first = next((line for line in err.splitlines() if line.strip()), "")
        return {
            "case": name,
            "exit": process.returncode,
            "seconds": seconds,
            "peak_mb": usage.ru_maxrss / 1024,
            "message": first[:150],
            "timed_out": seconds >= TIMEOUT_S,
        }
    finally:
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", metavar="CASE", help="run only these cases")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data folders")
    parser.add_argument("--build", nargs=2, metavar=("CASE", "DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build:
        name, data = args.build
        shutil.copytree(ROOT / "data", data)
        CASES[name][1](Path(data))
        return 0
    if args.list:
        for name, (description, _) in CASES.items():
            print(f"{name:24} {description}")
        return 0
    names = args.only or list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        parser.error(f"unknown case(s) {unknown}; --list shows them")
    print(
        f"cap {CAP_MB} MB address space, timeout {TIMEOUT_S:.0f} s; goal {GOAL_S:.0f} s, "
        f"{GOAL_MB:.0f} MB peak RSS"
    )
    print("| case | exit | seconds | peak RSS MB | within goal | message |")
    print("|---|---|---|---|---|---|")
    for name in names:
        result = _run(name, args.keep)
        ok = result["seconds"] <= GOAL_S and result["peak_mb"] <= GOAL_MB
        message = str(result["message"]).replace("|", "\\|")
        print(
            f"| {name} | {result['exit']} | {result['seconds']:.1f}"
            f"{' (timeout)' if result['timed_out'] else ''} | {result['peak_mb']:.0f} | "
            f"{'yes' if ok else 'NO'} | {message} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
