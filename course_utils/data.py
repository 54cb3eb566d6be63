"""The one way into the course tables: list them, load them (validated, typed, cached), read their codebook.

    from course_utils import data
    data.list_tables()
    troops = data.load("us_troops_abroad")
    data.describe("us_troops_abroad"); data.about("designations"); data.caveats("us_troops_abroad")
    data.citation("troopdata_legacy")
    data.flags()["estimate"].label          # the caveat flag vocabulary: "est."

The tables ship inside the package (``course_utils.datasets``: CSV files + ``datapackage.json``), so this works from
an editable install, from a wheel and from a lesson folder that holds only the notebook. Set the environment variable
``COURSE_DATASETS_DIR`` to load from another folder (the tests use it for corrupted copies).

Why a small hand-written validator instead of frictionless: this module is imported at every kernel start and by the
autograder; importing frictionless costs about a second and pulls in many dependencies. The checks below are driven by
``datapackage.json`` (field names, types, required, minimum/maximum, enum, pattern, primary key) and report the table,
file, column and row of the first problem. The tests validate the same package independently with frictionless.
"""
from __future__ import annotations

import csv
import functools
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Mapping

if TYPE_CHECKING:  # pandas is imported lazily inside the functions (import cost at kernel start)
    import pandas

__all__ = ["DataError", "Flag", "list_tables", "load", "cached_table", "clear_cache", "describe", "about", "citation",
           "sources", "caveats", "flags", "flag", "split_flags", "join_flags", "data_dir"]

ENV_VAR = "COURSE_DATASETS_DIR"
_INT_RE = re.compile(r"^[+-]?\d+$")


class DataError(ValueError):
    """A course table is missing, malformed or does not match its schema (message says table, file, column, row)."""


def data_dir() -> Path:
    """Folder holding the tables: ``$COURSE_DATASETS_DIR`` if set, else the installed ``course_utils.datasets``."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    from importlib.resources import files

    return Path(str(files("course_utils.datasets")))


@functools.lru_cache(maxsize=8)
def _package(folder: str) -> dict:
    path = Path(folder) / "datapackage.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"datapackage.json not found: {path} (is course_utils installed with its datasets?)") from None
    except json.JSONDecodeError as e:
        raise DataError(f"datapackage.json is not valid JSON: {path}, line {e.lineno}: {e.msg}") from None


def _resource(name: str) -> tuple[Path, dict]:
    folder = data_dir()
    pkg = _package(str(folder))
    for res in pkg["resources"]:
        if res["name"] == name:
            return folder, res
    valid = ", ".join(r["name"] for r in pkg["resources"])
    raise DataError(f"unknown table {name!r}. Valid names: {valid}")


def list_tables() -> "pandas.DataFrame":
    """All tables: name, title, description, rows."""
    import pandas as pd

    pkg = _package(str(data_dir()))
    return pd.DataFrame([{"name": r["name"], "title": r.get("title", ""), "description": r.get("description", ""),
                          "rows": r.get("rows")} for r in pkg["resources"]])


def describe(name: str) -> "pandas.DataFrame":
    """The codebook of one table: column, type, unit, description."""
    import pandas as pd

    _, res = _resource(name)
    return pd.DataFrame([{"column": f["name"], "type": f["type"], "unit": f.get("unit", ""),
                          "description": f.get("description", "")} for f in res["schema"]["fields"]])


def about(name: str, width: int = 110) -> str:
    """The table's title and description from the codebook (what it covers, its coverage rule and caveats), wrapped to
    ``width`` characters for printing: ``print(data.about("designations"))``."""
    import textwrap

    _, res = _resource(name)
    return res.get("title", name) + "\n\n" + textwrap.fill(res.get("description", ""), width)


def caveats(name: str) -> list[str]:
    """The flag values used in a table, each with its meaning (e.g. 'not_reported: ...')."""
    folder, _ = _resource(name)
    vocabulary = _flags(str(folder))
    df = _load_cached(str(folder), name)
    if "flag" not in df.columns:
        return []
    used = sorted(v for v in set(df["flag"]) if v)
    return [f"{v}: {vocabulary[v].meaning if v in vocabulary else '(undocumented flag)'}" for v in used]


# ------------------------------------------------------------------------------------- caveat flags
FLAG_SEPARATOR = ";"  # a measure joins the caveats of its inputs: "estimate;snapshot"


@dataclass(frozen=True)
class Flag:
    """One caveat flag of the vocabulary (``datapackage.json`` ``"flags"``, declared in datasets/build/flags.py)."""

    key: str      # the value in a table's flag column ("" = no caveat)
    name: str     # in words, for legends, tables and alt text ("not reported")
    label: str    # the short text a chart writes beside a flagged value ("no data")
    mark: str     # the Vega-Lite point shape drawn at a flagged value ("cross")
    meaning: str  # the codebook's definition


@functools.lru_cache(maxsize=8)
def _flags(folder: str) -> Mapping[str, Flag]:
    vocabulary = _package(folder).get("flags")
    if not isinstance(vocabulary, dict):
        raise DataError(f"datapackage.json in {folder} has no flag vocabulary (a top-level \"flags\" object)")
    out = {}
    for key, entry in vocabulary.items():
        try:
            out[key] = Flag(key, entry["name"], entry["label"], entry["mark"], entry["meaning"])
        except (KeyError, TypeError):
            raise DataError(f"datapackage.json in {folder}: flag {key!r} needs a name, label, mark and meaning "
                            f"(got {entry!r})") from None
    return MappingProxyType(out)


def flags() -> Mapping[str, Flag]:
    """The caveat flag vocabulary: ``{flag: Flag}`` for every flag a table may carry, ``""`` (no caveat) included,
    in the codebook's order. Read-only."""
    return _flags(str(data_dir()))


