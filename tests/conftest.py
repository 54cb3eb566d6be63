"""Shared fixtures; the helpers they use live in tests/helpers.py (import them from there, not from here).

At the end of the session, a check fails the run if a temporary folder or a process of ours outlived it
(``course-sandbox-*`` / ``course-autograde-*`` folders, kernels, grading workers).
"""
from __future__ import annotations

import os
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

OUR_TEMP_PREFIXES = ("course-sandbox-", "course-autograde-")


def _our_temp_folders() -> set[str]:
    tmp = Path(tempfile.gettempdir())
    return {str(p) for p in tmp.iterdir() if p.name.startswith(OUR_TEMP_PREFIXES)} if tmp.is_dir() else set()


def _our_processes() -> set[int]:
    import psutil

    return {p.pid for p in psutil.Process().children(recursive=True)}


@pytest.fixture(scope="session", autouse=True)
def nothing_of_ours_left_behind():
    """Fails the session if it leaves a temp folder of ours or a child process (kernel, worker) behind.

    Folders that existed before the session (another run on a shared machine) are not counted."""
    import psutil

    folders_before = _our_temp_folders()
    yield
    deadline = 10.0  # a kernel that was just told to shut down may take a moment
    import time

    while True:
        left = sorted(_our_temp_folders() - folders_before)
        procs = []
        for pid in _our_processes():
            try:
                p = psutil.Process(pid)
                if p.status() != psutil.STATUS_ZOMBIE:
                    procs.append(f"{pid} {' '.join(p.cmdline())[:120]}")
            except psutil.NoSuchProcess:
                pass
        if not (left or procs) or deadline <= 0:
            break
        time.sleep(0.5)
        deadline -= 0.5
    assert not left, f"temporary folders of ours left after the tests: {left[:5]} ({len(left)} in all)"
    assert not procs, f"processes of ours still running after the tests: {procs[:5]}"


@pytest.fixture(scope="session")
def generated_course(tmp_path_factory) -> Path:
    """All lessons generated once, in a temporary course directory, from the solutions as they are now."""
    course = make_course(tmp_path_factory.mktemp("course"), LESSON_IDS)
    generate(course, LESSON_IDS)
    return course
