"""memberships: members of NATO and the G5 Sahel with the dates they joined and left."""
from __future__ import annotations

import pandas as pd

from ..schema import DATE, F, FACTS_LICENCE, FLAG, ISO3_REQ, SOURCE
from ..table import BuildContext, Table


def build(ctx: BuildContext) -> pd.DataFrame:
    nato = ctx.read("nato_membership/nato_members.csv", keep_default_na=False)
    g5 = ctx.read("facts/g5_sahel_membership.csv", keep_default_na=False)
    if set(g5.check) - {"V", "corrected"}:
        raise ctx.error("G5 Sahel rows must be V or corrected facts", file="datasets/raw/facts/g5_sahel_membership.csv",
                        column="check", value=sorted(set(g5.check) - {"V", "corrected"})[0])
    parts = [
        pd.DataFrame({"group": "NATO", "iso3": nato.iso3, "joined": nato.joined, "left": "",
                      "source_id": nato.source_id, "left_source_id": "", "note": nato.note}),
        pd.DataFrame({"group": "G5 Sahel", "iso3": g5.iso3, "joined": g5.joined, "left": g5.left,
                      "source_id": g5.source_id, "left_source_id": g5.left_source_id, "note": g5.note}),
    ]
    df = pd.concat(parts, ignore_index=True)
    df["country"] = [ctx.name_for(i, i) for i in df.iso3]
    df["flag"] = ""
    return df


TABLE = Table(
    name="memberships",
    title="Members of NATO and the G5 Sahel, with the dates they joined and left",
    description=(
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
    fields=[
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
    primary_key=["group", "iso3", "joined"],
    licenses=FACTS_LICENCE,
    source_ids=["nato_member_countries", "nato_2012_02_18", "nato_2015_06_03", "whitehouse_1999_04_23",
                   "state_2009_04_01", "nato_montenegro_2017", "nato_2020_03_27", "state_2023_04_04",
                   "state_2024_03_07", "g5sahel_2014", "mali_gov_2022_05_15", "g5sahel_2023_12"],
    raw=["raw/nato_membership/", "raw/facts/g5_sahel_membership.csv"],
    build=build,
    country_columns=("iso3",),
)
