"""Shared fixtures; the helpers they use live in tests/helpers.py (import them from there, not from here).

At the end of the session, a check fails the run if a temporary folder or a process of ours outlived it
(``course-sandbox-*`` / ``course-autograde-*`` folders, kernels, grading workers): the session's temporary files
all go into one folder of its own (TMPDIR), which must be empty at the end, apart from pytest's tmp_path folders.
"""
from __future__ import annotations

import atexit
import os
import shutil
import signal
import sys
import tempfile
from pathlib import Path

import pytest

# nbgrader runs `alembic` (a script of this environment) when it creates a gradebook: put it on PATH even
# when the virtual environment was not activated (`make test` runs .venv/bin/python directly).
os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")

# re-exported for test files written before tests/helpers.py existed
from helpers import (LESSON_IDS, LESSONS, ROOT, SOLUTIONS, course_with_release, execute_notebook,  # noqa: E402,F401
                     generate, grade_cells, make_course, nbgrader_api)

# Every temporary file of the session (ours, nbgrader's, the kernels', the sandbox launcher's) goes into one folder
# of its own, so that what a run leaves behind can be told apart from other runs on a shared machine.
# pytest's own tmp_path folders stay where they always are (kept for the last runs, for debugging).
os.environ.setdefault("PYTEST_DEBUG_TEMPROOT", tempfile.gettempdir())
SESSION_TMP = Path(tempfile.mkdtemp(prefix="course-tests-"))
# other users may pass through it (not list it): the hub test's Unix users and PostgreSQL work in folders inside
os.chmod(SESSION_TMP, 0o711)


def _stop_on_sigterm(signum, frame):
    """A run stopped with SIGTERM (a CI timeout, `kill`) tears down like Ctrl-C: fixtures stop their services and
    the session folder is removed, instead of being left in the temp directory."""
    raise KeyboardInterrupt(f"stopped by signal {signum}")


signal.signal(signal.SIGTERM, _stop_on_sigterm)
atexit.register(shutil.rmtree, SESSION_TMP, True)  # last resort, if the session's own check never ran
os.environ["TMPDIR"] = str(SESSION_TMP)
tempfile.tempdir = str(SESSION_TMP)
# not ours: Playwright's own profile/artifact folders (the whole folder is removed at the end anyway)
KEEP = ("pytest-of-", "playwright")


def _left_in_session_tmp() -> list[str]:
    return sorted(p.name for p in SESSION_TMP.iterdir() if not p.name.startswith(KEEP))


@pytest.fixture(scope="session", autouse=True)
def nothing_of_ours_left_behind():
    """Fails the session if it leaves a temporary folder or file (e.g. ``course-sandbox-*``, a grading run's
    ``course-autograde-*``) or a child process (kernel, grading worker) behind."""
    import time

    import psutil

    yield
    wait = 10.0  # a kernel that was just told to shut down may take a moment
    while True:
        left = _left_in_session_tmp()
        procs = []
        for p in psutil.Process().children(recursive=True):
            try:
                if p.status() != psutil.STATUS_ZOMBIE:
                    procs.append(f"{p.pid} {' '.join(p.cmdline())[:120]}")
            except psutil.NoSuchProcess:
                pass
        if not (left or procs) or wait <= 0:
            break
        time.sleep(0.5)
        wait -= 0.5

    shutil.rmtree(SESSION_TMP, ignore_errors=True)
    assert not left, f"temporary files of ours left after the tests: {left[:5]} ({len(left)} in all)"
    assert not procs, f"processes of ours still running after the tests: {procs[:5]}"


@pytest.fixture(scope="session")
def generated_course(tmp_path_factory) -> Path:
    """All lessons generated once, in a temporary course directory, from the solutions as they are now."""
    course = make_course(tmp_path_factory.mktemp("course"), LESSON_IDS)
    generate(course, LESSON_IDS)
    return course
