"""sources: source_id -> citation, author, title, date, publisher, URL, licence, for every source the course cites.

Built last: it checks that every source a table cites (a ``*source_id`` column, a ``sources.csv: <id>`` in a note
column, a table's ``cited_sources``) has a row here.
"""
from __future__ import annotations

import pandas as pd

from ..schema import F
from ..table import EVERY_TABLE, BuildContext, Table

MAIN = "sources.csv"                              # one row per source (datasets/raw/sources.csv)
FACTS = "facts/sources.csv"                       # sources of the course fact sheet's tables
DESIGNATIONS = "facts/designations_sources.csv"   # sources added with the designations coverage
FACTS_TERMS = "Facts (not subject to copyright); cite the original source"
SOURCE_ID_RE = "[a-z0-9_]+"
NOTE_SOURCE_RE = r"sources\.csv: ([a-z0-9_]+)"   # a source cited in a note column


def added_sources(ctx: BuildContext, columns) -> pd.DataFrame:
    """Sources added with the designations coverage (datasets/raw/facts/designations_sources.csv): full citations with
    author, title, date and URL, in the columns of the main sources file."""
    extra = ctx.read(DESIGNATIONS, keep_default_na=False)
    extra = extra.assign(short=extra.source_id, licence=FACTS_TERMS)
    return extra.reindex(columns=list(columns), fill_value="")


def cited(ctx: BuildContext) -> dict[str, tuple[str, str]]:
    """Every source_id cited by the other tables -> (table, column) of its first citation."""
    out: dict[str, tuple[str, str]] = {}
    for name, df in ctx.built.items():
        for col in df.columns:
            if col == "source_id" or col.endswith("_source_id"):
                for sid in df[col]:
                    if sid:
                        out.setdefault(sid, (name, col))
        if "note" in df:
            for sid in df["note"].str.extractall(NOTE_SOURCE_RE)[0]:
                out.setdefault(sid, (name, "note"))
        for sid in ctx.declared[name].cited_sources:
            out.setdefault(sid, (name, "cited_sources"))
    # all cited: by a table, a flag note or a lesson
    for sid in ctx.read(DESIGNATIONS).source_id:
        out.setdefault(sid, ("sources", "source_id"))
    return out


def build(ctx: BuildContext) -> pd.DataFrame:
    main = ctx.read(MAIN, keep_default_na=False)
    main = pd.concat([main, added_sources(ctx, main.columns)], ignore_index=True)
    facts = ctx.read(FACTS, keep_default_na=False)
    facts = facts.assign(short=facts.source_id, licence=FACTS_TERMS)
    s = pd.concat([main, facts[main.columns]], ignore_index=True).fillna("")
    dup = s.source_id[s.source_id.duplicated()]
    if len(dup):
        raise ctx.error("the same source_id has two rows (datasets/raw/sources.csv, facts/sources.csv, "
                        "facts/designations_sources.csv)", column="source_id", value=sorted(dup)[0])
    bad = s.source_id[~s.source_id.str.fullmatch(SOURCE_ID_RE)]
    if len(bad):  # e.g. a merge conflict's marker line read as a row
        raise ctx.error(f"a source_id must match {SOURCE_ID_RE} (datasets/raw/sources.csv, facts/sources.csv, "
                        "facts/designations_sources.csv)", column="source_id", value=bad.iloc[0])
    known = set(s.source_id)
    for sid, (table, column) in sorted(cited(ctx).items()):
        if sid not in known:
            raise ctx.error(f"cited by table {table}, column {column}, but has no row: add one to datasets/raw/sources.csv",
                            file=f"datasets/raw/{MAIN}", column="source_id", value=sid)
    return s  # all of them: the lessons also cite sources that no table row uses (e.g. levitt_2021_jnslp)


TABLE = Table(
    name="sources",
    title="Sources: source_id -> citation, author, title, date, publisher, URL, licence",
    description=("Every source_id used in the other tables (and cited by the lessons), with the full citation, its parts "
                 "(author, title, date, publisher), a public URL or the reason there is none, licence/terms and a note. "
                 "Where a number was parsed from a primary source by a third party, the citation names that third party."),
    fields=[
        F("source_id", "string", "Identifier used in the source_id columns.", required=True, pattern=f"^{SOURCE_ID_RE}$"),
        F("short", "string", "Short label for charts."),
        F("citation", "string", "Full citation.", required=True),
        F("author", "string", "Person(s) or body that wrote or issued the text (empty when the publisher is the author)."),
        F("title", "string", "Title of the document, page, article or dataset (a description in brackets when untitled)."),
        F("publisher", "string", "Original publisher."),
        F("date", "string", "Date of the source: YYYY, YYYY-MM or YYYY-MM-DD, or a range 'start/end' for a series.",
          pattern=r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$"),
        F("url", "string", "Public URL of the source or of the copy that was checked; empty when there is none."),
        F("no_url_reason", "string", "Why there is no URL (empty when url is given)."),
        F("licence", "string", "Licence or terms of use."),
        F("note", "string", "Caveats."),
    ],
    primary_key=["source_id"],
    licenses=[{"name": "CC-BY-4.0", "title": "Compiled by the course (CC BY 4.0); each citation's work keeps its own terms",
               "path": "https://creativecommons.org/licenses/by/4.0/"}],
    source_ids=[],
    raw=["raw/" + MAIN, "raw/" + FACTS],
    reads_also=["raw/" + DESIGNATIONS],
    build=build,
    needs=EVERY_TABLE,
)
