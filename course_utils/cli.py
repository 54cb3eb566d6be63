"""The `course` command: the instructor's workflow over nbgrader, run from anywhere inside the course folder.

    course generate [NN-slug ...]          solutions/ -> lessons/ (all lessons if none named)
    course autograde NN-slug [--workers N] [--timeout S]
                                           grade every submission in submitted/, one process per submission;
                                           a bad submission is reported as failed with its reason
    course variant --seed-file PATH --out DIR
                                           a private course directory for a graded class: every lesson with
                                           parameters picked by the secret seed (or $COURSE_VARIANT_SEED)
"""
from __future__ import annotations

import argparse
import sys

from . import grading


def _lessons(root, names):
    if names:
        return names
    return sorted(p.name for p in (root / "solutions").iterdir() if p.is_dir() and not p.name.startswith("."))


def cmd_generate(args) -> int:
    root = grading.find_course_root()
    for lesson in _lessons(root, args.lessons):
        grading.generate(root, lesson)
        print(f"generated lessons/{lesson}")
    return 0


def cmd_autograde(args) -> int:
    root = grading.find_course_root()

    def progress(result: grading.SubmissionResult) -> None:
        if result.status == "graded":
            print(f"  {result.student:24} graded  {result.auto_score:g}/{result.auto_max:g}"
                  + ("  (needs manual grading)" if result.needs_manual else ""), flush=True)
        else:
            print(f"  {result.student:24} FAILED  {result.reason}", flush=True)

    print(f"autograding {args.lesson} with {args.workers} worker(s)")
    results = grading.autograde(root, args.lesson, workers=args.workers, cell_timeout=args.timeout,
                                progress=progress)
    graded = [r for r in results if r.status == "graded"]
    failed = [r for r in results if r.status != "graded"]
    print(f"\n{len(results)} submissions: {len(graded)} graded, {len(failed)} failed, "
          f"{sum(r.needs_manual for r in graded)} need manual grading")
    for r in failed:
        print(f"  failed: {r.student}: {r.reason}")
    return 1 if failed else 0


def cmd_variant(args) -> int:
    import os
    from pathlib import Path

    from . import variants

    root = grading.find_course_root()
    if args.seed_file:
        seed = Path(args.seed_file).read_text(encoding="utf-8").strip()
    else:
        seed = args.seed or os.environ.get("COURSE_VARIANT_SEED", "")
    if not seed:
        print("course: give --seed-file PATH (or --seed, or set COURSE_VARIANT_SEED); keep the seed out of the "
              "public repository", file=sys.stderr)
        return 2
    try:
        record = variants.make_variant_course(root, seed, Path(args.out), args.lessons or None)
    except variants.VariantError as exc:
        print(f"course: {exc}", file=sys.stderr)
        return 2
    for lesson, choice in record["lessons"].items():
        values = ", ".join(f"{k}={v!r}" for k, v in choice["parameters"].items())
        print(f"  {lesson:32} variant {choice['variant']}: {values}")
    print(f"variant course written to {args.out} (record: {args.out}/variant.json); run the class from there")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="course", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("generate", help="regenerate lessons/ from solutions/")
    p.add_argument("lessons", nargs="*")
    p.set_defaults(func=cmd_generate)
    p = sub.add_parser("autograde", help="autograde every submission of a lesson")
    p.add_argument("lesson")
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--timeout", type=int, default=60, help="seconds a cell may run (default 60)")
    p.set_defaults(func=cmd_autograde)
    p = sub.add_parser("variant", help="write a private variant of the course for a graded class")
    p.add_argument("--seed", help="the class's secret (prefer --seed-file: a command line is visible to others)")
    p.add_argument("--seed-file", help="a file holding the secret seed, kept outside the public repository")
    p.add_argument("--out", required=True, help="the private course directory to write (outside this repo)")
    p.add_argument("lessons", nargs="*")
    p.set_defaults(func=cmd_variant)
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except grading.GradingError as exc:
        print(f"course: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
