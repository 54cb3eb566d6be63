# Fact ledger for lesson 03 (tests/ledger/README.md). Queries use the lesson's default parameters.
from functools import cache

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
fact("[[3]] allies met the guideline in 2014", lambda: at_2pct_2025(2014))
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
fact("Denmark had lost [[42]] soldiers in Afghanistan", lambda: T.coalition_contributions.query(
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
fact("Per person, Luxembourg ranked [[9]]th of 28 in 2019",
     lambda: ranks().loc["LUX", "defence_expenditure_per_capita_usd_2015"])
fact("so its rank shift between the two measures is [[+19]]",
     lambda: ranks().loc["LUX", "defence_share_gdp"] - ranks().loc["LUX", "defence_expenditure_per_capita_usd_2015"])
fact("it put [[44.6]]% of its spending into equipment", lambda: nato19(2019).loc["LUX", "equipment_share"])
fact("the [[highest]] share in the alliance", lambda: ranks().loc["LUX", "equipment_share"] == 1)

# Numbers from outside the tables, cited inline (keys in datasets/sources.csv)
# Not covered yet: "NATO's June 2024 estimate for 2024 had been 23 (NATO 2024)" has no row in sources.csv.
