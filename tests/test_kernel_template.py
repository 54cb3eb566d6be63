"""Kernels forked from an autograding worker's kernel template (course_utils/kernel_template.py), with real nbgrader
runs on lesson 00: each submission gets a fresh process that has seen no other submission (state one student's code
leaves in the kernel's modules, environment or files is not there for the next one), the sandbox still applies, and
the scores are those of kernels started as new processes.

The grading sandbox's attacks (tests/test_isolation.py) run on forked kernels too: that suite grades through
`course autograde`, which forks kernels by default, and checks that it did.
"""
from __future__ import annotations

import shutil

import nbformat
import pytest

from course_utils import kernel_template, sandbox
from course_utils.grading import autograde, read_status
from helpers import FULL, LESSON, answered, course_with_release, solution_answer, submit

pytestmark = [pytest.mark.slow, pytest.mark.skipif(
    bool(kernel_template.usable() or sandbox.missing()),
    reason=f"kernels are not forked here: {kernel_template.usable() or sandbox.missing()}")]

# appended to a correct Q1 answer: it leaves state behind in every place a forked kernel could share with the next
LEAVES_STATE = '''
import builtins, os, sys, pandas, course_utils
pandas.COURSE_LEFT_BEHIND = "by a"
course_utils.COURSE_LEFT_BEHIND = "by a"
builtins.COURSE_LEFT_BEHIND = "by a"
os.environ["COURSE_LEFT_BEHIND"] = "by a"
open("/tmp/course-left-behind", "w").write("by a")
'''
# appended to a correct Q1 answer: what it finds of the state above, and what process it is
LOOKS_FOR_STATE = '''
import builtins, os, sys, numpy, pandas, course_utils
print("MODULE:", getattr(pandas, "COURSE_LEFT_BEHIND", None), getattr(course_utils, "COURSE_LEFT_BEHIND", None))
print("BUILTIN:", getattr(builtins, "COURSE_LEFT_BEHIND", None))
print("ENV:", os.environ.get("COURSE_LEFT_BEHIND"))
print("FILE:", os.path.exists("/tmp/course-left-behind"))
'''
# appended to every submission's Q1 answer: who it runs as and what it can see
REPORTS = '''
import os, sys, numpy
print("UID:", os.getuid())
print("PRELOADED:", "scipy.stats" in sys.modules)
print("RANDOM:", numpy.random.randint(0, 2**31))
print("PROCESSES:", sorted(int(p) for p in os.listdir("/proc") if p.isdigit()))
print("CMDLINES:", [open(f"/proc/{p}/cmdline").read() for p in os.listdir("/proc") if p.isdigit()])
print("TEMPLATE-ENV:", os.environ.get("COURSE_KERNEL_TEMPLATE"), "template.sock" in open("/proc/self/environ").read())
print("OWN-PROC:", os.stat("/proc/self/fd").st_uid == os.getuid())
'''


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course, release, solution = course_with_release(tmp_path_factory.mktemp("template"), LESSON)
    q1 = solution_answer(solution, "q1_answer")
    submit(course, "a_leaves_state", answered(release, solution, override={"q1": q1 + LEAVES_STATE + REPORTS}))
    submit(course, "b_looks_for_state", answered(release, solution,
                                                 override={"q1": q1 + LOOKS_FOR_STATE + REPORTS}))
    submit(course, "c_wrong_q2_q3", answered(release, solution, wrong={"q2", "q3"}))
    submit(course, "d_blank", release)
    plain = course.parent / "plain"
    shutil.copytree(course, plain)
    # one worker: every submission's kernel is forked from the same template, one after the other
    forked = {r.student: r for r in autograde(course, LESSON, workers=1)}
    new_processes = {r.student: r for r in autograde(plain, LESSON, workers=1, fork_kernels=False)}
    return course, forked, new_processes


def printed(course, student) -> dict[str, str]:
    nb = nbformat.read(course / "autograded" / student / LESSON / f"{LESSON}.ipynb", as_version=4)
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    return dict(line.split(": ", 1) for line in text.splitlines() if ": " in line and line.split(":")[0].isupper())


def test_every_kernel_was_forked_from_the_template(graded):
    course, forked, new_processes = graded
    assert all(r.forked for r in forked.values()), forked
    assert not any(r.forked for r in new_processes.values())
    assert all(v["forked"] for v in read_status(course)[LESSON].values())
    for student in ("a_leaves_state", "b_looks_for_state"):
        assert printed(course, student)["PRELOADED"] == "True"  # lesson 00 never imports scipy: the template did


def test_state_left_by_one_submission_is_not_seen_by_the_next(graded):
    course, forked, _ = graded
    seen = printed(course, "b_looks_for_state")
    assert seen["MODULE"] == "None None" and seen["BUILTIN"] == "None", seen
    assert seen["ENV"] == "None" and seen["FILE"] == "False", seen
    assert (forked["a_leaves_state"].auto_score, forked["b_looks_for_state"].auto_score) == (FULL, FULL)


def test_each_forked_kernel_is_a_process_of_its_own(graded):
    course = graded[0]
    a, b = printed(course, "a_leaves_state"), printed(course, "b_looks_for_state")
    assert a["UID"] != b["UID"] and "0" not in (a["UID"], b["UID"])  # a user id per submission, never root
    assert a["RANDOM"] != b["RANDOM"]  # numpy's random state is not the template's, shared by every fork


def test_the_sandbox_applies_to_a_forked_kernel(graded):
    course = graded[0]
    for student in ("a_leaves_state", "b_looks_for_state"):
        seen = printed(course, student)
        # its own PID namespace: no worker, no template, no other kernel in sight
        assert "autograde_worker" not in seen["CMDLINES"] and "template.sock" not in seen["CMDLINES"], seen
        assert seen["PROCESSES"].startswith("[1"), seen
        assert seen["TEMPLATE-ENV"] == "None False"  # the kernel's clean environment
        assert seen["OWN-PROC"] == "True"  # as after an exec: its /proc/self is its own
        assert not (course / "autograded" / student / LESSON / "course-left-behind").exists()


def test_scores_equal_those_of_kernels_started_as_new_processes(graded):
    _, forked, new_processes = graded
    assert set(forked) == set(new_processes)
    for student, r in forked.items():
        plain = new_processes[student]
        assert (r.status, r.auto_score, r.cells) == (plain.status, plain.auto_score, plain.cells), student
    assert forked["c_wrong_q2_q3"].auto_score == FULL - 4 and forked["d_blank"].auto_score == 0.0
