# Fact ledger for lesson 02 (tests/ledger/README.md). Queries use the lesson's default parameters.


def wars(iso3, measure, **where):
    w = T.us_troops_wars
    w = w[(w["iso3"] == iso3) & (w["measure"] == measure)]
    for k, v in where.items():
        w = w[w[k] == v]
    return w


def one(df, col="troops"):
    assert len(df) == 1, df
    return df[col].item()


def crs(iso3, fy, projection=False):
    w = wars(iso3, "fy_average_bog", year=fy)
    return one(w[(w["flag"] == "projection") == projection])


def month_end(date):
    return one(wars("IRQ", "month_end_count", date=date))


def coalition(dataset, **where):
    c = T.coalition_contributions
    c = c[c["dataset"] == dataset]
    for k, v in where.items():
        c = c[c[k] == v]
    return c


def non_us_share(date):
    total = one(coalition("iraq_coalition_monthly", as_of=date), "value")
    return 100 * (1 - month_end(date) / total)


def isaf_2010():
    s = coalition("isaf_troops_by_nation", as_of="2010-11-15")[["iso3", "value"]]
    e = T.economy
    s = s.merge(e[e["year"] == 2010][["iso3", "population"]], on="iso3", how="left")
    s["pm"] = s["value"] / s["population"] * 1e6
    s["rank_abs"] = s["value"].rank(ascending=False, method="min")
    s["rank_pm"] = s["pm"].rank(ascending=False, method="min")
    return s.set_index("iso3")


def deaths_pm(iso3, as_of="2012-05-20"):
    d = one(coalition("afghanistan_deaths_by_nation", as_of=as_of, iso3=iso3), "value")
    e = T.economy
    return d / e.loc[(e["iso3"] == iso3) & (e["year"] == int(as_of[:4])), "population"].item() * 1e6


def deaths(iso3, as_of="2012-05-20"):
    return one(coalition("afghanistan_deaths_by_nation", as_of=as_of, iso3=iso3), "value")


def iraq_peak(iso3):
    return one(coalition("iraq_coalition_by_nation", measure="troops_peak", iso3=iso3), "value")


def months():
    return wars("IRQ", "month_end_count").sort_values("date")


# Reading: counting a war
fact("CRS reports the Iraq average as [[148,300]] in FY2007", lambda: crs("IRQ", 2007))
fact("148,300 in FY2007 and [[157,800]] in FY2008", lambda: crs("IRQ", 2008))
fact("records [[171,000]] U.S. troops at the end of October 2007", lambda: month_end("2007-10-31"))
fact("at the end of October 2007, the [[highest]] month in the series", lambda: months()["troops"].max() == 171000)
fact("[[110,788]] active-duty personnel in Iraq in September 2008",
     lambda: T.us_troops_abroad.query("iso3 == 'IRQ' and year == 2008")["troops"].item())
fact("against a month-end count of [[148,000]]", lambda: month_end("2008-09-30"))
fact("an authorised cap, not a count: [[9,800]] for Afghanistan in 2015",
     lambda: one(wars("AFG", "force_management_level")))
fact("[[170,647]] for Iraq in September 2004", lambda: one(wars("IRQ", "in_around_total", year=2004)))
fact("In July 2009 CRS projected Afghanistan averages of [[50,700]] for FY2009", lambda: crs("AFG", 2009, projection=True))
fact("50,700 for FY2009 and [[63,500]] for FY2010", lambda: crs("AFG", 2010, projection=True))
fact("the reported averages turned out to be [[44,000]] and 84,000", lambda: crs("AFG", 2009))
fact("the reported averages turned out to be 44,000 and [[84,000]]", lambda: crs("AFG", 2010))

# Chart: Iraq month-end counts and CRS averages
fact("from [[May 2003]] to August 2010 (Brookings", lambda: months()["date"].iloc[0][:7])
fact("from May 2003 to [[August 2010]] (Brookings", lambda: months()["date"].iloc[-1][:7])
fact("Iraq Index), starting at [[150,000]]", lambda: months()["troops"].iloc[0])
fact("peaking at [[171,000]] in October 2007", lambda: months()["troops"].max())
fact("peaking at 171,000 in [[October 2007]]", lambda: months().loc[months()["troops"].idxmax(), "date"][:7])
fact("and falling to [[49,700]] in August 2010", lambda: months()["troops"].iloc[-1])
fact("reported averages ([[FY2003-FY2008]], about 67,700 to 157,800)",
     lambda: sorted(wars("IRQ", "fy_average_bog").query("flag != 'projection' and troops > 0")["year"])
     == list(range(2003, 2009)))
