"""us_troops_wars: U.S. troops in Afghanistan, Iraq and Syria, 2001-2024, one row per figure with its measure."""
from __future__ import annotations

import pandas as pd

from ..schema import DATE, F, FLAG, PRECISION, SOURCE, YEAR
from ..table import BuildContext, Table


def build(ctx: BuildContext) -> pd.DataFrame:
    rows = []
    crs = ctx.read("us_boots_on_ground_crs/crs_boots_on_ground_fy2002_2012.csv", keep_default_na=False)
    sid = {"R40682": "crs_r40682", "RL33110-2011": "crs_rl33110_2011"}
    for r in crs[crs.theater != "Total"].itertuples():
        rows.append(dict(iso3={"Afghanistan": "AFG", "Iraq": "IRQ"}[r.theater], theatre=r.theater,
                         measure="fy_average_bog", year=r.fiscal_year, month=pd.NA,
                         date=f"{r.fiscal_year}-09-30", date_precision="fiscal_year",
                         troops=r.avg_monthly_boots_on_ground, source_id=sid[r.source_id],
                         flag="projection" if r.status == "projected" else "transcribed", note=r.note))
    gm = ctx.read("iraq_troops_monthly_guardian/us-troop-numbers-month.csv")
    for r in gm.itertuples(index=False):
        end = pd.Timestamp(pd.to_datetime(r[0], format="%B %Y")) + pd.offsets.MonthEnd(0)
        rows.append(dict(iso3="IRQ", theatre="Iraq", measure="month_end_count", year=end.year, month=end.month,
                         date=end.strftime("%Y-%m-%d"), date_precision="day", troops=int(r[1]),
                         source_id="brookings_iraq_index", flag="", note=""))
    dm = ctx.read("dmdc_309a_contingency_2003_2005/dmdc-309a-contingency.csv")
    for r in dm.itertuples():
        note = ("active duty only" if r.basis == "active_duty" else "includes deployed Reserve/National Guard")
        if str(r.rounded).lower() == "true":
            note += "; rounded by DMDC"
        rows.append(dict(iso3=r.iso3, theatre=f"{r.place} and around ({r.operation})", measure="in_around_total",
                         year=r.year, month=9, date=f"{r.year}-09-30", date_precision="day", troops=r.total,
                         source_id="dmdc_309a", flag="", note=note))
    pts = ctx.read("facts/us_troops_wars_points.csv", keep_default_na=False)
    for r in pts.itertuples():
        d = pd.Timestamp(r.date)
        rows.append(dict(iso3=r.iso3, theatre=r.theatre, measure=r.measure, year=d.year,
                         month=d.month if r.date_precision in ("day", "month") else pd.NA, date=r.date,
                         date_precision=r.date_precision, troops=int(r.troops), source_id=r.source_id,
                         flag="estimate" if r.approximate == "true" else "", note=r.note))
    return pd.DataFrame(rows)


TABLE = Table(
    name="us_troops_wars",
    title="U.S. troops in Afghanistan, Iraq and Syria, 2001-2024, by measure",
    description=(
        "U.S. troop levels in the post-9/11 war theatres, one row per figure, with the measure it uses. Never compare "
        "measures without saying so: fy_average_bog = fiscal-year average of monthly Boots on the Ground (CRS; year is the "
        "fiscal year, ending 30 Sep); month_end_count = U.S. troops in Iraq at the end of each month (Brookings Iraq Index via "
        "The Guardian); in_around_total = DMDC 309A 'in/around Iraq or Afghanistan' totals, which include Kuwait and the region; "
        "point_estimate = a figure stated for a date (DoD, White House, CRS, AP; from the course fact sheet, V facts only); "
        "force_management_level = the authorised cap. CRS FY2009-FY2012 values from the July 2009 report are projections "
        "(flag projection); the reported FY2009/FY2010 Afghanistan averages are separate rows from CRS RL33110."),
    fields=[
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
    primary_key=["iso3", "measure", "date", "source_id"],
    licenses=[{"name": "other-pd", "title": "CRS and DoD figures: public domain"},
              {"name": "MIT", "title": "Brookings Iraq Index series via cochransean/iraq-war-vis (MIT); figures from DoD/MNF-I",
               "path": "https://opensource.org/licenses/MIT"},
              {"name": "other-at", "title": "Point figures: facts from public statements, cite the source of each row"}],
    source_ids=["crs_r40682", "crs_rl33110_2011", "brookings_iraq_index", "dmdc_309a", "us_troops_timeline_facts"],
    raw=["raw/us_boots_on_ground_crs/", "raw/iraq_troops_monthly_guardian/", "raw/dmdc_309a_contingency_2003_2005/",
         "raw/facts/us_troops_wars_points.csv"],
    build=build,
    country_columns=("iso3",),
)
