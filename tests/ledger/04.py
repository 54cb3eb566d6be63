# Fact ledger for lesson 04 (tests/ledger/README.md). Queries use the lesson's default parameters.
G5 = ["BFA", "MLI", "MRT", "NER", "TCD"]


def sahel(mission, measure, date=None):
    s = T.sahel
    s = s[(s["mission"] == mission) & (s["measure"] == measure)]
    if date:
        s = s[s["date"] == date]
    return s


def one(df, col="value"):
    assert len(df) == 1, df
    return df[col].item()


def sipri(indicator):
    d = T.defence_spending
    return d[(d["release"] == "sipri_2022") & (d["indicator"] == indicator)].pivot(
        index="year", columns="iso3", values="value")


def usd(iso3, year):
    return sipri("milex_usd_2019").loc[year, iso3]


def g5_total(year):
    return sipri("milex_usd_2019").loc[year, G5].sum()


def niger(year):
    t = T.us_troops_abroad
    return t.loc[(t["iso3"] == "NER") & (t["year"] == year), "troops"].item()


def mission_days(mission):
    d = pd.to_datetime(T.sahel.loc[T.sahel["mission"] == mission, "date"])
    return (d.max() - d.min()).days


# Reading: Serval, Barkhane and the American enablers
fact("France launched Operation Serval on [[11 January 2013]] at the Malian government's request",
     lambda: one(sahel("Operation Serval", "start"), "date"))
fact("and about [[1,700]] were still in Mali", lambda: one(sahel("Operation Serval", "troops", "2014-07-13")))
fact("when France declared the operation over on [[13 July 2014]]",
     lambda: one(sahel("Operation Serval", "end"), "date"))
fact("was created on 25 April 2013 with up to [[11,200]] military personnel",
     lambda: one(sahel("MINUSMA", "troops_authorised", "2013-04-25")))
fact("and [[1,440]] police (UNSCR 2100, 2013)", lambda: one(sahel("MINUSMA", "police_authorised", "2013-04-25")))
fact("Its ceiling was raised to [[13,289]] military", lambda: one(sahel("MINUSMA", "troops_authorised", "2016-06-29")))
fact("13,289 military and [[1,920]] police on 29 June 2016", lambda: one(sahel("MINUSMA", "police_authorised", "2016-06-29")))
fact("**Operation Barkhane** replaced Serval on [[1 August 2014]]",
     lambda: T.sahel.loc[T.sahel["mission"] == "Operation Barkhane", "date"].min())
fact("a regional French operation of about [[3,000]] troops", lambda: one(sahel("Operation Barkhane", "troops", "2014-08-01")))
fact("It had [[4,500]] troops in 2019", lambda: one(sahel("Operation Barkhane", "troops", "2019-11-26")))
fact("and about [[5,100]] from February 2020", lambda: one(sahel("Operation Barkhane", "troops", "2020-02-01")))
fact("[[Thirteen]] governments backed it", lambda: one(sahel("Task Force Takuba", "governments")), value=13)
fact("It had about [[600]] personnel in July 2021", lambda: one(sahel("Task Force Takuba", "troops", "2021-07-14")))
cited("It had about 600 personnel in July [[2021]], half of them French (TF1 Info 2021)", "tf1info_2021_07_14")
cited("nearly [[900]] at its peak (French MoD 2022)", "fr_mod_takuba")
fact("About [[800]] U.S. personnel were in Niger in October 2017",
     lambda: one(sahel("U.S. forces in Niger", "troops", "2017-10-01")))
fact("[[four]] U.S. soldiers and several Nigerien soldiers were killed",
     lambda: one(sahel("U.S. forces in Niger", "deaths")), value=4)
fact("[[58]] French military deaths in Serval and Barkhane", lambda: one(sahel("Serval and Barkhane", "deaths_cumulative")))

