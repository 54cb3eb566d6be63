"""Values in the shipped tables, checked against the RAW files in datasets/raw (read here, not copied numbers)."""
import math
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "datasets" / "raw"
OUT = ROOT / "datasets"


def shipped(name):
    return pd.read_csv(OUT / f"{name}.csv", keep_default_na=False, na_values={c: [""] for c in (
        "troops", "guard_reserve", "value", "gdp_usd", "population", "estimate", "estimate_low", "estimate_high", "month")})


@pytest.fixture(scope="module")
def legacy():
    return pd.read_csv(RAW / "us_troops_dmdc_troopdata/troopdata.csv")


@pytest.fixture(scope="module")
def rebuild():
    return pd.read_csv(RAW / "us_troops_dmdc_troopdata/troopdata-rebuild-september-2008-2025.csv")


@pytest.fixture(scope="module")
def abroad():
    return shipped("us_troops_abroad")


def one(df, **kw):
    m = pd.Series(True, index=df.index)
    for k, v in kw.items():
        m &= df[k] == v
    hit = df[m]
    assert len(hit) == 1, (kw, len(hit))
    return hit.iloc[0]


@pytest.mark.parametrize("ccode,year", [(255, 2010), (740, 1970), (732, 1960), (200, 1985), (220, 2015),
                                        (325, 2019), (640, 2022), (692, 2012)])
def test_troops_equal_legacy(abroad, legacy, ccode, year):
    raw = one(legacy, ccode=ccode, year=year)["troops"]
    assert one(abroad, ccode=ccode, year=year)["troops"] == raw


@pytest.mark.parametrize("ccode,year", [(732, 2010), (732, 2022), (325, 2015), (640, 2012), (740, 2015)])
def test_doubled_rows_trap(abroad, rebuild, ccode, year):
    """The newest troopdata release doubles e.g. South Korea, Italy, Turkey; our values must match the
    undoubled September rebuild rows (bab0a9c) within 5% and be far from twice them."""
    ours = one(abroad, ccode=ccode, year=year)["troops"]
    reb = one(rebuild, ccode=ccode, year=year)["troops_ad"]
    assert abs(ours - reb) <= 0.05 * reb
    assert abs(ours - 2 * reb) > 0.5 * reb


def test_korea_2010_not_doubled(abroad, rebuild):
    reb = one(rebuild, ccode=732, year=2010)["troops_ad"]
    assert reb < 30000  # the doubled release prints 55,738
    assert one(abroad, ccode=732, year=2010)["troops"] < 30000


@pytest.mark.parametrize("ccode,year", [(255, 2015), (740, 2020), (732, 2019)])
def test_guard_reserve_from_rebuild(abroad, rebuild, ccode, year):
    assert one(abroad, ccode=ccode, year=year)["guard_reserve"] == one(rebuild, ccode=ccode, year=year)["total_selected_reserve"]


def test_2024_2025_from_rebuild(abroad, rebuild):
    for year in (2024, 2025):
        assert one(abroad, ccode=740, year=year)["troops"] == one(rebuild, ccode=740, year=year)["troops_ad"]


def test_not_reported_is_missing_not_zero(abroad, legacy):
    # Afghanistan 2021: legacy prints 0 where DMDC did not report -> missing, flagged
    assert one(legacy, ccode=700, year=2021)["troops"] == 0
    r = one(abroad, iso3="AFG", year=2021)
    assert math.isnan(r["troops"]) and r["flag"] == "not_reported"
    war = abroad[abroad.iso3.isin(["AFG", "IRQ", "SYR"]) & (abroad.year >= 2018)]
    assert not (war.troops == 0).any()
    assert set(war.flag) <= {"estimate", "not_reported", "partial"}


def test_outside_estimates_flagged(abroad, legacy):
    r = one(abroad, iso3="AFG", year=2018)
    assert r["troops"] == one(legacy, ccode=700, year=2018)["troops"] and r["flag"] == "estimate"
    assert one(abroad, iso3="IRQ", year=2005)["flag"] == "estimate"
    assert set(abroad[abroad.year.isin([1951, 1952])].flag) == {"gap_filled"}


def test_no_us_home_row_and_regions(abroad):
    assert 2 not in set(abroad.ccode)
    assert (abroad.region != "").mean() > 0.99


