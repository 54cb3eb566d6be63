"""A pre-submit doctor for students: what in my notebook will go wrong when it is graded, and how do I fix it?

    course doctor                          the only lesson notebook in the current folder
    course doctor lessons/00-orientation/00-orientation.ipynb

or, as the last cell of a lesson (it checks the notebook as last saved: save first)::

    from course_utils.doctor import run_in_notebook; run_in_notebook()

A student on a JupyterHub has only their own folder, so the reference is the notebook itself: nbgrader writes its
metadata (``grade_id``, ``checksum``, ``points``, ``locked``, ``cell_type``) into every graded, answer and read-only
cell of the release. Where the course repository is reachable (a folder above the notebook holds
``nbgrader_config.py`` and ``lessons/NN-slug/NN-slug.ipynb``), the released notebook is compared too.

Findings, each with a plain-language fix: a graded cell deleted, duplicated (plain ``nbgrader autograde`` stops the
whole class on it) or changed to another cell type; a read-only cell edited; an unanswered question; an argument
that was never saved; a parameter cell whose values are not the lesson's.

The package, by what a reader looks for:

- :mod:`.report`   the checks and the findings (:func:`doctor_report`, :class:`Problem`);
- :mod:`.locate`   which notebook to check and the release to compare it with (no import of the grading workflow);
- :mod:`.command`  how a report is printed: ``course doctor``, ``course doctor --grading``, the notebook's cell.
"""
from __future__ import annotations

from .command import format_report, grading_report, main, run_in_notebook
from .locate import DoctorError, find_notebook, find_release
from .report import KINDS, Problem, doctor_report

__all__ = ["KINDS", "Problem", "DoctorError", "doctor_report", "find_notebook", "find_release", "format_report",
           "run_in_notebook", "main", "grading_report"]