# Chart: reported strengths and UN ceilings
fact("(squares), [[11,200]] in 2013 and 13,289 from 2016", lambda: one(sahel("MINUSMA", "troops_authorised", "2013-04-25")))
fact("(squares), 11,200 in 2013 and [[13,289]] from 2016", lambda: one(sahel("MINUSMA", "troops_authorised", "2016-06-29")))
fact("Barkhane's reported strength rises from [[about 3,000]] in 2014", lambda: one(sahel("Operation Barkhane", "troops", "2014-08-01")))
fact("in 2014 to [[5,100]] in 2020", lambda: sahel("Operation Barkhane", "troops")["value"].max())
fact("Takuba about [[600]] in [[2021]]",
     lambda: (one(sahel("Task Force Takuba", "troops")), int(one(sahel("Task Force Takuba", "troops"), "year"))))
fact("U.S. forces in Niger [[800]] in 2017", lambda: one(sahel("U.S. forces in Niger", "troops", "2017-10-01")))

# Worked example and Q1 (default MISSION = Operation Barkhane)
fact("Barkhane lasted [[about 3,000]] days, Q1", lambda: mission_days("Operation Barkhane"), tol=50)

# Reading: the exits
fact("about [[2,400]] of the 4,300 French troops then in the Sahel were in Mali",
     lambda: one(sahel("Operation Barkhane", "troops", "2022-02-17").query("host_iso3 == 'MLI'")))
fact("about 2,400 of the [[4,300]] French troops then in the Sahel",
     lambda: one(sahel("Operation Barkhane", "troops", "2022-02-17").query("host_iso3 != 'MLI'")))
fact("The last French troops left Mali on [[15 August 2022]]",
     lambda: one(sahel("Operation Barkhane", "troops").query("value == 0 and host_iso3 == 'MLI'"), "date"))
fact("the last French troops left on [[22 December 2023]]", lambda: one(sahel("French forces in Niger", "troops"), "date"))
fact("Mali left the G5 Sahel on [[15 May 2022]]",
     lambda: one(T.events[T.events["event"] == "Mali leaves the G5 Sahel"], "date"))
fact("By 7 July 2024, [[766]] of about 950 U.S. personnel had left",
     lambda: one(sahel("U.S. forces in Niger", "troops_withdrawn")))
fact("Air Base 201 was handed over on [[5 August 2024]]", lambda: one(sahel("U.S. forces in Niger", "end"), "date"))
fact("and completion was announced on [[16 September 2024]]",
     lambda: one(sahel("U.S. forces in Niger", "troops").query("value == 0"), "date"))

# Reading: judging the argument
fact("the five together spent [[about $1.16]] billion in 2013", lambda: g5_total(2013) / 1e9)
fact("and [[about $1.68]] billion in 2020", lambda: g5_total(2020) / 1e9)
fact("and Mali's spending rose [[several-fold]]", lambda: usd("MLI", 2020) / usd("MLI", 2013) >= 3)
fact("Chad's spending [[fell sharply after 2013]]", lambda: usd("TCD", 2015) < 0.5 * usd("TCD", 2013))
fact("the G5 states together spent only [[a few per cent]] of what France alone spent",
     lambda: 100 * g5_total(2020) / usd("FRA", 2020) < 5)
fact("[[about 800]] in 2017 and about 1,000–1,100 in 2023", lambda: one(sahel("U.S. forces in Niger", "troops", "2017-10-01")))

# Chart: G5 military spending as a share of GDP
fact("Chad peaks [[near 8]] per cent in 2009", lambda: sipri("milex_share_gdp").loc[2005:2020, "TCD"].max(), tol=0.1)
fact("Chad peaks near 8 per cent in [[2009]]", lambda: int(sipri("milex_share_gdp").loc[2005:2020, "TCD"].idxmax()))
fact("the others mostly lie [[between 1 and 3.5]] per cent",
     lambda: sipri("milex_share_gdp").loc[2005:2020, ["BFA", "MLI", "MRT", "NER"]].stack().dropna().between(1, 3.5).mean() > 0.9)
