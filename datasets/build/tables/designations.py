"""designations: terrorist designations of Hezbollah, Iranian state organs and far-right groups, by government."""
from __future__ import annotations

import pandas as pd

from ..columns import year_of
from ..schema import DATED, F, FACTS_LICENCE, FLAG, ISO3, SOURCE
from ..table import BuildContext, Table


def build(ctx: BuildContext) -> pd.DataFrame:
    f = ctx.read("facts/designations.csv", keep_default_na=False)
    if set(f.check) - {"V", "corrected", "checked"}:
        raise ctx.error("check must be V, corrected or checked", file="datasets/raw/facts/designations.csv",
                        column="check", value=sorted(set(f.check) - {"V", "corrected", "checked"})[0])
    out = f.drop(columns=["check"]).copy()
    out.insert(out.columns.get_loc("date_precision") + 1, "year", year_of(f.date))
    out["flag"] = ""
    return out


TABLE = Table(
    name="designations",
    title="Terrorist designations of Hezbollah, Iranian state organs and far-right groups, by government",
    description=(
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
        "(a row records when a measure began: the date it took effect, e.g. Austria's 2021 extension on 28 Jul 2021, "
        "not the government's decision of 12 May 2021, which action names; where only a decision is dated, the row "
        "carries that date and action says so). far_right rows: complete for the five governments of lesson 07 (United "
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
    fields=[
        F("jurisdiction", "string", "Designating government or union.", required=True),
        F("jurisdiction_iso3", "string", "ISO3 of the designating state (empty for the EU).", **ISO3),
        F("group", "string", "Designated group.", required=True),
        F("group_type", "string", "hezbollah, far_right or iran_state.", required=True, enum=["hezbollah", "far_right", "iran_state"]),
        F("scope", "string", "What was designated (entire organisation, military wing, ...).", required=True),
        F("action", "string", "Legal action taken.", required=True),
        *DATED(),
        SOURCE(), F("facts_section", "string", "Section of the course fact sheet."),
        FLAG([""]),
    ],
    primary_key=["jurisdiction", "group", "scope", "date"],
    licenses=FACTS_LICENCE,
    source_ids=[],
    raw=["raw/facts/designations.csv"],
    build=build,
    country_columns=("jurisdiction_iso3",),
)
