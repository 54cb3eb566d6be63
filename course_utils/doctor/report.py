"""The doctor's checks: what in a student's notebook will go wrong when it is graded, each finding with a fix.

:func:`doctor_report` reads the notebook (and the released lesson, when one is given or found beside the course,
:mod:`.locate`) and runs one check per kind of finding, in :data:`KINDS` order, the most harmful first. The words a
student reads are here; how they are printed is in :mod:`.command`. The notebook's structure (cells by grade id,
questions, parameters, checksums) comes from :mod:`course_utils.notebook_model`.
"""
from __future__ import annotations

import ast
import os
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import notebook_model as model
from ..notebook_model import (QUESTION_ID, cell_name, checksum_ok, free_names, grade_id, guard_values,
                              is_unanswered, nbgrader_meta, part_of, question_label)
from .locate import DoctorError, find_release

__all__ = ["KINDS", "Problem", "DoctorError", "doctor_report"]

#: the order in which findings are reported (the most harmful first)
KINDS = ("invalid", "deleted", "duplicated", "retyped", "edited", "parameters", "unanswered", "argument")


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
    path = Path(path)
    lesson = path.stem
    try:
        nb = model.read(path)
    except FileNotFoundError:
        raise DoctorError(f"{path} does not exist") from None
    except Exception as exc:  # noqa: BLE001 - any unreadable notebook is a finding, never a crash
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        return [Problem("invalid", path.name, f"this is not a valid notebook file ({first}); it cannot be graded.",
                        "Open the notebook's last good version: in JupyterLab, File ▸ Revert Notebook to Checkpoint, "
                        "or get a fresh copy of the lesson and copy your answers into it.")]

    if model.is_instructor_source(nb):
        return [Problem("invalid", path.name, "this is the instructors' source notebook (it holds the solutions "
                        "and hidden tests), not a student's copy of the lesson.",
                        f"Run the doctor on your own copy of the lesson (lessons/{lesson}/{lesson}.ipynb, or the "
                        "notebook you fetched).")]
    release_path = Path(release) if release else find_release(path)
    ref = None
    if release_path and release_path.resolve() != path.resolve():
        try:
            ref = model.read(release_path)
        except Exception:  # noqa: BLE001 - a broken reference is simply not used
            ref = None
    where = _Located(nb)
    positions = model.cells_by_grade_id(nb)
    ref_cells = {grade_id(c): c for c in ref.cells if model.is_graded_cell(c)} if ref else {}
    problems = [*_deleted(nb, positions, ref_cells, FRESH_COPY.format(lesson=lesson)),
                *_duplicated(positions, where),
                *_retyped_or_edited(nb, positions, ref_cells, where),
                *_parameter_problems(nb, ref, where),
                *_unanswered(nb, positions, where),
                *_argument_problems(nb, path)]
    problems.sort(key=lambda p: KINDS.index(p.kind))
    return problems


def _deleted(nb, positions: dict[str, list[int]], ref_cells: dict, fresh: str) -> list[Problem]:
    """Cells that should be there and are not: from the notebook's own structure (qN_answer <-> qN_tests, question
    numbers without a gap, the setup cell every lesson has) and from the release when it is reachable."""
    problems: list[Problem] = []
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
    if positions or nb.metadata.get("course"):
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
    return problems


def _duplicated(positions: dict[str, list[int]], where: _Located) -> list[Problem]:
    problems = []
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
    return problems


def _retyped_or_edited(nb, positions: dict[str, list[int]], ref_cells: dict, where: _Located) -> list[Problem]:
    from nbgrader.utils import is_locked

    problems = []
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
    return problems


def _unanswered(nb, positions: dict[str, list[int]], where: _Located) -> list[Problem]:
    problems = []
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
    return problems


def _parameter_problems(nb, ref, where) -> list[Problem]:
    from ..notebook_model import ParameterError, current_parameters, params_cell

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
    except ParameterError:
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
    from ..arguments import SUFFIX

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
    from ..arguments import check_argument, policy_for

    report = check_argument(file, policy_for(lesson))
    if report.ok:
        return []
    messages = list(dict.fromkeys(report.messages()))
    shown = "; ".join(messages[:6]) + (f"; and {len(messages) - 6} more" if len(messages) > 6 else "")
    return [Problem("argument", "the saved argument",
                    f"{file.name} does not yet pass the automatic checks it is graded on: {shown}",
                    "Fix it in the argument builder (“Check my argument” lists the same problems) and press Save; "
                    "the grader reads the saved file.")]
