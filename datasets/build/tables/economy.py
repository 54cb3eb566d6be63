"""economy: GDP and population by country and year (World Bank), for every country of the other tables."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import names
from ..schema import F, FLAG, ISO3_REQ, SOURCE
from ..table import EVERY_TABLE_WITH_COUNTRIES, BuildContext, Table

# foreign_fighters takes its population from this table, so it is built after it: its countries are read from its raw
# file instead (with the same code fixes).
FOREIGN_FIGHTERS_RAW = "icsr_foreign_fighters/icsr.csv"


def countries_needed(ctx: BuildContext) -> set[str]:
    """Every ISO3 code in the country columns of the tables built before this one, and foreign_fighters' codes."""
    needed = set(ctx.read(FOREIGN_FIGHTERS_RAW).countrycode.replace(names.CODE_FIXES))
    for name, df in ctx.built.items():
        for col in ctx.declared[name].country_columns:
            needed |= {x for x in df[col].dropna() if isinstance(x, str) and len(x) == 3}
    return needed


def build(ctx: BuildContext) -> pd.DataFrame:
    gdp = ctx.read("wb_gdp_population/gdp.csv").rename(columns={"Country Code": "iso3", "Year": "year", "Value": "gdp_usd"})
    pop = ctx.read("wb_gdp_population/population.csv").rename(
        columns={"Country Code": "iso3", "Year": "year", "Value": "population"})
    df = pop[["iso3", "year", "population"]].merge(gdp[["iso3", "year", "gdp_usd"]], on=["iso3", "year"], how="outer")
    df = df[df.iso3.isin(countries_needed(ctx))].copy()
    df["country"] = [ctx.name_for(i, i) for i in df.iso3]
    df["population"] = df["population"].round().astype("Int64")
    df["source_id"] = "wb_wdi"
    df["flag"] = np.where(df.gdp_usd.isna() | df.population.isna(), "not_reported", "")
    return df


TABLE = Table(
    name="economy",
    title="GDP (current US$) and population by country and year (World Bank)",
    description=(
        "World Bank World Development Indicators, for every country that appears in the other tables (1960-2024). GDP is "
        "nominal (current US$ at market exchange rates): fine for within-year comparisons (shares, ranks), not for growth. "
        "Taiwan and historical entities have no World Bank rows."),
    fields=[
        F("iso3", "string", "Country (ISO3; Kosovo = XKX, Palestine = PSE).", **ISO3_REQ),
        F("country", "string", "Country name.", required=True),
        F("year", "integer", "Calendar year.", required=True, minimum=1960, maximum=2024),
        F("gdp_usd", "number", "GDP, current US$ (NY.GDP.MKTP.CD); missing when not reported.", "US$ (current)", minimum=0),
        F("population", "integer", "Population, total (SP.POP.TOTL); missing when not reported.", "persons", minimum=0),
        SOURCE(), FLAG(["", "not_reported"]),
    ],
    primary_key=["iso3", "year"],
    licenses=[{"name": "CC-BY-4.0", "title": "World Bank World Development Indicators (CC BY 4.0)",
               "path": "https://creativecommons.org/licenses/by/4.0/"}],
    source_ids=["wb_wdi"],
    raw=["raw/wb_gdp_population/"],
    reads_also=["raw/" + FOREIGN_FIGHTERS_RAW],
    build=build,
    country_columns=("iso3",),
    needs=EVERY_TABLE_WITH_COUNTRIES,
)
