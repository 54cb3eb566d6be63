"""foreign_fighters: foreign fighters in Syria/Iraq by country of origin (ICSR, Dec 2013 and Jan 2015), with population."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .. import names
from ..schema import DATE, F, FLAG, ISO3_REQ, SOURCE
from ..table import BuildContext, Table


def build(ctx: BuildContext) -> pd.DataFrame:
    i = ctx.read("icsr_foreign_fighters/icsr.csv")
    i["iso3"] = i.countrycode.replace(names.CODE_FIXES)
    i["as_of"] = pd.to_datetime(i["icsr.date"].astype(str), format="%Y%m%d").dt.strftime("%Y-%m-%d")
    i["population_year"] = np.where(i["icsr.date"] == 20131217, 2013, 2014)
    i["source_id"] = np.where(i["icsr.date"] == 20131217, "icsr_2013", "icsr_2015")
    pop = ctx.frame("economy")[["iso3", "year", "population"]].rename(columns={"year": "population_year"})
    i = i.merge(pop, on=["iso3", "population_year"], how="left")
    i["flag"] = ""
    i.loc[i["icsr.mean"].isna(), "flag"] = "not_reported"
    i.loc[i["icsr.low"] > i["icsr.high"], "flag"] = "source_issue"
    return pd.DataFrame({
        "iso3": i.iso3, "country": [ctx.name_for(a, b.title()) for a, b in zip(i.iso3, i.country)],
        "as_of": i.as_of, "year": pd.to_datetime(i.as_of).dt.year,
        "estimate_low": i["icsr.low"].astype("Int64"), "estimate_high": i["icsr.high"].astype("Int64"),
        "estimate": i["icsr.mean"], "population": i["population"].astype("Int64"),
        "population_year": i["population_year"].astype(int), "source_id": i.source_id,
        "population_source_id": "wb_wdi", "flag": i.flag,
    })


TABLE = Table(
    name="foreign_fighters",
    title="Foreign fighters in Syria/Iraq by country of origin: ICSR estimates of Dec 2013 and Jan 2015, with population",
    description=(
        "ICSR (King's College London) estimates of the cumulative number of fighters who travelled to Syria/Iraq, by country of "
        "origin: 17 Dec 2013 (ranges) and 26 Jan 2015 (through the end of 2014). estimate = ICSR's single figure or the "
        "midpoint of its range. population is the World Bank population of population_year (2013 for the Dec 2013 estimate, "
        "2014 for the Jan 2015 one), so per-million rates are estimate / population * 1e6. Not fighters present, not "
        "returnees. Qatar 2013 has low > high as transcribed (flag source_issue)."),
    fields=[
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
    primary_key=["iso3", "as_of"],
    licenses=[{"name": "CC-BY-3.0", "title": "ICSR estimates via lukesonnet/foreign_fighters (CC BY 3.0); cite ICSR",
               "path": "https://creativecommons.org/licenses/by/3.0/"},
              {"name": "CC-BY-4.0", "title": "Population: World Bank WDI (CC BY 4.0)",
               "path": "https://creativecommons.org/licenses/by/4.0/"}],
    source_ids=["icsr_2013", "icsr_2015", "wb_wdi"],
    raw=["raw/icsr_foreign_fighters/", "raw/wb_gdp_population/"],
    build=build,
    needs=("economy",),
    country_columns=("iso3",),
)
