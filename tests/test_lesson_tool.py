"""Adding a lesson with the documented commands only (docs/authoring.md): `course lesson new`, `course lesson
sync`, `course lesson check`, in a temporary copy of the course; then the suite's own lesson tests run on the new
lesson (COURSE_ROOT points tests/conftest.py at the copy)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers import ROOT

pytestmark = pytest.mark.slow
TOY = "09-toy-lesson"


def course(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "course_utils.cli", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=600)


def add_question(nb, n: int, name: str, expression: str) -> None:
    """Q<n> as an author writes it: prompt, answer cell, test cell (self-check + hidden test), no guard line."""
    at = next(i for i, c in enumerate(nb.cells) if "(written answer" in c.source)
    hidden = expression.replace("troops", "_t").replace('"_t"]', '"troops"]')  # hidden names start with _
    meta = {"locked": False, "schema_version": 3, "task": False}
    answer = nbformat.v4.new_code_cell(f"{name} = ...\n### BEGIN SOLUTION\n{name} = {expression}\n### END SOLUTION")
    answer.metadata["nbgrader"] = dict(meta, grade=False, solution=True, grade_id=f"q{n}_answer")
    test = nbformat.v4.new_code_cell(
        f"# Self-check for Q{n} (read-only). The autograder runs more tests here.\n"
        f'check("Q{n}", {name}).is_type(int).in_range(1, 10_000_000, hint="A count.")\ncheck("Q{n}", {name}).passed()\n'
        "### BEGIN HIDDEN TESTS\nfrom course_utils.checks import expect_equal\n"
        f'_t = load("us_troops_abroad")\nexpect_equal("Q{n}", {name}, {hidden})\n### END HIDDEN TESTS')
    test.metadata.update(deletable=False, editable=False,
                         nbgrader=dict(meta, grade=True, solution=False, locked=True, points=1, grade_id=f"q{n}_tests"))
    prompt = nbformat.v4.new_markdown_cell(f"**Q{n}.** Compute `{name}` for `YEAR` (an `int`).")
    nb.cells[at:at] = [prompt, answer, test]


@pytest.fixture
def copy(tmp_path) -> Path:
    """The course as an author has it: config, one lesson, the guide's sources, the README."""
    root = tmp_path / "course"
    (root / "docs").mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", root)
    shutil.copy(ROOT / "README.md", root)
    shutil.copytree(ROOT / "docs" / "guide", root / "docs" / "guide")
    for lesson in ("00-orientation",):
        shutil.copytree(ROOT / "solutions" / lesson, root / "solutions" / lesson)
        shutil.copytree(ROOT / "lessons" / lesson, root / "lessons" / lesson)
    return root


def test_a_toy_lesson_added_with_the_documented_commands_passes_the_suites_lesson_tests(copy):
    # the documented steps, and nothing else (docs/authoring.md: "Adding a lesson")
    authoring = (ROOT / "docs" / "authoring.md").read_text(encoding="utf-8")
    assert "course lesson new" in authoring and "course lesson sync" in authoring and "course lesson check" in authoring

    made = course("lesson", "new", TOY, "--title", "A toy lesson", cwd=copy)
    assert made.returncode == 0, made.stderr
    nb_path = copy / "solutions" / TOY / f"{TOY}.ipynb"
    assert nb_path.is_file()
    assert TOY in json.loads((copy / "docs" / "guide" / "prompts.json").read_text(encoding="utf-8"))
    assert f"`{TOY}` | A toy lesson" in (copy / "README.md").read_text(encoding="utf-8")

    # the author writes the lesson: here, three more questions on the template's table
    nb = nbformat.read(nb_path, as_version=4)
    add_question(nb, 2, "n_hosts", 'int(troops.loc[(troops["year"] == YEAR) & (troops["troops"] > 0), "iso3"].nunique())')
    add_question(nb, 3, "top_troops", 'int(troops.loc[troops["year"] == YEAR, "troops"].max())')
    add_question(nb, 4, "n_rows", 'int((troops["year"] == YEAR).sum())')
    nbformat.write(nb, nb_path)

    synced = course("lesson", "sync", "09", cwd=copy)
    assert synced.returncode == 0, synced.stdout + synced.stderr
    assert "guard line written in 3 test cell(s)" in synced.stdout
    assert (copy / "lessons" / TOY / f"{TOY}.ipynb").is_file()
    assert f"### {TOY}: A toy lesson" in (copy / "docs" / "instructor-guide.md").read_text(encoding="utf-8")
    checked = course("lesson", "check", cwd=copy)
    assert checked.returncode == 0 and f"{TOY}: ok" in checked.stdout, checked.stdout + checked.stderr

    # the suite's lesson tests, on the copy, for the toy lesson
    env = dict(os.environ, COURSE_ROOT=str(copy))
    tests = [str(ROOT / "tests" / f) for f in ("test_lesson_template.py", "test_notebooks.py", "test_variants.py")]
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", TOY, *tests],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and "failed" not in run.stdout


def test_sync_refuses_a_lesson_that_breaks_the_template_and_names_the_problem(copy):
    assert course("lesson", "new", TOY, "--title", "A toy lesson", cwd=copy).returncode == 0
    nb_path = copy / "solutions" / TOY / f"{TOY}.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    for cell in nb.cells:
        cell.source = cell.source.replace("**Rubric (2 points).**", "**Marking.**").replace("## Key points", "## Notes")
        if cell.metadata.get("course", {}).get("role") == "params":
            cell.source = cell.source.replace("YEAR = 2019", "YEAR = 2018")  # guards now stale: sync rewrites them
    nbformat.write(nb, nb_path)
    synced = course("lesson", "sync", "09", cwd=copy)
    assert synced.returncode == 2
    assert "no **Rubric**" in synced.stderr and "'## Key points'" in synced.stderr
    assert "guard line written in 1 test cell" in synced.stdout
    assert not (copy / "lessons" / TOY).exists(), "a lesson that breaks the template is not released"
    checked = course("lesson", "check", "09", cwd=copy)
    assert checked.returncode == 1 and "Rubric" in checked.stdout
    assert course("lesson", "new", "9-bad", "--title", "x", cwd=copy).returncode == 2
    assert "taken by" in course("lesson", "new", "09-again", "--title", "x", cwd=copy).stderr
