"""The gettext catalogues (ntm_analysis/i18n, docs/translations.md): every wording translated,
placeholders equal, the catalogue in step with the code, and no reader-facing literal left
outside the catalogue and the templates."""

from __future__ import annotations

import ast
import io
import re
import string
from pathlib import Path

import pytest
import tomllib
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from jinja2 import Environment

import ntm_analysis
from ntm_analysis import i18n
from ntm_analysis.i18n import N_, t, tp

PACKAGE = Path(ntm_analysis.__file__).resolve().parent
ROOT = PACKAGE.parent
LOCALE = PACKAGE / "i18n" / i18n.LOCALE
POT = LOCALE / f"{i18n.DOMAIN}.pot"
PO = {lang: LOCALE / lang / "LC_MESSAGES" / f"{i18n.DOMAIN}.po" for lang in i18n.LANGUAGES[1:]}
MO = {lang: path.with_suffix(".mo") for lang, path in PO.items()}

# Common English words: two of them make a literal read as English prose.
ENGLISH_WORDS = {
    "the", "of", "and", "not", "with", "from", "is", "are", "a", "an", "in", "to", "for", "or",
    "be", "has", "have", "this", "that", "by", "no", "cannot", "does", "must", "at", "on",
    "its", "was", "were", "each", "than", "which", "should", "only", "but", "there", "when",
}  # fmt: skip
# Those that give English away in a Vietnamese text ("an", "in", "to" are Vietnamese words too).
NEVER_VIETNAMESE = ENGLISH_WORDS - {"a", "an", "in", "to", "no", "on", "at"}


def _read(path: Path):
    with path.open("rb") as stream:
        return read_po(stream)


def _messages(path: Path) -> list:
    return [m for m in _read(path) if m.id]


def _key(message) -> tuple[str | None, str]:
    return message.context, message.id if isinstance(message.id, str) else message.id[0]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


# --- the catalogue ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", sorted(PO))
def test_every_msgid_has_a_translation(lang):
    untranslated = [m.id for m in _messages(PO[lang]) if not m.string or m.fuzzy]
    assert not untranslated, f"{lang}: no translation (or fuzzy) for {untranslated}"


@pytest.mark.parametrize("lang", sorted(PO))
def test_placeholders_are_the_same_in_both_languages(lang):
    differ = [
        (m.id, m.string)
        for m in _messages(PO[lang])
        if m.string and _fields(m.id) != _fields(m.string)
    ]
    assert not differ, differ


@pytest.mark.parametrize("lang", sorted(PO))
def test_placeholders_are_marked_brace_format(lang):
    unmarked = [m.id for m in _messages(PO[lang]) if _fields(m.id) and not m.python_brace_format]
    assert not unmarked
    assert all("python-brace-format" in m.flags for m in _messages(PO[lang]) if _fields(m.id))


def test_no_english_word_in_a_vietnamese_msgid():
    found = {}
    for message in _messages(POT):
        text = re.sub(r"\{[^}]*\}|--\w[\w-]*", " ", message.id)  # placeholders, CLI flags
        words = set(re.findall(r"\w+", text.lower()))
        if words & NEVER_VIETNAMESE:
            found[message.id] = words & NEVER_VIETNAMESE
    assert not found, found


