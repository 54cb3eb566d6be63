"""Authoring a lesson in three commands (docs/authoring.md):

    course lesson new NN-slug --title "Title"   a new solutions notebook from the course template, its discussion
                                               prompts entry and its README row
    course lesson sync NN                      write the parameter guard line of every test cell, check the lesson
                                               against the template rules, regenerate lessons/NN-slug (nbgrader),
                                               the instructor guide and the README's lesson table
    course lesson check [NN ...]               the template rules only (all lessons if none named); exit 1 on a
                                               problem, each named by lesson and cell

The template rules live here, once: ``problems()`` is what ``check`` and ``sync`` report and what
tests/test_lesson_template.py asserts for every lesson.
"""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import nbformat

from . import notebook_model as model
from .notebook_model import guard_line

LESSON_ID = re.compile(r"^(\d\d)-[a-z0-9]+(-[a-z0-9]+)*$")
SECTIONS = ["## Questions", "## Objectives", "## Prerequisites", "## Time", "## Key points", "## What's next",
            "## References"]
MIN_VARIANTS = 6  # parameter sets besides the default (docs/authoring.md)
MIN_QUESTIONS = 4  # autograded questions in a lesson (lesson 00, the orientation, needs 3)
PROMPTS = Path("docs/guide/prompts.json")
GUIDE = Path("docs/instructor-guide.md")
README_START, README_END = "<!-- lessons: start (course lesson sync writes this table) -->", "<!-- lessons: end -->"
SETUP_SOURCE = ("# Setup (run this first; it is the same in every lesson)\n"
                "from course_utils import setup, load, describe, citation, caveats, check, check_parameters\n"
                "setup()")


class LessonError(ValueError):
    """A lesson could not be created or synced (the message names the lesson and what to do)."""


# ------------------------------------------------------------------------------------------ finding lessons
def lesson_ids(root: Path) -> list[str]:
    return sorted(p.name for p in (Path(root) / "solutions").iterdir() if p.is_dir() and LESSON_ID.match(p.name))


def resolve(root: Path, ref: str) -> str:
    """``NN`` or ``NN-slug`` -> the lesson id of an existing solutions folder."""
    found = [i for i in lesson_ids(root) if i == ref or i.split("-", 1)[0] == ref]
    if len(found) != 1:
        raise LessonError(f"no single lesson matches {ref!r} in {Path(root) / 'solutions'} "
                          f"(lessons: {', '.join(lesson_ids(root)) or 'none'})")
    return found[0]


def notebook_path(root: Path, lesson: str) -> Path:
    return Path(root) / "solutions" / lesson / f"{lesson}.ipynb"


_nbg = model.nbgrader_meta