fact("labelled with the state's code ([[Niger 2006, 2007 and 2015; Mauritania 2007, 2010 and 2011; Chad 2012]])",
     lambda: {c: sorted(int(y) for y in s.index[s.isna()]) for c, s in sipri("milex_share_gdp").reindex(range(2005, 2021))[G5].items()}
     == {"BFA": [], "MLI": [], "MRT": [2007, 2010, 2011], "NER": [2006, 2007, 2015], "TCD": [2012]})

# Section 5 and chart: the official count
fact("In September 2024, after about 1,000 troops had left, DMDC still listed [[15]]", lambda: niger(2024))
fact("stays [[below about 150]] in every year except 2017",
     lambda: max(niger(y) for y in range(2012, 2026) if y != 2017) < 150)
fact("in every year except 2017 ([[510]])", lambda: niger(2017))
fact("Diamond points labelled 'reported' show [[about 800]] in October 2017",
     lambda: one(sahel("U.S. forces in Niger", "troops", "2017-10-01")))
fact("shows [[766]] personnel who had left by 7 July 2024", lambda: one(sahel("U.S. forces in Niger", "troops_withdrawn")))

# Model answer of Q7
cited("Takuba peaked at nearly [[900]] troops (French MoD 2022)", "fr_mod_takuba")
fact("(Mali's spending rose [[more than fourfold]] in constant dollars, 2013–2020, Q2)",
     lambda: usd("MLI", 2020) / usd("MLI", 2013), value=4)
fact("the G5 states together still spent only [[about 3]]% of France's budget in 2020 (Q4)",
     lambda: 100 * g5_total(2020) / usd("FRA", 2020))
fact("(about [[64]]% in 2017, Q6)", lambda: 100 * niger(2017) / one(sahel("U.S. forces in Niger", "troops", "2017-10-01")),
     tol=0.5)

# Key points
fact("barely moved when [[about 1,000]] troops left in 2024",
     lambda: 1000 if "about 1000 troops out" in one(sahel("U.S. forces in Niger", "troops").query("value == 0"), "event") else 0)

# Numbers from outside the tables, cited inline (keys in datasets/sources.csv)
cited("About [[4,500]] French soldiers were engaged at the height of the fighting", "tchadinfos_2013_09")
cited("declared the operation over on 13 July 2014 (franceinfo/AFP [[2014]])", "francetvinfo_2014_07_13")
cited("About [[1,000]]–1,100 were there in July 2023", "ap_2023_07_27")
cited("About 1,000–[[1,100]] were there in July 2023", "reuters_2023_08_10")
cited("766 of [[about 950]] U.S. personnel had left", "dod_niger_2024_07_07")
cited("The G5 Sahel** (Burkina Faso, Chad, Mali, Mauritania and Niger) was founded on [[16 February 2014]]", "g5sahel_2014")
cited("in Niger on [[26 July 2023]] (AP 2023)", "niger_coup_2023")
cited("On 30 June 2023, at Mali's request, the Security Council ended MINUSMA, with withdrawal due by [[31 December 2023]]",
      "unscr_2690")
cited("Thirteen governments backed it on [[27 March 2020]]", "takuba_statement_2020")
cited("Niger revoked the U.S. status-of-forces arrangement on [[16 March 2024]]", "niger_cnsp_2024_03_16")
fact("and is [[4,300]] in February 2022, of whom 2,400 in Mali",
     lambda: one(sahel("Operation Barkhane", "troops", "2022-02-17").query("host_iso3 != 'MLI'")))
fact("and is 4,300 in February 2022, of whom [[2,400]] in Mali",
     lambda: one(sahel("Operation Barkhane", "troops", "2022-02-17").query("host_iso3 == 'MLI'")))



# Dates and periods of the reading (issue 11 §2 backlog), recomputed from the sahel and events tables
def day(mission, measure, date=None):
    return pd.Timestamp(one(sahel(mission, measure, date), "date"))


def exits():
    """Years of the first and last exits: French troops out of Mali, then the U.S. out of Niger (the last one)."""
    out = T.sahel[(T.sahel["measure"] == "end") | ((T.sahel["measure"] == "troops") & (T.sahel["value"] == 0))]
    mali = one(sahel("Operation Barkhane", "troops").query("value == 0 and host_iso3 == 'MLI'"), "year")
    us = one(sahel("U.S. forces in Niger", "troops").query("value == 0"), "year")
    return mali, us, out.sort_values("date")["mission"].iloc[-1] == "U.S. forces in Niger"


