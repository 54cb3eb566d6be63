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
cited("Resolute Support, a non-combat training\nmission, began on 1 January 2015 with [[about 13,000]] troops from 42 nations", "nato_rsm")
cited("On [[29 February 2020]] the United States and the Taliban signed an agreement", "doha_agreement_2020")
cited("ordered the [[roughly 2,000]] U.S. troops there to leave", "trump_2018_12_19")
cited("Jim Mattis resigned the next day, with a letter stressing respect for allies (Mattis, letter, [[20 Dec 2018]])",
      "mattis_2018_12_20")
cited("a residual force of [[about 200]] would remain", "whitehouse_2019_02_21")
cited("On the night of [[6 October 2019]] the White House said", "whitehouse_2019_10_06")
cited("announced a withdrawal of [[fewer than 1,000]] troops from northern Syria", "esper_2019_10_13")
cited("told *The Economist* that NATO was experiencing \"brain death\" (Macron, *The Economist*, [[7 Nov\n2019]])",
      "economist_2019_11_07")
cited("at Baghuz on [[23 March 2019]]", "sdf_2019_03_23")
cited("signed in Sochi on [[22 October]] extended the pause", "sochi_2019")
cited("in December 2024 the Pentagon said the real number was [[about 2,000]]", "dod_2024_12_19")
cited("about [[2,500]] U.S. troops stayed in an advisory role", "cjtf_oir_2021_12_09")
