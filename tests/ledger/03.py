# Fact ledger for lesson 03 (tests/ledger/README.md). Queries use the lesson's default parameters.
from functools import cache

import numpy as np
from scipy.stats import spearmanr


@cache
def joined():
    m = T.memberships
    return m[m["group"] == "NATO"].set_index("iso3")["joined"]


def is_member(iso3, year):
    j = joined()
    return iso3 in j.index and int(j[iso3][:4]) <= year


@cache
def nato19(year, members=True):
    d = T.defence_spending
    w = d[(d["release"] == "nato_2019_06") & (d["year"] == year)].pivot(index="iso3", columns="indicator", values="value")
    return w[[is_member(c, year) for c in w.index]] if members else w


@cache
def rho(year, members=True):
    x = nato19(year, members)[["gdp_usd_2015", "defence_share_gdp"]].dropna()
    return spearmanr(x["gdp_usd_2015"], x["defence_share_gdp"])


def n_rho(year):
    return len(nato19(year)[["gdp_usd_2015", "defence_share_gdp"]].dropna())


def at_2pct_2025(year):
    d = T.defence_spending
    r = d[(d["release"] == "nato_2025_08") & (d["year"] == year) & (d["indicator"] == "defence_share_gdp")]
    return int((r[[is_member(c, year) for c in r["iso3"]]]["value"] >= 2).sum())


def nato25(iso3, year):
    d = T.defence_spending
    return d.loc[(d["release"] == "nato_2025_08") & (d["iso3"] == iso3) & (d["year"] == year), "value"].item()


def us_share(year, col):
    w = nato19(year)
    return 100 * w.loc["USA", col] / w[col].sum()


@cache
def ranks(year=2019):
    w = nato19(year).dropna(subset=["defence_share_gdp"])
    return w.rank(ascending=False, method="min")


def top5(col, year=2019):
    w = nato19(year).dropna(subset=["defence_share_gdp"])
    return w[col].sort_values(ascending=False).index[:5].tolist()


NAMES = {"USA": "the United States", "GRC": "Greece", "EST": "Estonia", "GBR": "the United Kingdom", "ROU": "Romania",
         "NOR": "Norway", "DNK": "Denmark", "FRA": "France", "LUX": "Luxembourg", "SVK": "Slovakia", "TUR": "Türkiye",
         "LTU": "Lithuania", "SVN": "Slovenia", "HUN": "Hungary", "CAN": "Canada"}


@cache
def deploy_pm(year=2019):
    d = T.allied_deployments
    o = d[(d["year"] == year) & (d["mission_type"] == "operation")].groupby("contributor_iso3")["troops"].sum()
    o = o[[is_member(c, year) for c in o.index]]
    e = T.economy
    pop = e[e["year"] == year].set_index("iso3")["population"]
    return (o / pop.reindex(o.index) * 1e6).dropna()


@cache
def deaths_pm_2012():
    c = T.coalition_contributions
    d = c[(c["dataset"] == "afghanistan_deaths_by_nation") & (c["as_of"] == "2012-05-20") & (c["iso3"] != "")]
    e = T.economy
    pop = e[e["year"] == 2012].set_index("iso3")["population"]
    return (d.set_index("iso3")["value"] / pop.reindex(d["iso3"]).values * 1e6).sort_values(ascending=False)


# Reading: testing the hypothesis
fact("about half of the members' combined GDP, [[50.0]]% in 2012",
     lambda: 100 * nato19(2012, members=False).loc["USA", "gdp_usd_2015"] / nato19(2012, members=False)["gdp_usd_2015"].sum())
fact("50.0% in 2012 and [[51.0]]% in 2019",
     lambda: 100 * nato19(2019, members=False).loc["USA", "gdp_usd_2015"] / nato19(2019, members=False)["gdp_usd_2015"].sum())