def event_day(text):
    e = T.events
    return one(e[e["event"].str.contains(text, regex=False)], "date")


fact("the G5 Sahel states and the United States between [[2013]] and [[2024]]?",
     lambda: (int(T.sahel["year"].min()), int(T.sahel["year"].max())))
fact("after the [[2022]]–[[2024]] exits from Mali, Burkina Faso and Niger?", lambda: exits()[:2])
fact("was created on [[25 April 2013]] with up to 11,200", lambda: one(sahel("MINUSMA", "troops_authorised", "2013-04-25"), "date"))
fact("13,289 military and 1,920 police on [[29 June 2016]]",
     lambda: one(sahel("MINUSMA", "troops_authorised").query("value == 13289"), "date"))
fact("That month, on [[4]] October, four U.S.",
     lambda: (lambda d: d.day if (d.year, d.month) == (2017, 10) else None)(day("U.S. forces in Niger", "deaths")))
fact("58 French military deaths in Serval and Barkhane by [[17 February 2022]]",
     lambda: one(sahel("Serval and Barkhane", "deaths_cumulative"), "date"))
fact("Sahel missions: reported strengths and UN ceilings, [[2013]]-[[2022]]",
     lambda: tuple(int(y) for y in T.sahel[T.sahel["measure"].isin(["troops", "troops_authorised"])
                                          & (T.sahel["value"] > 0)]["year"].agg(["min", "max"])))
fact("On [[17 February 2022]] France, its Takuba partners and Canada announced their withdrawal from Mali",
     lambda: one(sahel("Operation Barkhane", "troops", "2022-02-17").query("host_iso3 != 'MLI'"), "date"))
fact("Takuba ended on [[30 June 2022]] (French MoD 2022)", lambda: one(sahel("Task Force Takuba", "end"), "date"))
fact("Barkhane was formally ended on [[9 November 2022]] (Élysée 2022)",
     lambda: one(sahel("Operation Barkhane", "troops").query("event.str.contains('officially ended')", engine="python"),
                 "date"))
fact("On [[30 June 2023]], at Mali's request, the Security Council ended MINUSMA", lambda: one(sahel("MINUSMA", "end"), "date"))
fact("and on [[6 December 2023]] Chad and Mauritania announced that the organisation would be dissolved",
     lambda: event_day("Chad and Mauritania announce the dissolution"))
fact("formed the Alliance of Sahel States on [[16 September 2023]]", lambda: event_day("Alliance of Sahel States"))
fact("By [[7 July 2024]], 766 of about 950 U.S.", lambda: one(sahel("U.S. forces in Niger", "troops_withdrawn"), "date"))
fact("[[Air Base 201]] was handed over on 5 August 2024",
     lambda: "Air Base 201" in one(sahel("U.S. forces in Niger", "end"), "event"))
fact("the others mostly lie between 1 and 3.5 per cent and [[rise after 2013]]",
     lambda: bool((sipri("milex_share_gdp").loc[2020, ["BFA", "MLI", "MRT", "NER"]]
                   > sipri("milex_share_gdp").loc[2013, ["BFA", "MLI", "MRT", "NER"]]).all()))
fact("SIPRI has no value for some states in some years (for example Niger in [[2015]])",
     lambda: 2015 if pd.isna(sipri("milex_usd_2019").reindex(range(2005, 2021)).loc[2015, "NER"]) else None)
fact("Set it against the roughly [[800]] reported in October 2017",
     lambda: one(sahel("U.S. forces in Niger", "troops", "2017-10-01")))
fact("In September 2024, after [[about 1,000]] troops had left, DMDC still listed 15",
     lambda: 1000 if "about 1000 troops out" in one(sahel("U.S. forces in Niger", "troops").query("value == 0"), "event") else 0)


def reported_2017():
    return sahel("U.S. forces in Niger", "troops", "2017-10-01")