def _extraction() -> list[tuple[str, str | None, str]]:
    """(file, context, msgid) of every wording `pybabel extract -F babel.cfg` finds."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    return [
        (file, context, message if isinstance(message, str) else message[0])
        for file, _line, message, _comments, context in extract_from_dir(
            str(ROOT), method_map, options_map
        )
    ]


def _extracted() -> set[tuple[str | None, str]]:
    return {(context, msgid) for _, context, msgid in _extraction()}


def test_extraction_reaches_the_code_and_the_templates():
    files = {file for file, _, _ in _extraction()}
    assert any(file.endswith(".py") for file in files)
    assert any(file.endswith(".html.j2") for file in files)


def test_extraction_finds_every_wording_and_the_catalogues_hold_exactly_those():
    extracted = _extracted()
    template = {_key(m) for m in _messages(POT)}
    assert extracted - template == set(), "run `make translations`: the .pot is behind the code"
    assert template - extracted == set(), "run `make translations`: the .pot has stale msgids"
    for lang, po in PO.items():
        held = {_key(m) for m in _messages(po) if not m.id.startswith("#~")}
        assert extracted - held == set(), f"{lang}: msgids missing; run `make translations`"
        assert held - extracted == set(), f"{lang}: stale msgids; run `make translations`"
        assert not _read(po).obsolete, f"{lang}: obsolete entries left in the .po"


def _marked_in_code() -> set[tuple[str | None, str]]:
    """(context, msgid) of every literal passed to t/tp/N_ in the package, read from the AST."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            if name == "N_" and args[:1] and isinstance(args[0], str):
                found.add((None, args[0]))
            elif name == "t" and len(args) > 1 and isinstance(args[1], str):
                found.add((None, args[1]))
            elif name == "tp" and len(args) > 2 and isinstance(args[2], str):
                found.add((args[1], args[2]))
    return found


def test_every_marked_literal_reaches_the_catalogue():
    """A call Babel cannot see (inside an f-string, say) would fall back to Vietnamese."""
    assert _marked_in_code() - _extracted() == set()


@pytest.mark.parametrize("lang", sorted(PO))
def test_the_committed_mo_is_compiled_from_the_po(lang):
    """The .mo is committed (an installed wheel needs no build step); it must match its .po."""
    compiled = io.BytesIO()
    write_mo(compiled, _read(PO[lang]))
    compiled.seek(0)
    with MO[lang].open("rb") as stream:
        committed = read_mo(stream)
    expected = read_mo(compiled)
    pairs = {(m.context, str(m.id)): m.string for m in expected if m.id}
    assert {(m.context, str(m.id)): m.string for m in committed if m.id} == pairs, (
        "run `make translations`: the .mo is older than the .po"
    )


def test_the_catalogue_ships_as_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["ntm_analysis"]
    shipped = {path for pattern in patterns for path in PACKAGE.glob(pattern) if path.is_file()}
    assert {*MO.values(), *PO.values(), POT} <= shipped


# --- the API ----------------------------------------------------------------------------------


def _any_message(lang: str = "en", *, fields: bool | None = None, context: bool = False):
    for message in _messages(PO[lang]):
        if fields is not None and bool(_fields(message.id)) != fields:
            continue
        if any(spec for _, _, spec, _ in string.Formatter().parse(message.id)):
            continue  # filled with strings below: no number format
        if bool(message.context) == context:
            return message
    raise AssertionError("the catalogue has no such message")


def test_t_gives_the_msgid_in_vietnamese_and_the_translation_in_english():
    message = _any_message()
    assert t("vi", message.id) == message.id
    assert t("en", message.id) == message.string
    assert t("EN-gb", message.id) == message.string
    with pytest.raises(ValueError, match="fr"):
        t("fr", message.id)


def test_t_fills_placeholders_in_either_language():
    message = _any_message(fields=True)
    values = {name: f"<{name}>" for name in _fields(message.id)}
    assert t("vi", message.id, **values) == message.id.format(**values)
    assert t("en", message.id, **values) == message.string.format(**values)
    assert t("en", message.id) == message.string  # no values: the text as written


def test_tp_tells_apart_one_vietnamese_text_with_two_translations():
    message = _any_message(context=True)
    assert tp("vi", message.context, message.id) == message.id
    assert tp("en", message.context, message.id) == message.string
    plain = {m.id: m.string for m in _messages(PO["en"]) if not m.context}
    if message.id in plain:
        assert plain[message.id] != message.string


def test_a_msgid_without_english_falls_back_to_vietnamese_marked():
    assert t("en", "chỉ tiếng Việt {n}", n=1) == "chỉ tiếng Việt 1" + i18n.UNTRANSLATED
    assert tp("en", "nowhere", "chỉ tiếng Việt") == "chỉ tiếng Việt" + i18n.UNTRANSLATED
    assert t("vi", "chỉ tiếng Việt {n}", n=1) == "chỉ tiếng Việt 1"


