"""allied_deployments: allied troop deployments by contributor, mission and host, 2014-2021 (IISS via MDI)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import names
from ..schema import F, FLAG, ISO3, ISO3_REQ, SOURCE
from ..table import BuildContext, Table


def build(ctx: BuildContext) -> pd.DataFrame:
    d = ctx.read("coalition_deployments_mdi_iiss/MDVA_Deployments.csv", keep_default_na=False)
    d = d.drop_duplicates()  # one exact duplicate row (USA, Greece, 2015) in the source
    d["mission"] = d["MissionName"].replace(names.MISSION_FIXES)
    d.loc[d["MissionType"] == "MilitaryPresence", "mission"] = "(military presence)"
    d["mission_type"] = d["MissionType"].map({"Operation": "operation", "MilitaryPresence": "military_presence"})
    keys = ["Country", "Year", "mission_type", "mission", "Theatre"]
    n = d.groupby(keys)["Deployed"].transform("size")
    g = (d.assign(Deployed=d["Deployed"].astype(int))
         .groupby(keys, as_index=False)
         .agg(troops=("Deployed", "sum"), organisation=("Organisation", "first")))
    g = g.merge(d.assign(n=n)[keys + ["n"]].drop_duplicates(keys), on=keys)
    out = pd.DataFrame({
        "contributor_iso3": g["Country"], "contributor": [ctx.name_for(i, i) for i in g["Country"]],
        "year": g["Year"].astype(int), "mission": g["mission"], "mission_type": g["mission_type"],
        "organisation": g["organisation"], "host": g["Theatre"], "host_iso3": g["Theatre"].map(names.THEATRE_ISO3).fillna(""),
        "troops": g["troops"], "source_id": "mdi_iiss", "flag": np.where(g["n"] > 1, "summed", ""),
    })
    return out


TABLE = Table(
    name="allied_deployments",
    title="Allied troop deployments by contributor, mission and host, 2014-2021 (IISS, The Military Balance)",
    description=(
        "Personnel deployed abroad by 33 states (NATO members except Iceland, plus Australia, New Zealand, Japan and South "
        "Korea), by mission and host theatre, one figure per year. Numbers: International Institute for Strategic Studies "
        "(IISS), The Military Balance, as extracted by the Military Deployment Index project (Massie, Tallova, Dohnany & "
        "Bajnokova 2022). Attribute IISS whenever you show these numbers. IISS figures are annual snapshots (about November), "
        "rounded and often authorised strengths. mission_type military_presence = permanent stationing (e.g. U.S. forces in "
        "Japan). Sum over missions per host before comparing with DMDC or CRS figures."),
    fields=[
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
    primary_key=["contributor_iso3", "year", "mission_type", "mission", "host"],
    licenses=[{"name": "other-closed", "title": "Numbers from IISS, The Military Balance (copyrighted); reduced extract via the MIT-licensed Military Deployment Index repository; attribute IISS and the MDI project; redistribution to be confirmed with the course owner"}],
    source_ids=["mdi_iiss"],
    raw=["raw/coalition_deployments_mdi_iiss/"],
    build=build,
    attribution=("IISS attribution: the `allied_deployments` numbers are from The International Institute for Strategic "
                 "Studies, *The Military Balance* (annual editions), as extracted by the Military Deployment Index project "
                 "(www.mdi.ras-nsa.ca)."),
    country_columns=("contributor_iso3", "host_iso3"),
)
