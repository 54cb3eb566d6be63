"""coalition_contributions: coalition contributions by nation (Iraq 2003-2009, ISAF and Afghanistan deaths
snapshots, Iraq monthly totals)."""
from __future__ import annotations

import pandas as pd

from .. import names
from ..schema import DATE, F, FLAG, ISO3, SOURCE, YEAR
from ..table import BuildContext, Table


def build(ctx: BuildContext) -> pd.DataFrame:
    rows = []
    c = ctx.read("iraq_coalition_contributions_carney/iraq_coalition_contributions.csv", dtype={"wounded": str})
    for r in c.itertuples():
        iso = names.CARNEY_NAMES[r.country]
        base = dict(dataset="iraq_coalition_by_nation", iso3=iso, country=ctx.name_for(iso, r.country),
                    as_of=r.endyear, period_start=r.beginyear, period_end=r.endyear, unit="persons",
                    source_id="carney_2011")
        for measure, val in (("troops_total_rotated", r.troopstotal), ("troops_peak", r.troopspeak),
                             ("deaths", r.dead)):
            rows.append(dict(base, measure=measure, value=int(val), flag="", note=""))
        w = str(r.wounded).strip()
        if w.isdigit():
            rows.append(dict(base, measure="wounded", value=int(w), flag="", note=""))
        else:
            rows.append(dict(base, measure="wounded", value=pd.NA, flag="not_reported", note=f"source: {w}"))
    isaf = ctx.read("isaf_contributions_snapshots_news/isaf_troops_by_nation_snapshots.csv", keep_default_na=False)
    for r in isaf.itertuples():
        rows.append(dict(dataset="isaf_troops_by_nation", iso3=r.iso3,
                         country=ctx.name_for(r.iso3, r.country if r.iso3 else "Other countries (combined)"),
                         measure="isaf_troops", as_of=r.snapshot_date, period_start="", period_end="",
                         value=int(r.isaf_troops), unit="persons", source_id=r.source_id, flag="snapshot",
                         note=f"as printed: {r.as_printed}"))
    fat = ctx.read("afghanistan_coalition_fatalities_snapshots_news/afghanistan_coalition_deaths_by_nation_snapshots.csv",
                   keep_default_na=False)
    for r in fat.itertuples():
        rows.append(dict(dataset="afghanistan_deaths_by_nation", iso3=r.iso3, country=ctx.name_for(r.iso3, r.country),
                         measure="cumulative_deaths", as_of=r.as_of, period_start="2001-10-07", period_end=r.as_of,
                         value=int(r.cumulative_deaths_since_2001), unit="persons", source_id=r.source_id,
                         flag="snapshot", note=f"as printed: {r.as_printed}"))
    gm = ctx.read("iraq_troops_monthly_guardian/us-troop-numbers-month.csv")
    for r in gm.itertuples(index=False):
        end = pd.Timestamp(pd.to_datetime(r[0], format="%B %Y")) + pd.offsets.MonthEnd(0)
        artefact = int(r[2]) == int(r[1]) and end.year >= 2010
        rows.append(dict(dataset="iraq_coalition_monthly", iso3="", country="All coalition forces (incl. U.S.)",
                         measure="total_international_troops", as_of=end.strftime("%Y-%m-%d"), period_start="",
                         period_end="", value=int(r[2]), unit="persons", source_id="brookings_iraq_index",
                         flag="source_issue" if artefact else "",
                         note=("source sets total = U.S. from Jan 2010; small non-U.S. contingents stayed into 2011"
                               if artefact else "")))
    df = pd.DataFrame(rows)
    # year: the year of as_of. For iraq_coalition_by_nation as_of = period_end (the end of the national deployment:
    # the totals cover the whole deployment); afghanistan_deaths_by_nation: the as-of date of the cumulative count;
    # isaf_troops_by_nation: the snapshot date; iraq_coalition_monthly: the month end.
    df["year"] = pd.to_datetime(df["as_of"]).dt.year
    for (iso, measure), note in COALITION_SOURCE_ISSUES.items():
        m = (df.dataset == "iraq_coalition_by_nation") & (df.iso3 == iso) & (df.measure == measure)
        if m.sum() != 1:
            raise ctx.error(f"the source issue for {iso} {measure} matches {m.sum()} rows, not one "
                            "(COALITION_SOURCE_ISSUES)", column="iso3", value=iso)
        df.loc[m, "flag"] = "source_issue"
        df.loc[m, "note"] = note
    return df