def test_language_pick_and_the_marker_of_deferred_translation():
    assert i18n.language("VI") == "vi" and i18n.language("en_US") == "en"
    with pytest.raises(ValueError, match="fr"):
        i18n.language("fr-FR")
    assert i18n.pick("vi-VN", "một", "one") == "một" and i18n.pick("en", "một", "one") == "one"
    assert N_("Đạt") == "Đạt"


def test_translations_serve_jinja2_templates():
    message = _any_message()
    env = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    env.install_gettext_translations(i18n.translations("en"), newstyle=True)
    page = env.from_string("{{ _(msgid) }}|{% trans %}x{% endtrans %}")
    assert page.render(msgid=message.id).split("|")[0] == str(
        Environment(autoescape=True).from_string("{{ s }}").render(s=message.string)
    )


# --- no wording outside the catalogue -------------------------------------------------------

VIETNAMESE = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE
)

# Calls whose string arguments are no wording to check: the catalogue's (the msgid, and tp's
# context) and a data note (`cycle.rows.data_note`: provenance written into a data file, in
# English like the shipped data's notes).
MARKERS = {"t": (1,), "tp": (1, 2), "N_": (0,), "data_note": (0,)}

# Exceptions for programmer errors keep English messages: excluded structurally.
PROGRAMMER_ERRORS = {
    "ValueError", "TypeError", "KeyError", "RuntimeError", "AssertionError", "LookupError",
    "IndexError", "AttributeError", "NotImplementedError",
}  # fmt: skip

# Folders whose wordings are the catalogue itself.
CATALOGUE = ("i18n/",)
# Modules whose English stays, with the reason (whole modules, not strings).
ENGLISH_MODULES = {
    "cli/parser.py": "the command line's --help: argparse's own words and docs/cli.md are English",
}

# Every string the package must keep as written, with the reason: a token it parses or a name
# a file or a program expects. Nothing reader-facing belongs here.
PARSING_TOKENS: dict[str, str] = {
    # report/words/facts.py: a document without type code issued by a People's Council is a
    # resolution; the issuer's Vietnamese name is read for it
    "Hội đồng nhân dân": "facts: the issuer that makes a document without type code a resolution",
    # text/names.py: the name matcher strips a unit's level word and reads the level it implies
    r"^(?:(?:thị trấn|thị xã|thành phố|tỉnh|huyện|phường|xã|ấp|khóm)(?:\s+|$)"
    r"|(?:tp|tx|tt)(?:\.\s*|\s+|$))": "names: the level words a name may start with",
    "xã": "names: the level word of a commune, read as a prefix and written in candidates",
    "phường": "names: the level word of a ward (prefix and candidates)",
    "thị trấn": "names: the level word of a township (prefix and candidates)",
    "huyện": "names: the level word of a district (prefix and candidates)",
    "thị xã": "names: the level word of a town (prefix and candidates)",
    "thành phố": "names: the level word of a city (prefix and candidates)",
    "quận": "names: the level word of an urban district (prefix and candidates)",
    "đ": "names folds đ to d; numbers read 'đ' as the currency (đồng) after a figure",
    # text/numbers.py: the currency words a printed figure may end with, and their scale
    r"\s*(?P<word>tỷ đồng|tỷ|triệu đồng|triệu|nghìn đồng|đồng|đ)\s*$": "numbers: currency words",
    "tỷ": "numbers: billion, the scale of 'tỷ đồng'",
    "triệu": "numbers: million, the scale of 'triệu đồng'",
    "nghìn": "numbers: thousand, the scale of 'nghìn đồng'",
    "đồng": "numbers: the currency itself",
    # report/publish/document/tables.py: a figure alone in a table cell is aligned right
    r"[-–—]|(?:trên |hơn |khoảng |over |about )?": (
        "word: a figure with the qualifier it may carry in either language"
    ),
    # dataset/annex: column labels of a filled annex PL03 besides the template's own headers
    "mã": "annex: a commune-code column labelled 'Mã'",
    "mã gso": "annex: a commune-code column labelled 'Mã GSO'",
    "mã đơn vị": "annex: a commune-code column labelled 'Mã đơn vị'",
    "tên xã": "annex: a commune-name column labelled 'Tên xã'",
    "tên đơn vị": "annex: a commune-name column labelled 'Tên đơn vị'",
    "huyện/thị xã/thành phố": "annex: a district column labelled by its three kinds",
    "huyện, thị xã, thành phố": "annex: the same, with commas",
    r"^(?:tiêu chí\s*(?:số\s*)?|tc\s*)?([0-9]{1,2})(?:\s*[.:)]\s*(.*))?$": (
        "annex: a criterion column header ('Tiêu chí số 2. Giao thông', 'TC2')"
    ),
    "Hướng dẫn": "annex and workbook: the guide sheet's name, the same in both languages",
    # dataset/qualitative.py: the type codes of a document number ("12/QĐ-UBND")
    "QĐ": "citations: the type code of a decision (quyết định)",
    "NĐ": "citations: the type code of a decree (nghị định)",
}


