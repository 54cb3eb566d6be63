# Fact ledger for lesson 05 (tests/ledger/README.md). Queries use the lesson's default parameters.
RS = "Operation Resolute Support"
OIR = "Operation Inherent Resolve"


def group_total(mission, year, us):
    d = T.allied_deployments
    d = d[(d["mission"] == mission) & (d["year"] == year)]
    return d.loc[(d["contributor_iso3"] == "USA") == us, "troops"].sum()


def change(mission, us, a=2019, b=2020):
    return 100 * (group_total(mission, b, us) - group_total(mission, a, us)) / group_total(mission, a, us)


def group_series(mission, us):
    d = T.allied_deployments
    d = d[(d["mission"] == mission) & ((d["contributor_iso3"] == "USA") == us)]
    return d.groupby("year")["troops"].sum()


def contributors(mission, year):
    d = T.allied_deployments
    return set(d.loc[(d["mission"] == mission) & (d["year"] == year), "contributor_iso3"])


def iraq_rows(iso3, year):
    d = T.allied_deployments
    return d[(d["contributor_iso3"] == iso3) & (d["host_iso3"] == "IRQ") & (d["year"] == year)]


def event_date(source_id):
    e = T.events
    return pd.Timestamp(e.loc[e["source_id"] == source_id, "date"].item())


def mission_years(mission):
    return sorted(T.allied_deployments.loc[lambda d: d["mission"] == mission, "year"].unique())


def panel(min_us=100):
    """The lesson's mission-year panel (cell 38) with the default MIN_US: (after-a-U.S.-cut change, allied change)."""
    d = T.allied_deployments
    d = d[d["mission_type"] == "operation"]
    us = d[d["contributor_iso3"] == "USA"].groupby(["mission", "year"])["troops"].sum()
    al = d[d["contributor_iso3"] != "USA"].groupby(["mission", "year"])["troops"].sum()
    rows = []
    for (m, y), u1 in us.items():
        if (m, y - 1) in us and (m, y - 1) in al and (m, y) in al and us[(m, y - 1)] >= min_us and al[(m, y - 1)] > 0:
            rows.append((y, 100 * (u1 - us[(m, y - 1)]) / us[(m, y - 1)],
                         100 * (al[(m, y)] - al[(m, y - 1)]) / al[(m, y - 1)]))
    return pd.DataFrame(rows, columns=["year", "us_change_pct", "allies_change_pct"])


def cut_test(cut_pct=10):
    """Observed difference of mean allied changes (after a U.S. cut minus the others), the number of cut-years and
    the EXACT two-sided permutation p-value (every way to place the labels), so no seed or row order matters."""
    import itertools
    import numpy as np

    p = panel()
    lab = (p["us_change_pct"] <= -cut_pct).to_numpy()
    ch = np.sort(p["allies_change_pct"].to_numpy())
    lab_ch = p.loc[lab, "allies_change_pct"].to_numpy()
    n, k = len(ch), int(lab.sum())
    obs = lab_ch.mean() - (ch.sum() - lab_ch.sum()) / (n - k)
    idx = np.array(list(itertools.combinations(range(n), k)), dtype=np.int8)
    s = ch[idx].sum(axis=1)
    diffs = s / k - (ch.sum() - s) / (n - k)
    return obs, k, float(np.mean(np.abs(diffs) >= abs(obs) - 1e-9))


# The data
fact("`allied_deployments` holds the troops that [[33]] states", lambda: T.allied_deployments["contributor_iso3"].nunique())
fact("**France has [[no Inherent Resolve row in 2014 or 2020]]**",
     lambda: "FRA" not in contributors(OIR, 2014) | contributors(OIR, 2020) and "FRA" in contributors(OIR, 2019))
fact("In 2016 a German contingent in Iraq ([[123]])",
     lambda: iraq_rows("DEU", 2016).query("mission == 'Operation Impact'")["troops"].item())

# After Q2
fact("France's rows are [[missing in 2020 and back in 2021]]",
     lambda: "FRA" not in contributors(OIR, 2020) and "FRA" in contributors(OIR, 2021))
fact("Denmark's 2021 troops in Iraq are [[listed under another label]]",
     lambda: set(iraq_rows("DNK", 2021)["mission"]) == {"NATO Mission Iraq"})

