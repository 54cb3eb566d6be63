"""`course doctor`: every finding on a real student notebook built from the pilot lesson's release.

The notebooks are the release of lessons/00-orientation with answers filled in from the solution's solution regions
(as tests/test_grading_roundtrip.py does), then damaged the way students damage them. Nothing is executed: the doctor
reads the notebook file.
"""
from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import sys

import nbformat
import pytest

from helpers import LESSONS, ROOT, SOLUTIONS
from course_utils import doctor
from course_utils.doctor import doctor_report

LESSON = "00-orientation"
RELEASE = LESSONS / LESSON / f"{LESSON}.ipynb"
SOLUTION_RE = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION\n?", re.S)
WRITTEN = "DMDC counts personnel permanently assigned; rotations and contingency operations are counted apart."


def gid(cell):
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


@pytest.fixture(scope="module")
def release():
    return nbformat.read(RELEASE, as_version=4)


@pytest.fixture(scope="module")
def answered(release):
    """The release with every question answered: code from the solution's regions, a written answer for Q5."""
    solution = nbformat.read(SOLUTIONS / LESSON / f"{LESSON}.ipynb", as_version=4)
    sol = {gid(c): c for c in solution.cells}
    nb = copy.deepcopy(release)
    for cell in nb.cells:
        g = gid(cell) or ""
        if g.endswith("_answer"):
            cell.source = SOLUTION_RE.sub(lambda m: m.group(1), sol[g].source)
        elif g.endswith("_free"):
            cell.source = WRITTEN
    return nb


def write(nb, folder, name=f"{LESSON}.ipynb"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    nbformat.write(nb, path)
    return path


def cell_of(nb, grade_id):
    return next(c for c in nb.cells if gid(c) == grade_id)


def kinds(problems):
    return sorted((p.kind, p.grade_id) for p in problems)


def run_cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "course_utils.cli", "doctor", *map(str, args)], cwd=cwd,
                          capture_output=True, text=True, timeout=120)


def test_answered_notebook_is_all_clear_and_exits_0(answered, tmp_path):
    path = write(answered, tmp_path / "alice")
    assert doctor_report(path) == []
    # the CLI, with no argument: the only lesson notebook in the current folder
    proc = run_cli(cwd=path.parent)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "all clear" in proc.stdout


def test_untouched_release_lists_every_question_unanswered(release, tmp_path):
    problems = doctor_report(write(release, tmp_path))
    assert kinds(problems) == [("unanswered", f"q{n}_answer") for n in (1, 2, 3, 4)] + [("unanswered", "q5_free")]
    q1 = next(p for p in problems if p.grade_id == "q1_answer")
    assert "`n_hosts = ...`" in q1.fix
    assert "YOUR ANSWER HERE" in next(p for p in problems if p.grade_id == "q5_free").fix


def test_placeholder_left_after_an_answer_line(answered, tmp_path):
    """`x = ...` followed by a real assignment is answered; a real line followed by `x = ...` is not."""
    nb = copy.deepcopy(answered)
    cell_of(nb, "q2_answer").source = "host_troops = 35000\nhost_troops = ...\n# YOUR CODE HERE: replace the ..."
    cell_of(nb, "q3_answer").source = "top_host = ...\n# YOUR CODE HERE: replace the ... above\ntop_host = 'DEU'"
    assert kinds(doctor_report(write(nb, tmp_path))) == [("unanswered", "q2_answer")]


def test_deleted_test_cell(answered, tmp_path):
    nb = copy.deepcopy(answered)
    nb.cells = [c for c in nb.cells if gid(c) != "q2_tests"]
    problems = doctor_report(write(nb, tmp_path))
    assert kinds(problems) == [("deleted", "q2_tests")]
    assert "instructor will see" in problems[0].message and "fresh copy" in problems[0].fix


def test_deleted_answer_cell(answered, tmp_path):
    nb = copy.deepcopy(answered)
    nb.cells = [c for c in nb.cells if gid(c) != "q3_answer"]
    assert kinds(doctor_report(write(nb, tmp_path))) == [("deleted", "q3_answer")]


