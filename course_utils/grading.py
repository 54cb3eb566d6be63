"""The instructor workflow on top of nbgrader: generate the release, autograde a class, read the gradebook.

Every nbgrader call runs as its own process with the course root as working directory, because nbgrader reads
``nbgrader_config.py`` only from the current directory. One process per submission also gives each kernel its own
IPC socket (default TCP ports race between parallel kernels), a wall-clock limit, and a failure that stays with
that one student instead of stopping the class.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

CONFIG_FILE = "nbgrader_config.py"


class GradingError(RuntimeError):
    """A problem with the course directory or an nbgrader step (the message names it)."""


@dataclass
class SubmissionResult:
    """What autograding one student's submission gave."""

    student: str
    assignment: str
    status: str  # "graded" or "failed"
    auto_score: float | None = None  # points from autograded test cells
    auto_max: float | None = None
    needs_manual: bool = False
    reason: str = ""
    cells: dict[str, float | None] = field(default_factory=dict)  # grade cell id -> its autograded score


def find_course_root(start: str | os.PathLike | None = None) -> Path:
    """The nearest folder at or above ``start`` (default: the current one) holding nbgrader_config.py."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise GradingError(f"no {CONFIG_FILE} found in {here} or any folder above it: run this inside the course "
                       "repository (or a course directory made from it).")


def run_nbgrader(root: Path, *args: str, timeout: float | None = None) -> subprocess.CompletedProcess:
    """Run ``nbgrader ARGS`` from the course root; return the completed process (never raises on exit code)."""
    cmd = [sys.executable, "-m", "nbgrader", *args]
    return subprocess.run(cmd, cwd=root, capture_output=True, text=True, timeout=timeout,
                          stdin=subprocess.DEVNULL, env=tool_env())


def tool_env() -> dict[str, str]:
    """The environment for nbgrader: this Python's scripts folder first on PATH (nbgrader runs `alembic`
    to create a new gradebook, and a virtual environment that was not activated has it only there)."""
    env = dict(os.environ)
    bindir = str(Path(sys.executable).parent)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    return env


def generate(root: Path, assignment: str) -> None:
    """``nbgrader generate_assignment ASSIGNMENT --force``: solutions/ -> lessons/ and the gradebook."""
    proc = run_nbgrader(root, "generate_assignment", assignment, "--force")
    if proc.returncode != 0:
        raise GradingError(f"generate_assignment {assignment} failed:\n{proc.stdout}\n{proc.stderr}")


def submission_problem(root: Path, assignment: str, student: str, notebooks: Iterable[str]) -> str:
    """Why a submission can't be graded (file named), or "" if its notebooks exist and are valid notebooks."""
    import nbformat

    folder = root / "submitted" / student / assignment
    if not folder.is_dir():
        return f"no submission folder {folder.relative_to(root)}"
    for name in notebooks:
        path = folder / f"{name}.ipynb"
        rel = path.relative_to(root)
        if not path.is_file():
            return f"notebook {rel} is missing from the submission"
        try:
            nb = nbformat.read(path, as_version=4)
            nbformat.validate(nb)
        except Exception as exc:  # noqa: BLE001 - any unreadable notebook is reported, never raised
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            return f"{rel} is not a valid notebook file ({type(exc).__name__}: {first[:200]})"
    return ""


def source_notebooks(root: Path, assignment: str, source_dir: str = "solutions") -> list[str]:
    folder = root / source_dir / assignment
    names = sorted(p.stem for p in folder.glob("*.ipynb"))
    if not names:
        raise GradingError(f"no notebooks in {folder}")
    return names


def read_result(root: Path, assignment: str, student: str) -> SubmissionResult:
    """Autograded points of one graded submission, read from the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        try:
            sub = gb.find_submission(assignment, student)
        except MissingEntry:
            return SubmissionResult(student, assignment, "failed", reason="no grades in the gradebook")
        score = maximum = 0.0
        cells: dict[str, float | None] = {}
        for nb in sub.notebooks:
            for grade in nb.grades:
                if grade.cell.cell_type != "code":
                    continue
                maximum += grade.max_score
                score += grade.auto_score or 0.0
                cells[grade.name] = grade.auto_score
        return SubmissionResult(student, assignment, "graded", score, maximum,
                                needs_manual=bool(sub.needs_manual_grade), cells=cells)


def autograde_one(root: Path, assignment: str, student: str, notebooks: list[str], *,
                  cell_timeout: int = 30, submission_timeout: float = 600) -> SubmissionResult:
    """Autograde one student in its own nbgrader process; a bad submission becomes a failed result."""
    problem = submission_problem(root, assignment, student, notebooks)
    if problem:
        return SubmissionResult(student, assignment, "failed", reason=problem)
    with tempfile.TemporaryDirectory(prefix="kernel-") as sockets:
        args = ["autograde", assignment, "--student", student, "--force",
                f"--Execute.timeout={cell_timeout}",
                "--OverwriteCells.add_missing_cells=True",
                "--KernelManager.transport=ipc", f"--KernelManager.ip={sockets}/kernel"]
        try:
            proc = run_nbgrader(root, *args, timeout=submission_timeout)
        except subprocess.TimeoutExpired:
            return SubmissionResult(student, assignment, "failed",
                                    reason=f"grading took longer than {submission_timeout:g} s and was stopped "
                                           "(a loop that never ends and ignores interrupts?)")
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-3:])
        return SubmissionResult(student, assignment, "failed", reason=f"nbgrader autograde failed: {tail}")
    return read_result(root, assignment, student)


def autograde(root: Path, assignment: str, students: Iterable[str] | None = None, *, workers: int = 1,
              cell_timeout: int = 30, submission_timeout: float = 600,
              progress: Callable[[SubmissionResult], None] | None = None) -> list[SubmissionResult]:
    """Autograde every submission of ``assignment`` (or the given students); never stops on a bad one."""
    root = Path(root)
    notebooks = source_notebooks(root, assignment)
    if students is None:
        students = sorted(p.parent.name for p in (root / "submitted").glob(f"*/{assignment}") if p.is_dir())
    students = list(students)

    def one(student: str) -> SubmissionResult:
        result = autograde_one(root, assignment, student, notebooks, cell_timeout=cell_timeout,
                               submission_timeout=submission_timeout)
        if progress:
            progress(result)
        return result

    if workers <= 1:
        return [one(s) for s in students]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, students))
