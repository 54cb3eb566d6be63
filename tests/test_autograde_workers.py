"""The autograding workers' guarantees, with real nbgrader runs: a submission that outlives its wall-clock limit is
stopped and its worker replaced while the rest of the class is graded, and an interrupted run (Ctrl-C) leaves no
process and no temporary folder behind."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
import pytest

from course_utils.grading import RUN_PREFIX, autograde, read_status, tool_env
from helpers import FULL, LESSON, answered, course_with_release, solution_answer, submit

pytestmark = pytest.mark.slow
SLEEPER = "import time\ntime.sleep(300)\n"


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    course, release, solution = course_with_release(tmp_path_factory.mktemp("workers"), LESSON)
    submit(course, "a_stuck", answered(release, solution, override={
        "q1": SLEEPER + solution_answer(solution, "q1_answer")}))
    submit(course, "b_ok", answered(release, solution))
    return course


def test_a_submission_past_its_wall_clock_limit_is_stopped_and_the_rest_is_graded(course):
    results = {r.student: r for r in autograde(course, LESSON, workers=1, cell_timeout=600, submission_timeout=40)}
    stuck, ok = results["a_stuck"], results["b_ok"]
    assert stuck.status == "failed" and "longer than 40 s" in stuck.reason
    assert (ok.status, ok.auto_score) == ("graded", FULL), ok.reason  # graded by the worker that replaced the killed one
    assert read_status(course)[LESSON]["a_stuck"]["status"] == "failed"
    assert not (course / "autograded" / "a_stuck" / LESSON).exists()  # no half-graded notebook for feedback
    assert not [p for p in psutil.Process().children(recursive=True) if p.status() != psutil.STATUS_ZOMBIE]


def test_ctrl_c_stops_every_worker_and_kernel_and_removes_the_run_folder(course):
    tmp_path = Path(tempfile.mkdtemp(prefix="c"))  # short: kernels' socket paths live below it
    env = tool_env()
    env["TMPDIR"] = str(tmp_path)  # where this run's folder is made, so that we can watch it
    proc = subprocess.Popen([sys.executable, "-m", "course_utils.cli", "autograde", LESSON, "--workers", "2",
                             "--timeout", "600"], cwd=course, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        kernels = []
        while time.monotonic() < deadline and not kernels:  # wait until a kernel is running the sleeping cell
            time.sleep(1)
            kernels = [p for p in psutil.Process(proc.pid).children(recursive=True)
                       if "ipykernel_launcher" in " ".join(p.cmdline())]
        assert kernels, "no kernel started"
        assert [p for p in tmp_path.iterdir() if p.name.startswith(RUN_PREFIX)]
        family = psutil.Process(proc.pid).children(recursive=True)
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode != 0
    gone, alive = psutil.wait_procs(family, timeout=15)
    assert alive == [], [" ".join(p.cmdline())[:100] for p in alive]
    assert [p.name for p in tmp_path.iterdir()] == []
    tmp_path.rmdir()
