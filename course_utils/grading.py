"""The instructor workflow on top of nbgrader: generate the release, autograde a class, read the gradebook.

Every nbgrader call runs as its own process with the course root as working directory, because nbgrader reads
``nbgrader_config.py`` only from the current directory. One process per submission also gives each kernel its own
IPC socket (default TCP ports race between parallel kernels), a wall-clock limit, and a failure that stays with
that one student instead of stopping the class.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

CONFIG_FILE = "nbgrader_config.py"
DEFAULT_EXCHANGE = "/usr/local/share/nbgrader/exchange"  # nbgrader 0.9's default Exchange.root


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
    sandboxed: bool = False


def find_course_root(start: str | os.PathLike | None = None) -> Path:
    """The nearest folder at or above ``start`` (default: the current one) holding nbgrader_config.py."""
    here = Path(start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    raise GradingError(f"no {CONFIG_FILE} found in {here} or any folder above it: run this inside the course "
                       "repository (or a course directory made from it).")


def run_nbgrader(root: Path, *args: str, timeout: float | None = None,
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``nbgrader ARGS`` from the course root; return the completed process (never raises on exit code)."""
    # --CourseDirectory.root: a CourseDirectory.root in the user's ~/.jupyter config (set for Formgrader on a hub)
    # would otherwise send every command to that folder, whatever folder this runs in
    cmd = [sys.executable, "-m", "nbgrader", *args, f"--CourseDirectory.root={root}"]
    proc = subprocess.Popen(cmd, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL, env=env or tool_env())
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_tree(proc.pid)  # nbgrader and its kernel: a kernel stuck in a loop must not outlive its grading
        proc.communicate()
        raise
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


def kill_tree(pid: int) -> None:
    """Kill a process and all its descendants (kernels run in sessions of their own, so killpg would miss them)."""
    import psutil  # a dependency of ipykernel

    try:
        parent = psutil.Process(pid)
        family = parent.children(recursive=True) + [parent]
    except psutil.NoSuchProcess:
        return
    for p in family:
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(family, timeout=10)


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

    with Gradebook(gradebook_url(root)) as gb:
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


def gradebook_url(root: Path) -> str:
    """The gradebook's SQLAlchemy URL as nbgrader itself finds it: ``CourseDirectory.db_url`` from the Jupyter
    configuration folders and the course's nbgrader_config.py (a hub's grading account sets a PostgreSQL URL in
    ~/.jupyter), else the SQLite file in the course folder."""
    from .hub import nbgrader_config

    return nbgrader_config(Path(root)).CourseDirectory.get("db_url") or f"sqlite:///{Path(root) / 'gradebook.db'}"


def course_config(root: Path):
    """The course's nbgrader configuration, read from its nbgrader_config.py."""
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config()


def private_paths(root: Path) -> list[Path]:
    """What a student's code must never read while it is graded: answers, hidden tests, other students' work."""
    config = course_config(root)
    cfg = config.CourseDirectory
    names = [cfg.get("source_directory", "source"), cfg.get("submitted_directory", "submitted"),
             cfg.get("autograded_directory", "autograded"), cfg.get("feedback_directory", "feedback"),
             "gradebook.db", ".git", "exchange"]
    paths = [root / name for name in names if (root / name).exists()]
    # the exchange holds every student's submissions: the course's setting, or nbgrader's default location
    for exchange in (config.get("Exchange", {}).get("root"), DEFAULT_EXCHANGE):
        if exchange and Path(exchange).exists() and Path(exchange) not in paths:
            paths.append(Path(exchange))
    return paths


def autograde_one(root: Path, assignment: str, student: str, notebooks: list[str], *,
                  cell_timeout: int = 30, submission_timeout: float = 600,
                  sandbox: bool = True, hidden: list[Path] | None = None) -> SubmissionResult:
    """Autograde one student in its own nbgrader process; a bad submission becomes a failed result.

    With ``sandbox`` (the default) the kernel runs where it cannot read :func:`private_paths`
    (course_utils/sandbox.py).
    """
    problem = submission_problem(root, assignment, student, notebooks)
    if problem:
        return SubmissionResult(student, assignment, "failed", reason=problem)
    with tempfile.TemporaryDirectory(prefix="kernel-") as sockets:
        args = ["autograde", assignment, "--student", student, "--force",
                f"--Execute.timeout={cell_timeout}",
                "--OverwriteCells.add_missing_cells=True",
                "--KernelManager.transport=ipc", f"--KernelManager.ip={sockets}/kernel"]
        env = tool_env()
        if sandbox:
            from . import sandbox as sb

            sb.write_kernelspec(Path(sockets) / "jupyter", private_paths(root) if hidden is None else hidden)
            env["JUPYTER_PATH"] = os.pathsep.join([str(Path(sockets) / "jupyter"), env.get("JUPYTER_PATH", "")])
            args.append(f"--Execute.kernel_name={sb.KERNEL_NAME}")
        try:
            proc = run_nbgrader(root, *args, timeout=submission_timeout, env=env)
        except subprocess.TimeoutExpired:
            return SubmissionResult(student, assignment, "failed",
                                    reason=f"grading took longer than {submission_timeout:g} s and was stopped "
                                           "(a loop that never ends and ignores interrupts?)")
    if proc.returncode != 0:
        return SubmissionResult(student, assignment, "failed",
                                reason=f"nbgrader autograde failed: {failure_reason(proc.stderr or proc.stdout)}")
    return read_result(root, assignment, student)