# ------------------------------------------------------------------------------------------ the template rules
def problems(nb, lesson: str, tables: set[str] | None = None, prompts: dict | None = None) -> list[str]:
    """Every way the notebook breaks the course template (docs/authoring.md), one message each; [] when none."""
    out: list[str] = []
    where = f"solutions/{lesson}"
    md = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    missing = [s for s in SECTIONS if s not in md]
    if missing:
        out.append(f"{where}: missing sections {missing}")
    number = lesson.split("-", 1)[0]
    if not re.search(rf"^# {number} — \S", md, re.M):
        out.append(f"{where}: the first heading must be '# {number} — Title'")
    code = [c for c in nb.cells if c.cell_type == "code"]
    if not code or _nbg(code[0]).get("grade_id") != "setup" or not _nbg(code[0]).get("locked") \
            or "setup()" not in code[0].source or "from course_utils import" not in code[0].source:
        out.append(f"{where}: the first code cell must be the locked setup cell (grade_id 'setup') importing from "
                   "course_utils and calling setup()")
    params = [c for c in code if c.metadata.get("course", {}).get("role") == "params"]
    if len(params) != 1:
        out.append(f"{where}: expected one parameter cell (metadata course.role 'params'), found {len(params)}")
    elif params[0].metadata.get("editable") is not False or "nbgrader" in params[0].metadata:
        out.append(f"{where}: the parameter cell must be read-only (editable: false) and carry no nbgrader "
                   "metadata (the guard lines are the authority)")
    values: dict = {}
    try:
        values = model.current_parameters(nb, where)
        names, sets = model.declaration(nb, where)
        if sorted(names) != sorted(values):
            out.append(f"{where}: metadata.course.parameters {sorted(names)} differ from the parameter cell's "
                       f"names {sorted(values)}")
        if len([s for s in sets if s != values]) < MIN_VARIANTS:
            out.append(f"{where}: declare at least {MIN_VARIANTS} parameter sets besides the default in "
                       "metadata.course.variants")
    except model.ParameterError as exc:
        out.append(str(exc))
    tests = [c for c in code if _nbg(c).get("grade")]
    minimum = 3 if number == "00" else MIN_QUESTIONS
    if len(tests) < minimum:
        out.append(f"{where}: {len(tests)} autograded question(s); a lesson has at least {minimum} (answer cell + "
                   "test cell each)")
    guard = guard_line(values) if values else None
    answers = answer_names(nb.cells)
    for c in tests:
        gid = _nbg(c).get("grade_id", "?")
        try:
            visible, hidden = model.visible_source(c.source, f"{where}, cell {gid}"), model.hidden_tests(c.source)
        except model.HiddenTestsError as exc:
            out.append(str(exc))
            continue
        if guard and guard not in c.source.splitlines():
            out.append(f"{where}, cell {gid}: lacks the guard line `{guard}` (run `course lesson sync {number}`)")
        if "check(" not in visible:
            out.append(f"{where}, cell {gid}: no visible self-check (check(\"QN\", answer)...)")
        if not hidden.strip():
            out.append(f"{where}, cell {gid}: no hidden tests (### BEGIN HIDDEN TESTS … ### END HIDDEN TESTS)")
        elif "load(" not in hidden and "expect_" not in hidden:
            out.append(f"{where}, cell {gid}: the hidden tests must recompute the answer from the tables "
                       "(load(...)) and compare with expect_equal/expect_close/expect_set")
        for found in literal_answers(hidden, answers):  # a variant would keep grading the old answer
            out.append(f"{where}, cell {gid}: the hidden tests compare an answer with a literal value (`{found}`): "
                       "compute the expected value from the tables and the parameters")
    free = [c for c in nb.cells if c.cell_type == "markdown" and _nbg(c).get("grade") and _nbg(c).get("solution")]
    if not free:
        out.append(f"{where}: no written answer graded by hand (a graded markdown solution cell)")
    for c in free:
        if "Rubric" not in c.source:
            out.append(f"{where}, cell {_nbg(c).get('grade_id', '?')}: the written answer carries no **Rubric**")
    if not any(c.cell_type == "code" and "run_in_notebook(" in c.source for c in code):
        out.append(f"{where}: no 'Before you submit' doctor cell (from course_utils.doctor import run_in_notebook)")
    if tables is not None:
        used = {t for c in code for t in re.findall(r"""load\(\s*["']([a-z0-9_]+)["']""", c.source)}
        if not used:
            out.append(f"{where}: loads no course table")
        if used - tables:
            out.append(f"{where}: loads unknown tables {sorted(used - tables)}")
    if prompts is not None and lesson not in prompts:
        out.append(f"{where}: no discussion prompts for the instructor guide in {PROMPTS} (a list under "
                   f"\"{lesson}\")")
    return out


def answer_names(cells) -> set[str]:
    """The variables the answer cells assign (what the tests check)."""
    names = set()
    for c in cells:
        if c.cell_type == "code" and _nbg(c).get("solution") and not _nbg(c).get("grade"):
            try:
                tree = ast.parse(re.sub(r"^\s*### .*$", "", c.source, flags=re.M))
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                    names.add(node.id)
    return names


def _constant(node) -> bool:
    """A literal (number, string, or a container/negation of literals) other than None/True/False."""
    if isinstance(node, ast.Constant):
        return node.value not in (None, True, False)
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return bool(node.elts) and all(_constant(e) for e in node.elts)
    if isinstance(node, ast.UnaryOp):
        return _constant(node.operand)
    return False


