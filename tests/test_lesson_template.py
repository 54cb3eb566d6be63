"""Every lesson follows the course template (docs/authoring.md) and loads only tables that exist.

The rules are declared once, in ``course_utils.lesson_tool.problems()`` (what ``course lesson check`` and ``course
lesson sync`` report); this file asserts them for every lesson, and shows that each rule catches a lesson that
breaks it (a copy of the pilot lesson, damaged one way at a time).
"""
from __future__ import annotations

import copy
import json

import nbformat
import pytest

from helpers import LESSON_IDS, ROOT, SOLUTIONS
from course_utils import lesson_tool
from course_utils.lesson_tool import answer_names, literal_answers

PILOT = "00-orientation"


def nb(lesson):
    return nbformat.read(SOLUTIONS / lesson / f"{lesson}.ipynb", as_version=4)


def nbg(cell):
    return cell.metadata.get("nbgrader", {})


def tables() -> set[str]:
    from course_utils.data import list_tables

    return set(list_tables()["name"])


def prompts() -> dict:
    return json.loads((ROOT / lesson_tool.PROMPTS).read_text(encoding="utf-8"))


@pytest.mark.parametrize("lesson", LESSON_IDS)
def test_lesson_follows_the_template(lesson):
    found = lesson_tool.problems(nb(lesson), lesson, tables(), prompts())
    assert found == [], "\n".join(found)


def test_literal_answer_check_can_fail():
    assert {"n_hosts", "top_host"} <= answer_names(nb(PILOT).cells)  # the names it watches are found
    answers = {"n_hosts", "top5"}
    assert literal_answers('expect_equal("Q1", n_hosts, 42, hint="h")', answers)
    assert literal_answers('expect_set("Q2", top5, {"DEU", "JPN"})', answers)
    assert literal_answers('expect_close("Q1", n_hosts, expected=-3.5, tol=0.1)', answers)
    assert literal_answers("assert n_hosts == 42", answers)
    assert literal_answers("assert 42 == int(n_hosts)", answers)
    # recomputed from the data: fine, and so is a sanity check on the test's own data
    assert not literal_answers('_t = load("x")\nexpect_equal("Q1", n_hosts, int(_t.n.sum()))', answers)
    assert not literal_answers("assert len(_fy) == 12", answers)
    assert not literal_answers("assert n_hosts is not None", answers)
    assert not literal_answers("_x = {n_hosts for n_hosts in range(3) if n_hosts == 2}", answers)


# ------------------------------------------------------------------------------------------ each rule can fail
def _code(n):
    return [c for c in n.cells if c.cell_type == "code"]


def _tests(n):
    return [c for c in _code(n) if nbg(c).get("grade")]


def _params(n):
    return next(c for c in n.cells if c.metadata.get("course", {}).get("role") == "params")


def _free(n):
    return [c for c in n.cells if c.cell_type == "markdown" and nbg(c).get("grade") and nbg(c).get("solution")]


def _replace(cells, old, new):
    for c in cells:
        c.source = c.source.replace(old, new)


def _drop_section(n):
    _replace(n.cells, "## Time", "## Timing")


def _bad_title(n):
    _replace(n.cells, "# 00 — ", "# Orientation — ")


def _unlocked_setup(n):
    nbg(_code(n)[0])["locked"] = False


def _setup_not_called(n):
    _replace(_code(n)[:1], "setup()", "pass")


def _two_parameter_cells(n):
    n.cells.insert(1, copy.deepcopy(_params(n)))


def _editable_parameters(n):
    _params(n).metadata["editable"] = True


def _graded_parameters(n):
    _params(n).metadata["nbgrader"] = {"grade": False, "grade_id": "params", "locked": True, "solution": False}


def _no_parameter_values(n):
    _params(n).source = "# (no parameters)"


def _no_guard(n):
    t = _tests(n)[0]
    t.source = "\n".join(line for line in t.source.splitlines() if not line.startswith("check_parameters("))


def _too_few_questions(n):
    for t in _tests(n)[2:]:
        nbg(t)["grade"] = False


def _no_hidden_tests(n):
    t = _tests(n)[0]
    t.source = t.source.split("### BEGIN HIDDEN TESTS")[0]


def _no_visible_check(n):
    t = _tests(n)[0]
    visible, _, hidden = t.source.partition("### BEGIN HIDDEN TESTS")
    t.source = visible.replace("check(", "print(") + "### BEGIN HIDDEN TESTS" + hidden


def _literal_answer(n):
    t = _tests(n)[0]
    t.source = t.source.replace("### END HIDDEN TESTS", "assert n_hosts == 42\n### END HIDDEN TESTS")


def _no_free_response(n):
    for c in _free(n):
        nbg(c)["grade"] = False


def _no_rubric(n):
    _replace(_free(n), "Rubric", "Marking")


def _unknown_table(n):
    _replace(_code(n), 'load("us_troops_abroad")', 'load("no_such_table")')


def _no_table(n):
    for c in _code(n):
        c.source = c.source.replace("load(", "lоad(")  # a Cyrillic "о": no call of the course loader is left


DAMAGE = {  # how a lesson breaks a rule -> words of the problem that names it
    _drop_section: "missing sections ['## Time']",
    _bad_title: "the first heading must be '# 00 — Title'",
    _unlocked_setup: "the first code cell must be the locked setup cell",
    _setup_not_called: "the first code cell must be the locked setup cell",
    _two_parameter_cells: "expected one parameter cell",
    _editable_parameters: "the parameter cell must be read-only",
    _graded_parameters: "carry no nbgrader metadata",
    _no_parameter_values: "differ from the parameter cell's names",
    _no_guard: "lacks the guard line `check_parameters(globals(), ",
    _too_few_questions: "autograded question(s); a lesson has at least 3",
    _no_hidden_tests: "no hidden tests",
    _no_visible_check: "no visible self-check",
    _literal_answer: "compare an answer with a literal value (`n_hosts == 42`)",
    _no_free_response: "no written answer graded by hand",
    _no_rubric: "the written answer carries no **Rubric**",
    _unknown_table: "loads unknown tables ['no_such_table']",
    _no_table: "loads no course table",
}


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__.strip("_"))
def test_each_template_rule_names_a_lesson_that_breaks_it(damage):
    broken = nb(PILOT)
    assert lesson_tool.problems(broken, PILOT, tables(), prompts()) == []
    damage(broken)
    found = lesson_tool.problems(broken, PILOT, tables(), prompts())
    assert any(DAMAGE[damage] in p for p in found), found
