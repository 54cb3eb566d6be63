"""The instructor workflow on top of nbgrader: generate the release, autograde a class, read the gradebook.

One configuration path: every setting (folder names, the gradebook URL, ``Execute.timeout``, the late policy) is
read from the course's ``nbgrader_config.py`` (and the Jupyter config folders, as nbgrader does) into nbgrader's own
``CourseDirectory``; the ``course`` command's flags override it. The non-grading steps (generate, release, collect,
feedback) call ``NbGraderAPI`` in this process with that configuration, so nothing depends on the working folder.

Autograding runs in long-lived worker processes (course_utils/autograde_worker.py), each importing nbgrader once
and grading a queue of submissions with nbgrader's ``Autograde``. Each kernel is launched through the grading
sandbox kernelspec (course_utils/sandbox.py) on an IPC socket folder of its own, forked from the worker's kernel
template where it can (course_utils/kernel_template.py: the lessons' libraries imported once per worker, a fresh
process per submission); a watchdog here enforces a
wall-clock limit per submission by killing the worker's process tree and starting a new worker, so the rest of
the class is graded. Results come back as JSON, not from logs. Everything temporary lives in one run folder that
is removed at the end, also on failure and Ctrl-C.
"""
from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .course_root import CONFIG_FILE, nearest_course_root
from .processes import kill_tree, stop_child

DEFAULT_EXCHANGE = "/usr/local/share/nbgrader/exchange"  # nbgrader 0.9's default Exchange.root
STARTUP_TIMEOUT = 300  # seconds a worker may take to import nbgrader and say it is ready
RUN_PREFIX = "course-autograde-"  # the run folder of one `course autograde` (sockets, kernelspec, TMPDIR)


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
    flags: list[str] = field(default_factory=list)  # for the instructor, e.g. a deleted test cell was restored
    seconds: float | None = None  # time nbgrader spent on it inside its worker
    phases: dict[str, float] = field(default_factory=dict)  # of those seconds: kernel_start, cells, kernel_stop...
    forked: bool = False  # its kernel was forked from the worker's kernel template (course_utils/kernel_template.py)

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "SubmissionResult":
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


def find_course_root(start: str | os.PathLike | None = None) -> Path:
    """The nearest folder at or above ``start`` (default: the current one) holding nbgrader_config.py."""
    root = nearest_course_root(start)
    if root is not None:
        return root
    here = Path(start or Path.cwd()).resolve()
    raise GradingError(f"no {CONFIG_FILE} found in {here} or any folder above it: run this inside the course "
                       "repository (or a course directory made from it).")


# ---------------------------------------------------------------------------------------------- configuration

def course_config(root: Path):
    """The configuration nbgrader would use in ``root``: nbgrader_config.py from the Jupyter config folders
    (lowest priority first, e.g. a JupyterHub's global exchange settings), then the course's own file."""
    root = Path(root).resolve()
    if not (root / CONFIG_FILE).is_file():
        raise GradingError(f"no {CONFIG_FILE} in {root}")
    config = merged_config(root)
    # the course is where we are told it is, whatever a user-wide config says (set for Formgrader on a hub)
    config.CourseDirectory.root = str(root)
    return config


def merged_config(course_root: Path | None, config_dirs: list[str] | None = None):
    """nbgrader's configuration as nbgrader itself merges it: the Jupyter config folders (``config_dirs``, default
    jupyter_config_path(); system first, the user's ``~/.jupyter`` last), then the course folder's own file."""
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    merged = Config()
    root = Path(course_root).resolve() if course_root is not None else None
    folders = [f for f in reversed(config_dirs if config_dirs is not None else jupyter_config_path())
               if root is None or Path(f).resolve() != root]
    for folder in folders + ([str(root)] if root is not None else []):
        if (Path(folder) / CONFIG_FILE).is_file():
            merged.merge(PyFileConfigLoader(CONFIG_FILE, path=folder).load_config())
    return merged


def course_directory(root: Path):
    """nbgrader's ``CourseDirectory`` of the course at ``root``: folder names, ``db_url``, course id."""
    from nbgrader.coursedir import CourseDirectory

    return CourseDirectory(config=course_config(root))


