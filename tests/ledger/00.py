# Fact ledger for lesson 00 (tests/ledger/README.md). Queries use the lesson's default parameters.


def flags(iso3, years):
    t = T.us_troops_abroad
    return set(t.loc[(t["iso3"] == iso3) & t["year"].isin(list(years)), "flag"])


fact("outside estimates (e.g. [[Afghanistan 2019 flagged, not a DMDC count]])",
     lambda: flags("AFG", [2019]) <= {"estimate", "gap_filled", "not_reported"})
fact("war zones are [[estimates for 2003–2007]]",
     lambda: flags("AFG", range(2003, 2008)) == flags("IRQ", range(2003, 2008)) == {"estimate"})
fact("(DMDC, compiled by Allen, Flynn & Martinez Machain 2022); war zones are estimates for 2003–2007 and [[not reported "
     "from late 2017]]",
     lambda: all(flags(c, range(2018, 2022)) <= {"estimate", "not_reported"} for c in ("AFG", "IRQ", "SYR")))

cited("from December 2017 DMDC stopped reporting personnel in Afghanistan, Iraq and Syria in these reports ([[CRS\nR44116, 2021]])",
      "us_troops_timeline_facts")


# Backlog (issue 11): numbers in the prose not yet recomputed, cited or allowed. Replace each todo by
# fact/cited/allow (tests/ledger/README.md); tests/test_ledger_coverage.py keeps this list from growing.
todo('The events of [[11]] September [[2001]]')  # cell 0
todo('active-duty military personnel by host country and year from [[1950]] on.')  # cell 4
todo('from [[2003]] to [[2007]] the DMDC tables did not list Iraq or Afghanistan at all, and the values in this table')  # cell 4
todo('In this course such values are missing (shown as `<NA>`), never [[0]], and their `flag` says why.')  # cell 4
todo('Some rows of YEAR have no reported count or a count of [[0]].')  # cell 14
todo('A percentage lies between [[0]] and [[100]].')  # cell 23
todo('Multiply by [[100]] to give a percentage.')  # cell 23
todo('The cell below shows Afghanistan, Iraq and Syria for the years around the change of [[2017]], with their flags.')  # cell 24
todo('deployments and in contingency operations are counted differently, and from December [[2017]] DMDC no longer published Afghanistan, Iraq and Syria at all (CRS R44116).')  # cell 28
todo('assigned vs deployed/contingency personnel, or the end of reporting in late [[2017]]')  # cell 28
todo("## What's next Lesson 01 goes back to September [[2001]]:")  # cell 31
