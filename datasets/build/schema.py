"""Building blocks of a table's schema: field constructors, common constraints and the facts licence.

A field is the Table Schema dict written into datapackage.json (name, type, description, unit, constraints), so what
a table file declares is exactly what the package and the codebook say.
"""
from __future__ import annotations

from .errors import BuildError
from .flags import FLAGS

ISO3 = {"pattern": "^([A-Z]{3})?$"}
ISO3_REQ = {"required": True, "pattern": "^[A-Z]{3}$"}
YEAR = {"required": True, "minimum": 1950, "maximum": 2030}
DATE = {"required": True, "pattern": r"^\d{4}-\d{2}-\d{2}$"}
PRECISION = {"required": True, "enum": ["day", "month", "year", "fiscal_year"]}

# Licence of the tables typed in from the course fact sheet (one cited source per row).
FACTS_LICENCE = [{"name": "other-at", "title": "Facts from public documents and news reports, one cited source per row "
                                               "(facts are not subject to copyright)"}]


def F(name: str, type_: str, description: str, unit: str | None = None, **constraints) -> dict:
    """One column: its name, type (string, integer, number), description, unit and constraints."""
    f = {"name": name, "type": type_, "description": description}
    if unit:
        f["unit"] = unit
    if constraints:
        f["constraints"] = constraints
    return f


def DATED(what: str = "Date") -> list[dict]:
    """The ``date``, ``date_precision`` and ``year`` columns of a table of dated facts (``what``: how its description
    names the date, e.g. "Date of the count")."""
    return [F("date", "string", f"{what} (YYYY-MM-DD; see date_precision).", **DATE),
            F("date_precision", "string", "day, month or year.", **PRECISION),
            F("year", "integer", "Year of date.", **YEAR)]


def SOURCE() -> dict:
    """The ``source_id`` column every table has (resolved in sources.csv)."""
    return F("source_id", "string", "Source of the row; resolve it in sources.csv (citation, URL, licence).",
             required=True, pattern="^[a-z0-9_]+$")


def FLAG(values) -> dict:
    """The ``flag`` column, limited to the flags the table uses (each must be in the vocabulary of flags.py)."""
    unknown = sorted(set(values) - set(FLAGS))
    if unknown:
        raise BuildError(f"flag(s) {unknown} are not in the flag vocabulary (datasets/build/flags.py)",
                         column="flag", value=unknown[0])
    return F("flag", "string", "Caveat for the row (empty = none); see the flag vocabulary.", enum=sorted(values))
