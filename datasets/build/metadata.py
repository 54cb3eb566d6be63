"""Schema, licences and documentation of every shipped table; turned into datapackage.json and README.md."""
from __future__ import annotations

from .flags import FLAG, FLAGS, codebook_table  # the caveat flag vocabulary is declared in flags.py

ISO3 = {"pattern": "^([A-Z]{3})?$"}
ISO3_REQ = {"required": True, "pattern": "^[A-Z]{3}$"}
YEAR = {"required": True, "minimum": 1950, "maximum": 2030}
DATE = {"required": True, "pattern": r"^\d{4}-\d{2}-\d{2}$"}
PRECISION = {"required": True, "enum": ["day", "month", "year", "fiscal_year"]}


def F(name, type_, description, unit=None, **constraints):
    f = {"name": name, "type": type_, "description": description}
    if unit:
        f["unit"] = unit
    if constraints:
        f["constraints"] = constraints
    return f


def SOURCE():
    return F("source_id", "string", "Source of the row; resolve it in sources.csv (citation, URL, licence).",
             required=True, pattern="^[a-z0-9_]+$")


LIC = {
    "troopdata": [{"name": "GPL-3.0", "title": "GNU General Public License v3 (troopdata compilation); DMDC figures are public domain",
                   "path": "https://www.gnu.org/licenses/gpl-3.0.html"}],
    "usgov": [{"name": "other-pd", "title": "U.S. Government works (CRS, DoD): public domain; cite the report"}],
    "mixed_wars": [{"name": "other-pd", "title": "CRS and DoD figures: public domain"},
                   {"name": "MIT", "title": "Brookings Iraq Index series via cochransean/iraq-war-vis (MIT); figures from DoD/MNF-I",
                    "path": "https://opensource.org/licenses/MIT"},
                   {"name": "other-at", "title": "Point figures: facts from public statements, cite the source of each row"}],
    "iiss": [{"name": "other-closed", "title": "Numbers from IISS, The Military Balance (copyrighted); reduced extract via the MIT-licensed Military Deployment Index repository; attribute IISS and the MDI project; redistribution to be confirmed with the course owner"}],
    "coalition": [{"name": "other-pd", "title": "Carney (2011), U.S. Army CMH: public domain"},
                  {"name": "other-at", "title": "NATO/ISAF and iCasualties figures via Reuters/AFP: facts, cite agency and date"},
                  {"name": "MIT", "title": "Brookings Iraq Index series via cochransean/iraq-war-vis (MIT)",
                   "path": "https://opensource.org/licenses/MIT"}],
    "defence": [{"name": "other-at", "title": "NATO press releases: public, reuse with attribution to NATO (no formal open licence)"},
                {"name": "other-nc", "title": "SIPRI Military Expenditure Database: non-commercial use of < 10% of the database with credit to SIPRI"}],
    "wb": [{"name": "CC-BY-4.0", "title": "World Bank World Development Indicators (CC BY 4.0)",
            "path": "https://creativecommons.org/licenses/by/4.0/"}],
    "icsr": [{"name": "CC-BY-3.0", "title": "ICSR estimates via lukesonnet/foreign_fighters (CC BY 3.0); cite ICSR",
              "path": "https://creativecommons.org/licenses/by/3.0/"},
             {"name": "CC-BY-4.0", "title": "Population: World Bank WDI (CC BY 4.0)",
              "path": "https://creativecommons.org/licenses/by/4.0/"}],
    "facts": [{"name": "other-at", "title": "Facts from public documents and news reports, one cited source per row (facts are not subject to copyright)"}],
    "course": [{"name": "CC-BY-4.0", "title": "Compiled by the course (CC BY 4.0); each citation's work keeps its own terms",
                "path": "https://creativecommons.org/licenses/by/4.0/"}],
}