def folder(root: Path, trait: str) -> Path:
    """A course folder by its nbgrader name, e.g. ``folder(root, "submitted_directory")``."""
    return Path(root) / getattr(course_directory(root), trait)


def gradebook_url(root: Path) -> str:
    """The gradebook's SQLAlchemy URL (``CourseDirectory.db_url``; SQLite in the course folder by default)."""
    return course_directory(root).db_url


def gradebook_file(url: str) -> Path | None:
    """The file of a SQLite gradebook URL, or None for a database server."""
    if url.startswith("sqlite:///"):
        return Path(url[len("sqlite:///"):])
    return None


def course_cell_timeout(root: Path) -> int:
    """Seconds a cell may run while autograding: the course's ``c.Execute.timeout``, else nbgrader's default."""
    return cell_timeout_of(course_config(root))


def tool_env() -> dict[str, str]:
    """The environment for nbgrader: this Python's scripts folder first on PATH (nbgrader runs `alembic`
    to create a new gradebook, and a virtual environment that was not activated has it only there)."""
    env = dict(os.environ)
    bindir = str(Path(sys.executable).parent)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    return env


def run_nbgrader(root: Path, *args: str, timeout: float | None = None,
                 env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run ``nbgrader ARGS`` as a process from the course root (for steps the API does not cover)."""
    cmd = [sys.executable, "-m", "nbgrader", *args, f"--CourseDirectory.root={root}"]
    proc = subprocess.Popen(cmd, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL, env=env or tool_env())
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_tree(proc.pid)
        proc.communicate()
        raise
    return subprocess.CompletedProcess(cmd, proc.returncode, out, err)


# ------------------------------------------------------------------------------ non-grading steps, in process

def nbgrader_api(root: Path):
    """nbgrader's own API for the course at ``root``, configured from its nbgrader_config.py."""
    from nbgrader.apps import NbGraderAPI

    import logging

    os.environ["PATH"] = tool_env()["PATH"]  # nbgrader runs `alembic` when it creates a gradebook
    coursedir = course_directory(root)
    # the API lists the exchange when it starts and logs CRITICAL when there is none (grading needs none)
    logging.disable(logging.CRITICAL)
    try:
        return NbGraderAPI(coursedir=coursedir, config=coursedir.config, exchange=_exchange_factory()(
            config=coursedir.config))
    finally:
        logging.disable(logging.NOTSET)


def _exchange_factory():
    """nbgrader's exchange, except that NbGraderAPI's listing at start-up is skipped: the course's steps never use
    it, and on a JupyterHub it asks the hub who the user is (JUPYTERHUB_USER), which a grader's shell need not
    have. Release, collect and feedback use the exchange (and the hub's authenticator) as nbgrader does."""
    from nbgrader.exchange import ExchangeError, ExchangeFactory

    class _NoStartupListing:
        def __init__(self, *args, **kwargs):
            self.root = ""

        def start(self):
            raise ExchangeError("not listed")

    class CourseExchangeFactory(ExchangeFactory):
        def List(self, *args, **kwargs):  # noqa: N802 - nbgrader's name
            return _NoStartupListing()

    return CourseExchangeFactory


def _api_call(root: Path, what: str, method: str, *args, **kwargs) -> str:
    api = nbgrader_api(root)
    outcome = getattr(api, method)(*args, **kwargs)
    if not outcome.get("success"):
        log = "\n".join(((outcome.get("log") or "") + (outcome.get("error") or "")).strip().splitlines()[-8:])
        raise GradingError(f"{what} failed:\n{log}")
    return outcome.get("log") or ""


def generate(root: Path, assignment: str) -> None:
    """``nbgrader generate_assignment ASSIGNMENT --force``: solutions/ -> lessons/ and the gradebook."""
    _api_call(root, f"generate_assignment {assignment}", "generate_assignment", assignment, force=True)


def release(root: Path, assignment: str) -> str:
    """Regenerate the student version and put it in nbgrader's exchange for students to fetch."""
    generate(root, assignment)
    # NbGraderAPI.release_assignment has no --force: a re-release replaces the previous one, as the CLI's does
    from nbgrader.exchange import ExchangeFactory
    from nbgrader.utils import capture_log, temp_attrs

    api = nbgrader_api(root)
    with temp_attrs(api.coursedir, assignment_id=assignment):
        app = ExchangeFactory(parent=api).ReleaseAssignment(coursedir=api.coursedir,
                                                            authenticator=api.authenticator, parent=api)
        app.force = True
        outcome = capture_log(app)
    if not outcome["success"]:
        raise GradingError(f"release_assignment {assignment} failed:\n{outcome.get('log', '')[-2000:]}")
    return outcome.get("log") or ""


def collect(root: Path, assignment: str, *, check_owner: bool = True) -> str:
    """Copy the newest submission of each student from the exchange into submitted/."""
    if not check_owner:
        from nbgrader.exchange import ExchangeFactory
        from nbgrader.utils import capture_log, temp_attrs

        api = nbgrader_api(root)
        with temp_attrs(api.coursedir, assignment_id=assignment):
            app = ExchangeFactory(parent=api).Collect(coursedir=api.coursedir, authenticator=api.authenticator,
                                                      parent=api)
            app.update = True
            app.check_owner = False
            outcome = capture_log(app)
        if not outcome["success"]:
            raise GradingError(f"collect {assignment} failed:\n{outcome.get('log', '')[-2000:]}")
        return outcome.get("log") or ""
    return _api_call(root, f"collect {assignment}", "collect", assignment, update=True)


def feedback(root: Path, assignment: str, *, release_to_students: bool = False) -> str:
    """Feedback HTML for every graded submission (hidden tests removed, charts inline); optionally released."""
    out = _api_call(root, f"generate_feedback {assignment}", "generate_feedback", assignment, force=True)
    if release_to_students:
        out += _api_call(root, f"release_feedback {assignment}", "release_feedback", assignment)
    return out


# -------------------------------------------------------------------------------------------------- results

def submission_problem(root: Path, assignment: str, student: str, notebooks: Iterable[str],
                       submitted: str = "submitted") -> str:
    """Why a submission can't be graded (file named), or "" if its notebooks exist and are valid notebooks."""
    import nbformat

    where = root / submitted / student / assignment
    if not where.is_dir():
        return f"no submission folder {where.relative_to(root)}"
    for name in notebooks:
        path = where / f"{name}.ipynb"
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


def source_notebooks(root: Path, assignment: str, source_dir: str | None = None) -> list[str]:
    where = Path(root) / (source_dir or course_directory(root).source_directory) / assignment
    names = sorted(p.stem for p in where.glob("*.ipynb"))
    if not names:
        raise GradingError(f"no notebooks in {where}")
    return names


def submitted_students(root: Path, assignment: str) -> list[str]:
    submitted = folder(root, "submitted_directory")
    return sorted(p.parent.name for p in submitted.glob(f"*/{assignment}") if p.is_dir())


def read_result(root: Path, assignment: str, student: str, *, coursedir=None) -> SubmissionResult:
    """Autograded points of one graded submission, read from the gradebook."""
    from nbgrader.api import Gradebook, MissingEntry

    url = (coursedir or course_directory(root)).db_url
    with Gradebook(url) as gb:
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


def private_paths(root: Path) -> list[Path]:
    """What a student's code must never read while it is graded: answers, hidden tests, other students' work."""
    config = course_config(root)
    cd = course_directory(root)
    names = [cd.source_directory, cd.submitted_directory, cd.autograded_directory, cd.feedback_directory,
             ".git", "exchange"]
    paths = [root / name for name in names if (root / name).exists()]
    db = gradebook_file(cd.db_url)
    if db is not None and db.exists():
        paths.append(db)
    # the exchange holds every student's submissions: the course's setting, or nbgrader's default location
    for exchange in (config.get("Exchange", {}).get("root"), DEFAULT_EXCHANGE):
        if exchange and Path(exchange).exists() and Path(exchange) not in paths:
            paths.append(Path(exchange))
    return paths


# --------------------------------------------------------------------------------------------- autograding

class _Worker:
    """One long-lived autograding process (course_utils/autograde_worker.py) and the pipe to it."""

    def __init__(self, run: Path, number: int, root: Path, settings: dict, env: dict[str, str]):
        self.log_path = run / f"worker-{number}.log"
        self.log = self.log_path.open("w", encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "course_utils.autograde_worker", json.dumps(settings)], cwd=root, env=env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.log, text=True,
            start_new_session=True)  # Ctrl-C reaches only the parent, which then stops every worker
        self.lines: queue.Queue = queue.Queue()
        self.ready = False
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line)
        self.lines.put(None)

    def grade(self, job: dict, timeout: float) -> dict | str:
        """The worker's result for ``job``, or "timeout" / "died"."""
        if not self.ready:  # its start-up (imports) does not count against the first submission's limit
            try:
                line = self.lines.get(timeout=STARTUP_TIMEOUT)
            except queue.Empty:
                return "died"
            if line is None:
                return "died"
            self.ready = True
        try:
            self.proc.stdin.write(json.dumps(job) + "\n")
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            return "died"
        try:
            line = self.lines.get(timeout=timeout)
        except queue.Empty:
            return "timeout"
        return "died" if line is None else json.loads(line)

    def log_tail(self) -> str:
        self.log.flush()
        lines = [x for x in self.log_path.read_text(encoding="utf-8", errors="replace").splitlines() if x.strip()]
        return lines[-1][:300] if lines else "no output"

    def stop(self, kill: bool = False) -> None:
        stop_child(self.proc, 30, kill=kill)
        self.log.close()


