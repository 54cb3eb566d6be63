"""defence_spending: defence spending of NATO allies and the G5 Sahel (NATO 2019 and 2025 releases, SIPRI 2022)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import names
from ..schema import F, FLAG, ISO3_REQ, SOURCE
from ..table import BuildContext, Table


NATO2019_INDICATORS = {
    "Defense expenditure (USD, current prices)": ("defence_expenditure_usd_current", "US$, current prices and exchange rates"),
    "Defense expenditure (USD, 2015 prices)": ("defence_expenditure_usd_2015", "US$, 2015 prices and exchange rates"),
    "Defense expenditure (% real GDP)": ("defence_share_gdp", "% of GDP (real terms, 2015 prices)"),
    "Defense expenditure annual real change (% GDP)": ("defence_expenditure_real_change", "% change on previous year, real terms"),
    "Real GDP (2015 prices)": ("gdp_usd_2015", "US$, 2015 prices and exchange rates"),
    "GDP per capita (USD)": ("gdp_per_capita_usd_2015", "US$ per person, 2015 prices"),
    "Defence expenditure per capita (USD)": ("defence_expenditure_per_capita_usd_2015", "US$ per person, 2015 prices"),
    "Military personnel": ("military_personnel", "persons"),
    "Equipment expenditure (%)": ("equipment_share", "% of defence expenditure"),
    "Personnel expenditure (%)": ("personnel_share", "% of defence expenditure"),
    "Infrastructure expenditure (%)": ("infrastructure_share", "% of defence expenditure"),
    "Other expenditure (%)": ("other_share", "% of defence expenditure"),
}
SIPRI_INDICATORS = {
    "military_expenditure": ("milex_usd_2019", "US$, constant 2019 prices"),
    "military_expenditure_share_gdp": ("milex_share_gdp", "% of GDP"),
    "military_expenditure_per_capita": ("milex_per_capita_usd_2019", "US$ per person, constant 2019 prices"),
}


def build(ctx: BuildContext) -> pd.DataFrame:
    parts = []
    n19 = ctx.read("nato_defexp_2012_2019/nato_defence_expenditure_2012_2019.csv")
    long = n19.melt(id_vars=["country_stanag", "year"], var_name="col", value_name="value")
    long["indicator"] = long.col.map(lambda c: NATO2019_INDICATORS[c][0])
    long["unit"] = long.col.map(lambda c: NATO2019_INDICATORS[c][1])
    long["iso3"] = long.country_stanag
    long["release"] = "nato_2019_06"
    long["source_id"] = "nato_2019"
    long["flag"] = np.where(long.year >= 2018, "estimate", "")
    parts.append(long)

    n25 = ctx.read("nato_defexp_pct_gdp_2014_2024/defence_per.csv")
    n25 = n25[n25.Country.isin(names.NATO_SIPRI_NAMES)]  # drops the two NATO aggregates
    long = n25.melt(id_vars=["Country"], var_name="y", value_name="value")
    long["year"] = long.y.str.slice(0, 4).astype(int)
    long["iso3"] = long.Country.map(names.NATO_SIPRI_NAMES)
    long["indicator"] = "defence_share_gdp"
    long["unit"] = "% of GDP (real terms, 2021 prices)"
    long["release"] = "nato_2025_08"
    long["source_id"] = "nato_2025"
    long["flag"] = np.where(long.y.str.endswith("e"), "estimate", "transcribed")
    parts.append(long)

    sp = ctx.read("sipri_milex_owid/sipri_milex_owid_subset_nato_g5sahel_1990_2020.csv")
    sp = sp[sp.Entity.isin(names.NATO_SIPRI_NAMES)]  # drops OWID's 'NATO members' aggregate
    long = sp.melt(id_vars=["Entity", "Year"], var_name="col", value_name="value")
    long["year"] = long.Year
    long["iso3"] = long.Entity.map(names.NATO_SIPRI_NAMES)
    long["indicator"] = long.col.map(lambda c: SIPRI_INDICATORS[c][0])
    long["unit"] = long.col.map(lambda c: SIPRI_INDICATORS[c][1])
    long["release"] = "sipri_2022"
    long["source_id"] = "sipri_2022"
    long["flag"] = ""
    parts.append(long)

    df = pd.concat(parts, ignore_index=True)
    df.loc[df.value.isna(), "flag"] = "not_reported"
    df["country"] = [ctx.name_for(i, i) for i in df.iso3]
    df["year"] = df.year.astype(int)
    return df


TABLE = Table(
    name="defence_spending",
    title="Defence spending of NATO allies and the G5 Sahel: NATO 2019 release, NATO 2025 release (% GDP), SIPRI 2022",
    description=(
        "Long format: one row per country x year x indicator x release. Three releases, never to be spliced: release "
        "nato_2019_06 (NATO PR/CP(2019)069, all tables, 29 allies 2012-2019 in 2015 prices; 2018-2019 NATO estimates; "
        "'defence_expenditure_real_change' is NATO's annual real change of defence spending, mislabelled in the passport "
        "package); nato_2025_08 (NATO Aug 2025 Table 3, % of GDP 2014-2024 in 2021 prices, an unofficial transcription, "
        "flag transcribed; 2024 is an estimate; NATO aggregates left out); sipri_2022 (SIPRI, NATO members + G5 Sahel "
        "1990-2020, constant 2019 US$; SIPRI's definition is broader than NATO's; OWID's 'NATO members' aggregate left out). "
        "NATO membership: the NATO 2019 release lists Montenegro for every year although it joined on 5 Jun 2017 (see the "
        "memberships table); the other 28 allies of that release were members in all of 2012-2019. "
        "Iceland has no armed forces (missing defence values)."),
    fields=[
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
    primary_key=["iso3", "year", "indicator", "release"],
    licenses=[{"name": "other-at", "title": "NATO press releases: public, reuse with attribution to NATO (no formal open licence)"},
              {"name": "other-nc", "title": "SIPRI Military Expenditure Database: non-commercial use of < 10% of the database with credit to SIPRI"}],
    source_ids=["nato_2019", "nato_2025", "sipri_2022"],
    raw=["raw/nato_defexp_2012_2019/", "raw/nato_defexp_pct_gdp_2014_2024/", "raw/sipri_milex_owid/"],
    build=build,
    country_columns=("iso3",),
)
