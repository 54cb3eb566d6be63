"""Autograde throughput with and without the grading sandbox, side by side on the same class.

Builds a class of full submissions (lesson 00 by default), then grades identical copies of it alternately without
and with the sandbox (course_utils/sandbox.py: a uid, file system, network and PID namespace of its own per
submission), ``--rounds`` times each, and prints both totals and their ratio.

    python benchmarks/sandbox.py [--students 4] [--rounds 2] [--workers 1] [--lessons 00-orientation]
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from autograde import build_class  # noqa: E402
from course_utils import sandbox  # noqa: E402
from course_utils.grading import autograde  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--lessons", nargs="*", default=["00-orientation"])
    args = parser.parse_args()
    missing = sandbox.missing()
    print("protections missing here: " + (", ".join(missing) if missing else "none (full isolation)"))
    totals = {False: 0.0, True: 0.0}
    scores = {False: [], True: []}
    with tempfile.TemporaryDirectory() as tmp:
        template = Path(tmp) / "template"
        build_class(template, args.lessons, args.students)
        for rnd in range(args.rounds):
            for sandboxed in ((False, True) if rnd % 2 == 0 else (True, False)):
                course = Path(tmp) / f"r{rnd}-{'sandbox' if sandboxed else 'plain'}"
                shutil.copytree(template, course)
                start = time.perf_counter()
                for lesson in args.lessons:
                    results = autograde(course, lesson, workers=args.workers, sandbox=sandboxed)
                    scores[sandboxed].append(sorted((r.student, r.status, r.auto_score) for r in results))
                totals[sandboxed] += time.perf_counter() - start
    n = args.students * len(args.lessons) * args.rounds
    print(f"{n} submissions each way ({args.students} students x {len(args.lessons)} lesson(s) x {args.rounds} "
          f"rounds, {args.workers} worker(s))")
    print(f"without the sandbox : {totals[False]:7.1f} s  ({totals[False] / n:.2f} s per submission)")
    print(f"with the sandbox    : {totals[True]:7.1f} s  ({totals[True] / n:.2f} s per submission)")
    print(f"ratio (sandbox / plain): {totals[True] / totals[False]:.3f}")
    print("same results both ways" if scores[True] == scores[False] else "RESULTS DIFFER")
    if scores[True] != scores[False]:
        sys.exit(1)


if __name__ == "__main__":
    main()
