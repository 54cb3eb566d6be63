"""Shared fixtures: the repository's lessons, notebook execution with nbclient, temporary nbgrader courses."""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

# COURSE_ROOT runs the lesson tests on another copy of the course (tests/test_lesson_tool.py: a toy lesson)
ROOT = Path(os.environ.get("COURSE_ROOT") or Path(__file__).resolve().parents[1]).resolve()
SOLUTIONS = ROOT / "solutions"
LESSONS = ROOT / "lessons"
# nbgrader runs `alembic` (a script of this environment) when it creates a gradebook: put it on PATH even
# when the virtual environment was not activated (`make test` runs .venv/bin/python directly).
os.environ["PATH"] = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")

LESSON_IDS = sorted(p.name for p in SOLUTIONS.iterdir() if p.is_dir() and not p.name.startswith("."))


def execute_notebook(path: Path, workdir: Path, *, allow_errors: bool = False, timeout: int = 180):
    """Execute a notebook with nbclient in ``workdir`` (a student's folder); return the executed notebook."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=allow_errors,
                            resources={"metadata": {"path": str(workdir)}})
    client.execute()
    return nb


def grade_cells(nb) -> list:
    return [c for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade")]


def make_course(tmp: Path, lessons: list[str]) -> Path:
    """A temporary nbgrader course directory holding the repo's config and the given lessons' solutions."""
    tmp.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "nbgrader_config.py", tmp / "nbgrader_config.py")
    for lesson in lessons:
        shutil.copytree(SOLUTIONS / lesson, tmp / "solutions" / lesson)
    return tmp


def nbgrader_api(course: Path):
    """nbgrader's own API for a course directory, configured from its nbgrader_config.py (in-process)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    config.CourseDirectory.root = str(course)
    coursedir = CourseDirectory(config=config)
    return NbGraderAPI(coursedir=coursedir, config=config)


def generate(course: Path, lessons: list[str]) -> None:
    api = nbgrader_api(course)
    for lesson in lessons:
        result = api.generate_assignment(lesson, force=True)
        assert result["success"], f"generate_assignment {lesson} failed:\n{result.get('error')}\n{result.get('log')}"


@pytest.fixture(scope="session")
def generated_course(tmp_path_factory) -> Path:
    """All lessons generated once, in a temporary course directory, from the solutions as they are now."""
    course = make_course(tmp_path_factory.mktemp("course"), LESSON_IDS)
    generate(course, LESSON_IDS)
    return course


def course_with_release(tmp: Path, lesson: str):
    """A temporary course with ``lesson`` generated: (course folder, released notebook, solutions notebook)."""
    course = make_course(tmp, [lesson])
    generate(course, [lesson])
    release = nbformat.read(course / "lessons" / lesson / f"{lesson}.ipynb", as_version=4)
    solution = nbformat.read(SOLUTIONS / lesson / f"{lesson}.ipynb", as_version=4)
    return course, release, solution
