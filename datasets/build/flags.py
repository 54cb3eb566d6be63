"""The caveat flag vocabulary: every value a table's ``flag`` column may hold, declared once.

Each flag has
- ``meaning``: its definition in the codebook (datasets/README.md);
- ``name``: the flag in words, for chart legends, tables and alt text;
- ``label``: the short text a chart writes beside a flagged value;
- ``mark``: the Vega-Lite point shape a chart draws at a flagged value (each flag its own shape, so caveats read
  without colour).

The build writes this dictionary into ``datapackage.json`` (top-level ``"flags"``) and the codebook's flag table;
``course_utils.data.flags()`` reads it from there for charts, measures and the explorer. The empty flag ("no caveat")
is part of the vocabulary: a chart that draws unflagged values too gives them its mark. To add a flag: add it here,
allow it in its table's ``flag`` field (``schema.FLAG([...])``, which refuses a flag not declared here), rebuild with ``python -m datasets.build``.
"""
from __future__ import annotations

FLAGS: dict[str, dict[str, str]] = {
    "": {"meaning": "no caveat", "name": "no caveat", "label": "", "mark": "circle"},
    "estimate": {"meaning": "an estimate or approximate figure (outside estimate, 'about' figure, or a year the "
                            "publisher marks as estimated)",
                 "name": "estimate", "label": "est.", "mark": "triangle-up"},
    "gap_filled": {"meaning": "a year missing from the DMDC reports, filled from Kane (2006) by troopdata",
                   "name": "gap filled", "label": "gap-filled", "mark": "triangle-left"},
    "not_reported": {"meaning": "the source gives no figure: the value is missing (empty), never 0",
                     "name": "not reported", "label": "no data", "mark": "cross"},
    "partial": {"meaning": "DMDC counts only permanently assigned personnel here (from Dec 2017 for Afghanistan, Iraq, "
                           "Syria): deployed forces are not included",
                "name": "partial", "label": "partial", "mark": "diamond"},
    "projection": {"meaning": "a plan or projection made in advance, not an outcome",
                   "name": "projection", "label": "proj.", "mark": "triangle-down"},
    "snapshot": {"meaning": "a value as of one date (a cross-section), not a series",
                 "name": "snapshot", "label": "snapshot", "mark": "square"},
    "transcribed": {"meaning": "typed in from a printed or unofficial copy; check against the original before "
                               "grading on it",
                    "name": "transcribed", "label": "transcr.", "mark": "triangle-right"},
    "summed": {"meaning": "two source rows with the same key were added together",
               "name": "summed", "label": "summed", "mark": "wedge"},
    "source_issue": {"meaning": "the source has a known problem with this value (see the note column or the "
                                "codebook)",
                     "name": "source issue", "label": "source issue", "mark": "stroke"},
}


def codebook_table(flags: dict[str, dict[str, str]]) -> list[str]:
    """The codebook's flag table (markdown lines) from the data package's ``flags``."""
    out = ["| flag | meaning | chart label | mark |", "| --- | --- | --- | --- |"]
    for k, v in flags.items():
        out.append(f"| {f'`{k}`' if k else '(empty)'} | {v['meaning']} | {v['label']} | {v['mark']} |")
    return out
