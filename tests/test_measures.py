"""Burden measures over the real course tables: tidy output, caveats carried, presets from the data, bad input."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from course_utils import groups, measures as ms
from course_utils.data import load

COLS = ["iso3", "country", "year", "value", "measure", "unit", "flag", "source_id"]


@pytest.fixture(scope="module")
def nato19():
    return groups.preset_countries("nato", 2019)


@pytest.mark.parametrize("key", sorted(ms.MEASURES))
def test_every_measure_is_tidy_and_keyed(key, nato19):
    countries = nato19 if "deaths" not in key else ["GBR", "CAN", "DNK", "USA", "POL", "AUS"]
    frame = ms.evaluate(key, countries, 2003, 2019)
    assert list(frame.columns[:8]) == COLS
    assert not frame.duplicated(["iso3", "year"]).any()
    assert set(frame["iso3"]) <= set(countries)
    assert frame["year"].between(2003, 2019).all()
    assert frame["value"].notna().any()
    assert (frame.loc[frame["value"].isna(), "flag"].str.contains("not_reported")).all()
    assert frame["source_id"].str.len().gt(0).all()


def test_troops_per_million_is_troops_over_population():
    frame = ms.evaluate("troops_per_million", ["DEU", "FRA"], 2015, 2018)
    dep = load("allied_deployments")
    eco = load("economy").set_index(["iso3", "year"])["population"]
    for r in frame.itertuples():
        troops = dep[(dep.contributor_iso3 == r.iso3) & (dep.year == r.year)]["troops"].sum()
        assert math.isclose(r.value, troops / eco[(r.iso3, r.year)] * 1e6, rel_tol=1e-9)


def _release_rows(release, indicators, countries, start, end):
    """{(iso3, year): value} of one release, read from the table with pandas (not through measures)."""
    ds = load("defence_spending")
    ds = ds[(ds.release == release) & ds.indicator.isin(indicators) & ds.iso3.isin(countries)
            & ds.year.between(start, end)]
    return {(r.iso3, r.year): r.value for r in ds.itertuples()}


SHARES = ["defence_share_gdp", "milex_share_gdp"]


@pytest.mark.parametrize("release", sorted(ms.RELEASES))
def test_a_spending_frame_comes_from_the_one_release_asked_for(release):
    countries = ["DEU", "ISL", "MLI", "USA", "POL"]
    frame = ms.evaluate("spending_pct_gdp", countries, 2010, 2022, release=release)
    assert frame["release"].eq(release).all()
    rows = _release_rows(release, SHARES, countries, 2010, 2022)
    got = {(r.iso3, r.year): r.value for r in frame.itertuples()}
    assert got.keys() == rows.keys()
    assert all((math.isnan(v) and math.isnan(rows[k])) or v == rows[k] for k, v in got.items())
    isl = frame[frame.iso3 == "ISL"]  # Iceland has no armed forces: missing, flagged, never zero
    assert isl["value"].isna().all() and isl["flag"].str.contains("not_reported").all()


def test_the_default_release_is_the_one_that_covers_the_selection_best(nato19):
    ds = load("defence_spending")
    ds = ds[ds.indicator.isin(SHARES) & ds.value.notna()]

    def coverage(release, countries, start, end):
        rows = ds[(ds.release == release) & ds.iso3.isin(countries) & ds.year.between(start, end)]
        return (int((rows.year == end).sum()), len(rows))

    for countries, start, end in [(["DEU", "ISL", "MLI"], 2012, 2019), (nato19, 2014, 2019), (nato19, 2012, 2019),
                                  (groups.nato_members(2024), 2014, 2024), (["USA", "DEU"], 1995, 2005)]:
        expected = {r: coverage(r, countries, start, end) for r in ms.SPENDING_RELEASES}
        assert ms.release_coverage("spending_pct_gdp", countries, start, end) == expected
        best = max(expected.values())
        tied = [r for r in ms.SPENDING_RELEASES if expected[r] == best]
        chosen = ms.evaluate("spending_pct_gdp", countries, start, end)["release"].unique().tolist()
        assert chosen == [tied[0]], (countries, start, end, expected)  # ties: NATO's newest, then 2019, then SIPRI
    assert ms.best_release("spending_pct_gdp", ["DEU", "ISL", "MLI"], 2012, 2019) == "sipri_2022"  # Mali: SIPRI only
    assert ms.best_release("spending_pct_gdp", nato19, 2012, 2019) == "nato_2019_06"
    assert ms.best_release("troops_per_million", nato19, 2012, 2019) is None


@pytest.mark.parametrize("key", sorted(k for k, m in ms.MEASURES.items() if m.releases))
def test_no_spending_measure_mixes_releases(key, nato19):
    for countries, start, end in [(nato19 + ["MLI", "NER"], 2010, 2020), (groups.nato_members(2024), 2014, 2024)]:
        frame = ms.evaluate(key, countries, start, end)
        assert frame["release"].nunique() == 1, frame["release"].unique()
        for release in ms.MEASURES[key].releases:
            assert set(ms.evaluate(key, countries, start, end, release=release)["release"]) == {release}


def test_a_release_the_measure_does_not_have_is_a_clear_error():
    with pytest.raises(ms.MeasureError, match="no release 'nato_2019_06'.*sipri_2022"):
        ms.evaluate("spending_per_capita", ["USA"], 2015, 2019, release="nato_2019_06")
    with pytest.raises(ms.MeasureError, match="not drawn from a release"):
        ms.evaluate("troops_deployed", ["USA"], 2015, 2019, release="sipri_2022")
    assert ms.LEGACY_SPLICE not in ms.RELEASES  # the old splice is only for reading old saved evidence


def test_select_is_the_selection_the_explorer_and_evidence_share(nato19):
    sel = ms.select("spending_vs_gdp_share", nato19, 2014, 2019)
    assert sel.release == "nato_2025_08" and sel.frame["release"].eq("nato_2025_08").all()
    assert sel.values == {**ms.values_for_year(sel.frame, 2019), "ISL": None} and sel.missing == ("ISL",)
    assert all(ms.statement_holds(s, sel.values) for s in sel.statements)
    with pytest.raises(ms.MeasureError, match="no data .* in 2019.*NATO, August 2025"):
        ms.select("spending_pct_gdp", ["MLI", "NER"], 2015, 2019, release="nato_2025_08")


def test_us_troops_caveats_are_carried_through():
    frame = ms.evaluate("us_troops_hosted", ["AFG", "IRQ", "DEU"], 2003, 2021)
    afg = frame[frame.iso3 == "AFG"].set_index("year")["flag"]
    assert "estimate" in afg[2005]
    deu = frame[frame.iso3 == "DEU"].set_index("year")["flag"]
    # Germany is a DMDC count every year; 2006 and 2007 carry the note that troopdata's two parses disagree
    assert deu.drop([2006, 2007]).eq("").all() and deu[[2006, 2007]].eq("source_issue").all()


def test_share_of_spending_vs_gdp_is_relative_to_the_group(nato19):
    frame = ms.evaluate("spending_vs_gdp_share", nato19, 2019, 2019).dropna(subset=["value"])
    # the GDP-weighted mean of the ratio is 1 by construction
    assert math.isclose((frame["gdp_share"] * frame["value"]).sum(), 1.0, rel_tol=1e-9)
    assert math.isclose(frame["spending_share"].sum(), 1.0, rel_tol=1e-9)
    assert frame.set_index("iso3").loc["USA", "value"] > 1


def test_normalisations():
    share = ms.evaluate("spending_usd", ["USA", "GBR", "FRA"], 2010, 2012, "share")
    assert share.groupby("year")["value"].sum().round(9).eq(100).all()
    index = ms.evaluate("spending_usd", ["USA", "GBR"], 2010, 2012, "index")
    assert index[index.year == 2010]["value"].round(9).eq(100).all()


def test_presets_come_from_the_data():
    assert len(groups.preset_countries("nato", 2019)) == 29
    assert "MNE" not in groups.nato_members(2016) and "MNE" in groups.nato_members(2017)
    assert {"FIN", "SWE"} <= set(groups.nato_members(2024)) and "FIN" not in groups.nato_members(2022)
    assert groups.g5_sahel() == ["BFA", "MLI", "MRT", "NER", "TCD"]
    assert {"GBR", "POL", "AUS"} <= set(groups.coalition_members("iraq"))
    assert "USA" in groups.coalition_members("isaf")


def test_statements_are_true_of_the_values(nato19):
    frame = ms.evaluate("spending_pct_gdp", nato19, 2019, 2019)
    values = ms.values_for_year(frame, 2019)
    statements = ms.compare_statements("spending_pct_gdp", values, 2019, ms.country_names())
    assert statements and all(ms.statement_holds(s, values) for s in statements)
    assert "United States spends a larger share of GDP on defence than" in statements[0]["text"]
    flipped = dict(statements[0], relation="less")
    assert ms.statement_holds(flipped, values) is False


@pytest.mark.parametrize("args,words", [
    (("spending_pct_gdp", [], 2010, 2019), "no country chosen"),
    (("spending_pct_gdp", ["USA"], 2019, 2010), "reversed"),
    (("burden_of_proof", ["USA"], 2010, 2019), "unknown measure"),
    (("spending_pct_gdp", ["USA"], "twenty", 2019), "whole numbers"),
])
def test_bad_requests_raise_a_clear_measure_error(args, words):
    with pytest.raises(ms.MeasureError, match=words):
        ms.evaluate(*args)
    with pytest.raises(ms.MeasureError, match="normalisation"):
        ms.evaluate("spending_pct_gdp", ["USA"], 2010, 2019, "per_banana")


def test_measures_do_not_modify_the_cached_tables():
    before = load("us_troops_abroad").copy()
    ms.evaluate("us_troops_hosted_per_million", ["DEU"], 2000, 2010)
    pd.testing.assert_frame_equal(load("us_troops_abroad"), before)


def test_presets_read_the_memberships_table():
    m = load("memberships")
    assert groups.nato_members(2019) == sorted(m[(m.group == "NATO") & (m.joined < "2020")].iso3)
    assert len(groups.nato_members(1990)) == 16 and "ESP" in groups.nato_members(1982) and "ESP" not in groups.nato_members(1981)
    assert len(groups.nato_members(2024)) == 32 and "MKD" in groups.nato_members(2020)
    assert groups.g5_sahel(2022) == ["BFA", "MLI", "MRT", "NER", "TCD"]  # Mali left in May 2022
    assert groups.g5_sahel(2023) == ["BFA", "MRT", "NER", "TCD"]
    assert groups.g5_sahel(2024) == []
    assert not hasattr(ms, "NATO_ACCESSION_YEAR")


# ------------------------------------------------------------------ per-kernel cache of each measure over all rows
def _direct(key, countries, start, end, normalisation="none"):
    """The measure computed from the tables for this request only (a custom loader bypasses the cache)."""
    return ms.evaluate(key, countries, start, end, normalisation, loader=load)


@pytest.mark.parametrize("key", sorted(ms.MEASURES))
@pytest.mark.parametrize("normalisation", sorted(ms.NORMALISATIONS))
def test_the_cached_cut_equals_the_direct_computation(key, normalisation, nato19):
    hosts = ms.available_countries(key)
    requests = [(nato19 + ["XXX", "AFG", "IRQ", "MLI"], 2003, 2019), (["DEU"], 2019, 2019),
                (hosts, 1900, 2100), (hosts[::7], 2001, 2011), (["GBR", "CAN", "DNK", "USA", "POL", "AUS"], 2001, 2014)]
    for countries, start, end in requests:
        cached = ms.evaluate(key, countries, start, end, normalisation)
        direct = _direct(key, countries, start, end, normalisation)
        if len(direct) or len(cached):  # an empty answer may differ in dtypes only
            pd.testing.assert_frame_equal(cached, direct)
        assert list(cached.columns) == list(direct.columns)


def test_the_cache_holds_one_frame_per_measure_and_is_rebuilt_with_new_tables(monkeypatch):
    from course_utils import data

    first = ms.evaluate("us_troops_hosted", ["DEU"], 2000, 2010)
    tables, full = ms._FULL_FRAMES[("us_troops_hosted", None)]
    ms.evaluate("us_troops_hosted", ["JPN", "KOR"], 1990, 2020)
    assert ms._FULL_FRAMES[("us_troops_hosted", None)][1] is full  # computed once, cut per request
    first["value"] = 0.0  # the caller's frame is its own
    assert ms.evaluate("us_troops_hosted", ["DEU"], 2000, 2010)["value"].gt(0).all()
    data.clear_cache()  # new table objects (as after a reload): the cached frame is not reused
    try:
        ms.evaluate("us_troops_hosted", ["DEU"], 2000, 2010)
        assert ms._FULL_FRAMES[("us_troops_hosted", None)][0][0] is not tables[0]
    finally:
        data.clear_cache()
    ms.evaluate("spending_vs_gdp_share", ["DEU", "FRA"], 2015, 2019)
    assert not [k for k in ms._FULL_FRAMES if k[0] == "spending_vs_gdp_share"]  # group-relative: always computed for the selection


def test_a_custom_loader_is_used_not_the_cache():
    calls = []

    def loader(name):
        calls.append(name)
        return load(name)

    ms.evaluate("us_troops_hosted", ["DEU"], 2000, 2010)  # cache filled
    ms.evaluate("us_troops_hosted", ["DEU"], 2000, 2010, loader=loader)
    assert calls == ["us_troops_abroad"]


def test_values_for_year_ranks_largest_first_with_missing_last():
    frame = pd.DataFrame({"iso3": ["A", "B", "C", "D"], "year": [2019, 2019, 2019, 2018],
                          "value": [1.0, float("nan"), 3.0, 9.0]})
    assert ms.values_for_year(frame, 2019) == {"C": 3.0, "A": 1.0, "B": None}
    assert list(ms.values_for_year(frame, 2019)) == ["C", "A", "B"]
