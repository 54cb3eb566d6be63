# Fact ledger for lesson 07 (tests/ledger/README.md). Lesson 07's designations table is being completed (issue 11):
# re-check these lines when it changes.


def listed(iso3, group):
    d = T.designations
    return d.loc[(d["jurisdiction_iso3"] == iso3) & (d["group"].str.contains(group, regex=False))
                 & (d["group_type"] == "far_right"), "date"].item()


def month_year(date):
    return pd.Timestamp(date).strftime("%B %Y")


def event_date(words):
    e = T.events
    return e.loc[e["event"].str.contains(words, regex=False), "date"].item()


def deaths(date):
    e = T.events
    return e.loc[(e["date"] == date) & (e["category"] == "far_right_attack"), "value"].item()


fact("New Zealand, on 15 March 2019, in which [[51]] people were\nkilled", lambda: deaths("2019-03-15"))
fact("a gunman killed [[23]] people at a shop in El Paso", lambda: deaths("2019-08-03"))
cited("Speaking at the Washington\nInstitute on [[8 November 2019]]", "travers_2019_11_08")
cited("about [[140]]\npolice officers were assaulted", "doj_capitol_2025")
fact("Most listings [[fall in 2020 and 2021]]",
     lambda: (T.designations.query("group_type == 'far_right'")["year"].isin([2020, 2021]).mean() > 0.5)
     if "far_right" in set(T.designations["group_type"]) else False)


# Backlog (issue 11): numbers in the prose not yet recomputed, cited or allowed. Replace each todo by
# fact/cited/allow (tests/ledger/README.md); tests/test_ledger_coverage.py keeps this list from growing.
fact("State Department's designation of the Russian Imperial Movement ([[6 April 2020]])",
     lambda: listed("USA", "Russian Imperial"))
todo('the credibility debate after the October [[2019]] Syria decision')  # cell 0
fact('`EVENT` is one of "[[2015-06-17]]", "[[2019-03-15]]", "[[2019-08-03]]" or "[[2021-01-06]]";',
     lambda: (event_date("Charleston"), event_date("Christchurch"), event_date("El Paso"), event_date("Capitol")))
todo('`YEAR` runs from [[2016]] to [[2024]].')  # cell 3
fact("The clearest case is the attack on two mosques in Christchurch, New Zealand, on [[15 March 2019]]",
     lambda: event_date("Christchurch"))
todo("citizen, and New Zealand's Royal Commission of Inquiry published its report on [[8]] December [[2020]] (Royal Commission 2020).")  # cell 3
fact("On [[3 August 2019]] a gunman killed 23 people at a shop in El Paso", lambda: event_date("El Paso"))
fact("including the [[2011]] attacks in Norway", lambda: int(event_date("Norway")[:4]))
fact("A little more than a year later, on [[6 January 2021]], a crowd stormed the U.S.", lambda: event_date("Capitol"))
todo('**How this lesson classifies [[6]] January [[2021]].** The `events` table files the storming of the Capitol under `far_right_attack`, with')  # cell 5
todo('most of the roughly [[1,575]] people charged by January [[2025]] had no tie to such groups (U.S.')  # cell 5
fact("it proscribed the British group National Action in [[December 2016]]",
     lambda: month_year(listed("GBR", "National Action")))
fact("It proscribed Sonnenkrieg Division in [[February 2020]]", lambda: month_year(listed("GBR", "Sonnenkrieg")))
cited("The Guardian, [[24 Feb 2020]])", "guardian_2020_02_24")
fact("Feuerkrieg Division in [[July 2020]], and in [[April 2021]] Atomwaffen Division",
     lambda: (month_year(listed("GBR", "Feuerkrieg")), month_year(listed("GBR", "Atomwaffen"))))
cited("The Base, which the Home Office describes as formed in [[2018]] and mostly U.S.-based", "uk_home_office_2021_07_12")
fact("followed in [[July 2021]] (Home Office 2021), and in [[April 2024]] the UK became the first country to proscribe the "
     "online Terrorgram network, with effect from [[26]] April",
     lambda: (month_year(listed("GBR", "The Base")), month_year(listed("GBR", "Terrorgram")),
              pd.Timestamp(listed("GBR", "Terrorgram")).day))
allow("Blood & Honour and its armed branch Combat [[18]]", "part of the group's name")
fact("Blood & Honour and its armed branch Combat 18, in [[June 2019]];", lambda: month_year(listed("CAN", "Combat 18")))
fact("On [[3 February 2021]], four weeks after 6 January", lambda: listed("CAN", "Proud Boys"))
cited("Canada added [[13]] entities, among them the Proud Boys", "ps_canada_2021_02_03")
fact("In [[June 2021]] it added the Three Percenters, Aryan Strikeforce", lambda: month_year(listed("CAN", "Three Percenters")))
fact("**The United States** acted on [[6 April 2020]], when the State Department designated the Russian Imperial "
     "Movement", lambda: listed("USA", "Russian Imperial"))
cited("a St Petersburg-based group founded in [[2002]], and three of its leaders as Specially Designated Global "
      "Terrorists under Executive Order [[13224]]", "state_2020_04_06")
todo('training to two Swedish men who went on to carry out bombings in Gothenburg in [[2016]]–[[17]].')  # cell 6
fact("on [[14 June 2024]], and the Terrorgram Collective on [[13 January 2025]]",
     lambda: (listed("USA", "Nordic Resistance"), listed("USA", "Terrorgram")))
