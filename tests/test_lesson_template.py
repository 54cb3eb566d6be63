"""Every lesson follows the course template (docs/authoring.md) and loads only tables that exist."""
from __future__ import annotations

import ast
import re

import nbformat
import pytest

from helpers import LESSON_IDS, SOLUTIONS

SECTIONS = ["## Questions", "## Objectives", "## Prerequisites", "## Time", "## Key points", "## What's next",
            "## References"]


def nb(lesson):
    return nbformat.read(SOLUTIONS / lesson / f"{lesson}.ipynb", as_version=4)


def nbg(cell):
    return cell.metadata.get("nbgrader", {})


def answer_names(cells) -> set[str]:
    """The variables the answer cells assign (what the tests check)."""
    names = set()
    for c in cells:
        if c.cell_type == "code" and nbg(c).get("solution") and not nbg(c).get("grade"):
            try:
                tree = ast.parse(re.sub(r"^\s*### .*$", "", c.source, flags=re.M))
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    names.add(node.id)
    return names


def _constant(node) -> bool:
    """A literal (number, string, or a container/negation of literals) other than None/True/False."""
    if isinstance(node, ast.Constant):
        return node.value not in (None, True, False)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return bool(node.elts) and all(_constant(e) for e in node.elts)
    if isinstance(node, ast.UnaryOp):
        return _constant(node.operand)
    return False


def literal_answers(hidden: str, answers: set[str]) -> list[str]:
    """Places where a hidden test compares an answer with a literal value instead of recomputing it:
    ``expect_*(label, answer, LITERAL)`` / ``expected=LITERAL``, or ``answer == LITERAL`` in any comparison."""
    found = []
    tree = ast.parse(hidden)
    # a name the test binds itself (a loop or comprehension variable) is not the student's answer
    answers = answers - {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "").startswith("expect_"):
            expected = node.args[2] if len(node.args) > 2 else next(
                (k.value for k in node.keywords if k.arg == "expected"), None)
            if expected is not None and _constant(expected):
                found.append(ast.unparse(node)[:80])
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            mentions = any(isinstance(n, ast.Name) and n.id in answers for side in sides for n in ast.walk(side))
            if mentions and any(_constant(side) for side in sides):
                found.append(ast.unparse(node)[:80])
    return found


def test_literal_answer_check_can_fail():
    assert {"n_hosts", "top_host"} <= answer_names(nb("00-orientation").cells)  # the names it watches are found
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


@pytest.mark.parametrize("lesson", LESSON_IDS)
def test_lesson_has_every_template_section(lesson):
    text = "\n".join(c.source for c in nb(lesson).cells if c.cell_type == "markdown")
    missing = [s for s in SECTIONS if s not in text]
    assert missing == [], f"{lesson} lacks {missing}"
    assert re.search(r"^# \d\d — ", text, re.M), "title line '# NN — Title'"


@pytest.mark.parametrize("lesson", LESSON_IDS)
def test_first_code_cell_is_the_locked_setup_and_one_read_only_parameter_cell(lesson):
    code = [c for c in nb(lesson).cells if c.cell_type == "code"]
    assert nbg(code[0]).get("grade_id") == "setup" and nbg(code[0]).get("locked")
    assert "from course_utils import" in code[0].source and "setup()" in code[0].source
    params = [c for c in code if c.metadata.get("course", {}).get("role") == "params"]
    assert len(params) == 1
    # read-only for the student, but not restored by nbgrader (no nbgrader metadata): the guard line of each test
    # cell is the authority
    assert params[0].metadata.get("editable") is False and "nbgrader" not in params[0].metadata


@pytest.mark.parametrize("lesson", LESSON_IDS)
def test_every_test_cell_guards_the_lesson_parameters(lesson):
    from course_utils.variants import current_parameters

    notebook = nb(lesson)
    values = current_parameters(notebook)
    assert values, "the parameter cell assigns the lesson's parameters"
    guard = "check_parameters(globals(), " + ", ".join(f"{k}={v!r}" for k, v in values.items()) + ")"
    for c in notebook.cells:
        if c.cell_type == "code" and nbg(c).get("grade"):
            assert guard in c.source.splitlines(), f"{nbg(c)['grade_id']} lacks `{guard}`"


@pytest.mark.parametrize("lesson", LESSON_IDS)
def test_lesson_has_autograded_questions_with_visible_and_hidden_tests_and_a_free_response(lesson):
    cells = nb(lesson).cells
    tests = [c for c in cells if c.cell_type == "code" and nbg(c).get("grade")]
    minimum = 3 if lesson.startswith("00") else 4
    assert len(tests) >= minimum
    for c in tests:
        visible, _, hidden = c.source.partition("### BEGIN HIDDEN TESTS")
        assert hidden.strip(), f"{nbg(c)['grade_id']} has no hidden tests"
        assert "check(" in visible, f"{nbg(c)['grade_id']} has no visible self-check"
        # expected values come from the data and the parameters, never from a literal answer
        assert literal_answers(hidden, answer_names(cells)) == [], f"{nbg(c)['grade_id']} compares with a literal"
    free = [c for c in cells if c.cell_type == "markdown" and nbg(c).get("grade") and nbg(c).get("solution")]
    assert free, "at least one free response graded by hand"
    assert all("Rubric" in c.source for c in free), "each free response carries its rubric (solutions only)"


@pytest.mark.parametrize("lesson", LESSON_IDS)
def test_every_table_a_lesson_loads_exists(lesson):
    from course_utils.data import list_tables

    names = set(list_tables()["name"])
    used = set()
    for c in nb(lesson).cells:
        if c.cell_type == "code":
            used |= set(re.findall(r"""load\(\s*["']([a-z0-9_]+)["']""", c.source))
    assert used, f"{lesson} loads no data"
    assert used <= names, f"unknown tables: {used - names}"
