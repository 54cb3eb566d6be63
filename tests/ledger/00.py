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
      "crs_r44116")


cited("The events of [[11 September 2001]]", "crs_rs22357")
fact("active-duty military personnel by host country and year from [[1950]] on.",
     lambda: int(T.us_troops_abroad["year"].min()))
cited("for the years around the change of [[2017]], with their flags.", "us_troops_timeline_facts")
cited("and from December [[2017]] DMDC no longer published Afghanistan, Iraq and Syria at all (CRS R44116).",
      "crs_r44116")
cited("or the end of reporting in late [[2017]]", "crs_r44116")
allow("In this course such values are missing (shown as `<NA>`), never [[0]], and their `flag` says why.",
      "states the course's convention for missing values")
allow("Some rows of YEAR have no reported count or a count of [[0]].", "a hint about the data's form")
allow("A percentage lies between [[0]] and [[100]].", "arithmetic in a hint")
allow("Multiply by [[100]] to give a percentage.", "arithmetic in a hint")
allow("Lesson 01 goes back to September [[2001]]:", "names the month of the attacks the next lesson starts from")

def estimate_years(*iso3):
    """First and last year of the first unbroken run of years in which every one of these countries' rows carries the
    flag estimate (the later run, 2018-2021, is the post-2017 reporting gap)."""
    t = T.us_troops_abroad
    est = t[t["flag"].fillna("").str.contains("estimate", regex=False)]
    years = set.intersection(*(set(est.loc[est["iso3"] == c, "year"]) for c in iso3))
    first = last = min(years)
    while last + 1 in years:
        last += 1
    return int(first), int(last)


# Backlog (issue 11): numbers in the prose not yet recomputed, cited or allowed. Replace each todo by
# fact/cited/allow (tests/ledger/README.md); tests/test_ledger_coverage.py keeps this list from growing.
fact("from [[2003]] to [[2007]] the DMDC country tables gave no count of their own for Iraq or Afghanistan",
     lambda: estimate_years("IRQ", "AFG"))
cited("printed only a total \"in/around Afghanistan\" (DMDC 309A country tables, [[2003]]–[[2005]]",
      "dmdc_309a_country_2003_2005")
cited("or ([[2006]]–[[2007]]) printed only a total \"in/around Afghanistan\" (DMDC 309A country tables, 2003–2005; Allen "
      "et al.'s parse of the [[2006]] and [[2007]] reports)", "troopdata_reports")
