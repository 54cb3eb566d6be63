"""counter_isis_coalition: members of the Global Coalition to Defeat ISIS over time (course fact sheet)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..columns import year_of
from ..schema import DATED, F, FACTS_LICENCE, FLAG, SOURCE
from ..table import BuildContext, Table


def build(ctx: BuildContext) -> pd.DataFrame:
    f = ctx.read("facts/counter_isis_coalition.csv", keep_default_na=False)
    approx = f.date_precision != "day"
    return pd.DataFrame({
        "date": f.date, "date_precision": f.date_precision, "year": year_of(f.date), "members": f.members.astype(int),
        "note": f.note, "source_id": f.source_id, "facts_section": f.facts_section,
        "flag": np.where(approx, "estimate", ""),
    })


TABLE = Table(
    name="counter_isis_coalition",
    title="Global Coalition to Defeat ISIS: number of members over time",
    description=(
        "Member count of the Global Coalition (states plus organisations such as the EU, NATO, the Arab League, INTERPOL), "
        "one row per verified statement. For a by-year series take the last row of each year (members only ever grew in this "
        "period). The 87th member's joining date was not found and is not included."),
    fields=[
        *DATED("Date of the count"),
        F("members", "integer", "Number of members (states and organisations).", "members", required=True, minimum=0),
        F("note", "string", "Who joined / where the count was given."),
        SOURCE(), F("facts_section", "string", "Section of the course fact sheet."),
        FLAG(["", "estimate"]),
    ],
    primary_key=["date"],
    licenses=FACTS_LICENCE,
    source_ids=[],
    raw=["raw/facts/counter_isis_coalition.csv"],
    build=build,
)