def test_deleted_question_found_by_its_number(answered, tmp_path):
    nb = copy.deepcopy(answered)
    nb.cells = [c for c in nb.cells if gid(c) not in ("q2_answer", "q2_tests")]
    problems = doctor_report(write(nb, tmp_path))
    assert kinds(problems) == [("deleted", "q2")]
    assert "Q2" in problems[0].where


def test_deleted_last_cell_found_only_with_the_release(answered, tmp_path):
    """Q5's written answer is the last question: only the released notebook says it existed."""
    nb = copy.deepcopy(answered)
    nb.cells = [c for c in nb.cells if gid(c) != "q5_free"]
    path = write(nb, tmp_path / "alone")
    assert doctor_report(path) == []  # a student's folder alone cannot tell
    assert kinds(doctor_report(path, release=RELEASE)) == [("deleted", "q5_free")]
    # inside a course directory, the release under lessons/ is found by itself
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(LESSONS / LESSON, course / "lessons" / LESSON)
    inside = write(nb, course / "work" / "bob")
    assert doctor.find_release(inside) == course / "lessons" / LESSON / f"{LESSON}.ipynb"
    problems = doctor_report(inside)
    assert kinds(problems) == [("deleted", "q5_free")]
    assert "3 points" in problems[0].message


def test_deleted_setup_cell(answered, tmp_path):
    nb = copy.deepcopy(answered)
    nb.cells = [c for c in nb.cells if gid(c) != "setup"]
    assert kinds(doctor_report(write(nb, tmp_path))) == [("deleted", "setup")]


def test_duplicated_graded_cell_via_the_cli(answered, tmp_path):
    nb = copy.deepcopy(answered)
    i = next(i for i, c in enumerate(nb.cells) if gid(c) == "q1_tests")
    copied = copy.deepcopy(nb.cells[i])
    copied.id = "pasted-copy"  # JupyterLab gives a pasted cell a new id, and keeps its metadata
    nb.cells.insert(i + 1, copied)
    path = write(nb, tmp_path)
    assert kinds(doctor_report(path)) == [("duplicated", "q1_tests")]
    proc = run_cli(path, cwd=tmp_path)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "2 times" in proc.stdout and "Fix: Delete the extra copy" in proc.stdout


def test_retyped_cells(answered, tmp_path):
    nb = copy.deepcopy(answered)
    cell_of(nb, "q2_answer").cell_type = "markdown"
    tests = cell_of(nb, "q3_tests")
    tests.cell_type = "markdown"
    tests.pop("outputs", None), tests.pop("execution_count", None)
    problems = doctor_report(write(nb, tmp_path))
    assert kinds(problems) == [("retyped", "q2_answer"), ("retyped", "q3_tests")]  # not also "edited"
    assert all("press Y" in p.fix for p in problems)


def test_retyped_against_the_release_without_nbgrader_cell_type(answered, tmp_path):
    nb = copy.deepcopy(answered)
    cell = cell_of(nb, "q4_answer")
    cell.cell_type = "markdown"
    del cell.metadata["nbgrader"]["cell_type"]
    path = write(nb, tmp_path)
    assert doctor_report(path) == []
    assert kinds(doctor_report(path, release=RELEASE)) == [("retyped", "q4_answer")]


def test_edited_read_only_cell(answered, tmp_path):
    nb = copy.deepcopy(answered)
    cell_of(nb, "q2_tests").source = "# I changed this test so that it always passes\nassert True"
    problems = doctor_report(write(nb, tmp_path))
    assert kinds(problems) == [("edited", "q2_tests")]
    assert "puts the original back" in problems[0].message


def test_changed_parameter_cell(answered, tmp_path):
    nb = copy.deepcopy(answered)
    params = next(c for c in nb.cells if c.metadata.get("course", {}).get("role") == "params")
    params.source = params.source.replace("YEAR = 2019", "YEAR = 2020")
    problems = doctor_report(write(nb, tmp_path))
    assert kinds(problems) == [("parameters", None)]
    assert "YEAR is 2020" in problems[0].message and "YEAR = 2019" in problems[0].fix


