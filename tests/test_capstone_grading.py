"""The capstone's grading round trip, with real `nbgrader autograde`: the solution and a strong student argument saved
through the builder earn full autograded marks; a tampered statistic is caught; an argument never saved (or a
hand-broken file) gets a clear message and the score for what is there; evidence from one table only loses the
structure points."""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import nbformat
import pytest

from helpers import course_with_release
from course_utils import arguments as A
from course_utils.grading import autograde

pytestmark = pytest.mark.slow

LESSON = "08-capstone-argument"
SOLUTION_RE = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION\n?", re.S)
ARG_CELLS = ("q5_tests", "q6_tests", "q7_tests")

REASONING = ("My claim is that between 2014 and 2019 the NATO allies moved towards the 2 percent guideline while the "
             "United States still carried more than its economic weight, so burden shifting has started but is not "
             "finished. The first item compares defence spending as a share of GDP across the allies in 2019: the "
             "United States is still near the top, but several eastern allies are above it or close to it. The "
             "second item indexes the same measure to 2014 and shows that most allies raised their effort after the "
             "Wales pledge, which is the change my claim is about. The third item changes the measure to troops "
             "deployed abroad per million population, because spending is an input to collective defence and not "
             "to counterterrorism; here the United States leads by far, which is why I say shifting is unfinished. "
             "The data cannot tell me why the allies spent more: Russia's annexation of Crimea is an alternative "
             "explanation to American pressure, and the tables cannot separate the two.")
COUNTER = ("Olson and Zeckhauser would answer that small allies still ride free: the largest ally deploys far more "
           "troops abroad per head and carries a larger share of the group's spending than of its GDP, so a rise "
           "from a low base does not change who pays, and the rise after 2014 may be a response to Russia only.")
REBUTTAL = ("I concede the level: the United States still pays and deploys more than its weight. My claim is about "
            "the direction, and the index shows that most allies moved up while the U.S. share fell. Whether the "
            "cause was Russia or Washington does not change the fact that the burden moved, though it does limit "
            "what I can say about U.S. pressure working.")


def student_argument(folder: Path) -> Path:
    """A strong student argument, built by driving the two widgets from Python exactly as the buttons do."""
    from course_utils import ArgumentBuilder, BurdenExplorer

    explorer = BurdenExplorer(preset="nato", start=2012, end=2019)
    builder = ArgumentBuilder(LESSON, explorer=explorer, folder=folder, min_words=40)
    builder.claim.value = "burden_shifting_first"
    explorer.set_selection(measure="spending_pct_gdp", start=2014, end=2019)  # the NATO preset, as opened
    assert builder.add_evidence(), builder.message
    explorer.normalisation.value = "index"
    assert builder.add_evidence(), builder.message
    explorer.normalisation.value = "none"
    explorer.measure.value = "troops_per_million"
    assert builder.add_evidence(), builder.message
    builder.reasoning.value, builder.counter_argument.value, builder.rebuttal.value = REASONING, COUNTER, REBUTTAL
    path = builder.save()
    assert path, builder.message
    report = builder.check()
    assert report.ok, str(report)
    return path


def one_table_argument() -> dict:
    nato = A.make_evidence("spending_pct_gdp", ["USA", "DEU", "FRA", "GBR"], 2014, 2019)
    items = [nato, A.make_evidence("spending_per_capita", ["USA", "DEU", "FRA", "GBR"], 2014, 2019),
             A.make_evidence("spending_vs_gdp_share", ["USA", "DEU", "FRA", "GBR"], 2014, 2019)]
    return A.new_argument(LESSON, "small_allies_free_ride", evidence=items, reasoning=REASONING,
                          counter_argument=COUNTER, rebuttal=REBUTTAL)


def answered(release, solution):
    """The release with Q1-Q4 answered from the solution; the argument cell left as released."""
    nb = copy.deepcopy(release)
    sol = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in solution.cells}
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if gid.endswith("_answer") and gid != "q5_answer":
            cell.source = SOLUTION_RE.sub(lambda m: m.group(1), sol[gid].source)
    return nb


def outputs_of(course, student, grade_id):
    nb = nbformat.read(course / "autograded" / student / LESSON / f"{LESSON}.ipynb", as_version=4)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    return " | ".join((o.get("text", "") + o.get("evalue", "")).strip() for o in cell.outputs)



@pytest.fixture(scope="module")
def capstone(tmp_path_factory):
    course, release, solution = course_with_release(tmp_path_factory.mktemp("capstone"), LESSON)
    student_nb = answered(release, solution)
    good = json.loads(student_argument(tmp_path_factory.mktemp("argument")).read_text(encoding="utf-8"))
    tampered = json.loads(json.dumps(good))
    tampered["evidence"][0]["statistic"]["values"]["DEU"] = 2.0  # "Germany met the 2 % guideline in 2019"
    submissions = {"s1_solution": (solution, None), "s2_student_builder": (student_nb, good),
                   "s3_tampered": (student_nb, tampered), "s4_never_saved": (student_nb, None),
                   "s5_broken_json": (student_nb, "broken"), "s6_one_table": (student_nb, one_table_argument())}
    for student, (nb, arg) in submissions.items():
        folder = course / "submitted" / student / LESSON
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{LESSON}.ipynb")
        if arg == "broken":
            text = json.dumps(good, indent=2)
            (folder / f"{LESSON}.argument.json").write_text(text[:-40] + "\n", encoding="utf-8")
        elif arg is not None:
            A.save_argument(arg, folder / f"{LESSON}.argument.json")
    results = {r.student: r for r in autograde(course, LESSON, workers=2, cell_timeout=120, submission_timeout=600)}
    return course, results


@pytest.mark.parametrize("student, expected", [("s1_solution", 15.0), ("s2_student_builder", 15.0),
                                                ("s3_tampered", 12.0), ("s4_never_saved", 8.0),
                                                ("s5_broken_json", 8.0), ("s6_one_table", 13.0)])
def test_capstone_scores(capstone, student, expected):
    r = capstone[1][student]
    assert (r.status, r.auto_score, r.auto_max) == ("graded", expected, 15.0), r


def test_tampered_statistic_is_caught_with_a_message(capstone):
    course, results = capstone
    assert results["s3_tampered"].cells["q6_tests"] == 0.0
    assert "not what the data give" in outputs_of(course, "s3_tampered", "q6_tests")


def test_never_saved_argument_gets_a_clear_message(capstone):
    course, results = capstone
    assert [results["s4_never_saved"].cells[c] for c in ARG_CELLS] == [0.0, 0.0, 0.0]
    assert "press Save in the argument builder" in outputs_of(course, "s4_never_saved", "q5_tests")
    assert "not valid JSON" in outputs_of(course, "s5_broken_json", "q5_tests")