def flag(key: str, table: str | None = None) -> Flag:
    """The vocabulary entry of one flag; :class:`DataError` naming the flag (and ``table``) if it has none."""
    vocabulary = flags()
    if key in vocabulary:
        return vocabulary[key]
    where = f"table {table!r}: " if table else ""
    raise DataError(f"{where}flag {key!r} is not in the flag vocabulary (datapackage.json \"flags\", declared in "
                    f"datasets/build/flags.py). Known flags: {', '.join(repr(k) for k in vocabulary if k)}")


def split_flags(value: object) -> list[str]:
    """The caveats of one ``flag`` value: ``"estimate;snapshot"`` -> ``["estimate", "snapshot"]``; empty, missing
    (None, NaN, or its text ``"nan"``) -> ``[]``."""
    if not isinstance(value, str) or not value:
        return []
    return [f for f in value.split(FLAG_SEPARATOR) if f and f != "nan"]


def join_flags(values) -> str:
    """The union of several ``flag`` values, each caveat once, in order of first appearance."""
    seen: list[str] = []
    for v in values:
        for f in split_flags(v):
            if f not in seen:
                seen.append(f)
    return FLAG_SEPARATOR.join(seen)


def sources() -> "pandas.DataFrame":
    """The sources table (source_id, short, citation, publisher, url, licence, note)."""
    return load("sources")


def citation(source_id: str) -> str:
    """Full citation of a source_id, with its URL if any."""
    src = _load_cached(str(data_dir()), "sources")
    hit = src[src["source_id"] == source_id]
    if hit.empty:
        raise DataError(f"unknown source_id {source_id!r} (not in sources.csv)")
    row = hit.iloc[0]
    return row["citation"] + (f" {row['url']}" if row["url"] else "")


def load(name: str) -> "pandas.DataFrame":
    """Load a table as a DataFrame with proper dtypes, validated against datapackage.json (cached per kernel).

    Integers are ``int64`` (``Int64`` when the column has missing values), numbers ``float64``, text ``str``
    (missing text is the empty string). Raises :class:`DataError` naming table, file, column and row on any problem.
    Returns a copy, so changing it does not change what the next ``load`` returns.

    Row order is documented and stable: rows come sorted by the table's primary key (``describe(name)`` and the
    codebook give it; a stable sort on the typed values, index 0..n-1), whatever the order of lines in the CSV file.
    No answer should depend on row order: sort explicitly (e.g. by date) when a question asks for an order.
    """
    folder, _ = _resource(name)
    return _load_cached(str(folder), name).copy()


def cached_table(name: str) -> "pandas.DataFrame":
    """The kernel's cached table itself, not a copy as :func:`load` gives: read it, never change it.

    The same object comes back until the cache is cleared (:func:`clear_cache`) or ``COURSE_DATASETS_DIR`` points
    elsewhere, so code that derives something from a table and keeps it (the per-kernel frames of
    ``course_utils.measures``) can tell with ``is`` whether its source is still the one it used."""
    folder, _ = _resource(name)
    return _load_cached(str(folder), name)


def clear_cache() -> None:
    """Forget the tables read so far (the next :func:`load` reads and validates the files again)."""
    _load_cached.cache_clear()
    _package.cache_clear()