def test_crs_boots_on_ground():
    raw = pd.read_csv(RAW / "us_boots_on_ground_crs/crs_boots_on_ground_fy2002_2012.csv")
    wars = shipped("us_troops_wars")
    for fy, th, iso, src in [(2008, "Iraq", "IRQ", "R40682"), (2003, "Iraq", "IRQ", "R40682"),
                             (2010, "Afghanistan", "AFG", "RL33110-2011")]:
        v = one(raw, fiscal_year=fy, theater=th, source_id=src)["avg_monthly_boots_on_ground"]
        sid = {"R40682": "crs_r40682", "RL33110-2011": "crs_rl33110_2011"}[src]
        assert one(wars, iso3=iso, measure="fy_average_bog", year=fy, source_id=sid)["troops"] == v
    proj = wars[(wars.source_id == "crs_r40682") & (wars.year >= 2009)]
    assert set(proj.flag) == {"projection"}


def test_iraq_monthly():
    raw = pd.read_csv(RAW / "iraq_troops_monthly_guardian/us-troop-numbers-month.csv")
    wars = shipped("us_troops_wars")
    v = raw.loc[raw["Month (end of)"] == "October 2007", "US troops"].item()
    assert one(wars, measure="month_end_count", date="2007-10-31")["troops"] == v
    cc = shipped("coalition_contributions")
    t = raw.loc[raw["Month (end of)"] == "May 2003", "Total international troops"].item()
    assert one(cc, dataset="iraq_coalition_monthly", as_of="2003-05-31")["value"] == t


def test_allied_deployments():
    raw = pd.read_csv(RAW / "coalition_deployments_mdi_iiss/MDVA_Deployments.csv")
    dep = shipped("allied_deployments")
    r = raw[(raw.Country == "DEU") & (raw.Year == 2019) & (raw.MissionName == "Operation Resolute Support")]
    assert dep[(dep.contributor_iso3 == "DEU") & (dep.year == 2019) &
               (dep.mission == "Operation Resolute Support")].troops.sum() == r.Deployed.sum()
    # total per year equals the raw total minus the one exact duplicate row (USA Greece 2015)
    for y in (2017, 2021):
        assert dep[dep.year == y].troops.sum() == raw[raw.Year == y].Deployed.sum()


def test_coalition_contributions():
    cc = shipped("coalition_contributions")
    car = pd.read_csv(RAW / "iraq_coalition_contributions_carney/iraq_coalition_contributions.csv")
    uk = car[car.country == "United Kingdom"].iloc[0]
    assert one(cc, dataset="iraq_coalition_by_nation", iso3="GBR", measure="troops_peak")["value"] == uk.troopspeak
    assert one(cc, dataset="iraq_coalition_by_nation", iso3="GBR", measure="deaths")["value"] == uk.dead
    pl = one(cc, dataset="iraq_coalition_by_nation", iso3="POL", measure="wounded")
    assert car[car.country == "Poland"].wounded.item() == "Unknown" and math.isnan(pl["value"])
    isaf = pd.read_csv(RAW / "isaf_contributions_snapshots_news/isaf_troops_by_nation_snapshots.csv")
    v = isaf[(isaf.iso3 == "DEU") & (isaf.snapshot_date == "2010-11-15")].isaf_troops.item()
    assert one(cc, dataset="isaf_troops_by_nation", iso3="DEU", as_of="2010-11-15")["value"] == v
    fat = pd.read_csv(RAW / "afghanistan_coalition_fatalities_snapshots_news/afghanistan_coalition_deaths_by_nation_snapshots.csv")
    v = fat[(fat.iso3 == "CAN") & (fat.as_of == "2012-05-20")].cumulative_deaths_since_2001.item()
    assert one(cc, dataset="afghanistan_deaths_by_nation", iso3="CAN", as_of="2012-05-20")["value"] == v