fact("**Q6.** About [[800]] U.S. personnel were reported in Niger in October [[2017]]",
     lambda: (one(reported_2017()), one(reported_2017(), "year")))
fact("forces in Niger with measure `troops`, dated [[2017]])", lambda: one(reported_2017(), "year"))
fact("What percentage of those [[800]] does the DMDC count", lambda: one(reported_2017()))
fact("For [[2017]] this is the share of the reported presence", lambda: one(reported_2017(), "year"))
fact("For later years it compares the count with the [[2017]] benchmark", lambda: one(reported_2017(), "year"))
fact("Divide the DMDC count of DMDC_YEAR by the October [[2017]] reported figure", lambda: one(reported_2017(), "year"))
fact("the reported figures and withdrawal of [[2017]]–[[2024]] from",
     lambda: tuple(int(y) for y in T.sahel.query("mission == 'U.S. forces in Niger' and measure in ['troops', 'troops_withdrawn']")
                   ["year"].agg(["min", "max"])))
fact("military personnel assigned to Niger, [[2012]]-[[2025]], which stays",
     lambda: (lambda t: (int(t["year"].min()), int(t["year"].max())))(
         T.us_troops_abroad.query("iso3 == 'NER' and year >= 2012").dropna(subset=["troops"])))
fact("show about 800 in October 2017 and [[0]] after the withdrawal in September [[2024]]",
     lambda: (lambda r: (one(r), one(r, "year")))(sahel("U.S. forces in Niger", "troops").query("date > '2024'")))
fact("a diamond labelled 'withdrawn by Jul [[2024]]' shows 766 personnel who had left by [[7 July 2024]]",
     lambda: (lambda r: (one(r, "year"), one(r, "date")))(sahel("U.S. forces in Niger", "troops_withdrawn")))
fact("Judge this argument in the light of [[2022]]–[[2024]]", lambda: exits()[:2])
fact("expelled the partners in [[2022]]–[[2024]], [[the United States last]]", lambda: exits())
fact("whose juntas ended the partnerships in [[2022]]–[[2024]];", lambda: exits()[:2])


def g5_chart_years():
    """The G5 share chart: the lesson plots SIPRI's values from 2005 (its choice) to the last year SIPRI gives."""
    y = sipri("milex_share_gdp")[G5].dropna(how="all").index
    return int(y[y >= 2005].min()), int(y.max())


fact("G5 Sahel military spending as a share of GDP, [[2005]]-[[2020]] (SIPRI)", g5_chart_years)
fact("Burkina Faso, Mali, Mauritania, Niger and Chad, [[2005]]-[[2020]], SIPRI data.", g5_chart_years)

# Cited (sources in sources.csv; FACTS.md §5 V lines)
cited("Matthew Levitt argued in [[2021]] that burden *shifting*", "levitt_2021_jnslp")
cited("Writing in [[2021]], Matthew Levitt argues", "levitt_2021_jnslp")
cited("In January [[2013]] armed jihadist groups that held northern Mali moved south towards the town of Konna (UNSCR "
      "[[2100]], 2013)", "unscr_2100")
cited("and 1,440 police (UNSCR [[2100]], 2013)", "unscr_2100")
cited("on 29 June 2016 (UNSCR [[2295]], 2016)", "unscr_2295")
cited("It had 4,500 troops in [[2019]] (press reports, 2019)", "bfmtv_2019_11_26")
cited("a status-of-forces arrangement dating from [[6]] July [[2012]] (Niger government 2024)", "niger_cnsp_2024_03_16")
cited("Construction of a second drone base, Air Base [[201]] at Agadez", "africom_2024_08_05")
cited("with withdrawal due by 31 December 2023 (UNSCR [[2690]], 2023)", "unscr_2690")
cited("Burkina Faso and Niger left with effect from [[29]] November [[2023]]", "bf_niger_2023_12_02")
cited("about 800 in 2017 and about [[1,000]]–1,100 in 2023 (NBC", "ap_2023_07_27")
cited("about 800 in 2017 and about 1,000–[[1,100]] in 2023 (NBC", "reuters_2023_08_10")
cited("and [[1,000]]–1,100 in July [[2023]] (NBC 2017;", "ap_2023_07_27")
cited("and 1,000–[[1,100]] in July 2023 (NBC 2017;", "reuters_2023_08_10")
cited("the figures reported in [[2023]]–[[2024]] were higher (about [[1,000]]–1,100 in July [[2023]], AP [[2023]]",
      "ap_2023_07_27")