# Chart: U.S. and allied troops in two missions
fact("U.S. troops rise from [[about 6,800]] to 8,475 in 2018-2019", lambda: group_total(RS, 2015, True))
fact("U.S. troops rise from about 6,800 to [[8,475]] in 2018-2019",
     lambda: group_total(RS, 2018, True) == group_total(RS, 2019, True) == group_series(RS, True).max() == 8475)
fact("and fall to [[4,000]] in 2020; all other", lambda: group_total(RS, 2020, True))
fact("all other contributors rise from [[about 4,600]] to 7,161 in 2019", lambda: group_total(RS, 2015, False))
fact("all other contributors rise from about 4,600 to [[7,161]] in 2019", lambda: group_total(RS, 2019, False))
fact("and fall to [[6,359]] in 2020. Right", lambda: group_total(RS, 2020, False))
fact("U.S. troops peak at [[13,200]] in 2017", lambda: group_series(OIR, True).max())
fact("U.S. troops peak at 13,200 in [[2017]]", lambda: int(group_series(OIR, True).idxmax()))
fact("fall to [[4,900]] in 2021; the others", lambda: group_total(OIR, 2021, True))
fact("the others peak at [[about 6,100]] in 2017", lambda: group_series(OIR, False).max())
fact("the others peak at about 6,100 in [[2017]]", lambda: int(group_series(OIR, False).idxmax()))
fact("and fall to [[about 3,400]] in 2021, a smaller fall in proportion", lambda: group_total(OIR, 2021, False))
fact("[[a smaller fall in proportion]]",
     lambda: group_total(OIR, 2021, False) / group_series(OIR, False).max()
     > group_total(OIR, 2021, True) / group_series(OIR, True).max())

# What the numbers can't tell us
fact("IISS gives [[about 15,600]] for Resolute Support in 2019",
     lambda: group_total(RS, 2019, True) + group_total(RS, 2019, False), tol=100)

# Model answer of Q7 (default parameters)
fact("U.S. troops fell by [[about 53]]%", lambda: -change(RS, True))
fact("the other contributors' combined troops fell by [[about 11]]% (Q5)", lambda: -change(RS, False))
fact("the non-U.S. share of the mission rose to [[about 61]]% (Q4)",
     lambda: 100 * group_total(RS, 2020, False) / (group_total(RS, 2020, False) + group_total(RS, 2020, True)))
fact("a missing row can be a source gap ([[France]] in Inherent Resolve in 2020, Q2)",
     lambda: "France" if "FRA" in sorted(contributors(OIR, 2019) - contributors(OIR, 2020)) else "")
fact("or a new label ([[Denmark]] in NATO Mission Iraq, Q3)",
     lambda: "Denmark" if iraq_rows("DNK", 2021)["mission"].eq("NATO Mission Iraq").any() else "")

# Key points
fact("their combined troops [[moved much less]] than U.S. troops in the year of the Doha agreement (Q5)",
     lambda: abs(change(RS, False)) < abs(change(RS, True)) / 2)

# Numbers from outside the tables, cited inline (keys in datasets/sources.csv)
cited("began on 1 January 2015, planned for [[around 12,000]] troops (NATO, 2 Dec 2014)", "nato_2014_12_02")
cited("On [[29 February 2020]] the United States and the Taliban signed an agreement", "doha_agreement_2020")
cited("ordered the [[roughly 2,000]] U.S. troops there to leave", "trump_2018_12_19")
cited("Jim Mattis resigned the next day, with a letter stressing respect for allies (Mattis, letter, [[20 Dec 2018]])",
      "mattis_2018_12_20")
cited("a residual force of [[about 200]] would remain", "whitehouse_2019_02_21")
cited("On the night of [[6 October 2019]] the White House said", "whitehouse_2019_10_06")
cited("announced the withdrawal of [[about 1,000]] troops from northern Syria", "esper_2019_10_13")
cited("told *The Economist* that NATO was experiencing \"brain death\" (Macron, *The Economist*, [[7 Nov\n2019]])",
      "economist_2019_11_07")
cited("at Baghuz on [[23 March 2019]]", "sdf_2019_03_23")
cited("signed in Sochi on [[22 October]] extended the pause", "sochi_2019")
cited("in December 2024 the Pentagon said the real number was [[about 2,000]]", "dod_2024_12_19")
cited("about [[2,500]] U.S. troops stayed in an advisory role", "dod_2021_12_09")


