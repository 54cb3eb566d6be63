"""A grading round trip with real `nbgrader autograde` on six submissions of the pilot lesson.

Expected scores are exact: if a point value, a test or the grading code changes what a submission earns, this fails.
"""
from __future__ import annotations

import nbformat
import pytest

from helpers import FULL, LESSON, SOLUTIONS, answered, course_with_release, make_course, tree_digest
from course_utils.grading import autograde

pytestmark = pytest.mark.slow

@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course, release, solution = course_with_release(tmp_path_factory.mktemp("roundtrip"), LESSON)

    edited_only_q1 = answered(release, solution, override={"q3": "top_host = ...", "q4": "top5_share = ..."})
    for cell in edited_only_q1.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "q2_answer":
            cell.source = "host_troops = -1"
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "q2_tests":
            cell.source = "# I changed this test so that it always passes\nassert True"

    submissions = {
        "s1_solution": solution,
        "s2_blank": release,
        "s3_wrong_q2": answered(release, solution, wrong={"q2"}),
        "s4_edited_test": edited_only_q1,
        "s5_infinite_loop": answered(release, solution, override={"q1": "while True:\n    pass"}),
    }
    for student, nb in submissions.items():
        folder = course / "submitted" / student / LESSON
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{LESSON}.ipynb")
    bad = course / "submitted" / "s6_invalid_json" / LESSON
    bad.mkdir(parents=True)
    (bad / f"{LESSON}.ipynb").write_text('{"cells": [ this is not JSON', encoding="utf-8")

    before = tree_digest(course / "submitted")
    results = {r.student: r for r in autograde(course, LESSON, workers=2, cell_timeout=10, submission_timeout=300)}
    return course, results, before


def test_every_student_gets_a_result(graded):
    _, results, _ = graded
    assert sorted(results) == ["s1_solution", "s2_blank", "s3_wrong_q2", "s4_edited_test", "s5_infinite_loop",
                               "s6_invalid_json"]


def test_solution_earns_full_autograded_marks(graded):
    r = graded[1]["s1_solution"]
    assert (r.status, r.auto_score, r.auto_max) == ("graded", FULL, FULL)
    assert r.needs_manual  # the written answer waits for the instructor


def test_untouched_release_scores_zero(graded):
    r = graded[1]["s2_blank"]
    assert (r.status, r.auto_score, r.auto_max) == ("graded", 0.0, FULL)


def test_one_wrong_answer_loses_exactly_its_points(graded):
    r = graded[1]["s3_wrong_q2"]
    assert (r.status, r.auto_score) == ("graded", 6.0)
    assert r.cells["q2_tests"] == 0.0 and r.cells["q1_tests"] == 2.0


def test_edited_read_only_test_is_restored(graded):
    """The student made Q2's test `assert True` with a wrong answer: the original test runs and Q2 scores 0."""
    r = graded[1]["s4_edited_test"]
    assert (r.status, r.auto_score) == ("graded", 2.0)
    assert r.cells == {"q1_tests": 2.0, "q2_tests": 0.0, "q3_tests": 0.0, "q4_tests": 0.0}


def test_infinite_loop_times_out_and_the_rest_is_graded(graded):
    r = graded[1]["s5_infinite_loop"]
    assert (r.status, r.auto_score) == ("graded", 6.0)
    assert r.cells["q1_tests"] == 0.0


def test_invalid_json_fails_with_a_message_naming_the_file(graded):
    r = graded[1]["s6_invalid_json"]
    assert r.status == "failed" and r.auto_score is None
    assert f"submitted/s6_invalid_json/{LESSON}/{LESSON}.ipynb" in r.reason
    assert "not a valid notebook" in r.reason


def test_grading_modifies_nothing_under_submitted(graded):
    course, _, before = graded
    assert tree_digest(course / "submitted") == before


def test_every_lessons_solution_earns_full_autograded_marks(tmp_path, generated_course):
    """A real autograde of each lesson's solution notebook, as a student would submit it."""
    import shutil

    from helpers import LESSON_IDS

    course = tmp_path / "all"
    shutil.copytree(generated_course, course)  # every lesson, generated once for the session (tests/conftest.py)
    for lesson in LESSON_IDS:
        folder = course / "submitted" / "solution" / lesson
        folder.mkdir(parents=True)
        folder.joinpath(f"{lesson}.ipynb").write_bytes((SOLUTIONS / lesson / f"{lesson}.ipynb").read_bytes())
    results = autograde(course, LESSON_IDS, workers=2, cell_timeout=120)  # one queue for every lesson
    assert [r.assignment for r in results] == LESSON_IDS
    for result in results:
        assert result.status == "graded", (result.assignment, result.reason)
        assert result.auto_score == result.auto_max > 0, (result.assignment, result.cells)


def test_course_autograde_applies_the_courses_execute_timeout(tmp_path, monkeypatch, capsys):
    """`c.Execute.timeout` in the course's nbgrader_config.py is the limit `course autograde` applies: an answer
    that sleeps 40 s passes under the course's usual 60 s, and times out (losing Q1's points) under 15 s (not less:
    the setup cell's imports must fit in the limit on a loaded machine)."""
    from course_utils import cli
    from course_utils.grading import course_cell_timeout, read_status
    from helpers import solution_answer, submit

    course, release, solution = course_with_release(tmp_path, LESSON, config_extra="c.Execute.timeout = 15")
    assert course_cell_timeout(course) == 15
    slow = answered(release, solution, override={"q1": "import time\ntime.sleep(40)\n"
                                                       + solution_answer(solution, "q1_answer")})
    submit(course, "slow_q1", slow)
    monkeypatch.chdir(course)
    assert cli.main(["autograde", LESSON]) == 0
    assert "15 s per cell" in capsys.readouterr().out
    record = read_status(course)[LESSON]["slow_q1"]
    assert (record["status"], record["auto_score"]) == ("graded", FULL - 2)
    graded = nbformat.read(course / "autograded" / "slow_q1" / LESSON / f"{LESSON}.ipynb", as_version=4)
    [q1] = [c for c in graded.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "q1_answer"]
    assert any("timeout" in (o.get("ename", "") + o.get("evalue", "")).lower() for o in q1.outputs
               if o.output_type == "error")


def test_the_gradebook_url_comes_from_the_course_config(tmp_path):
    """`c.CourseDirectory.db_url` (any SQLAlchemy URL) is where every step reads and writes grades."""
    from course_utils.grades import class_status
    from course_utils.grading import generate as course_generate
    from course_utils.grading import gradebook_url, private_paths

    db = tmp_path / "course" / "records" / "grades.sqlite"
    db.parent.mkdir(parents=True)
    course = make_course(tmp_path / "course", [LESSON], config_extra=f"c.CourseDirectory.db_url = 'sqlite:///{db}'")
    assert gradebook_url(course) == f"sqlite:///{db}"
    course_generate(course, LESSON)
    assert db.is_file() and not (course / "gradebook.db").exists()
    assert db in private_paths(course)  # hidden from graded code like the default gradebook
    assert class_status(course) == []  # reads that gradebook (nothing submitted yet)