cited("were higher (about 1,000–[[1,100]] in July 2023, AP 2023 and Reuters [[2023]];", "reuters_2023_08_10")
cited("about [[950]] before the [[2024]] withdrawal, DoD/Niger joint statement, [[7]] July [[2024]])", "dod_niger_2024_07_07")

cited("France announced on [[10]] June [[2021]] that Barkhane would end as an external operation and shrink (Élysée "
      "[[2021]])", "elysee_2021_06_10")
cited("Niger's junta cancelled its military agreements with France on [[3]]–[[4]] August [[2023]]", "cnsp_2023_08_03")
cited("the two governments agreed the terms of withdrawal on [[19]] May [[2024]] (DoD 2024)", "dod_niger_2024_05_19")
cited("Unarmed drone flights from Niamey began in February [[2013]], with about [[100]] personnel notified to Congress "
      "(White House 2013)", "whitehouse_2013_02_22")
# Numbers that state nothing about the world
allow("Lesson text CC BY [[4.0]]; code BSD-[[3]]-Clause;", "the names of the course's licences")
allow("section [[4]] weighs their case against his defenders'.", "points to a section of this lesson")
allow("(an `end` row, or a strength of [[0]])", "describes how the table codes an end")
allow("(a ratio of [[2.0]] means spending doubled; below [[1]] means it fell)", "explains the scale of the ratio asked for")
allow("(for example `4.2`, meaning [[4.2]] per cent)", "an example of the form of the answer")
allow("it cannot exceed [[100]] here.", "arithmetic in a hint")
allow("Deduct 1 point (to a minimum of [[0]])", "rubric point values")

# Cited (issue 11 §2 backlog cleared: sources added to datasets/raw/facts/sources.csv)
cited("U.S. Air Force C-17s began flying French troops and equipment to Bamako on [[21]] January [[2013]] (USAF 2013)",
      "usaf_2013_01_25")
cited("The UN Security Council welcomed its joint force, of up to [[5,000]] military and police personnel, on [[21]] June "
      "[[2017]] (UNSCR [[2359]], 2017).", "unscr_2359")
cited("Construction of a second drone base, Air Base 201 at Agadez, began in [[2016]], and on [[1]] November [[2019]] U.S. "
      "Africa Command announced that surveillance flights from it had begun (AFRICOM 2019).", "africom_2019_11_01")
cited("In January [[2020]] France's armed forces minister told the Pentagon that U.S. support was critical",
      "afmag_2021_juniper_micron")
cited("in Mali in August [[2020]] and May [[2021]], in Burkina Faso in January and September [[2022]] (Reuters 2022)",
      "reuters_2022_10_01")
cited("fifteen Western governments condemned its deployment in a joint statement on [[23]] December [[2021]] (Joint "
      "statement 2021).", "wagner_statement_2021_12_23")
# The heading's span and the coups of section 4: the first coup (Mali, August 2020) from Reuters 2022, the last exit
# (the U.S. from Niger, 2024) and Niger's coup (2023) from the shipped tables.
cited("### 3. [[2020]]–2024: the exits", "reuters_2022_10_01")
fact("### 3. 2020–[[2024]]: the exits", lambda: exits()[1])
cited("three of the five G5 governments were overthrown by their own armies between [[2020]] and 2023 (Reuters 2022; "
      "AP 2023)", "reuters_2022_10_01")
fact("three of the five G5 governments were overthrown by their own armies between 2020 and [[2023]] (Reuters 2022; "
     "AP 2023)", lambda: pd.Timestamp(event_day("Coup in Niger")).year)