fact("It is [[0.316]] in 2012 and 0.289 in 2014", lambda: rho(2012).statistic)
fact("It is 0.316 in 2012 and [[0.289]] in 2014", lambda: rho(2014).statistic)
fact("for the [[27]] members of those years", lambda: n_rho(2012) == n_rho(2014) == 27)
fact("and it falls to [[0.031]] in 2019", lambda: rho(2019).statistic)
fact("in 2019 for [[28]] members (computed from", lambda: n_rho(2019))
fact("the p-values run from [[about 0.11]] to 0.87", lambda: min(rho(y).pvalue for y in range(2012, 2020)), tol=0.005)
fact("the p-values run from about 0.11 to [[0.87]]", lambda: max(rho(y).pvalue for y in range(2012, 2020)), tol=0.005)
fact("Leave it in for 2012 and ρ drops from 0.316 to [[0.240]]", lambda: rho(2012, members=False).statistic)
fact("although it joined only on [[5 June 2017]]", lambda: joined()["MNE"])
fact("Montenegro (joined 5 June 2017), North Macedonia ([[27 March 2020]])", lambda: joined()["MKD"])
fact("Finland ([[4 April 2023]])", lambda: joined()["FIN"])
fact("and Sweden ([[7 March 2024]])", lambda: joined()["SWE"])

# Reading: yardsticks
fact("In the August 2025 release, [[3]] allies met the guideline in 2014", lambda: at_2pct_2025(2014))
fact("3 allies met the guideline in 2014, [[7]] in 2022", lambda: at_2pct_2025(2022))
fact("[[10]] in 2023 and 18 in 2024", lambda: at_2pct_2025(2023))
fact("10 in 2023 and [[18]] in 2024", lambda: at_2pct_2025(2024))
fact("the 2019 release counts [[5]] allies at or above 2% in 2015", lambda: int((nato19(2015)["defence_share_gdp"] >= 2).sum()))
fact("the 2025 release [[4]] (NATO 2025)", lambda: at_2pct_2025(2015))
fact("In 2019 Greece spent [[2.24]]% of GDP on defence", lambda: nato19(2019).loc["GRC", "defence_share_gdp"])
fact("on defence, [[second]] among the allies", lambda: ranks().loc["GRC", "defence_share_gdp"], value=2)
fact("but it ranked [[23]]rd of 28 on the share of spending that went on equipment", lambda: ranks().loc["GRC", "equipment_share"])
fact("Luxembourg was last on share of GDP ([[0.55]]%)", lambda: nato19(2019).loc["LUX", "defence_share_gdp"])
fact("Luxembourg was [[last]] on share of GDP", lambda: ranks().loc["LUX", "defence_share_gdp"] == len(ranks()))
fact("and first on equipment share ([[44.6]]%)", lambda: nato19(2019).loc["LUX", "equipment_share"])
fact("At constant 2015 prices it fell from [[74.3]]% in 2012", lambda: us_share(2012, "defence_expenditure_usd_2015"))
fact("2012 to [[69.6]]% in 2019 (computed", lambda: us_share(2019, "defence_expenditure_usd_2015"))
fact("In current dollars it was [[71.5]]% in 2012", lambda: us_share(2012, "defence_expenditure_usd_current"))
fact("[[69.4]]% in 2014 and 70.5% in", lambda: us_share(2014, "defence_expenditure_usd_current"))
fact("69.4% in 2014 and [[70.5]]% in", lambda: us_share(2019, "defence_expenditure_usd_current"))
fact("a \"burden ratio\" of [[1.37]] for 2019",
     lambda: us_share(2019, "defence_expenditure_usd_2015") / us_share(2019, "gdp_usd_2015"))

# Chart: five allies, NATO 2025 release
fact("Poland rises from [[below 2]]% to about 3.8%", lambda: nato25("POL", 2014))
fact("Poland rises from below 2% to [[about 3.8]]% in the 2024 estimate", lambda: nato25("POL", 2024))
fact("Germany reaches 2% [[only in the 2024 estimate]]",
     lambda: nato25("DEU", 2024) >= 2 and all(nato25("DEU", y) < 2 for y in range(2014, 2024)))

# Reading: measures that disagree (2019)
fact("**Share of GDP**, the sacrifice an economy makes: [[the United States, Greece, Estonia, the United Kingdom, Romania]]",
     lambda: [NAMES[c] for c in top5("defence_share_gdp")])
fact("the resources behind each citizen: [[the United States, Norway, the United Kingdom, Denmark, France]]",
     lambda: [NAMES[c] for c in top5("defence_expenditure_per_capita_usd_2015")])