RESOURCES: dict[str, dict] = {
    "us_troops_abroad": {
        "title": "U.S. military personnel by host country and year, 1950-2025",
        "description": (
            "Active-duty U.S. military personnel stationed in each host country or territory (September of each year; June in the "
            "1950s), from DMDC reports compiled by the troopdata project (Allen, Flynn & Martinez Machain 2022): the legacy annual "
            "series 1950-2023, extended to 2024-2025 with the September rows of the troopdata rebuild (commit bab0a9c, which does "
            "NOT have the doubled rows of the newest release). The United States itself and undistributed/afloat/unknown "
            "personnel are left out. Caveats: the contingency theatres are not DMDC counts in 2001-2007 (outside estimates, "
            "flag estimate); from Dec 2017 DMDC no longer reports deployed forces in Afghanistan, Iraq and Syria (flag "
            "not_reported = missing, never 0; troopdata's outside estimates for 2018-2021 are flag estimate; later small DMDC "
            "counts are flag partial). The Dec 2017 change of definition is a break in the whole series (about -50,000 overseas), "
            "not a withdrawal. Join other tables on iso3 (empty for historical entities such as the GDR or Yugoslavia): there is "
            "one row per iso3 and year. iso3 is assigned by ccode (troopdata's 2022-2023 legacy rows, e.g. Niger, lack it in the "
            "source); Kosovo = XKX and American Samoa = ASM (no code in troopdata); troopdata's codes for 'Trucial States' (OMN, "
            "left empty: the pre-1971 UAE) and 'Bassas da India' (IND, set to ATF) are corrected; ccode 345 ('Yugoslavia' in "
            "troopdata until 2021) is YUG to 2002, SCG (Serbia and Montenegro) 2003-2005 and SRB (Serbia) from 2006; Diego "
            "Garcia = IOT, Wake Island = UMI, Netherlands Antilles = ANT, and the withdrawn codes DDR, CSK and YMD for the GDR, "
            "Czechoslovakia and South Yemen. iso3 stays empty only for places with no ISO 3166 code of their own (e.g. Fiji "
            "and Tonga, Akrotiri, Kashmir, Aden; datasets/build/names.py lists them and why): to count hosts, count rows, "
            "not distinct iso3 values. The September 2002 counts for Kuwait, Saudi Arabia, Bahrain, Qatar, Oman and the "
            "UAE (a few hundred each) are a reporting undercount, not a drawdown: forces deployed there for Operation "
            "Enduring Freedom and the build-up to the Iraq war were not counted as assigned, and about 25,000 U.S. "
            "personnel were in these six countries in early October 2002 (AP, 3 Oct 2002; source ap_2002_10_03); those six "
            "rows carry flag source_issue, values kept as in the source. Hosts that troopdata files under a Correlates of War code and an ad hoc code > 1000 "
            "(Montenegro 341/1010, South Sudan 626/1020, Antigua 58/1006, Seychelles 591/1037, Taiwan 713/1012) carry the COW "
            "code in every year; where both codes have a row for the same year (and Germany 1990: 255 and 260) the two rows are "
            "added into one (flag summed; one of each pair is 0, so the sum is the reported figure). ccode is the key of this "
            "table."),
        "fields": [
            F("ccode", "integer", "Correlates of War country code as used by troopdata (ad hoc codes > 1000 for territories).",
              required=True, minimum=1),
            F("iso3", "string", "ISO 3166-1 alpha-3 code of the host (a withdrawn code for a former state); empty only for "
              "places without an ISO 3166 code of their own.", **ISO3),
            F("country", "string", "Host name (World Bank name where the host has an ISO3 code, else troopdata's name).", required=True),
            F("region", "string", "Region of the host as given by troopdata (World Bank regions); for 2022-2025 rows, "
              "carried over from the same ccode's earlier rows.",
              enum=["", "East Asia & Pacific", "Europe & Central Asia", "Latin America & Caribbean",
                    "Middle East & North Africa", "North America", "South Asia", "Sub-Saharan Africa"]),
            F("year", "integer", "Year of the report (September; June 1950-1956).", **YEAR),
            F("troops", "integer", "Active-duty personnel (all services). Missing when not reported.", "persons", minimum=0),
            F("guard_reserve", "integer", "Selected Reserve and National Guard personnel in the same September DMDC "
              "report (troopdata rebuild total_selected_reserve), 2008 onwards; missing before 2008 or without a report.",
              "persons", minimum=0),
            SOURCE(), FLAG(["", "estimate", "gap_filled", "not_reported", "partial", "source_issue", "summed"]),
        ],
        "primaryKey": ["ccode", "year"], "licenses": LIC["troopdata"],
        "source_ids": ["troopdata_legacy", "troopdata_rebuild"],
        "raw": ["raw/us_troops_dmdc_troopdata/"],
    },
    "us_troops_wars": {
        "title": "U.S. troops in Afghanistan, Iraq and Syria, 2001-2024, by measure",
        "description": (
            "U.S. troop levels in the post-9/11 war theatres, one row per figure, with the measure it uses. Never compare "
            "measures without saying so: fy_average_bog = fiscal-year average of monthly Boots on the Ground (CRS; year is the "
            "fiscal year, ending 30 Sep); month_end_count = U.S. troops in Iraq at the end of each month (Brookings Iraq Index via "
            "The Guardian); in_around_total = DMDC 309A 'in/around Iraq or Afghanistan' totals, which include Kuwait and the region; "
            "point_estimate = a figure stated for a date (DoD, White House, CRS, AP; from the course fact sheet, V facts only); "
            "force_management_level = the authorised cap. CRS FY2009-FY2012 values from the July 2009 report are projections "
            "(flag projection); the reported FY2009/FY2010 Afghanistan averages are separate rows from CRS RL33110."),
        "fields": [
            F("iso3", "string", "Theatre (AFG, IRQ, SYR).", required=True, enum=["AFG", "IRQ", "SYR"]),
            F("theatre", "string", "Theatre as described by the source.", required=True),
            F("measure", "string", "Definition of the figure (see description).", required=True,
              enum=["fy_average_bog", "month_end_count", "in_around_total", "point_estimate", "force_management_level"]),
            F("year", "integer", "Calendar year of the date; for fy_average_bog the U.S. fiscal year.", **YEAR),
            F("month", "integer", "Month of the date (1-12) where known; empty for fiscal-year averages and year-only figures.",
              minimum=1, maximum=12),
            F("date", "string", "As-of date (YYYY-MM-DD): end of fiscal year, end of month, or the date stated; see date_precision.", **DATE),
            F("date_precision", "string", "How precise the date is: day, month (date = 1st of month or month end), year, fiscal_year.", **PRECISION),
            F("troops", "integer", "U.S. military personnel.", "persons", required=True, minimum=0),
            SOURCE(), FLAG(["", "estimate", "projection", "transcribed"]),
            F("note", "string", "Free-text note from the source or the build."),
        ],
        "primaryKey": ["iso3", "measure", "date", "source_id"], "licenses": LIC["mixed_wars"],
        "source_ids": ["crs_r40682", "crs_rl33110_2011", "brookings_iraq_index", "dmdc_309a", "us_troops_timeline_facts"],
        "raw": ["raw/us_boots_on_ground_crs/", "raw/iraq_troops_monthly_guardian/", "raw/dmdc_309a_contingency_2003_2005/",
                "raw/facts/us_troops_wars_points.csv"],
    },
    "allied_deployments": {
        "title": "Allied troop deployments by contributor, mission and host, 2014-2021 (IISS, The Military Balance)",
        "description": (
            "Personnel deployed abroad by 33 states (NATO members except Iceland, plus Australia, New Zealand, Japan and South "
            "Korea), by mission and host theatre, one figure per year. Numbers: International Institute for Strategic Studies "
            "(IISS), The Military Balance, as extracted by the Military Deployment Index project (Massie, Tallova, Dohnany & "
            "Bajnokova 2022). Attribute IISS whenever you show these numbers. IISS figures are annual snapshots (about November), "
            "rounded and often authorised strengths. mission_type military_presence = permanent stationing (e.g. U.S. forces in "
            "Japan). Sum over missions per host before comparing with DMDC or CRS figures."),
        "fields": [
            F("contributor_iso3", "string", "Deploying state (ISO3).", **ISO3_REQ),
            F("contributor", "string", "Deploying state (name).", required=True),
            F("year", "integer", "Year the figure describes (IISS edition of the following year).", required=True, minimum=2014, maximum=2021),
            F("mission", "string", "Mission or operation as named by IISS/MDI (spelling variants merged); '(military presence)' for permanent stationing.", required=True),
            F("mission_type", "string", "operation or military_presence.", required=True, enum=["operation", "military_presence"]),
            F("organisation", "string", "Command or lead (NATO, EU, UN, OSCE, MFO or a lead nation's ISO3)."),
            F("host", "string", "Host country, theatre or sea area as named by IISS/MDI.", required=True),
            F("host_iso3", "string", "ISO3 of the host; empty for sea areas and multi-country theatres.", **ISO3),
            F("troops", "integer", "Personnel deployed (troops and military observers).", "persons", required=True, minimum=0),
            SOURCE(), FLAG(["", "summed"]),
        ],
        "primaryKey": ["contributor_iso3", "year", "mission_type", "mission", "host"], "licenses": LIC["iiss"],
        "source_ids": ["mdi_iiss"], "raw": ["raw/coalition_deployments_mdi_iiss/"],
    },
    "coalition_contributions": {
        "title": "Coalition contributions by nation: Iraq 2003-2009, ISAF snapshots, Afghanistan deaths snapshots, Iraq monthly totals",
        "description": (
            "One long table of several small datasets (column dataset), one row per nation x measure x as-of date. "
            "iraq_coalition_by_nation: non-U.S. Iraq coalition members (Carney 2011): total troops rotated, peak strength, deaths, "
            "wounded, over period_start..period_end (as_of = period_end, year = its year: the end of the national deployment; "
            "Lithuania's peak of 750 is flagged source_issue: the Lithuanian Defence Ministry gives at most about 130 at once and "
            "over 750 in total). isaf_troops_by_nation: ISAF troops by nation on 3 Jun 2008 "
            "and 15 Nov 2010 (NATO placemat figures via Reuters/AFP; 2010 lacks two small contributors). "
            "afghanistan_deaths_by_nation: cumulative coalition military deaths since Oct 2001 at three dates (iCasualties via "
            "Reuters/AFP; 'Total' is the all-nation figure). iraq_coalition_monthly: U.S. + all other coalition troops in Iraq at "
            "each month end. year is the year of as_of in every dataset (the snapshot date, the as-of date of a cumulative count, "
            "the month end). Snapshot dates are data: never sum across as_of dates. Peaks come from different dates and cannot be "
            "added into a coalition size."),
        "fields": [
            F("dataset", "string", "Which small dataset the row belongs to.", required=True,
              enum=["iraq_coalition_by_nation", "isaf_troops_by_nation", "afghanistan_deaths_by_nation", "iraq_coalition_monthly"]),
            F("iso3", "string", "Contributing nation (ISO3); empty for 'Other'/'Total'/'All coalition' rows.", **ISO3),
            F("country", "string", "Contributing nation, or an aggregate row label.", required=True),
            F("measure", "string", "What the value counts.", required=True,
              enum=["troops_total_rotated", "troops_peak", "deaths", "wounded", "isaf_troops", "cumulative_deaths",
                    "total_international_troops"]),
            F("as_of", "string", "Date the figure refers to (YYYY-MM-DD).", **DATE),
            F("year", "integer", "Year of as_of (for iraq_coalition_by_nation: of period_end, the end of the deployment).",
              **YEAR),
            F("period_start", "string", "Start of the period a cumulative figure covers (YYYY-MM-DD), if any.",
              pattern=r"^(\d{4}-\d{2}-\d{2})?$"),
            F("period_end", "string", "End of that period (YYYY-MM-DD), if any.", pattern=r"^(\d{4}-\d{2}-\d{2})?$"),
            F("value", "integer", "The figure; missing when not reported.", "persons", minimum=0),
            F("unit", "string", "Unit of value.", required=True, enum=["persons"]),
            SOURCE(), FLAG(["", "not_reported", "snapshot", "source_issue"]),
            F("note", "string", "Text as printed in the source, or a caveat."),
        ],
        "primaryKey": ["dataset", "country", "measure", "as_of"], "licenses": LIC["coalition"],
        "source_ids": ["carney_2011", "reuters_2008_06_12", "afp_2010_11_17", "reuters_2009_05_18", "reuters_2012_05_20",
                       "brookings_iraq_index"],
        "raw": ["raw/iraq_coalition_contributions_carney/", "raw/isaf_contributions_snapshots_news/",
                "raw/afghanistan_coalition_fatalities_snapshots_news/", "raw/iraq_troops_monthly_guardian/"],
    },
    "defence_spending": {
        "title": "Defence spending of NATO allies and the G5 Sahel: NATO 2019 release, NATO 2025 release (% GDP), SIPRI 2022",
        "description": (
            "Long format: one row per country x year x indicator x release. Three releases, never to be spliced: release "
            "nato_2019_06 (NATO PR/CP(2019)069, all tables, 29 allies 2012-2019 in 2015 prices; 2018-2019 NATO estimates; "
            "'defence_expenditure_real_change' is NATO's annual real change of defence spending, mislabelled in the passport "
            "package); nato_2025_08 (NATO Aug 2025 Table 3, % of GDP 2014-2024 in 2021 prices, an unofficial transcription, "
            "flag transcribed; 2024 is an estimate; NATO aggregates left out); sipri_2022 (SIPRI, NATO members + G5 Sahel "
            "1990-2020, constant 2019 US$; SIPRI's definition is broader than NATO's; OWID's 'NATO members' aggregate left out). "
            "NATO membership: the NATO 2019 release lists Montenegro for every year although it joined on 5 Jun 2017 (see the "
            "memberships table); the other 28 allies of that release were members in all of 2012-2019. "
            "Iceland has no armed forces (missing defence values)."),
        "fields": [
            F("iso3", "string", "Country (ISO3).", **ISO3_REQ),
            F("country", "string", "Country name.", required=True),
            F("year", "integer", "Calendar year.", required=True, minimum=1990, maximum=2024),
            F("indicator", "string", "What is measured (see unit).", required=True,
              enum=["defence_expenditure_usd_current", "defence_expenditure_usd_2015", "defence_share_gdp",
                    "defence_expenditure_real_change", "gdp_usd_2015", "gdp_per_capita_usd_2015",
                    "defence_expenditure_per_capita_usd_2015", "military_personnel", "equipment_share",
                    "personnel_share", "infrastructure_share", "other_share", "milex_usd_2019", "milex_share_gdp",
                    "milex_per_capita_usd_2019"]),
            F("unit", "string", "Unit of value (differs by indicator and release).", required=True),
            F("value", "number", "The value; missing when not reported.", "see unit"),
            F("release", "string", "Publisher's release the value comes from; compare values only within one release.",
              required=True, enum=["nato_2019_06", "nato_2025_08", "sipri_2022"]),
            SOURCE(), FLAG(["", "estimate", "not_reported", "transcribed"]),
        ],
        "primaryKey": ["iso3", "year", "indicator", "release"], "licenses": LIC["defence"],
        "source_ids": ["nato_2019", "nato_2025", "sipri_2022"],
        "raw": ["raw/nato_defexp_2012_2019/", "raw/nato_defexp_pct_gdp_2014_2024/", "raw/sipri_milex_owid/"],
    },
    "economy": {
        "title": "GDP (current US$) and population by country and year (World Bank)",
        "description": (
            "World Bank World Development Indicators, for every country that appears in the other tables (1960-2024). GDP is "
            "nominal (current US$ at market exchange rates): fine for within-year comparisons (shares, ranks), not for growth. "
            "Taiwan and historical entities have no World Bank rows."),
        "fields": [
            F("iso3", "string", "Country (ISO3; Kosovo = XKX, Palestine = PSE).", **ISO3_REQ),
            F("country", "string", "Country name.", required=True),
            F("year", "integer", "Calendar year.", required=True, minimum=1960, maximum=2024),
            F("gdp_usd", "number", "GDP, current US$ (NY.GDP.MKTP.CD); missing when not reported.", "US$ (current)", minimum=0),
            F("population", "integer", "Population, total (SP.POP.TOTL); missing when not reported.", "persons", minimum=0),
            SOURCE(), FLAG(["", "not_reported"]),
        ],
        "primaryKey": ["iso3", "year"], "licenses": LIC["wb"], "source_ids": ["wb_wdi"],
        "raw": ["raw/wb_gdp_population/"],
    },
    "foreign_fighters": {
        "title": "Foreign fighters in Syria/Iraq by country of origin: ICSR estimates of Dec 2013 and Jan 2015, with population",
        "description": (
            "ICSR (King's College London) estimates of the cumulative number of fighters who travelled to Syria/Iraq, by country of "
            "origin: 17 Dec 2013 (ranges) and 26 Jan 2015 (through the end of 2014). estimate = ICSR's single figure or the "
            "midpoint of its range. population is the World Bank population of population_year (2013 for the Dec 2013 estimate, "
            "2014 for the Jan 2015 one), so per-million rates are estimate / population * 1e6. Not fighters present, not "
            "returnees. Qatar 2013 has low > high as transcribed (flag source_issue)."),
        "fields": [
            F("iso3", "string", "Country of origin (ISO3; Kosovo = XKX, Palestine = PSE).", **ISO3_REQ),
            F("country", "string", "Country name.", required=True),
            F("as_of", "string", "Date of the ICSR estimate.", **DATE),
            F("year", "integer", "Year of as_of.", required=True, minimum=2013, maximum=2015),
            F("estimate_low", "integer", "Low end of ICSR's range (empty where ICSR gave one figure).", "persons", minimum=0),
            F("estimate_high", "integer", "High end of ICSR's range.", "persons", minimum=0),
            F("estimate", "number", "ICSR's single figure or the midpoint of its range; missing where ICSR gave none.", "persons", minimum=0),
            F("population", "integer", "World Bank population in population_year.", "persons", minimum=0),
            F("population_year", "integer", "Year of the population figure.", required=True, minimum=2013, maximum=2014),
            SOURCE(),
            F("population_source_id", "string", "Source of the population column (sources.csv).", required=True),
            FLAG(["", "not_reported", "source_issue"]),
        ],
        "primaryKey": ["iso3", "as_of"], "licenses": LIC["icsr"], "source_ids": ["icsr_2013", "icsr_2015", "wb_wdi"],
        "raw": ["raw/icsr_foreign_fighters/", "raw/wb_gdp_population/"],
    },
    "sahel": {
        "title": "Deployments in the Sahel over time: Serval, Barkhane, Takuba, MINUSMA, U.S. forces in Niger",
        "description": (
            "One row per verified fact (course fact sheet, V or corrected only), each with its own source: troop levels, "
            "authorised ceilings, deaths and start/end dates. measure says what value counts (troops, troops_added, "
            "troops_involved_total, troops_authorised, police_authorised, troops_withdrawn, deaths, deaths_cumulative, "
            "governments; end/start rows have no value). Figures are for different dates and definitions: plot them as points."),
        "fields": [
            F("mission", "string", "Mission or presence.", required=True),
            F("actor", "string", "Who deploys (state, UN, group of governments).", required=True),
            F("actor_iso3", "string", "ISO3 of the deploying state, if a single state.", **ISO3),
            F("host", "string", "Where.", required=True),
            F("host_iso3", "string", "ISO3 of the host, if a single country.", **ISO3),
            F("date", "string", "Date of the fact (YYYY-MM-DD; see date_precision).", **DATE),
            F("date_precision", "string", "day, month or year.", **PRECISION),
            F("year", "integer", "Year of date.", **YEAR),
            F("measure", "string", "What value counts.", required=True,
              enum=["troops", "troops_added", "troops_involved_total", "troops_authorised", "police_authorised",
                    "troops_withdrawn", "deaths", "deaths_cumulative", "governments", "end"]),
            F("value", "integer", "The number (empty for end rows).", "persons (governments for measure governments)", minimum=0),
            F("event", "string", "What happened, in short.", required=True),
            SOURCE(), F("facts_section", "string", "Section of the course fact sheet the row was taken from."),
            FLAG(["", "estimate"]),
        ],
        "primaryKey": ["mission", "host", "date", "measure"], "licenses": LIC["facts"], "source_ids": [],
        "raw": ["raw/facts/sahel.csv"],
    },
    "counter_isis_coalition": {
        "title": "Global Coalition to Defeat ISIS: number of members over time",
        "description": (
            "Member count of the Global Coalition (states plus organisations such as the EU, NATO, the Arab League, INTERPOL), "
            "one row per verified statement. For a by-year series take the last row of each year (members only ever grew in this "
            "period). The 87th member's joining date was not found and is not included."),
        "fields": [
            F("date", "string", "Date of the count (YYYY-MM-DD; see date_precision).", **DATE),
            F("date_precision", "string", "day, month or year.", **PRECISION),
            F("year", "integer", "Year of date.", **YEAR),
            F("members", "integer", "Number of members (states and organisations).", "members", required=True, minimum=0),
            F("note", "string", "Who joined / where the count was given."),
            SOURCE(), F("facts_section", "string", "Section of the course fact sheet."),
            FLAG(["", "estimate"]),
        ],
        "primaryKey": ["date"], "licenses": LIC["facts"], "source_ids": [], "raw": ["raw/facts/counter_isis_coalition.csv"],
    },
    "designations": {
        "title": "Terrorist designations of Hezbollah, Iranian state organs and far-right groups, by government",
        "description": (
            "One row per government x group x measure, each with its source and a date checked against it. scope says whether "
            "the whole organisation or only a wing was covered (e.g. the EU lists Hezbollah's 'military wing' only). "
            "COVERAGE RULE. Which measures count: a legal act by a government (or the EU) that lists, designates, proscribes or "
            "bans a group as terrorist or bans its activity: U.S. Foreign Terrorist Organization (FTO) and Specially Designated "
            "Global Terrorist (SDGT, E.O. 13224) designations; UK proscription under the Terrorism Act 2000; Canada's Criminal "
            "Code list of terrorist entities; Australia's Criminal Code listing; New Zealand's designation under the Terrorism "
            "Suppression Act; the EU terrorist list (Common Position 931); national bans (Germany's activity ban on Hezbollah), "
            "registries (Argentina's RePET), entry bans (Baltic states) and bans on a group's symbols (Austria's Symbols "
            "Act); and one stated national policy that treats "
            "Hezbollah as one organisation (the Netherlands, 2004, which has no national list of its own). Not rows: individuals, "
            "names added as aliases of a group already listed (UK: Scottish Dawn and NS131, Sep 2017; System Resistance Network, "
            "Feb 2020, all aliases of National Action), sanctions that are not terrorism listings, revocations and expiries "
            "(a row records when a measure began; where only a government's decision is dated, as for Austria in May 2021, "
            "the row carries that date and action says so). far_right rows: complete for the five governments of lesson 07 (United "
            "States, United Kingdom, Canada, Australia, New Zealand) from the first listing (UK, National Action, Dec 2016) to "
            "31 Dec 2024; later rows are kept where they were checked (U.S. Terrorgram Collective, Jan 2025) but 2025 is not "
            "complete (other governments listed further groups in 2025), so questions stop at 2024. hezbollah rows: every "
            "national measure found for the governments lesson 06 names or compares (its PEERS: AUS, AUT, BEL, CAN, DEU, DNK, ESP, "
            "FIN, FRA, GBR, ITA, NLD, NOR, SWE, USA), plus the EU, Argentina and the Baltic states and Slovenia of 2020; a peer "
            "without a row had no national measure of its own that the course could find (it applies the EU listing where it "
            "is an EU member). Measures by other governments are outside the coverage and are not rows. iran_state rows: the "
            "EU's 2019 listing of an Iranian intelligence directorate and the IRGC listings by the United States (2019) and "
            "Canada (2024); IRGC measures of other governments are not rows. Dates: an act's date of entry into force where known, otherwise the announcement (action "
            "says which); date_precision month or year where only that is known (stored as the 1st of the month, or 1 Jan)."),
        "fields": [
            F("jurisdiction", "string", "Designating government or union.", required=True),
            F("jurisdiction_iso3", "string", "ISO3 of the designating state (empty for the EU).", **ISO3),
            F("group", "string", "Designated group.", required=True),
            F("group_type", "string", "hezbollah, far_right or iran_state.", required=True, enum=["hezbollah", "far_right", "iran_state"]),
            F("scope", "string", "What was designated (entire organisation, military wing, ...).", required=True),
            F("action", "string", "Legal action taken.", required=True),
            F("date", "string", "Date (YYYY-MM-DD; see date_precision).", **DATE),
            F("date_precision", "string", "day, month or year.", **PRECISION),
            F("year", "integer", "Year of date.", **YEAR),
            SOURCE(), F("facts_section", "string", "Section of the course fact sheet."),
            FLAG([""]),
        ],
        "primaryKey": ["jurisdiction", "group", "scope", "date"], "licenses": LIC["facts"], "source_ids": [],
        "raw": ["raw/facts/designations.csv"],
    },
    "events": {
        "title": "Timeline of key events, 2001-2025",
        "description": (
            "Dated events the lessons refer to (verified facts only), one row each, with a category. category nato_accession "
            "gives NATO accession dates used in the burden-sharing lessons (only Montenegro, 5 Jun 2017, falls inside the NATO "
            "2012-2019 release); the memberships table has the accession date of every ally. The attack on the U.S. "
            "Capitol of 6 Jan 2021 is filed under far_right_attack because leaders of two far-right groups (Proud Boys, "
            "Oath Keepers) were convicted of seditious conspiracy for their part and allies cited it when listing the "
            "Proud Boys; most people charged had no tie to such groups, so the classification is contested (lesson 07 "
            "explains it). The pardons of 20 Jan 2025 are a legal act (us_law), not an attack."),
        "fields": [
            F("date", "string", "Date (YYYY-MM-DD; see date_precision).", **DATE),
            F("date_precision", "string", "day, month or year.", **PRECISION),
            F("year", "integer", "Year of date.", **YEAR),
            F("category", "string", "Topic of the event.", required=True,
              enum=["afghanistan", "far_right_attack", "iran_plot", "iraq", "isis", "nato", "nato_accession", "sahel",
                    "syria", "us_law", "us_strategy"]),
            F("event", "string", "What happened.", required=True),
            F("value", "integer", "A number attached to the event, if any (see unit).", minimum=0),
            F("unit", "string", "Unit of value (deaths, troops, allies, ...)."),
            SOURCE(), F("facts_section", "string", "Section of the course fact sheet."),
            FLAG([""]),
        ],
        "primaryKey": ["date", "category", "event"], "licenses": LIC["facts"], "source_ids": [],
        "raw": ["raw/facts/events.csv"],
    },
    "memberships": {
        "title": "Members of NATO and the G5 Sahel, with the dates they joined and left",
        "description": (
            "One row per state and membership spell. NATO: all 32 allies with the date each joined; the 12 founders carry "
            "4 Apr 1949, the signature of the North Atlantic Treaty (the date NATO's member-country page gives; the treaty "
            "entered into force on 24 Aug 1949), every later ally the date its instrument of accession was deposited with the "
            "U.S. government. No ally has left (left empty); Germany joined as West Germany (6 May 1955) and reunified Germany "
            "continued that membership from 3 Oct 1990. Dates checked against NATO, White House and State Department copies "
            "(the day of Spain's and the 2004 accessions against copies of NATO's text and press reports; see "
            "datasets/raw/nato_membership/PROVENANCE.md). G5 Sahel: the five founders of 16 Feb 2014 and the date each left: "
            "Mali 15 May 2022, Burkina Faso and Niger 29 Nov 2023 (effective date; announced 2 Dec 2023), Chad and Mauritania "
            "6 Dec 2023 (the day they announced the dissolution); verified facts of the course fact sheet only. A state is a "
            "member in a year if it joined on or before 31 Dec of that year and had not left before 1 Jan of it."),
        "fields": [
            F("group", "string", "The organisation.", required=True, enum=["G5 Sahel", "NATO"]),
            F("iso3", "string", "Member state (ISO3).", **ISO3_REQ),
            F("country", "string", "Member state (name).", required=True),
            F("joined", "string", "Date the state became a member (YYYY-MM-DD).", **DATE),
            F("left", "string", "Date it stopped being a member (YYYY-MM-DD); empty if still a member.",
              pattern=r"^(\d{4}-\d{2}-\d{2})?$"),
            SOURCE(),
            F("left_source_id", "string", "Source of the left date (sources.csv); empty if left is empty.",
              pattern="^([a-z0-9_]+)?$"),
            F("note", "string", "What the dates mean for this state."),
            FLAG([""]),
        ],
        "primaryKey": ["group", "iso3", "joined"], "licenses": LIC["facts"],
        "source_ids": ["nato_member_countries", "nato_2012_02_18", "nato_2015_06_03", "whitehouse_1999_04_23",
                       "state_2009_04_01", "nato_montenegro_2017", "nato_2020_03_27", "state_2023_04_04",
                       "state_2024_03_07", "g5sahel_2014", "mali_gov_2022_05_15", "g5sahel_2023_12"],
        "raw": ["raw/nato_membership/", "raw/facts/g5_sahel_membership.csv"],
    },
    "sources": {
        "title": "Sources: source_id -> citation, author, title, date, publisher, URL, licence",
        "description": ("Every source_id used in the other tables (and cited by the lessons), with the full citation, its parts "
                        "(author, title, date, publisher), a public URL or the reason there is none, licence/terms and a note. "
                        "Where a number was parsed from a primary source by a third party, the citation names that third party."),
        "fields": [
            F("source_id", "string", "Identifier used in the source_id columns.", required=True, pattern="^[a-z0-9_]+$"),
            F("short", "string", "Short label for charts."),
            F("citation", "string", "Full citation.", required=True),
            F("author", "string", "Person(s) or body that wrote or issued the text (empty when the publisher is the author)."),
            F("title", "string", "Title of the document, page, article or dataset (a description in brackets when untitled)."),
            F("publisher", "string", "Original publisher."),
            F("date", "string", "Date of the source: YYYY, YYYY-MM or YYYY-MM-DD, or a range 'start/end' for a series.",
              pattern=r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$"),
            F("url", "string", "Public URL of the source or of the copy that was checked; empty when there is none."),
            F("no_url_reason", "string", "Why there is no URL (empty when url is given)."),
            F("licence", "string", "Licence or terms of use."),
            F("note", "string", "Caveats."),
        ],
        "primaryKey": ["source_id"], "licenses": LIC["course"], "source_ids": [], "raw": ["raw/sources.csv", "raw/facts/sources.csv"],
    },
}
for _k, _v in RESOURCES.items():
    _v["path"] = f"{_k}.csv"


def datapackage(rows: dict[str, int]) -> dict:
    resources = []
    for name, r in RESOURCES.items():
        res = {
            "name": name, "path": r["path"], "profile": "tabular-data-resource", "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "title": r["title"], "description": r["description"],
            "rows": rows[name],
            "schema": {"fields": r["fields"], "primaryKey": r["primaryKey"], "missingValues": [""]},
            "licenses": r["licenses"],
            "sources": ([{"title": f"sources.csv: {s}", "path": "sources.csv"} for s in r["source_ids"]]
                        or [{"title": "one source per row: see source_id and sources.csv", "path": "sources.csv"}]),
            "raw_files": r["raw"],
        }
        resources.append(res)
    return {
        "profile": "tabular-data-package",
        "name": "allies-after-911-datasets",
        "title": "Allies After 9/11: course datasets",
        "description": ("Tables for the course 'Allies After 9/11' on post-9/11 U.S. counterterrorism and allied burden-sharing. "
                        "Built by datasets/build from the raw files in datasets/raw (each with its PROVENANCE.md). Every row has "
                        "a source_id (see sources.csv) and a flag (see flags)."),
        "version": "0.1.0",
        "licenses": [{"name": "other-at", "title": "Each resource under its sources' terms: see each resource's licenses"}],
        "flags": FLAGS,
        "resources": resources,
    }


def codebook(pkg: dict, sources) -> str:
    """The datasets/README.md codebook, generated from the data package (do not edit the README by hand)."""
    out = ["# Course datasets: codebook", "",
           "<!-- Generated by `python -m datasets.build` from datapackage.json. Do not edit by hand. -->", "",
           pkg["description"], "",
           "Load them in a notebook with `from course_utils import data; data.load(\"us_troops_abroad\")`.", "",
           "Row order: `load` returns every table sorted by its primary key (given under each table below), whatever "
           "the order of the file, so an answer never depends on row order. Sort explicitly when a question asks for "
           "an order (e.g. by date).", "",
           "## Flags", "", *codebook_table(pkg["flags"])]
    out += ["", "## Tables", "", "| table | rows | title |", "| --- | --- | --- |"]
    for r in pkg["resources"]:
        out.append(f"| [`{r['name']}`](#{r['name']}) | {r['rows']} | {r['title']} |")
    for r in pkg["resources"]:
        out += ["", f"## {r['name']}", "", f"**{r['title']}** — file `{r['path']}`, {r['rows']} rows, primary key "
                f"({', '.join(r['schema']['primaryKey'])}).", "", r["description"], "",
                "| column | type | unit | description | constraints |", "| --- | --- | --- | --- | --- |"]
        for f in r["schema"]["fields"]:
            cons = "; ".join(f"{k}={v}" for k, v in f.get("constraints", {}).items()).replace("|", "\\|")
            out.append(f"| `{f['name']}` | {f['type']} | {f.get('unit', '')} | {f['description']} | {cons} |")
        out += ["", "Licence: " + "; ".join(l["title"] for l in r["licenses"]), "",
                "Raw files: " + ", ".join(f"`datasets/{p}`" for p in r["raw_files"])]
    out += ["", "## Sources", "", "| source_id | citation | licence |", "| --- | --- | --- |"]
    for s in sources.itertuples():
        where = f" {s.url}" if s.url else f" (no URL: {s.no_url_reason})"
        out.append(f"| `{s.source_id}` | {s.citation}{where} | {s.licence} |")
    out += ["", "IISS attribution: the `allied_deployments` numbers are from The International Institute for Strategic "
            "Studies, *The Military Balance* (annual editions), as extracted by the Military Deployment Index project "
            "(www.mdi.ras-nsa.ca).", ""]
    return "\n".join(out)
