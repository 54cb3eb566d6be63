"""Grade a whole notebook locally with its visible self-checks: for self-learners, without nbgrader's course.

    course check lessons/00-orientation/00-orientation.ipynb [--timeout 60] [--json]

A copy of the notebook's folder (so the files saved beside it, such as a saved argument, are found) is made in a
temporary folder, and the copy of the notebook is run there with nbclient, top to bottom, with a time limit per cell
(at least two minutes for the locked setup cell, whose imports can be slow on a cold machine); a cell that runs too
long is interrupted and the run goes on, unless the kernel ignores the interrupt (then the run stops there and says
so). The student's file is never modified. The report gives, per question: passed, failed (with the message the check
wrote, never a traceback) or not answered; the autograded score is the sum of the points of the self-check cells that
ran without an error, out of the total. Written answers are listed as graded by the instructor.

Hidden tests are never involved: a released notebook has none, and on a solutions notebook the
``### BEGIN HIDDEN TESTS`` … ``### END HIDDEN TESTS`` regions are removed before it runs, by nbgrader's own
``ClearHiddenTests`` (:func:`course_utils.notebook_model.strip_hidden_tests`; the report says so). The
score is therefore the self-check score; the autograder's hidden tests may still fail an answer that passes here.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import notebook_model as model
from .notebook_model import (answer_cells, checksum_ok, free_names, grade_id, is_unanswered, nbgrader_meta, points,
                             question_label, strip_hidden_tests)

__all__ = ["QuestionResult", "CheckReport", "check_notebook", "format_report", "main"]

ANSI = re.compile(r"\x1b\[[0-9;]*m")
TIMEOUT_NAME = "CellTimeout"
PROBE_TIMEOUT = 10  # seconds an idle kernel gets to answer after an interrupted cell
SETUP_TIMEOUT = 120  # the setup cell (locked) imports pandas and altair: slow on a cold Binder, never a loop


class CheckError(RuntimeError):
    """The notebook could not be checked at all (the message says why)."""


@dataclass
class QuestionResult:
    question: str  # "Q1"
    grade_id: str  # the test cell ("q1_tests") or the written-answer cell ("q5_free")
    status: str  # "passed", "failed", "not answered", "manual"
    points: float = 0.0
    earned: float = 0.0
    message: str = ""


@dataclass
class CheckReport:
    notebook: str
    questions: list[QuestionResult] = field(default_factory=list)
    hidden_tests_removed: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(q.earned for q in self.questions if q.status != "manual")

    @property
    def total(self) -> float:
        return sum(q.points for q in self.questions if q.status != "manual")

    @property
    def manual_points(self) -> float:
        return sum(q.points for q in self.questions if q.status == "manual")

    def to_dict(self) -> dict:
        return {"notebook": self.notebook, "score": self.score, "total": self.total,
                "manual_points": self.manual_points, "hidden_tests_removed": self.hidden_tests_removed,
                "notes": self.notes, "questions": [asdict(q) for q in self.questions]}


def _error_message(output: dict) -> str:
    """The one-line message of an error output: a check's own message, or ``Name: value`` (never a traceback)."""
    ename, evalue = output.get("ename", "Error"), ANSI.sub("", str(output.get("evalue", ""))).strip()
    if ename == "CheckFailed":
        return evalue
    return f"{ename}: {evalue}" if evalue else ename


def _first_error(cell) -> dict | None:
    return next((o for o in cell.get("outputs", []) if o.get("output_type") == "error"), None)