ERROR_LINE = re.compile(r"^\s*([A-Za-z_.]*(?:Error|Exception|Interrupt|Timeout)[A-Za-z]*):?\s*(.*)$")


def failure_reason(log: str) -> str:
    """The most telling line of a failed nbgrader run: the last exception it printed, else its last line."""
    lines = [line for line in log.strip().splitlines() if line.strip()]
    errors = [ERROR_LINE.match(line) for line in lines]
    found = [m for m in errors if m and not m.group(1).startswith("[")]
    if found:
        name, message = found[-1].group(1), found[-1].group(2)
        return f"{name}: {message}".strip().rstrip(":")[:300]
    return (lines[-1] if lines else "no output")[:300]


def autograde(root: Path, assignment: str, students: Iterable[str] | None = None, *, workers: int = 1,
              cell_timeout: int = 30, submission_timeout: float = 600, sandbox: bool | None = None,
              progress: Callable[[SubmissionResult], None] | None = None) -> list[SubmissionResult]:
    """Autograde every submission of ``assignment`` (or the given students); never stops on a bad one.

    ``sandbox=None`` uses the grading sandbox where this machine can make one (course_utils/sandbox.py) and
    otherwise grades without it (``sandbox_used`` on the results says which). Results are recorded in
    ``autograde_status.json`` for ``course status``.
    """
    root = Path(root)
    if sandbox is None:
        from . import sandbox as sb

        sandbox = sb.available()
    notebooks = source_notebooks(root, assignment)
    if students is None:
        students = sorted(p.parent.name for p in (root / "submitted").glob(f"*/{assignment}") if p.is_dir())
    students = list(students)

    if sandbox:
        # made now so that it is hidden from the first submission on (nbgrader would create it only when grading)
        autograded = course_config(root).CourseDirectory.get("autograded_directory", "autograded")
        (root / autograded).mkdir(exist_ok=True)
    hidden = private_paths(root) if sandbox else []  # once per class, not once per submission

    def one(student: str) -> SubmissionResult:
        result = autograde_one(root, assignment, student, notebooks, cell_timeout=cell_timeout,
                               submission_timeout=submission_timeout, sandbox=sandbox, hidden=hidden)
        if progress:
            progress(result)
        return result

    if workers <= 1:
        results = [one(s) for s in students]
    else:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(one, students))
    for r in results:
        r.sandboxed = bool(sandbox)
    record_results(root, results)
    return results


STATUS_FILE = "autograde_status.json"


def record_results(root: Path, results: list[SubmissionResult]) -> None:
    """Keep the last autograde outcome of each (lesson, student), failures with their reasons (atomic write)."""
    import json
    import time

    path = Path(root) / STATUS_FILE
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    for r in results:
        data.setdefault(r.assignment, {})[r.student] = {
            "status": r.status, "reason": r.reason, "auto_score": r.auto_score, "auto_max": r.auto_max,
            "needs_manual": r.needs_manual, "sandboxed": r.sandboxed,
            "time": time.strftime("%Y-%m-%d %H:%M:%S %Z")}
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def read_status(root: Path) -> dict:
    import json

    path = Path(root) / STATUS_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _check(proc: subprocess.CompletedProcess, what: str) -> str:
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-6:])
        raise GradingError(f"{what} failed:\n{tail}")
    return proc.stdout + proc.stderr


def release(root: Path, assignment: str) -> str:
    """Regenerate the student version and put it in nbgrader's exchange for students to fetch."""
    generate(root, assignment)
    return _check(run_nbgrader(root, "release_assignment", assignment, "--force"), f"release_assignment {assignment}")


def collect(root: Path, assignment: str, *extra: str) -> str:
    """Copy the newest submission of each student from the exchange into submitted/."""
    return _check(run_nbgrader(root, "collect", assignment, "--update", *extra), f"collect {assignment}")


def feedback(root: Path, assignment: str, *, release_to_students: bool = False) -> str:
    """Feedback HTML for every graded submission (hidden tests removed, charts inline); optionally released."""
    out = _check(run_nbgrader(root, "generate_feedback", assignment, "--force"), f"generate_feedback {assignment}")
    if release_to_students:
        out += _check(run_nbgrader(root, "release_feedback", assignment), f"release_feedback {assignment}")
    return out