fact("the money that goes on modern forces: [[Luxembourg, Slovakia, Türkiye, Norway, Lithuania]]",
     lambda: [NAMES[c] for c in top5("equipment_share")])
fact("contribution to shared missions: [[Slovenia, Slovakia, Estonia, Hungary, France]]",
     lambda: [NAMES[c] for c in deploy_pm().sort_values(ascending=False).index[:5]])
fact("Greece is second by share of GDP and [[26]]th of 28 by operational deployments per million",
     lambda: deploy_pm().rank(ascending=False, method="min")["GRC"])
fact("Slovenia is first by deployments and [[25]]th by share of GDP", lambda: ranks().loc["SVN", "defence_share_gdp"])
fact("per million in 2019 is [[0.008]]",
     lambda: spearmanr(deploy_pm(), nato19(2019)["defence_share_gdp"].reindex(deploy_pm().index)).statistic)
fact("By May 2012, Denmark had lost [[42]] soldiers in Afghanistan", lambda: T.coalition_contributions.query(
    "dataset == 'afghanistan_deaths_by_nation' and as_of == '2012-05-20' and iso3 == 'DNK'")["value"].item())
fact("and Germany [[52]]", lambda: T.coalition_contributions.query(
    "dataset == 'afghanistan_deaths_by_nation' and as_of == '2012-05-20' and iso3 == 'DEU'")["value"].item())
fact("that is [[about 7.5]] for Denmark", lambda: deaths_pm_2012()["DNK"])
fact("and [[0.65]] for Germany", lambda: deaths_pm_2012()["DEU"])

# Chart: deaths per million
fact("for the [[eleven]] nations named in a Reuters count", lambda: len(deaths_pm_2012()), value=11)
fact("Denmark is highest at [[about 7.5]] per million", lambda: deaths_pm_2012().iloc[0] if deaths_pm_2012().index[0] == "DNK" else 0)
fact("then [[the United Kingdom, the United States and Canada]]",
     lambda: [NAMES[c] for c in deaths_pm_2012().index[1:4]])
fact("Germany is [[about 0.65]].", lambda: deaths_pm_2012()["DEU"], tol=0.005)

# Model answer of FR1 (ALLY = LUX)
fact("in 2019 it spent [[0.55]]% of GDP on defence", lambda: nato19(2019).loc["LUX", "defence_share_gdp"])
fact("last of [[28]] members", lambda: len(ranks()))
fact("Per person, Luxembourg ranked [[9]]th of [[28]] in 2019",
     lambda: (ranks().loc["LUX", "defence_expenditure_per_capita_usd_2015"], len(ranks())))
fact("so its rank shift between the two measures is [[+19]]",
     lambda: ranks().loc["LUX", "defence_share_gdp"] - ranks().loc["LUX", "defence_expenditure_per_capita_usd_2015"])
fact("it put [[44.6]]% of its spending into equipment", lambda: nato19(2019).loc["LUX", "equipment_share"])
fact("the [[highest]] share in the alliance", lambda: ranks().loc["LUX", "equipment_share"] == 1)

# Helpers for the lines below (the backlog of issue 11 §2, worked through)


def release_years(release, flag=None):
    d = T.defence_spending
    d = d[d["release"] == release]
    if flag is not None:
        d = d[d["flag"] == flag]
    return int(d["year"].min()), int(d["year"].max())


def deaths_2012(col):
    c = T.coalition_contributions
    d = c[(c["dataset"] == "afghanistan_deaths_by_nation") & (c["as_of"] == "2012-05-20") & (c["iso3"] != "")]
    return d[col].unique().item()


@cache
def perm_p(year=2019, seed=1966, reps=5000):
    """The Q8 model solution's two-sided permutation p-value, with the lesson's defaults (YEAR, SEED, REPS)."""
    x = nato19(year)[["gdp_usd_2015", "defence_share_gdp"]].dropna()
    size, burden = x["gdp_usd_2015"].rank().to_numpy(), x["defence_share_gdp"].rank().to_numpy()
    observed = np.corrcoef(size, burden)[0, 1]
    rng = np.random.default_rng(seed=seed)
    null = np.array([np.corrcoef(size, rng.permutation(burden))[0, 1] for _ in range(reps)])
    return float(np.mean(np.abs(null) >= abs(observed)))