# Objectives (cell 0): the four steps named, dated by the events table
fact("put in order, with dates and sources, the main steps of the [[2018]]–[[2019]] Syria decisions and the "
     "[[2020]]–[[2021]] withdrawal from Afghanistan",
     lambda: tuple(event_date(s).year for s in ("trump_2018_12_19", "esper_2019_10_13", "doha_agreement_2020",
                                                "dod_2021_08_30")))
allow("Lesson text CC BY [[4.0]]; code BSD-[[3]]-Clause;", "the version numbers in the names of the course's licences")

# Reading, section 1 (cell 3): dates from the events table (each row carries its source_id)
fact("Syria, twice: December [[2018]] and October [[2019]]",
     lambda: (event_date("trump_2018_12_19").year, event_date("whitehouse_2019_10_06").year))
fact("On [[19 December 2018]] President Trump declared that the Islamic State (ISIS) had been defeated",
     lambda: event_date("trump_2018_12_19"))
cited("an official figure of [[about 900]] was still given in July 2021 (Politico, Jul 2021)", "politico_2021_07_28")
fact("Operation Peace Spring against the Kurdish-led forces in north-east Syria on [[9]] October",
     lambda: event_date("peace_spring_2019"), value="2019-10-09")
fact("On [[13]] October Defense Secretary Mark Esper announced", lambda: event_date("esper_2019_10_13"),
     value="2019-10-13")
fact("A U.S.–Turkish deal on [[17]] October paused the offensive for [[120]] hours",
     lambda: (event_date("pence_erdogan_2019") == pd.Timestamp("2019-10-17"),
              T.events.loc[T.events["source_id"] == "pence_erdogan_2019", "value"].item()))
cited("(SDF), an alliance led by the Kurdish YPG with Arab and Assyrian units, was formed on [[10]] October [[2015]]",
      "kurdwatch_2015_10_26")
cited("about [[10,000]] ISIS detainees in some [[20]]", "wapo_2019_10_12")
cited("–[[30]] facilities in October [[2019]]", "chatham_haid_2019")

# Q1 hint (cell 10), Q2 note (cell 14), Q3 (cell 16)
fact("The table covers [[33]] deploying states.", lambda: T.allied_deployments["contributor_iso3"].nunique())
allow("every row of France, Denmark, Latvia and Lithuania in Iraq, [[2018]]–[[2021]]:",
      "the years the code cell below selects (its filter), not a claim")
allow("Store a whole number in `ally_iraq` ([[0]] if there are no rows).", "the value the question asks for")

# Reading, section 3 (cell 19)
fact("Resolute Support, a non-combat training mission, began on [[1 January 2015]]", lambda: event_date("nato_rsm"))
cited("in December 2018 almost [[17,000]] troops from [[39]] nations took part, about half of them American (AP, 21 Dec [[2018]])",
      "ap_2018_12_21")
cited("U.S. forces would fall from about [[13,000]] to [[8,600]] within [[135]] days, and all U.S. and coalition forces "
      "would leave within [[14]] months", "doha_agreement_2020")
cited("announced cuts to [[2,500]] in both Afghanistan and Iraq by [[15]] January 2021", "dod_2020_11_17")
fact("On [[14 April 2021]] President Biden announced a full U.S.", lambda: event_date("whitehouse_2021_04_14"))
cited("withdrawal by [[11]] September, and NATO foreign and defence ministers decided the same day to begin "
      "withdrawing Resolute Support by [[1]] May", "whitehouse_2021_04_14")
cited("NATO's Secretary General, Jens Stoltenberg, had said in November [[2020]] that the allies went into Afghanistan "
      "together and should leave together, in a coordinated way", "abcnyheter_2020_11_17")
cited("The Taliban entered Kabul on [[15]] August [[2021]]", "ap_2021_08_15")
fact("and the last U.S. aircraft left on [[30]] August", lambda: event_date("dod_2021_08_30"), value="2021-08-30")
fact("the U.S.-led coalition ended its combat role on [[9 December 2021]]", lambda: event_date("cjtf_oir_2021_12_09"))

# Chart description (cell 21)
fact("Left, Resolute Support [[2015]]-[[2020]]:", lambda: (int(mission_years(RS)[0]), int(mission_years(RS)[-1])))
fact("Right, Inherent Resolve [[2014]]-[[2021]]:", lambda: (int(mission_years(OIR)[0]), int(mission_years(OIR)[-1])))
fact("a note says France is missing in [[2014]] and [[2020]].",
     lambda: tuple(int(y) for y in mission_years(OIR) if "FRA" not in contributors(OIR, y)))