def literal_answers(hidden: str, answers: set[str]) -> list[str]:
    """Places where a hidden test compares an answer with a literal value instead of recomputing it (a variant
    would keep the old answer): ``expect_*(label, answer, LITERAL)`` / ``expected=LITERAL``, or
    ``answer == LITERAL`` in any comparison. Hidden tests that do not parse are reported by nbgrader, not here."""
    found = []
    try:
        tree = ast.parse(hidden)
    except SyntaxError:
        return found
    # a name the test binds itself (a loop or comprehension variable) is not the student's answer
    answers = answers - {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "").startswith("expect_"):
            expected = node.args[2] if len(node.args) > 2 else next(
                (k.value for k in node.keywords if k.arg == "expected"), None)
            if expected is not None and _constant(expected):
                found.append(ast.unparse(node)[:80])
        elif isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            mentions = any(isinstance(n, ast.Name) and n.id in answers for side in sides for n in ast.walk(side))
            if mentions and any(_constant(side) for side in sides):
                found.append(ast.unparse(node)[:80])
    return found


def check(root: Path, refs: list[str] | None = None) -> dict[str, list[str]]:
    """{lesson: problems} for the named lessons (all when none)."""
    from .data import list_tables

    root = Path(root)
    tables = set(list_tables()["name"])
    prompts = json.loads((root / PROMPTS).read_text(encoding="utf-8")) if (root / PROMPTS).is_file() else {}
    lessons = [resolve(root, r) for r in refs] if refs else lesson_ids(root)
    return {lesson: problems(model.read(notebook_path(root, lesson)), lesson, tables, prompts)
            for lesson in lessons}


# ------------------------------------------------------------------------------------------ sync
def write_guards(nb, lesson: str) -> int:
    """Put the parameter guard line at the top of every test cell (replacing an old one); return cells changed."""
    values = model.current_parameters(nb, f"solutions/{lesson}")
    guard, changed = guard_line(values), 0
    for c in nb.cells:
        if c.cell_type == "code" and _nbg(c).get("grade"):
            if model.GUARD_LINE.search(c.source):
                new = model.GUARD_LINE.sub(guard, c.source)
            else:
                lines = c.source.splitlines()
                at = 1 if lines and lines[0].startswith("#") else 0  # after the "# Self-check for QN" comment
                new = "\n".join(lines[:at] + [guard] + lines[at:])
            if new != c.source:
                c.source, changed = new, changed + 1
    return changed


def readme_table(root: Path) -> str:
    rows = ["| lesson | title |", "| --- | --- |"]
    for lesson in lesson_ids(root):
        nb = model.read(notebook_path(root, lesson))
        m = next((re.search(r"^# \d\d — (.+)$", c.source, re.M) for c in nb.cells if c.cell_type == "markdown"), None)
        rows.append(f"| `{lesson}` | {m.group(1).strip() if m else ''} |")
    return "\n".join(rows)


def write_readme_table(root: Path) -> bool:
    path = Path(root) / "README.md"
    text = path.read_text(encoding="utf-8")
    if README_START not in text or README_END not in text:
        raise LessonError(f"{path} has no lesson table markers ({README_START} … {README_END})")
    head, rest = text.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    new = f"{head}{README_START}\n{readme_table(root)}\n{README_END}{tail}"
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text


