"""The `course` command: the instructor's workflow over nbgrader (generate, release, collect, autograde, feedback,
grades), and the tools of students (doctor, check) and authors (lesson), run from anywhere inside the course folder.

    course --help              every command, one line each
    course COMMAND --help      what a command takes
"""
from __future__ import annotations

import argparse
import sys

from . import grading


def _lessons(root, names):
    if names:
        return names
    source = grading.folder(root, "source_directory")
    return sorted(p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith("."))


def cmd_generate(args) -> int:
    root = grading.find_course_root()
    for lesson in _lessons(root, args.lessons):
        grading.generate(root, lesson)
        print(f"generated lessons/{lesson}")
    return 0


def _table(rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows)


def cmd_release(args) -> int:
    root = grading.find_course_root()
    grading.release(root, args.lesson)
    print(f"released {args.lesson}: students can fetch it (Assignments tab, or `nbgrader fetch_assignment`)")
    return 0


def cmd_collect(args) -> int:
    root = grading.find_course_root()
    grading.collect(root, args.lesson, check_owner=not args.no_owner_check)
    folders = grading.submitted_students(root, args.lesson)
    print(f"collected {args.lesson}: {len(folders)} submission(s) in "
          f"{grading.course_directory(root).submitted_directory}/")
    return 0


def cmd_feedback(args) -> int:
    root = grading.find_course_root()
    grading.feedback(root, args.lesson, release_to_students=args.release)
    files = sorted(grading.folder(root, "feedback_directory").glob(f"*/{args.lesson}/*.html"))
    print(f"feedback for {args.lesson}: {len(files)} file(s) in feedback/"
          + (" and released to students" if args.release else " (add --release to send it)"))
    return 0


def cmd_grades(args) -> int:
    from . import grades

    root = grading.find_course_root()
    long_path, canvas_path = grades.export(root, args.out)
    print(f"wrote {long_path} (one row per student and lesson) and {canvas_path} (Canvas gradebook import)")
    return 0


def cmd_status(args) -> int:
    from . import grades

    root = grading.find_course_root()
    rows = grades.class_status(root)
    if not rows:
        print("nothing submitted yet")
        return 0
    body = [["lesson", "student", "status", "score", "why"]]
    for r in rows:
        score = "" if r["score"] is None else f"{r['score']:g}/{r['max']:g}"
        why = "; ".join([r["reason"]] * bool(r["reason"]) + r.get("flags", []))
        body.append([r["lesson"], r["student"], r["status"] + (" (flagged)" if r.get("flags") else ""), score, why])
    print(_table(body))
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["status"]] = counts.get(r["status"], 0) + 1
    print("\n" + ", ".join(f"{n} {k}" for k, n in sorted(counts.items())))
    return 0


class Progress:
    """One status line on a terminal (done/left, failures, elapsed time); silent when output is not a terminal."""

    def __init__(self, total: int, stream=None):
        import time

        self.stream = stream or sys.stdout
        self.total, self.done, self.failed = total, 0, 0
        self.start = time.monotonic()
        self.live = self.stream.isatty()

    def __call__(self, result: grading.SubmissionResult) -> None:
        import time

        self.done += 1
        self.failed += result.status != "graded"
        if self.live:
            minutes, seconds = divmod(int(time.monotonic() - self.start), 60)
            self.stream.write(f"\r  {self.done}/{self.total} done, {self.total - self.done} left, "
                              f"{self.failed} failed, {minutes}:{seconds:02d} elapsed ")
            self.stream.flush()

    def close(self) -> None:
        if self.live:
            self.stream.write("\n")
            self.stream.flush()


