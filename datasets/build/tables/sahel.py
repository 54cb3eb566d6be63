"""sahel: deployments in the Sahel over time, one row per verified fact of the course fact sheet."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..columns import year_of
from ..schema import DATED, F, FACTS_LICENCE, FLAG, ISO3, SOURCE
from ..table import BuildContext, Table


def build(ctx: BuildContext) -> pd.DataFrame:
    f = ctx.read("facts/sahel.csv", keep_default_na=False)
    return pd.DataFrame({
        "mission": f.mission, "actor": f.actor, "actor_iso3": f.actor_iso3, "host": f.host,
        "host_iso3": f.host_iso3, "date": f.date, "date_precision": f.date_precision, "year": year_of(f.date),
        "measure": f.measure, "value": pd.to_numeric(f.value.replace("", np.nan)).astype("Int64"),
        "event": f.event, "source_id": f.source_id, "facts_section": f.facts_section,
        "flag": np.where(f.approximate == "true", "estimate", ""),
    })


TABLE = Table(
    name="sahel",
    title="Deployments in the Sahel over time: Serval, Barkhane, Takuba, MINUSMA, U.S. forces in Niger",
    description=(
        "One row per verified fact (course fact sheet, V or corrected only), each with its own source: troop levels, "
        "authorised ceilings, deaths and start/end dates. measure says what value counts (troops, troops_added, "
        "troops_authorised, police_authorised, troops_withdrawn, deaths, deaths_cumulative, governments; start and "
        "end rows have no value). Figures are for different dates and definitions: plot them as points."),
    fields=[
        F("mission", "string", "Mission or presence.", required=True),
        F("actor", "string", "Who deploys (state, UN, group of governments).", required=True),
        F("actor_iso3", "string", "ISO3 of the deploying state, if a single state.", **ISO3),
        F("host", "string", "Where.", required=True),
        F("host_iso3", "string", "ISO3 of the host, if a single country.", **ISO3),
        *DATED("Date of the fact"),
        F("measure", "string", "What value counts.", required=True,
          enum=["troops", "troops_added", "troops_authorised", "police_authorised", "troops_withdrawn", "deaths",
                "deaths_cumulative", "governments", "start", "end"]),
        F("value", "integer", "The number (empty for start and end rows).", "persons (governments for measure governments)", minimum=0),
        F("event", "string", "What happened, in short.", required=True),
        SOURCE(), F("facts_section", "string", "Section of the course fact sheet the row was taken from."),
        FLAG(["", "estimate"]),
    ],
    primary_key=["mission", "host", "date", "measure"],
    licenses=FACTS_LICENCE,
    source_ids=[],
    raw=["raw/facts/sahel.csv"],
    build=build,
    country_columns=("actor_iso3", "host_iso3"),
)
