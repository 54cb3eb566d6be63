"""Build the course tables in ``datasets/`` from the raw files in ``datasets/raw/``.

Run from the repository root::

    python -m datasets.build            # writes into datasets/
    python -m datasets.build --out DIR  # writes into DIR (the tests rebuild into a temporary folder)

Reads only ``datasets/raw/``. Output is deterministic: rows sorted by primary key, floats written with
``%.12g``, ``\\n`` line endings, UTF-8. Not imported by ``course_utils``.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np
import pandas as pd

if __package__ in (None, ""):  # run as a script: python datasets/build/build.py
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from datasets.build import metadata as md  # type: ignore
    from datasets.build import names as nm  # type: ignore
else:
    from . import metadata as md
    from . import names as nm

HERE = Path(__file__).resolve().parent
RAW = HERE.parent / "raw"
FLOAT_FORMAT = "%.12g"


def read(rel: str, **kw) -> pd.DataFrame:
    return pd.read_csv(RAW / rel, **kw)


# ----------------------------------------------------------------------------------------------- names
def wb_names() -> dict[str, str]:
    pop = read("wb_gdp_population/population.csv")
    gdp = read("wb_gdp_population/gdp.csv")
    both = pd.concat([pop, gdp])[["Country Code", "Country Name"]].drop_duplicates("Country Code")
    out = dict(zip(both["Country Code"], both["Country Name"]))
    out.update(nm.WB_NAME_OVERRIDES)
    return out


WB_NAMES: dict[str, str] = {}


def name_for(iso3: str, fallback: str) -> str:
    if isinstance(iso3, str) and iso3 in WB_NAMES:
        return WB_NAMES[iso3]
    return fallback


# ----------------------------------------------------------------------------------- us_troops_abroad
WAR_ISO3 = {"AFG", "IRQ", "SYR"}
CONTINGENCY_ESTIMATES = {"IRQ": range(2003, 2008), "KWT": range(2003, 2008), "AFG": range(2001, 2008)}


def build_us_troops_abroad() -> pd.DataFrame:
    leg = read("us_troops_dmdc_troopdata/troopdata.csv")
    reb = read("us_troops_dmdc_troopdata/troopdata-rebuild-september-2008-2025.csv",
               dtype={"source": str}, keep_default_na=False, na_values={"troops_ad": ["NA"]})
    for col in ("source", "iso3c", "region"):
        reb[col] = reb[col].replace("NA", "")  # troopdata writes missing text as NA
    # ccode -> iso3 / region / name from the legacy file (2022-2023 rows there lack iso3 and region).
    ref = leg.sort_values("year")
    iso_by_cc = ref.dropna(subset=["iso3c"]).groupby("ccode")["iso3c"].last().to_dict()
    reg_by_cc = ref.dropna(subset=["region"]).groupby("ccode")["region"].last().to_dict()
    name_by_cc = ref[ref.year <= 2021].groupby("ccode")["countryname"].last().to_dict()
    name_by_cc.update({k: v for k, v in ref.groupby("ccode")["countryname"].last().items() if k not in name_by_cc})
    reb_ref = reb.sort_values("year")
    for cc, g in reb_ref.groupby("ccode"):
        iso_by_cc.setdefault(cc, g["iso3c"].replace("", np.nan).dropna().iloc[-1]
                             if g["iso3c"].replace("", np.nan).notna().any() else np.nan)
        reg_by_cc.setdefault(cc, g["region"].replace("", np.nan).dropna().iloc[-1]
                             if g["region"].replace("", np.nan).notna().any() else np.nan)
        name_by_cc.setdefault(cc, g["countryname"].iloc[-1])

    leg = leg[(leg.ccode != 2) & ~leg.countryname.isin(nm.TROOPDATA_NOT_A_HOST)].copy()
    leg["source_id"] = "troopdata_legacy"
    leg = leg[["ccode", "year", "troops", "source_id"]]

    new = reb[(reb.year > leg.year.max()) & (reb.ccode != 2) & ~reb.countryname.isin(nm.TROOPDATA_NOT_A_HOST)]
    new = new.assign(troops=new["troops_ad"].astype("float"), source_id="troopdata_rebuild")
    new.loc[new["source"] == "", "troops"] = np.nan  # placeholder rows: no DMDC figure
    new = new[["ccode", "year", "troops", "source_id"]]

    df = pd.concat([leg, new], ignore_index=True)
    df["iso3"] = df.ccode.map(iso_by_cc)
    df["region"] = df.ccode.map(reg_by_cc)
    for cname, (iso, reg) in nm.TROOPDATA_FIXES.items():
        cc = [k for k, v in name_by_cc.items() if v == cname]
        df.loc[df.ccode.isin(cc) & df.iso3.isna(), "iso3"] = iso
        df.loc[df.ccode.isin(cc) & df.region.isna(), "region"] = reg
    for cc, (iso, reg) in nm.TROOPDATA_ISO3_BY_CCODE.items():  # no iso3 in any year (Kosovo, American Samoa)
        df.loc[df.ccode == cc, "iso3"] = iso
        df.loc[(df.ccode == cc) & df.region.isna(), "region"] = reg
    for cc, spans in nm.TROOPDATA_ISO3_BY_YEAR.items():         # one ccode, several states in turn
        for y0, y1, iso in spans:
            df.loc[(df.ccode == cc) & df.year.between(y0, y1), "iso3"] = iso
    for cc, iso in nm.TROOPDATA_ISO3_WRONG.items():            # troopdata's iso3 names another country
        df.loc[df.ccode == cc, "iso3"] = iso or np.nan
        if iso:
            df.loc[df.ccode == cc, "region"] = np.nan            # troopdata's region was the wrong country's
    df["country"] = [name_for(i, nm.HISTORICAL_NAMES.get(i, name_by_cc[c])) for i, c in zip(df.iso3, df.ccode)]

    # Guard + Reserve (Selected Reserve) from the rebuild September rows that have a DMDC report.
    gr = reb[(reb.source != "")][["ccode", "year", "total_selected_reserve"]]
    gr = gr.drop_duplicates(["ccode", "year"])
    df = df.merge(gr, on=["ccode", "year"], how="left").rename(columns={"total_selected_reserve": "guard_reserve"})

    df["flag"] = ""
    df.loc[df.year.isin([1951, 1952]), "flag"] = "gap_filled"
    for iso, yrs in CONTINGENCY_ESTIMATES.items():
        df.loc[(df.iso3 == iso) & df.year.isin(list(yrs)), "flag"] = "estimate"
    war = df.iso3.isin(WAR_ISO3) & (df.year >= 2018)
    est = war & (df.year <= 2021) & (df.troops > 0)          # troopdata's outside estimates (Just Security, press)
    df.loc[est, "flag"] = "estimate"
    df.loc[est, "guard_reserve"] = np.nan
    nr = war & ~est & ((df.troops == 0) | df.troops.isna())  # DMDC prints '*' / no row: not reported, never 0
    df.loc[nr, ["troops", "guard_reserve"]] = np.nan
    df.loc[nr, "flag"] = "not_reported"
    part = war & ~est & ~nr                                   # DMDC counts permanently assigned personnel only
    df.loc[part, "flag"] = "partial"
    df.loc[df.troops.isna() & (df.flag == ""), "flag"] = "not_reported"
    for (iso, year), _why in TROOPS_SOURCE_ISSUES.items():
        m = (df.iso3 == iso) & (df.year == year)
        if m.sum() != 1 or df.loc[m, "flag"].iloc[0] != "":
            raise SystemExit(f"us_troops_abroad: source issue for {iso} {year} matches {m.sum()} unflagged rows")
        df.loc[m, "flag"] = "source_issue"
    df["iso3"] = df["iso3"].fillna("")
    df["region"] = df["region"].fillna("")
    return merge_duplicate_hosts(df)


# Single values known to misstate the presence (flag source_issue, value kept as in the source; the reason is printed
# in the codebook). September 2002: the DMDC counts for the Gulf hosts fall to a few hundred, while about 25,000 U.S.
# personnel were there in early October 2002 (AP, 3 Oct 2002; sources.csv: ap_2002_10_03). Forces deployed for
# Operation Enduring Freedom and the build-up to the Iraq war were not counted as assigned to these hosts: a reporting
# undercount, not a drawdown.
TROOPS_SOURCE_ISSUE_SOURCES = {"ap_2002_10_03"}
_GULF_2002 = ("reporting undercount in Sep 2002: deployed forces not counted as assigned (AP, 3 Oct 2002, gives about "
              "{n} U.S. personnel in early Oct 2002)")
TROOPS_SOURCE_ISSUES = {
    ("KWT", 2002): _GULF_2002.format(n="9,000"), ("SAU", 2002): _GULF_2002.format(n="6,000"),
    ("BHR", 2002): _GULF_2002.format(n="4,200"), ("QAT", 2002): _GULF_2002.format(n="3,300"),
    ("OMN", 2002): _GULF_2002.format(n="2,400"), ("ARE", 2002): _GULF_2002.format(n="500"),
}


def merge_duplicate_hosts(df: pd.DataFrame) -> pd.DataFrame:
    """One row per iso3 and year. troopdata files some hosts under two ccodes: a Correlates of War code and an
    ad hoc code > 1000 (Montenegro 341/1010, South Sudan 626/1020, Antigua 58/1006, Seychelles 591/1037, Taiwan
    713/1012), and Germany 1990 under both 255 (Germany) and 260 (West Germany). Rule: (1) an ad hoc code of a host
    that also has a COW code is replaced by that code (the host's code in its latest year), so each such host has one
    ccode in every year; (2) rows that still share iso3 and year are added together (troops and guard_reserve; a
    missing value counts as missing only if both are missing) into one row under that code, flag `summed`. In every
    such pair one of the two rows is 0, so the sum is the figure of the row that reports one."""
    has = df["iso3"] != ""
    cow = df[has & (df.ccode < 1000)].sort_values(["year", "ccode"], kind="mergesort")
    canon = cow.groupby("iso3")["ccode"].last()
    adhoc = has & (df.ccode > 1000) & df["iso3"].isin(canon.index)
    df.loc[adhoc, "ccode"] = df.loc[adhoc, "iso3"].map(canon)
    key = ["iso3", "year"]
    dup = has & df.duplicated(key, keep=False)
    merged = []
    for (iso, year), g in df[dup].groupby(key, sort=True):
        if set(g["flag"]) - {""}:
            raise SystemExit(f"us_troops_abroad: rows to merge for {iso} {year} carry flags {set(g['flag'])}")
        if g["source_id"].nunique() != 1:
            raise SystemExit(f"us_troops_abroad: rows to merge for {iso} {year} have different sources")
        cc = int(canon[iso])
        base = g[g.ccode == cc].iloc[0] if (g.ccode == cc).any() else g.iloc[0]
        row = base.copy()
        row["ccode"] = cc
        row["troops"] = g["troops"].sum(min_count=1)
        row["guard_reserve"] = g["guard_reserve"].sum(min_count=1)
        row["flag"] = "summed"
        merged.append(row)
    return pd.concat([df[~dup], pd.DataFrame(merged)], ignore_index=True)


# ------------------------------------------------------------------------------------ us_troops_wars
def build_us_troops_wars() -> pd.DataFrame:
    rows = []
    crs = read("us_boots_on_ground_crs/crs_boots_on_ground_fy2002_2012.csv", keep_default_na=False)
    sid = {"R40682": "crs_r40682", "RL33110-2011": "crs_rl33110_2011"}
    for r in crs[crs.theater != "Total"].itertuples():
        rows.append(dict(iso3={"Afghanistan": "AFG", "Iraq": "IRQ"}[r.theater], theatre=r.theater,
                         measure="fy_average_bog", year=r.fiscal_year, month=pd.NA,
                         date=f"{r.fiscal_year}-09-30", date_precision="fiscal_year",
                         troops=r.avg_monthly_boots_on_ground, source_id=sid[r.source_id],
                         flag="projection" if r.status == "projected" else "transcribed", note=r.note))
    gm = read("iraq_troops_monthly_guardian/us-troop-numbers-month.csv")
    for r in gm.itertuples(index=False):
        end = pd.Timestamp(pd.to_datetime(r[0], format="%B %Y")) + pd.offsets.MonthEnd(0)
        rows.append(dict(iso3="IRQ", theatre="Iraq", measure="month_end_count", year=end.year, month=end.month,
                         date=end.strftime("%Y-%m-%d"), date_precision="day", troops=int(r[1]),
                         source_id="brookings_iraq_index", flag="", note=""))
    dm = read("dmdc_309a_contingency_2003_2005/dmdc-309a-contingency.csv")
    for r in dm.itertuples():
        note = ("active duty only" if r.basis == "active_duty" else "includes deployed Reserve/National Guard")
        if str(r.rounded).lower() == "true":
            note += "; rounded by DMDC"
        rows.append(dict(iso3=r.iso3, theatre=f"{r.place} and around ({r.operation})", measure="in_around_total",
                         year=r.year, month=9, date=f"{r.year}-09-30", date_precision="day", troops=r.total,
                         source_id="dmdc_309a", flag="", note=note))
    pts = read("facts/us_troops_wars_points.csv", keep_default_na=False)
    for r in pts.itertuples():
        d = pd.Timestamp(r.date)
        rows.append(dict(iso3=r.iso3, theatre=r.theatre, measure=r.measure, year=d.year,
                         month=d.month if r.date_precision in ("day", "month") else pd.NA, date=r.date,
                         date_precision=r.date_precision, troops=int(r.troops), source_id=r.source_id,
                         flag="estimate" if r.approximate == "true" else "", note=r.note))
    return pd.DataFrame(rows)


# -------------------------------------------------------------------------------- allied_deployments
def build_allied_deployments() -> pd.DataFrame:
    d = read("coalition_deployments_mdi_iiss/MDVA_Deployments.csv", keep_default_na=False)
    d = d.drop_duplicates()  # one exact duplicate row (USA, Greece, 2015) in the source
    d["mission"] = d["MissionName"].replace(nm.MISSION_FIXES)
    d.loc[d["MissionType"] == "MilitaryPresence", "mission"] = "(military presence)"
    d["mission_type"] = d["MissionType"].map({"Operation": "operation", "MilitaryPresence": "military_presence"})
    keys = ["Country", "Year", "mission_type", "mission", "Theatre"]
    n = d.groupby(keys)["Deployed"].transform("size")
    g = (d.assign(Deployed=d["Deployed"].astype(int))
         .groupby(keys, as_index=False)
         .agg(troops=("Deployed", "sum"), organisation=("Organisation", "first")))
    g = g.merge(d.assign(n=n)[keys + ["n"]].drop_duplicates(keys), on=keys)
    out = pd.DataFrame({
        "contributor_iso3": g["Country"], "contributor": [name_for(i, i) for i in g["Country"]],
        "year": g["Year"].astype(int), "mission": g["mission"], "mission_type": g["mission_type"],
        "organisation": g["organisation"], "host": g["Theatre"], "host_iso3": g["Theatre"].map(nm.THEATRE_ISO3).fillna(""),
        "troops": g["troops"], "source_id": "mdi_iiss", "flag": np.where(g["n"] > 1, "summed", ""),
    })
    return out


# --------------------------------------------------------------------------- coalition_contributions
def build_coalition_contributions() -> pd.DataFrame:
    rows = []
    c = read("iraq_coalition_contributions_carney/iraq_coalition_contributions.csv", dtype={"wounded": str})
    for r in c.itertuples():
        iso = nm.CARNEY_NAMES[r.country]
        base = dict(dataset="iraq_coalition_by_nation", iso3=iso, country=name_for(iso, r.country),
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
    isaf = read("isaf_contributions_snapshots_news/isaf_troops_by_nation_snapshots.csv", keep_default_na=False)
    for r in isaf.itertuples():
        rows.append(dict(dataset="isaf_troops_by_nation", iso3=r.iso3,
                         country=name_for(r.iso3, r.country if r.iso3 else "Other countries (combined)"),
                         measure="isaf_troops", as_of=r.snapshot_date, period_start="", period_end="",
                         value=int(r.isaf_troops), unit="persons", source_id=r.source_id, flag="snapshot",
                         note=f"as printed: {r.as_printed}"))
    fat = read("afghanistan_coalition_fatalities_snapshots_news/afghanistan_coalition_deaths_by_nation_snapshots.csv",
               keep_default_na=False)
    for r in fat.itertuples():
        rows.append(dict(dataset="afghanistan_deaths_by_nation", iso3=r.iso3, country=name_for(r.iso3, r.country),
                         measure="cumulative_deaths", as_of=r.as_of, period_start="2001-10-07", period_end=r.as_of,
                         value=int(r.cumulative_deaths_since_2001), unit="persons", source_id=r.source_id,
                         flag="snapshot", note=f"as printed: {r.as_printed}"))
    gm = read("iraq_troops_monthly_guardian/us-troop-numbers-month.csv")
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
            raise SystemExit(f"coalition_contributions: source issue for {iso} {measure} matches {m.sum()} rows")
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


# ---------------------------------------------------------------------------------- defence_spending
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


def build_defence_spending() -> pd.DataFrame:
    parts = []
    n19 = read("nato_defexp_2012_2019/nato_defence_expenditure_2012_2019.csv")
    long = n19.melt(id_vars=["country_stanag", "year"], var_name="col", value_name="value")
    long["indicator"] = long.col.map(lambda c: NATO2019_INDICATORS[c][0])
    long["unit"] = long.col.map(lambda c: NATO2019_INDICATORS[c][1])
    long["iso3"] = long.country_stanag
    long["release"] = "nato_2019_06"
    long["source_id"] = "nato_2019"
    long["flag"] = np.where(long.year >= 2018, "estimate", "")
    parts.append(long)

    n25 = read("nato_defexp_pct_gdp_2014_2024/defence_per.csv")
    n25 = n25[n25.Country.isin(nm.NATO_SIPRI_NAMES)]  # drops the two NATO aggregates
    long = n25.melt(id_vars=["Country"], var_name="y", value_name="value")
    long["year"] = long.y.str.slice(0, 4).astype(int)
    long["iso3"] = long.Country.map(nm.NATO_SIPRI_NAMES)
    long["indicator"] = "defence_share_gdp"
    long["unit"] = "% of GDP (real terms, 2021 prices)"
    long["release"] = "nato_2025_08"
    long["source_id"] = "nato_2025"
    long["flag"] = np.where(long.y.str.endswith("e"), "estimate", "transcribed")
    parts.append(long)

    sp = read("sipri_milex_owid/sipri_milex_owid_subset_nato_g5sahel_1990_2020.csv")
    sp = sp[sp.Entity.isin(nm.NATO_SIPRI_NAMES)]  # drops OWID's 'NATO members' aggregate
    long = sp.melt(id_vars=["Entity", "Year"], var_name="col", value_name="value")
    long["year"] = long.Year
    long["iso3"] = long.Entity.map(nm.NATO_SIPRI_NAMES)
    long["indicator"] = long.col.map(lambda c: SIPRI_INDICATORS[c][0])
    long["unit"] = long.col.map(lambda c: SIPRI_INDICATORS[c][1])
    long["release"] = "sipri_2022"
    long["source_id"] = "sipri_2022"
    long["flag"] = ""
    parts.append(long)

    df = pd.concat(parts, ignore_index=True)
    df.loc[df.value.isna(), "flag"] = "not_reported"
    df["country"] = [name_for(i, i) for i in df.iso3]
    df["year"] = df.year.astype(int)
    return df


# ------------------------------------------------------------------------------------------ economy
def build_economy(iso_needed: set[str]) -> pd.DataFrame:
    gdp = read("wb_gdp_population/gdp.csv").rename(columns={"Country Code": "iso3", "Year": "year", "Value": "gdp_usd"})
    pop = read("wb_gdp_population/population.csv").rename(
        columns={"Country Code": "iso3", "Year": "year", "Value": "population"})
    df = pop[["iso3", "year", "population"]].merge(gdp[["iso3", "year", "gdp_usd"]], on=["iso3", "year"], how="outer")
    df = df[df.iso3.isin(iso_needed)].copy()
    df["country"] = [name_for(i, i) for i in df.iso3]
    df["population"] = df["population"].round().astype("Int64")
    df["source_id"] = "wb_wdi"
    df["flag"] = np.where(df.gdp_usd.isna() | df.population.isna(), "not_reported", "")
    return df


# --------------------------------------------------------------------------------- foreign_fighters
def build_foreign_fighters(economy: pd.DataFrame) -> pd.DataFrame:
    i = read("icsr_foreign_fighters/icsr.csv")
    i["iso3"] = i.countrycode.replace(nm.CODE_FIXES)
    i["as_of"] = pd.to_datetime(i["icsr.date"].astype(str), format="%Y%m%d").dt.strftime("%Y-%m-%d")
    i["population_year"] = np.where(i["icsr.date"] == 20131217, 2013, 2014)
    i["source_id"] = np.where(i["icsr.date"] == 20131217, "icsr_2013", "icsr_2015")
    pop = economy[["iso3", "year", "population"]].rename(columns={"year": "population_year"})
    i = i.merge(pop, on=["iso3", "population_year"], how="left")
    i["flag"] = ""
    i.loc[i["icsr.mean"].isna(), "flag"] = "not_reported"
    i.loc[i["icsr.low"] > i["icsr.high"], "flag"] = "source_issue"
    return pd.DataFrame({
        "iso3": i.iso3, "country": [name_for(a, b.title()) for a, b in zip(i.iso3, i.country)],
        "as_of": i.as_of, "year": pd.to_datetime(i.as_of).dt.year,
        "estimate_low": i["icsr.low"].astype("Int64"), "estimate_high": i["icsr.high"].astype("Int64"),
        "estimate": i["icsr.mean"], "population": i["population"].astype("Int64"),
        "population_year": i["population_year"].astype(int), "source_id": i.source_id,
        "population_source_id": "wb_wdi", "flag": i.flag,
    })


# ----------------------------------------------------------------------------------- facts tables
def _year(dates: pd.Series) -> pd.Series:
    return pd.to_datetime(dates).dt.year.astype(int)


def build_sahel() -> pd.DataFrame:
    f = read("facts/sahel.csv", keep_default_na=False)
    return pd.DataFrame({
        "mission": f.mission, "actor": f.actor, "actor_iso3": f.actor_iso3, "host": f.host,
        "host_iso3": f.host_iso3, "date": f.date, "date_precision": f.date_precision, "year": _year(f.date),
        "measure": f.measure, "value": pd.to_numeric(f.value.replace("", np.nan)).astype("Int64"),
        "event": f.event, "source_id": f.source_id, "facts_section": f.facts_section,
        "flag": np.where(f.approximate == "true", "estimate", ""),
    })


def build_counter_isis() -> pd.DataFrame:
    f = read("facts/counter_isis_coalition.csv", keep_default_na=False)
    approx = f.date_precision != "day"
    return pd.DataFrame({
        "date": f.date, "date_precision": f.date_precision, "year": _year(f.date), "members": f.members.astype(int),
        "note": f.note, "source_id": f.source_id, "facts_section": f.facts_section,
        "flag": np.where(approx, "estimate", ""),
    })


def build_designations() -> pd.DataFrame:
    f = read("facts/designations.csv", keep_default_na=False)
    if set(f.check) - {"V", "corrected", "checked"}:
        raise SystemExit(f"designations: check must be V, corrected or checked, not {set(f.check) - {'V', 'corrected', 'checked'}}")
    out = f.drop(columns=["check"]).copy()
    out.insert(out.columns.get_loc("date_precision") + 1, "year", _year(f.date))
    out["flag"] = ""
    return out


def build_events() -> pd.DataFrame:
    f = read("facts/events.csv", keep_default_na=False)
    return pd.DataFrame({
        "date": f.date, "date_precision": f.date_precision, "year": _year(f.date), "category": f.category,
        "event": f.event, "value": pd.to_numeric(f.value.replace("", np.nan)).astype("Int64"), "unit": f.unit,
        "source_id": f.source_id, "facts_section": f.facts_section, "flag": "",
    })


def build_memberships() -> pd.DataFrame:
    nato = read("nato_membership/nato_members.csv", keep_default_na=False)
    g5 = read("facts/g5_sahel_membership.csv", keep_default_na=False)
    if set(g5.check) - {"V", "corrected"}:
        raise SystemExit("memberships: G5 Sahel rows must be V or corrected facts")
    parts = [
        pd.DataFrame({"group": "NATO", "iso3": nato.iso3, "joined": nato.joined, "left": "",
                      "source_id": nato.source_id, "left_source_id": "", "note": nato.note}),
        pd.DataFrame({"group": "G5 Sahel", "iso3": g5.iso3, "joined": g5.joined, "left": g5.left,
                      "source_id": g5.source_id, "left_source_id": g5.left_source_id, "note": g5.note}),
    ]
    df = pd.concat(parts, ignore_index=True)
    df["country"] = [name_for(i, i) for i in df.iso3]
    df["flag"] = ""
    return df


NOTE_SOURCE_RE = r"sources\.csv: ([a-z0-9_]+)"


def added_sources(columns) -> pd.DataFrame:
    """Sources added with the designations coverage (datasets/raw/facts/designations_sources.csv): full citations with
    author, title, date and URL, in the columns of the main sources file."""
    extra = read("facts/designations_sources.csv", keep_default_na=False)
    extra = extra.assign(short=extra.source_id, licence="Facts (not subject to copyright); cite the original source")
    return extra.reindex(columns=list(columns), fill_value="")


def build_sources(used: set[str]) -> pd.DataFrame:
    main = read("sources.csv", keep_default_na=False)
    main = pd.concat([main, added_sources(main.columns)], ignore_index=True)
    facts = read("facts/sources.csv", keep_default_na=False)
    facts = facts.assign(short=facts.source_id,
                         licence="Facts (not subject to copyright); cite the original source")
    s = pd.concat([main, facts[main.columns]], ignore_index=True).fillna("")
    missing = used - set(s.source_id)
    if missing:
        raise SystemExit(f"source_id(s) without a citation: {sorted(missing)}")
    if s.source_id.duplicated().any():
        raise SystemExit(f"duplicate source_id: {sorted(s.source_id[s.source_id.duplicated()])}")
    return s  # all of them: the lessons also cite sources that no table row uses (e.g. levitt_2021_jnslp)


# ------------------------------------------------------------------------------------------ writing
def finish(name: str, df: pd.DataFrame) -> pd.DataFrame:
    res = md.RESOURCES[name]
    cols = [f["name"] for f in res["fields"]]
    missing = set(cols) - set(df.columns)
    if missing:
        raise SystemExit(f"{name}: build did not produce columns {sorted(missing)}")
    df = df[cols].copy()
    for f in res["fields"]:
        col, typ = f["name"], f["type"]
        if typ == "integer":
            df[col] = pd.to_numeric(df[col]).astype("Int64")
        elif typ == "number":
            df[col] = pd.to_numeric(df[col]).astype("float64")
        else:
            df[col] = df[col].astype(object).where(df[col].notna(), "").astype(str)
    df = df.sort_values(res["primaryKey"], kind="mergesort").reset_index(drop=True)
    dup = df.duplicated(res["primaryKey"], keep=False)
    if dup.any():
        raise SystemExit(f"{name}: duplicate primary key rows:\n{df[dup].head(10)}")
    return df


def write_csv(df: pd.DataFrame, path: Path) -> None:
    df.to_csv(path, index=False, lineterminator="\n", float_format=FLOAT_FORMAT, encoding="utf-8")


def build(out: Path) -> dict[str, pd.DataFrame]:
    global WB_NAMES
    WB_NAMES = wb_names()
    out.mkdir(parents=True, exist_ok=True)
    t: dict[str, pd.DataFrame] = {}
    t["us_troops_abroad"] = build_us_troops_abroad()
    t["us_troops_wars"] = build_us_troops_wars()
    t["allied_deployments"] = build_allied_deployments()
    t["coalition_contributions"] = build_coalition_contributions()
    t["defence_spending"] = build_defence_spending()
    t["sahel"] = build_sahel()
    t["counter_isis_coalition"] = build_counter_isis()
    t["designations"] = build_designations()
    t["events"] = build_events()
    t["memberships"] = build_memberships()
    icsr_iso = set(read("icsr_foreign_fighters/icsr.csv").countrycode.replace(nm.CODE_FIXES))
    iso_needed = set(icsr_iso)
    for name, df in t.items():
        for col in ("iso3", "contributor_iso3", "host_iso3", "actor_iso3", "jurisdiction_iso3"):
            if col in df:
                iso_needed |= {x for x in df[col].dropna() if isinstance(x, str) and len(x) == 3}
    t["economy"] = build_economy(iso_needed)
    t["foreign_fighters"] = build_foreign_fighters(t["economy"])
    t = {k: finish(k, v) for k, v in t.items()}
    used: set[str] = set()
    for df in t.values():
        for col in ("source_id", "population_source_id", "left_source_id"):
            if col in df:
                used |= set(df[col]) - {""}
        if "note" in df:  # sources cited in a note ("sources.csv: <id>")
            used |= set(df["note"].str.extractall(NOTE_SOURCE_RE)[0])
    used |= TROOPS_SOURCE_ISSUE_SOURCES
    used |= set(read("facts/designations_sources.csv").source_id)  # all cited: by a table, a flag note or a lesson
    t["sources"] = finish("sources", build_sources(used))
    for name, df in t.items():
        write_csv(df, out / md.RESOURCES[name]["path"])
    rows = {k: len(v) for k, v in t.items()}
    pkg = md.datapackage(rows)
    (out / "datapackage.json").write_text(json.dumps(pkg, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8", newline="\n")
    (out / "README.md").write_text(md.codebook(pkg, t["sources"]), encoding="utf-8", newline="\n")
    return t


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=HERE.parent, help="output folder (default: datasets/)")
    args = ap.parse_args(argv)
    tables = build(args.out)
    for k, v in tables.items():
        print(f"{k:26s} {len(v):6d} rows")


if __name__ == "__main__":
    main()