def test_deleted_parameter_cell(answered, tmp_path):
    nb = copy.deepcopy(answered)
    nb.cells = [c for c in nb.cells if c.metadata.get("course", {}).get("role") != "params"]
    problems = doctor_report(write(nb, tmp_path))
    assert kinds(problems) == [("parameters", None)]
    assert "YEAR = 2019" in problems[0].fix and "HOST = 'DEU'" in problems[0].fix


def test_argument_not_saved(answered, tmp_path):
    nb = copy.deepcopy(answered)
    nb.cells.append(nbformat.v4.new_code_cell(
        f'explorer = BurdenExplorer(preset="nato")\nbuilder = ArgumentBuilder("{LESSON}", explorer=explorer)\n'
        "builder"))
    path = write(nb, tmp_path)
    problems = doctor_report(path)
    assert kinds(problems) == [("argument", None)]
    assert f"{LESSON}.argument.json" in problems[0].message and "Save" in problems[0].fix
    (tmp_path / f"{LESSON}.argument.json").write_text(json.dumps({"claim": "x"}), encoding="utf-8")
    [problem] = doctor_report(path)  # saved, but not an argument that passes the lesson's argument policy
    assert problem.kind == "argument" and "does not yet pass the automatic checks" in problem.message


def test_question_graded_from_a_saved_argument(answered, tmp_path):
    """As in the capstone: LESSON names the argument file, Q6's self-check reads the saved argument, and Q6's answer
    cell is optional code (comments only). Only the missing file is a problem."""
    from nbgrader.utils import compute_checksum

    nb = copy.deepcopy(answered)
    nb.cells.append(nbformat.v4.new_code_cell(
        'from course_utils import ArgumentBuilder, check_saved_argument\n'
        'LESSON = "my-capstone"\nbuilder = ArgumentBuilder(LESSON)\nbuilder'))
    answer = nbformat.v4.new_code_cell("# Optional: build your argument from code here, then Save.")
    answer.metadata["nbgrader"] = {"grade": False, "grade_id": "q6_answer", "locked": False, "solution": True,
                                   "schema_version": 3, "cell_type": "code"}
    tests = nbformat.v4.new_code_cell("check_parameters(globals(), YEAR=2019, HOST='DEU')\n"
                                      "report = check_saved_argument(LESSON, 'evidence', question='Q6')")
    tests.metadata["nbgrader"] = {"grade": True, "grade_id": "q6_tests", "locked": True, "solution": False,
                                  "points": 2, "schema_version": 3, "cell_type": "code"}
    tests.metadata["nbgrader"]["checksum"] = compute_checksum(tests)
    path = write(nb, tmp_path)
    answer_free = copy.deepcopy(nb)
    nb.cells += [answer, tests]
    nbformat.write(nb, path)
    problems = doctor_report(path)
    assert kinds(problems) == [("argument", None)]
    assert "my-capstone.argument.json" in problems[0].message
    from course_utils import arguments as A

    text = " ".join(["Allies raised their effort while the United States still carried more."] * 10)
    evidence = [A.make_evidence(m, ["USA", "DEU", "POL"], 2019, 2019)
                for m in ("spending_pct_gdp", "troops_per_million", "spending_usd")]
    A.save_argument(A.new_argument("my-capstone", "burden_shifting_first", evidence=evidence, reasoning=text,
                                   counter_argument=text, rebuttal=text), tmp_path / "my-capstone.argument.json")
    assert doctor_report(path) == []
    answer_free.cells.append(tests)  # a question with a self-check and no answer cell at all: also fine
    assert doctor_report(write(answer_free, tmp_path)) == []


def test_deleted_answer_cell_names_what_the_check_needs(answered, tmp_path):
    nb = copy.deepcopy(answered)
    nb.cells = [c for c in nb.cells if gid(c) != "q1_answer"]
    problems = doctor_report(write(nb, tmp_path))
    assert kinds(problems) == [("deleted", "q1_answer")]
    assert "`n_hosts`" in problems[0].message


