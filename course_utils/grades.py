"""Grades out of the gradebook: one CSV for any LMS, a Canvas-style gradebook, and the class status.

A submission that could not be graded is exported as ``failed`` with an empty score and its reason, never as a 0
that looks like a blank submission.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from .grading import gradebook_url, read_status


@dataclass
class GradeRow:
    student_id: str
    lesson: str
    score: float | None
    max_score: float
    late: bool
    status: str  # graded | needs_manual | failed | missing
    reason: str = ""


def grade_rows(root: Path) -> list[GradeRow]:
    from nbgrader.api import Gradebook, MissingEntry

    root = Path(root)
    status = read_status(root)
    rows: list[GradeRow] = []
    with Gradebook(gradebook_url(root)) as gb:
        lessons = sorted(a.name for a in gb.assignments)
        students = sorted({s.id for s in gb.students} | {s for lesson in status.values() for s in lesson})
        for lesson in lessons:
            max_score = gb.find_assignment(lesson).max_score
            for student in students:
                record = status.get(lesson, {}).get(student)
                if record and record["status"] == "failed":
                    rows.append(GradeRow(student, lesson, None, max_score, False, "failed", record["reason"]))
                    continue
                try:
                    sub = gb.find_submission(lesson, student)
                except MissingEntry:
                    rows.append(GradeRow(student, lesson, None, max_score, False, "missing"))
                    continue
                state = "needs_manual" if sub.needs_manual_grade else "graded"
                score = max(0.0, sub.score - (sub.late_submission_penalty or 0.0))
                rows.append(GradeRow(student, lesson, round(score, 2), max_score,
                                     bool(sub.total_seconds_late and sub.total_seconds_late > 0), state))
    return rows


def export(root: Path, out_dir: Path | None = None) -> tuple[Path, Path]:
    """Write grades.csv (long: one row per student and lesson) and canvas_gradebook.csv; return both paths."""
    root = Path(root)
    out_dir = Path(out_dir or root)
    out_dir.mkdir(parents=True, exist_ok=True)
    rows = grade_rows(root)
    long_path = out_dir / "grades.csv"
    with long_path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["student_id", "lesson", "score", "max_score", "late", "status", "reason"])
        for r in rows:
            w.writerow([r.student_id, r.lesson, "" if r.score is None else f"{r.score:g}", f"{r.max_score:g}",
                        "yes" if r.late else "no", r.status, r.reason])
    lessons = sorted({r.lesson for r in rows})
    maxima = {r.lesson: r.max_score for r in rows}
    by_student: dict[str, dict[str, GradeRow]] = {}
    for r in rows:
        by_student.setdefault(r.student_id, {})[r.lesson] = r
    canvas_path = out_dir / "canvas_gradebook.csv"
    with canvas_path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *lessons])
        w.writerow(["    Points Possible", "", "", "", "", *[f"{maxima[lesson]:g}" for lesson in lessons]])
        for student in sorted(by_student):
            cells = []
            for lesson in lessons:
                r = by_student[student].get(lesson)
                cells.append("" if r is None or r.score is None else f"{r.score:g}")
            w.writerow([student, "", "", student, "", *cells])
    return long_path, canvas_path


def class_status(root: Path) -> list[dict]:
    """Per lesson and student: submitted / graded / needs manual grading / failed (why) / not submitted."""
    root = Path(root)
    status = read_status(root)
    submitted = {(p.parent.name, p.name) for p in (root / "submitted").glob("*/*") if p.is_dir()}
    url = gradebook_url(root)
    exists = not url.startswith("sqlite:///") or Path(url[len("sqlite:///"):]).exists()
    graded = {(r.student_id, r.lesson): r for r in grade_rows(root)} if exists else {}
    lessons = sorted({lesson for _, lesson in submitted} | set(status))
    students = sorted({s for s, _ in submitted} | {s for v in status.values() for s in v})
    table = []
    for lesson in lessons:
        for student in students:
            rec = status.get(lesson, {}).get(student)
            row = graded.get((student, lesson))
            if rec and rec["status"] == "failed":
                state, why = "failed", rec["reason"]
            elif row and row.status in ("graded", "needs_manual"):
                state, why = row.status, ""
            elif (student, lesson) in submitted:
                state, why = "submitted", "not autograded yet"
            else:
                continue
            table.append({"lesson": lesson, "student": student, "status": state, "reason": why,
                          "score": None if not row else row.score, "max": None if not row else row.max_score})
    return table