def write_guide(root: Path) -> None:
    import importlib.util

    root = Path(root)
    spec = importlib.util.spec_from_file_location("build_guide", root / "docs" / "guide" / "build_guide.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    guide = root / "docs" / "guide"
    text = module.build(root / "solutions", guide / "prompts.json", guide / "guide_head.md")
    (root / GUIDE).write_text(text, encoding="utf-8")


def sync(root: Path, ref: str, log=print) -> str:
    """Guards, template check, release, guide, README: the steps after editing a lesson's solutions notebook."""
    from . import grading

    root = Path(root)
    lesson = resolve(root, ref)
    path = notebook_path(root, lesson)
    nb = model.read(path)
    changed = write_guards(nb, lesson)
    if changed:
        nbformat.write(nb, path)
    log(f"{lesson}: guard line written in {changed} test cell(s)" if changed else f"{lesson}: guard lines up to date")
    found = check(root, [lesson])[lesson]
    if found:
        raise LessonError("the lesson breaks the template; fix these and run sync again:\n  " + "\n  ".join(found))
    grading.generate(root, lesson)
    log(f"{lesson}: lessons/{lesson} regenerated")
    write_guide(root)
    log(f"{lesson}: {GUIDE} rebuilt")
    if write_readme_table(root):
        log(f"{lesson}: README lesson table updated")
    return lesson


# ------------------------------------------------------------------------------------------ new
def _md(text: str):
    return nbformat.v4.new_markdown_cell(text)


def _code(text: str, **meta):
    cell = nbformat.v4.new_code_cell(text)
    cell.metadata.update(meta)
    return cell


def _nbmeta(grade_id: str, *, grade: bool, solution: bool, locked: bool, points: float | None = None) -> dict:
    meta = {"grade": grade, "grade_id": grade_id, "locked": locked, "schema_version": 3, "solution": solution,
            "task": False}
    if points is not None:
        meta["points"] = points
    return meta


def template(lesson: str, title: str):
    """The course template as a working lesson: one example question on `us_troops_abroad` to replace."""
    number = lesson.split("-", 1)[0]
    nb = nbformat.v4.new_notebook()
    nb.metadata.update({
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
        "course": {"parameters": ["YEAR"],
                   "variants": [{"YEAR": y} for y in (2003, 2006, 2009, 2012, 2015, 2018)]},
    })
    nb.cells = [
        _md(f"# {number} — {title}\n\n*Allies After 9/11* · Lesson text CC BY 4.0; code BSD-3-Clause; data under "
            "each source's terms.\n\n## Questions\n- (the lesson's 2–3 questions)\n\n## Objectives\nBy the end of this "
            "lesson you can:\n1. (3–5 checkable objectives)\n\n## Prerequisites\n| Concept | Importance |\n| --- | --- "
            "|\n| (a concept) | Helpful |\n\n## Time\n- Reading: (minutes)\n- Exercises: (minutes)"),
        _code(SETUP_SOURCE, deletable=False, editable=False,
              nbgrader=_nbmeta("setup", grade=False, solution=False, locked=True)),
        _code("# Parameters of this lesson (read-only: every self-check and the autograder use these values)\n"
              "YEAR = 2019  # the year the questions ask about", deletable=False, editable=False,
              course={"role": "params"}),
        _md("## Reading\n\n(800–1,500 words in your own words, every figure and date cited inline, e.g. "
            "(Allen, Flynn & Martinez Machain 2022).)"),
        _code('troops = load("us_troops_abroad")\ncaveats("us_troops_abroad")'),
        _md("## Exercises\n\n**Q1.** How many U.S. military personnel did the table report abroad in `YEAR`, summed "
            "over host countries (missing values left out)? Store an `int` in `total_abroad`."),
        _code("total_abroad = ...\n### BEGIN SOLUTION\n"
              "total_abroad = int(troops.loc[troops[\"year\"] == YEAR, \"troops\"].sum())\n### END SOLUTION",
              nbgrader=_nbmeta("q1_answer", grade=False, solution=True, locked=False)),
        _code("# Self-check for Q1 (read-only). The autograder runs more tests here.\n"
              "check(\"Q1\", total_abroad).is_type(int).in_range(1, 10_000_000, hint=\"A count of people abroad.\")\n"
              "check(\"Q1\", total_abroad).passed()\n### BEGIN HIDDEN TESTS\n"
              "from course_utils.checks import expect_equal\n_t = load(\"us_troops_abroad\")\n"
              "expect_equal(\"Q1\", total_abroad, int(_t.loc[_t[\"year\"] == YEAR, \"troops\"].sum()),\n"
              "             hint=\"Keep the rows of YEAR, then add up the troops column.\")\n### END HIDDEN TESTS",
              deletable=False, editable=False,
              nbgrader=_nbmeta("q1_tests", grade=True, solution=False, locked=True, points=2)),
        _md("**Q2 (written answer, graded by your instructor).** (The prompt.)"),
        _free_cell(),
        _md("## Before you submit\nSave your notebook (Ctrl + S), then run the cell below: it checks the saved file "
            "for problems that would cost you points when it is graded."),
        _code("from course_utils.doctor import run_in_notebook\nrun_in_notebook()"),
        _md("## Key points\n- (3–5 points)\n\n## What's next\n(The next lesson.)\n\n## References\n"
            "- Allen, Michael A., Michael E. Flynn and Carla Martinez Machain. 2022. \"Global U.S. military "
            "deployment data: 1950–2020.\" *Conflict Management and Peace Science* 39 (3): 351–370."),
    ]
    return nb


def _free_cell():
    cell = _md("### BEGIN SOLUTION\n**Model answer (instructors).** (The model answer.)\n\n**Rubric (2 points).**\n"
               "| Criterion | 0 | 1 |\n| --- | --- | --- |\n| (criterion) | missing | present |\n"
               "| (criterion) | missing | present |\n### END SOLUTION")
    cell.metadata["nbgrader"] = _nbmeta("q2_free", grade=True, solution=True, locked=False, points=2)
    return cell


def dump_prompts(prompts: dict[str, list[str]]) -> str:
    """prompts.json in its committed layout (one prompt a line), so that adding a lesson adds lines only."""
    out, keys = ["{"], sorted(prompts)
    for i, key in enumerate(keys):
        out.append(json.dumps(key, ensure_ascii=False) + ": [")
        items = prompts[key]
        out += [" " + json.dumps(p, ensure_ascii=False) + ("," if j < len(items) - 1 else "") for j, p in enumerate(items)]
        out.append("]" + ("," if i < len(keys) - 1 else ""))
    return "\n".join(out + ["}"]) + "\n"


def new(root: Path, lesson: str, title: str, log=print) -> Path:
    """Create solutions/NN-slug/NN-slug.ipynb from the template, its prompts entry and its README row."""
    root = Path(root)
    if not LESSON_ID.match(lesson):
        raise LessonError(f"{lesson!r} is not a lesson id: use NN-slug (two digits, a dash, lower-case words)")
    number = lesson.split("-", 1)[0]
    taken = [i for i in lesson_ids(root) if i.split("-", 1)[0] == number]
    if taken:
        raise LessonError(f"lesson number {number} is taken by {taken[0]}")
    if not title.strip():
        raise LessonError("give the lesson a title (--title)")
    path = notebook_path(root, lesson)
    path.parent.mkdir(parents=True)
    nb = template(lesson, title.strip())
    write_guards(nb, lesson)
    nbformat.write(nb, path)
    log(f"created {path.relative_to(root)} from the template")
    prompts_path = root / PROMPTS
    prompts = json.loads(prompts_path.read_text(encoding="utf-8")) if prompts_path.is_file() else {}
    prompts.setdefault(lesson, ["(a discussion prompt for the instructor guide)"])
    prompts_path.write_text(dump_prompts(prompts), encoding="utf-8")
    log(f"added discussion prompts for {lesson} to {PROMPTS} (edit them)")
    if write_readme_table(root):
        log("README lesson table updated")
    log(f"next: edit the notebook, then `course lesson sync {number}`")
    return path


def main(action: str, refs: list[str], title: str = "") -> int:
    import sys

    from .grading import GradingError, find_course_root

    try:
        root = find_course_root()
        if action == "new":
            new(root, refs[0], title)
        elif action == "sync":
            for ref in refs:
                sync(root, ref)
        else:
            found = check(root, refs or None)
            bad = {k: v for k, v in found.items() if v}
            for lesson, msgs in found.items():
                print(f"{lesson}: " + ("ok" if not msgs else f"{len(msgs)} problem(s)"))
                for m in msgs:
                    print(f"  - {m}")
            return 1 if bad else 0
    except (LessonError, GradingError, model.ParameterError, model.HiddenTestsError) as exc:
        print(f"course lesson: {exc}", file=sys.stderr)
        return 2
    return 0