def test_emptied_answer_cell_is_unanswered(answered, tmp_path):
    nb = copy.deepcopy(answered)
    cell_of(nb, "q2_answer").source = "# I'll do this later"
    problems = doctor_report(write(nb, tmp_path))
    assert kinds(problems) == [("unanswered", "q2_answer")]


def test_solutions_notebook_is_not_a_submission(tmp_path):
    shutil.copy(SOLUTIONS / LESSON / f"{LESSON}.ipynb", tmp_path / f"{LESSON}.ipynb")
    problems = doctor_report(tmp_path / f"{LESSON}.ipynb")
    assert kinds(problems) == [("invalid", None)] and "instructors' source notebook" in problems[0].message


def test_invalid_json(tmp_path):
    path = tmp_path / f"{LESSON}.ipynb"
    path.write_text('{"cells": [ this is not JSON', encoding="utf-8")
    problems = doctor_report(path)
    assert kinds(problems) == [("invalid", None)]
    assert "not a valid notebook" in problems[0].message


def test_several_problems_most_harmful_first(release, tmp_path):
    nb = copy.deepcopy(release)
    nb.cells = [c for c in nb.cells if gid(c) != "q4_tests"]
    cell_of(nb, "q1_tests").source += "\n# my note"
    problems = doctor_report(write(nb, tmp_path))
    assert [p.kind for p in problems][:2] == ["deleted", "edited"]
    assert {p.kind for p in problems[2:]} == {"unanswered"}


def test_run_in_notebook_prints_the_report_of_the_folder(release, tmp_path, monkeypatch, capsys):
    write(release, tmp_path)
    (tmp_path / "scratch.ipynb").write_text(json.dumps(nbformat.v4.new_notebook()), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    problems = doctor.run_in_notebook()
    out = capsys.readouterr().out
    assert len(problems) == 5 and "5 problems to fix" in out and "last saved" in out


def test_the_doctor_cell_in_a_graded_copy_says_nothing_about_the_instructors_source(tmp_path, capsys):
    """The autograder runs the doctor cell in a copy that holds the hidden tests again: its output goes into the
    student's feedback, so it must not call the student's notebook the instructors' source."""
    from course_utils.doctor import run_in_notebook

    lesson = "00-orientation"
    source = SOLUTIONS / lesson / f"{lesson}.ipynb"
    graded = tmp_path / "autograded" / "alice" / lesson
    graded.mkdir(parents=True)
    shutil.copy(source, graded / source.name)
    assert run_in_notebook(graded / source.name) == []
    out = capsys.readouterr().out
    assert "graded copy" in out and "instructors' source" not in out
    own = tmp_path / "solutions" / lesson
    own.mkdir(parents=True)
    shutil.copy(source, own / source.name)
    problems = run_in_notebook(own / source.name)
    assert problems and "instructors' source" in capsys.readouterr().out


def test_a_graded_copy_is_told_apart_without_importing_nbgrader(tmp_path):
    """The doctor cell runs in every graded submission's kernel: telling the graded copy apart costs no nbgrader
    import. The model's hidden-test markers are nbgrader's own (ClearHiddenTests' defaults)."""
    from nbgrader.preprocessors import ClearHiddenTests

    from course_utils import notebook_model as model

    assert (model.HIDDEN_BEGIN, model.HIDDEN_END) == (ClearHiddenTests.begin_test_delimeter.default_value,
                                                      ClearHiddenTests.end_test_delimeter.default_value)
    lesson = "00-orientation"
    graded = tmp_path / "autograded" / "alice" / lesson
    graded.mkdir(parents=True)
    shutil.copy(SOLUTIONS / lesson / f"{lesson}.ipynb", graded)
    code = ("import sys; from course_utils.doctor import run_in_notebook; run_in_notebook(sys.argv[1]); "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'nbgrader', 'sqlalchemy'}))")
    run = subprocess.run([sys.executable, "-c", code, str(graded / f"{lesson}.ipynb")], capture_output=True,
                         text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "graded copy" in run.stdout and run.stdout.strip().endswith("[]"), run.stdout
