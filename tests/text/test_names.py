"""Tests for name normalisation and matching against the real GSO list of Trà Vinh."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from ntm_analysis.dataset.reference import UNIT_COLUMNS
from ntm_analysis.text.names import (
    AmbiguousNameError,
    Match,
    NameMatcher,
    NameMatchError,
    UnknownNameError,
    fold_diacritics,
    normalise_name,
)

ADMIN_UNITS = Path(__file__).resolve().parents[2] / "data" / "reference" / "admin_units.csv"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture(scope="module")
def units() -> pd.DataFrame:
    return pd.read_csv(ADMIN_UNITS, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def matcher(units: pd.DataFrame) -> NameMatcher:
    return NameMatcher(units)


# --------------------------------------------------------------------------- the data file


def test_admin_units_counts(units: pd.DataFrame) -> None:
    assert list(units.columns) == UNIT_COLUMNS
    assert len(units) == 106
    assert units["unit_type"].value_counts().to_dict() == {"xa": 85, "phuong": 11, "thi_tran": 10}
    assert units["district_code"].nunique() == 9
    assert units["unit_code"].is_unique
    assert set(units["province_code"]) == {"84"}
    assert set(units["province_name"]) == {"Trà Vinh"}


def test_admin_units_codes_are_digit_strings(units: pd.DataFrame) -> None:
    for column in ("province_code", "district_code", "unit_code"):
        assert units[column].str.fullmatch(r"\d+").all(), column


def test_admin_units_types_and_names(units: pd.DataFrame) -> None:
    assert set(units["district_type"]) == {"huyen", "thi_xa", "thanh_pho"}
    assert set(units["unit_type"]) == {"xa", "phuong", "thi_tran"}
    districts = units.drop_duplicates("district_code").set_index("district_code")
    assert districts.loc["850", ["district_name", "district_type"]].tolist() == [
        "Duyên Hải",
        "huyen",
    ]
    assert districts.loc["851", ["district_name", "district_type"]].tolist() == [
        "Duyên Hải",
        "thi_xa",
    ]
    for name in units["unit_name"]:
        assert unicodedata.is_normalized("NFC", name)
        assert not name.startswith(("Xã ", "Thị trấn ")), name
    names = set(units["unit_name"])
    assert {"Hoà Tân", "Lương Hoà A", "Hòa Ân", "Phường 1", "Long Đức"} <= names


# --------------------------------------------------------------------------- normalise_name


@pytest.mark.parametrize(
    ("variant", "expected"),
    [
        ("Hòa Tân", "hòa tân"),
        ("Hoà Tân", "hòa tân"),
        ("HOÀ TÂN", "hòa tân"),
        ("Thuỷ", "thủy"),
        ("Thủy", "thủy"),
        ("khoẻ", "khỏe"),
        ("Xã  Hoà   Tân.", "hòa tân"),
        ("xã Hòa Tân", "hòa tân"),
        ("Huyện Cầu Kè", "cầu kè"),
        ("Thị xã Duyên Hải", "duyên hải"),
        ("TP. Trà Vinh", "trà vinh"),
        ("TP.Trà Vinh", "trà vinh"),
        ("tp Trà Vinh", "trà vinh"),
        ("Thành phố Trà Vinh", "trà vinh"),
        ("Tỉnh Trà Vinh", "trà vinh"),
        ("Thị trấn Định An", "định an"),
        ("Ấp Hòa Lạc", "hòa lạc"),
        ("khóm Hòa Lạc", "hòa lạc"),
        ("(xã Long Đức)", "long đức"),
    ],
)
def test_normalise_name_examples(variant: str, expected: str) -> None:
    assert normalise_name(variant) == expected
    assert normalise_name(nfd(variant)) == expected


def test_normalise_name_keeps_number_names() -> None:
    assert normalise_name("Phường 1") == "phường 1"
    assert normalise_name("Phường 01") == "phường 1"
    assert normalise_name("Ấp 3") == "ấp 3"


def test_prefix_only_as_leading_word() -> None:
    assert normalise_name("Long Hòa xã") == "long hòa xã"
    assert normalise_name("Xã") == "xã"


def test_closed_syllables_and_qu_keep_their_tone() -> None:
    assert normalise_name("Hoàng") == "hoàng"
    assert normalise_name("Quỳnh") == "quỳnh"
    assert normalise_name("Quý") == "quý"
    assert normalise_name("qùy") == normalise_name("quỳ") == "quỳ"
    assert normalise_name("Thuyền") == "thuyền"


def test_fold_diacritics_examples() -> None:
    assert fold_diacritics("Vĩnh Kim") == fold_diacritics("Vinh Kim") == "vinh kim"
    assert fold_diacritics("Xã Đại Phúc") == "dai phuc"
    assert fold_diacritics("Đại Phước") == "dai phuoc"
    assert fold_diacritics("Hoà Tân") == fold_diacritics("Hòa Tân") == "hoa tan"


# --------------------------------------------------------------------------- NameMatcher


def test_tone_placement_variants(matcher: NameMatcher) -> None:
    assert matcher.match("Hoà Tân") == Match("29320", "Hoà Tân", "845", True, "exact", "xa")
    tone = matcher.match("Hòa Tân")
    assert (tone.code, tone.exact, tone.method) == ("29320", True, "tone")
    assert matcher.match("Lương Hòa A").code == "29386"
    assert matcher.match("Hoà Ân").code == "29311"
    assert matcher.match("Lương Hòa").code == "29389"


def test_nfd_and_prefix(matcher: NameMatcher) -> None:
    found = matcher.match(nfd("Xã Long Đức"))
    assert (found.code, found.name, found.exact, found.method) == (
        "29263",
        "Long Đức",
        True,
        "prefix",
    )
    assert matcher.match(nfd("Hoà Tân")).method == "exact"


def test_loose_match_without_diacritics(matcher: NameMatcher) -> None:
    found = matcher.match("Hoa An")
    assert (found.code, found.name, found.exact, found.method) == (
        "29311",
        "Hòa Ân",
        False,
        "folded",
    )
    assert matcher.match("Xa Hoa An").code == "29311"
    # the source's spelling, kept by the lists (data/reference/SOURCES.yml): an exact match
    assert matcher.match("Vinh Kim", district="Cầu Ngang").code == "29431"
    assert matcher.match("Vĩnh Kim").name == "Vinh Kim"


def test_phuong_1_needs_a_district(matcher: NameMatcher) -> None:
    with pytest.raises(AmbiguousNameError) as info:
        matcher.match("Phường 1")
    assert {match.code for match in info.value.candidates} == {"29239", "29512"}
    assert matcher.match("Phường 1", district="Trà Vinh").code == "29239"
    assert matcher.match("Phường 1", district="TP. Trà Vinh").code == "29239"
    assert matcher.match("Phường 1", district="thị xã Duyên Hải").code == "29512"
    assert matcher.match("Phường 1", district="851").code == "29512"
    with pytest.raises(AmbiguousNameError):
        matcher.match("Phường 1", district="Duyên Hải")


def test_duyen_hai_districts(matcher: NameMatcher) -> None:
    with pytest.raises(AmbiguousNameError):
        matcher.match_district("Duyên Hải")
    assert matcher.match_district("huyện Duyên Hải").code == "850"
    assert matcher.match_district("Thị xã Duyên Hải").code == "851"
    assert matcher.match_district("TX. Duyên Hải").code == "851"
    assert matcher.match_district("Duyên Hải", district_type="thi_xa").code == "851"
    assert matcher.match("Long Thành", district="Huyện Duyên Hải").code == "29513"


def test_match_district(matcher: NameMatcher) -> None:
    city = matcher.match_district("Thành phố Trà Vinh")
    assert (city.code, city.name, city.district_code, city.exact) == (
        "842",
        "Trà Vinh",
        "842",
        True,
    )
    loose = matcher.match_district("Chau Thanh")
    assert (loose.code, loose.exact, loose.method) == ("847", False, "folded")


def test_dinh_an_is_a_township_and_a_commune(matcher: NameMatcher) -> None:
    with pytest.raises(AmbiguousNameError):
        matcher.match("Định An")
    assert matcher.match("Định An", unit_type="xa").code == "29494"
    assert matcher.match("Định An", unit_type="thi_tran").code == "29462"
    assert matcher.match("xã Định An").code == "29494"
    assert matcher.match("Thị trấn Định An").code == "29462"


def test_unit_type_is_a_filter(matcher: NameMatcher) -> None:
    with pytest.raises(UnknownNameError):
        matcher.match("Càng Long", unit_type="xa")
    assert matcher.match("Càng Long").code == "29266"


def test_unknown_name_lists_candidates(matcher: NameMatcher) -> None:
    with pytest.raises(UnknownNameError) as info:
        matcher.match("Hòa Khánh")
    message = str(info.value)
    assert "Hòa Khánh" in message
    assert "Hòa Ân" in message
    assert "huyện Cầu Kè" in message
    assert 1 <= len(info.value.candidates) <= 3
    assert isinstance(info.value, NameMatchError)
    assert isinstance(info.value, ValueError)


def test_name_in_another_district_is_unknown(matcher: NameMatcher) -> None:
    with pytest.raises(UnknownNameError, match="Vĩnh Kim"):
        matcher.match("Vĩnh Kim", district="Trà Cú")


def test_unknown_district(matcher: NameMatcher) -> None:
    with pytest.raises(UnknownNameError):
        matcher.match("Long Đức", district="999")
    with pytest.raises(UnknownNameError):
        matcher.match("Long Đức", district="Bến Tre")


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Đại Phúc", "29293"),
        ("Đại Phước", "29296"),
        ("Dai Phuc", "29293"),
        ("Dai Phuoc", "29296"),
        ("An Trường", "29275"),
        ("An Trường A", "29272"),
        ("An Truong", "29275"),
        ("Long Hòa", "29413"),
        ("Long Hoa", "29413"),
        ("Trường Long Hòa", "29527"),
        ("Trường Long Hoà", "29527"),
        ("Phương Thạnh", "29290"),
        ("Phuong Thanh", "29290"),
        ("Nhị Long", "29302"),
        ("Nhị Long Phú", "29299"),
    ],
)
def test_similar_names_stay_apart(matcher: NameMatcher, name: str, code: str) -> None:
    assert matcher.match(name).code == code


def test_every_unit_matches_itself(matcher: NameMatcher, units: pd.DataFrame) -> None:
    for row in units.itertuples():
        found = matcher.match(row.unit_name, district=row.district_code, unit_type=row.unit_type)
        assert (found.code, found.method, found.exact) == (row.unit_code, "exact", True)
        folded = fold_diacritics(row.unit_name)
        loose = matcher.match(folded, district=row.district_code, unit_type=row.unit_type)
        assert loose.code == row.unit_code


def test_matcher_from_rows_and_csv(units: pd.DataFrame) -> None:
    from_rows = NameMatcher(units.to_dict("records"))
    from_csv = NameMatcher.from_csv(ADMIN_UNITS)
    assert from_rows.match("Vinh Kim") == from_csv.match("Vinh Kim")


def test_match_is_frozen(matcher: NameMatcher) -> None:
    found = matcher.match("Long Đức")
    with pytest.raises(AttributeError):
        found.code = "0"  # type: ignore[misc]


# --------------------------------------------------------------------------- properties

TONES = ["\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
ONSETS = ["", "h", "th", "kh", "t", "l", "x", "ng", "nh", "ch", "tr", "s", "đ", "q", "g"]
RHYMES = ["oa", "oe", "uy"]
FORMS = st.sampled_from(["NFC", "NFD"])
PLAIN = ["Long", "Tân", "Phú", "Mỹ", "Trường", "An", "Đông", "Hiệp", "Vĩnh", "A", "1"]


@st.composite
def tone_variants(draw: st.DrawFn) -> tuple[str, str]:
    """The same name written with old (`hòa`) and new (`hoà`) tone placement."""
    old, new = [], []
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            onset, rhyme, tone = (draw(st.sampled_from(pool)) for pool in (ONSETS, RHYMES, TONES))
            old.append(onset + rhyme[0] + tone + rhyme[1])
            new.append(onset + rhyme + tone)
        else:
            word = draw(st.sampled_from(PLAIN))
            old.append(word)
            new.append(word)
    case = draw(st.sampled_from([str.lower, str.upper, str.title, str]))
    prefix = draw(st.sampled_from(["", "xã ", "Xã ", "huyện ", "TP. ", "thị trấn "]))
    forms = (prefix + case(" ".join(words)) for words in (old, new))
    old_text, new_text = (unicodedata.normalize(draw(FORMS), text) for text in forms)
    return old_text, new_text


names = st.text(alphabet=st.characters(codec="utf-8"), max_size=30)
vietnamese = st.text(
    alphabet=st.sampled_from(list("aăâeêioôơuưyđ AOUYHQTXĐ.,()-1") + TONES + ["\u0302", "\u031b"]),
    max_size=30,
)


@given(st.one_of(names, vietnamese))
def test_normalise_name_idempotent(text: str) -> None:
    once = normalise_name(text)
    assert normalise_name(once) == once


@given(tone_variants())
def test_normalise_name_unifies_tone_placement(variants: tuple[str, str]) -> None:
    old, new = variants
    assert normalise_name(old) == normalise_name(new)
    assert fold_diacritics(old) == fold_diacritics(new)


@given(st.one_of(names, vietnamese))
def test_fold_diacritics_idempotent(text: str) -> None:
    once = fold_diacritics(text)
    assert fold_diacritics(once) == once


@given(st.one_of(names, vietnamese))
def test_nfc_and_nfd_agree(text: str) -> None:
    nfc = unicodedata.normalize("NFC", text)
    assert normalise_name(nfc) == normalise_name(nfd(text))
    assert fold_diacritics(nfc) == fold_diacritics(nfd(text))