def _english(text: str) -> bool:
    """Two or more common English words, outside placeholders: a sentence someone reads."""
    if " " not in text.strip():
        return False
    words = re.findall(r"\w+", re.sub(r"\{[^}]*\}", " ", text).lower())
    return sum(word in ENGLISH_WORDS for word in words) >= 2


def _exempt(tree: ast.AST) -> set[int]:
    """ids of the constants that are no wording: docstrings and bare strings, the arguments of
    `t`/`tp`/`N_`, and the messages of programmer errors and assertions."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        parts: list[ast.AST] = []
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            parts = [node.value]
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            parts = [node.args[i] for i in MARKERS.get(name, ()) if i < len(node.args)]
        elif isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            func = node.exc.func
            if getattr(func, "id", getattr(func, "attr", "")) in PROGRAMMER_ERRORS:
                parts = [node.exc]
        elif isinstance(node, ast.Assert) and node.msg is not None:
            parts = [node.msg]
        skip |= {id(sub) for part in parts for sub in ast.walk(part)}
    return skip


def stray_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of each string constant reading as Vietnamese or English outside the
    catalogue's markers, docstrings and programmer errors."""
    tree = ast.parse(source)
    skip = _exempt(tree)
    return sorted(
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in skip
        and (VIETNAMESE.search(node.value) or _english(node.value))
    )


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        if not module.startswith(CATALOGUE) and module not in ENGLISH_MODULES:
            yield module, path.read_text(encoding="utf-8")


def test_the_literal_detector():
    source = '''
"""Module docstring: the detector skips it."""
from ntm_analysis.i18n import N_, t, tp
LABELS = {"met": N_("Đạt")}
def f(lang, n):
    """Đạt: a docstring."""
    x = t(lang, "Đã đạt {n}", n=n) + tp(lang, "plural head", "xã")
    if n < 0:
        raise ValueError("n must be at least zero, not a negative count")
    assert n, "there is no count at all"
    y = "Chưa đạt"
    z = f"{n} rows in the file were not read"
    return "xã", "the code", "Value", "1 (met), 0 (not met)"
'''
    found = [text for _, text in stray_literals(source)]
    assert found == ["Chưa đạt", " rows in the file were not read", "xã"]


def test_no_wording_outside_the_catalogue():
    stray = [
        f"{module}:{line}: {text!r}"
        for module, source in _modules()
        for line, text in stray_literals(source)
        if text not in PARSING_TOKENS
    ]
    assert not stray, "wrap these in t()/tp()/N_() (docs/translations.md):\n" + "\n".join(stray)


def test_the_allow_list_is_not_stale():
    seen = {text for _, source in _modules() for _, text in stray_literals(source)}
    assert set(PARSING_TOKENS) <= seen, set(PARSING_TOKENS) - seen