# Backlog cleared (issue 11 §2). Graded questions and their hints
allow("set `significant` to `True` if the p-value of your **Q1** correlation (with the United States) is below [[0.05]]",
      "the significance threshold the question sets")
allow("Use the two-sided p-value of the Q1 correlation and compare it with [[0.05]].", "the question's threshold, in a hint")
allow("how many NATO members spent **at least** [[2]]% of GDP on defence in `COUNT_YEAR`?", "the question's threshold")
allow("Count countries listed in the August [[2025]] release for COUNT_YEAR.", "names the data release the question uses")
allow("compare them with [[2]], not with [[0.02]].", "a hint about units: the threshold as a number")
cited("[[23]] is NATO's June [[2024]] estimate, reported in the press.", "nato_2024_06")
allow("August [[2025]] release, year COUNT_YEAR, members only, values of at least [[2]].",
      "names the release and the threshold the question sets")
allow("(% of GDP at least [[2]]) **and** the 20% equipment guideline (`equipment_share` at least [[20]])",
      "the question's thresholds")
allow("Your count cannot be larger than the number of members at [[2]]% in YEAR.", "the question's threshold, in a hint")
allow("it is a percentage ([[20]], not [[0.20]]).", "a hint about units: the threshold as a number")
allow("[[1]] - p is not the probability", "arithmetic in a hint")
allow("Under the null (burdens shuffled) the simulated ρ values centre on [[0]].",
      "a property of the null distribution (mathematics, not a claim)")
cited("(b) set your result beside Kim and Sandler's (2019) clear evidence of exploitation for [[2011]]–[[2017]]",
      "kim_sandler_2019")

# Model answer of FR2 (YEAR = 2019, SEED = 1966, REPS = 5000)
fact("Among the [[28]] members of 2019, the size and burden rankings barely agree (ρ = [[0.031]])",
     lambda: (n_rho(2019), rho(2019).statistic))
fact("this far from zero in [[about 87]]% of shuffles (two-sided permutation p ≈ [[0.87]])",
     lambda: (100 * perm_p(), perm_p()))
fact("and [[0.87]] is not the probability that Olson and Zeckhauser are wrong", lambda: perm_p())
cited("(b) Kim and Sandler report clear evidence of exploitation for [[2011]]–[[2017]].", "kim_sandler_2019")
fact("which in 2012 would give p ≈ [[0.05]] instead of ≈ [[0.11]] on our data",
     lambda: (spearmanr(*nato19(2012)[["gdp_usd_2015", "defence_share_gdp"]].dropna().T.values,
                        alternative="greater").pvalue, rho(2012).pvalue))
allow("or be bound by the [[2]]% pledge", "names the NATO guideline")

# Model answer of FR1 and its question
allow("and judge this claim for the years [[2014]]–[[2019]].", "the years the question sets")
fact("[[2018]]–[[2019]] figures are NATO estimates;", lambda: release_years("nato_2019_06", "estimate"))
allow("so [[2014]]–[[2019]] trends must come from one release", "the years FR1 sets")
allow("Set the years to [[2014]]–[[2019]] and try each measure:", "an instruction for the explorer")

# Key points
fact("On NATO's [[2012]]–[[2019]] figures the rank correlation is weak, not significant, and fading.",
     lambda: release_years("nato_2019_06"))
allow("Counts of allies \"at [[2]]%\" depend on the NATO release.", "names the NATO guideline")
allow("You will test that argument against what happened in [[2022]]–[[2024]]",
      "the years the next lesson covers (a preview; lesson 04 states and checks its facts)")

# Charts
fact("Defence spending, % of GDP, [[2014]]-[[2024]] (NATO Aug 2025 release, transcribed)",
     lambda: release_years("nato_2025_08"))
fact("from [[2014]] to [[2024]] for the United States, the United Kingdom, France, Germany and Poland, from an "
     "unofficial transcription of NATO's August 2025 release", lambda: release_years("nato_2025_08"))
