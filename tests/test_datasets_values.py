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
        # checked: verified against the public copy cited in its source row (designations coverage, issue #11)
        assert set(f.check) <= ({"V", "corrected", "checked"} if table == "designations" else {"V", "corrected"})
    ci = shipped("counter_isis_coalition")
    f = pd.read_csv(RAW / "facts/counter_isis_coalition.csv")
    assert one(ci, date="2018-02-13")["members"] == f[f.date == "2018-02-13"].members.item()
    ev = shipped("events")
    assert one(ev, category="nato_accession")["date"] == "2017-06-05"
    nz = shipped("designations")
    assert set(nz[nz.jurisdiction == "New Zealand"].date) == {"2022-06-20"}


# ------------------------------------------------------------------------------------------ memberships
def test_memberships_nato_all_32_from_raw():
    m = shipped("memberships")
    raw = pd.read_csv(RAW / "nato_membership/nato_members.csv", keep_default_na=False)
    nato = m[m.group == "NATO"]
    assert len(nato) == 32 == nato.iso3.nunique() and set(nato.iso3) == set(raw.iso3)
    assert (nato.left == "").all()
    for iso, joined in [("USA", "1949-04-04"), ("TUR", "1952-02-18"), ("DEU", "1955-05-06"), ("ESP", "1982-05-30"),
                        ("POL", "1999-03-12"), ("LTU", "2004-03-29"), ("HRV", "2009-04-01"), ("MNE", "2017-06-05"),
                        ("MKD", "2020-03-27"), ("FIN", "2023-04-04"), ("SWE", "2024-03-07")]:
        assert one(nato, iso3=iso)["joined"] == joined == raw.loc[raw.iso3 == iso, "joined"].item()
    assert (nato.joined == "1949-04-04").sum() == 12
    # Montenegro agrees with the events table (fact sheet correction)
    ev = shipped("events")
    assert one(ev, category="nato_accession")["date"] == one(nato, iso3="MNE")["joined"]
    # every ally in NATO's expenditure releases is in the table
    ds = shipped("defence_spending")
    assert set(ds.loc[ds.release != "sipri_2022", "iso3"]) <= set(nato.iso3)


def test_memberships_g5_sahel_from_facts():
    m = shipped("memberships")
    g5 = m[m.group == "G5 Sahel"].set_index("iso3")
    assert sorted(g5.index) == ["BFA", "MLI", "MRT", "NER", "TCD"]
    assert set(g5.joined) == {"2014-02-16"}
    assert g5.loc["MLI", "left"] == "2022-05-15"
    assert g5.loc["BFA", "left"] == g5.loc["NER", "left"] == "2023-11-29"
    assert g5.loc["TCD", "left"] == g5.loc["MRT", "left"] == "2023-12-06"
    raw = pd.read_csv(RAW / "facts/g5_sahel_membership.csv", keep_default_na=False)
    assert set(raw.check) <= {"V", "corrected"}
    # dates agree with the events table (same V facts)
    ev = shipped("events")
    assert "2014-02-16" in set(ev[ev.event.str.contains("G5 Sahel created")].date)
    assert "2022-05-15" in set(ev[ev.event.str.contains("Mali leaves the G5 Sahel")].date)
    src = set(shipped("sources").source_id)
    assert set(m.source_id) | (set(m.left_source_id) - {""}) <= src


# ------------------------------------------------------------------------------ coalition_contributions
def test_coalition_year_is_year_of_as_of():
    cc = shipped("coalition_contributions")
    assert (cc.year == pd.to_datetime(cc.as_of).dt.year).all()
    car = cc[cc.dataset == "iraq_coalition_by_nation"]
    assert (car.as_of == car.period_end).all()
    assert one(cc, dataset="iraq_coalition_by_nation", iso3="GBR", measure="deaths")["year"] == 2009
    assert one(cc, dataset="isaf_troops_by_nation", iso3="DEU", as_of="2010-11-15")["year"] == 2010


def test_lithuania_peak_flagged_not_changed():
    cc = shipped("coalition_contributions")
    car = pd.read_csv(RAW / "iraq_coalition_contributions_carney/iraq_coalition_contributions.csv")
    r = one(cc, dataset="iraq_coalition_by_nation", iso3="LTU", measure="troops_peak")
    assert r["value"] == car.loc[car.country == "Lithuania", "troopspeak"].item() == 750  # value kept
    assert r["flag"] == "source_issue" and "130" in r["note"] and "baltic_times_2008_12_18" in r["note"]
    assert "baltic_times_2008_12_18" in set(shipped("sources").source_id)
    others = cc[(cc.dataset == "iraq_coalition_by_nation") & (cc.flag == "source_issue")]
    assert len(others) == 1


