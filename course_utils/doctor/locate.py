"""Which notebook the doctor checks, and the released lesson it is compared with.

A student's folder may hold nothing but the notebook; where the course repository is above it (a folder holding
``nbgrader_config.py`` and ``lessons/NN-slug/NN-slug.ipynb``) the release is found there. Nothing here imports
nbgrader or the grading workflow.
"""
from __future__ import annotations

import os
from pathlib import Path

from .. import notebook_model as model
from ..course_root import nearest_course_root

__all__ = ["DoctorError", "find_notebook", "find_release", "is_graded_copy"]

RELEASE_FOLDER = "lessons"  # nbgrader_config.py: c.CourseDirectory.release_directory
SOURCE_FOLDER = "solutions"  # nbgrader_config.py: c.CourseDirectory.source_directory


class DoctorError(RuntimeError):
    """No notebook to check (the message says why)."""


def _is_lesson_file(path: Path) -> bool:
    try:
        nb = model.read(path)
    except Exception:  # noqa: BLE001 - an unreadable file is not a lesson notebook for the search
        return False
    return model.is_lesson_notebook(nb)


def find_notebook(folder: str | os.PathLike | None = None) -> Path:
    """The only lesson notebook in ``folder`` (default: the current folder)."""
    folder = Path(folder or Path.cwd())
    candidates = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    lessons = [p for p in candidates if _is_lesson_file(p)]
    if len(lessons) == 1:
        return lessons[0]
    if not lessons:
        if len(candidates) == 1:
            return candidates[0]
        raise DoctorError(f"no lesson notebook in {folder}: name the notebook to check, "
                          "e.g. `course doctor 00-orientation.ipynb`")
    names = ", ".join(p.name for p in lessons)
    raise DoctorError(f"{len(lessons)} lesson notebooks in {folder} ({names}): name the one to check")


def find_release(path: str | os.PathLike) -> Path | None:
    """``lessons/<stem>/<stem>.ipynb`` of the course repository above the notebook, if there is one."""
    path = Path(path).resolve()
    root = nearest_course_root(path.parent)
    if root is None:
        return None
    release = root / RELEASE_FOLDER / path.stem / f"{path.stem}.ipynb"
    return release if release.is_file() else None


def is_graded_copy(path: str | os.PathLike) -> bool:
    """A notebook that holds hidden tests but is not in the instructors' source folder: nbgrader's graded copy."""
    try:
        nb = model.read(path)
    except Exception:  # noqa: BLE001 - not a notebook: not a graded copy either
        return False
    return (any(model.has_hidden_tests(c.source) for c in nb.cells)
            and Path(path).resolve().parent.parent.name != SOURCE_FOLDER)