def cmd_autograde(args) -> int:
    root = grading.find_course_root()
    from . import sandbox

    missing = {} if args.no_sandbox else sandbox.missing()
    if args.require_isolation and (args.no_sandbox or missing):
        print("course: --require-isolation: refusing to grade, "
              + ("--no-sandbox was given" if args.no_sandbox else "this machine cannot give every protection:"),
              file=sys.stderr)
        for name, why in missing.items():
            print(f"  missing {name}: {why}", file=sys.stderr)
        return 2
    use_sandbox = False if args.no_sandbox else sandbox.available()
    timeout = args.timeout if args.timeout is not None else grading.course_cell_timeout(root)
    total = sum(len(grading.submitted_students(root, lesson)) for lesson in args.lessons)
    print(f"autograding {', '.join(args.lessons)}: {total} submission(s), {args.workers} worker(s), "
          f"{timeout} s per cell")
    if not use_sandbox:
        print("  WARNING: grading without the sandbox: students' code can read files the grader can read "
              "(solutions, gradebook). " + ("(--no-sandbox)" if args.no_sandbox else
                                             "This machine cannot make a private mount namespace."))
    elif missing:
        print("  WARNING: the grading sandbox lacks " + "; ".join(f"{k}: {v}" for k, v in missing.items())
              + " (`course doctor --grading` explains; --require-isolation refuses to grade like this)")
    from . import kernel_template

    no_fork = kernel_template.usable() if use_sandbox else ""
    if no_fork:
        print(f"  note: each kernel starts as a new process, importing the lesson's libraries again (slower): {no_fork}")
    progress = Progress(total)
    try:
        results = grading.autograde(root, args.lessons, workers=args.workers, cell_timeout=timeout,
                                    sandbox=use_sandbox, progress=progress)
    finally:
        progress.close()
    graded = [r for r in results if r.status == "graded"]
    failed = [r for r in results if r.status != "graded"]
    if use_sandbox and not no_fork and graded and not any(r.forked for r in graded):
        print("  note: the workers' kernel templates did not start, so each kernel started as a new process "
              "(slower; grading is the same)")
    flagged = [r for r in graded if r.flags]
    print(f"\n{len(results)} submissions: {len(graded)} graded, {len(failed)} failed, "
          f"{sum(r.needs_manual for r in graded)} need manual grading, {len(flagged)} flagged")
    for r in graded:
        print(f"  {r.assignment + '  ' if len(args.lessons) > 1 else ''}{r.student:24} {r.auto_score:g}/"
              f"{r.auto_max:g}" + ("  (needs manual grading)" if r.needs_manual else ""))
    for r in flagged:
        print(f"  flagged: {r.student}: {'; '.join(r.flags)}")
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


def cmd_doctor(args) -> int:
    if args.hub:
        from . import hub

        return hub.doctor_main(hub_config=args.hub_config)
    from . import doctor

    if args.grading:
        return doctor.grading_report()
    return doctor.main(args.notebook, release=args.release)


def cmd_check(args) -> int:
    from . import selfcheck

    return selfcheck.main(args.notebook, timeout=args.timeout, as_json=args.json)


def cmd_lesson(args) -> int:
    from . import lesson_tool

    if args.action in ("new", "sync") and not args.lessons:
        print(f"course lesson {args.action}: name the lesson (NN-slug for new, NN for sync)", file=sys.stderr)
        return 2
    return lesson_tool.main(args.action, args.lessons, title=args.title or "")


def cmd_hub(args) -> int:
    from . import hub

    try:
        return hub.main(args)
    except hub.HubError as exc:
        print(f"course hub: {exc}", file=sys.stderr)
        return 2


