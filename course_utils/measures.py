"""Burden-sharing measures as pure functions over the course tables.

Every measure returns a tidy frame, one row per country and year::

    iso3  country  year  value  measure  unit  flag  source_id  [+ the components it was computed from]

``flag`` carries the caveats of every input row (``estimate``, ``not_reported``, ``snapshot`` ...; several are
joined with ``;``), so a chart can draw them and a check can name them. A missing input gives a row with
``value`` NaN and the flag ``not_reported``, never a silent zero.

The same functions serve the burden explorer widget (what a student sees) and the argument checker (what the
autograder recomputes), so a saved statistic is checked by the very code that produced it: :func:`select` computes a
selection once, for the explorer's chart and table and for the evidence item made from it.

A spending measure is drawn from **one release** of the spending table (NATO August 2025, NATO June 2019 or SIPRI
2022: :data:`RELEASES`), chosen by the student or, by default, the one that covers the selection best
(:func:`best_release`). Releases are never spliced into one series. Nothing here imports
code of ours except ``course_utils.data``; nothing here imports widgets or altair. The groups of countries a
selection starts from (NATO in a year, the G5 Sahel, a coalition) are in :mod:`course_utils.groups`.

    >>> from course_utils.measures import evaluate
    >>> from course_utils.groups import preset_countries
    >>> frame = evaluate("spending_pct_gdp", preset_countries("nato", 2019), 2014, 2019)
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Iterable

import pandas as pd

from .data import join_flags as _join_flags
from .data import split_flags as flag_list  # this module's public name for it
from .numbers import format_number

__all__ = ["MEASURES", "NORMALISATIONS", "RELEASES", "Measure", "MeasureError", "Selection", "evaluate",
           "select", "release_coverage", "best_release", "release_label", "values_for_year",
           "compare_statements", "statement_holds", "country_names", "available_countries", "available_years",
           "flag_list"]

Loader = Callable[[str], pd.DataFrame]
COLUMNS = ["iso3", "country", "year", "value", "measure", "unit", "flag", "source_id"]


class MeasureError(ValueError):
    """A request the measures cannot answer (unknown measure, no countries, years reversed ...).

    The message is written for a student and names what to change."""


def _loader(loader: Loader | None) -> Loader:
    if loader is not None:
        return loader
    from .data import load

    return load


# ------------------------------------------------------------------------------------------------ flags
# Splitting a flag value into caveats and joining several is the flag vocabulary's rule (course_utils.data):
# flag_list (data.split_flags under this module's old public name) and _join_flags are imported at the top.


def _combine_flags(*cols: pd.Series) -> pd.Series:
    """Row-wise union of several flag columns."""
    frame = pd.concat([c.fillna("").astype(str) for c in cols], axis=1)
    return pd.Series([_join_flags(row) for row in frame.itertuples(index=False)], index=frame.index, dtype=object)


def _add_flag(flags: pd.Series, mask: pd.Series, flag: str) -> pd.Series:
    out = flags.astype(object).copy()
    out[mask] = [_join_flags([f, flag]) for f in out[mask]]
    return out


def _iso_ok(s: pd.Series) -> pd.Series:
    """Rows with a real ISO3 code (not empty, not missing, not an aggregate)."""
    return s.fillna("").astype(str).str.fullmatch(r"[A-Z]{3}")


def _agg_flags(s: pd.Series) -> str:
    return _join_flags(s)


# --------------------------------------------------------------------------------------------- measures
@dataclass(frozen=True)
class Measure:
    """One burden measure: how to compute it and how to say that one country has more of it than another."""

    key: str
    label: str
    unit: str
    tables: tuple[str, ...]
    more: str  # "X <more> Y": a sentence fragment for "X has a higher value than Y"
    less: str
    compute: Callable[..., pd.DataFrame] = field(repr=False)  # (load, countries, start, end[, release])
    group_relative: bool = False  # the value depends on which countries are selected
    note: str = ""
    releases: tuple[str, ...] = ()  # the defence_spending releases it can be drawn from (one per chart); () = none
    dataset: str | None = None  # the coalition_contributions dataset its rows come from (COALITION_DATASETS)

    @property
    def data_table(self) -> str:
        """The table the measure's numbers come from (``tables[0]``); the others only supply a denominator."""
        return self.tables[0]


