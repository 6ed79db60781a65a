"""Every YAML configuration file is validated by a model: a typo, a missing key or a wrong type
is exit 2 with the file, the line and the key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ntm_analysis.cli import main
from ntm_analysis.dataset.config_models import TargetModel
from ntm_analysis.dataset.models import UNTRANSLATED, Label
from ntm_analysis.dataset.targets import Target, _disagreement, written_bounds

PERIOD = "2021-09"


def _validate(data_dir: Path, capsys) -> tuple[int, str]:
    code = main(["validate", "--period", PERIOD, "--data-dir", str(data_dir), "--lang", "en"])
    return code, capsys.readouterr().err


def _edit(path: Path, old: str, new: str, count: int = 1) -> int:
    """Replace `old` by `new` in `path`; return the line of the first replacement."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def _row(err: str) -> int:
    found = re.search(r"row (\d+)", err)
    assert found, err
    return int(found[1])


def _indicators(data: Path) -> Path:
    return data / "reference" / "indicators.yml"


def _period_yml(data: Path) -> Path:
    return data / "periods" / PERIOD / "period.yml"


def _targets(data: Path) -> Path:
    return data / "targets" / "2021.yml"


# ------------------------------------------------------------------------------ catalogue


def test_relation_typo_names_file_line_and_key(data_copy, capsys):
    line = _edit(_indicators(data_copy), "exhaustive: false", "exhaustiv: false")
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "indicators.yml" in err and _row(err) == line
    assert "unknown key 'exhaustiv'" in err and "did you mean 'exhaustive'" in err


def test_relation_missing_key(data_copy, capsys):
    _edit(_indicators(data_copy), "    percent: communes_19_criteria_pct\n", "")
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "missing key 'percent'" in err and "indicators.yml" in err


def test_relation_unknown_kind(data_copy, capsys):
    _edit(_indicators(data_copy), "kind: ratio", "kind: quotient")
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "'quotient'" in err and "ratio" in err


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("exhaustive: false", "exhaustive: no", "'no' is not true or false"),
        ("by: district_code", "by: district", "no column ['district']"),
        ("criteria: [15, 18]", "criteria: [18, 15]", "reversed"),
        ("unit: members\n", "unit: member\n", "not declared under units"),
        (
            "parts: [communes_19_criteria, communes_15",
            "parts: communes_19_criteria #",
            "not a list",
        ),
        (
            'label:\n      vi: "Số thành viên Ban',
            'label: "x"\n    l:\n      vi: "Số',
            "not a mapping",
        ),
        ("where: {ntm_status: recognised}", "where: {ntm_status: recognized}", "never"),
        ("registered: [advanced, advanced_stretch]", "registered: [advanced, nc]", "['nc']"),
    ],
)
def test_relation_and_indicator_values_are_checked(data_copy, capsys, old, new, says):
    line = _edit(_indicators(data_copy), old, new)
    code, err = _validate(data_copy, capsys)
    assert code == 2 and says in err and "indicators.yml" in err
    assert abs(_row(err) - line) <= 5  # the key's line or its entry's first line


def test_undeclared_registration_value(data_copy, capsys):
    path = data_copy / "periods" / PERIOD / "communes.csv"
    line = _edit(path, ",ntm_stretch,", ",ntm_extra,")
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "communes.csv" in err and "'ntm_extra' is not declared" in err
    assert f"row {line}" in err


def test_undeclared_registration_in_a_relation(data_copy, capsys):
    _edit(_indicators(data_copy), "  ntm: [ntm, ntm_stretch]\n", "  ntm: [ntm]\n")
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "registered is never ['ntm_stretch']" in err


