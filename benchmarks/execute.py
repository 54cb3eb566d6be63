"""How long each lesson takes to execute, as a ratio to the floor of an empty notebook (kernel start + shutdown).

Side by side in one run, interleaved and repeated, so a noisy shared machine moves both numbers together.
Goal: every lesson within 3x the floor, so the course stays fast to autograde.

    python benchmarks/execute.py [--repeat 3] [--autograde]

--autograde also times `nbgrader autograde` of one solution submission (one process, as `course autograde`
runs it) against the same floor.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def run(nb_path: Path | None, workdir: Path) -> float:
    nb = nbformat.read(nb_path, as_version=4) if nb_path else nbformat.v4.new_notebook()
    start = time.perf_counter()
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}).execute()
    return time.perf_counter() - start


def autograde_once(lesson: str, tmp: Path) -> float:
    sys.path.insert(0, str(ROOT))
    from course_utils.grading import autograde, generate

    course = tmp / "course"
    shutil.rmtree(course, ignore_errors=True)
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "solutions" / lesson, course / "solutions" / lesson)
    generate(course, lesson)
    sub = course / "submitted" / "student" / lesson
    sub.mkdir(parents=True)
    shutil.copy(ROOT / "solutions" / lesson / f"{lesson}.ipynb", sub)
    start = time.perf_counter()
    [result] = autograde(course, lesson)
    elapsed = time.perf_counter() - start
    assert result.status == "graded", result.reason
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--autograde", action="store_true")
    args = parser.parse_args()
    lessons = sorted(p for p in (ROOT / "solutions").glob("*/*.ipynb"))
    times: dict[str, list[float]] = {"(empty notebook)": []}
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        run(None, workdir)  # warm the disk cache and the kernel spec lookup once
        for _ in range(args.repeat):
            times["(empty notebook)"].append(run(None, workdir))
            for nb in lessons:
                times.setdefault(nb.stem, []).append(run(nb, workdir))
        floor = statistics.median(times["(empty notebook)"])
        print(f"{'notebook':32} {'median s':>9} {'x floor':>8}")
        for name, values in times.items():
            med = statistics.median(values)
            flag = "" if med / floor <= 3 or name.startswith("(") else "  above the 3x goal"
            print(f"{name:32} {med:9.2f} {med / floor:8.2f}{flag}")
        if args.autograde:
            lesson = lessons[0].stem
            seconds = autograde_once(lesson, workdir)
            print(f"{'autograde one ' + lesson:32} {seconds:9.2f} {seconds / floor:8.2f}")


if __name__ == "__main__":
    main()