# Where a table keeps a country's ISO3 code, when not in ``iso3`` (a deployment's contributing country)
COUNTRY_COLUMN = {"allied_deployments": "contributor_iso3"}
# The datasets of the coalition_contributions table (its ``dataset`` column) by theatre: read by the deaths measures
# here and by the coalition groups (course_utils.groups)
COALITION_DATASETS = {"iraq": "iraq_coalition_by_nation", "isaf": "isaf_troops_by_nation",
                      "afghanistan": "afghanistan_deaths_by_nation"}


def _years(df: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    return df[(df["year"] >= start) & (df["year"] <= end)]


def _countries(df: pd.DataFrame, countries: list[str] | None, col: str = "iso3") -> pd.DataFrame:
    return df if countries is None else df[df[col].isin(countries)]


def _finish(df: pd.DataFrame, measure: str, unit: str, extra: Iterable[str] = ()) -> pd.DataFrame:
    df = df.copy()
    df["measure"] = measure
    df["unit"] = unit
    df["value"] = pd.to_numeric(df["value"], errors="coerce").astype("float64")
    df["year"] = df["year"].astype("int64")
    df["flag"] = df["flag"].fillna("").astype(str)
    df.loc[df["value"].isna(), "flag"] = _add_flag(df["flag"], df["value"].isna(), "not_reported")
    cols = COLUMNS + [c for c in extra if c in df.columns]
    return df[cols].sort_values(["year", "iso3"], kind="mergesort").reset_index(drop=True)


def _sum_by(d: pd.DataFrame, col: str) -> pd.DataFrame:
    """Sum ``col`` per (iso3, year), keeping the name and the union of flags and sources.

    Written out (rather than one ``groupby.agg`` with Python callables) because it runs on every explorer update:
    most (iso3, year) keys are unique, and only the duplicated ones need aggregating."""
    keys = ["iso3", "year"]
    d = d[keys + ["country", col, "flag", "source_id"]].rename(columns={col: "value"})
    d = d.assign(value=pd.to_numeric(d["value"], errors="coerce").astype("float64"),
                 flag=d["flag"].fillna("").astype(str), source_id=d["source_id"].fillna("").astype(str))
    dup = d.duplicated(keys, keep=False)
    if not dup.any():
        return d.reset_index(drop=True)
    many = d[dup]
    g = many.groupby(keys, sort=False)
    agg = pd.DataFrame({"country": g["country"].first(), "value": g["value"].sum(min_count=1),
                        "flag": g["flag"].agg(_join_flags), "source_id": g["source_id"].agg(_join_flags)})
    return pd.concat([d[~dup], agg.reset_index()], ignore_index=True)


def _troops_deployed_raw(load: Loader, countries, start, end) -> pd.DataFrame:
    col = COUNTRY_COLUMN["allied_deployments"]
    d = _countries(_years(load("allied_deployments"), start, end), countries, col)
    d = d[_iso_ok(d[col])]
    d = d.rename(columns={col: "iso3", "contributor": "country"})
    return _sum_by(d, "troops")


def _troops_deployed(load, countries, start, end):
    return _finish(_troops_deployed_raw(load, countries, start, end), "troops_deployed", "persons")


def _per_million(load: Loader, df: pd.DataFrame, countries, start, end) -> pd.DataFrame:
    """``df`` (iso3, year, value, flag, source_id) divided by population in millions (economy table)."""
    eco = _countries(_years(load("economy"), start, end), countries)[["iso3", "year", "population", "flag",
                                                                      "source_id"]]
    m = df.merge(eco, on=["iso3", "year"], how="left", suffixes=("", "_pop"))
    pop = pd.to_numeric(m["population"], errors="coerce").astype("float64")
    m["count"] = m["value"]
    m["value"] = m["count"] / (pop / 1e6)
    m["flag"] = _combine_flags(m["flag"], m["flag_pop"])
    m["source_id"] = _combine_flags(m["source_id"], m["source_id_pop"])
    m["population"] = pop
    return m


def _troops_per_million(load, countries, start, end):
    raw = _troops_deployed_raw(load, countries, start, end)
    return _finish(_per_million(load, raw, countries, start, end), "troops_per_million",
                   "troops deployed per million population", extra=["count", "population"])


def _us_troops_raw(load: Loader, countries, start, end) -> pd.DataFrame:
    d = _countries(_years(load("us_troops_abroad"), start, end), countries)
    d = d[_iso_ok(d["iso3"])]
    return _sum_by(d, "troops")


def _us_troops_hosted(load, countries, start, end):
    return _finish(_us_troops_raw(load, countries, start, end), "us_troops_hosted", "U.S. active-duty personnel")


def _us_troops_hosted_per_million(load, countries, start, end):
    raw = _us_troops_raw(load, countries, start, end)
    return _finish(_per_million(load, raw, countries, start, end), "us_troops_hosted_per_million",
                   "U.S. personnel per million population", extra=["count", "population"])


# The releases of the defence_spending table that a spending measure can be drawn from, in the order preferred when
# two cover a selection equally well (NATO's newest, NATO's 2019, then SIPRI). One chart, one evidence item, one
# release: NATO revises its whole series in every release and SIPRI defines spending more broadly, so values from two
# releases are never put in one series (lessons 03 and 08 teach students not to splice them).
SPENDING_RELEASES = ("nato_2025_08", "nato_2019_06", "sipri_2022")
RELEASES = {
    "nato_2025_08": "NATO, August 2025 release (2014-2024; transcribed)",
    "nato_2019_06": "NATO, June 2019 release (2012-2019)",
    "sipri_2022": "SIPRI Military Expenditure Database, 2022 release (1990-2020)",
}
# Only for reading evidence saved before course_utils kept to one release: the old per-country-year splice
# (newest NATO release, else NATO 2019, else SIPRI). Never offered to students; see arguments._legacy_release.
LEGACY_SPLICE = "spliced (before one release per chart)"
_SHARE_INDICATORS = ("defence_share_gdp", "milex_share_gdp")


def _one_series(load: Loader, indicators: Iterable[str], release: str, countries, start, end) -> pd.DataFrame:
    """One value per country and year from the long defence_spending table, all from ``release``."""
    d = load("defence_spending")
    d = _countries(_years(d[d["indicator"].isin(list(indicators))], start, end), countries)
    if release == LEGACY_SPLICE:
        rank = {r: i for i, r in enumerate(SPENDING_RELEASES)}
        d = d.assign(_has=d["value"].notna().map({True: 0, False: 1}),
                     _rank=d["release"].map(rank).fillna(len(rank)))
        d = d.sort_values(["iso3", "year", "_has", "_rank"], kind="mergesort")
    else:
        d = d[d["release"] == release]
    d = d.drop_duplicates(["iso3", "year"], keep="first")
    return d[["iso3", "country", "year", "value", "flag", "source_id", "release", "unit"]].rename(
        columns={"unit": "source_unit"})


def _spending_pct_gdp(load, countries, start, end, release):
    return _finish(_one_series(load, _SHARE_INDICATORS, release, countries, start, end), "spending_pct_gdp",
                   "% of GDP", extra=["release", "source_unit"])


def _spending_per_capita(load, countries, start, end, release):
    d = _one_series(load, ["milex_per_capita_usd_2019"], release, countries, start, end)
    return _finish(d, "spending_per_capita", "US$ per person (constant 2019 prices)", extra=["release"])


def _spending_usd(load, countries, start, end, release):
    d = _one_series(load, ["milex_usd_2019"], release, countries, start, end)
    return _finish(d, "spending_usd", "US$ (constant 2019 prices)", extra=["release"])


def _spending_vs_gdp_share(load, countries, start, end, release):
    """(country's share of the group's defence spending) / (its share of the group's GDP).

    Spending is % of GDP x GDP (economy table), so both shares rest on one GDP series; the ratio equals the
    country's % of GDP over the group's GDP-weighted average. Above 1: it carries more than its economic weight."""
    pct = _one_series(load, _SHARE_INDICATORS, release, countries, start, end)
    eco = _countries(_years(load("economy"), start, end), countries)[["iso3", "year", "gdp_usd", "flag",
                                                                      "source_id"]]
    m = pct.merge(eco, on=["iso3", "year"], how="left", suffixes=("", "_gdp"))
    gdp = pd.to_numeric(m["gdp_usd"], errors="coerce").astype("float64")
    spend = m["value"] / 100 * gdp
    ok = spend.notna() & gdp.notna()
    tot_spend = spend.where(ok).groupby(m["year"]).transform("sum")
    tot_gdp = gdp.where(ok).groupby(m["year"]).transform("sum")
    m["spending_share"] = (spend / tot_spend).where(ok)
    m["gdp_share"] = (gdp / tot_gdp).where(ok)
    m["value"] = m["spending_share"] / m["gdp_share"]
    m["flag"] = _combine_flags(m["flag"], m["flag_gdp"])
    m["source_id"] = _combine_flags(m["source_id"], m["source_id_gdp"])
    return _finish(m, "spending_vs_gdp_share", "ratio (1 = share of spending equals share of GDP)",
                   extra=["spending_share", "gdp_share", "release"])


def _coalition_deaths(load: Loader, dataset: str, measure: str, countries, start, end) -> pd.DataFrame:
    c = load("coalition_contributions")
    c = c[(c["dataset"] == dataset) & (c["measure"] == measure)].copy()
    if "year" not in c.columns:
        date = c["period_end"].where(c["period_end"].astype(str) != "", c["as_of"])
        c["year"] = pd.to_datetime(date.astype(str)).dt.year
    c = _countries(_years(c[_iso_ok(c["iso3"])], start, end), countries)
    c = c.sort_values(["iso3", "year", "as_of"], kind="mergesort").drop_duplicates(["iso3", "year"], keep="last")
    return c[["iso3", "country", "year", "value", "flag", "source_id"]].assign(
        value=pd.to_numeric(c["value"], errors="coerce").astype("float64"))


def _afghanistan_deaths_per_million(load, countries, start, end):
    raw = _coalition_deaths(load, COALITION_DATASETS["afghanistan"], "cumulative_deaths", countries, start, end)
    return _finish(_per_million(load, raw, countries, start, end), "afghanistan_deaths_per_million",
                   "deaths since 2001 per million population", extra=["count", "population"])


def _iraq_deaths_per_million(load, countries, start, end):
    raw = _coalition_deaths(load, COALITION_DATASETS["iraq"], "deaths", countries, start, end)
    return _finish(_per_million(load, raw, countries, start, end), "iraq_deaths_per_million",
                   "deaths in Iraq per million population", extra=["count", "population"])


MEASURES: dict[str, Measure] = {m.key: m for m in [
    Measure("troops_deployed", "Troops deployed abroad (all missions)", "persons",
            ("allied_deployments",), "deploys more troops abroad than", "deploys fewer troops abroad than",
            _troops_deployed),
    Measure("troops_per_million", "Troops deployed abroad per million population",
            "troops deployed per million population", ("allied_deployments", "economy"),
            "deploys more troops abroad per million population than",
            "deploys fewer troops abroad per million population than", _troops_per_million),
    Measure("spending_pct_gdp", "Defence spending as % of GDP", "% of GDP", ("defence_spending",),
            "spends a larger share of GDP on defence than", "spends a smaller share of GDP on defence than",
            _spending_pct_gdp, releases=SPENDING_RELEASES,
            note="One release per chart: NATO's two releases and SIPRI define and revise spending differently."),
    Measure("spending_per_capita", "Defence spending per person", "US$ per person (constant 2019 prices)",
            ("defence_spending",), "spends more on defence per person than",
            "spends less on defence per person than", _spending_per_capita, releases=("sipri_2022",)),
    Measure("spending_usd", "Defence spending", "US$ (constant 2019 prices)", ("defence_spending",),
            "spends more on defence than", "spends less on defence than", _spending_usd, releases=("sipri_2022",)),
    Measure("spending_vs_gdp_share", "Share of the group's defence spending / share of its GDP",
            "ratio (1 = share of spending equals share of GDP)", ("defence_spending", "economy"),
            "carries more of the group's defence spending relative to its GDP than",
            "carries less of the group's defence spending relative to its GDP than",
            _spending_vs_gdp_share, group_relative=True, releases=SPENDING_RELEASES,
            note="Depends on the countries selected: the group is the selection, less any country without "
                 "data that year (shown as not reported). % of GDP from one release, times World Bank GDP."),
    Measure("afghanistan_deaths_per_million", "Coalition deaths in Afghanistan per million population",
            "deaths since 2001 per million population", ("coalition_contributions", "economy"),
            "lost more soldiers in Afghanistan per million population than",
            "lost fewer soldiers in Afghanistan per million population than", _afghanistan_deaths_per_million,
            dataset=COALITION_DATASETS["afghanistan"], note="Cumulative counts from press snapshots (flag: snapshot)."),
    Measure("iraq_deaths_per_million", "Coalition deaths in Iraq (2003-2011) per million population",
            "deaths in Iraq per million population", ("coalition_contributions", "economy"),
            "lost more soldiers in Iraq per million population than",
            "lost fewer soldiers in Iraq per million population than", _iraq_deaths_per_million,
            dataset=COALITION_DATASETS["iraq"]),
    Measure("us_troops_hosted", "U.S. troops stationed in the country", "U.S. active-duty personnel",
            ("us_troops_abroad",), "hosts more U.S. troops than", "hosts fewer U.S. troops than",
            _us_troops_hosted),
    Measure("us_troops_hosted_per_million", "U.S. troops hosted per million population",
            "U.S. personnel per million population", ("us_troops_abroad", "economy"),
            "hosts more U.S. troops per million population than",
            "hosts fewer U.S. troops per million population than", _us_troops_hosted_per_million),
]}

NORMALISATIONS = {
    "none": "as measured",
    "share": "% of the selection's total that year",
    "index": "index, first year with data = 100",
}


def _measure(key: str) -> Measure:
    if key not in MEASURES:
        raise MeasureError(f"unknown measure {key!r}: choose one of {', '.join(MEASURES)}.")
    return MEASURES[key]


def _check_request(countries, start, end, normalisation) -> tuple[list[str], int, int]:
    if countries is None or isinstance(countries, str):
        countries = [countries] if isinstance(countries, str) else []
    countries = [str(c).strip().upper() for c in countries if str(c).strip()]
    countries = list(dict.fromkeys(countries))
    if not countries:
        raise MeasureError("no country chosen: pick at least one ally (or a preset group).")
    try:
        start, end = int(start), int(end)
    except (TypeError, ValueError):
        raise MeasureError(f"the years must be whole numbers (got {start!r} and {end!r}).") from None
    if start > end:
        raise MeasureError(f"the years are reversed: {start} comes after {end}. Put the earlier year first.")
    if normalisation not in NORMALISATIONS:
        raise MeasureError(f"unknown normalisation {normalisation!r}: choose one of {', '.join(NORMALISATIONS)}.")
    return countries, start, end


# ------------------------------------------------------------------------------- per-kernel cache
# The explorer recomputes a measure on every change of its controls. The tables never change within a kernel
# (``course_utils.data.load`` caches them and hands out copies), and every measure that is not group-relative is
# row-local: its rows for some countries and years are exactly the rows of the measure over all countries and years,
# cut to those countries and years. So that frame is computed once per measure (and release), from the default
# loader's tables,
# and each request is a filter of it. The cache entry remembers the cached table objects it was computed from and is
# rebuilt when they change (another ``COURSE_DATASETS_DIR``, or the loader's cache cleared). A custom ``loader``
# bypasses the cache. tests/test_measures.py checks the cut against the direct computation for every such measure.
_ALL_YEARS = (-1_000_000, 1_000_000)
_FULL_FRAMES: dict[tuple[str, str | None], tuple[tuple, pd.DataFrame]] = {}


def _compute(m: Measure, load: Loader, countries, start, end, release: str | None) -> pd.DataFrame:
    return m.compute(load, countries, start, end, release) if m.releases else m.compute(load, countries, start, end)


def _full_frame(m: Measure, release: str | None) -> pd.DataFrame | None:
    """``m`` over every country and year of the default tables (cached), or None if it cannot be cut per row."""
    if m.group_relative:
        return None
    from . import data

    try:
        tables = tuple(data.cached_table(name) for name in m.tables)
    except Exception:  # noqa: BLE001 - let the direct computation raise its own message
        return None
    hit = _FULL_FRAMES.get((m.key, release))
    if hit is not None and len(hit[0]) == len(tables) and all(a is b for a, b in zip(hit[0], tables)):
        return hit[1]
    full = _compute(m, _loader(None), None, *_ALL_YEARS, release)
    _FULL_FRAMES[(m.key, release)] = (tables, full)
    return full


def release_coverage(measure: str, countries: Iterable[str], start: int, end: int, *,
                     loader: Loader | None = None) -> dict[str, tuple[int, int]]:
    """``{release: (countries with a value in end, country-years with a value)}`` for each release ``measure`` can
    be drawn from, in the order of preference; ``{}`` for a measure that is not drawn from a release."""
    m = _measure(measure)
    if not m.releases:
        return {}
    countries, start, end = _check_request(countries, start, end, "none")
    d = _loader(loader)("defence_spending")
    indicators = {"spending_pct_gdp": _SHARE_INDICATORS, "spending_vs_gdp_share": _SHARE_INDICATORS,
                  "spending_per_capita": ("milex_per_capita_usd_2019",),
                  "spending_usd": ("milex_usd_2019",)}[measure]
    d = d[d["indicator"].isin(indicators) & d["iso3"].isin(countries) & (d["year"] >= start) & (d["year"] <= end)
          & d["value"].notna()].drop_duplicates(["release", "iso3", "year"])
    out = {}
    for r in m.releases:
        rows = d[d["release"] == r]
        out[r] = (int((rows["year"] == end).sum()), int(len(rows)))
    return out


def best_release(measure: str, countries: Iterable[str], start: int, end: int, *,
                 loader: Loader | None = None) -> str | None:
    """The release that covers a selection best: most countries with a value in the end year (the ranked chart and
    an evidence item's statistic), then most country-years, then the order of :data:`SPENDING_RELEASES`.
    None for a measure that is not drawn from a release."""
    return _best(release_coverage(measure, countries, start, end, loader=loader))


def _best(coverage: dict[str, tuple[int, int]]) -> str | None:
    order = list(coverage)  # the order of preference breaks ties
    return max(order, key=lambda r: (*coverage[r], -order.index(r))) if order else None


def _check_release(m: Measure, release: str | None, countries, start, end, loader) -> str | None:
    if not m.releases:
        if release not in (None, ""):
            raise MeasureError(f"{m.label} is not drawn from a release of the spending table: choose no release.")
        return None
    if release in (None, ""):
        return best_release(m.key, countries, start, end, loader=loader)
    if release == LEGACY_SPLICE:
        return release
    if release not in m.releases:
        raise MeasureError(f"{m.label} has no release {release!r}: choose one of {', '.join(m.releases)}.")
    return release


def evaluate(measure: str, countries: Iterable[str], start: int, end: int, normalisation: str = "none", *,
             release: str | None = None, loader: Loader | None = None) -> pd.DataFrame:
    """The tidy frame of ``measure`` for ``countries`` (ISO3) in ``start``..``end``, optionally normalised.

    A spending measure is drawn from one ``release`` of the spending table (``RELEASES``; default: the one that
    covers the selection best, :func:`best_release`), never from several. Raises :class:`MeasureError` (a message
    for the student) on a request that cannot be answered."""
    m = _measure(measure)
    countries, start, end = _check_request(countries, start, end, normalisation)
    release = _check_release(m, release, countries, start, end, loader)
    full = _full_frame(m, release) if loader is None else None
    if full is None:
        frame = _compute(m, _loader(loader), countries, start, end, release)
    else:  # the same rows, cut from the measure over every country and year (computed once per kernel)
        keep = full["iso3"].isin(countries) & (full["year"] >= start) & (full["year"] <= end)
        frame = full[keep].reset_index(drop=True)
    if m.releases and release != LEGACY_SPLICE:
        frame = frame.assign(release=release)  # also on rows with no value (no row in that release)
    frame = frame.assign(raw_value=frame["value"])
    if normalisation == "share":
        total = frame.groupby("year")["value"].transform("sum")
        frame["value"] = frame["value"] / total * 100
        frame["unit"] = "% of the selection's total"
    elif normalisation == "index":
        first = (frame.dropna(subset=["value"]).sort_values("year").groupby("iso3")["value"].first())
        frame["value"] = frame["value"] / frame["iso3"].map(first) * 100
        frame["unit"] = "index (first year with data = 100)"
    frame["normalisation"] = normalisation
    return frame


@dataclass(frozen=True)
class Selection:
    """A selection computed once, for the explorer (what it draws) and for an evidence item (what it records):
    :func:`select` is the one function that computes it."""

    measure: str
    label: str
    tables: tuple[str, ...]
    countries: tuple[str, ...]
    start: int
    end: int
    normalisation: str
    release: str | None  # the one release the numbers come from (None: the measure has no releases)
    frame: pd.DataFrame = field(repr=False)
    year: int
    values: dict  # {iso3: value in ``year``}, largest first, None last
    names: dict  # {iso3: country name}
    flags: dict  # {iso3: caveat flags in ``year``}
    missing: tuple[str, ...]  # selected countries without a value in ``year``
    statements: tuple  # comparative statements true of ``values`` (dicts)
    unit: str
    coverage: dict  # release_coverage of the selection ({} for a measure without releases)

    @property
    def release_label(self) -> str:
        return release_label(self.release)


def release_label(release: str | None) -> str:
    """A release key in words (``""`` for None)."""
    if not release:
        return ""
    return RELEASES.get(release, str(release))


def select(measure: str, countries: Iterable[str], start: int, end: int, normalisation: str = "none", *,
           release: str | None = None, loader: Loader | None = None) -> Selection:
    """Compute a selection: the measure's frame from one release, each country's value in the end year, the
    caveats, the missing countries and the comparisons that are true of the values.

    Raises :class:`MeasureError` with a message for the student when it cannot be computed or has no data in the
    end year."""
    m = _measure(measure)
    countries, start, end = _check_request(countries, start, end, normalisation)
    coverage = release_coverage(measure, countries, start, end, loader=loader) if m.releases else {}
    if m.releases and release in (None, ""):
        release = _best(coverage)
    frame = evaluate(measure, countries, start, end, normalisation, release=release, loader=loader)
    at_year = frame[frame["year"] == end]
    values = values_for_year(at_year, end)
    if not any(v is not None for v in values.values()):
        years = sorted(frame.dropna(subset=["value"])["year"].unique())
        where = f" in {release_label(release)}" if release else ""
        hint = (f" This measure has data{where} for these countries in: {', '.join(map(str, years[-8:]))}."
                if years else f" None of these countries has data for this measure{where}: try others"
                + (" or another release." if m.releases and len(m.releases) > 1 else "."))
        raise MeasureError(f"no data for {m.label} in {end}.{hint}")
    values.update({c: None for c in countries if c not in values})  # no row in this release: no data, listed
    names = dict(zip(frame["iso3"].tolist(), frame["country"].tolist()))
    flags = {i: f for i, f in zip(at_year["iso3"].tolist(), at_year["flag"].tolist()) if f}
    missing = tuple(c for c in countries if values[c] is None)
    statements = tuple(compare_statements(measure, values, end, names, normalisation))
    unit = str(frame["unit"].iloc[0]) if len(frame) else m.unit
    return Selection(measure, m.label, tuple(m.tables), tuple(countries), start, end, normalisation,
                     release if m.releases else None, frame, end, values, names, flags, missing, statements, unit,
                     coverage)


def values_for_year(frame: pd.DataFrame, year: int) -> dict[str, float | None]:
    """``{iso3: value}`` in ``year``, largest first (missing values last, as None)."""
    rows = frame[frame["year"] == int(year)]
    pairs = [(c, None if pd.isna(v) else float(v)) for c, v in zip(rows["iso3"].tolist(), rows["value"].tolist())]
    pairs.sort(key=lambda p: (p[1] is None, -(p[1] or 0.0)))
    return dict(pairs)


# ------------------------------------------------------------------------------------- statements
def compare_statements(measure: str, values: dict[str, float | None], year: int, names: dict[str, str],
                       normalisation: str = "none", limit: int = 3) -> list[dict]:
    """Comparative statements that are true of ``values`` (``{iso3: value}``): top vs bottom, top vs second,
    second-to-last vs last. Each is a dict the checker can re-evaluate (``a``, ``b``, ``relation``) plus ``text``."""
    m = _measure(measure)
    known = [(k, v) for k, v in values.items() if v is not None and math.isfinite(v)]
    known.sort(key=lambda p: -p[1])
    pairs: list[tuple[int, int]] = []
    n = len(known)
    for i, j in ((0, n - 1), (0, 1), (n - 2, n - 1)):
        if 0 <= i < j < n and (i, j) not in pairs:
            pairs.append((i, j))
    out = []
    for i, j in pairs:
        (a, va), (b, vb) = known[i], known[j]
        if va == vb:
            continue
        if normalisation == "none":
            phrase = m.more
        else:
            phrase = f"has a higher value of “{m.label}” ({NORMALISATIONS[normalisation]}) than"
        out.append({"a": a, "b": b, "relation": "greater", "year": int(year),
                    "text": f"{names.get(a, a)} {phrase} {names.get(b, b)} in {year} "
                            f"({format_number(va, 'fixed')} vs {format_number(vb, 'fixed')})."})
        if len(out) >= limit:
            break
    return out


def statement_holds(statement: dict, values: dict[str, float | None]) -> bool | None:
    """Is a statement true of ``values``? None when one side has no value (nothing to compare)."""
    a, b = values.get(statement.get("a")), values.get(statement.get("b"))
    if a is None or b is None:
        return None
    rel = statement.get("relation")
    if rel == "greater":
        return a > b
    if rel == "less":
        return a < b
    return None


# ------------------------------------------------------------------------------------- look-ups
def country_names(*, loader: Loader | None = None) -> dict[str, str]:
    """``{iso3: name}`` from the economy table (one name per code across the course's tables)."""
    eco = _loader(loader)("economy")
    return dict(zip(eco["iso3"], eco["country"]))


def available_countries(measure: str, *, loader: Loader | None = None) -> list[str]:
    """ISO3 codes the measure's main table has rows for."""
    m = _measure(measure)
    load = _loader(loader)
    main = m.tables[0]
    df = load(main)
    col = COUNTRY_COLUMN.get(main, "iso3")
    if m.dataset:
        df = df[df["dataset"] == m.dataset]
    return sorted(set(df.loc[_iso_ok(df[col]), col]))


def available_years(measure: str, *, loader: Loader | None = None) -> tuple[int, int]:
    """First and last year of the measure's main table."""
    m = _measure(measure)
    df = _loader(loader)(m.tables[0])
    if "year" not in df.columns:  # coalition snapshots before the loader adds `year`
        dates = pd.to_datetime(df["as_of"].astype(str), errors="coerce")
        return int(dates.dt.year.min()), int(dates.dt.year.max())
    return int(df["year"].min()), int(df["year"].max())