allow("a dashed horizontal line marks the [[2]]% guideline", "names the NATO guideline")
fact("Points are upward triangles for NATO's [[2024]] estimates", lambda: release_years("nato_2025_08", "estimate")[0])
allow("Germany reaches [[2]]% only in the 2024 estimate", "names the NATO guideline")
allow("real GDP in [[2015]] US dollars on a logarithmic x axis", "a price basis (constant 2015 US$), not a claim")
fact("Military deaths in Afghanistan since Oct [[2001]], per million people", lambda: int(deaths_2012("period_start")[:4]))
fact("Afghanistan deaths per million people (snapshot of [[20 May 2012]])", lambda: deaths_2012("as_of"))
fact("from October 2001 to [[20 May 2012]] per million population", lambda: deaths_2012("as_of"))

# Reading: testing the hypothesis
allow("+1 means the orders match, [[0]] means no relationship", "defines the scale of a correlation (mathematics)")
allow("Below [[0.05]] is conventionally called statistically significant;", "a statistical convention, not a claim")
fact("Use NATO's own figures for [[2012]]–[[2019]] (NATO 2019)", lambda: release_years("nato_2019_06"))
fact("Leave it in for 2012 and ρ drops from [[0.316]] to 0.240", lambda: rho(2012).statistic)
cited("Kim and Sandler, working with [[2011]]–[[2017]] data", "kim_sandler_2019")
allow("if it was a NATO member on [[31]] December of *y*.", "the membership rule the lesson sets (a definition)")
fact("Montenegro (joined [[5 June 2017]]), North Macedonia", lambda: joined()["MNE"])

# Reading: yardsticks
cited("Defence ministers first agreed in 2006 that allies should spend at least [[2]]% of GDP on defence",
      "nato_funding")
cited("At the Wales summit on [[4–5 September 2014]], the allies", "wales_declaration_2014")
cited("and to aim to move towards [[2]]% within a decade.", "wales_declaration_2014")
cited("at least [[20]]% of defence spending should go on major equipment, including related research and development "
      "(Wales Summit Declaration 2014, §[[14]]).", "wales_declaration_2014")
cited("NATO's June 2024 estimate for 2024 had been [[23]] (NATO 2024).", "nato_2024_06")
allow("the 2019 release counts 5 allies at or above [[2]]% in 2015", "names the NATO guideline counted against")
cited("At The Hague on [[24–25 June 2025]], the allies set a new target of [[5]]% of GDP by [[2035]]: at least "
      "[[3.5]]% for core defence and up to [[1.5]]% for wider defence- and security-related spending",
      "hague_declaration_2025")
fact("ranked 23rd of [[28]] on the share of spending that went on equipment", lambda: len(ranks()))
fact("70.5% in 2019, so it *[[rose]]* after 2014",
     lambda: us_share(2019, "defence_expenditure_usd_current") > us_share(2014, "defence_expenditure_usd_current"))
cited("Criticising this imbalance in [[2011]], Secretary of Defense Robert Gates warned", "gates_2011_06_10")
allow("**The data.** The August [[2025]] release is in the same table", "the name of a data release")
fact("and [[2024]] is NATO's estimate (`estimate`)", lambda: release_years("nato_2025_08", "estimate")[0])

# Reading: measures that disagree; limits
allow("Take the [[2019]] figures (computed from NATO 2019;",
      "names the year of the figures that follow (the lesson's YEAR); each figure has its own fact line")
fact("26th of [[28]] by operational deployments per million", lambda: len(deploy_pm()))
fact("a cumulative *snapshot* from one press count ([[20 May 2012]]), per million people in 2012",
     lambda: deaths_2012("as_of"))
fact("NATO's [[2018]]–[[2019]] values are estimates (NATO 2019), and the 2014–2024 series used here is an unofficial "
     "transcription", lambda: release_years("nato_2019_06", "estimate"))

# Permutation-test section
allow("so size and burden ranks agree (ρ > [[0]]).", "states the hypothesis's sign (mathematics)")
fact("it shows that a sample of [[27]] or [[28]] allies cannot separate", lambda: (n_rho(2012), n_rho(2019)))
cited("For [[2011]]–[[2017]], Kim and Sandler also report clear evidence of exploitation", "kim_sandler_2019")
fact("are not significant and fade after [[2014]]",
     lambda: all(rho(y).statistic < rho(2014).statistic for y in range(2015, 2020))
     and all(rho(y).pvalue > 0.05 for y in range(2012, 2020)))