# ------------------------------------------------------------------------------ us_troops_abroad: keys
def test_one_row_per_iso3_and_year(abroad):
    has = abroad[abroad.iso3 != ""]
    assert not has.duplicated(["iso3", "year"]).any()
    assert not abroad.duplicated(["ccode", "year"]).any()


@pytest.mark.parametrize("iso,cow,adhoc,year", [("MNE", 341, 1010, 2014), ("MNE", 341, 1010, 2019),
                                                 ("SSD", 626, 1020, 2017), ("TWN", 713, 1012, 2021),
                                                 ("ATG", 58, 1006, 1985), ("SYC", 591, 1037, 1983)])
def test_two_ccodes_merged_by_sum(abroad, legacy, iso, cow, adhoc, year):
    raw = legacy[(legacy.ccode.isin([cow, adhoc])) & (legacy.year == year)]
    assert len(raw) == 2 and (raw.troops == 0).any()  # one of the two rows is always 0
    r = one(abroad, iso3=iso, year=year)
    assert r["ccode"] == cow and r["troops"] == raw.troops.sum() and r["flag"] == "summed"


def test_adhoc_only_years_take_the_cow_code(abroad, legacy):
    # Montenegro 2022-2023 is only under 1010 in the source: same figure, under 341
    for year in (2022, 2023):
        r = one(abroad, iso3="MNE", year=year)
        assert r["ccode"] == 341 and r["troops"] == one(legacy, ccode=1010, year=year)["troops"]
    assert not set(abroad.ccode) & {1010, 1020, 1006, 1037, 1012}
    g = one(abroad, iso3="DEU", year=1990)
    assert g["ccode"] == 255 and g["troops"] == one(legacy, ccode=260, year=1990)["troops"] and g["flag"] == "summed"
    assert one(abroad, ccode=260, year=1989)["iso3"] == "DEU"  # West Germany keeps its own code before 1990


def test_iso3_filled_by_ccode(abroad, legacy):
    # Niger's 2022-2023 legacy rows have no iso3 in the source (NA): filled from the same ccode
    assert legacy[(legacy.ccode == 436) & legacy.year.isin([2022, 2023])].iso3c.isna().all()
    for year in (2022, 2023):
        r = one(abroad, ccode=436, year=year)
        assert r["iso3"] == "NER" and r["troops"] == one(legacy, ccode=436, year=year)["troops"]
    # no ccode has an iso3 in some years and none in others
    mixed = abroad.groupby("ccode").iso3.agg(lambda s: s.eq("").any() and s.ne("").any())
    assert not mixed.any(), list(mixed[mixed].index)
    assert set(abroad.loc[abroad.ccode == 347, "iso3"]) == {"XKX"}
    assert set(abroad.loc[abroad.ccode == 1041, "iso3"]) == {"ASM"}
    assert set(abroad.loc[abroad.ccode == 1018, "iso3"]) == {""}      # Trucial States is not Oman
    assert set(abroad.loc[abroad.ccode == 1024, "iso3"]) == {"ATF"}   # Bassas da India is not India
    assert one(abroad, iso3="IND", year=2016)["troops"] == one(legacy, ccode=750, year=2016)["troops"]


def test_us_troops_abroad_flags_every_host_the_two_troopdata_parses_disagree_on_and_the_codebook_gives_both():
    """2006-2007: troopdata's annual file and its parse of the printed DMDC reports, compared here from the raw extract
    (not with the build's report_differs): every legacy host whose report figure differs is flagged source_issue, no
    other 2006-2007 row is, and the codebook prints both figures."""
    rep = pd.read_csv(RAW / "us_troops_dmdc_troopdata/troopdata-rebuild-reports-september-2006-2007.csv", dtype=str,
                      keep_default_na=False)
    rep = rep[~rep.Location.str.startswith("Total") & rep.troops_ad.str.isdigit()]
    printed = rep.assign(v=rep.troops_ad.astype(int)).groupby([rep.ccode.astype(int), rep.year.astype(int)])["v"].sum()
    t = shipped("us_troops_abroad")
    years = t[t.year.isin([2006, 2007])]
    expected = set()
    for r in years.itertuples():
        if r.flag in ("", "source_issue") and (r.ccode, r.year) in printed.index and printed[(r.ccode, r.year)] != r.troops:
            expected.add((r.iso3, r.year, int(r.troops), int(printed[(r.ccode, r.year)])))
    assert {(i, y) for i, y, _, _ in expected} == {(r.iso3, r.year) for r in years.itertuples() if r.flag == "source_issue"}
    assert len(expected) == 9, sorted(expected)
    codebook = (OUT / "README.md").read_text(encoding="utf-8")
    for iso, year, annual, report in expected:
        assert f"{annual:,} vs {report:,}" in codebook or f"{annual:,} vs {report:,}" in codebook.replace("\n", " "), (
            f"datasets/README.md should give both figures for {iso} {year}: {annual:,} vs {report:,}")
