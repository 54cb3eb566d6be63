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
TEMP_ROOT = tempfile.gettempdir()
# a pytest-xdist worker makes its folder beside its controller's (which names the place), not inside it
SESSION_TMP = Path(tempfile.mkdtemp(prefix="course-tests-", dir=os.environ.pop("COURSE_TESTS_TEMPROOT", None)))
# other users may pass through it (not list it): the hub test's Unix users and PostgreSQL work in folders inside
os.chmod(SESSION_TMP, 0o711)


def _stop_on_sigterm(signum, frame):
    """A run stopped with SIGTERM (a CI timeout, `kill`) tears down like Ctrl-C: fixtures stop their services and
    the session folder is removed, instead of being left in the temp directory. Under pytest-xdist the controller
    passes the signal on to its workers (which run the tests); a second SIGTERM does not cut a teardown short."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if _is_xdist_controller():
        import psutil

        for child in psutil.Process().children():
            try:
                child.send_signal(signal.SIGTERM)
            except psutil.Error:
                pass
    raise KeyboardInterrupt(f"stopped by signal {signum}")


def _is_xdist_controller() -> bool:
    """This process hands the tests to pytest-xdist workers and runs none itself."""
    return _CONFIG is not None and _CONFIG.getoption("dist", "no") != "no" and not hasattr(_CONFIG, "workerinput")


_CONFIG = None


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


# ----------------------------------------------------------------------------------------------- pytest-xdist
# `make test` runs the test files on two pytest-xdist workers (--dist loadfile: a file's tests, and so its module
# fixtures such as a graded class, stay in one worker). The files that take longest start first, so that the two
# workers end at about the same time; the rest keep their order.
LONGEST_FIRST = ["test_hub.py", "test_variants.py", "test_capstone_grading.py", "test_site.py",
                 "test_grading_roundtrip.py", "test_notebooks.py", "test_graded_facts.py", "test_kernel_template.py",
                 "test_lesson_tool.py", "test_hostile_submissions.py", "test_parallel_autograde.py",
                 "test_class_workflow.py", "test_isolation.py", "test_selfcheck.py", "test_selfcheck_leaks.py",
                 "test_ledger_coverage.py", "test_wheel.py", "test_autograde_workers.py", "test_doctor.py",
                 "test_argument_grading.py", "test_browser.py", "test_fact_ledger.py",
                 "test_add_table.py"]  # by the durations of a serial run (pytest --durations)


def pytest_configure(config):
    global _CONFIG
    _CONFIG = config
    if _is_xdist_controller():
        os.environ["COURSE_TESTS_TEMPROOT"] = TEMP_ROOT  # for the workers it is about to start


def pytest_collection_modifyitems(session, config, items):
    if not hasattr(config, "workerinput"):
        return  # a plain run keeps pytest's order
    rank = {name: i for i, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: a file's tests keep their order


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session, exitstatus):
    """An interrupted run under pytest-xdist (Ctrl-C, SIGTERM): the controller waits until every worker has torn
    down its fixtures (the hub, PostgreSQL, Unix users, temporary folders) before xdist stops the workers, which it
    would otherwise kill a few seconds later, in the middle of their teardown."""
    if exitstatus != pytest.ExitCode.INTERRUPTED or not _is_xdist_controller():
        return
    import queue
    import time

    dsession = session.config.pluginmanager.getplugin("dsession")
    waiting = set(getattr(dsession, "_active_nodes", ()))
    deadline = time.monotonic() + 600
    while waiting and time.monotonic() < deadline:
        try:
            name, kwargs = dsession.queue.get(timeout=1)
        except queue.Empty:
            continue
        if name in ("workerfinished", "errordown"):
            waiting.discard(kwargs.get("node"))
