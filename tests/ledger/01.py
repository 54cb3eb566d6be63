# Fact ledger for lesson 01 (tests/ledger/README.md). Queries use the lesson's default parameters.
NOT_DMDC = ["estimate", "gap_filled", "not_reported"]


def abroad():
    t = T.us_troops_abroad
    return t[t["region"] != ""]


def region_sum(year, region):
    t = abroad()
    return t.loc[(t["year"] == year) & (t["region"] == region), "troops"].sum()


def region_share(year, region):
    t = abroad()
    y = t[t["year"] == year]
    return 100 * y.loc[y["region"] == region, "troops"].sum() / y["troops"].sum()


def host(iso3, year, col="troops"):
    t = T.us_troops_abroad
    return t.loc[(t["iso3"] == iso3) & (t["year"] == year), col].item()


def share_change_ranking(y0, y1):
    t = abroad()
    s = t[t["year"].isin([y0, y1])].pivot_table(index="region", columns="year", values="troops", aggfunc="sum")
    s = 100 * s / s.sum()
    return (s[y1] - s[y0]).idxmax()


def irq_month_end(date):
    w = T.us_troops_wars
    return w.loc[(w["iso3"] == "IRQ") & (w["measure"] == "month_end_count") & (w["date"] == date), "troops"].item()


EAP = "East Asia & Pacific"
ECA = "Europe & Central Asia"
MENA = "Middle East & North Africa"

# Reading: where the footprint moved
fact("In September 1990, at the end of the Cold War, the table places [[291,436]]", lambda: region_sum(1990, ECA))
fact("A decade of drawdown brought that to [[113,799]] by 2000", lambda: region_sum(2000, ECA))
fact("still the [[largest]] regional presence abroad",
     lambda: abroad().query("year == 2000").groupby("region")["troops"].sum().idxmax() == ECA)
fact("went from [[13,931]] personnel in 2000", lambda: region_sum(2000, MENA))
fact("to [[189,586]] in 2003 and", lambda: region_sum(2003, MENA))
fact("189,586 in 2003 and [[223,294]] in 2007", lambda: region_sum(2007, MENA))
fact("went from [[fewer than 700]] in 2000", lambda: region_sum(2000, "South Asia"))
fact("to [[about 82,000]] in both 2010 and 2011", lambda: region_sum(2010, "South Asia"))
fact("to about 82,000 in [[both 2010 and 2011]]", lambda: abs(region_sum(2011, "South Asia") - 82000) <= 500)
fact("Qatar, with [[52]] personnel in 2000", lambda: host("QAT", 2000))
fact("shows [[12,036]] in 2010", lambda: host("QAT", 2010))
fact("Djibouti, with [[2]] in 2000", lambda: host("DJI", 2000))
fact("shows [[2,100]] in 2007", lambda: host("DJI", 2007))
fact("In 2021, Europe and East Asia together again held [[more than nine in ten]]",
     lambda: (region_sum(2021, ECA) + region_sum(2021, EAP)) / abroad().query("year == 2021")["troops"].sum(),
     value=0.9)
fact("has [[no reported figure]] for that September at all",
     lambda: bool(T.us_troops_abroad.query("iso3 == 'AFG' and year == 2021")["troops"].isna().all()))

# Chart: troops abroad by region
fact("Central Asia falls from [[about 291,000]] in 1990", lambda: region_sum(1990, ECA))
fact("in 1990 to [[about 114,000]] in 2000 and to about 66,000", lambda: region_sum(2000, ECA))
fact("in 2000 and to [[about 66,000]] in 2021", lambda: region_sum(2021, ECA))
fact("jumps from [[about 14,000]] in 2000 to a peak", lambda: region_sum(2000, MENA))
fact("to a peak of [[about 223,000]] in 2007, then falls", lambda: region_sum(2007, MENA))
fact("to a [[peak]] of about 223,000 in 2007",
     lambda: abroad().query("region == @MENA and 1990 <= year <= 2021").groupby("year")["troops"].sum().idxmax() == 2007)