fact("(FY2003-FY2008, about [[67,700]] to 157,800)", lambda: crs("IRQ", 2003))
fact("(FY2003-FY2008, about 67,700 to [[157,800]])", lambda: crs("IRQ", 2008))
fact("(FY2009-FY2012, falling from [[135,600]] to 4,100)", lambda: crs("IRQ", 2009, projection=True))
fact("(FY2009-FY2012, falling from 135,600 to [[4,100]])", lambda: crs("IRQ", 2012, projection=True))

# Reading: surges and drawdowns
fact("from an average of [[5,200]] in FY2002", lambda: crs("AFG", 2002))
fact("to [[30,100]] in FY2008 (CRS", lambda: crs("AFG", 2008))
fact("By May 2010 there were [[about 94,000]] U.S. troops in Afghanistan",
     lambda: one(wars("AFG", "point_estimate", date="2010-05-01")))
fact("committed the United States to cut from [[13,000]] to 8,600",
     lambda: one(wars("AFG", "point_estimate", date="2020-02-29")))
fact("cut from 13,000 to [[8,600]] within 135 days", lambda: one(wars("AFG", "point_estimate", date="2020-07-01")))
fact("U.S. forces were down to [[2,500]] on 15 January 2021", lambda: one(wars("AFG", "point_estimate", date="2021-01-15")))
fact("The series starts at [[150,000]] in May 2003", lambda: months()["troops"].iloc[0])
fact("and peaks during the [[2007]] surge", lambda: int(months().loc[months()["troops"].idxmax(), "year"]))
fact("Operation New Dawn began on 1 September 2010 with [[about 50,000]] troops",
     lambda: one(wars("IRQ", "point_estimate", date="2010-09-01")))
fact("with [[about 2,500]] troops remaining to advise and assist", lambda: one(wars("IRQ", "point_estimate", date="2021-12-09")))
fact("raised its public count from 503 to [[about 2,000]]", lambda: one(wars("SYR", "point_estimate", date="2017-12-06")))
fact("in October 2019 [[about 1,000]] troops were ordered out", lambda: one(wars("SYR", "point_estimate", date="2019-10-19")))
fact("was revised to [[about 2,000]] on 19 December 2024", lambda: one(wars("SYR", "point_estimate", date="2024-12-19")))

# Reading: who came along
fact("lists [[37]] other nations", lambda: coalition("iraq_coalition_by_nation", measure="troops_peak")["iso3"].nunique())
fact("from the United Kingdom, with a peak of [[46,000]] troops", lambda: iraq_peak("GBR"))
fact("At the end of March 2008 the Brookings series counts [[164,970]] coalition troops",
     lambda: one(coalition("iraq_coalition_monthly", as_of="2008-03-31"), "value"))
fact("of whom [[155,000]] were American", lambda: month_end("2008-03-31"))
fact("grew from [[52,908]] troops in June 2008", lambda: coalition("isaf_troops_by_nation", as_of="2008-06-03")["value"].sum())
fact("to [[130,930]] in the November 2010 figures", lambda: coalition("isaf_troops_by_nation", as_of="2010-11-15")["value"].sum())
fact("By May 2012 the coalition's cumulative death toll stood at [[3,007]]",
     lambda: one(coalition("afghanistan_deaths_by_nation", as_of="2012-05-20", country="Total"), "value")
     if (coalition("afghanistan_deaths_by_nation", as_of="2012-05-20")["country"] == "Total").any()
     else coalition("afghanistan_deaths_by_nation", as_of="2012-05-20")["value"].max())
fact("of whom [[1,974]] were American", lambda: deaths("USA"))
fact("of whom 1,974 were American and [[414]] British", lambda: deaths("GBR"))
fact("fell from [[about 13]]% in May 2003", lambda: non_us_share("2003-05-31"))
fact("to [[about 4]]% in November 2008 while U.S. numbers stayed near their peak", lambda: non_us_share("2008-11-30"))
fact("Spain's contingent left in [[April 2004]]",
     lambda: one(coalition("iraq_coalition_by_nation", measure="troops_peak", iso3="ESP"), "period_end")[:7])
fact("and the United Kingdom's in [[July 2009]] (Carney 2011)",
     lambda: coalition("iraq_coalition_by_nation", measure="troops_peak")["period_end"].max()[:7]
     if coalition("iraq_coalition_by_nation", measure="troops_peak").sort_values("period_end")["iso3"].iloc[-1] == "GBR"
     else "not the last")

