"""Hostile and broken submissions, each graded by a real `nbgrader autograde` in one class.

In every case the rest of the class is graded, nothing under submitted/ changes, and a submission that cannot be
graded is reported as failed with its reason (never a silent 0). Graded code runs in the grading sandbox, where
it cannot read the solutions, the gradebook or other students' work.
"""
from __future__ import annotations

import copy
import re

import nbformat
import pytest

from course_utils import sandbox
from course_utils.grading import autograde, read_status
from helpers import FULL, LESSON, answered, cell_index, course_with_release, solution_answer, tree_digest

pytestmark = pytest.mark.slow

SNOOP = '''
import pathlib
_found = []
for _rel in ["../../../gradebook.db", "../../../solutions", "../../../submitted", "../../other_student",
             "../../../solutions/00-orientation/00-orientation.ipynb"]:
    _p = pathlib.Path(_rel)
    try:
        if _p.is_dir():
            _found.append(f"{_rel}: {sorted(x.name for x in _p.iterdir())}")
        else:
            _found.append(f"{_rel}: {_p.read_bytes()[:2000]!r}")
    except OSError as _exc:
        _found.append(f"{_rel}: blocked ({type(_exc).__name__})")
print("\\n".join(_found))
'''


@pytest.fixture(scope="module")
def hostile_class(tmp_path_factory):
    course, release, solution = course_with_release(tmp_path_factory.mktemp("hostile"), LESSON)
    good = answered(release, solution)

    subs = {}
    subs["ok_student"] = good
    nb = copy.deepcopy(good)
    nb.cells[cell_index(nb, "setup")].source = "def load(name):\n    raise SystemExit('nope')"
    subs["edited_setup_cell"] = nb
    nb = copy.deepcopy(good)
    del nb.cells[cell_index(nb, "q2_tests")]
    subs["deleted_test_cell"] = nb
    nb = answered(release, solution, wrong={"q2"})
    del nb.cells[cell_index(nb, "q2_tests")]
    subs["wrong_and_deleted"] = nb
    nb = copy.deepcopy(good)
    i = cell_index(nb, "q1_tests")
    nb.cells.insert(i + 1, copy.deepcopy(nb.cells[i]))
    subs["duplicated_test_cell"] = nb
    nb = copy.deepcopy(good)
    nb.cells[cell_index(nb, "q3_tests")].cell_type = "markdown"
    nb.cells[cell_index(nb, "q3_tests")].pop("outputs", None)
    nb.cells[cell_index(nb, "q3_tests")].pop("execution_count", None)
    subs["retyped_test_cell"] = nb
    subs["loop_in_function"] = answered(release, solution, override={
        "q1": "def count():\n    while True:\n        pass\nn_hosts = count()"})
    subs["swallows_interrupt"] = answered(release, solution, override={
        "q1": "import time\nwhile True:\n    try:\n        time.sleep(0.5)\n    except KeyboardInterrupt:\n        pass"})
    subs["huge_output"] = answered(release, solution, override={
        "q1": solution_answer(solution, "q1_answer") + "\nfor _i in range(200000):\n    print('spam', _i)"})
    subs["snoops_outside_its_folder"] = answered(release, solution, override={
        "q1": solution_answer(solution, "q1_answer") + "\n" + SNOOP})
    for student, nb in subs.items():
        folder = course / "submitted" / student / LESSON
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{LESSON}.ipynb")
    missing = course / "submitted" / "missing_notebook" / LESSON
    missing.mkdir(parents=True)
    (missing / "my-answers.ipynb").write_text("{}", encoding="utf-8")
    before = tree_digest(course / "submitted")
    results = {r.student: r for r in autograde(course, LESSON, workers=2, cell_timeout=20, submission_timeout=240)}
    return course, results, before


def test_every_submission_has_a_result_and_the_class_is_graded(hostile_class):
    _, results, _ = hostile_class
    assert len(results) == 11
    assert results["ok_student"].status == "graded" and results["ok_student"].auto_score == FULL