cited("The United States later designated the Nordic Resistance Movement, founded in Sweden in [[1997]]", "state_2024_06_14")
fact("**Australia** listed its first right-wing group, Sonnenkrieg Division, in [[March 2021]]",
     lambda: month_year(listed("AUS", "Sonnenkrieg")))
cited("announced the listing of The Base on [[24 November 2021]]", "au_homeaffairs_2021_12_10")
fact("(in force from [[10 December 2021]]), and listed National Socialist Order, the later name of Atomwaffen Division, on "
     "[[17 February 2022]]", lambda: (listed("AUS", "The Base"), listed("AUS", "National Socialist Order")))
fact("**New Zealand** designated the Proud Boys and The Base on [[20 June 2022]]", lambda: listed("NZL", "Proud Boys"))
todo('under its terrorism-listing law, from the first listing (December 2016) to the end of [[2024]]:')  # cell 6
todo('The year [[2025]] is not complete:')  # cell 6
todo('Australia listed Terrorgram in June [[2025]] and Canada listed three more networks in December [[2025]] (PJCIS 2025;')  # cell 6
todo('So the exercises stop at the end of [[2024]], and `far_right` below keeps the rows up to then.')  # cell 6
todo('each listing in the table on a time line, one row per government, with the attacks of [[2015]]–[[2021]] as vertical lines.')  # cell 9
todo('Far-right groups listed as terrorist, by government, [[2016]]-[[2024]] (course table)')  # cell 10
todo("Time line from [[2016]] to [[2024]] of the far-right listings in the course's designations table, one row per government")  # cell 10
todo('Dashed vertical lines mark the attacks of [[2015]] to [[2021]] listed in the events table.')  # cell 10
todo('The table is complete for these governments to the end of [[2024]], so your count is also the number of groups that government had listed.')  # cell 11
todo('**Q2.** Which of the five governments had listed `GROUP` by the end of [[2024]], and in what order?')  # cell 14
todo('GROUP was listed by at least two governments by [[2024]].')  # cell 16
todo('A number of months between [[2015]] and [[2025]].')  # cell 19
todo('**Q4.** Which far-right groups had `JURISDICTION` listed by the end of [[2024]] that the **United States** had not designated by then?')  # cell 20
todo('Use `far_right` (complete for the five governments to [[2024]]).')  # cell 20
todo('together are dated in `YEAR`, and what **share** of all their far-right listings from [[2016]] to [[2024]] (the rows of `far_right`) is that?')  # cell 23
todo('The Biden administration\'s interim strategic guidance of [[3]] March [[2021]] made a related point in general terms, describing threats that "respect no borders or')  # cell 26
todo('### January [[2025]]:')  # cell 26
todo('the pardons On [[20]] January [[2025]], his first day back in office, President Trump granted clemency to the people prosecuted over [[6]] January [[2021]], about [[1,500]] in all:')  # cell 26
todo('his proclamation commuted to time served the sentences of [[14]] people, among them leaders of the Proud Boys and the Oath Keepers who had been convicted')  # cell 26
todo("Canada and New Zealand cited the Proud Boys' part in [[6]] January when they listed the group (Public Safety Canada 2021a;")  # cell 26
todo('Clemency is a power the Constitution gives the President (Article II, section [[2]]), and those who keep it apart from foreign policy argue that partners decide on')  # cell 26
todo("As with the events of [[2021]], a change in allies' opinions would not by itself show that they cooperated less.")  # cell 26
todo("contributions, intelligence sharing and officials' statements, before and after January [[2025]].")  # cell 26
todo('The course table is complete only for five governments and only to the end of [[2024]], it records when a listing began but not when one lapsed, and it has no attack counts:')  # cell 26
todo('Allies listed groups that the United States itself had not designated by [[2024]]:')  # cell 28
todo('Canada acted four weeks after [[6]] January [[2021]] and said the Proud Boys had played a "pivotal role" in it (Public Safety Canada 2021a), and [[2021]] was the busiest year of listings in the table (Q5).')  # cell 28
todo('that the United States was "being seen as the exporter of white supremacist ideology" ([[8]] Nov [[2019]]) shows that U.S.')  # cell 28
todo('the table covers five governments and stops at [[2024]], dates have different precision, and a listing is a legal act under a national')  # cell 28
todo('intelligence-sharing agreements or opinion surveys of allied officials before and after [[2021]], compared with partners that did not list U.S.-based groups.')  # cell 28
todo('five governments to [[2024]];')  # cell 28
todo('allied contributions or intelligence sharing before/after [[2021]])')  # cell 28
fact("## Key points - Most far-right listings by these five governments up to 2024 came in [[2020–2021]];",
     lambda: T.designations.query("group_type == 'far_right' and year <= 2024")["year"].isin([2020, 2021]).mean() > 0.5)
todo('of National Action (2016) came first, and Canada, which listed most, began in [[2019]].')  # cell 31
fact("- The State Department's designation of the Russian Imperial Movement on [[6 April 2020]]",
     lambda: listed("USA", "Russian Imperial"))
todo('it used EO [[13224]] (SDGT), not the FTO list, and U.S.')  # cell 31
todo('a national threshold, and the course table is complete only for five governments to [[2024]]:')  # cell 31
todo('- How [[6]] January [[2021]] is classified, and what the January [[2025]] pardons mean for U.S.')  # cell 31
fact("four weeks after [[6]] January, Canada added", lambda: pd.Timestamp(event_date("Capitol")).day)