def test_defence_spending_releases_not_spliced():
    ds = shipped("defence_spending")
    n19 = pd.read_csv(RAW / "nato_defexp_2012_2019/nato_defence_expenditure_2012_2019.csv")
    v = n19[(n19.country_stanag == "USA") & (n19.year == 2014)]["Defense expenditure (% real GDP)"].item()
    got = one(ds, iso3="USA", year=2014, indicator="defence_share_gdp", release="nato_2019_06")["value"]
    assert got == pytest.approx(v, rel=1e-10)
    n25 = pd.read_csv(RAW / "nato_defexp_pct_gdp_2014_2024/defence_per.csv")
    v = n25.loc[n25.Country == "Germany", "2024e"].item()
    r = one(ds, iso3="DEU", year=2024, indicator="defence_share_gdp", release="nato_2025_08")
    assert r["value"] == pytest.approx(v, rel=1e-10) and r["flag"] == "estimate"
    sp = pd.read_csv(RAW / "sipri_milex_owid/sipri_milex_owid_subset_nato_g5sahel_1990_2020.csv")
    v = sp[(sp.Entity == "Mali") & (sp.Year == 2015)].military_expenditure_share_gdp.item()
    assert one(ds, iso3="MLI", year=2015, indicator="milex_share_gdp", release="sipri_2022")["value"] == pytest.approx(v)
    isl = ds[(ds.iso3 == "ISL") & (ds.indicator == "defence_expenditure_usd_2015")]
    assert isl.value.isna().all() and set(isl.flag) == {"not_reported"}


def test_spearman_matches_fact_sheet_correction():
    """FACTS.md correction: NATO members only (Montenegro out before 2017, Iceland out): rho = 0.316 (2012)."""
    ds = shipped("defence_spending")
    d = ds[(ds.release == "nato_2019_06") & (ds.year == 2012)]
    w = d.pivot(index="iso3", columns="indicator", values="value").drop(index=["MNE", "ISL"])
    rho = w["gdp_usd_2015"].rank().corr(w["defence_share_gdp"].rank())
    assert round(rho, 3) == 0.316


def test_economy():
    eco = shipped("economy")
    gdp = pd.read_csv(RAW / "wb_gdp_population/gdp.csv")
    pop = pd.read_csv(RAW / "wb_gdp_population/population.csv")
    v = gdp[(gdp["Country Code"] == "FRA") & (gdp.Year == 2015)].Value.item()
    assert one(eco, iso3="FRA", year=2015)["gdp_usd"] == pytest.approx(v, rel=1e-11)
    p = pop[(pop["Country Code"] == "BEL") & (pop.Year == 2014)].Value.item()
    assert one(eco, iso3="BEL", year=2014)["population"] == p
    # every country in the other tables has economy rows (unless the World Bank has none)
    wb = set(pop["Country Code"])
    for iso in set(shipped("allied_deployments").contributor_iso3) | set(shipped("foreign_fighters").iso3):
        assert iso in set(eco.iso3) or iso not in wb


def test_foreign_fighters():
    ff = shipped("foreign_fighters")
    raw = pd.read_csv(RAW / "icsr_foreign_fighters/icsr.csv")
    b = raw[(raw.countrycode == "BEL") & (raw["icsr.date"] == 20150126)].iloc[0]
    r = one(ff, iso3="BEL", as_of="2015-01-26")
    assert r["estimate"] == b["icsr.mean"]
    pop = pd.read_csv(RAW / "wb_gdp_population/population.csv")
    assert r["population"] == pop[(pop["Country Code"] == "BEL") & (pop.Year == 2014)].Value.item()
    k = one(ff, iso3="XKX", as_of="2015-01-26")  # source code KSV mapped to XKX
    assert k["estimate"] == raw[(raw.countrycode == "KSV") & (raw["icsr.date"] == 20150126)]["icsr.mean"].item()
    irq = one(ff, iso3="IRQ", as_of="2015-01-26")
    assert math.isnan(irq["estimate"]) and irq["flag"] == "not_reported"


def test_facts_tables_one_row_per_fact():
    for table, raw in [("sahel", "sahel.csv"), ("counter_isis_coalition", "counter_isis_coalition.csv"),
                       ("designations", "designations.csv"), ("events", "events.csv")]:
        f = pd.read_csv(RAW / "facts" / raw, keep_default_na=False)
        assert len(shipped(table)) == len(f)
        assert set(f.check) <= {"V", "corrected"}
    ci = shipped("counter_isis_coalition")
    f = pd.read_csv(RAW / "facts/counter_isis_coalition.csv")
    assert one(ci, date="2018-02-13")["members"] == f[f.date == "2018-02-13"].members.item()
    ev = shipped("events")
    assert one(ev, category="nato_accession")["date"] == "2017-06-05"
    nz = shipped("designations")
    assert set(nz[nz.jurisdiction == "New Zealand"].date) == {"2022-06-20"}
