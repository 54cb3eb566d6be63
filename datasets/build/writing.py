"""Typing, sorting and writing a built table: deterministic output (rows sorted by primary key, floats written with
``%.12g``, ``\\n`` line endings, UTF-8)."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from .errors import BuildError
from .table import Table

FLOAT_FORMAT = "%.12g"


def finish(table: Table, df: pd.DataFrame) -> pd.DataFrame:
    """The declared columns only, in order, typed (integer -> Int64, number -> float64, string -> str with "" for
    missing), sorted by the primary key; a missing column or a duplicate key is a BuildError."""
    missing = [c for c in table.columns if c not in df.columns]
    if missing:
        raise BuildError("the build function did not produce this declared column", table=table.name,
                         column=missing[0])
    df = df[table.columns].copy()
    for f in table.fields:
        col, typ = f["name"], f["type"]
        try:
            if typ == "integer":
                df[col] = pd.to_numeric(df[col]).astype("Int64")
            elif typ == "number":
                df[col] = pd.to_numeric(df[col]).astype("float64")
            else:
                df[col] = df[col].astype(object).where(df[col].notna(), "").astype(str)
        except (ValueError, TypeError) as e:
            raise BuildError(f"values do not convert to {typ}: {e}", table=table.name, column=col) from None
    df = df.sort_values(table.primary_key, kind="mergesort").reset_index(drop=True)
    dup = df.duplicated(table.primary_key, keep=False)
    if dup.any():
        first = df[dup].iloc[0]
        raise BuildError(f"{int(dup.sum())} rows share a primary key ({', '.join(table.primary_key)}); first:\n"
                         f"{df[dup].head(10)}", table=table.name,
                         value=", ".join(str(first[c]) for c in table.primary_key))
    return df


def write_csv(df: pd.DataFrame, path: Path) -> None:
    df.to_csv(path, index=False, lineterminator="\n", float_format=FLOAT_FORMAT, encoding="utf-8")


def write_json(obj: dict, path: Path) -> None:
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8", newline="\n")


def write_text(text: str, path: Path) -> None:
    path.write_text(text, encoding="utf-8", newline="\n")