fact("South Asia rises to [[about 82,000]] in 2010-2011.", lambda: region_sum(2010, "South Asia"))
fact("East Asia and Pacific stays [[between about 63,000 and 103,000]] throughout",
     lambda: bool(abroad().query("region == @EAP and 1990 <= year <= 2021").groupby("year")["troops"].sum()
                  .between(62500, 103500).all()))
fact("War-theatre values are estimates in [[2001-2007 and 2018-2021]]",
     lambda: sorted(set(T.us_troops_abroad.query("iso3 in ['AFG', 'IRQ'] and flag == 'estimate'")["year"]))
     == list(range(2001, 2008)) + list(range(2018, 2022)))

# Reading: what the numbers can't tell us
def in_around(iso3, year):
    return T.us_troops_wars.query("iso3 == @iso3 and measure == 'in_around_total' and year == @year")["troops"].max()


fact("personnel \"in/around Iraq\" numbered [[183,002]] in September 2003", lambda: in_around("IRQ", 2003))
fact("numbered 183,002 in September 2003 ([[active duty only]])",
     lambda: T.us_troops_wars.query("iso3 == 'IRQ' and measure == 'in_around_total' and year == 2003")["note"]
     .str.contains("active duty only").all())
fact("[[170,647]] in September 2004", lambda: in_around("IRQ", 2004))
fact("170,647 in September 2004 and [[192,600]] in September 2005", lambda: in_around("IRQ", 2005))
fact("192,600 in September 2005 ([[both with deployed Guard and Reserve]])",
     lambda: T.us_troops_wars.query("iso3 == 'IRQ' and measure == 'in_around_total' and year in [2004, 2005]")["note"]
     .str.contains("includes deployed Reserve/National Guard").all())
fact("\"in/around Afghanistan\" [[19,500]] in September 2005", lambda: in_around("AFG", 2005))
fact("The filled-in Iraq and Kuwait rows for 2004 and 2005 add up [[exactly to the Iraq totals of those years]]",
     lambda: all(T.us_troops_abroad.query("iso3 in ['IRQ', 'KWT'] and year == @y")["troops"].sum() == in_around("IRQ", y)
                 for y in (2004, 2005)))
fact("In September 2010 Afghanistan shows [[81,869]] active-duty personnel", lambda: host("AFG", 2010))
fact("and another [[17,404]] mobilised National Guard", lambda: host("AFG", 2010, "guard_reserve"))
fact("Niger shows [[510]] personnel in 2017", lambda: host("NER", 2017))
fact("510 personnel in 2017 and [[8]] in 2018", lambda: host("NER", 2018))
fact("Afghanistan in 2021 is [[`not_reported`]]", lambda: host("AFG", 2021, "flag") == "not_reported")

# Chart: the three theatres
fact("Afghanistan 2001-2007 and Iraq 2003-2007 are [[estimates]]",
     lambda: set(T.us_troops_abroad.query("iso3 == 'AFG' and 2001 <= year <= 2007")["flag"]) == {"estimate"}
     and set(T.us_troops_abroad.query("iso3 == 'IRQ' and 2003 <= year <= 2007")["flag"]) == {"estimate"})
fact("all three theatres are [[estimates in 2018-2020]]",
     lambda: set(T.us_troops_abroad.query("iso3 in ['AFG', 'IRQ', 'SYR'] and 2018 <= year <= 2020")["flag"])
     == {"estimate"})
fact("Iraq peaks at [[170,000]] (estimate) in 2007",
     lambda: T.us_troops_abroad.query("iso3 == 'IRQ' and 2001 <= year <= 2021")["troops"].max())
fact("Iraq peaks at 170,000 (estimate) in [[2007]]",
     lambda: T.us_troops_abroad.query("iso3 == 'IRQ' and troops == 170000")["year"].item())
