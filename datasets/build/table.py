"""What a table file declares (``Table``) and what its build function receives (``BuildContext``)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

import pandas as pd

from .errors import BuildError
from .names import CountryNames
from .raw import RawFolder

# Special values of Table.needs (see there).
EVERY_TABLE = "every table"
EVERY_TABLE_WITH_COUNTRIES = "every table with country codes"


@dataclass(frozen=True)
class Table:
    """One shipped table: its schema and codebook text (written into datapackage.json and the README), its raw
    inputs, and the function that builds it.

    name            file name without .csv; also the name ``course_utils.data.load`` takes
    title, description
                    codebook text (description: what a row is, the caveats a reader must know)
    fields          the columns, in order (``schema.F``, ``SOURCE()``, ``FLAG([...])``)
    primary_key     columns that identify a row; rows are written sorted by them
    licenses        licence entries of the package (name, title, path)
    source_ids      source_ids the table's rows use, listed in the package (empty: "one source per row")
    raw             raw inputs, relative to datasets/ ("raw/folder/" or "raw/folder/file.csv"); ``read`` refuses
                    any other file
    build           ``build(ctx) -> DataFrame`` with at least the declared columns
    country_columns columns holding ISO3 country codes (the economy table covers every country in them)
    needs           tables whose built frames ``build`` reads through ``ctx.frame(name)`` (they are built first), or
                    EVERY_TABLE / EVERY_TABLE_WITH_COUNTRIES: every such table that does not itself need this one
    cited_sources   source_ids the codebook text or a flag of the table cites (checked like the row sources)
    reads_also      raw files ``build`` reads that the codebook does not list under "Raw files"
    attribution     a paragraph the codebook prints at its end (credit a publisher asks for)
    """

    name: str
    title: str
    description: str
    fields: list[dict]
    primary_key: list[str]
    licenses: list[dict]
    source_ids: list[str]
    raw: list[str]
    build: Callable[["BuildContext"], pd.DataFrame]
    country_columns: Sequence[str] = ()
    needs: Sequence[str] | str = ()
    cited_sources: Sequence[str] = ()
    reads_also: Sequence[str] = ()
    attribution: str = ""

    @property
    def path(self) -> str:
        return f"{self.name}.csv"

    @property
    def columns(self) -> list[str]:
        return [f["name"] for f in self.fields]

    def check(self) -> None:
        """The declaration is consistent: key and country columns are declared fields, raw paths start with raw/."""
        for col in list(self.primary_key) + list(self.country_columns):
            if col not in self.columns:
                raise BuildError("primary key or country column is not one of the declared fields",
                                 table=self.name, column=col)
        for p in list(self.raw) + list(self.reads_also):
            if not p.startswith("raw/"):
                raise BuildError("raw inputs are given relative to datasets/, starting with raw/", table=self.name,
                                 value=p)


@dataclass(frozen=True)
class BuildContext:
    """What a table's build function may use: its raw files, the country names, the tables it needs."""

    table: Table
    raw: RawFolder
    names: CountryNames
    built: Mapping[str, pd.DataFrame]   # the built frames of the tables it needs, by name
    declared: Mapping[str, Table]       # their declarations

    def read(self, rel: str, **kw) -> pd.DataFrame:
        """A raw file (path relative to datasets/raw/) that the table declares in ``raw`` or ``reads_also``."""
        declared = [p[len("raw/"):] for p in list(self.table.raw) + list(self.table.reads_also)]
        if not any(rel == p or (p.endswith("/") and rel.startswith(p)) for p in declared):
            raise BuildError("reads a raw file it does not declare (add it to raw= in its table file)",
                             table=self.table.name, file=f"datasets/raw/{rel}")
        return self.raw.read(rel, table=self.table.name, **kw)

    def frame(self, name: str) -> pd.DataFrame:
        """A copy of the built (typed, sorted) frame of a table this one needs."""
        if name not in self.built:
            raise BuildError(f"reads table {name!r} without declaring it in needs=", table=self.table.name)
        return self.built[name].copy()

    def name_for(self, iso3, fallback: str) -> str:
        """The course's name for a country code (World Bank name, shortened), or ``fallback``."""
        return self.names.name_for(iso3, fallback)

    def error(self, message: str, **where) -> BuildError:
        """A BuildError naming this table (``raise ctx.error("...", column=..., value=...)``)."""
        return BuildError(message, table=self.table.name, **where)
