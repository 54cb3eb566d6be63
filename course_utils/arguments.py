"""The saved argument: a JSON file beside the notebook, and the checks the autograder runs on it.

nbgrader re-executes a notebook and the clicks in its widgets are gone; the argument a student builds therefore lives
in ``<lesson>.argument.json`` in the notebook's folder (the kernel's working directory under JupyterLab, nbclient
and nbgrader autograde alike; nbgrader copies the non-notebook files of a submission into ``autograded/``).

* :func:`save_argument` writes atomically (temporary file + ``os.replace``) and keeps the previous save as
  ``<file>.bak``; a file that could not be read is moved aside (``<file>.unreadable-<time>``), never overwritten.
* :func:`check_argument` checks the structure, recomputes every evidence statistic with
  :mod:`course_utils.measures` and re-evaluates every comparative statement the builder generated.
* :func:`check_saved_argument` is the one-liner for autograder test cells: it raises
  :class:`~course_utils.checks.CheckFailed` with a message written for the student.

This module uses ``data`` (through ``measures``) and ``checks`` but never a widget.
"""
from __future__ import annotations

import json
import math
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .argument_policy import CLAIMS, TEXT_FIELDS, ArgumentPolicy, policy_for, words as _words
from .checks import CheckFailed

__all__ = ["SCHEMA", "SCHEMA_VERSION", "CLAIMS", "ArgumentError", "ArgumentReport", "argument_path",
           "new_argument", "make_evidence", "evidence_item", "ArgumentPolicy", "policy_for", "save_argument", "load_argument", "check_argument",
           "check_saved_argument"]

SCHEMA = "allies-after-911/argument"
SCHEMA_VERSION = 2  # 2: an evidence item records its one release (``release``); 1 (no release) still loads
SUFFIX = ".argument.json"
PARTS = ("structure", "evidence", "statements")


class ArgumentError(ValueError):
    """An argument file that cannot be read (the message names the file and what is wrong with it)."""


# ------------------------------------------------------------------------------------------- model
def argument_path(lesson: str, folder: str | os.PathLike | None = None) -> Path:
    """``<folder>/<lesson>.argument.json``; ``folder`` defaults to the working directory (the notebook's folder)."""
    return Path(folder or Path.cwd()) / f"{lesson}{SUFFIX}"


def new_argument(lesson: str, claim: str = "", claim_text: str = "", evidence: Iterable[dict] = (),
                 reasoning: str = "", counter_argument: str = "", rebuttal: str = "") -> dict:
    """A new argument (plain dict, JSON-ready). ``claim`` is a key of :data:`CLAIMS`; with ``"own"`` give
    ``claim_text``."""
    if claim and claim != "own" and not claim_text:
        claim_text = CLAIMS.get(claim, "")
    return {"schema": SCHEMA, "schema_version": SCHEMA_VERSION, "lesson": lesson, "saved_at": None,
            "claim": {"id": claim, "text": claim_text}, "evidence": [dict(e) for e in evidence],
            "reasoning": reasoning, "counter_argument": counter_argument, "rebuttal": rebuttal}


def _round(x: float | None) -> float | None:
    if x is None or not math.isfinite(x):
        return None
    return float(f"{x:.10g}")


def evidence_item(selection, *, preset: str | None = None, note: str = "") -> dict:
    """The evidence item of a computed selection (:func:`course_utils.measures.select`): the selection's filters and
    its one release, the statistic (each country's value in the end year), the comparisons that are true of it and
    a description of its chart. The explorer passes the selection it has already computed."""
    from .charts import alt_text

    s = selection
    description = alt_text(s.frame, kind="bar", year=s.year, label=s.label, unit=s.unit)
    if s.release:
        description += f" Source: {s.release_label}."
    return {
        "measure": s.measure, "label": s.label, "unit": s.unit, "tables": list(s.tables), "release": s.release,
        "filters": {"countries": list(s.countries), "start": int(s.start), "end": int(s.end),
                    "normalisation": s.normalisation, "preset": preset, "release": s.release},
        "statistic": {"year": int(s.year), "values": {k: _round(v) for k, v in s.values.items()},
                      "flags": dict(s.flags)},
        "statements": [dict(x) for x in s.statements],
        "chart": {"kind": "bar", "description": description},
        "note": note,
    }