fact("Afghanistan at [[about 82,000]] in 2010-2011.", lambda: host("AFG", 2011))

# After Q6
fact("The two sources agree closely while the annual table itself holds outside estimates for Iraq [[(2003–2007)]]",
     lambda: set(T.us_troops_abroad.query("iso3 == 'IRQ' and 2003 <= year <= 2007")["flag"]) == {"estimate"})

# Model answer of Q7 (default parameters)
fact("In 1990 Europe and Central Asia held [[about 291,000]] U.S. active-duty", lambda: region_sum(1990, ECA))
fact("by 2000 it was [[about 114,000]], still the largest region", lambda: region_sum(2000, ECA))
fact("(about [[14,000]] in 2000, 223,000 in 2007)", lambda: region_sum(2000, MENA), tol=500)
fact("(about 14,000 in 2000, [[223,000]] in 2007)", lambda: region_sum(2007, MENA), tol=500)
fact("South Asia ([[under 700]] in 2000", lambda: region_sum(2000, "South Asia"))
fact("under 700 in 2000, [[about 82,000]] in 2010)", lambda: region_sum(2010, "South Asia"))
fact("East Asia & Pacific held [[25.6]]% of troops abroad in 2010", lambda: region_share(2010, EAP))
fact("and [[South Asia]]'s share rose more than any other region's between 2000 and 2010",
     lambda: share_change_ranking(2000, 2010))
fact("in 2021 Europe and East Asia held [[more than nine in ten]] of the personnel",
     lambda: (region_sum(2021, ECA) + region_sum(2021, EAP)) / abroad().query("year == 2021")["troops"].sum(),
     value=0.9)
fact("Iraq's figure is an outside estimate in [[9]] of the 21 years 2001–2021",
     lambda: T.us_troops_abroad.query("iso3 == 'IRQ' and 2001 <= year <= 2021")["flag"].isin(NOT_DMDC).sum())
fact("and [[about 71.5]]% of the troops it places in the Middle East and South Asia in 2019",
     lambda: 100 * T.us_troops_abroad.query("year == 2019 and region in [@MENA, 'South Asia'] and flag in @NOT_DMDC")
     ["troops"].sum() / T.us_troops_abroad.query("year == 2019 and region in [@MENA, 'South Asia']")["troops"].sum())
fact("the month-end count for Iraq was [[37,212]] higher than the table's figure",
     lambda: irq_month_end("2008-09-30") - host("IRQ", 2008))

# Numbers from outside the tables, cited inline (keys in datasets/sources.csv)
cited("the Senate voted [[98–0]] and the House 420–1", "crs_rs22357")
cited("signed it on [[18 September]] as Public Law 107-40", "publ_107_40")
cited("On [[12 September 2001]] NATO's North Atlantic Council invoked Article 5", "nato_nac_2001_09_12")
cited("The condition was lifted on [[2 October 2001]]", "nato_update_2001_10_02")
cited("Two days later, on [[4 October]], the allies agreed eight practical measures", "nato_robertson_2001_10_04")
cited("On [[7 October 2001]] U.S. and British strikes on Afghanistan", "dod_oef_2001_10_07")
cited("The National Security Strategy dated [[17 September and released 20 September 2002]]", "whitehouse_nss_2002")
cited("for Iraq: [[296–133]] in the House on 10 October and 77–23 in the Senate", "congress_hjres114")
cited("signed on [[18 December 2025]]", "senate_ndaa_2025")
cited("the last U.S. aircraft left on [[30 August 2021]]", "dod_2021_08_30")
cited("\"Inter-state strategic competition, not terrorism, is now the primary concern in U.S. national security\" [[(DoD 2018)]]",
      "dod_nds_2018")
cited("\"revitalize America's unmatched network of alliances and partnerships\" [[(White House, 3 Mar 2021)]]",
      "whitehouse_inssg_2021")