# Before Q5
fact("the Iraq spreadsheet gives Lithuania a peak of [[750]]", lambda: iraq_peak("LTU"))
fact("one of them is [[flagged `source_issue`]]",
     lambda: (coalition("iraq_coalition_by_nation", measure="troops_peak")["flag"] == "source_issue").sum() == 1)

# Q6
fact("In the ISAF figures of 15 November 2010 ([[46]] nations listed)", lambda: len(isaf_2010()))

# Model answer of Q8
fact("In November 2010 the UK had [[9,500]] troops", lambda: isaf_2010().loc["GBR", "value"])
fact("in ISAF, Canada [[2,922]] and Denmark 750", lambda: isaf_2010().loc["CAN", "value"])
fact("in ISAF, Canada 2,922 and Denmark [[750]]", lambda: isaf_2010().loc["DNK", "value"])
fact("so the absolute ranking is [[UK > Canada > Denmark]]",
     lambda: ["UK" if i == "GBR" else {"CAN": "Canada", "DNK": "Denmark"}[i]
              for i in isaf_2010().loc[["GBR", "CAN", "DNK"]].sort_values("value", ascending=False).index])
fact("the UK ([[about 151]] per million) ranks 3rd", lambda: isaf_2010().loc["GBR", "pm"])
fact("the UK (about 151 per million) ranks [[3]]rd of the 46 nations", lambda: isaf_2010().loc["GBR", "rank_pm"])
fact("Denmark ([[about 135]]) 4th", lambda: isaf_2010().loc["DNK", "pm"])
fact("Denmark (about 135) [[4]]th", lambda: isaf_2010().loc["DNK", "rank_pm"])
fact("Canada ([[about 86]]) 8th", lambda: isaf_2010().loc["CAN", "pm"])
fact("Canada (about 86) [[8]]th", lambda: isaf_2010().loc["CAN", "rank_pm"])
fact("By May 2012 Denmark had lost [[42]] soldiers", lambda: deaths("DNK"))
fact("42 soldiers ([[7.51]] per million)", lambda: deaths_pm("DNK"))
fact("the UK 414 ([[6.50]] per million)", lambda: deaths_pm("GBR"))
fact("and Canada [[158]] (4.55 per million)", lambda: deaths("CAN"))
fact("and Canada 158 ([[4.55]] per million)", lambda: deaths_pm("CAN"))
fact("the ten allies that the May 2012 deaths snapshot names: [[Australia, Canada, Denmark, France, Germany, Italy, "
     "the Netherlands, Poland, Spain and the United Kingdom]]",
     lambda: [{"NLD": "the Netherlands", "GBR": "the United Kingdom"}.get(i, n) for i, n in
              coalition("afghanistan_deaths_by_nation", as_of="2012-05-20")
              .query("iso3 != '' and iso3 != 'USA'").sort_values("country")[["iso3", "country"]].values])
fact("(all ten are [[also in the November 2010 ISAF figures]])",
     lambda: set(coalition("afghanistan_deaths_by_nation", as_of="2012-05-20").query("iso3 not in ['', 'USA']")["iso3"])
     <= set(isaf_2010().index))
fact("the non-U.S. share fell from [[about 13]]% (May 2003)", lambda: non_us_share("2003-05-31"))
fact("to [[about 4]]% (Nov 2008) while U.S. numbers", lambda: non_us_share("2008-11-30"))

# Key points
fact("then fell to [[2,500]] in each country by 15 January 2021",
     lambda: one(wars("AFG", "point_estimate", date="2021-01-15")) == one(wars("IRQ", "point_estimate", date="2021-01-15"))
     == 2500)

# Numbers from outside the tables, cited inline (keys in datasets/sources.csv)
cited("at most [[130]] at any one time (BNS via Baltic Times, 18 Dec 2008)", "baltic_times_2008_12_18")
cited("ISAF, the NATO-led force in Afghanistan authorised on [[20 December 2001]] (UNSCR 1386)", "unscr_1386")
cited("and [[129,895]] from 50 nations in April 2012", "reuters_2012_04_18")
cited("the first deployments were announced on [[16 and 19 June 2014]]", "whitehouse_war_powers_2014")
cited("The combat role formally ended on [[9 December 2021]]", "cjtf_oir_2021_12_09")
cited("A full withdrawal was announced on [[19 December 2018]]", "trump_2018_12_19")
cited("On [[1 December 2009]] President Obama announced 30,000 more troops", "whitehouse_2009_12_01")
cited("A drawdown announced on [[22 June 2011]]", "whitehouse_2011_06_22")
cited("The U.S.–Taliban agreement signed in Doha on [[29 February 2020]]", "doha_agreement_2020")
cited("on [[14 April 2021]] President Biden set a withdrawal deadline", "whitehouse_2021_04_14")
cited("NATO's combat mission ended on [[28 December 2014]]", "nato_isaf_end_2014")
cited("Operation New Dawn began on [[1 September 2010]]", "dod_new_dawn_2010")
cited("the U.S. plan was to withdraw all troops by [[the end of 2011]]", "crs_r40682")