# ------------------------------------------------------------------------------ period.yml


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        (
            "label:\n  vi: 9 tháng đầu năm 2021\n  en: First nine months of 2021\n",
            "label: x\n",
            "label",
        ),
        ('province: "84"', 'province: "99"', "province '99' is not in the administrative"),
        ('province: "84"', "province: 84", "84 is not text"),
        ('criteria_set: "2016-2020"', 'criteria_set: "../../etc/x"', "criteria_set"),
        ('baseline: "2020-12"', 'baseline: "2021-12"', "is not before"),
        ("commune_universe: xa", "commune_univers: xa", "unknown key 'commune_univers'"),
    ],
)
def test_period_yml_is_checked(data_copy, capsys, old, new, says):
    _edit(_period_yml(data_copy), old, new)
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "period.yml" in err and says in err


def test_alias_bomb_in_label_is_refused(data_copy, capsys):
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for level in "bcdefghi":
        bomb += f"{level}: &{level} [" + ",".join([f"*{chr(ord(level) - 1)}"] * 9) + "]\n"
    path = _period_yml(data_copy)
    path.write_text(bomb + path.read_text(encoding="utf-8"), encoding="utf-8")
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "aliases" in err and "period.yml" in err


def test_english_label_is_optional():
    label = Label(vi="Chín tháng")
    assert label.text_in("vi") == "Chín tháng"
    assert label.text_in("en") == "Chín tháng" + UNTRANSLATED
    assert Label(vi="a", en="b").text_in("en") == "b"


def test_period_label_without_english(data_copy, capsys):
    from ntm_analysis import load_period

    _edit(_period_yml(data_copy), "  en: First nine months of 2021\n", "")
    data = load_period(PERIOD, data_copy)
    assert data.label("en") == "9 tháng đầu năm 2021" + UNTRANSLATED


# ------------------------------------------------------------------------------ targets


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("target: 18.68", "target: yes", "'yes' is not a number"),
        ("target: 18.68", "target: .nan", "'.nan' is not a number"),
        ("target: 18.68", "target: 1_8", "'1_8' is not a number"),
        ("target: 18.68", 'target: "18.68"', "'18.68' is not a number"),
        ("target: 8\n", "target: 80\n", "as_written '08' says 8"),
        ("stretch: 2\n", "stretch: 3\n", "upper bound 2"),
        ('area: "847"', 'area: "999"', "area '999'"),
        ("direction: at_least", "direction: upwards", "'upwards' is not allowed"),
        ('    note: "18.4', '    nota: "18.4', "unknown key 'nota'"),
    ],
)
def test_targets_are_checked(data_copy, capsys, old, new, says):
    line = _edit(_targets(data_copy), old, new)
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "2021.yml" in err and says in err, err
    assert _row(err) == line


def test_target_measure_is_validated(data_copy, capsys):
    path = _targets(data_copy)
    line = _edit(
        path,
        "    measure: {kind: criteria_average}\n",
        "    measure: {kind: criteria_average, possible_gian: 4}\n",
    )
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "unknown key 'possible_gian'" in err and _row(err) == line
    path.write_text(
        path.read_text("utf-8").replace("possible_gian: 4", "possible_gain: 4"), encoding="utf-8"
    )
    from ntm_analysis import load_period

    target = load_period(PERIOD, data_copy).target("criteria_average")
    assert target.measure == {"kind": "criteria_average", "possible_gain": 4}


def test_duplicate_target_key(data_copy, capsys):
    line = _edit(_targets(data_copy), "    target: 18.68\n", "    target: 18.68\n    target: 1\n")
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "appears twice" in err and _row(err) == line + 1


@pytest.mark.parametrize(
    ("written", "bounds"),
    [
        ("08", (8.0, None)),
        ("01-02", (1.0, 2.0)),
        ("01 – 02", (1.0, 2.0)),
        ("93%", (93.0, None)),
        ("18,68", (18.68, None)),
        ("1.200", (1200.0, None)),
        ("dưới 14 tiêu chí", None),
        ("", None),
    ],
)
def test_written_bounds(written, bounds):
    assert written_bounds(written) == bounds


