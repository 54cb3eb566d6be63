"""events: timeline of the events the lessons refer to, 2001-2025 (course fact sheet)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..columns import year_of
from ..schema import DATED, F, FACTS_LICENCE, FLAG, SOURCE
from ..table import BuildContext, Table


def build(ctx: BuildContext) -> pd.DataFrame:
    f = ctx.read("facts/events.csv", keep_default_na=False)
    return pd.DataFrame({
        "date": f.date, "date_precision": f.date_precision, "year": year_of(f.date), "category": f.category,
        "event": f.event, "value": pd.to_numeric(f.value.replace("", np.nan)).astype("Int64"), "unit": f.unit,
        "source_id": f.source_id, "facts_section": f.facts_section, "flag": "",
    })


TABLE = Table(
    name="events",
    title="Timeline of key events, 2001-2025",
    description=(
        "Dated events the lessons refer to (verified facts only), one row each, with a category. category nato_accession "
        "gives NATO accession dates used in the burden-sharing lessons (only Montenegro, 5 Jun 2017, falls inside the NATO "
        "2012-2019 release); the memberships table has the accession date of every ally. The attack on the U.S. "
        "Capitol of 6 Jan 2021 is filed under far_right_attack because leaders of two far-right groups (Proud Boys, "
        "Oath Keepers) were convicted of seditious conspiracy for their part and allies cited it when listing the "
        "Proud Boys; most people charged had no tie to such groups, so the classification is contested (lesson 07 "
        "explains it). The pardons of 20 Jan 2025 are a legal act (us_law), not an attack."),
    fields=[
        *DATED(),
        F("category", "string", "Topic of the event.", required=True,
          enum=["afghanistan", "far_right_attack", "iran_plot", "iraq", "isis", "nato", "nato_accession", "sahel",
                "syria", "us_law", "us_strategy"]),
        F("event", "string", "What happened.", required=True),
        F("value", "integer", "A number attached to the event, if any (see unit).", minimum=0),
        F("unit", "string", "Unit of value (deaths, troops, allies, ...)."),
        SOURCE(), F("facts_section", "string", "Section of the course fact sheet."),
        FLAG([""]),
    ],
    primary_key=["date", "category", "event"],
    licenses=FACTS_LICENCE,
    source_ids=[],
    raw=["raw/facts/events.csv"],
    build=build,
)