def _where(name: str, path: Path, col: str | None, row: int | None) -> str:
    s = f"table {name!r}, file {path}"
    if col is not None:
        s += f", column {col!r}"
    if row is not None:
        s += f", data row {row} (CSV line {row + 1})"
    return s


@functools.lru_cache(maxsize=64)
def _load_cached(folder: str, name: str) -> "pandas.DataFrame":
    import pandas as pd

    pkg = _package(folder)
    res = next((r for r in pkg["resources"] if r["name"] == name), None)
    if res is None:
        raise DataError(f"unknown table {name!r}. Valid names: {', '.join(r['name'] for r in pkg['resources'])}")
    path = Path(folder) / res["path"]
    fields = res["schema"]["fields"]
    expected = [f["name"] for f in fields]
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            header = next(csv.reader(fh), None)
    except FileNotFoundError:
        raise DataError(f"{_where(name, path, None, None)}: file not found") from None
    except UnicodeDecodeError as e:
        raise DataError(f"{_where(name, path, None, None)}: not UTF-8 text ({e.reason})") from None
    if not header:
        raise DataError(f"{_where(name, path, None, None)}: file is empty (no header line)")
    for col in header:
        if col not in expected:
            raise DataError(f"{_where(name, path, col, None)}: unexpected column in the header (CSV line 1); "
                            f"expected columns: {', '.join(expected)}")
    for col in expected:
        if col not in header:
            raise DataError(f"{_where(name, path, col, None)}: column missing from the header (CSV line 1)")
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[], encoding="utf-8")
    except Exception as e:  # malformed CSV (wrong number of fields, bad quoting...)
        raise DataError(f"{_where(name, path, None, None)}: cannot parse CSV: {e}") from None
    raw = raw[expected]
    out: dict[str, Any] = {}
    for f in fields:
        out[f["name"]] = _check_column(name, path, f, raw[f["name"]])
    df = pd.DataFrame(out)
    pk = res["schema"].get("primaryKey") or []
    if pk:
        dup = df.duplicated(pk, keep=False)
        if dup.any():
            rows = [int(i) + 1 for i in df.index[dup][:2]]
            vals = ", ".join(f"{k}={df.at[rows[0] - 1, k]!r}" for k in pk)
            raise DataError(f"{_where(name, path, ', '.join(pk), rows[1])}: duplicate primary key ({vals}); "
                            f"same key at data row {rows[0]} (CSV line {rows[0] + 1})")
        # Stable, documented order (see load): by primary key, not by the order of lines in the file.
        df = df.sort_values(pk, kind="mergesort").reset_index(drop=True)
    return df


def _check_column(name: str, path: Path, f: dict, s: "pandas.Series") -> "pandas.Series":
    import pandas as pd

    col, typ, cons = f["name"], f.get("type", "string"), f.get("constraints", {})
    empty = s == ""

    def fail(mask, problem):
        i = int(mask.to_numpy().nonzero()[0][0])
        raise DataError(f"{_where(name, path, col, i + 1)}: {problem} (value {s.iloc[i]!r})")

    if cons.get("required") and empty.any():
        fail(empty, "required value is missing")
    if typ == "integer":
        bad = ~empty & ~s.str.match(_INT_RE)
        if bad.any():
            fail(bad, "not an integer")
        vals = pd.to_numeric(s.where(~empty, None)).astype("Int64")
        if not empty.any():
            vals = vals.astype("int64")
    elif typ == "number":
        vals = pd.to_numeric(s.where(~empty, None), errors="coerce").astype("float64")
        bad = ~empty & vals.isna() & ~s.str.lower().isin(["nan", "inf", "-inf"])
        if bad.any():
            fail(bad, "not a number")
    else:
        vals = s.astype(str)
    present = ~empty
    if "minimum" in cons and typ in ("integer", "number"):
        low = present & (vals < cons["minimum"]).fillna(False).astype(bool)
        if low.any():
            fail(low, f"below the minimum {cons['minimum']}")
    if "maximum" in cons and typ in ("integer", "number"):
        high = present & (vals > cons["maximum"]).fillna(False).astype(bool)
        if high.any():
            fail(high, f"above the maximum {cons['maximum']}")
    if "enum" in cons:
        allowed = {str(v) for v in cons["enum"]}
        out = present & ~s.isin(allowed)
        if out.any():
            fail(out, f"not one of the allowed values {sorted(allowed)}")
    if "pattern" in cons:
        rx = re.compile(cons["pattern"])
        nomatch = present & ~s.map(lambda v: bool(rx.fullmatch(v)))
        if nomatch.any():
            fail(nomatch, f"does not match the pattern {cons['pattern']}")
    return vals
