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
    """The course's late policy (docs/instructor-guide.md): each started day late costs 10% of the points earned,
    up to 50%. nbgrader applies it per notebook when the lesson has a due date and the submission's timestamp is
    after it. Change ``PER_DAY`` and ``CAP`` here (or set another plugin in nbgrader_config.py)."""

    PER_DAY = 0.10
    CAP = 0.50

    def late_submission_penalty(self, student_id, score, total_seconds_late):
        import math

        if not total_seconds_late or total_seconds_late <= 0:
            return None
        days = math.ceil(total_seconds_late / 86400)
        return round(score * min(self.CAP, self.PER_DAY * days), 2)


class ZeroDeletedTestCells(NbGraderPreprocessor):
    """A graded test cell that the student deleted is put back by ``OverwriteCells.add_missing_cells`` (at the end
    of the notebook) and scores 0, with a message saying why; without this it would run there and might pass.
    ``course doctor`` warns students before they submit."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code" and utils.is_grade(cell) and \
                cell.source.startswith("# This cell (id:") and "was missing from the submission" in cell.source:
            grade_id = cell.metadata["nbgrader"].get("grade_id", "?")
            cell.source = (f"# This graded cell ({grade_id}) was deleted from the submission; it scores 0.\n"
                           f"raise AssertionError('graded cell {grade_id} was deleted from the notebook before "
                           "submission, so it scores 0 (run `course doctor` before submitting)')")
        return cell, resources
