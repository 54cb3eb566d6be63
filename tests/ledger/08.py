# Fact ledger for lesson 08 (tests/ledger/README.md). Queries use the lesson's default parameters.
# The model argument's explorer figures (1.37 "highest of the allies", 21 of 28, about 94, 720, 454) come from the
# explorer's measures, which issue 11 §5 is changing to one release: add them here once that work has landed.
from scipy.stats import spearmanr


def nato19(year, members=True):
    d = T.defence_spending
    w = d[(d["release"] == "nato_2019_06") & (d["year"] == year)].pivot(index="iso3", columns="indicator", values="value")
    if not members:
        return w
    m = T.memberships
    j = m[m["group"] == "NATO"].set_index("iso3")["joined"]
    return w[[c in j.index and int(j[c][:4]) <= year for c in w.index]]


def us_share(year, col):
    w = nato19(year, members=False)
    return 100 * w.loc["USA", col] / w[col].sum()


def rho(year):
    x = nato19(year)[["gdp_usd_2015", "defence_share_gdp"]].dropna()
    return spearmanr(x["gdp_usd_2015"], x["defence_share_gdp"]).statistic


def at_2pct_2025(year):
    d = T.defence_spending
    r = d[(d["release"] == "nato_2025_08") & (d["year"] == year) & (d["indicator"] == "defence_share_gdp")]
    return int((r["value"] >= 2).sum())


K15, CUR = "defence_expenditure_usd_2015", "defence_expenditure_usd_current"

# Reading and chart: the U.S. share by price basis
fact("in constant 2015 dollars fell from [[74.3]] % (2012)", lambda: us_share(2012, K15))
fact("fell from 74.3 % (2012) to [[69.6]] % (2019)", lambda: us_share(2019, K15))
fact("in current dollars it was [[69.4]] % in 2014", lambda: us_share(2014, CUR))
fact("and [[70.5]] % in 2019, so it *rose*", lambda: us_share(2019, CUR))
fact("falls from [[74.3]] percent in 2012", lambda: us_share(2012, K15))
fact("to [[69.6]] percent in 2019; in current dollars", lambda: us_share(2019, K15))
fact("it falls to [[69.4]] percent in 2014", lambda: us_share(2014, CUR))
fact("and then rises to [[70.5]] percent in 2019", lambda: us_share(2019, CUR))
fact("NATO's June 2019 release: [[29]] countries, 2012-2019",
     lambda: T.defence_spending.query("release == 'nato_2019_06'")["iso3"].nunique())

# Four claims in the debate
fact("(ρ = [[0.316]] in 2012, 0.289 in 2014, 0.031 in 2019", lambda: rho(2012))
fact("(ρ = 0.316 in 2012, [[0.289]] in 2014, 0.031 in 2019", lambda: rho(2014))
fact("(ρ = 0.316 in 2012, 0.289 in 2014, [[0.031]] in 2019", lambda: rho(2019))
fact("above 2 % of GDP rose from [[3]] in 2014 to 18 in 2024", lambda: at_2pct_2025(2014))
fact("above 2 % of GDP rose from 3 in 2014 to [[18]] in 2024", lambda: at_2pct_2025(2024))

cited("France's last troops left Mali on [[15 August 2022]]", "elysee_2022_11_09")
cited("reaching [[86]] members in June 2023 (Riyadh communiqué 2023)", "riyadh_communique_2023")
cited("peaked at\n[[17,178]] personnel in October 2019", "nato_rsm")
cited("the same April 2012 figure was\n[[129,895]] troops", "reuters_2012_05_20")