def _target(**values) -> TargetModel:
    base = {"id": "t", "label": {"vi": "x"}, "indicator": "i", "target": 1.0}
    return TargetModel.model_validate({**base, **values})


def test_target_agreement_rules():
    assert _disagreement(_target(target=8, as_written="08")) is None
    assert _disagreement(_target(target=80, as_written="08"))
    assert _disagreement(_target(target=1, stretch=2, as_written="01-02")) is None
    assert _disagreement(_target(target=1, as_written="01-02"))  # stretch missing
    assert _disagreement(_target(target=0, as_written="không còn xã")) is None


def test_target_label_falls_back_to_vietnamese():
    target = Target("t", "Mục tiêu", "", "i", "84", 1.0)
    assert target.label("en") == "Mục tiêu" + UNTRANSLATED


# ------------------------------------------------------------------------------ others


def test_corrections_unknown_key(data_copy, capsys):
    path = data_copy / "periods" / PERIOD / "corrections.yml"
    path.write_text(
        "corrections:\n  - indicator: edu86_students\n    area: '84'\n    value: 1\n"
        "    expect: '10.513'\n    reasons: typo\n",
        encoding="utf-8",
    )
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "corrections.yml" in err and "unknown key 'reasons'" in err
    assert "row 6, column 'corrections[0].reasons'" in err and "missing key 'reason'" in err


def test_criteria_set_wrong_type(data_copy, capsys):
    path = data_copy / "reference" / "criteria" / "2016-2020.yml"
    line = _edit(path, "  - id: C03\n    number: 3\n", "  - id: C03\n    number: three\n") + 1
    code, err = _validate(data_copy, capsys)
    assert code == 2 and "2016-2020.yml" in err and "'three' is not a number" in err
    assert _row(err) == line


def test_every_key_is_documented():
    from ntm_analysis.dataset import config_models, relations

    docs = (Path(__file__).resolve().parents[2] / "docs" / "data-model.md").read_text("utf-8")
    models = [
        config_models.CatalogueFile,
        config_models.UnitModel,
        config_models.IndicatorModel,
        *relations.RELATION_MODELS.values(),
        config_models.PeriodMeta,
        config_models.SourceModel,
        config_models.TargetsFile,
        config_models.TargetModel,
        config_models.CommuneBandsMeasure,
        config_models.CommunesBelowMeasure,
        config_models.MinPerMemberMeasure,
        config_models.CriteriaAverageMeasure,
        config_models.CorrectionModel,
        config_models.CriteriaSetFile,
        config_models.DecisionModel,
        config_models.GroupModel,
        config_models.CriterionModel,
    ]
    missing = [
        f"{model.__name__}.{key}"
        for model in models
        for key in model.model_fields
        if f"`{key}`" not in docs
    ]
    assert not missing
    assert all(f"`{kind}`" in docs for kind in relations.RELATION_MODELS)


def test_all_errors_at_once_with_key_paths():
    from ntm_analysis.dataset.config_models import CatalogueFile
    from ntm_analysis.dataset.models import validate_document
    from ntm_analysis.dataset.yaml_strict import load_document
    from ntm_analysis.errors import InputErrors

    text = (
        "units: {c: {vi: a, en: b}}\n"
        "indicators:\n"
        "  - {code: x, section: A.I.1, unit: c, label: {vi: a, en: b}}\n"
        "relations:\n"
        "  - {id: r, kind: table_count, table: communes, indicator: x, where: {registered: 5}}\n"
        "  - {id: t, kind: ratio, numerator: x}\n"
    )
    with pytest.raises(InputErrors) as info:
        validate_document(CatalogueFile, load_document(text, Path("i.yml")))
    found = {(e.row, e.column) for e in info.value.errors}
    assert found == {
        (5, "relations[0].where.registered"),
        (6, "relations[1].denominator"),
        (6, "relations[1].percent"),
    }
