"""A long-lived autograding worker: imports nbgrader once, then grades one submission after another in process.

``course autograde`` (course_utils/grading.py) starts one of these per ``--workers`` with the course root as
working directory and talks to it in JSON lines:

    worker -> parent (stdout):  {"ready": true}       (once, when nbgrader is imported)
    parent -> worker (stdin):   {"assignment": "00-orientation", "student": "s01", "sockets": "/tmp/.../k3"}
    worker -> parent (stdout):  {"student": "s01", "status": "graded", "auto_score": 8.0, ..., "flags": [...]}

Each submission is graded by nbgrader's own ``Autograde`` app with the course's configuration (the same
preprocessors, late policy and gradebook as ``nbgrader autograde``); its kernel is launched through the grading
sandbox kernelspec when the parent asks for it, on an IPC socket in a folder of its own. The parent enforces the
wall-clock limit per submission: when a submission takes too long it kills this worker's whole process tree and
starts another one.

    python -m course_utils.autograde_worker SETTINGS_JSON
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def _setup_protocol():
    """Keep a private handle on the real stdout for results; anything else printed goes to stderr."""
    out = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8", buffering=1)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    return out


def _restored_cells(path: Path) -> list[str]:
    """Grade ids of the cells the autograder put back because the student had deleted them."""
    from . import notebook_model

    return notebook_model.restored_cells(notebook_model.read(path)) if path.is_file() else []


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    settings = json.loads(argv[0])
    out = _setup_protocol()
    template = _start_template() if settings.get("kernel_template") else None  # imports alongside ours

    import copy
    import logging

    from nbgrader.apps.autogradeapp import AutogradeApp  # noqa: F401 - registers the app's aliases and flags
    from nbgrader.converters import Autograde

    from .grading import course_directory

    root = Path(settings["root"])
    coursedir = course_directory(root)
    base = copy.deepcopy(coursedir.config)
    base.Execute.timeout = settings["cell_timeout"]
    if settings.get("kernel_name"):
        base.Execute.kernel_name = settings["kernel_name"]
    base.Application.log_level = logging.INFO

    class _Autograde(Autograde):
        """nbgrader's Autograde, remembering the first exception (nbgrader itself only logs it)."""

        first_error: tuple[str, BaseException] | None = None

        def convert_single_notebook(self, notebook_filename):
            try:
                super().convert_single_notebook(notebook_filename)
            except Exception as exc:
                if self.first_error is None:
                    self.first_error = (notebook_filename, exc)
                raise

    forked = False
    if template is not None:
        why = template.wait_ready()
        if why:
            print(f"autograde worker: {why}; each kernel is started as a new process", file=sys.stderr)
        else:
            os.environ.update(template.env)  # nbgrader's kernel launcher (the sandbox) asks the template
            forked = True
            print(f"autograde worker: kernel template ready in {template.ready['seconds']} s", file=sys.stderr)
    phases = _time_phases()

    out.write(json.dumps({"ready": True, "forked": forked}) + "\n")  # the parent's clock per submission starts
    out.flush()
    try:
        _serve(out, root, coursedir, base, _Autograde, phases, forked)
    finally:
        if template is not None:
            template.stop()


def _start_template():
    """The kernel template (course_utils/kernel_template.py) of this worker, or None (said why on stderr)."""
    import tempfile

    from . import kernel_template

    why = kernel_template.usable()
    if why:
        print(f"autograde worker: kernels are not forked from a template: {why}", file=sys.stderr)
        return None
    folder = Path(tempfile.mkdtemp(prefix="t"))  # below the run folder (TMPDIR): removed with it
    return kernel_template.Template(folder, dict(os.environ))


def _time_phases() -> dict[str, float]:
    """Seconds spent per phase of the current submission: starting its kernel, running its cells, stopping the
    kernel (nbclient's own steps, timed in place); the rest of nbgrader's time is reading, checking, the gradebook."""
    from nbclient import NotebookClient

    phases = {"kernel_start": 0.0, "cells": 0.0, "kernel_stop": 0.0}

    def timed(name, method):
        def wrapper(*args, **kwargs):
            start = time.monotonic()
            try:
                return method(*args, **kwargs)
            finally:
                phases[name] += time.monotonic() - start
        return wrapper

    # the synchronous methods nbconvert's ExecutePreprocessor (nbgrader's Execute) calls
    for name, attr in (("kernel_start", "start_new_kernel"), ("kernel_start", "start_new_kernel_client"),
                       ("cells", "execute_cell"), ("kernel_stop", "_cleanup_kernel")):
        setattr(NotebookClient, attr, timed(name, getattr(NotebookClient, attr)))
    return phases


def _serve(out, root, coursedir, base, _Autograde, phases, forked) -> None:
    import copy

    from nbgrader.utils import capture_log, temp_attrs

    from .grading import read_result

    for line in sys.stdin:
        if not line.strip():
            continue
        job = json.loads(line)
        assignment, student = job["assignment"], job["student"]
        config = copy.deepcopy(base)
        # a socket folder of its own for each kernel: default TCP ports race between parallel kernels
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = str(Path(job["sockets"]) / "kernel")
        for name in phases:
            phases[name] = 0.0
        started = time.monotonic()
        with temp_attrs(coursedir, assignment_id=assignment, student_id=student):
            app = _Autograde(coursedir=coursedir, config=config)
            app.force = True
            app.create_student = True
            outcome = capture_log(app)
        seconds = round(time.monotonic() - started, 3)
        if outcome["success"]:
            result = read_result(root, assignment, student, coursedir=coursedir)
            folder = Path(coursedir.format_path(coursedir.autograded_directory, student, assignment))
            for nb_path in sorted(folder.glob("*.ipynb")):
                for grade_id in _restored_cells(nb_path):
                    result.flags.append(f"{nb_path.name}: test cell {grade_id} was deleted by the student and "
                                        "restored by the autograder")
            record = result.as_dict()
        else:
            if app.first_error:
                name, exc = app.first_error
                first = (str(exc).strip().splitlines() or [""])[0][:300]
                why = f"{Path(name).name}: {type(exc).__name__}" + (f": {first}" if first else "")
            else:
                lines = [x for x in (outcome.get("error") or "").strip().splitlines() if x.strip()]
                why = lines[-1][:300] if lines else "unknown error"
            record = {"student": student, "assignment": assignment, "status": "failed",
                      "reason": f"nbgrader autograde failed: {why}"}
        record["seconds"] = seconds
        record["phases"] = {name: round(value, 3) for name, value in phases.items()}
        record["phases"]["nbgrader"] = round(max(0.0, seconds - sum(phases.values())), 3)
        record["forked"] = forked
        out.write(json.dumps(record) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