class _OneLineEach(argparse.RawDescriptionHelpFormatter):
    """Each command and its help on one line, however narrow the terminal."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=20, width=160)

    def add_argument(self, action) -> None:
        super().add_argument(action)
        self._action_max_length = max(self._action_max_length, 16)  # room for the longest command name


def build_parser() -> argparse.ArgumentParser:
    """The parser of every command; ``course --help`` lists each one with its ``help`` line."""
    parser = argparse.ArgumentParser(prog="course", description=__doc__, formatter_class=_OneLineEach)
    sub = parser.add_subparsers(dest="command", required=True, title="commands", metavar="COMMAND")
    p = sub.add_parser("generate", help="regenerate lessons/ from solutions/")
    p.add_argument("lessons", nargs="*")
    p.set_defaults(func=cmd_generate)
    p = sub.add_parser("autograde", help="autograde every submission of a lesson (or of several, in one queue)")
    p.add_argument("lessons", nargs="+", metavar="lesson")
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--timeout", type=int, default=None,
                   help="seconds a cell may run (default: c.Execute.timeout in nbgrader_config.py)")
    p.add_argument("--no-sandbox", action="store_true", help="let graded code read the course folder (not advised)")
    p.add_argument("--require-isolation", action="store_true",
                   help="refuse to grade unless every protection of the grading sandbox is available")
    p.set_defaults(func=cmd_autograde)
    p = sub.add_parser("release", help="regenerate a lesson and release it to the exchange")
    p.add_argument("lesson")
    p.set_defaults(func=cmd_release)
    p = sub.add_parser("collect", help="collect submissions of a lesson from the exchange into submitted/")
    p.add_argument("lesson")
    p.add_argument("--no-owner-check", action="store_true",
                   help="accept files not owned by the student (single-account test setups only)")
    p.set_defaults(func=cmd_collect)
    p = sub.add_parser("feedback", help="generate (and with --release, send) feedback that hides hidden tests")
    p.add_argument("lesson")
    p.add_argument("--release", action="store_true")
    p.set_defaults(func=cmd_feedback)
    p = sub.add_parser("grades", help="export grades.csv and canvas_gradebook.csv")
    p.add_argument("--out", help="folder for the CSV files (default: the course folder)")
    p.set_defaults(func=cmd_grades)
    p = sub.add_parser("status", help="who is submitted, graded, needs manual grading, or failed (and why)")
    p.set_defaults(func=cmd_status)
    p = sub.add_parser("variant", help="write a private variant of the course for a graded class")
    p.add_argument("--seed", help="the class's secret (prefer --seed-file: a command line is visible to others)")
    p.add_argument("--seed-file", help="a file holding the secret seed, kept outside the public repository")
    p.add_argument("--out", required=True, help="the private course directory to write (outside this repo)")
    p.add_argument("lessons", nargs="*")
    p.set_defaults(func=cmd_variant)
    p = sub.add_parser("doctor", help="(students) what will go wrong when a notebook is graded; (instructors) "
                                      "--grading: the sandbox's protections, --hub: the hub's setup")
    p.add_argument("notebook", nargs="?", help="the notebook (default: the only lesson notebook in this folder)")
    p.add_argument("--release", help="the released lesson notebook to compare with (default: lessons/ of the "
                                     "course repository above the notebook, when there is one)")
    p.add_argument("--grading", action="store_true",
                   help="(instructors) which protections the grading sandbox gives student code on this machine")
    p.add_argument("--hub", action="store_true", help="(instructors) check this course's JupyterHub setup instead")
    p.add_argument("--hub-config", help="with --hub: the jupyterhub_config fragment `course hub` wrote (graders, "
                                        "subdomains)")
    p.set_defaults(func=cmd_doctor)
    p = sub.add_parser("hub", help="write the JupyterHub and nbgrader configuration of this course for a shared hub")
    p.add_argument("--out", required=True, help="folder to write the files into")
    p.add_argument("--exchange", default="/srv/nbgrader/exchange", help="the exchange root (default %(default)s)")
    p.add_argument("--students", help="roster: a file of hub user names, one a line")
    p.add_argument("--instructors", help="comma-separated hub user names who grade")
    p.add_argument("--grader-account", help="the Unix account the Formgrader service runs as "
                                            "(default grader-COURSE)")
    p.add_argument("--course-root", help="the course folder of the grading account (default "
                                         "/home/GRADER/COURSE)")
    p.add_argument("--db-url", help="the gradebook's SQLAlchemy URL (default SQLite in the course folder; "
                                    "PostgreSQL for several graders)")
    p.add_argument("--service-port", type=int, default=9999, help="local port of the Formgrader service")
    p.add_argument("--singleuser", default="jupyterhub-singleuser",
                   help="the command that starts the grading service's server (default %(default)s)")
    p.set_defaults(func=cmd_hub)
    p = sub.add_parser("check", help="grade a notebook locally with its visible self-checks (no course needed)")
    p.add_argument("notebook")
    p.add_argument("--timeout", type=int, default=60, help="seconds a cell may run (default 60)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.set_defaults(func=cmd_check)
    p = sub.add_parser("lesson", help="(authors) add a lesson, sync it after an edit, check the template rules")
    p.add_argument("action", choices=["new", "sync", "check"])
    p.add_argument("lessons", nargs="*", help="NN-slug for new; NN or NN-slug for sync and check")
    p.add_argument("--title", help="the new lesson's title (new)")
    p.set_defaults(func=cmd_lesson)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except grading.GradingError as exc:
        print(f"course: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\ncourse: interrupted; every worker and kernel was stopped (finished results are kept in "
              f"{grading.STATUS_FILE})", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