def check_notebook(path: str | os.PathLike, *, cell_timeout: int = 60, kernel_name: str = "python3") -> CheckReport:
    """Run a copy of the notebook (in a copy of its folder) and grade it with its visible self-checks."""
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient

    path = Path(path).resolve()
    if not path.is_file():
        raise CheckError(f"{path} does not exist")
    try:
        nb = model.read(path)
    except Exception as exc:  # noqa: BLE001
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        raise CheckError(f"{path.name} is not a valid notebook file ({first})") from None
    report = CheckReport(notebook=str(path))
    try:
        report.hidden_tests_removed = strip_hidden_tests(nb, path.name)
    except model.HiddenTestsError as exc:
        raise CheckError(str(exc)) from None
    if report.hidden_tests_removed:
        report.notes.append("this is a solutions notebook: its hidden tests were removed, only the visible "
                            "self-checks ran")

    status: dict[int, str] = {}  # cell index -> "ok" / "error" / "timeout"

    def on_executed(cell, cell_index, execute_reply):
        content = (execute_reply or {}).get("content", {})
        if content.get("ename") == TIMEOUT_NAME:
            status[cell_index] = "timeout"
        else:
            status[cell_index] = "ok" if content.get("status") == "ok" else "error"

    with tempfile.TemporaryDirectory(prefix="course-check-") as tmp:
        work = Path(tmp) / path.parent.name
        shutil.copytree(path.parent, work, symlinks=True,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", ".git"))
        # a kernel on its own IPC socket: TCP ports race when several checks (or graders) run at once
        km = AsyncKernelManager(kernel_name=kernel_name, transport="ipc", ip=str(Path(tmp) / "kernel"))
        client = NotebookClient(
            nb, km=km, timeout=cell_timeout, kernel_name=kernel_name, allow_errors=True, interrupt_on_timeout=True,
            error_on_timeout={"ename": TIMEOUT_NAME, "evalue": f"the cell ran longer than {cell_timeout} s",
                              "traceback": []},
            timeout_func=lambda cell: (max(cell_timeout, SETUP_TIMEOUT) if grade_id(cell) == "setup"
                                       else cell_timeout),
            resources={"metadata": {"path": str(work)}}, on_cell_executed=on_executed)
        stopped = ""
        try:
            _run_cells(client, nb, status, cell_timeout)
        except _Stopped as exc:
            stopped = str(exc)
        finally:
            # the client did not create the kernel manager, so it leaves the kernel running: stop it here
            if km.has_kernel:
                from jupyter_core.utils import run_sync

                run_sync(km.shutdown_kernel)(now=True)
        if stopped:
            report.notes.append(f"{stopped}; the cells after it were not run")
    _score(report, nb, status, cell_timeout)
    return report


class _Stopped(Exception):
    """Execution of the notebook had to stop (the message says why)."""


def _run_cells(client, nb, status, cell_timeout) -> None:
    from nbclient.exceptions import DeadKernelError

    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            try:
                client.execute_cell(cell, index)
            except DeadKernelError:
                raise _Stopped(f"the Python kernel died while running cell {index + 1}")
            if status.get(index) == "timeout" and not _kernel_responds(client):
                raise _Stopped(f"cell {index + 1} ran longer than {cell_timeout} s and did not stop when "
                               "interrupted (a loop that never ends and catches KeyboardInterrupt?)")


def _score(report, nb, status, cell_timeout) -> None:
    answers = answer_cells(nb)
    for index, cell in enumerate(nb.cells):
        meta = nbgrader_meta(cell)
        if not meta.get("grade"):
            continue
        gid, q = meta.get("grade_id", "?"), question_label(meta.get("grade_id", "?"))
        worth = points(cell)
        if cell.cell_type != "code" or meta.get("cell_type") == "markdown" or meta.get("solution"):
            note = "not answered yet; " if is_unanswered(cell) else ""
            report.questions.append(QuestionResult(q, gid, "manual", worth, 0.0,
                                                   f"{note}graded by your instructor"))
            continue
        result = QuestionResult(q, gid, "failed", worth)
        answer_index, answer = answers.get(q, (None, None))
        ran = status.get(index)
        if checksum_ok(cell) is False:  # the grader runs the original check: an edited one proves nothing
            result.message = ("this read-only self-check cell was edited, so its result does not count (the grader "
                              "runs the original); run `course doctor` for how to fix it")
        elif ran == "ok":
            result.status, result.earned, result.message = "passed", worth, ""
        elif answer is not None and is_unanswered(answer, needs_code=free_names(nb, q) != set()):
            result.status, result.message = "not answered", "replace the `...` with your answer"
        elif ran is None:
            result.message = "not run (see the note below)"
        elif ran == "timeout":
            result.message = f"the self-check ran longer than {cell_timeout} s"
        else:
            error = _first_error(cell) or {}
            message = _error_message(error)
            if error.get("ename") == "CheckFailed" and "no answer yet" in message:
                result.status, result.message = "not answered", message
            elif answer_index is not None and status.get(answer_index) in ("error", "timeout"):
                cause = ("ran longer than the time limit" if status[answer_index] == "timeout"
                         else f"raised {_error_message(_first_error(answer) or {})}")
                result.message = f"your answer cell {cause}; {message}"
            else:
                result.message = message
        report.questions.append(result)
    return report


def _kernel_responds(client) -> bool:
    """After an interrupted cell: does the kernel run a trivial statement again? (No: it swallowed the interrupt.)"""
    from nbclient.util import run_sync

    async def probe() -> bool:
        import asyncio
        import time
        from queue import Empty

        msg_id = client.kc.execute("pass", store_history=False, silent=True)
        deadline = time.monotonic() + PROBE_TIMEOUT
        while (left := deadline - time.monotonic()) > 0:
            try:
                reply = await client.kc.get_shell_msg(timeout=left)
            except (Empty, asyncio.TimeoutError):
                return False
            if reply.get("parent_header", {}).get("msg_id") == msg_id:  # older replies (the interrupted cell's)
                return True
        return False

    try:
        return run_sync(probe)()
    except Exception:  # noqa: BLE001 - a dead kernel does not respond either
        return False


def format_report(report: CheckReport) -> str:
    name = Path(report.notebook).name
    lines = [f"Self-check of {name} (visible checks only; hidden tests are not run)", ""]
    marks = {"passed": "✓", "failed": "✗", "not answered": "·", "manual": "✎"}
    for q in report.questions:
        if q.status == "manual":
            lines.append(f"  ✎ {q.question:4} written answer ({q.points:g} points): {q.message}")
            continue
        text = f"  {marks[q.status]} {q.question:4} {q.status:12} {q.earned:g}/{q.points:g}"
        lines.append(text + (f"  {q.message}" if q.message and q.status != "passed" else ""))
    lines.append("")
    lines.append(f"Autograded score: {report.score:g} / {report.total:g}"
                 + (f"   (+ {report.manual_points:g} points of written answers, graded by your instructor)"
                    if report.manual_points else ""))
    for note in report.notes:
        lines.append(f"Note: {note}.")
    return "\n".join(lines)


def main(notebook: str, *, timeout: int = 60, as_json: bool = False) -> int:
    """``course check NOTEBOOK``: 0 when every self-check passed, 1 when not, 2 when the notebook can't be run."""
    try:
        report = check_notebook(notebook, cell_timeout=timeout)
    except CheckError as exc:
        print(f"course check: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(report.to_dict(), indent=2) if as_json else format_report(report))
    return 0 if report.score == report.total else 1
