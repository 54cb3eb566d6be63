"""Per-class variants: parameters picked by a secret seed, with real nbgrader autograding of the results."""
from __future__ import annotations

import copy
import subprocess
import sys

import nbformat
import pytest

from helpers import LESSON_IDS, ROOT, SOLUTIONS, execute_in_one_kernel
from course_utils.grading import autograde
from course_utils.variants import (VariantError, current_parameters, declaration, make_variant_course, pick,
                                   set_parameters)

SEEDS = ["spring-2027-section-a", "fall-2026-hub-7", "c9b1e2"]


def solution(lesson):
    return nbformat.read(SOLUTIONS / lesson / f"{lesson}.ipynb", as_version=4)


@pytest.mark.parametrize("lesson", LESSON_IDS)
def test_lesson_declares_at_least_six_variants_other_than_the_default(lesson):
    nb = solution(lesson)
    params, variants = declaration(nb, lesson)
    default = current_parameters(nb, lesson)
    assert sorted(default) == sorted(params)
    assert len(variants) >= 6
    assert default not in variants
    assert len({tuple(sorted(v.items())) for v in variants}) == len(variants), "duplicate variants"


def test_same_seed_same_variant_and_seeds_spread():
    variants = [{"YEAR": y} for y in range(8)]
    assert pick("s", "00-x", variants) == pick("s", "00-x", variants)
    picks = {pick(f"seed-{i}", "00-x", variants) for i in range(50)}
    assert len(picks) >= 6


def test_set_parameters_rewrites_the_cell_and_every_guard():
    nb = solution(LESSON_IDS[0])
    _, variants = declaration(nb)
    set_parameters(nb, variants[0])
    assert current_parameters(nb) == variants[0]
    values = current_parameters(nb)  # in the order of the parameter cell
    guard = "check_parameters(globals(), " + ", ".join(f"{k}={v!r}" for k, v in values.items()) + ")"
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"]
    assert tests and all(guard in c.source for c in tests)
    with pytest.raises(VariantError, match="does not assign"):
        set_parameters(nb, {"NOT_A_PARAMETER": 1})


def test_variant_course_refuses_to_write_inside_the_public_repo(tmp_path):
    with pytest.raises(VariantError, match="inside the public repository"):
        make_variant_course(ROOT, "secret", ROOT / "private-class")


@pytest.mark.slow
@pytest.mark.parametrize("lesson", LESSON_IDS)
def test_every_declared_variant_of_the_solution_passes_its_tests(lesson, tmp_path):
    nb = solution(lesson)
    _, variants = declaration(nb)
    notebooks = []
    for values in variants:
        variant = copy.deepcopy(nb)
        set_parameters(variant, values)
        notebooks.append(variant)
    # one kernel for all the variants of the lesson, its namespace cleared before each (tests/helpers.py)
    for i, (values, executed) in enumerate(zip(variants, execute_in_one_kernel(notebooks, tmp_path))):
        errors = [(c.metadata.get("nbgrader", {}).get("grade_id"), o.get("evalue"))
                  for c in executed.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
        assert errors == [], f"variant {i} {values}: {errors}"


@pytest.mark.slow
@pytest.mark.parametrize("seed", SEEDS)
def test_seeded_class_variant_grades_right_and_the_public_solution_loses_points(seed, tmp_path, monkeypatch):
    course = tmp_path / "private-course"
    record = make_variant_course(ROOT, seed, course, LESSON_IDS)
    assert sorted(record["lessons"]) == LESSON_IDS
    with monkeypatch.context() as m:  # same seed, same class (the choices: this second copy is never released)
        m.setattr("course_utils.grading.generate", lambda root, lesson: None)
        assert make_variant_course(ROOT, seed, tmp_path / "again", LESSON_IDS)["lessons"] == record["lessons"]
    for lesson in LESSON_IDS:
        for student, source in [("variant_solution", course / "solutions"), ("public_solution", SOLUTIONS)]:
            folder = course / "submitted" / student / lesson
            folder.mkdir(parents=True)
            folder.joinpath(f"{lesson}.ipynb").write_bytes((source / lesson / f"{lesson}.ipynb").read_bytes())
    graded = autograde(course, LESSON_IDS, workers=2, cell_timeout=60)  # every lesson in one queue
    for lesson in LESSON_IDS:
        results = {r.student: r for r in graded if r.assignment == lesson}
        own, public = results["variant_solution"], results["public_solution"]
        assert own.status == "graded" and own.auto_score == own.auto_max > 0, (lesson, own)
        assert public.status == "graded", (lesson, public)
        lost = [cell for cell, score in public.cells.items() if score < _max_points(course, lesson, cell)]
        assert len(lost) >= 0.8 * len(public.cells), (lesson, record["lessons"][lesson], public.cells)
        # the variant's release leaks nothing of the variant's solutions
        from helpers import MARKERS, secret_lines

        released = (course / "lessons" / lesson / f"{lesson}.ipynb").read_text(encoding="utf-8")
        assert not MARKERS.search(released)
        secrets = secret_lines(nbformat.read(course / "solutions" / lesson / f"{lesson}.ipynb", as_version=4))
        assert [s for s in secrets if s in released] == []


def _max_points(course, lesson, cell_id):
    nb = nbformat.read(course / "solutions" / lesson / f"{lesson}.ipynb", as_version=4)
    for c in nb.cells:
        if c.metadata.get("nbgrader", {}).get("grade_id") == cell_id:
            return c.metadata["nbgrader"]["points"]
    raise KeyError(cell_id)


def test_course_variant_command_needs_a_seed(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "course_utils.cli", "variant", "--out", str(tmp_path / "x")],
                          cwd=ROOT, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert proc.returncode == 2 and "seed" in proc.stderr


def test_one_kernel_for_several_notebooks_starts_each_from_an_empty_namespace(tmp_path):
    """What the declared-variants test relies on: a name left by one notebook is gone in the next."""
    from nbformat.v4 import new_code_cell, new_notebook

    first = new_notebook(cells=[new_code_cell("leftover = 1")])
    second = new_notebook(cells=[new_code_cell("leftover")])
    execute_in_one_kernel([first, second], tmp_path)
    [error] = second.cells[0].outputs
    assert error.output_type == "error" and error.ename == "NameError"
