"""Per-class variants: the same lessons with other parameter values, so a graded class does not run on the answers
that the public repository gives away.

Each solutions notebook declares its parameters and the complete parameter sets it is valid for (docs/authoring.md):

    metadata.course = {"parameters": ["YEAR", "HOST"], "variants": [{"YEAR": 2005, "HOST": "KOR"}, ...]}

The parameter cell is read-only in JupyterLab but not nbgrader-locked, so the autograder keeps a submission's own
values there; the first line of every (locked, restored) test cell, ``check_parameters(globals(), YEAR=...)``, is
the authority. A notebook submitted with other values than its class's fails every test with a message saying so.

A secret seed picks one set per lesson (HMAC-SHA256 of the seed and the lesson id, so the same seed always gives the
same class and the choice cannot be guessed without the seed). The parameter cell and the guard lines are rewritten,
nothing else: the hidden tests compute their expected values from the data and the parameters, so they follow.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import shutil
from pathlib import Path
from typing import Any

from .notebook_model import (GUARD_LINE, PARAM_LINE, ParameterError, current_parameters, declaration,
                             guard_line, nbgrader_meta, params_cell)

# The parameter cell and guard lines are read by the notebook model; these names stay importable from here.
VariantError = ParameterError  # a lesson's parameter declaration is unusable (the message names the notebook)


def set_parameters(nb, values: dict[str, Any], where: str = "notebook") -> None:
    """Rewrite the parameter cell in place with ``values`` (every name must already be assigned there)."""
    cell = params_cell(nb, where)
    seen, lines = set(), []
    for line in cell.source.splitlines():
        m = PARAM_LINE.match(line.strip())
        if m and m["name"] in values:
            line = f"{m['name']} = {values[m['name']]!r}{m['comment'] or ''}"
            seen.add(m["name"])
        lines.append(line)
    missing = set(values) - seen
    if missing:
        raise VariantError(f"{where}: the parameter cell does not assign {sorted(missing)}")
    cell.source = "\n".join(lines)
    # each test cell's guard line is the autograder's authority on the parameters: rewrite it too
    guard = guard_line(current_parameters(nb, where))
    for test in nb.cells:
        if test.cell_type == "code" and nbgrader_meta(test).get("grade"):
            if not GUARD_LINE.search(test.source):
                raise VariantError(f"{where}: test cell {nbgrader_meta(test).get('grade_id')} has no "
                                   "check_parameters(globals(), ...) line")
            test.source = GUARD_LINE.sub(guard, test.source)


def pick(seed: str, lesson: str, variants: list[dict[str, Any]]) -> int:
    digest = hmac.new(seed.encode("utf-8"), lesson.encode("utf-8"), hashlib.sha256).hexdigest()
    return int(digest, 16) % len(variants)


def make_variant_course(repo: Path, seed: str, out: Path, lessons: list[str] | None = None) -> dict[str, Any]:
    """Write a private course directory ``out``: variant solutions, the regenerated release, variant.json.

    ``out`` must be outside the public repository (it holds the class's answers). Returns the record of choices.
    """
    import nbformat

    from . import notebook_model as model
    from .grading import course_directory, generate

    repo, out = Path(repo).resolve(), Path(out).resolve()
    if out == repo or repo in out.parents:
        raise VariantError(f"{out} is inside the public repository {repo}: put a class's variant elsewhere")
    if not seed:
        raise VariantError("an empty seed would give every class the same variant")
    source = course_directory(repo).source_directory  # "solutions" (nbgrader_config.py)
    lessons = lessons or sorted(p.name for p in (repo / source).iterdir() if p.is_dir())
    out.mkdir(parents=True, exist_ok=True)
    shutil.copy(repo / "nbgrader_config.py", out / "nbgrader_config.py")
    record: dict[str, Any] = {"seed_sha256": hashlib.sha256(seed.encode()).hexdigest()[:16], "lessons": {}}
    for lesson in lessons:
        src = repo / source / lesson / f"{lesson}.ipynb"
        nb = model.read(src)
        _, variants = declaration(nb, str(src))
        index = pick(seed, lesson, variants)
        set_parameters(nb, variants[index], str(src))
        dest = out / source / lesson
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        nbformat.write(nb, dest / f"{lesson}.ipynb")
        generate(out, lesson)
        record["lessons"][lesson] = {"variant": index, "parameters": variants[index]}
    (out / "variant.json").write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return record
