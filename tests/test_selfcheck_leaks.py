"""No visible self-check gives away the answer or a part of it (issue #11; docs/authoring.md, exercises).

Each solutions notebook runs in this process (hidden tests removed), and then, for every autograded question, its
visible self-check runs again on wrong answers of the right form (the answer plus or minus one, times 100, its sign
flipped, zero, a list reversed or cut short, another text...). The test fails when:

- a message the student reads (a failure, or the note printed by ``.passed``) contains the expected answer or a
  number the solution computes on its way to it (an *intermediate*: a scalar, or a value of a one- to three-row
  result, assigned in the answer cell), unless that number is written literally in the self-check's own code (a
  fixed hint such as "between 0 and 100") or is a parameter of the lesson;
- the self-check computes in the open (in a variable a student can print) the answer or one of its intermediates:
  for example one of the two numbers whose difference is the answer.

Numbers that only depend on a student's own answer are not leaks, so the second check runs with wrong answers in
place: what the self-check then still computes equal to an intermediate came from the tables alone.
"""
from __future__ import annotations

import contextlib
import io
import math
import os
import re
import shutil
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

from helpers import LESSON_IDS, SOLUTIONS
from course_utils.checks import CheckFailed
from course_utils.variants import current_parameters

HIDDEN = re.compile(r"^[ \t]*### BEGIN HIDDEN TESTS[ \t]*\n.*?^[ \t]*### END HIDDEN TESTS[ \t]*(\n|\Z)", re.M | re.S)
ANSWER_NAME = re.compile(r"^([A-Za-z_]\w*)\s*=\s*\.\.\.", re.M)
NUMBER = re.compile(r"(?<![\w.])-?\d[\d,]*(?:\.\d+)?")


def _grade_id(cell) -> str:
    return cell.metadata.get("nbgrader", {}).get("grade_id") or ""


def _scalars(value, depth: int = 0) -> list[float]:
    """The numbers a value shows: a scalar, or the values of a small (at most three-row) Series/DataFrame/array."""
    if isinstance(value, (bool, np.bool_)):
        return []
    if isinstance(value, (int, float, np.integer, np.floating)):
        v = float(value)
        return [] if math.isnan(v) or math.isinf(v) else [v]
    if isinstance(value, (pd.Series, pd.DataFrame)) and len(value) <= 3:
        flat = value.to_numpy().ravel() if isinstance(value, pd.DataFrame) else value.to_numpy()
        return [x for item in flat for x in _scalars(item, depth + 1)] if depth == 0 else []
    if isinstance(value, np.ndarray) and value.size <= 3:
        return [x for item in value.ravel() for x in _scalars(item, depth + 1)] if depth == 0 else []
    if isinstance(value, (tuple, list)) and len(value) <= 3 and depth == 0:
        return [x for item in value for x in _scalars(item, depth + 1)]
    return []


def _wrong_answers(value) -> list:
    if isinstance(value, (bool, np.bool_)):
        return [not value]
    if isinstance(value, (int, np.integer)):
        v = int(value)
        return [v + 1, v - 1, -v - 3, 0, v * 10 + 7]
    if isinstance(value, (float, np.floating)):
        v = float(value)
        return [round(v + 1.3, 3), round(v - 0.7, 3), v * 100 + 1, v / 100 + 0.001, -v - 1, 0.0]
    if isinstance(value, str):
        return ["Nowhere", value + "x"]
    if isinstance(value, np.ndarray):
        return [np.zeros_like(value, dtype=float), np.ones(max(len(value) - 1, 0))]
    if isinstance(value, tuple):
        return [tuple(w[i] for w in (_wrong_answers(x) for x in value)) for i in range(2)] + [value[:-1]]
    if isinstance(value, list):
        return [[], list(reversed(value)) + ["XXX"], value[:-1]]
    return []