def event(source_id, col="value"):
    e = T.events
    return one(e[e["source_id"] == source_id], col)


def q1_months(fy=2006):  # Q1's default FY
    m = months()
    return m[(m["date"] >= f"{fy - 1}-10-01") & (m["date"] <= f"{fy}-09-30")]


# Numbers checked when the backlog of issue 11 was worked through
# Questions, prerequisites and instructions
allow("troops were in Afghanistan, Iraq and Syria between [[2001]] and [[2021]] — and why",
      "the period a lesson question asks about (the reading gives the dates and sources)")
allow("not reported ≠ [[0]]", "the data convention that a missing count is not zero")
allow("Per-capita rates (value ÷ population × [[1,000,000]])", "arithmetic: the definition of a rate per million")
allow("55 minutes ([[7]] autograded questions, [[1]] written answer)", "counts the lesson's own questions")
allow('Ask "how many U.S. troops were in Iraq in [[2007]]?"', "an example question a student might ask")
fact("CRS fiscal-year average (plotted at [[30 Sep]])",
     lambda: (wars("IRQ", "fy_average_bog")["date"].str[5:] == "09-30").all()
     and (wars("AFG", "fy_average_bog")["date"].str[5:] == "09-30").all())
cited("another for the [[July 2009]] projections", "crs_r40682")
allow("Round to the nearest [[100]], as CRS does", "the rounding the question asks for")
fact("check that your filtered table has exactly [[12]] rows before averaging", lambda: len(q1_months()))
allow("round to the nearest [[100]], for example with round(x, -[[2]]), then int(...).", "the rounding a hint asks for")
allow("The fiscal year FY began on [[1]] October of the year before.",
      "defines the U.S. fiscal year the question uses (FY2007 = 1 Oct 2006 - 30 Sep 2007, as in the prerequisites)")
allow("(peak − CRS average) ÷ CRS average × [[100]], round", "arithmetic: a percentage the question defines")
allow("(peak - average) / average * [[100]].", "arithmetic in a hint")
allow("Compute (table − CRS) ÷ CRS × [[100]], round", "arithmetic: a percentage the question defines")
allow("(table - CRS) / CRS * [[100]]:", "arithmetic in a hint")
allow("troops) / all troops * [[100]]:", "arithmetic in a hint")
allow("**per million** = value ÷ population × [[1,000,000]], with the population",
      "arithmetic: the definition of a rate per million")
allow("Ranks use [[1]] = largest", "defines the direction of a rank")
allow("[[1]] means the same order, [[0]] no relation.", "defines the scale of a rank correlation")

# Reading: surges and drawdowns
fact("In [[2002]]–[[2007]] the table's Afghanistan values are outside estimates (flag `estimate`)",
     lambda: tuple([(T.us_troops_abroad.query("iso3 == 'AFG' and 2002 <= year <= 2007")["flag"] == "estimate").all()] * 2))
fact("from [[2008]] they are DMDC counts of **active-duty** personnel",  # until DMDC stopped reporting (lesson 00)
     lambda: (T.us_troops_abroad.query("iso3 == 'AFG' and 2008 <= year <= 2017")["flag"] == "").all()
     and T.us_troops_abroad.query("iso3 == 'AFG' and year == 2007")["flag"].item() == "estimate")
fact("For [[2001]]–[[2007]] the table's figure is not a DMDC count but an outside estimate (flag `estimate`)",
     lambda: tuple([(T.us_troops_abroad.query("iso3 == 'AFG' and 2001 <= year <= 2007")["flag"] == "estimate").all()] * 2))
