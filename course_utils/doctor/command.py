"""The doctor's two front ends, and how they print a report: ``course doctor [NOTEBOOK]`` and ``course doctor
--grading`` (:func:`main`, :func:`grading_report`), and a lesson's "Before you submit" cell (:func:`run_in_notebook`).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Iterable

from .locate import DoctorError, find_notebook, is_graded_copy
from .report import Problem, doctor_report

__all__ = ["format_report", "run_in_notebook", "main", "grading_report"]


def format_report(problems: Iterable[Problem], path: str | os.PathLike) -> str:
    problems = list(problems)
    name = Path(path).name
    if not problems:
        return f"✓ {name}: all clear. Nothing found that would go wrong when it is graded."
    lines = [f"{name}: {len(problems)} problem{'s' if len(problems) != 1 else ''} to fix before you submit", ""]
    lines += [str(p) for p in problems]
    return "\n".join(lines)


def run_in_notebook(path: str | os.PathLike | None = None) -> list[Problem]:
    """Print the doctor's report for the lesson notebook in the kernel's working directory (its own folder).

    The file on disk is checked: save the notebook (Ctrl+S) before running this cell.
    """
    import datetime

    try:
        target = Path(path) if path else find_notebook()
        if is_graded_copy(target):
            # the autograder runs this cell in a copy that holds the hidden tests again: nothing here concerns the
            # student, and the feedback must not call their notebook "the instructors' source"
            print("(graded copy: the doctor checks your own notebook before you submit; nothing to check here)")
            return []
        problems = doctor_report(target)
    except DoctorError as exc:
        print(f"course doctor: {exc}")
        return []
    saved = datetime.datetime.fromtimestamp(target.stat().st_mtime).strftime("%H:%M:%S")
    print(f"(checked {target.name} as last saved at {saved}; save with Ctrl+S first to check your latest work)\n")
    print(format_report(problems, target))
    return problems


def main(notebook: str | None = None, release: str | None = None) -> int:
    """``course doctor [NOTEBOOK]``: print the report; 0 when all clear, 1 when there are problems, 2 on error."""
    try:
        target = Path(notebook) if notebook else find_notebook()
        problems = doctor_report(target, release=release)
    except DoctorError as exc:
        print(f"course doctor: {exc}", file=sys.stderr)
        return 2
    print(format_report(problems, target))
    return 1 if problems else 0


def grading_report() -> int:
    """``course doctor --grading``: which protections the grading sandbox gives here; 0 all, 1 some missing."""
    from ..sandbox import PROTECTIONS, capabilities

    found = capabilities()
    what = {"identity": "a user id of its own per submission",
            "filesystem": "sees only its working copy, the system and the course package",
            "network": "no network, not even 127.0.0.1 (hub, proxy, PostgreSQL)",
            "environment": "no tokens or other variables of the grader's environment",
            "limits": "memory, processes, open files, file size and CPU limits; no process outlives grading"}
    for name in PROTECTIONS:
        why = found.get(name, "not checked")
        print(f"{'✓' if not why else '✗'} {name:12} {what[name]}" + (f"\n  missing: {why}" if why else ""))
    missing = [n for n in PROTECTIONS if found.get(n)]
    print("\nfull isolation: student code can reach nothing but its own submission" if not missing else
          f"\n{len(missing)} protection(s) missing: `course autograde --require-isolation` will refuse to grade")
    return 1 if missing else 0
