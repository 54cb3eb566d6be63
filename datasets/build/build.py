"""Build the course tables in ``datasets/`` from the raw files in ``datasets/raw/``.

Run from the repository root::

    python -m datasets.build            # writes into datasets/
    python -m datasets.build --out DIR  # writes into DIR (the tests rebuild into a temporary folder)

Each table is declared in its own file, ``datasets/build/tables/<table>.py`` (schema, codebook text, raw inputs,
build function), listed in the registry ``datasets/build/tables/__init__.py``; docs/datasets.md explains how to add
one. Reads only ``datasets/raw/``. Output is deterministic: rows sorted by primary key, floats written with
``%.12g``, ``\\n`` line endings, UTF-8. Not imported by ``course_utils``.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script (python datasets/build/build.py): run the package's module instead
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from datasets.build.build import main as _main

    raise SystemExit(_main())

import pandas as pd  # noqa: E402

from .errors import BuildError  # noqa: E402
from .names import CountryNames  # noqa: E402
from .package import codebook, datapackage  # noqa: E402
from .raw import RAW, RawFolder  # noqa: E402
from .table import BuildContext, Table  # noqa: E402
from .tables import TABLES, build_order, dependencies, load_tables  # noqa: E402
from .writing import finish, write_csv, write_json, write_text  # noqa: E402

DATASETS = Path(__file__).resolve().parents[1]


def build_tables(tables: list[Table], raw: RawFolder) -> dict[str, pd.DataFrame]:
    """The tables built from ``raw`` in dependency order, typed and sorted (name -> frame, in build order)."""
    needs = dependencies(tables)
    declared = {t.name: t for t in tables}
    country_names = CountryNames.from_raw(raw)
    built: dict[str, pd.DataFrame] = {}
    for table in build_order(tables):
        ctx = BuildContext(table=table, raw=raw, names=country_names,
                           built={n: df for n, df in built.items() if n in needs[table.name]},
                           declared={n: declared[n] for n in needs[table.name]})
        df = table.build(ctx)
        if not isinstance(df, pd.DataFrame):
            raise BuildError(f"the build function returned {type(df).__name__}, not a DataFrame", table=table.name)
        built[table.name] = finish(table, df)
    return built


def build(out: Path, raw: Path = RAW) -> dict[str, pd.DataFrame]:
    """Build every registered table and write the CSV files, datapackage.json and README.md into ``out``."""
    tables = load_tables(TABLES)
    built = build_tables(tables, RawFolder(raw))
    out.mkdir(parents=True, exist_ok=True)
    for table in tables:
        write_csv(built[table.name], out / table.path)
    pkg = datapackage(tables, {name: len(df) for name, df in built.items()})
    write_json(pkg, out / "datapackage.json")
    write_text(codebook(pkg, built["sources"], [t.attribution for t in tables if t.attribution]), out / "README.md")
    return built


def main(argv: list[str] | None = None) -> int:
    """The command line: build, print the row counts; a BuildError becomes a message on stderr and exit code 1."""
    ap = argparse.ArgumentParser(prog="python -m datasets.build", description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DATASETS, help="output folder (default: datasets/)")
    args = ap.parse_args(argv)
    try:
        tables = build(args.out)
    except BuildError as e:
        print(f"datasets.build: error: {e}", file=sys.stderr)
        return 1
    for k, v in tables.items():
        print(f"{k:26s} {len(v):6d} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