def make_evidence(measure: str, countries: Iterable[str], start: int, end: int, normalisation: str = "none", *,
                  release: str | None = None, preset: str | None = None, note: str = "", loader=None) -> dict:
    """One evidence item (see :func:`evidence_item`) for a selection; a spending measure is drawn from ``release``
    (default: the release that covers the selection best), and the item records which.

    Raises :class:`~course_utils.measures.MeasureError` for a selection that cannot be computed."""
    from . import measures as ms

    sel = ms.select(measure, countries, start, end, normalisation, release=release, loader=loader)
    return evidence_item(sel, preset=preset, note=note)


# -------------------------------------------------------------------------------------------- files
def _backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def save_argument(argument: dict, path: str | os.PathLike) -> Path:
    """Write ``argument`` to ``path`` atomically; the previous save becomes ``<path>.bak``.

    A current file that is not a readable argument (hand-edited into invalid JSON, say) is moved aside to
    ``<path>.unreadable-<time>`` rather than overwritten or rotated into the backup, so nothing is ever lost."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    data = dict(argument)
    data["schema"], data["schema_version"] = SCHEMA, SCHEMA_VERSION
    data["saved_at"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    text = json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    if path.exists():
        try:
            load_argument(path)
            keep = _backup_path(path)
        except ArgumentError:
            keep = path.with_name(f"{path.name}.unreadable-{time.strftime('%Y%m%d-%H%M%S')}")
        _atomic_copy(path, keep)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _atomic_copy(src: Path, dst: Path) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{dst.name}.", suffix=".tmp", dir=dst.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(src.read_bytes())
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, dst)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def load_argument(path: str | os.PathLike) -> dict:
    """Read a saved argument. Raises :class:`ArgumentError` naming the file for a missing, invalid or foreign one."""
    path = Path(path)
    if not path.is_file():
        raise ArgumentError(f"no saved argument found at {path.name}: press Save in the argument builder "
                            "(the file is written beside the notebook).")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ArgumentError(f"{path.name} is not a text file: it cannot be an argument saved by the builder.") \
            from None
    except json.JSONDecodeError as exc:
        raise ArgumentError(f"{path.name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}). "
                            f"Was it edited by hand? The previous save is in {path.name}.bak; or open the "
                            "builder and press Save again.") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise ArgumentError(f"{path.name} is not an argument saved by the course's argument builder.")
    version = data.get("schema_version")
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise ArgumentError(f"{path.name} was saved by a newer version of course_utils (schema {version!r}); "
                            "update the course package.")
    return data


# ------------------------------------------------------------------------------------------- checks
@dataclass
class ArgumentReport:
    """The result of :func:`check_argument`: problems by part (``structure``, ``evidence``, ``statements``)."""

    source: str
    problems: dict[str, list[str]] = field(default_factory=lambda: {p: [] for p in PARTS})
    passed: dict[str, list[str]] = field(default_factory=lambda: {p: [] for p in PARTS})

    @property
    def ok(self) -> bool:
        return not any(self.problems.values())

    def part_ok(self, part: str) -> bool:
        return not self.problems[part]

    def messages(self, part: str | None = None) -> list[str]:
        parts = PARTS if part is None else (part,)
        return [m for p in parts for m in self.problems[p]]

    def __str__(self) -> str:
        lines = [f"Argument check of {self.source}: " + ("all checks pass." if self.ok else "problems found.")]
        for p in PARTS:
            mark = "✓" if self.part_ok(p) else "✗"
            lines.append(f"{mark} {p}")
            lines += [f"    - {m}" for m in self.problems[p]]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        return "\n".join(("- " if not line.startswith("    ") else "    ") + line.strip()
                         if i else f"**{line}**" for i, line in enumerate(str(self).splitlines()))


def _policy(policy: ArgumentPolicy | str | None) -> ArgumentPolicy:
    return policy if isinstance(policy, ArgumentPolicy) else policy_for(policy)


def check_argument(path_or_obj: str | os.PathLike | dict, policy: ArgumentPolicy | str | None = None, *,
                   loader=None) -> ArgumentReport:
    """Check a saved argument (a path or the dict itself) against ``policy`` (an :class:`ArgumentPolicy` or a lesson
    slug; default: :data:`~course_utils.argument_policy.DEFAULT_POLICY`). Never raises for a bad argument: every
    problem is a message in the report, written for the student. The report's parts are the capstone's questions:
    ``structure`` (Q5), ``evidence`` (Q6), ``statements`` (Q7); :attr:`ArgumentReport.ok` means all three pass."""
    from . import measures as ms

    policy = _policy(policy)
    if isinstance(path_or_obj, dict):
        arg, report = path_or_obj, ArgumentReport("the argument")
    else:
        report = ArgumentReport(Path(path_or_obj).name)
        try:
            arg = load_argument(path_or_obj)
        except ArgumentError as exc:
            for p in PARTS:
                report.problems[p].append(str(exc))
            return report

    s = report.problems["structure"]
    if not policy.has_claim(arg.get("claim")):
        s.append("no claim: choose a claim (or write your own) in the argument builder.")
    evidence = arg.get("evidence")
    # only items (dicts) are evidence; anything else in the list is ignored, as the builder ignores it on restore
    items = evidence = [e for e in evidence if isinstance(e, dict)] if isinstance(evidence, list) else []
    if len(items) < policy.min_evidence:
        s.append(f"{len(items)} evidence item(s); an argument needs at least {policy.min_evidence}: add evidence "
                 "from the burden explorer.")
    tables = policy.data_tables(items)
    if len(tables) < policy.min_tables:
        s.append(f"the evidence draws on {len(tables)} data table(s) ({', '.join(tables) or 'none'}); use measures "
                 f"from at least {policy.min_tables} different tables (deployments, coalition deaths, U.S. troops "
                 "abroad, spending; economy, which only supplies GDP and population, does not count).")
    for key, what in TEXT_FIELDS.items():
        need = policy.min_words[key]
        have = _words(arg.get(key))
        if have < need:
            s.append(f"{what} is missing or too short ({have} words; at least {need}).")

    for i, item in enumerate(evidence, 1):
        _check_evidence(i, item, report, loader, ms)
    if not evidence:
        report.problems["evidence"].append("no evidence to check.")
    verified = len(report.passed["evidence"])
    if evidence and verified < policy.min_verified:
        report.problems["evidence"].append(
            f"{verified} evidence item(s) verified; at least {policy.min_verified} must match the data: add more "
            "from the explorer and press Save.")
    if len(report.passed["statements"]) < policy.min_statements:
        report.problems["statements"].append(
            f"{len(report.passed['statements'])} true comparison(s) in your evidence; at least "
            f"{policy.min_statements} needed: choose two or more countries for an evidence item.")
    return report


def _wrong_values(saved: dict, actual: dict) -> list[str]:
    wrong = []
    for iso3, value in saved.items():
        real = actual.get(iso3)
        if value is None and real is None:
            continue
        if value is None or real is None or isinstance(value, bool) or not isinstance(value, (int, float)) or \
                not math.isclose(float(value), real, rel_tol=1e-6, abs_tol=1e-9):
            wrong.append(iso3)
    return wrong


def legacy_release(item: dict, *, loader=None) -> tuple[str | None, str]:
    """For an evidence item saved before items recorded their release (schema 1): the one release its saved values
    come from, or :data:`course_utils.measures.LEGACY_SPLICE` if they mix releases (the old splice), or None if they
    match neither; and a message for the student ("" when nothing needs saying)."""
    from . import measures as ms

    m = ms.MEASURES.get(item.get("measure"))
    f = item.get("filters") or {}
    stat = item.get("statistic") or {}
    saved = stat.get("values") if isinstance(stat.get("values"), dict) else {}
    if m is None or not m.releases or not saved:
        return None, ""
    year = int(stat.get("year", f.get("end")))
    request = (item.get("measure"), f.get("countries"), f.get("start"), f.get("end"), f.get("normalisation", "none"))
    for release in m.releases:
        try:
            frame = ms.evaluate(*request, release=release, loader=loader)
        except ms.MeasureError:
            continue
        if not _wrong_values(saved, ms.values_for_year(frame, year)):
            return release, ""
    frame = ms.evaluate(*request, release=ms.LEGACY_SPLICE, loader=loader)
    if _wrong_values(saved, ms.values_for_year(frame, year)):
        return None, ""
    used = frame[(frame["year"] == year) & frame["value"].notna()]["release"].dropna().unique().tolist()
    mixed = ", ".join(ms.release_label(r) for r in ms.SPENDING_RELEASES if r in used) or "several releases"
    return ms.LEGACY_SPLICE, (
        f"was saved before the explorer kept to one release: its values splice {mixed} into one series, which "
        "lessons 03 and 08 warn against (each release revises and defines spending in its own way). Remove it "
        "and add it again from the explorer, which now draws each chart from one release and names it.")


def _check_evidence(i: int, item: Any, report: ArgumentReport, loader, ms) -> None:
    ev, st = report.problems["evidence"], report.problems["statements"]
    if not isinstance(item, dict):
        ev.append(f"evidence {i} is not an evidence item.")
        return
    f = item.get("filters") or {}
    stat = item.get("statistic") or {}
    label = item.get("label") or item.get("measure")
    m = ms.MEASURES.get(item.get("measure"))
    release = f.get("release") if isinstance(f, dict) else None
    if release == ms.LEGACY_SPLICE:
        ev.append(f"evidence {i} ({label}) mixes releases: the explorer draws each item from one release; add it "
                  "again from the explorer.")
        return
    try:
        if m is not None and m.releases and not release:  # saved before items recorded their one release
            release, message = legacy_release(item, loader=loader)
            if release == ms.LEGACY_SPLICE:
                ev.append(f"evidence {i} ({label}) {message}")
                return
            if release is None:
                release = ms.best_release(item.get("measure"), f.get("countries"), f.get("start"), f.get("end"),
                                          loader=loader)
        frame = ms.evaluate(item.get("measure"), f.get("countries"), f.get("start"), f.get("end"),
                            f.get("normalisation", "none"), release=release, loader=loader)
        year = int(stat.get("year", f.get("end")))
        actual = ms.values_for_year(frame, year)
    except (ms.MeasureError, TypeError, ValueError, AttributeError) as exc:
        ev.append(f"evidence {i} ({label}) cannot be recomputed: {exc}")
        return
    saved = stat.get("values") if isinstance(stat.get("values"), dict) else {}
    if not saved:
        ev.append(f"evidence {i} ({label}) has no statistic.")
    wrong = _wrong_values(saved, actual)
    where = f", {ms.release_label(release)}" if release else ""
    if wrong:
        ev.append(f"evidence {i} ({label}, {year}{where}): the saved value for {', '.join(wrong)} is not what the "
                  "data give. Add this evidence again from the explorer instead of editing the file.")
    elif saved:
        report.passed["evidence"].append(f"evidence {i}")
    for j, statement in enumerate(item.get("statements") or [], 1):
        if not isinstance(statement, dict):
            st.append(f"evidence {i}, statement {j} is not a statement.")
            continue
        try:
            values = actual if int(statement.get("year", year)) == year else \
                ms.values_for_year(frame, int(statement.get("year")))
        except (TypeError, ValueError):
            st.append(f"evidence {i}, statement {j} has no valid year.")
            continue
        holds = ms.statement_holds(statement, values)
        text = statement.get("text") or f"{statement.get('a')} vs {statement.get('b')}"
        if holds is None:
            st.append(f"evidence {i}: “{text}” cannot be checked: no data for one of the countries.")
        elif not holds:
            st.append(f"evidence {i}: “{text}” is not true of the data.")
        else:
            report.passed["statements"].append(text)


def check_saved_argument(lesson_or_path: str | os.PathLike, part: str = "all", *,
                         policy: ArgumentPolicy | None = None, question: str = "Argument") -> ArgumentReport:
    """For autograder test cells: raise :class:`CheckFailed` (a friendly message, no traceback) unless the saved
    argument passes ``part`` (``"structure"``, ``"evidence"``, ``"statements"`` or ``"all"``) of the lesson's
    :class:`ArgumentPolicy`.

    ``lesson_or_path`` is a lesson slug (the file ``<lesson>.argument.json`` in the working directory, checked
    against that lesson's policy) or a path (checked against ``policy``, default the course's)."""
    text = str(lesson_or_path)
    is_path = text.endswith(".json") or os.sep in text
    path = Path(text) if is_path else argument_path(text)
    if part not in (*PARTS, "all"):
        raise ValueError(f"part must be one of {PARTS + ('all',)}, not {part!r}")
    if not path.is_file():
        raise CheckFailed(question, f"no saved argument found ({path.name}): press Save in the argument builder, "
                                    "then run this cell again.")
    report = check_argument(path, policy if policy is not None else (None if is_path else text))
    problems = report.messages(None if part == "all" else part)
    if problems:
        raise CheckFailed(question, " ".join(dict.fromkeys(problems)))
    what = "structure, evidence and statement" if part == "all" else part
    print(f"✓ {question}: the saved argument passes the {what} checks.")
    return report
