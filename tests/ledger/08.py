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


# Backlog (issue 11): numbers in the prose not yet recomputed, cited or allowed. Replace each todo by
# fact/cited/allow (tests/ledger/README.md); tests/test_ledger_coverage.py keeps this list from growing.
todo('**recompute** a statistic you cite (a burden ratio, a count of allies at [[2]] %, troops per million, a rank under two measures) from the tables, stating its release,')  # cell 0
todo('"between [[2012]] and [[2019]] the United States paid a larger share of NATO defence spending than its share of NATO')  # cell 3
todo('is compared with something, such as another ally, another year, or a benchmark like the [[2]] % guideline.')  # cell 3
todo("In NATO's [[2019]] release, the U.S.")  # cell 3
todo("of the United States' share of the defence spending of all countries in NATO's June [[2019]] release, [[2012]] to [[2019]], in two price bases.")  # cell 5
todo('Points for [[2018]] and [[2019]] have a different shape and the label est.')  # cell 5
todo('in a speech in Brussels on [[10]] June [[2011]], Defense Secretary Robert Gates warned that the alliance faced "a dim, if not dismal')  # cell 6
todo('share of NATO defence spending at about [[75]] percent (Gates 2011).')  # cell 6
todo("*Counter-evidence:* in NATO's [[2012]]–[[2019]] data the rank correlation between allies' economic size and their defence effort is")  # cell 6
todo("NATO [[2019]], computed), and the number of allies at or above [[2]] % of GDP rose from 3 in 2014 to 18 in 2024 (the [[2024]] values are NATO estimates) in NATO's August [[2025]] release (NATO 2025a).")  # cell 6
todo('last troops left Mali on 15 August 2022 and Operation Barkhane was formally ended on [[9]] November [[2022]] (Élysée [[2022]]);')  # cell 6
todo("forces completed their withdrawal from Niger, at the military government's demand, by [[16]] September [[2024]] (DoD–Niger 2024).")  # cell 6
todo('decisions of [[2019]], reaching 86 members in June 2023 (Riyadh communiqué 2023), which is not what a collapse')  # cell 6
todo("ISAF had contingents from [[50]] nations in April [[2012]], and NATO's Resolute Support mission peaked at 17,178 personnel in October 2019 (Reuters")  # cell 6
todo('*Counter-evidence:* the same April 2012 figure was 129,895 troops, of whom about [[90,000]] were American (Reuters 2012);')  # cell 6
todo('early in the air campaign against the Islamic State the United States flew about [[90]] % of strikes in Syria and [[75]] % in Iraq (Defense One 2015).')  # cell 6
todo('strategy.** The [[2018]] National Defense Strategy stated that "inter-state strategic competition, not terrorism,')  # cell 6
todo('At The Hague in June [[2025]] NATO allies committed to spend [[5]] % of GDP by [[2035]], of which at least [[3.5]] % on core defence (NATO 2025b):')  # cell 6
todo("by default the release that covers your selection best (here NATO's June [[2019]] release, the one Q1, Q2 and Q4 use).")  # cell 7
todo("Switch the *Release* menu to NATO's August [[2025]] release (transcribed) or to SIPRI and compare one ally's value:")  # cell 7
todo("Q4 asks how far its rank moves (with NATO's [[2019]] figures).")  # cell 7
todo("recompute the statistics behind the debate NATO's [[2019]] release for `YEAR`, one row per country and one column per indicator (money in constant")  # cell 9
todo('NATO lists Montenegro in every year although it joined on [[5]] June [[2017]].')  # cell 9
todo('NATO marks its [[2018]] and [[2019]] values as estimates.')  # cell 9
todo("Use NATO's [[2019]] release in constant 2015 US$ for both shares (`defence_expenditure_usd_2015` and")  # cell 11
todo('A value above [[1]] means the United States paid more than its economic weight.')  # cell 11
todo('the two shares as fractions (or both as percentages), without multiplying the result by [[100]].')  # cell 13
todo("GDP / all GDP (Iceland's GDP included), NATO [[2019]] release, constant 2015 US$, rounded at the end.")  # cell 13
todo("**Q2 — Allies at [[2]] %.** How many allies spent at least [[2]] % of GDP on defence in `YEAR`, according to NATO's [[2019]] release (`defence_share_gdp`)?")  # cell 14
todo('compare with [[2.0]], not [[0.02]].')  # cell 16
todo('Count allies of YEAR in the NATO [[2019]] release only.')  # cell 16
todo('compare the raw values with [[2.0]].')  # cell 16
todo("Here are the contributors to NATO's Resolute Support mission in Afghanistan, [[2015]]–[[2020]], in persons;")  # cell 17
todo('Troops of ALLY in RS_YEAR / (population / [[1,000,000]]).')  # cell 21
todo("**Q4 — Same ally, two rankings.** Rank the allies of `YEAR` in NATO's [[2019]] release (rank 1 = highest value;")  # cell 22
todo('burden ratio fell after [[2014]], so the free-riding claim is weaker than it was;')  # cell 25
todo('but the United States still paid more than its economic weight in every year from [[2012]] to [[2019]]." They *change the measure deliberately*:')  # cell 25
todo("when the United States leaves, check lesson 05's deployment table for who stayed in [[2020]]–[[2021]].")  # cell 25
todo("NATO's [[2019]] release, the only one in the course with money amounts for every ally, stops in [[2019]], and its [[2018]]–[[2019]] values are estimates;")  # cell 25
todo('the August [[2025]] release gives only shares of GDP;')  # cell 25
todo('the IISS-based deployment table covers [[2014]]–[[2021]] and [[33]] countries;')  # cell 25
todo('every comparison the builder wrote ("X spends a larger share of GDP on defence than Y in [[2019]]") must be true of the data, and you need at least one.')  # cell 26
todo("builder.own_claim.value = ('Between [[2014]] and [[2019]] NATO allies carried a growing but still unequal share of the defence burden, and in the")  # cell 27
todo('"The data can show that the United States paid more than its economic weight in [[2019]] and that some allies\' losses in Afghanistan matched America\'s per head.')  # cell 37
todo('Exemplary [[1.5]], Proficient [[1]], Developing [[0.5]], Beginning [[0.25]];')  # cell 37
todo("a blank or missing part scores [[0]] on its criterion).** Read the saved argument shown above together with the student's")  # cell 37
todo('a solid, conventional argument scores about [[4]]–[[5]];')  # cell 37
todo("[[5.5]]–[[6]] needs criterion C's explicit separation of data and judgement.")  # cell 37
