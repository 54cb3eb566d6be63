"""`course autograde --workers 2` gives exactly the scores of nbgrader's own serial autograde on the same class."""
from __future__ import annotations

import shutil
import subprocess
import sys

import nbformat
import pytest

from helpers import LESSON, SOLUTIONS, answered, generate, make_course
from course_utils import kernel_template, sandbox
from course_utils.grading import autograde, read_result, tool_env

pytestmark = pytest.mark.slow


def test_parallel_scores_equal_plain_serial_nbgrader(tmp_path):
    serial = make_course(tmp_path / "serial", [LESSON])
    generate(serial, [LESSON])
    release = nbformat.read(serial / "lessons" / LESSON / f"{LESSON}.ipynb", as_version=4)
    solution = nbformat.read(SOLUTIONS / LESSON / f"{LESSON}.ipynb", as_version=4)
    class_ = {"full": answered(release, solution), "blank": release,
              "wrong_q1": answered(release, solution, wrong={"q1"}),
              "wrong_q2_q4": answered(release, solution, wrong={"q2", "q4"}),
              "wrong_q3": answered(release, solution, wrong={"q3"})}
    for student, nb in class_.items():
        folder = serial / "submitted" / student / LESSON
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{LESSON}.ipynb")
    parallel = tmp_path / "parallel"
    shutil.copytree(serial, parallel)

    proc = subprocess.run([sys.executable, "-m", "nbgrader", "autograde", LESSON, "--force"], cwd=serial,
                          env=tool_env(), capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr[-2000:]
    ours = {r.student: r for r in autograde(parallel, LESSON, workers=2)}
    for student in class_:
        plain = read_result(serial, LESSON, student)
        assert ours[student].status == plain.status == "graded"
        assert (ours[student].auto_score, ours[student].cells) == (plain.auto_score, plain.cells), student
    assert sorted(r.auto_score for r in ours.values()) == [0.0, 4.0, 6.0, 6.0, 8.0]
    if sandbox.available() and not kernel_template.usable():  # the kernels were forked from a template
        assert all(r.forked for r in ours.values())
