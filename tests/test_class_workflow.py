"""A whole class on one machine, through nbgrader's exchange, with the `course` command and real nbgrader runs:

release -> students fetch and submit (separate homes) -> collect -> autograde -> feedback, released ->
each student fetches only their own feedback -> grades.csv / Canvas CSV -> status. One submission is late and is
scored by the course's late policy (10% of the points earned per started day late).
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import subprocess
import sys

import nbformat
import pytest

from helpers import LESSON, SOLUTIONS, answered, make_course, secret_lines

pytestmark = pytest.mark.slow
COURSE_ID = "allies-after-911"


def env_for(home=None):
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    if home:
        env.update(HOME=str(home), JUPYTER_DATA_DIR=str(home / ".local/share/jupyter"))
    return env


def course_cmd(course, *args):
    proc = subprocess.run([sys.executable, "-m", "course_utils.cli", *args], cwd=course, env=env_for(),
                          capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, f"course {' '.join(args)}:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout


def student_cmd(home, exchange, *args):
    proc = subprocess.run([sys.executable, "-m", "nbgrader", *args, "--course", COURSE_ID,
                           f"--Exchange.root={exchange}"], cwd=home, env=env_for(home),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"nbgrader {' '.join(args)}:\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def class_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("class")
    exchange = tmp / "exchange"
    exchange.mkdir(mode=0o777)
    course = make_course(tmp / "course", [LESSON])
    with (course / "nbgrader_config.py").open("a", encoding="utf-8") as fh:
        fh.write(f"\nc.Exchange.root = {str(exchange)!r}\n"
                 "c.CollectApp.check_owner = False  # every simulated student is the same Unix account\n")
    course_cmd(course, "release", LESSON)
    due = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)).replace(microsecond=0)
    subprocess.run([sys.executable, "-m", "nbgrader", "db", "assignment", "add", LESSON,
                    f"--duedate={due:%Y-%m-%d %H:%M:%S} UTC"], cwd=course, env=env_for(), check=True,
                   capture_output=True)

    solution = nbformat.read(SOLUTIONS / LESSON / f"{LESSON}.ipynb", as_version=4)
    plans = {"ana": {}, "ben": {"wrong": {"q2"}}, "cai": {}}
    homes = {}
    for student, plan in plans.items():
        home = tmp / "homes" / student
        home.mkdir(parents=True)
        homes[student] = home
        student_cmd(home, exchange, "fetch_assignment", LESSON)
        path = home / LESSON / f"{LESSON}.ipynb"
        nbformat.write(answered(nbformat.read(path, as_version=4), solution, **plan), path)
        student_cmd(home, exchange, "submit", LESSON, f"--student={student}")
    # cai submits 2 days and 1 hour after the due date: 3 started days late
    [inbound] = (exchange / COURSE_ID / "inbound").glob(f"cai+{LESSON}+*")
    late = due + dt.timedelta(days=2, hours=1)
    (inbound / "timestamp.txt").write_text(f"{late:%Y-%m-%d %H:%M:%S.%f} UTC", encoding="utf-8")

    course_cmd(course, "collect", LESSON, "--no-owner-check")
    autograde_out = course_cmd(course, "autograde", LESSON, "--workers", "2")
    course_cmd(course, "feedback", LESSON, "--release")
    fetched = {s: student_cmd(h, exchange, "fetch_feedback", LESSON, f"--student={s}") for s, h in homes.items()}
    course_cmd(course, "grades", "--out", str(tmp / "grades"))
    status = course_cmd(course, "status")
    return dict(course=course, homes=homes, grades=tmp / "grades", status=status, autograde=autograde_out,
                fetched=fetched, solution=solution)


def grades(run):
    with (run["grades"] / "grades.csv").open(encoding="utf-8") as fh:
        return {row["student_id"]: row for row in csv.DictReader(fh)}


def test_every_student_is_graded_with_the_expected_score_and_late_penalty(class_run):
    g = grades(class_run)
    # ana left the written answer untouched: nbgrader scores it 0 itself, so nothing waits for manual grading
    assert (g["ana"]["score"], g["ana"]["late"], g["ana"]["status"]) == ("8", "no", "graded")
    assert (g["ben"]["score"], g["ben"]["late"]) == ("6", "no")
    # 8 points earned, 3 started days late at 10% a day: 8 - 2.4
    assert (g["cai"]["score"], g["cai"]["late"]) == ("5.6", "yes")
    assert {row["max_score"] for row in g.values()} == {"11"}


def test_canvas_gradebook_has_points_possible_and_one_row_per_student(class_run):
    with (class_run["grades"] / "canvas_gradebook.csv").open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] and rows[0][5] == LESSON
    assert rows[1][0].strip() == "Points Possible" and rows[1][5] == "11"
    assert {r[0]: r[5] for r in rows[2:]} == {"ana": "8", "ben": "6", "cai": "5.6"}


def test_each_student_fetches_only_their_own_feedback(class_run):
    for student, home in class_run["homes"].items():
        files = sorted(p for p in (home / LESSON / "feedback").rglob("*.html"))
        assert len(files) == 1, (student, files)
        html = files[0].read_text(encoding="utf-8")
        others = [s for s in class_run["homes"] if s != student]
        assert not any(f"submitted/{o}/" in html or f"autograded/{o}/" in html for o in others)


def test_feedback_keeps_the_authors_message_and_leaks_no_hidden_test(class_run):
    html = next((class_run["homes"]["ben"] / LESSON / "feedback").rglob("*.html")).read_text(encoding="utf-8")
    # ben's wrong Q2: the message the test's author wrote is shown, with no traceback around it
    assert "CheckFailed: Q2: the answer is outside the range that is possible here" in html
    hidden = [line for line in secret_lines(class_run["solution"]) if line.startswith(("_", "expect_"))]
    assert hidden, "the lesson has hidden test lines to look for"
    assert [line for line in hidden if line in html] == []
    assert "BEGIN HIDDEN TESTS" not in html and "Traceback (most recent call last)" not in html


def test_feedback_charts_render_without_a_network(class_run):
    html = next((class_run["homes"]["ana"] / LESSON / "feedback").rglob("*.html")).read_text(encoding="utf-8")
    assert "<svg" in html and "application/vnd.vegalite" not in html
    assert "cdn.jsdelivr.net/npm/vega" not in html
    assert 'aria-label="Bar chart of the ten host countries' in html  # the chart's alt text comes along


def test_status_lists_every_student(class_run):
    for student in ["ana", "ben", "cai"]:
        assert student in class_run["status"]
    assert "graded" in class_run["status"] and "failed" not in class_run["status"]
