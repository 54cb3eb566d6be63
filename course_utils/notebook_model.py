"""A lesson notebook as the course reads it: its cells by ``grade_id``, its questions and their points, its parameter
cell and guard lines, its hidden tests. Everything in the course that reads a lesson notebook's structure reads it
here: the doctor, ``course check`` (selfcheck), variants, the lesson tool and docs/guide/build_guide.py.

nbgrader defines most of it: the ``metadata.nbgrader`` of a cell (``grade_id``, ``grade``, ``solution``,
``locked``, ``points``, ``checksum``, ``cell_type``), and the hidden-test regions, which are removed with nbgrader's
own ``ClearHiddenTests`` preprocessor (the one ``nbgrader generate_assignment`` runs), never with a pattern of ours.
The course template (docs/authoring.md) adds the rest:

* question cells are named ``qN_answer`` (the student's code), ``qN_tests`` (the self-check, graded) and ``qN_free``
  (a written answer, graded by hand); the first code cell is the locked ``setup`` cell;
* one parameter cell (``metadata.course.role == "params"``) assigns the lesson's parameters, e.g. ``YEAR = 2019``;
  ``metadata.course`` declares them and the parameter sets the lesson is valid for
  (``{"parameters": ["YEAR"], "variants": [{"YEAR": 2005}, ...]}``);
* every test cell starts with the guard line ``check_parameters(globals(), YEAR=2019)`` (see :func:`guard_line`).

    >>> nb = read("solutions/00-orientation/00-orientation.ipynb")
    >>> current_parameters(nb), [question_label(g) for g in cells_by_grade_id(nb)][:3]
"""
from __future__ import annotations

import ast
import copy
import os
import re
from typing import Any

__all__ = ["ParameterError", "HiddenTestsError", "read", "nbgrader_meta", "grade_id", "is_graded_cell", "is_grade",
           "points", "question_label", "part_of", "cell_name", "cells_by_grade_id", "answer_cells",
           "is_unanswered", "free_names", "checksum_ok", "GUARD_LINE", "PARAM_LINE", "guard_line", "guard_values",
           "declaration", "params_cell", "current_parameters", "has_hidden_tests", "hidden_tests", "visible_source",
           "strip_hidden_tests", "is_instructor_source", "is_lesson_notebook", "restored_cells"]

#: ``q1_answer``, ``q1_tests``, ``fr2_free``: the question and the part of it a graded cell holds
QUESTION_ID = re.compile(r"^(?P<q>[A-Za-z]+\d+)_(?P<part>answer|tests|free)$")
#: what a released written-answer cell holds until the student answers (nbgrader's ``ClearSolutions`` text)
PLACEHOLDERS = ("YOUR ANSWER HERE",)
#: nbgrader's markers as the course writes them (a line of their own, behind ``### ``)
MARK = "### "
#: the defaults of nbgrader's ``ClearHiddenTests`` (tests/test_doctor.py keeps them equal), written here so that a
#: student's kernel can tell a graded copy without importing nbgrader
HIDDEN_BEGIN, HIDDEN_END = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"
GUARD_LINE = re.compile(r"^check_parameters\(globals\(\),.*\)\s*$", re.M)
PARAM_LINE = re.compile(r"^(?P<name>[A-Z][A-Z0-9_]*)\s*=\s*(?P<value>.+?)(?P<comment>\s*#.*)?$")


class ParameterError(ValueError):
    """A lesson's parameter cell or declaration is unusable (the message names the notebook)."""


class HiddenTestsError(ValueError):
    """A hidden-test region nbgrader cannot remove (no end marker, or one region inside another): names the cell."""


def read(path: str | os.PathLike):
    """The notebook at ``path`` (nbformat version 4). nbformat's errors pass through: callers word them."""
    import nbformat

    return nbformat.read(path, as_version=4)


# ------------------------------------------------------------------------------------------ cells and questions
def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def grade_id(cell) -> str | None:
    return nbgrader_meta(cell).get("grade_id")


def is_graded_cell(cell) -> bool:
    """A cell nbgrader tracks: graded, an answer (solution) or locked (read-only)."""
    meta = nbgrader_meta(cell)
    return bool(meta.get("grade_id")) and bool(meta.get("grade") or meta.get("solution") or meta.get("locked"))


def is_grade(cell) -> bool:
    """A cell that earns points: a test cell (code) or a written answer (markdown)."""
    return bool(nbgrader_meta(cell).get("grade"))


def points(cell) -> float:
    return float(nbgrader_meta(cell).get("points", 0) or 0)


def question_label(gid: str) -> str:
    m = QUESTION_ID.match(gid or "")
    return m["q"].upper() if m else (gid or "?")


def part_of(gid: str) -> str | None:
    m = QUESTION_ID.match(gid or "")
    return m["part"] if m else None


