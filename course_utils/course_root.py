"""Where the course is: the nearest folder holding ``nbgrader_config.py``, found without importing nbgrader or the
grading workflow (the doctor runs in a student's folder, where there may be no course at all).

    >>> nearest_course_root("lessons/00-orientation")        # the repository, or None
"""
from __future__ import annotations

import os
from pathlib import Path

CONFIG_FILE = "nbgrader_config.py"


def nearest_course_root(start: str | os.PathLike | None = None) -> Path | None:
    """The nearest folder at or above ``start`` (default: the current one) holding :data:`CONFIG_FILE`, or None."""
    here = Path(start or Path.cwd()).resolve()
    return next((folder for folder in (here, *here.parents) if (folder / CONFIG_FILE).is_file()), None)