# --- error messages are msgids ----------------------------------------------------------------

# The calls that take a message (and `expected=`) as a msgid, and where the message is.
MESSAGE_CALLS = {
    "InputError": 0, "PeriodError": 0, "NtmError": 0, "NameMatchError": 0,
    "UnknownNameError": 0, "AmbiguousNameError": 0, "VietnameseNumberError": 0, "Message": 0,
    "cell_error": 4,
}  # fmt: skip


def _written_text(node: ast.AST) -> bool:
    """A string written in place (a literal, an f-string, a concatenation), in any branch."""
    if isinstance(node, ast.IfExp):
        return _written_text(node.body) or _written_text(node.orelse)
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(node.value)
    return isinstance(node, ast.JoinedStr | ast.BinOp)


def unmarked_messages(source: str) -> list[tuple[int, str]]:
    """(line, call) of each error or message built from text not marked with `N_`: its
    message could not be translated (the literal test misses short ones such as "no rows")."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        if name not in MESSAGE_CALLS:
            continue
        position = MESSAGE_CALLS[name]
        parts = node.args[position : position + 2 if name == "cell_error" else position + 1]
        parts += [k.value for k in node.keywords if k.arg == "expected"]
        if any(_written_text(part) for part in parts):
            found.append((node.lineno, name))
    return found


def test_the_unmarked_message_detector():
    source = """
InputError(N_("không có tệp"), path=p, expected=N_("một tệp"))
InputError(exc, path=p)
InputError("no periods found", expected=N_("x"))
InputError(N_("x"), expected=f"one of {known}" if known else N_("một thư mục"))
cell_error(p, sheet, 1, 2, Message(N_("x")), "5 digits")
"""
    assert unmarked_messages(source) == [(4, "InputError"), (5, "InputError"), (6, "cell_error")]


def test_every_error_message_is_a_msgid():
    unmarked = [
        f"{module}:{line}: {name}(…)"
        for module, source in _modules()
        for line, name in unmarked_messages(source)
    ]
    assert not unmarked, "mark the message and `expected` with N_(…):\n" + "\n".join(unmarked)


# --- no wording chosen by a language branch ---------------------------------------------------

# (module, enclosing function) → why its comparison of a language stays.
ALLOWED = {
    ("quality/observations.py", "_shown"): "number format: a printed figure stays verbatim in vi",
    (
        "report/words/figures.py",
        "written_in",
    ): "number format: a printed figure stays verbatim in vi",
    ("report/words/facts.py", "_fact"): "data fallback: marks a qualitative point with no English",
    ("report/words/lists.py", "list_table"): "structure: the English table drops printed names",
    ("outlook/measures.py", "_ratio_current.text"): "data: the relation's note is English only",
}


def _language_comparisons() -> list[tuple[str, str, int]]:
    """(module, enclosing function, line) of every `… == "vi"`/`"en"` (or `!=`)."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))

        def walk(node: ast.AST, scope: tuple[str, ...], module: str = module) -> None:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                scope = (*scope, node.name)
            if isinstance(node, ast.Compare) and any(
                isinstance(op, ast.Eq | ast.NotEq) for op in node.ops
            ):
                sides = [node.left, *node.comparators]
                if any(isinstance(s, ast.Constant) and s.value in ("vi", "en") for s in sides):
                    found.append((module, ".".join(scope), node.lineno))
            for child in ast.iter_child_nodes(node):
                walk(child, scope)

        walk(tree, ())
    return found


def test_no_language_branch_outside_the_catalogue():
    stray = [
        f"{module}:{line} ({scope or 'module level'})"
        for module, scope, line in _language_comparisons()
        if (module, scope) not in ALLOWED and not module.startswith(CATALOGUE)
    ]
    assert not stray, "wording chosen by a language branch; use i18n.t: " + ", ".join(stray)


def test_language_branch_allow_list_is_not_stale():
    seen = {(module, scope) for module, scope, _ in _language_comparisons()}
    assert not set(ALLOWED) - seen, set(ALLOWED) - seen