cited("while about [[800]] were reported there in October 2017", "nbc_2017_10")
cited("from [[503 to about 2,000]] on 6 December 2017", "dod_2017_12_06")
cited("and from [[900 to about 2,000]] on 19 December 2024", "dod_2024_12_19")


# Cleared from the backlog (issue 11 §2)
# Lesson opening (cell 0)
cited("did the United States and its allies make in the weeks after [[11]] September 2001", "crs_rs22357")
allow("Where did the U.S. military footprint abroad move after [[2001]], and where did it come back from?",
      "a question the lesson asks, naming the year it starts from")
cited("state what the [[2001]] Authorization for Use of Military Force (AUMF) authorises", "publ_107_40")
cited("and how NATO's first invocation of Article [[5]] unfolded, with dates;", "nato_nac_2001_09_12")
allow("a share that goes from [[10]]% to [[15]]% has risen by [[5]] points, or by [[50]]%",
      "arithmetic in an example of percentage points")
allow("(`<NA>` is skipped by `sum`; it is not [[0]])", "states the course's convention for missing values")
allow("([[6]] autograded questions, [[1]] written answer)", "the lesson's own structure, not a claim about the world")

# Reading: three weeks in September (cell 3)
cited("On [[11]] September 2001, nearly 3,000", "crs_rs22357")
cited("On [[14]] September 2001 the Senate voted 98–0", "publ_107_40")
cited("and the House [[420]]–[[1]] for a joint resolution authorising the use of force (CRS RS22357, 2007)",
      "crs_rs22357")
cited("the President signed it on 18 September as Public Law [[107]]-[[40]] (Pub. L. [[107]]-[[40]], 2001).",
      "publ_107_40")
cited("(Pub. L. [[107]]-[[40]], 2001, §[[2]](a))", "publ_107_40")
cited("On 12 September 2001 NATO's North Atlantic Council invoked Article [[5]] of the Washington Treaty",
      "nato_nac_2001_09_12")
cited("directed from abroad and shall therefore be regarded as an action covered by Article [[5]]\" (NATO 2001a).",
      "nato_update_2001_10_02")
cited("296–133 in the House on [[10]] October and [[77]]–[[23]] in the Senate on [[11]] October;", "congress_hjres114")
cited("it was signed on [[16]] October 2002 (congress.gov, H.J.Res. [[114]]).", "congress_hjres114")
cited("That [[2002]] authority outlived its war:", "congress_hjres114")
cited("it was later cited as an alternative legal basis for the campaign against ISIS from [[2014]] (ASIL;",
      "asil_2025_10")
cited("and it was repealed, with the [[1991]] Iraq authorisation, only in the FY2026 National Defense Authorization Act "
      "signed on 18 December 2025", "senate_ndaa_2025")
cited("By [[2018]] the official priority had moved.", "dod_nds_2018")
cited("A 2018 National Strategy for Counterterrorism, the first since [[2011]],", "whitehouse_nsct_2018")
cited("In March [[2021]] the Interim National Security Strategic Guidance promised", "whitehouse_inssg_2021")
fact("After 2001 the centre of gravity [[moved south and east]].",
     lambda: region_sum(2007, MENA) > 10 * region_sum(2000, MENA) and region_sum(2007, ECA) < region_sum(2000, ECA)
     and region_sum(2010, "South Asia") > 100 * region_sum(2000, "South Asia"))

# The data (cell 4)
fact("(all rows up to 2021 have one except [[Bassas da India in 2016]])",
     lambda: T.us_troops_abroad.query("year <= 2021 and region.fillna('') == ''", engine="python")
     [["country", "year"]].values.tolist() == [["Bassas da India", 2016]])
fact("a country-year that was not reported contributes nothing, and is never filled with [[0]].",
     lambda: bool(T.us_troops_abroad.query("flag == 'not_reported'")["troops"].isna().all()))

# Chart: troops abroad by region (cell 8)
fact("U.S. active-duty personnel abroad [[by region, 1990-2021]] (Allen et al. 2022)",
     lambda: all(abroad().query("year == @y")["troops"].sum() > 0 for y in range(1990, 2022)))
