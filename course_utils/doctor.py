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
"""
from __future__ import annotations

import ast
import copy
import os
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

__all__ = ["Problem", "DoctorError", "doctor_report", "find_notebook", "find_release", "format_report",
           "run_in_notebook", "main"]

#: the order in which findings are reported (the most harmful first)
KINDS = ("invalid", "deleted", "duplicated", "retyped", "edited", "parameters", "unanswered", "argument")
QUESTION_ID = re.compile(r"^(?P<q>[A-Za-z]+\d+)_(?P<part>answer|tests|free)$")
PLACEHOLDERS = ("YOUR ANSWER HERE",)


class DoctorError(RuntimeError):
    """No notebook to check (the message says why)."""


@dataclass(frozen=True)
class Problem:
    """One finding: ``kind`` (one of :data:`KINDS`), where it is, what is wrong, and how to fix it."""

    kind: str
    where: str
    message: str
    fix: str
    grade_id: str | None = None

    def __str__(self) -> str:
        return f"✗ {self.where}: {self.message}\n  Fix: {self.fix}"


# --------------------------------------------------------------------------- helpers shared with selfcheck


def nbgrader_meta(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {}) or {}


def grade_id(cell) -> str | None:
    return nbgrader_meta(cell).get("grade_id")


def is_graded_cell(cell) -> bool:
    """A cell nbgrader tracks: graded, an answer (solution) or locked (read-only)."""
    meta = nbgrader_meta(cell)
    return bool(meta.get("grade_id")) and bool(meta.get("grade") or meta.get("solution") or meta.get("locked"))


def question_label(gid: str) -> str:
    m = QUESTION_ID.match(gid or "")
    return m["q"].upper() if m else (gid or "?")


def part_of(gid: str) -> str | None:
    m = QUESTION_ID.match(gid or "")
    return m["part"] if m else None


def cell_name(gid: str) -> str:
    """Plain words for a cell: "Q2's answer cell (q2_answer)"."""
    part, q = part_of(gid), question_label(gid)
    if part == "answer":
        return f"{q}'s answer cell ({gid})"
    if part == "tests":
        return f"{q}'s self-check cell ({gid})"
    if part == "free":
        return f"{q}'s written-answer cell ({gid})"
    if gid == "setup":
        return "the setup cell (setup)"
    return f"the cell {gid}"


def is_unanswered(cell, *, kind: str | None = None, needs_code: bool = True) -> bool:
    """True when an answer cell still holds the release's placeholder.

    Code: a name still bound to ``...`` at the end of the cell (``n_hosts = ...`` with nothing after it that assigns
    ``n_hosts`` again), ``raise NotImplementedError()``, or nothing but comments -- unless ``needs_code`` is False
    (an optional code cell, e.g. a question graded from a saved argument; see :func:`free_names`). The stub comment
    ``# YOUR CODE HERE: ...`` on its own does not make an answered cell unanswered. Markdown: empty, or still
    "YOUR ANSWER HERE".
    """
    kind = kind or nbgrader_meta(cell).get("cell_type") or cell.cell_type
    source = cell.get("source", "")
    if kind == "markdown" or cell.cell_type == "markdown":
        return not source.strip() or any(p in source for p in PLACEHOLDERS)
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return False  # it is something: the self-check will say what is wrong with it
    body = [n for n in tree.body if not isinstance(n, ast.Pass)]
    if not body:
        return needs_code
    bound: dict[str, bool] = {}
    meaningful = False
    for node in body:
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and node.value.value is Ellipsis:
            continue
        if isinstance(node, ast.Raise) and node.exc is not None and "NotImplementedError" in ast.unparse(node.exc):
            return True
        targets: list[ast.expr] = []
        value = None
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        placeholder = isinstance(value, ast.Constant) and value.value is Ellipsis
        for target in targets:
            if isinstance(target, ast.Name):
                bound[target.id] = placeholder
        if not placeholder:
            meaningful = True
    return any(bound.values()) or (needs_code and not meaningful)


_IPYTHON_NAMES = {"display", "get_ipython", "In", "Out", "exit", "quit"}


def _names(source: str) -> tuple[set[str], set[str]]:
    """(names a cell assigns or imports anywhere, names it reads); empty sets if it does not parse."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return set(), set()
    stored, loaded = set(), set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            (loaded if isinstance(node.ctx, ast.Load) else stored).add(node.id)
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            stored.update((a.asname or a.name).split(".")[0] for a in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            stored.add(node.name)
        elif isinstance(node, ast.arg):
            stored.add(node.arg)
        elif isinstance(node, ast.ExceptHandler) and node.name:
            stored.add(node.name)
    return stored, loaded


def free_names(nb, question: str) -> set[str] | None:
    """Names question's self-check cell reads that no cell but its answer cell assigns: what the answer must define.

    None when the question has no self-check cell. An empty set: the question is graded from something else (a
    saved argument, say), so its answer cell is optional code.
    """
    import builtins

    q = question.lower()
    tests = [c for c in nb.cells if c.cell_type == "code" and grade_id(c) == f"{q}_tests"]
    if not tests:
        return None
    assigned: set[str] = set(dir(builtins)) | _IPYTHON_NAMES
    for cell in nb.cells:
        if cell.cell_type == "code" and grade_id(cell) != f"{q}_answer":
            assigned |= _names(cell.source)[0]
    return set().union(*(_names(c.source)[1] for c in tests)) - assigned


def guard_values(source: str) -> dict[str, Any] | None:
    """The keyword values of a ``check_parameters(globals(), YEAR=2019, ...)`` line, or None."""
    from .variants import GUARD_LINE

    m = GUARD_LINE.search(source or "")
    if not m:
        return None
    try:
        call = ast.parse(m.group(0).strip()).body[0].value
        return {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords if kw.arg}
    except (SyntaxError, ValueError, AttributeError, IndexError):
        return None


def checksum_ok(cell) -> bool | None:
    """Whether a read-only cell still matches nbgrader's checksum (None: the cell carries no checksum)."""
    from nbgrader.utils import compute_checksum

    meta = nbgrader_meta(cell)
    if not meta.get("checksum"):
        return None
    probe = copy.deepcopy(cell)
    if meta.get("cell_type"):
        probe.cell_type = meta["cell_type"]  # a retyped cell is reported as retyped, not also as edited
    try:
        return compute_checksum(probe) == meta["checksum"]
    except (KeyError, ValueError, TypeError):
        return False


def is_lesson_notebook(path: Path) -> bool:
    import nbformat

    try:
        nb = nbformat.read(path, as_version=4)
    except Exception:  # noqa: BLE001 - an unreadable file is not a lesson notebook for the search
        return False
    return bool(nb.metadata.get("course")) or any(grade_id(c) for c in nb.cells)


def find_notebook(folder: str | os.PathLike | None = None) -> Path:
    """The only lesson notebook in ``folder`` (default: the current folder)."""
    folder = Path(folder or Path.cwd())
    candidates = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    lessons = [p for p in candidates if is_lesson_notebook(p)]
    if len(lessons) == 1:
        return lessons[0]
    if not lessons:
        if len(candidates) == 1:
            return candidates[0]
        raise DoctorError(f"no lesson notebook in {folder}: name the notebook to check, "
                          "e.g. `course doctor 00-orientation.ipynb`")
    names = ", ".join(p.name for p in lessons)
    raise DoctorError(f"{len(lessons)} lesson notebooks in {folder} ({names}): name the one to check")


def find_release(path: str | os.PathLike) -> Path | None:
    """``lessons/<stem>/<stem>.ipynb`` of the course repository above the notebook, if there is one."""
    from .grading import GradingError, find_course_root

    path = Path(path).resolve()
    try:
        root = find_course_root(path.parent)
    except GradingError:
        return None
    release = root / "lessons" / path.stem / f"{path.stem}.ipynb"
    return release if release.is_file() else None


# --------------------------------------------------------------------------- the report


class _Located:
    """Where a cell is, in words a student can find in JupyterLab: its number and the heading above it."""

    def __init__(self, nb):
        self.headings: list[str | None] = []
        heading = None
        for cell in nb.cells:
            self.headings.append(heading)
            if cell.cell_type == "markdown":
                for line in cell.source.splitlines():
                    if line.lstrip().startswith("#"):
                        heading = line.strip("# ").strip()
                        break

    def __call__(self, index: int) -> str:
        heading = self.headings[index] if index < len(self.headings) else None
        return f"cell {index + 1}" + (f" (under “{heading[:60]}”)" if heading else "")


FRESH_COPY = ("Undo the deletion if you still can (Edit ▸ Undo Cell Operation, or Z in command mode). Otherwise "
              "rename this notebook, get a fresh copy of the lesson (JupyterHub: fetch the assignment again; "
              "Binder or laptop: lessons/{lesson}/{lesson}.ipynb) and copy your answers into it.")


def doctor_report(path: str | os.PathLike, *, release: str | os.PathLike | None = None) -> list[Problem]:
    """Check a student's notebook; return the problems found (an empty list: all clear).

    ``release`` is the released lesson notebook to compare with; by default the one in the course repository above
    ``path`` when there is one (the notebook's own nbgrader metadata is always used).
    """
    import nbformat

    path = Path(path)
    lesson = path.stem
    try:
        nb = nbformat.read(path, as_version=4)
    except FileNotFoundError:
        raise DoctorError(f"{path} does not exist") from None
    except Exception as exc:  # noqa: BLE001 - any unreadable notebook is a finding, never a crash
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        return [Problem("invalid", path.name, f"this is not a valid notebook file ({first}); it cannot be graded.",
                        "Open the notebook's last good version: in JupyterLab, File ▸ Revert Notebook to Checkpoint, "
                        "or get a fresh copy of the lesson and copy your answers into it.")]

    if any("### BEGIN SOLUTION" in c.source or "### BEGIN HIDDEN TESTS" in c.source for c in nb.cells):
        return [Problem("invalid", path.name, "this is the instructors' source notebook (it holds the solutions "
                        "and hidden tests), not a student's copy of the lesson.",
                        f"Run the doctor on your own copy of the lesson (lessons/{lesson}/{lesson}.ipynb, or the "
                        "notebook you fetched).")]
    release_path = Path(release) if release else find_release(path)
    ref = None
    if release_path and release_path.resolve() != path.resolve():
        try:
            ref = nbformat.read(release_path, as_version=4)
        except Exception:  # noqa: BLE001 - a broken reference is simply not used
            ref = None
    where = _Located(nb)
    fresh = FRESH_COPY.format(lesson=lesson)
    problems: list[Problem] = []

    positions: dict[str, list[int]] = {}
    for i, cell in enumerate(nb.cells):
        gid = grade_id(cell)
        if gid:
            positions.setdefault(gid, []).append(i)
    ref_cells = {grade_id(c): c for c in ref.cells if is_graded_cell(c)} if ref else {}

    # deleted: from the notebook's own structure (qN_answer <-> qN_tests, question numbers without a gap, the setup
    # cell every lesson has) and from the release when it is reachable
    expected: dict[str, str] = {}
    for gid in positions:
        part, q = part_of(gid), question_label(gid).lower()
        if part == "answer":
            expected.setdefault(f"{q}_tests", "code")
        elif part == "tests" and free_names(nb, q):
            expected.setdefault(f"{q}_answer", "code")  # its self-check reads a name that no other cell assigns
    numbers = {int(m["q"][1:]) for gid in positions if (m := QUESTION_ID.match(gid)) and m["q"][0] in "qQ"
               and m["q"][1:].isdigit()}
    gaps = [n for n in range(1, max(numbers, default=0)) if n not in numbers]
    if any(grade_id(c) for c in nb.cells) or nb.metadata.get("course"):
        expected.setdefault("setup", "code")
    for gid, cell in ref_cells.items():
        expected[gid] = nbgrader_meta(cell).get("cell_type") or cell.cell_type
    for gid in expected:
        if gid in positions:
            continue
        if gid == "setup" and gid not in ref_cells and any(
                "from course_utils import" in c.source and "setup()" in c.source
                for c in nb.cells if c.cell_type == "code"):
            continue  # without a release to say otherwise, a notebook that still runs the course setup has it
        points = nbgrader_meta(ref_cells[gid]).get("points") if gid in ref_cells else None
        cost = f" This question will score 0{f' of {points:g} points' if points else ''} as it is." \
            if part_of(gid) in ("answer", "free") else " The notebook may not run without it."
        if part_of(gid) == "tests":  # nbgrader puts it back where it was and runs it (nbgrader_plugins.py)
            cost = " The grader will put it back and run it, and your instructor will see that it was deleted."
        uses = free_names(nb, question_label(gid)) if part_of(gid) == "answer" else None
        why = f" (Its self-check uses {', '.join(f'`{n}`' for n in sorted(uses))}, which no cell defines.)" \
            if uses else ""
        problems.append(Problem("deleted", cell_name(gid), f"this cell is missing from the notebook.{cost}{why}",
                                fresh, gid))
    for n in gaps:
        q = f"q{n}"
        if not any(g.startswith(f"{q}_") for g in expected):
            problems.append(Problem("deleted", f"Q{n}'s cells",
                                    f"the notebook has questions before and after Q{n}, but no cell of Q{n}.",
                                    fresh, q))

    # duplicated
    for gid, where_at in positions.items():
        if len(where_at) > 1:
            at = ", ".join(where(i) for i in where_at)
            problems.append(Problem(
                "duplicated", cell_name(gid),
                f"this cell is in the notebook {len(where_at)} times ({at}); nbgrader cannot grade a notebook "
                "with two cells of the same id.",
                "Delete the extra copy and keep the one with your work (select it and press D, D in command mode). "
                "If JupyterLab will not delete it, open the Property Inspector (gear icon, right sidebar) ▸ "
                "Advanced Tools, change \"deletable\": false to true in the cell metadata, then delete it.", gid))

    # retyped, edited
    from nbgrader.utils import is_locked

    for gid, where_at in positions.items():
        for i in where_at:
            cell = nb.cells[i]
            meta = nbgrader_meta(cell)
            should = ref_cells[gid].cell_type if gid in ref_cells else meta.get("cell_type")
            if should and should != cell.cell_type:
                key = {"code": "Y", "markdown": "M", "raw": "R"}.get(should, "")
                problems.append(Problem(
                    "retyped", f"{cell_name(gid)}, {where(i)}",
                    f"this cell was changed from a {should} cell to a {cell.cell_type} cell; the grader "
                    f"{'cannot run it' if should == 'code' else 'expects text here'}.",
                    f"Select the cell, then change it back to {should.capitalize()} in the toolbar's cell-type menu "
                    f"(or press {key} in command mode).", gid))
            try:
                locked = is_locked(cell)
            except (KeyError, ValueError, TypeError):
                locked = False
            if not locked:
                continue
            ok = checksum_ok(cell)
            if ok is None and gid in ref_cells:
                ok = ref_cells[gid].source == cell.source
            if ok is False:
                problems.append(Problem(
                    "edited", f"{cell_name(gid)}, {where(i)}",
                    "this read-only cell was changed. The grader puts the original back, so your change will not "
                    "count (and if the cell is a self-check, it will not have passed for the right reason).",
                    "Undo your change (Ctrl+Z in the cell) or copy the cell back from a fresh copy of the lesson. "
                    "Write your work in the answer cells only.", gid))

    problems.extend(_parameter_problems(nb, ref, where))

    # unanswered
    for gid, where_at in positions.items():
        for i in where_at:
            cell = nb.cells[i]
            q = question_label(gid)
            optional = free_names(nb, q) == set()  # graded from something else (a saved argument): code optional
            if not nbgrader_meta(cell).get("solution") or not is_unanswered(cell, needs_code=not optional):
                continue
            if cell.cell_type == "markdown" or nbgrader_meta(cell).get("cell_type") == "markdown":
                fix = f"Replace “YOUR ANSWER HERE” with your written answer to {q}."
            else:
                first = next((ln for ln in cell.source.splitlines()
                              if "..." in ln and not ln.lstrip().startswith("#")), "").strip()
                fix = (f"Replace the `...` in `{first}` with your answer, then run the cell and {q}'s self-check."
                       if first else f"Write your answer to {q} in this cell, then run it and its self-check.")
            problems.append(Problem("unanswered", f"{q}, {where(i)}", "this question is not answered yet.", fix,
                                    gid))

    problems.extend(_argument_problems(nb, path))
    problems.sort(key=lambda p: KINDS.index(p.kind))
    return problems


def _parameter_problems(nb, ref, where) -> list[Problem]:
    from .variants import VariantError, current_parameters, params_cell

    # the lesson's values: the guard lines of the intact (checksum-valid) test cells; else the release's; else any
    intact, other = [], []
    for cell in nb.cells:
        if cell.cell_type == "code" and nbgrader_meta(cell).get("grade"):
            values = guard_values(cell.source)
            if values:
                (intact if checksum_ok(cell) else other).append(values)
    ref_values = [v for c in (ref.cells if ref else []) if nbgrader_meta(c).get("grade")
                  and (v := guard_values(c.source))]
    pool = intact or ref_values or other
    if not pool:
        return []
    counts = Counter(repr(sorted(v.items())) for v in pool)
    lesson = next(v for v in pool if repr(sorted(v.items())) == counts.most_common(1)[0][0])
    lines = "\n".join(f"{k} = {v!r}" for k, v in lesson.items())
    try:
        cell = params_cell(nb)
        mine = current_parameters(nb)
    except VariantError:
        return [Problem("parameters", "the parameter cell",
                        "the notebook has no parameter cell (or more than one), so every self-check will fail.",
                        "Get a fresh copy of the lesson and copy your answers into it; the parameter cell near the "
                        f"top must read:\n    {lines.replace(chr(10), chr(10) + '    ')}")]
    changed = {k: v for k, v in lesson.items() if k not in mine or mine[k] != v}
    if not changed:
        return []
    index = next(i for i, c in enumerate(nb.cells) if c is cell)
    found = ", ".join(f"{k} is {mine[k]!r}" if k in mine else f"{k} is not set" for k in changed)
    put = ", ".join(f"{k} = {v!r}" for k, v in changed.items())
    return [Problem("parameters", f"the parameter cell, {where(index)}",
                    f"{found} here, but this lesson uses {put}; every self-check and the grader will fail.",
                    f"Put the parameter cell back to {put}, then run all cells again (Run ▸ Run All Cells).")]


def _argument_problems(nb, path: Path) -> list[Problem]:
    from .arguments import SUFFIX

    sources = [c.source for c in nb.cells if c.cell_type == "code" and "ArgumentBuilder" in c.source]
    if not sources:
        return []
    constants: dict[str, Any] = {}  # NAME = "literal" anywhere at the top level of a code cell (e.g. LESSON)
    for cell in nb.cells:
        try:
            tree = ast.parse(cell.source) if cell.cell_type == "code" else None
        except SyntaxError:
            continue
        for node in tree.body if tree else []:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                for target in node.targets:
                    if isinstance(target, ast.Name):
                        constants[target.id] = node.value.value
    names = set()
    for source in sources:
        for m in re.finditer(r"ArgumentBuilder\(\s*(?:(['\"])([^'\"]+)\1|([A-Za-z_]\w*))", source):
            name = m.group(2) or constants.get(m.group(3))
            if isinstance(name, str) and name:
                names.add(name)
    folder = path.resolve().parent
    if names:
        missing = sorted(n for n in names if not (folder / f"{n}{SUFFIX}").is_file())
        if not missing:
            return [p for n in sorted(names) for p in _argument_policy_problems(folder / f"{n}{SUFFIX}", n)]
        files = ", ".join(f"{n}{SUFFIX}" for n in missing)
    else:
        saved = sorted(folder.glob(f"*{SUFFIX}"))
        if saved:
            return [p for f in saved for p in _argument_policy_problems(f, f.name[:-len(SUFFIX)])]
        files = f"<lesson>{SUFFIX}"
    return [Problem("argument", "the argument builder",
                    f"your argument is not saved: there is no {files} beside the notebook, so the grader has no "
                    "argument to grade.",
                    "Run the argument builder's cell, finish your argument and press its Save button (or run "
                    "`builder.save()`); the file appears next to the notebook. Submit it with the notebook.")]


def _argument_policy_problems(file: Path, lesson: str) -> list[Problem]:
    """The saved argument checked against its lesson's argument policy (the rules the grader applies)."""
    from .arguments import check_argument, policy_for

    report = check_argument(file, policy_for(lesson))
    if report.ok:
        return []
    messages = list(dict.fromkeys(report.messages()))
    shown = "; ".join(messages[:6]) + (f"; and {len(messages) - 6} more" if len(messages) > 6 else "")
    return [Problem("argument", "the saved argument",
                    f"{file.name} does not yet pass the automatic checks it is graded on: {shown}",
                    "Fix it in the argument builder (“Check my argument” lists the same problems) and press Save; "
                    "the grader reads the saved file.")]


def format_report(problems: Iterable[Problem], path: str | os.PathLike) -> str:
    problems = list(problems)
    name = Path(path).name
    if not problems:
        return f"✓ {name}: all clear. Nothing found that would go wrong when it is graded."
    lines = [f"{name}: {len(problems)} problem{'s' if len(problems) != 1 else ''} to fix before you submit", ""]
    lines += [str(p) for p in problems]
    return "\n".join(lines)


def _graded_copy(path: Path) -> bool:
    """A notebook that holds hidden tests but is not in the instructors' source folder: nbgrader's graded copy."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        return False
    return "### BEGIN HIDDEN TESTS" in text and Path(path).resolve().parent.parent.name != "solutions"


def run_in_notebook(path: str | os.PathLike | None = None) -> list[Problem]:
    """Print the doctor's report for the lesson notebook in the kernel's working directory (its own folder).

    The file on disk is checked: save the notebook (Ctrl+S) before running this cell.
    """
    import datetime

    try:
        target = Path(path) if path else find_notebook()
        if _graded_copy(target):
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
    from .sandbox import PROTECTIONS, capabilities

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
