"""nbgrader preprocessors the course plugs into nbgrader_config.py.

- :class:`SafeDeduplicateIds` replaces nbgrader's DeduplicateIds in autograding. nbgrader 0.9.6 leaves a duplicated
  graded cell with empty ``nbgrader`` metadata, and ``OverwriteCells.add_missing_cells`` then crashes on it
  (``KeyError: 'grade_id'``), failing that submission; plain serial autograde stops the class there.
- :class:`HideTestTracebacks` (feedback) replaces the traceback of a failing test cell with its last line, so the
  hidden test's source (which nbgrader's ClearHiddenTests removes from the cell) does not come back through the
  traceback; the message the test author wrote (``CheckFailed``) is kept.
- :class:`OfflineCharts` (feedback) turns Vega-Lite outputs into inline SVG (vl-convert), so feedback HTML shows
  the charts without a network.
"""
from __future__ import annotations

import re

from nbgrader import utils
from traitlets import Float
from nbgrader.preprocessors import NbGraderPreprocessor

ANSI = re.compile(r"\x1b\[[0-9;]*m")
VEGALITE = re.compile(r"application/vnd\.vegalite\.v(\d+)\+json")


class SafeDeduplicateIds(NbGraderPreprocessor):
    """Keep the first cell of each grade id; later copies become ordinary cells (no nbgrader metadata at all)."""

    def preprocess(self, nb, resources):
        seen = set()
        for cell in nb.cells:
            meta = cell.metadata.get("nbgrader")
            if meta is None:
                continue
            if not (utils.is_grade(cell) or utils.is_solution(cell) or utils.is_locked(cell)) \
                    or "grade_id" not in meta:
                if not meta or "grade_id" not in meta:
                    del cell.metadata["nbgrader"]
                continue
            if meta["grade_id"] in seen:
                self.log.warning("Cell with id '%s' exists multiple times: the copy is graded as ordinary code",
                                 meta["grade_id"])
                del cell.metadata["nbgrader"]
                cell.metadata.pop("editable", None)
                cell.metadata.pop("deletable", None)
            else:
                seen.add(meta["grade_id"])
        return nb, resources


class HideTestTracebacks(NbGraderPreprocessor):
    """In feedback, a failing test cell shows only ``ErrorName: message``, never the lines of the test."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and utils.is_grade(cell):
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    ename, evalue = output.get("ename", "Error"), ANSI.sub("", output.get("evalue", ""))
                    output["traceback"] = [f"{ename}: {evalue}" if evalue else ename]
        return cell, resources


def _description(spec) -> str:
    """A chart's alt text: its own ``description``, else the first one found in its layers or panels."""
    if not isinstance(spec, dict):
        return ""
    if spec.get("description"):
        return str(spec["description"])
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key, []):
            found = _description(part)
            if found:
                return found
    return ""


class OfflineCharts(NbGraderPreprocessor):
    """Vega-Lite outputs become inline SVG, so charts in feedback render without a network."""

    def preprocess_cell(self, cell, resources, index):
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = output.get("data", {})
            for mime in [m for m in data if VEGALITE.fullmatch(m)]:
                spec = data.pop(mime)
                try:
                    import html

                    import vl_convert as vlc

                    svg = vlc.vegalite_to_svg(spec)
                    alt = html.escape(_description(spec))
                    # inline SVG (not an <img>): no network, and the chart's description stays next to it
                    data["text/html"] = (f'<figure class="course-chart" role="img" aria-label="{alt}">{svg}'
                                         f"<figcaption>{alt}</figcaption></figure>")
                except Exception as exc:  # noqa: BLE001 - a chart that can't be drawn must not stop feedback
                    data.setdefault("text/plain", f"[chart not shown in feedback: {type(exc).__name__}]")
        return cell, resources


try:
    from nbgrader.plugins import LateSubmissionPlugin
except ImportError:  # pragma: no cover - nbgrader without plugins
    LateSubmissionPlugin = object  # type: ignore[misc,assignment]


class DailyLatePenalty(LateSubmissionPlugin):  # type: ignore[misc,valid-type]
    """The course's late policy (docs/instructor-guide.md): each started day late costs ``per_day`` of the points
    earned, at most ``max_fraction``. nbgrader applies it per notebook when the lesson has a due date and the
    submission's timestamp is after it. Both are traits, set in nbgrader_config.py:

        c.DailyLatePenalty.per_day = 0.10
        c.DailyLatePenalty.max_fraction = 0.50
    """

    per_day = Float(0.10, help="Share of the earned points lost per started day late.").tag(config=True)
    max_fraction = Float(0.50, help="The largest share of the earned points a late submission loses.").tag(
        config=True)

    def late_submission_penalty(self, student_id, score, total_seconds_late):
        import math

        if not total_seconds_late or total_seconds_late <= 0:
            return None
        days = math.ceil(total_seconds_late / 86400)
        return round(score * min(self.max_fraction, self.per_day * days), 2)


RESTORED_NOTE = "was missing from the submission"  # from nbgrader's OverwriteCells.missing_cell_notification


class FlagRestoredTestCells(NbGraderPreprocessor):
    """A graded test cell that the student deleted is put back by ``OverwriteCells.add_missing_cells`` right after
    the cell that precedes it in the release, and is scored on merit, like a test cell the student edited (which
    nbgrader restores from the gradebook). This marks the restored cell (``metadata.course.restored``) so that
    ``course autograde`` (through ``notebook_model.restored_cells``) records a flag for the instructor and
    ``course status`` shows it.
    ``course doctor`` warns students before they submit."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and utils.is_grade(cell) and \
                cell.source.startswith("# This cell (id:") and RESTORED_NOTE in cell.source.split("\n", 1)[0]:
            cell.metadata.setdefault("course", {})["restored"] = True
        return cell, resources
