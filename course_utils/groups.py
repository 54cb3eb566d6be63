"""Groups of countries a selection starts from: the members of an alliance in a year (from the ``memberships``
table), the contributors a coalition table lists, and the named presets the burden explorer offers.

    >>> from course_utils.groups import nato_members, preset_countries
    >>> nato_members(2004)[:3], preset_countries("g5_sahel")

Every function reads the course tables through a loader (default :func:`course_utils.data.load`), so the explorer
and the checks can pass their own; a group that cannot be read raises
:class:`~course_utils.measures.MeasureError` with a message for the student.
"""
from __future__ import annotations

import pandas as pd

from .measures import COALITION_DATASETS, Loader, MeasureError, _iso_ok, _loader

__all__ = ["PRESETS", "preset_countries", "nato_members", "g5_sahel", "coalition_members"]


def _members(load: Loader, group: str, year: int | None = None) -> list[str]:
    """ISO3 codes of ``group`` in the memberships table: members at some point of ``year`` (joined on or before
    31 Dec, not left before 1 Jan), or the founding members (earliest ``joined``) when ``year`` is None."""
    m = load("memberships")
    m = m[m["group"] == group]
    if m.empty:
        raise MeasureError(f"the memberships table has no rows for {group!r}.")
    joined = pd.to_datetime(m["joined"].astype(str))
    if year is None:
        return sorted(set(m.loc[joined == joined.min(), "iso3"]))
    left = pd.to_datetime(m["left"].astype(str).replace("", None), errors="coerce")
    ok = (joined.dt.year <= int(year)) & (left.isna() | (left.dt.year >= int(year)))
    return sorted(set(m.loc[ok, "iso3"]))


def nato_members(year: int, *, loader: Loader | None = None) -> list[str]:
    """ISO3 codes of NATO members in ``year`` (joined on or before 31 Dec of that year), from the memberships table."""
    return _members(_loader(loader), "NATO", int(year))


def g5_sahel(year: int | None = None, *, loader: Loader | None = None) -> list[str]:
    """The G5 Sahel from the memberships table: the five founding states (2014) by default, or the states that were
    members at some point of ``year``."""
    return _members(_loader(loader), "G5 Sahel", year)


def coalition_members(theatre: str = "iraq", *, loader: Loader | None = None) -> list[str]:
    """Contributors listed in the coalition tables: ``"iraq"`` (Carney 2011, 2003-2011) or ``"isaf"``
    (ISAF troop snapshots), the United States included where the table lists it."""
    c = _loader(loader)("coalition_contributions")
    dataset = COALITION_DATASETS.get(theatre)
    if dataset is None:
        raise MeasureError(f"unknown coalition {theatre!r}: choose 'iraq', 'isaf' or 'afghanistan'.")
    iso = c.loc[c["dataset"] == dataset, "iso3"]
    return sorted(set(iso[_iso_ok(iso)]))


PRESETS = {
    "nato": "NATO members (in the end year)",
    "g5_sahel": "G5 Sahel (founding members)",
    "iraq_coalition": "Iraq coalition 2003-2011",
    "isaf": "ISAF contributors",
}


def preset_countries(preset: str, year: int | None = None, *, loader: Loader | None = None) -> list[str]:
    """The ISO3 codes of a preset group (``PRESETS``); ``year`` matters for NATO (default 2019)."""
    if preset == "nato":
        return nato_members(2019 if year is None else year, loader=loader)
    if preset == "g5_sahel":
        return g5_sahel(loader=loader)
    if preset == "iraq_coalition":
        return coalition_members("iraq", loader=loader)
    if preset == "isaf":
        return coalition_members("isaf", loader=loader)
    raise MeasureError(f"unknown preset {preset!r}: choose one of {', '.join(PRESETS)}.")