# Q5 and its self-check (cells 25, 27)
allow("A percentage change is [[100]] × (later − earlier) / earlier.", "the formula the question defines")
allow("A percentage change cannot fall below -[[100]].", "mathematics: a fall cannot exceed the whole")

# What the numbers can't tell us (cell 34)
cited("while the AP reported almost [[17,000]] in December [[2018]].", "ap_2018_12_21")

# Model answer of Q7 (cell 36)
fact("Between the IISS snapshots of [[2019]] and [[2020]], U.S.",
     lambda: (2019 in mission_years(RS), 2020 in mission_years(RS)))
fact("This was after the Doha agreement of [[29 February 2020]]", lambda: event_date("doha_agreement_2020"))
fact("on [[14 April 2021]] NATO ministers decided to begin withdrawing the same day",
     lambda: event_date("whitehouse_2021_04_14"))
fact("allies staying in [[2020]] may reflect their interests", lambda: group_total(RS, 2020, False) > 0)

# Section 5: the panel design (cells 37, 41, 42, 44)
fact("One operation (`mission_type == \"operation\"`) in one year *t* from [[2015]] to [[2021]], kept",
     lambda: (int(panel()["year"].min()), int(panel()["year"].max())))
allow("have rows in the year before (*t* − [[1]]) and in *t*, and if the United States had at least `MIN_US` troops "
      "there in *t* − [[1]].", "defines the previous year (t - 1)")
allow("an observer post of three officers that loses one would look like a [[33]]% \"cut\"",
      "arithmetic in an example: one of three")
allow("fell by at least `CUT_PCT` per cent from *t* − [[1]] to *t*.", "defines the previous year (t - 1)")
allow("an allied change cannot fall below -[[100]].", "mathematics: a fall cannot exceed the whole")
fact("a loop over arrays of [[30]]-odd numbers", lambda: 30 <= len(panel()) < 40)
allow("[[1]] - p is not the probability that the claim is true.", "arithmetic: the complement of a probability")
allow("the simulated differences centre on [[0]].", "mathematics: the mean difference under the null")

# Model answer of Q10 (cell 47), default parameters CUT_PCT = 10, MIN_US = 100; p is the exact permutation p-value
fact("(a) In the [[31]] mission-years of the IISS panel, allied troops changed on average about [[21]] percentage "
     "points less (−[[20.6]]) in the [[7]] mission-years",
     lambda: (len(panel()), -cut_test()[0], -cut_test()[0], cut_test()[1]))
allow("in which the United States cut by [[10]]% or more than in the others", "the default of CUT_PCT, a threshold")
fact("about [[11]]% of the time (two-sided permutation p ≈ [[0.11]])",
     lambda: (100 * cut_test()[2], cut_test()[2]), tol=0.5)
fact("in Resolute Support [[2020]] NATO members drew down together",
     lambda: change(RS, True) < 0 and change(RS, False) < 0)
fact("Inherent Resolve shrank from [[2018]] as ISIS lost its territory",
     lambda: int(group_series(OIR, True).add(group_series(OIR, False), fill_value=0).idxmax()) + 1
     if group_series(OIR, True).add(group_series(OIR, False), fill_value=0).loc[2017:].is_monotonic_decreasing else 0)
cited("the mission's task stayed the same (e.g. Syria [[2019]])", "esper_2019_10_13")

# Key points (cell 50)
cited("In Afghanistan the allies still left in [[2021]] when the United States did, in a joint NATO decision",
      "whitehouse_2021_04_14")


# Cleared from the backlog (issue 11 §2): no stored copy of the 2015 or Feb 2021 RSM placemats was found, so the
# sentences now cite the documents that were read (the expected contributors of Oct 2014; AP and Reuters, Feb 2021)
cited("When it was planned, some [[42]] countries, [[14]] of them outside NATO, were expected to contribute (Government "
      "of Sweden, Nov 2014)", "sweden_prop_2014_15_13")  # cell 19
cited("In February [[2021]] NATO still had [[just under 10,000]] troops in Afghanistan, most of them not American (AP, "
      "17 Feb 2021)", "ap_2021_02_17")  # cell 19
cited("about [[2,500]] U.S. troops remained (Reuters, 18 Feb 2021)", "reuters_2021_02_18")  # cell 19
