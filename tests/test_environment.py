"""environment.yml and pyproject.toml list the same dependencies."""

import re
from pathlib import Path

import tomllib
import yaml

ROOT = Path(__file__).resolve().parents[1]


def _name(spec: str) -> str:
    return re.split(r"[<>=!~ \[]", spec, maxsplit=1)[0].strip().lower().replace("_", "-")


def _spec(spec: str) -> str:
    """`name>=version` with the name normalised and no spaces."""
    name = _name(spec)
    return name + spec.strip().replace(" ", "")[len(name) :]


def _conda_sections(text: str) -> dict[str, set[str]]:
    """environment.yml's dependencies by section: "base" until the first `# extra: NAME`
    comment, then one section per extra."""
    sections: dict[str, set[str]] = {"base": set()}
    current = "base"
    for line in text.split("dependencies:", 1)[1].splitlines():
        header = re.match(r"\s*# extra: (\w+)", line)
        if header:
            current = header.group(1)
            sections[current] = set()
        entry = re.match(r"\s*- ([A-Za-z][^:#]*?)\s*$", line)
        if entry and _name(entry.group(1)) not in ("python", "pip"):
            sections[current].add(_spec(entry.group(1)))
    return sections


def test_environment_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {"base": {_spec(d) for d in project["dependencies"]}}
    for extra, specs in project["optional-dependencies"].items():  # dev, lab, dask
        wanted[extra] = {_spec(d) for d in specs}
    text = (ROOT / "environment.yml").read_text()
    assert _conda_sections(text) == wanted
    env = yaml.safe_load(text)
    conda = {_spec(d) for d in env["dependencies"] if isinstance(d, str)}
    assert conda - {"python>=3.10", "pip"} == set().union(*wanted.values())
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip


def test_dask_is_an_optional_extra():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert not {_name(d) for d in project["dependencies"]} & {"dask", "distributed"}
    assert {_name(d) for d in project["optional-dependencies"]["dask"]} == {"dask", "distributed"}
    makefile = (ROOT / "Makefile").read_text()
    assert "-e '.[dev,dask]'" in makefile  # make test installs it, so CI runs the dask tests


def test_readme_quick_start_has_two_commands():
    text = (ROOT / "README.md").read_text()
    block = text.split("## Quick start", 1)[1].split("```", 2)[1]
    commands = [line for line in block.splitlines() if line.strip()]
    assert commands == ["make report", "make test"]