# Known problems with single values of the Carney (2011) transcription: flagged, value kept as in the source.
COALITION_SOURCE_ISSUES = {
    ("LTU", "troops_peak"): (
        "doubtful: the source gives a peak of 750 (and 850 rotated in total), but Lithuania's Defence Ministry (Baltic "
        "Times, 18 Dec 2008; sources.csv: baltic_times_2008_12_18) says over 750 served in total over the mission and at "
        "most about 130 were in Iraq at any one time; 750 is probably the total, not the peak. Value kept as in the source"),
}


TABLE = Table(
    name="coalition_contributions",
    title="Coalition contributions by nation: Iraq 2003-2009, ISAF snapshots, Afghanistan deaths snapshots, Iraq monthly totals",
    description=(
        "One long table of several small datasets (column dataset), one row per nation x measure x as-of date. "
        "iraq_coalition_by_nation: non-U.S. Iraq coalition members (Carney 2011): total troops rotated, peak strength, deaths, "
        "wounded, over period_start..period_end (as_of = period_end, year = its year: the end of the national deployment; "
        "Lithuania's peak of 750 is flagged source_issue: the Lithuanian Defence Ministry gives at most about 130 at once and "
        "over 750 in total). isaf_troops_by_nation: ISAF troops by nation on 3 Jun 2008 "
        "and 15 Nov 2010 (NATO placemat figures via Reuters/AFP; 2010 lacks two of the 48 contributors, not named by the source). "
        "afghanistan_deaths_by_nation: cumulative coalition military deaths since Oct 2001 at three dates (iCasualties via "
        "Reuters/AFP; 'Total' is the all-nation figure). iraq_coalition_monthly: U.S. + all other coalition troops in Iraq at "
        "each month end. year is the year of as_of in every dataset (the snapshot date, the as-of date of a cumulative count, "
        "the month end). Snapshot dates are data: never sum across as_of dates. Peaks come from different dates and cannot be "
        "added into a coalition size."),
    fields=[
        F("dataset", "string", "Which small dataset the row belongs to.", required=True,
          enum=["iraq_coalition_by_nation", "isaf_troops_by_nation", "afghanistan_deaths_by_nation", "iraq_coalition_monthly"]),
        F("iso3", "string", "Contributing nation (ISO3); empty for 'Other'/'Total'/'All coalition' rows.", **ISO3),
        F("country", "string", "Contributing nation, or an aggregate row label.", required=True),
        F("measure", "string", "What the value counts.", required=True,
          enum=["troops_total_rotated", "troops_peak", "deaths", "wounded", "isaf_troops", "cumulative_deaths",
                "total_international_troops"]),
        F("as_of", "string", "Date the figure refers to (YYYY-MM-DD).", **DATE),
        F("year", "integer", "Year of as_of (for iraq_coalition_by_nation: of period_end, the end of the deployment).",
          **YEAR),
        F("period_start", "string", "Start of the period a cumulative figure covers (YYYY-MM-DD), if any.",
          pattern=r"^(\d{4}-\d{2}-\d{2})?$"),
        F("period_end", "string", "End of that period (YYYY-MM-DD), if any.", pattern=r"^(\d{4}-\d{2}-\d{2})?$"),
        F("value", "integer", "The figure; missing when not reported.", "persons", minimum=0),
        F("unit", "string", "Unit of value.", required=True, enum=["persons"]),
        SOURCE(), FLAG(["", "not_reported", "snapshot", "source_issue"]),
        F("note", "string", "Text as printed in the source, or a caveat."),
    ],
    primary_key=["dataset", "country", "measure", "as_of"],
    licenses=[{"name": "other-pd", "title": "Carney (2011), U.S. Army CMH: public domain"},
              {"name": "other-at", "title": "NATO/ISAF and iCasualties figures via Reuters/AFP: facts, cite agency and date"},
              {"name": "MIT", "title": "Brookings Iraq Index series via cochransean/iraq-war-vis (MIT)",
               "path": "https://opensource.org/licenses/MIT"}],
    source_ids=["carney_2011", "reuters_2008_06_12", "afp_2010_11_17", "reuters_2009_05_18", "reuters_2012_05_20",
                "brookings_iraq_index"],
    raw=["raw/iraq_coalition_contributions_carney/", "raw/isaf_contributions_snapshots_news/",
         "raw/afghanistan_coalition_fatalities_snapshots_news/", "raw/iraq_troops_monthly_guardian/"],
    build=build,
    country_columns=("iso3",),
)