def test_edited_read_only_setup_cell_is_restored(hostile_class):
    assert hostile_class[1]["edited_setup_cell"].auto_score == FULL


def test_deleted_graded_cell_is_restored_scored_on_merit_and_flagged(hostile_class):
    course, results, _ = hostile_class
    r = results["deleted_test_cell"]
    assert (r.status, r.auto_score, r.cells["q2_tests"]) == ("graded", FULL, 2.0)
    assert len(r.flags) == 1 and "q2_tests" in r.flags[0]
    assert read_status(course)[LESSON]["deleted_test_cell"]["flags"] == r.flags
    assert not results["ok_student"].flags


def test_deleted_test_cell_of_a_wrong_answer_scores_zero(hostile_class):
    """Restored on merit both ways: the restored test fails a wrong answer, and `course status` shows the flag."""
    from course_utils.grades import class_status

    course, results, _ = hostile_class
    r = results["wrong_and_deleted"]
    assert (r.status, r.auto_score, r.cells["q2_tests"]) == ("graded", FULL - 2, 0.0)
    assert r.flags and "q2_tests" in r.flags[0]
    [row] = [row for row in class_status(course) if row["student"] == "wrong_and_deleted"]
    assert row["flags"] == r.flags


def test_duplicated_graded_cell_does_not_stop_grading(hostile_class):
    r = hostile_class[1]["duplicated_test_cell"]
    assert (r.status, r.auto_score) == ("graded", FULL)


def test_changed_cell_type_is_restored(hostile_class):
    r = hostile_class[1]["retyped_test_cell"]
    assert (r.status, r.auto_score) == ("graded", FULL)


def test_infinite_loop_inside_a_function_times_out_and_the_rest_is_graded(hostile_class):
    r = hostile_class[1]["loop_in_function"]
    assert (r.status, r.auto_score, r.cells["q1_tests"]) == ("graded", FULL - 2, 0.0)


def test_loop_that_swallows_interrupts_is_failed_with_a_reason(hostile_class):
    r = hostile_class[1]["swallows_interrupt"]
    assert r.status == "failed" and r.auto_score is None
    assert r.reason
    assert read_status(hostile_class[0])[LESSON]["swallows_interrupt"]["status"] == "failed"


def test_missing_notebook_is_failed_with_a_message_naming_it(hostile_class):
    r = hostile_class[1]["missing_notebook"]
    assert r.status == "failed" and f"{LESSON}.ipynb is missing" in r.reason


def test_huge_output_is_graded_and_trimmed(hostile_class):
    course, results, _ = hostile_class
    assert (results["huge_output"].status, results["huge_output"].auto_score) == ("graded", FULL)
    graded = course / "autograded" / "huge_output" / LESSON / f"{LESSON}.ipynb"
    assert graded.stat().st_size < 2_000_000


@pytest.mark.skipif(not sandbox.available(), reason="this machine cannot make a private mount namespace")
def test_graded_code_cannot_read_solutions_gradebook_or_other_students(hostile_class):
    course, results, _ = hostile_class
    assert (results["snoops_outside_its_folder"].status,
            results["snoops_outside_its_folder"].auto_score) == ("graded", FULL)
    nb = nbformat.read(course / "autograded" / "snoops_outside_its_folder" / LESSON / f"{LESSON}.ipynb",
                       as_version=4)
    printed = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))
    assert "gradebook.db:" in printed  # the probe ran
    assert "SQLite format" not in printed and "BEGIN HIDDEN TESTS" not in printed and "BEGIN SOLUTION" not in printed
    assert not re.search(r"submitted: \[.*ok_student", printed)
    assert "../../../solutions: []" in printed or "../../../solutions: blocked" in printed


def test_nothing_under_submitted_is_modified(hostile_class):
    course, _, before = hostile_class
    assert tree_digest(course / "submitted") == before
