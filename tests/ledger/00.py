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
