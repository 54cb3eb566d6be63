"""Self-checks and autograder tests for lesson questions.

Escalating checks, as Data 8 does them: the answer exists -> it has the right type -> it is not a known wrong
answer (the hint names the likely mistake) -> it is correct.  Visible self-checks stop before the last step, so
they never reveal an answer; hidden tests (only the autograder has them) make the exact comparison with
:func:`expect_equal`, computing the expected value from the datasets and the lesson's parameters.

A failed check raises :class:`CheckFailed`, an ``AssertionError`` (so nbgrader counts the cell as failed) that
IPython shows as a short friendly message instead of a traceback.
"""
from __future__ import annotations

import math
import numbers
from typing import Any, Iterable

__all__ = ["CheckFailed", "SelfCheck", "check", "check_parameters", "expect_equal", "expect_close", "expect_set"]

_MISSING = object()


class CheckFailed(AssertionError):
    """A check that did not pass. Its message is written for the student."""

    def __init__(self, question: str, message: str):
        self.question = question
        self.message = message
        super().__init__(f"{question}: {message}")

    def _render_traceback_(self) -> list[str]:  # IPython hook: show the message, not the code
        return [f"\x1b[0;31m✗ {self.question}\x1b[0m {self.message}"]


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {int: "a whole number (int)", float: "a number (float)", str: "text (str)", list: "a list",
             bool: "True or False", dict: "a dict"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


class SelfCheck:
    """A visible self-check for one answer. Each method raises :class:`CheckFailed` with a hint, or returns self.

    >>> SelfCheck("Q1", 3).is_type(int).in_range(0, 10).passed()   # doctest: +ELLIPSIS
    ✓ Q1 ...
    """

    def __init__(self, question: str, answer: Any = _MISSING):
        self.question = question
        self.answer = answer
        if answer is _MISSING or answer is Ellipsis or answer is None:
            self.fail("no answer yet: replace the `...` or `None` with your answer and run the cell again.")

    def fail(self, message: str) -> None:
        raise CheckFailed(self.question, message)

    def is_type(self, kind: type | tuple[type, ...]) -> "SelfCheck":
        kinds = kind if isinstance(kind, tuple) else (kind,)
        value = self.answer
        ok = isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)
        if not ok and float in kinds and _is_number(value):
            ok = True  # an int, numpy or pandas number is fine where a float is asked for
        if not ok and int in kinds and _is_number(value) and float(value).is_integer() \
                and not isinstance(value, float):
            ok = True  # numpy.int64 and friends
        if not ok:
            self.fail(f"the answer should be {_kind_name(kind)}, but it is {type(value).__name__}. "
                      "Hint: a one-row result of pandas is still a Series or DataFrame; take the value out "
                      "with int(...), float(...) or .item().")
        return self

    def in_range(self, low: float, high: float, hint: str = "") -> "SelfCheck":
        value = self.answer
        if not _is_number(value) or math.isnan(float(value)) or not (low <= float(value) <= high):
            msg = f"the answer is outside the range that is possible here ({low:g} to {high:g})."
            self.fail(f"{msg} {hint}".strip())
        return self

    def is_one_of(self, options: Iterable[Any], hint: str = "") -> "SelfCheck":
        options = list(options)
        if self.answer not in options:
            # no example value: any value named here could be the answer
            self.fail(f"the answer should be one of the values in the table, written exactly as it appears there "
                      f"(spelling, capitals and spaces). {hint}".strip())
        return self

    def has_length(self, n: int, hint: str = "") -> "SelfCheck":
        if len(self.answer) != n:
            self.fail(f"the answer should have {n} items, but it has {len(self.answer)}. {hint}".strip())
        return self

    def not_equal(self, wrong: Any, hint: str, digits: int | None = None) -> "SelfCheck":
        """Fail with ``hint`` if the answer equals a known wrong answer (a common mistake)."""
        if _same(self.answer, wrong, digits):
            self.fail(f"that is a common mistake. {hint}")
        return self

    def passed(self, note: str = "the autograder checks the exact value when your work is graded.") -> "SelfCheck":
        print(f"✓ {self.question} passes the self-check: {note}")
        return self


def check(question: str, answer: Any = _MISSING) -> SelfCheck:
    """Start a visible self-check: ``check("Q1", answer).is_type(int).in_range(0, 200).passed()``."""
    return SelfCheck(question, answer)


def _same(a: Any, b: Any, digits: int | None = None) -> bool:
    if _is_number(a) and _is_number(b):
        if digits is not None:
            return round(float(a), digits) == round(float(b), digits)
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)
    if isinstance(a, str) and isinstance(b, str):
        return a.strip().casefold() == b.strip().casefold()
    try:
        return bool(a == b)
    except Exception:  # noqa: BLE001 - comparing arbitrary student objects
        return False


def expect_equal(question: str, answer: Any, expected: Any, hint: str = "", digits: int | None = None) -> None:
    """Hidden-test comparison. The message never contains ``expected``."""
    if answer is _MISSING or answer is Ellipsis or answer is None:
        raise CheckFailed(question, "no answer was given.")
    if not _same(answer, expected, digits):
        raise CheckFailed(question, f"not the value the autograder expected. {hint}".strip())


def expect_close(question: str, answer: Any, expected: float, tol: float, hint: str = "") -> None:
    """Hidden-test comparison of a number within an absolute tolerance (for rounded answers)."""
    if not _is_number(answer) or math.isnan(float(answer)) or abs(float(answer) - float(expected)) > tol:
        raise CheckFailed(question, f"not the value the autograder expected. {hint}".strip())


def expect_set(question: str, answer: Iterable[Any], expected: Iterable[Any], hint: str = "") -> None:
    """Hidden-test comparison of two collections, ignoring order (and case for text)."""
    def norm(items: Iterable[Any]) -> set:
        return {x.strip().casefold() if isinstance(x, str) else x for x in items}
    try:
        ok = norm(answer) == norm(expected)
    except TypeError:
        ok = False
    if not ok:
        raise CheckFailed(question, f"not the set of items the autograder expected. {hint}".strip())


def check_parameters(namespace: dict, **expected: Any) -> None:
    """First line of every test cell: the notebook's parameters must be the lesson's.

    The parameter cell is read-only in JupyterLab but deliberately not restored by nbgrader: the values written here
    (in a locked test cell, which nbgrader does restore) are the authority. A notebook whose parameter cell was changed,
    or a notebook of another class's variant, fails with a message that says how to fix it.
    """
    changed = {k: v for k, v in expected.items() if namespace.get(k, _MISSING) != v}
    if changed:
        fixes = ", ".join(f"{k} = {v!r}" for k, v in changed.items())
        found = ", ".join(f"{k} is {namespace.get(k, 'not set')!r}" for k in changed)
        raise CheckFailed("parameters", f"{found} in this notebook, but this lesson uses {fixes}. Put the parameter "
                                        "cell back to these values, then run all cells again.")