def autograde(root: Path, assignment: str | list[str], students: Iterable[str] | None = None, *, workers: int = 1,
              cell_timeout: int | None = None, submission_timeout: float = 600, sandbox: bool | None = None,
              progress: Callable[[SubmissionResult], None] | None = None,
              fork_kernels: bool = True) -> list[SubmissionResult]:
    """Autograde every submission of ``assignment`` (or the given students); never stops on a bad one.

    ``assignment`` may be a list of lessons: their submissions then share one queue and one set of workers.

    ``cell_timeout=None`` takes the course's ``c.Execute.timeout``. ``sandbox=None`` uses the grading sandbox
    where this machine can make one (course_utils/sandbox.py) and otherwise grades without it (``sandboxed`` on
    the results says which). With the sandbox, each worker forks its kernels from a template that has imported
    the lessons' libraries once (course_utils/kernel_template.py; ``fork_kernels=False`` starts each kernel as a
    new process; ``forked`` on the results says which). Results are recorded in ``autograde_status.json`` for ``course status``, also when
    the run is interrupted.
    """
    root = Path(root).resolve()
    if sandbox is None:
        from . import sandbox as sb

        sandbox = sb.available()
    cd = course_directory(root)
    lessons = [assignment] if isinstance(assignment, str) else list(assignment)
    fixed = None if students is None else list(students)
    pairs = [(lesson, s) for lesson in lessons
             for s in (submitted_students(root, lesson) if fixed is None else fixed)]
    if cell_timeout is None:
        cell_timeout = cell_timeout_of(cd.config)

    results: dict[tuple[str, str], SubmissionResult] = {}
    jobs: queue.Queue = queue.Queue()
    notebooks = {lesson: source_notebooks(root, lesson, cd.source_directory) for lesson in lessons}
    for lesson, student in pairs:
        problem = submission_problem(root, lesson, student, notebooks[lesson], cd.submitted_directory)
        if problem:
            results[lesson, student] = SubmissionResult(student, lesson, "failed", reason=problem)
            if progress:
                progress(results[lesson, student])
        else:
            jobs.put((lesson, student))
    if jobs.empty():
        _finish(root, pairs, results, sandbox)
        return [results[p] for p in pairs]

    run = Path(tempfile.mkdtemp(prefix=RUN_PREFIX))
    env = tool_env()
    (run / "tmp").mkdir()
    (run / "runtime").mkdir()
    env["TMPDIR"] = str(run / "tmp")  # the worker's, the kernel's and the sandbox launcher's temp files
    env["JUPYTER_RUNTIME_DIR"] = str(run / "runtime")  # kernel connection files
    settings = {"root": str(root), "cell_timeout": cell_timeout}
    if sandbox:
        from . import sandbox as sb

        # made now so that it is hidden from the first submission on (nbgrader would create it when grading)
        (root / cd.autograded_directory).mkdir(exist_ok=True)
        sb.write_kernelspec(run / "jupyter", private_paths(root))
        env["JUPYTER_PATH"] = os.pathsep.join([str(run / "jupyter"), env.get("JUPYTER_PATH", "")])
        settings["kernel_name"] = sb.KERNEL_NAME
        settings["kernel_template"] = fork_kernels

    lock = threading.Lock()
    stopping = threading.Event()
    live: list[_Worker] = []
    counter = iter(range(1, 1_000_000))

    def start_worker() -> _Worker:
        with lock:
            w = _Worker(run, next(counter), root, settings, env)
            live.append(w)
        return w

    def retire(w: _Worker, kill: bool) -> None:
        with lock:
            if w in live:
                live.remove(w)
        w.stop(kill=kill)

    def dispatch() -> None:
        worker = None
        try:
            while not stopping.is_set():
                try:
                    lesson, student = jobs.get_nowait()
                except queue.Empty:
                    return
                worker = worker or start_worker()
                with lock:
                    sockets = run / f"k{next(counter)}"  # short: a socket path has at most 107 bytes
                sockets.mkdir()
                answer = worker.grade({"assignment": lesson, "student": student, "sockets": str(sockets)},
                                      submission_timeout)
                if isinstance(answer, dict):
                    result = SubmissionResult.from_dict(answer)
                else:
                    if stopping.is_set():
                        return
                    tail = worker.log_tail() if answer == "died" else ""
                    retire(worker, kill=True)  # the worker and its kernel: a stuck kernel must not live on
                    worker = None
                    shutil.rmtree(root / cd.autograded_directory / student / lesson, ignore_errors=True)
                    reason = (f"grading took longer than {submission_timeout:g} s and was stopped (a loop that "
                              "never ends and ignores interrupts?)" if answer == "timeout"
                              else f"the grading process stopped unexpectedly ({tail})")
                    result = SubmissionResult(student, lesson, "failed", reason=reason)
                shutil.rmtree(sockets, ignore_errors=True)
                result.sandboxed = bool(sandbox)
                with lock:
                    results[lesson, student] = result
                    # each submission's outcome is on record as soon as it is known: `course status` shows a long
                    # run's progress, and a second grader sees which submissions are done being autograded
                    record_results(root, [result])
                if progress:
                    progress(result)
        finally:
            if worker is not None:
                retire(worker, kill=stopping.is_set())

    threads = [threading.Thread(target=dispatch, daemon=True) for _ in range(max(1, min(workers, jobs.qsize())))]
    try:
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            for t in threads:
                t.join(0.2)
    except BaseException:
        stopping.set()
        with lock:
            doomed = list(live)
        for w in doomed:
            kill_tree(w.proc.pid)
        for t in threads:
            t.join(30)
        raise
    finally:
        _finish(root, pairs, results, sandbox)
        shutil.rmtree(run, ignore_errors=True)
    return [results[p] for p in pairs]


def cell_timeout_of(config) -> int:
    from nbgrader.preprocessors import Execute

    value = config.Execute.get("timeout")
    return int(value) if value is not None else int(Execute.timeout.default_value)


def _finish(root: Path, pairs: list[tuple[str, str]], results: dict[tuple[str, str], SubmissionResult],
            sandbox: bool) -> None:
    for r in results.values():
        r.sandboxed = bool(sandbox)
    record_results(root, [results[p] for p in pairs if p in results])


STATUS_FILE = "autograde_status.json"


def record_results(root: Path, results: list[SubmissionResult]) -> None:
    """Keep the last autograde outcome of each (lesson, student), failures with their reasons (atomic write)."""
    import json

    path = Path(root) / STATUS_FILE
    data = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    for r in results:
        data.setdefault(r.assignment, {})[r.student] = {
            "status": r.status, "reason": r.reason, "auto_score": r.auto_score, "auto_max": r.auto_max,
            "needs_manual": r.needs_manual, "sandboxed": r.sandboxed, "forked": r.forked, "flags": r.flags,
            "time": time.strftime("%Y-%m-%d %H:%M:%S %Z")}
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def read_status(root: Path) -> dict:
    import json

    path = Path(root) / STATUS_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
