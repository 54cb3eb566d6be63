"""Helpers shared by the tests: where things are, temporary nbgrader courses, and submissions made from a release.

Every test file imports what it needs from here (``from helpers import ...``); no test file imports another one.
To add a grading test: ``course, release, solution = course_with_release(tmp_path, LESSON)``, write notebooks made
with :func:`answered` under ``course / "submitted" / STUDENT / LESSON``, and call ``course_utils.grading.autograde``.
"""
from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import nbformat

# COURSE_ROOT runs the lesson tests on another copy of the course (tests/test_lesson_tool.py: a toy lesson)
ROOT = Path(os.environ.get("COURSE_ROOT") or Path(__file__).resolve().parents[1]).resolve()
SOLUTIONS = ROOT / "solutions"
LESSONS = ROOT / "lessons"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LESSON_IDS = sorted(p.name for p in SOLUTIONS.iterdir() if p.is_dir() and not p.name.startswith("."))

LESSON = "00-orientation"  # the pilot lesson that the grading tests use
FULL = 8.0  # its autograded points: Q1-Q4, 2 points each; Q5 (3 points) is graded by hand
SOLUTION_RE = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION\n?", re.S)
MARKERS = re.compile(r"### (BEGIN|END) (SOLUTION|HIDDEN TESTS)")


# ------------------------------------------------------------------------------------------------- notebooks

def execute_notebook(path: Path, workdir: Path, *, allow_errors: bool = False, timeout: int = 180):
    """Execute a notebook with nbclient in ``workdir`` (a student's folder); return the executed notebook."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=allow_errors,
                            resources={"metadata": {"path": str(workdir)}})
    client.execute()
    return nb


def execute_in_one_kernel(notebooks: list, workdir: Path, *, timeout: int = 180) -> list:
    """Execute several notebooks one after the other in one kernel, its namespace cleared (``%reset -f``) before
    each; errors are kept as outputs. For variants of one lesson: the kernel's start and the libraries' imports are
    paid once instead of once per variant. Modules stay imported, so this fits notebooks that change no module state
    (course_utils' ``load`` hands out copies)."""
    from nbclient import NotebookClient
    from nbformat.v4 import new_code_cell

    client = NotebookClient(notebooks[0], timeout=timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(workdir)}})
    with client.setup_kernel():
        for nb in notebooks:
            nb.cells.insert(0, new_code_cell("%reset -f"))  # (nbclient stores each cell at its index in nb)
            client.nb = nb
            try:
                for index, cell in enumerate(nb.cells):
                    client.execute_cell(cell, index, store_history=index > 0)
            finally:
                del nb.cells[0]
    return notebooks


def grade_id(cell) -> str:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")


def grade_cells(nb) -> list:
    return [c for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade")]


def cell_index(nb, gid: str) -> int:
    return next(i for i, c in enumerate(nb.cells) if grade_id(c) == gid)


def secret_lines(nb) -> set[str]:
    """Lines between solution or hidden-test markers in the instructor notebook."""
    secret = set()
    for cell in nb.cells:
        inside = False
        for line in cell.source.splitlines():
            if MARKERS.search(line):
                inside = line.strip().startswith("### BEGIN")
                continue
            text = line.strip()
            if inside and len(text) >= 12 and not text.startswith("#"):
                secret.add(text)
    return secret


def table_rows(name: str) -> int:
    """Rows of a shipped table as declared in datasets/datapackage.json (its ``rows`` or, without them,
    counted from the CSV file the resource names)."""
    package = json.loads((ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
    [resource] = [r for r in package["resources"] if r["name"] == name]
    rows = resource.get("rows", resource.get("stats", {}).get("rows"))
    if rows is not None:
        return int(rows)
    with (ROOT / "datasets" / resource["path"]).open(encoding="utf-8") as fh:
        return sum(1 for _ in fh) - 1


# ----------------------------------------------------------------------------------------------- submissions

def solution_code(cell_source: str) -> str:
    """An answer cell as a student who got it right would leave it (the solution without markers)."""
    return SOLUTION_RE.sub(lambda m: m.group(1), cell_source)


def answered(release, solution, wrong=(), override=None):
    """The release with every answer cell filled in from the solution, except ``wrong`` and ``override``."""
    nb = copy.deepcopy(release)
    sol = {grade_id(c): c for c in solution.cells}
    for cell in nb.cells:
        gid = grade_id(cell)
        if gid.endswith("_answer"):
            q = gid.split("_")[0]
            if override and q in override:
                cell.source = override[q]
            elif q in wrong:
                cell.source = cell.source.split("\n")[0].replace("...", "-1")  # a wrong number
            else:
                cell.source = solution_code(sol[gid].source)
    return nb


def solution_answer(solution, gid: str) -> str:
    return solution_code(solution.cells[cell_index(solution, gid)].source)


def submit(course: Path, student: str, nb, lesson: str = LESSON) -> Path:
    """Put ``nb`` where nbgrader's autograde looks for it: submitted/STUDENT/LESSON/LESSON.ipynb."""
    where = course / "submitted" / student / lesson
    where.mkdir(parents=True, exist_ok=True)
    path = where / f"{lesson}.ipynb"
    nbformat.write(nb, path)
    return path


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------------------------------------------- courses

def make_course(tmp: Path, lessons: list[str], config_extra: str = "") -> Path:
    """A temporary nbgrader course directory holding the repo's config (plus ``config_extra`` lines) and the
    given lessons' solutions."""
    tmp.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "nbgrader_config.py", tmp / "nbgrader_config.py")
    if config_extra:
        with (tmp / "nbgrader_config.py").open("a", encoding="utf-8") as fh:
            fh.write("\n" + config_extra.strip() + "\n")
    for lesson in lessons:
        shutil.copytree(SOLUTIONS / lesson, tmp / "solutions" / lesson)
    return tmp


def nbgrader_api(course: Path):
    """nbgrader's own API for a course directory, configured from its nbgrader_config.py (in-process)."""
    from course_utils.grading import nbgrader_api as api

    return api(course)


def generate(course: Path, lessons: list[str]) -> None:
    api = nbgrader_api(course)
    for lesson in lessons:
        result = api.generate_assignment(lesson, force=True)
        assert result["success"], f"generate_assignment {lesson} failed:\n{result.get('error')}\n{result.get('log')}"


def course_with_release(tmp: Path, lesson: str, config_extra: str = ""):
    """A temporary course with ``lesson`` generated: (course folder, released notebook, solutions notebook)."""
    course = make_course(tmp, [lesson], config_extra)
    generate(course, [lesson])
    release = nbformat.read(course / "lessons" / lesson / f"{lesson}.ipynb", as_version=4)
    solution = nbformat.read(SOLUTIONS / lesson / f"{lesson}.ipynb", as_version=4)
    return course, release, solution


def table_names() -> list[str]:
    """The tables datasets/datapackage.json declares, in its order."""
    package = json.loads((ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
    return [r["name"] for r in package["resources"]]