def _number_tokens(text: str) -> list[tuple[str, float]]:
    out = []
    for token in NUMBER.findall(text):
        try:
            out.append((token, float(token.replace(",", ""))))
        except ValueError:
            pass
    return out


def _shows(token: str, number: float, secret: float) -> bool:
    """Does ``token`` (a number written in a message) show ``secret``? A whole number shows only a whole secret; a
    decimal shows a secret that rounds to it at the number of decimals it is written with."""
    if "." not in token:
        return float(secret).is_integer() and secret == number
    return round(secret, len(token.split(".")[1])) == number


class Run:
    """A solutions notebook run in this process, with each question's answer names, values and intermediates."""

    def __init__(self, lesson: str, workdir: Path):
        self.lesson, self.workdir = lesson, workdir  # a copy of the lesson's folder (a saved argument goes there)
        nb = nbformat.read(SOLUTIONS / lesson / f"{lesson}.ipynb", as_version=4)
        self.params = current_parameters(nb, lesson)
        self.ns: dict = {"display": lambda *a, **k: None, "__name__": "__main__"}
        self.answers: dict[str, dict] = {}  # "q1" -> {name: value}
        self.intermediates: dict[str, list[tuple[str, float]]] = {}
        self.checks: dict[str, str] = {}  # "q1" -> the visible self-check's code
        self.states: dict[str, dict] = {}  # "q1" -> the namespace before its self-check ran
        cwd = os.getcwd()
        os.chdir(workdir)
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                for cell in nb.cells:
                    if cell.cell_type != "code":
                        continue
                    gid, source = _grade_id(cell), HIDDEN.sub("", cell.source)
                    q = gid.split("_")[0]
                    if gid.endswith("_answer"):
                        before = dict(self.ns)
                        exec(compile(source, f"{lesson}:{gid}", "exec"), self.ns)
                        names = ANSWER_NAME.findall(cell.source)
                        self.answers[q] = {n: self.ns[n] for n in names}
                        self.intermediates[q] = [(k, x) for k, v in self.ns.items()
                                                 if not k.startswith("__") and (k not in before or before[k] is not v)
                                                 for x in _scalars(v)]
                        continue
                    if gid.endswith("_tests") and cell.metadata.get("nbgrader", {}).get("grade"):
                        self.checks[q], self.states[q] = source, dict(self.ns)
                    exec(compile(source, f"{lesson}:{gid or 'cell'}", "exec"), self.ns)
        finally:
            os.chdir(cwd)

    def secrets(self, q: str) -> list[tuple[str, float]]:
        """The numbers a self-check must not show: the answer and its intermediates, less parameters and literals."""
        literal = {v for _, v in _number_tokens(self.checks[q])}
        params = {float(v) for v in self.params.values() if isinstance(v, (int, float)) and not isinstance(v, bool)}
        found = [(f"answer {n}", x) for n, v in self.answers[q].items() for x in _scalars(v)]
        found += [(f"intermediate {n}", x) for n, x in self.intermediates[q]]
        return [(n, x) for n, x in found if x not in params and x not in literal and not (
            float(x).is_integer() and (abs(x) <= 12 or 1900 <= x <= 2100))]  # small counts and years are everywhere

    def run_check(self, q: str, replace: dict) -> tuple[str, dict]:
        """Run question ``q``'s self-check with answers replaced; return what the student reads and its namespace."""
        ns = dict(self.states[q])
        ns.update(replace)
        out = io.StringIO()
        cwd = os.getcwd()
        os.chdir(self.workdir)
        try:
            with contextlib.redirect_stdout(out):
                exec(compile(self.checks[q], f"{self.lesson}:{q}_tests", "exec"), ns)
            message = out.getvalue()
        except CheckFailed as exc:
            message = out.getvalue() + exc.message
        finally:
            os.chdir(cwd)
        return message, ns