fact("active-duty personnel abroad [[by World Bank region, 1990 to 2021]].",
     lambda: all(abroad().query("year == @y")["region"].nunique() >= 7 for y in range(1990, 2022)))

# Reading: what the numbers can't tell us (cell 18)
cited("assigned* to a country on a date, usually [[30]] September (Allen et al.", "troopdata_legacy")
fact("From 2008 the DMDC reports include deployed personnel, but the `troops` column [[counts active duty]]",
     lambda: int(T.us_troops_abroad.query("guard_reserve.notna()", engine="python")["year"].min()) == 2008)
cited("From December 2017 DMDC counted only permanently assigned personnel and printed Afghanistan, Iraq and Syria "
      "as [[not reported]]", "us_troops_timeline_facts")
fact("The table inserts [[outside estimates for 2018–2021]] and flags them `estimate`;",
     lambda: all(set(T.us_troops_abroad.query("iso3 in ['AFG', 'IRQ', 'SYR'] and year == @y")["flag"])
                 <= {"estimate", "not_reported"} for y in range(2018, 2022))
     and set(T.us_troops_abroad.query("iso3 in ['IRQ', 'SYR'] and year == 2021")["flag"]) == {"estimate"})
cited("the Pentagon raised its official figure from 503 to about 2,000 on [[6]] December 2017", "dod_2017_12_06")
cited("and from 900 to about 2,000 on [[19]] December 2024", "dod_2024_12_19")

# Chart: the three theatres (cell 20)
fact("Afghanistan, Iraq and Syria in us_troops_abroad, [[2001-2021]]:",
     lambda: all(len(T.us_troops_abroad.query("iso3 == @c and 2001 <= year <= 2021")) == 21
                 for c in ("AFG", "IRQ", "SYR")))
fact("personnel figures for Afghanistan, Iraq and Syria in us_troops_abroad, [[2001 to 2021]].",
     lambda: all(set(T.us_troops_abroad.query("iso3 == @c")["year"]) >= set(range(2001, 2022))
                 for c in ("AFG", "IRQ", "SYR")))
fact("Afghanistan 2021 is [[not reported]].", lambda: host("AFG", 2021, "flag") == "not_reported")

# Q4 and its self-check (cells 23, 25)
allow("in how many years from [[2001]] to [[2021]] (inclusive) is the table's figure", "the range the question sets")
allow("There are [[21]] years from [[2001]] to [[2021]].", "arithmetic in a hint about the question's range")
allow("Count the years of THEATRE, [[2001]]-[[2021]], whose flag is in NOT_DMDC.", "a hint: the question's range")

# Q6 (cell 29)
fact("For 2003–2007 the annual figure for Iraq is [[an outside estimate]] (flag `estimate`)",
     lambda: set(T.us_troops_abroad.query("iso3 == 'IRQ' and 2003 <= year <= 2007")["flag"]) == {"estimate"})

# After Q6 (cell 33)
fact("From 2008 the annual figure is [[a DMDC count]] of **active-duty** personnel assigned to Iraq",
     lambda: not T.us_troops_abroad.query("iso3 == 'IRQ' and 2008 <= year <= 2017")["flag"].isin(NOT_DMDC).any()
     and host("IRQ", 2007, "flag") == "estimate")

# Q7 prompt and model answer (cells 35, 36)
allow("military footprint abroad move between [[1990]] and [[2021]], and where is the table least trustworthy?",
      "the window the written question sets")
fact("After 2001 the footprint [[moved to the Middle East and North Africa]]",
     lambda: region_sum(2007, MENA) > 10 * region_sum(2000, MENA))
fact("Iraq's figure is an outside estimate in 9 of the [[21]] years 2001–2021",
     lambda: T.us_troops_abroad.query("iso3 == 'IRQ' and 2001 <= year <= 2021")["year"].nunique())