allow("### Surges and drawdowns, [[2001]]–[[2021]]", "a heading naming the period the section covers")
fact("On 1 December 2009 President Obama announced [[30,000]] more troops", lambda: event("whitehouse_2009_12_01"))
cited("with a drawdown to begin in [[July 2011]] (White House, 1 Dec 2009)", "whitehouse_2009_12_01")
cited("and the level peaked at [[about 100,000]] in [[2011]] (DoD and AP, 2010–2011)", "us_troops_timeline_facts")
cited("was to bring [[10,000]] home by the end of that year", "whitehouse_2011_06_22")
fact("and [[33,000]] by summer 2012 (White House, 22 Jun 2011)", lambda: event("whitehouse_2011_06_22"))
cited("to cut from 13,000 to 8,600 within [[135]] days and to withdraw all forces within [[14]] months",
      "doha_agreement_2020")
fact("forces were down to 2,500 on [[15 January 2021]]", lambda: one(wars("AFG", "point_estimate", troops=2500, year=2021), "date"))
cited("President Biden set a withdrawal deadline of [[11 September]]", "whitehouse_2021_04_14")
fact("aircraft left Kabul on [[30 August 2021]]", lambda: event("dod_2021_08_30", "date"))
cited("In 2009 the administration set a plan to end the combat mission by [[31 August 2010]] and withdraw all troops "
      "by the end of [[2011]]", "crs_r40682")
fact("On [[6 December 2017]] the Pentagon raised its public count",
     lambda: one(wars("SYR", "point_estimate", source_id="dod_2017_12_06"), "date"))
cited("raised its public count from [[503]] to about 2,000", "dod_2017_12_06")
cited("the official figure of [[about 900]] used from 2020", "dod_2024_12_19")
fact("was revised to about 2,000 on [[19 December 2024]]",
     lambda: one(wars("SYR", "point_estimate", source_id="dod_2024_12_19"), "date"))

# Reading: who came along
cited("In June 2011 Defense Secretary Robert Gates said that NATO, with more than two million people in uniform "
      "besides the U.S. military, had \"struggled, at times desperately\" to keep [[25,000]] to [[45,000]] troops deployed",
      "gates_2011_06_10")
cited("and that more than [[850]] troops from non-U.S. NATO members had died in Afghanistan (Gates, 10 Jun 2011)",
      "gates_2011_06_10")
cited("authorised on 20 December 2001 (UNSCR [[1386]])", "unscr_1386")
cited("and 129,895 from [[50]] nations in April 2012", "reuters_2012_04_18")
fact("— Syria in [[2018]]–[[2019]] or Afghanistan in [[2021]] —",
     lambda: (int(one(wars("SYR", "point_estimate", source_id="trump_2018_12_19"), "year")),
              int(one(wars("SYR", "point_estimate", source_id="reuters_2019_10_19"), "year")),
              int(one(wars("AFG", "point_estimate", troops=0), "year"))))
cited("Lithuania's defence ministry said that more than [[750]] soldiers served", "baltic_times_2008_12_18")
fact("The [[750]] looks like the number rotated through Iraq", lambda: iraq_peak("LTU"))

# Questions 6-8 and what the numbers can't tell us
fact("**Q6.** In the ISAF figures of [[15 November 2010]] (46 nations listed), `ALLY` has one rank by number of troops "
     "and another by troops per million population (population in 2010)",
     lambda: coalition("isaf_troops_by_nation")["as_of"].max())
fact("Rank all [[46]] listed nations", lambda: len(isaf_2010()))
fact("Two ranks among [[46]] nations differ by at most [[45]].", lambda: (len(isaf_2010()), len(isaf_2010()) - 1))
cited("The deaths snapshots are **cumulative** since [[October 2001]]", "dod_oef_2001_10_07")
cited("two of the ISAF contributors of [[November 2010]] are missing from the news copy", "afp_2010_11_17")
fact("(a) ISAF troops in [[November 2010]]", lambda: coalition("isaf_troops_by_nation")["as_of"].max()[:7])
fact("(c) deaths per million by [[May 2012]]", lambda: coalition("afghanistan_deaths_by_nation")["as_of"].max()[:7])
fact("ranks 3rd of the [[46]] nations", lambda: len(isaf_2010()))
fact("the UK [[414]] (6.50 per million)", lambda: deaths("GBR"))
fact("and Spain left in [[April 2004]].",
     lambda: one(coalition("iraq_coalition_by_nation", measure="troops_peak", iso3="ESP"), "period_end")[:7])

# Key points
fact("levels peaked in Iraq during the [[2007]] surge", lambda: int(months().loc[months()["troops"].idxmax(), "year"]))
cited("and in Afghanistan in [[2011]], then fell", "us_troops_timeline_facts")
fact("then fell to 2,500 in each country by [[15 January 2021]]",
     lambda: one(wars("IRQ", "point_estimate", source_id="dod_2021_01_15"), "date"))
