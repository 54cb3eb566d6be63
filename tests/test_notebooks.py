"""The three ways every lesson is checked: solutions pass, lessons/ is nbgrader's output, releases leak nothing."""
from __future__ import annotations

import json

import nbformat
import pytest

from helpers import LESSON_IDS, LESSONS, MARKERS, SOLUTIONS, execute_notebook, grade_cells, secret_lines

pytestmark = pytest.mark.slow



def solution_nb(lesson):
    return SOLUTIONS / lesson / f"{lesson}.ipynb"


def lesson_nb(lesson):
    return LESSONS / lesson / f"{lesson}.ipynb"


def errors(nb):
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append((i, cell.metadata.get("nbgrader", {}).get("grade_id"), out.get("ename"),
                              out.get("evalue")))
    return found


@pytest.mark.parametrize("lesson", LESSON_IDS)
def test_solution_executes_and_passes_all_tests(lesson, tmp_path):
    """Top to bottom, hidden tests included, in a folder of its own (as a student's copy would be)."""
    nb = execute_notebook(solution_nb(lesson), tmp_path)
    assert errors(nb) == []
    assert grade_cells(nb), f"{lesson} has no graded cells"


@pytest.mark.parametrize("lesson", LESSON_IDS)
def test_released_lesson_executes_and_fails_its_tests_as_shipped(lesson, tmp_path):
    nb = execute_notebook(lesson_nb(lesson), tmp_path, allow_errors=True)
    failing = {gid for _, gid, _, _ in errors(nb)}
    tests = [c.metadata.nbgrader["grade_id"] for c in grade_cells(nb) if c.cell_type == "code"]
    assert len(tests) >= 3
    assert set(tests) <= failing, f"tests that pass with nothing answered: {sorted(set(tests) - failing)}"
    # the only errors are in answer cells and test cells, never in the setup, parameter or data cells
    for i, gid, ename, _ in errors(nb):
        assert gid and (gid.endswith("_tests") or gid.endswith("_answer")), (i, gid, ename)


def normalise(nb):
    """A notebook as a comparable structure, with volatile metadata removed."""
    out = []
    for cell in nb.cells:
        meta = {k: v for k, v in cell.metadata.items() if k not in {"execution", "collapsed", "scrolled", "trusted"}}
        out.append((cell.cell_type, cell.source, json.dumps(meta, sort_keys=True)))
    return out


@pytest.mark.parametrize("lesson", LESSON_IDS)
def test_lessons_are_exactly_what_nbgrader_generates(lesson, generated_course):
    fresh = generated_course / "lessons" / lesson
    committed = LESSONS / lesson
    assert sorted(p.name for p in fresh.rglob("*") if p.is_file()) == \
        sorted(p.name for p in committed.rglob("*") if p.is_file()), "files differ: regenerate lessons/"
    new = nbformat.read(fresh / f"{lesson}.ipynb", as_version=4)
    old = nbformat.read(committed / f"{lesson}.ipynb", as_version=4)
    assert normalise(old) == normalise(new), \
        f"lessons/{lesson} is stale: run `nbgrader generate_assignment {lesson} --force` and commit it"


@pytest.mark.parametrize("lesson", LESSON_IDS)
def test_released_lesson_leaks_no_solution_or_hidden_test(lesson):
    released = lesson_nb(lesson).read_text(encoding="utf-8")
    assert not MARKERS.search(released)
    nb = nbformat.reads(released, as_version=4)
    public = "\n".join(c.source for c in nb.cells)
    leaked = [line for line in secret_lines(nbformat.read(solution_nb(lesson), as_version=4)) if line in public]
    assert leaked == []
    # nbgrader copies every non-notebook file of a source folder into the release: no text twins allowed
    extras = [p.name for p in (SOLUTIONS / lesson).rglob("*") if p.is_file() and p.suffix != ".ipynb"]
    assert extras == [], f"files beside the solutions notebook would be released: {extras}"


@pytest.mark.parametrize("lesson", LESSON_IDS)
def test_notebooks_committed_without_outputs(lesson):
    for path in (solution_nb(lesson), lesson_nb(lesson)):
        nb = nbformat.read(path, as_version=4)
        dirty = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count)]
        assert dirty == [], f"{path} has outputs in cells {dirty}"


def test_leak_check_catches_a_leak(tmp_path):
    """The leak test is not vacuous: a release that kept a solution line is caught."""
    lesson = LESSON_IDS[0]
    sol = nbformat.read(solution_nb(lesson), as_version=4)
    secrets = secret_lines(sol)
    assert secrets, "the solution has solution/hidden-test regions"
    rel = nbformat.read(lesson_nb(lesson), as_version=4)
    rel.cells[-1].source += "\n" + sorted(secrets)[0]
    public = "\n".join(c.source for c in rel.cells)
    assert any(line in public for line in secrets)