cited("because DMDC stopped reporting deployed forces in Afghanistan, Iraq and Syria from December [[2017]].",
      "crs_r44116")
fact("in September 2008 the month-end count for Iraq was 37,212 [[higher than the table's figure]]",
     lambda: irq_month_end("2008-09-30") > host("IRQ", 2008))
fact("a specific cause of undercount ([[estimates 2001–2007]], active duty only, [[Dec 2017 change]], not reported",
     lambda: (set(T.us_troops_abroad.query("iso3 == 'AFG' and 2001 <= year <= 2007")["flag"]) == {"estimate"},
              all(set(T.us_troops_abroad.query("iso3 in ['AFG', 'IRQ', 'SYR'] and year == @y")["flag"])
                  <= set(NOT_DMDC) for y in range(2018, 2022))))
allow("not reported ≠ [[0]], small contingency deployments", "states the course's convention for missing values")

# Key points (cell 39)
cited("The [[2001]] AUMF authorises force against those linked to the 9/11 attacks", "publ_107_40")
cited("stayed in force when the [[1991]] and [[2002]] Iraq authorisations were repealed in December [[2025]].",
      "interbellum_2025_12")
cited("NATO invoked Article [[5]] for the first time on [[12]] September 2001, conditionally", "nato_nac_2001_09_12")
cited("conditionally, and confirmed it on [[2]] October;", "nato_update_2001_10_02")
fact("The U.S. footprint abroad [[moved from Europe to the Middle East and South Asia after 2001, and largely moved back]] "
     "as the wars wound down.",
     lambda: region_share(2007, MENA) + region_share(2007, "South Asia") > 3 * (region_share(2000, MENA)
                                                                            + region_share(2000, "South Asia"))
     and region_share(2007, ECA) < region_share(2000, ECA)
     and region_share(2021, MENA) + region_share(2021, "South Asia") < 10)
fact("it undercounts contingency operations ([[estimates 2001–2007]], active duty only, "
     "[[the silence from December 2017]]), and a not-reported year is missing, not zero.",
     lambda: (set(T.us_troops_abroad.query("iso3 == 'AFG' and 2001 <= year <= 2007")["flag"]) == {"estimate"},
              all(set(T.us_troops_abroad.query("iso3 in ['AFG', 'IRQ', 'SYR'] and year == @y")["flag"])
                  <= set(NOT_DMDC) for y in range(2018, 2022))))


cited("[[nearly 3,000]] people were killed in New York, at the Pentagon and near Shanksville, Pennsylvania (9/11 "
      "Commission [[2004]])", "commission_911_2004")  # cell 3


# Cleared from the backlog (issue 11 §2): the 2001 AUMF after the Dec 2025 repeal; DMDC's 2003-2005 country rows
# (prose corrected: only the 2003-2004 editions say "OIF table"); the Sep -> Dec 2017 break in DMDC's overseas total
cited("The [[2001]] AUMF stayed in force when Congress repealed the 1991 and 2002 Iraq authorisations in December "
      "[[2025]] (Interbellum News, Dec 2025)", "interbellum_2025_12")  # cell 3
cited("In DMDC's September country tables for [[2003]]–[[2005]], Iraq and Kuwait have no count: the [[2003]] and "
      "[[2004]] editions point to a separate \"OIF table\" and list Afghanistan as not available, and the [[2005]] edition "
      "refers all three to a deployment section", "dmdc_309a_country_2003_2005")  # cell 18
fact("For [[2003–2007]] the table fills these three countries with single estimates from other compilations, flagged",
     lambda: set(T.us_troops_abroad.query("iso3 in ['AFG', 'IRQ', 'KWT'] and 2003 <= year <= 2007")["flag"])
     == {"estimate"})  # cell 18
cited("Between September and December [[2017]] recorded overseas active duty fell from [[215,249]] to [[161,927]] while "
      "the U.S. total rose", "dmdc_location_2017")  # cell 18
