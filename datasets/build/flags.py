"""The flag vocabulary: every caveat a row's ``flag`` column may carry, with its codebook meaning.

Declared once here; ``package.py`` writes it into datapackage.json (``flags``) and the codebook, and
``schema.FLAG`` refuses a table flag that is not in it.
"""

FLAGS = {
    "": "no caveat",
    "estimate": "an estimate or approximate figure (outside estimate, 'about' figure, or a year the publisher marks as estimated)",
    "gap_filled": "a year missing from the DMDC reports, filled from Kane (2006) by troopdata",
    "not_reported": "the source gives no figure: the value is missing (empty), never 0",
    "partial": "DMDC counts only permanently assigned personnel here (from Dec 2017 for Afghanistan, Iraq, Syria): deployed forces are not included",
    "projection": "a plan or projection made in advance, not an outcome",
    "snapshot": "a value as of one date (a cross-section), not a series",
    "transcribed": "typed in from a printed or unofficial copy; check against the original before grading on it",
    "summed": "two source rows with the same key were added together",
    "source_issue": "the source has a known problem with this value (see the note column or the codebook)",
}