def cell_name(gid: str) -> str:
    """Plain words for a cell: "Q2's answer cell (q2_answer)"."""
    part, q = part_of(gid), question_label(gid)
    if part == "answer":
        return f"{q}'s answer cell ({gid})"
    if part == "tests":
        return f"{q}'s self-check cell ({gid})"
    if part == "free":
        return f"{q}'s written-answer cell ({gid})"
    if gid == "setup":
        return "the setup cell (setup)"
    return f"the cell {gid}"


def restored_cells(nb) -> list[str]:
    """Grade ids of the test cells the autograder put back after a student deleted them (marked
    ``metadata.course.restored`` by :class:`course_utils.nbgrader_plugins.FlagRestoredTestCells`)."""
    return [grade_id(c) or "?" for c in nb.cells if (c.get("metadata", {}).get("course") or {}).get("restored")]


def cells_by_grade_id(nb) -> dict[str, list[int]]:
    """``{grade_id: [cell indices]}`` in notebook order (more than one index: a duplicated cell)."""
    positions: dict[str, list[int]] = {}
    for i, cell in enumerate(nb.cells):
        gid = grade_id(cell)
        if gid:
            positions.setdefault(gid, []).append(i)
    return positions


def answer_cells(nb) -> dict[str, tuple[int, Any]]:
    """``{"Q1": (index, cell), ...}``: each question's answer cell (``qN_answer``)."""
    return {question_label(gid): (i, cell) for i, cell in enumerate(nb.cells)
            if part_of(gid := grade_id(cell) or "") == "answer"}


def is_unanswered(cell, *, kind: str | None = None, needs_code: bool = True) -> bool:
    """True when an answer cell still holds the release's placeholder.

    Code: a name still bound to ``...`` at the end of the cell (``n_hosts = ...`` with nothing after it that assigns
    ``n_hosts`` again), ``raise NotImplementedError()``, or nothing but comments -- unless ``needs_code`` is False
    (an optional code cell, e.g. a question graded from a saved argument; see :func:`free_names`). The stub comment
    ``# YOUR CODE HERE: ...`` on its own does not make an answered cell unanswered. Markdown: empty, or still
    "YOUR ANSWER HERE".
    """
    kind = kind or nbgrader_meta(cell).get("cell_type") or cell.cell_type
    source = cell.get("source", "")
    if kind == "markdown" or cell.cell_type == "markdown":
        return not source.strip() or any(p in source for p in PLACEHOLDERS)
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False  # it is something: the self-check will say what is wrong with it
    body = [n for n in tree.body if not isinstance(n, ast.Pass)]
    if not body:
        return needs_code
    bound: dict[str, bool] = {}
    meaningful = False
    for node in body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and node.value.value is Ellipsis:
            continue
        if isinstance(node, ast.Raise) and node.exc is not None and "NotImplementedError" in ast.unparse(node.exc):
            return True
        targets: list[ast.expr] = []
        value = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        placeholder = isinstance(value, ast.Constant) and value.value is Ellipsis
        for target in targets:
            if isinstance(target, ast.Name):
                bound[target.id] = placeholder
        if not placeholder:
            meaningful = True
    return any(bound.values()) or (needs_code and not meaningful)


_IPYTHON_NAMES = {"display", "get_ipython", "In", "Out", "exit", "quit"}


def _names(source: str) -> tuple[set[str], set[str]]:
    """(names a cell assigns or imports anywhere, names it reads); empty sets if it does not parse."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set(), set()
    stored, loaded = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else stored).add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            stored.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            stored.add(node.name)
        elif isinstance(node, ast.arg):
            stored.add(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            stored.add(node.name)
    return stored, loaded


def free_names(nb, question: str) -> set[str] | None:
    """Names question's self-check cell reads that no cell but its answer cell assigns: what the answer must define.

    None when the question has no self-check cell. An empty set: the question is graded from something else (a
    saved argument, say), so its answer cell is optional code.
    """
    import builtins

    q = question.lower()
    tests = [c for c in nb.cells if c.cell_type == "code" and grade_id(c) == f"{q}_tests"]
    if not tests:
        return None
    assigned: set[str] = set(dir(builtins)) | _IPYTHON_NAMES
    for cell in nb.cells:
        if cell.cell_type == "code" and grade_id(cell) != f"{q}_answer":
            assigned |= _names(cell.source)[0]
    return set().union(*(_names(c.source)[1] for c in tests)) - assigned


def checksum_ok(cell) -> bool | None:
    """Whether a read-only cell still matches nbgrader's checksum (None: the cell carries no checksum)."""
    from nbgrader.utils import compute_checksum

    meta = nbgrader_meta(cell)
    if not meta.get("checksum"):
        return None
    probe = copy.deepcopy(cell)
    if meta.get("cell_type"):
        probe.cell_type = meta["cell_type"]  # a retyped cell is reported as retyped, not also as edited
    try:
        return compute_checksum(probe) == meta["checksum"]
    except (KeyError, ValueError, TypeError):
        return False


