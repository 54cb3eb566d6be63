"""Autograding a class: plain serial `nbgrader autograde` against `course autograde --workers 2`, side by side.

Builds a synthetic class (N students x every lesson: a mix of full, partial, blank and hostile submissions), grades
one copy of it with nbgrader's own serial autograde (one process per lesson for the whole class, the course's
nbgrader_config.py) and an identical copy with `course autograde LESSON... --workers 2` (long-lived workers, every
lesson in one queue, each kernel in the grading sandbox and forked from the worker's kernel template, which imported
the lessons' libraries once: course_utils/kernel_template.py), checks that every submission both graded got the same
score, and prints the times, their ratio, where the workers' time went (per phase, per submission) and the machine's
load average (the machine may be shared). benchmarks/README.md explains the phases.

    python benchmarks/autograde.py [--students 40] [--lessons 00-orientation 03-measuring-the-burden ...] [--no-fork]
"""
from __future__ import annotations

import argparse
import copy
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from course_utils.grading import autograde, read_result, tool_env  # noqa: E402

SOLUTION_RE = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION\n?", re.S)


PHASES = {  # the phases each worker times per submission (course_utils/autograde_worker.py)
    "kernel_start": "launch the sandboxed kernel (fork from the template, or a new Python) until it answers",
    "cells": "run the notebook's cells (with a new process: also the lesson's imports)",
    "kernel_stop": "shut the kernel down",
    "nbgrader": "the rest of nbgrader's Autograde: read, check and restore cells, gradebook, write",
}


def grade_id(cell) -> str:
    return cell.metadata.get("nbgrader", {}).get("grade_id", "")


def submission(kind: str, release, solution):
    """full | partial (first answer wrong) | blank | deleted (a test cell deleted) | invalid (not JSON)."""
    if kind == "invalid":
        return None
    if kind == "blank":
        return release
    nb = copy.deepcopy(release)
    sol = {grade_id(c): c for c in solution.cells}
    first = True
    for cell in nb.cells:
        gid = grade_id(cell)
        if gid.endswith("_answer"):
            if kind == "partial" and first:
                cell.source = cell.source.split("\n")[0].replace("...", "None")
            else:
                cell.source = SOLUTION_RE.sub(lambda m: m.group(1), sol[gid].source)
            first = False
    if kind == "deleted":
        tests = [i for i, c in enumerate(nb.cells) if grade_id(c).endswith("_tests")]
        del nb.cells[tests[-1]]
    return nb


def build_class(course: Path, lessons: list[str], students: int) -> None:
    course.mkdir(parents=True)
    shutil.copy(ROOT / "nbgrader_config.py", course)
    for lesson in lessons:
        shutil.copytree(ROOT / "solutions" / lesson, course / "solutions" / lesson)
        subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", lesson, "--force"], cwd=course,
                       env=tool_env(), check=True, capture_output=True)
    # every run of 10 students: 4 full, 2 partial, 2 blank, 1 with a deleted test cell, 1 not valid JSON
    kinds = ["full", "partial", "blank", "full", "deleted", "full", "partial", "invalid", "full", "blank"]
    for lesson in lessons:
        release = nbformat.read(course / "lessons" / lesson / f"{lesson}.ipynb", as_version=4)
        solution = nbformat.read(ROOT / "solutions" / lesson / f"{lesson}.ipynb", as_version=4)
        for i in range(students):
            kind = kinds[i % len(kinds)]
            folder = course / "submitted" / f"s{i:03d}-{kind}" / lesson
            folder.mkdir(parents=True)
            nb = submission(kind, release, solution)
            path = folder / f"{lesson}.ipynb"
            if nb is None:
                path.write_text('{"cells": [ not json', encoding="utf-8")
            else:
                nbformat.write(nb, path)
            # a student's saved argument travels with the submission, as it would
            for extra in (ROOT / "solutions" / lesson).glob("*.argument.json"):
                shutil.copy(extra, folder)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=40)
    parser.add_argument("--lessons", nargs="*")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--no-fork", action="store_true",
                        help="start each kernel as a new process (no kernel template), to compare")
    args = parser.parse_args()
    lessons = args.lessons or sorted(p.name for p in (ROOT / "solutions").iterdir() if p.is_dir())
    load_start = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        serial_course, parallel_course = Path(tmp) / "serial", Path(tmp) / "parallel"
        build_class(serial_course, lessons, args.students)
        shutil.copytree(serial_course, parallel_course)
        students = sorted(p.name for p in (serial_course / "submitted").iterdir())

        start = time.perf_counter()
        for lesson in lessons:  # nbgrader's own serial autograde of the whole class, one process per lesson
            subprocess.run([sys.executable, "-m", "nbgrader", "autograde", lesson, "--force"], cwd=serial_course,
                           env=tool_env(), capture_output=True)
        serial = time.perf_counter() - start

        start = time.perf_counter()
        results = {(r.assignment, r.student): r for r in autograde(parallel_course, lessons, workers=args.workers,
                                                                   fork_kernels=not args.no_fork)}
        parallel = time.perf_counter() - start

        same = differ = failed = 0
        for (lesson, student), r in results.items():
            if r.status != "graded":
                failed += 1
                continue
            plain = read_result(serial_course, lesson, student)
            if plain.status == "graded" and plain.auto_score == r.auto_score:
                same += 1
            else:
                differ += 1
                print(f"  DIFFERENT: {lesson} {student}: nbgrader {plain.auto_score} vs course {r.auto_score}")
        n = len(students) * len(lessons)
        print(f"class: {len(students)} students x {len(lessons)} lessons = {n} submissions")
        print(f"plain serial nbgrader autograde : {serial:8.1f} s  ({serial / n:.2f} s per submission)")
        forked = sum(r.forked for r in results.values())
        print(f"course autograde --workers {args.workers}    : {parallel:8.1f} s  ({parallel / n:.2f} s per submission, "
              f"{args.workers} long-lived workers, sandboxed kernels, {forked} of {n} forked from a kernel template)")
        print(f"speed-up (serial / course)      : {serial / parallel:8.2f}x")
        print(f"identical scores: {same} same, {differ} different; {failed} reported failed by course autograde "
              f"(nbgrader's serial run exports those as 0)")
        timed = [r for r in results.values() if r.seconds]
        if timed:
            total = sum(r.seconds for r in timed)
            print(f"where course autograde's time goes ({len(timed)} submissions graded in workers, "
                  f"{total / len(timed):.2f} s each on average, seconds per submission):")
            for phase, what in PHASES.items():
                value = sum(r.phases.get(phase, 0.0) for r in timed) / len(timed)
                print(f"  {phase:<13}{value:6.2f}  {what}")
            rest = parallel * args.workers - total
            print(f"  {'outside':<13}{rest / n:6.2f}  worker start-up (nbgrader and the template's imports), "
                  f"validation, results, idle workers at the end of the queue ({rest:.1f} worker-seconds)")
        print("load average (1, 5, 15 min) at start: {:.1f} {:.1f} {:.1f}; at end: {:.1f} {:.1f} {:.1f}".format(
            *load_start, *os.getloadavg()))
        if differ:
            sys.exit(1)


if __name__ == "__main__":
    main()