@pytest.fixture(scope="module")
def run_of(tmp_path_factory):
    """Each lesson's solution run once for the module, in a copy of its folder (removed by pytest)."""
    runs: dict[str, Run] = {}

    def get(lesson: str) -> Run:
        if lesson not in runs:
            work = tmp_path_factory.mktemp("leaks") / lesson
            shutil.copytree(SOLUTIONS / lesson, work, ignore=shutil.ignore_patterns("*.argument.json*"))
            runs[lesson] = Run(lesson, work)
        return runs[lesson]
    return get


def _text_leaks(message: str, source: str, expected) -> list[str]:
    items = [expected] if isinstance(expected, str) else list(expected) if isinstance(expected, (list, tuple)) else []
    return [s for s in items if isinstance(s, str) and len(s) >= 3 and s in message and s not in source]


CASES = [(lesson, q) for lesson in LESSON_IDS
         for q in sorted({_grade_id(c).split("_")[0] for c in nbformat.read(
             SOLUTIONS / lesson / f"{lesson}.ipynb", as_version=4).cells if _grade_id(c).endswith("_tests")})]


@pytest.mark.parametrize("lesson,q", CASES, ids=[f"{lesson[:2]}-{q}" for lesson, q in CASES])
def test_self_check_messages_on_wrong_answers_give_nothing_away(lesson, q, run_of):
    run = run_of(lesson)
    if not run.answers.get(q):
        pytest.skip(f"{lesson} {q}: no answer cell with a value (a saved argument, checked by tests of its own)")
    secrets = run.secrets(q)
    problems = []
    for name, value in run.answers[q].items():
        for wrong in _wrong_answers(value):
            message, _ = run.run_check(q, {name: wrong})
            own = set(_scalars(wrong)) | ({float(len(wrong))} if hasattr(wrong, "__len__") else set())
            for token, number in _number_tokens(message):
                for what, secret in secrets:
                    if number not in own and _shows(token, number, secret):
                        problems.append(f"{name} = {wrong!r}: the message shows {token} ({what} = {secret:g}): "
                                        f"{message.strip()!r}")
            for text in _text_leaks(message, run.checks[q], value):
                problems.append(f"{name} = {wrong!r}: the message names {text!r}, part of the answer: "
                                f"{message.strip()!r}")
    # what the self-check computes from the tables alone: every answer of the question wrong at once, so nothing it
    # computes from the student's own work can equal the answer
    names = list(run.answers[q])
    for i in range(max(len(_wrong_answers(v)) for v in run.answers[q].values())):
        wrong = {n: _wrong_answers(run.answers[q][n])[i % len(_wrong_answers(run.answers[q][n]))] for n in names}
        _, ns = run.run_check(q, wrong)
        for var, got in ns.items():
            if var.startswith("_") and not var.startswith("__") and var not in run.states[q]:
                for x in _scalars(got):
                    for what, secret in secrets:
                        if math.isclose(x, secret, rel_tol=1e-9, abs_tol=1e-9):
                            problems.append(f"the self-check computes {what} = {secret:g} in the open "
                                            f"(variable {var})")
    assert not problems, f"{lesson} {q}:\n" + "\n".join(sorted(set(problems)))


def test_the_leak_test_can_fail(run_of):
    """A self-check that prints part of the answer, and one that computes it, are caught."""
    run = run_of(LESSON_IDS[0])
    q = next(iter(run.checks))
    name, value = next(iter(run.answers[q].items()))
    secret_name, secret = run.secrets(q)[0]
    saved = run.checks[q]
    try:
        run.checks[q] = saved + f"\nprint('hint: compare with {secret:.1f}')"
        message, _ = run.run_check(q, {name: _wrong_answers(value)[0]})
        assert any(_shows(t, n, secret) for t, n in _number_tokens(message))
        run.checks[q] = saved + f"\n_part = {secret!r}"
        _, ns = run.run_check(q, {name: _wrong_answers(value)[0]})
        assert any(math.isclose(x, secret) for x in _scalars(ns["_part"]))
    finally:
        run.checks[q] = saved
