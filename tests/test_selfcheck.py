"""`course check`: a whole notebook graded locally with its visible self-checks, with real executions of the pilot
lesson (the release, a fully answered copy, a partly wrong one, and two endless loops)."""
from __future__ import annotations

import copy
import hashlib
import re
import subprocess
import sys

import nbformat
import pytest

from helpers import LESSONS, SOLUTIONS
from course_utils import selfcheck
from course_utils.selfcheck import check_notebook, format_report

pytestmark = pytest.mark.slow

LESSON = "00-orientation"
RELEASE = LESSONS / LESSON / f"{LESSON}.ipynb"
SOLUTION = SOLUTIONS / LESSON / f"{LESSON}.ipynb"
SOLUTION_RE = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION\n?", re.S)


def gid(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def answered(override=None):
    """The release with every answer cell filled in from the solution's regions, except ``override``."""
    release = nbformat.read(RELEASE, as_version=4)
    sol = {gid(c): c for c in nbformat.read(SOLUTION, as_version=4).cells}
    for cell in release.cells:
        g = gid(cell) or ""
        if g.endswith("_answer"):
            q = g.split("_")[0]
            cell.source = (override or {}).get(q) or SOLUTION_RE.sub(lambda m: m.group(1), sol[g].source)
    return release


def write(nb, folder):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{LESSON}.ipynb"
    nbformat.write(nb, path)
    return path


def digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def by_question(report):
    return {q.question: q for q in report.questions}


def test_untouched_release_via_the_cli(tmp_path):
    path = write(nbformat.read(RELEASE, as_version=4), tmp_path / "release")
    before = digest(path.parent)
    proc = subprocess.run([sys.executable, "-m", "course_utils.cli", "check", str(path), "--timeout", "60"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    out = proc.stdout
    for q in ("Q1", "Q2", "Q3", "Q4"):
        assert re.search(rf"{q}\s+not answered\s+0/2", out), out
    assert "Autograded score: 0 / 8" in out
    assert "Q5" in out and "graded by your instructor" in out
    assert "Traceback" not in out + proc.stderr
    assert digest(path.parent) == before  # the student's file is never modified, nothing is added beside it


def test_fully_answered_scores_full_marks(tmp_path):
    path = write(answered(), tmp_path)
    report = check_notebook(path)
    assert (report.score, report.total, report.manual_points) == (8.0, 8.0, 3.0)
    assert {q.question: q.status for q in report.questions} == {
        "Q1": "passed", "Q2": "passed", "Q3": "passed", "Q4": "passed", "Q5": "manual"}
    assert not report.hidden_tests_removed
    assert "Autograded score: 8 / 8" in format_report(report)


def test_partly_wrong_gets_exact_score_and_hints(tmp_path):
    """Q1 counts rows, Q4 is a fraction instead of a percentage; Q3 reads a file saved beside the notebook."""
    folder = tmp_path / "alice"
    path = write(answered({
        "q1": "n_hosts = len(abroad)",
        "q3": "top_host = open('my_q3.txt').read().strip()",
        "q4": "top5_share = 0.5",
    }), folder)
    (folder / "my_q3.txt").write_text("DEU\n", encoding="utf-8")
    before = digest(folder)
    report = check_notebook(path)
    q = by_question(report)
    assert (report.score, report.total) == (4.0, 8.0)
    assert (q["Q1"].status, q["Q2"].status, q["Q3"].status, q["Q4"].status) == ("failed", "passed", "passed",
                                                                                  "failed")
    # counting rows (with missing and zero counts) is the known mistake: its hint names it
    assert q["Q1"].message.startswith("Q1: that is a common mistake.")
    assert q["Q1"].message.endswith("Keep only rows with troops greater than zero.")
    assert q["Q4"].message == "Q4: this looks like a fraction. Multiply by 100 to give a percentage."
    text = format_report(report)
    assert "Autograded score: 4 / 8" in text and "Keep only rows with troops greater than zero." in text
    assert "Traceback" not in text and "\x1b[" not in text
    assert digest(folder) == before


def test_changed_parameters_fail_every_check_with_the_fix(tmp_path):
    """...and a self-check made to pass by editing it does not count."""
    nb = answered({"q2": "host_troops = -1"})
    next(c for c in nb.cells if gid(c) == "q2_tests").source = "assert True  # always passes"
    params = next(c for c in nb.cells if c.metadata.get("course", {}).get("role") == "params")
    params.source = params.source.replace("YEAR = 2019", "YEAR = 2020")
    report = check_notebook(write(nb, tmp_path))
    assert report.score == 0
    q = by_question(report)
    assert all("YEAR = 2019" in q[n].message for n in ("Q1", "Q3", "Q4"))
    assert q["Q2"].status == "failed" and "was edited" in q["Q2"].message


def test_endless_loop_is_interrupted_and_the_rest_is_graded(tmp_path):
    report = check_notebook(write(answered({"q1": "while True:\n    pass"}), tmp_path), cell_timeout=4)
    q = by_question(report)
    assert (report.score, q["Q1"].status) == (6.0, "failed")
    assert "ran longer than" in q["Q1"].message
    assert not report.notes


def test_loop_that_swallows_interrupts_stops_the_run_with_a_note(tmp_path, monkeypatch):
    monkeypatch.setattr(selfcheck, "PROBE_TIMEOUT", 3)
    stubborn = "while True:\n    try:\n        while True:\n            pass\n    except KeyboardInterrupt:\n        pass"
    report = check_notebook(write(answered({"q3": stubborn}), tmp_path), cell_timeout=4)
    q = by_question(report)
    assert (report.score, q["Q1"].status, q["Q2"].status, q["Q3"].status, q["Q4"].status) == (
        4.0, "passed", "passed", "failed", "failed")
    assert "not run" in q["Q4"].message
    assert any("did not stop when interrupted" in n for n in report.notes)


def test_hidden_tests_are_stripped_from_a_solutions_notebook():
    nb = nbformat.read(SOLUTION, as_version=4)
    assert selfcheck.strip_hidden_tests(nb)
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"]
    assert tests and all("HIDDEN" not in c.source and "expect_" not in c.source for c in tests)
    assert all(c.source.splitlines()[1].startswith("check_parameters(globals()") for c in tests)
    release = nbformat.read(RELEASE, as_version=4)
    assert not selfcheck.strip_hidden_tests(copy.deepcopy(release))
