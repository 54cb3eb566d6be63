"""Real `nbgrader autograde` of a small assignment whose grade depends on a saved argument file.

The fixture tests/fixtures/argument-demo: Q1 (2 points) and three checks of the saved argument (structure 2,
evidence 2, statements 1). nbgrader re-executes the notebook, so the argument must come from the JSON file that
Save wrote beside it (nbgrader copies a submission's non-notebook files into autograded/).
"""
from __future__ import annotations

import copy
import json
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from helpers import generate
from course_utils import arguments as A
from course_utils.grading import autograde

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures"
LESSON = "argument-demo"
SOLUTION_RE = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION\n?", re.S)
TEXT = " ".join(["The largest ally spends the largest share of its GDP, while most smaller allies stay under two "
                 "percent."] * 6)  # long enough for every text field of the argument policy


def good_argument() -> dict:
    from course_utils.groups import preset_countries
    nato = preset_countries("nato", 2019)
    evidence = [A.make_evidence(m, nato, 2014, 2019, preset="nato")
                for m in ("spending_pct_gdp", "troops_per_million", "spending_vs_gdp_share")]
    return A.new_argument(LESSON, "small_allies_free_ride", evidence=evidence, reasoning=TEXT,
                          counter_argument=TEXT, rebuttal=TEXT)


def q1_answered(release, solution):
    """The release with Q1 answered from the solution and the argument cell left as released."""
    nb = copy.deepcopy(release)
    sol = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in solution.cells}
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "q1_answer":
            cell.source = SOLUTION_RE.sub(lambda m: m.group(1), sol["q1_answer"].source)
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    course = tmp_path_factory.mktemp("argcourse")
    shutil.copy(Path(__file__).parents[1] / "nbgrader_config.py", course)
    shutil.copytree(FIXTURES / LESSON, course / "solutions" / LESSON)
    generate(course, [LESSON])
    release = nbformat.read(course / "lessons" / LESSON / f"{LESSON}.ipynb", as_version=4)
    solution = nbformat.read(FIXTURES / LESSON / f"{LESSON}.ipynb", as_version=4)
    student_nb = q1_answered(release, solution)
    good = good_argument()
    tampered = json.loads(json.dumps(good))
    values = tampered["evidence"][0]["statistic"]["values"]
    values["DEU"] = 2.0  # "Germany met the 2% guideline in 2019"
    submissions = {"s1_solution": (solution, None), "s2_saved": (student_nb, good),
                   "s3_never_saved": (student_nb, None), "s4_tampered": (student_nb, tampered)}
    for student, (nb, arg) in submissions.items():
        folder = course / "submitted" / student / LESSON
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{LESSON}.ipynb")
        if arg is not None:
            A.save_argument(arg, folder / f"{LESSON}.argument.json")
    results = {r.student: r for r in autograde(course, LESSON, workers=2, cell_timeout=60,
                                                submission_timeout=300)}
    return course, results


def outputs_of(course, student, grade_id):
    nb = nbformat.read(course / "autograded" / student / LESSON / f"{LESSON}.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    return "\n".join(o.get("text", "") + o.get("evalue", "") + "".join(o.get("traceback", []))
                     for o in cell.outputs)


def test_solution_that_saves_through_the_builder_gets_full_marks(graded):
    r = graded[1]["s1_solution"]
    assert (r.status, r.auto_score, r.auto_max) == ("graded", 7.0, 7.0), r


def test_saved_argument_file_in_the_submission_gets_full_marks(graded):
    course, results = graded
    r = results["s2_saved"]
    assert (r.status, r.auto_score, r.auto_max) == ("graded", 7.0, 7.0), r
    assert (course / "autograded" / "s2_saved" / LESSON / f"{LESSON}.argument.json").is_file()


def test_never_saved_argument_gets_a_clear_message_and_the_score_for_what_is_there(graded):
    course, results = graded
    r = results["s3_never_saved"]
    assert (r.status, r.auto_score) == ("graded", 2.0), r
    assert r.cells == {"q1_tests": 2.0, "arg_structure": 0.0, "arg_evidence": 0.0, "arg_statements": 0.0}
    out = outputs_of(course, "s3_never_saved", "arg_structure")
    assert "no saved argument found (argument-demo.argument.json): press Save in the argument builder" in out


def test_tampered_statistic_is_caught(graded):
    course, results = graded
    r = results["s4_tampered"]
    assert (r.status, r.auto_score) == ("graded", 5.0), r
    assert r.cells["arg_evidence"] == 0.0 and r.cells["arg_structure"] == 2.0
    assert "saved value for DEU is not what the data give" in outputs_of(course, "s4_tampered", "arg_evidence")