# ------------------------------------------------------------------------------------------ parameters
def guard_line(values: dict[str, Any]) -> str:
    """The first line of every test cell: ``check_parameters(globals(), YEAR=2019, ...)``."""
    return "check_parameters(globals(), " + ", ".join(f"{k}={v!r}" for k, v in values.items()) + ")"


def guard_values(source: str) -> dict[str, Any] | None:
    """The keyword values of a ``check_parameters(globals(), YEAR=2019, ...)`` line, or None."""
    m = GUARD_LINE.search(source or "")
    if not m:
        return None
    try:
        call = ast.parse(m.group(0).strip()).body[0].value
        return {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords if kw.arg}
    except (SyntaxError, ValueError, AttributeError, IndexError):
        return None


def declaration(nb, where: str = "notebook") -> tuple[list[str], list[dict[str, Any]]]:
    """``metadata.course``'s parameter names and the parameter sets the lesson is valid for."""
    meta = nb.metadata.get("course", {})
    params, variants = meta.get("parameters"), meta.get("variants")
    if not params or not variants:
        raise ParameterError(f"{where}: metadata.course.parameters/variants are missing")
    for i, v in enumerate(variants):
        if sorted(v) != sorted(params):
            raise ParameterError(f"{where}: variant {i} sets {sorted(v)}, expected exactly {sorted(params)}")
    return list(params), list(variants)


def params_cell(nb, where: str = "notebook"):
    cells = [c for c in nb.cells if c.metadata.get("course", {}).get("role") == "params"]
    if len(cells) != 1:
        raise ParameterError(f"{where}: expected one parameter cell (metadata course.role 'params'), "
                             f"found {len(cells)}")
    return cells[0]


def current_parameters(nb, where: str = "notebook") -> dict[str, Any]:
    """The values the parameter cell assigns (``{"YEAR": 2019}``)."""
    values = {}
    for line in params_cell(nb, where).source.splitlines():
        m = PARAM_LINE.match(line.strip())
        if m:
            try:
                values[m["name"]] = ast.literal_eval(m["value"].strip())
            except (ValueError, SyntaxError) as exc:
                raise ParameterError(f"{where}: parameter {m['name']} is not a literal: {m['value']!r}") from exc
    return values


# ------------------------------------------------------------------------------------------ hidden tests
def has_hidden_tests(source: str) -> bool:
    """Does a cell's source hold a hidden-test region (a line with nbgrader's begin marker)?"""
    return HIDDEN_BEGIN in (source or "")


def _cleared(cell, where: str = "notebook", index: int = 0):
    """``cell`` as ``nbgrader generate_assignment`` releases it: hidden-test regions removed by ``ClearHiddenTests``."""
    from nbgrader.preprocessors import ClearHiddenTests

    cell = copy.deepcopy(cell)
    # the course's own tools also read notebooks that are not graded yet (a lesson being written)
    clear = ClearHiddenTests(enforce_metadata=False, begin_test_delimeter=HIDDEN_BEGIN, end_test_delimeter=HIDDEN_END)
    try:
        cell, _ = clear.preprocess_cell(cell, {}, index)
    except RuntimeError as exc:  # nbgrader's words: "No end hidden tests statement found", nested regions
        name = grade_id(cell) or f"cell {index + 1}"
        raise HiddenTestsError(f"{where}, {name}: {exc}") from None
    return cell


def visible_source(source: str, where: str = "cell") -> str:
    """A cell's source without its hidden-test regions (what the students' release holds)."""
    import nbformat

    return _cleared(nbformat.v4.new_code_cell(source or ""), where).source


def hidden_tests(source: str) -> str:
    """The lines inside a cell's hidden-test regions, the markers left out ("" when it has none)."""
    lines, inside = [], False
    for line in (source or "").split("\n"):
        if HIDDEN_BEGIN in line:
            inside = True
        elif HIDDEN_END in line:
            inside = False
        elif inside:
            lines.append(line)
    return "\n".join(lines)


def strip_hidden_tests(nb, where: str = "notebook") -> bool:
    """Remove hidden-test regions from every cell in place, as nbgrader does; True if there were any."""
    found = False
    for i, cell in enumerate(nb.cells):
        if has_hidden_tests(cell.source):
            cell.source = _cleared(cell, where, i).source
            found = True
    return found


def is_instructor_source(nb) -> bool:
    """An instructors' notebook (it still holds solutions or hidden tests), not a student's copy."""
    solution = MARK + "BEGIN SOLUTION"
    return any(solution in c.source or has_hidden_tests(c.source) for c in nb.cells)


def is_lesson_notebook(nb) -> bool:
    """A course lesson: it declares ``metadata.course`` or has cells nbgrader tracks."""
    return bool(nb.metadata.get("course")) or any(grade_id(c) for c in nb.cells)
