"""Adding a table by following docs/datasets.md literally, in a temporary copy of the repository's datasets.

The checklist's blocks are what this test writes and runs: **New file** `path` (the block is the file), **Append to**
`path` (the block is appended), **Add to TABLES in** `path` (the block goes above `"sources",`, as the step says) and
**Run** (the command, run from the copy's root). If the checklist needs a step this test cannot take from the doc,
the design is wrong, not the test. Then the new table must be in datapackage.json and the codebook, validate with
frictionless, load through course_utils.data, and leave every other table as it was.
"""
from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import frictionless
import pytest

from course_utils import data

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "datasets.md"
DATASETS = ROOT / "datasets"
STEP_RE = re.compile(r"\*\*(New file|Append to|Add to TABLES in|Run)\*\*(?: `([^`]+)`)?:?\s*\n\s*\n"
                     r"(?P<indent>[ \t]*)```[a-z]*\n(?P<body>.*?)\n(?P=indent)```", re.S)
REGISTRY_ANCHOR = '    "sources",\n'


def steps() -> list[tuple[str, str | None, str]]:
    """(action, path, block) for every marked block of the checklist, in order; blocks de-indented."""
    out = []
    for m in STEP_RE.finditer(DOC.read_text(encoding="utf-8")):
        indent = m.group("indent")
        lines = [line[len(indent):] if line.startswith(indent) else line for line in m.group("body").split("\n")]
        out.append((m.group(1), m.group(2), "\n".join(lines) + "\n"))
    return out


def follow(repo: Path, action: str, path: str | None, block: str) -> subprocess.CompletedProcess | None:
    if action == "New file":
        target = repo / path
        assert not target.exists(), f"docs/datasets.md: {path} already exists"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(block, encoding="utf-8")
    elif action == "Append to":
        target = repo / path
        text = target.read_text(encoding="utf-8")
        assert text.endswith("\n"), f"{path} does not end with a newline: appending would join two rows"
        target.write_text(text + block, encoding="utf-8")
    elif action == "Add to TABLES in":
        target = repo / path
        text = target.read_text(encoding="utf-8")
        assert text.count(REGISTRY_ANCHOR) == 1, f"{path}: the step says 'above \"sources\"', which is not one line"
        target.write_text(text.replace(REGISTRY_ANCHOR, block + REGISTRY_ANCHOR), encoding="utf-8")
    elif action == "Run":
        argv = shlex.split(block)
        assert argv[0] == "python", f"docs/datasets.md: a Run block starts with python, not {argv[0]!r}"
        return subprocess.run([sys.executable, *argv[1:]], cwd=repo, capture_output=True, text=True)
    return None


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> Path:
    """A copy of the repository's datasets (raw files, build, shipped tables) and docs, with the checklist followed."""
    repo = tmp_path_factory.mktemp("course")
    shutil.copytree(DATASETS, repo / "datasets", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", repo / "docs", ignore=shutil.ignore_patterns("site"))
    ran = []
    for action, path, block in steps():
        result = follow(repo, action, path, block)
        if result is not None:
            assert result.returncode == 0, f"{block.strip()} failed:\n{result.stderr[-3000:]}"
            ran.append(result)
    assert ran, "docs/datasets.md has no Run step"
    return repo


def test_the_checklist_has_every_step():
    done = [(action, path) for action, path, _ in steps()]
    actions = [a for a, _ in done]
    assert actions.count("New file") == 3 and "Append to" in actions and "Add to TABLES in" in actions, done
    paths = [p for _, p in done if p]
    assert any(p.startswith("datasets/raw/") and p.endswith("PROVENANCE.md") for p in paths), paths
    assert "datasets/raw/sources.csv" in paths and "datasets/build/tables/__init__.py" in paths, paths
    assert any(re.fullmatch(r"datasets/build/tables/\w+\.py", p) for p in paths if "__init__" not in p), paths
    assert actions[-1] == "Run", "the build runs after the files are in place"


def table_name() -> str:
    return next(p for a, p, _ in steps() if a == "New file" and p.startswith("datasets/build/tables/")).split("/")[-1][:-3]


def test_new_table_in_package_and_codebook(repo):
    name = table_name()
    pkg = json.loads((repo / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in pkg["resources"]]
    shipped = json.loads((DATASETS / "datapackage.json").read_text(encoding="utf-8"))
    assert names == [r["name"] for r in shipped["resources"]][:-1] + [name, "sources"]
    res = pkg["resources"][names.index(name)]
    assert res["rows"] == 2 and res["schema"]["primaryKey"] == ["iso3"]
    assert res["raw_files"] == ["raw/example_north_atlantic_treaty/"]
    readme = (repo / "datasets" / "README.md").read_text(encoding="utf-8")
    assert f"## {name}" in readme and f"| [`{name}`](#{name}) | 2 |" in readme
    assert "`north_atlantic_treaty_1949`" in readme  # its source, in the codebook's source list


def test_other_tables_unchanged(repo):
    for p in DATASETS.glob("*.csv"):
        if p.name != "sources.csv":
            assert (repo / "datasets" / p.name).read_bytes() == p.read_bytes(), f"{p.name} changed"


def test_new_table_validates(repo):
    """The new resource against its schema (tests/test_datasets_validate.py validates the shipped ones)."""
    package = frictionless.Package(str(repo / "datasets" / "datapackage.json"))
    report = package.get_resource(table_name()).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_new_table_loads(repo, monkeypatch):
    monkeypatch.setenv(data.ENV_VAR, str(repo / "datasets"))
    name = table_name()
    assert name in set(data.list_tables().name)
    df = data.load(name)
    assert list(df.iso3) == ["CAN", "USA"] and list(df.country) == ["Canada", "United States"]
    assert set(df.signed) == {"1949-04-04"} and set(df.year) == {1949}
    assert "north_atlantic_treaty_1949" in set(data.sources().source_id)


def test_a_missing_source_row_stops_the_build_with_a_message(repo, tmp_path):
    """Skipping step 3 (the source row): one line naming the table, the file and the source_id; exit code 1."""
    broken = tmp_path / "course"
    shutil.copytree(repo / "datasets", broken / "datasets", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(DATASETS / "raw" / "sources.csv", broken / "datasets" / "raw" / "sources.csv")
    r = subprocess.run([sys.executable, "-m", "datasets.build", "--out", str(tmp_path / "out")], cwd=broken,
                       capture_output=True, text=True)
    assert r.returncode == 1
    assert "Traceback" not in r.stderr
    assert r.stderr.startswith("datasets.build: error: table sources, file datasets/raw/sources.csv, column source_id, "
                               "value 'north_atlantic_treaty_1949': cited by table example_signatories"), r.stderr
