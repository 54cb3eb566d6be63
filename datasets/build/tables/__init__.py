"""The registry: every shipped table, one module each in this folder, in the order of datapackage.json and the codebook.

To add a table, add its module name here (above "sources", which stays last); docs/datasets.md has the checklist.
The build order is worked out from what each table ``needs`` (``build_order``), not from this list.
"""
from __future__ import annotations

import importlib

from ..errors import BuildError
from ..table import EVERY_TABLE, EVERY_TABLE_WITH_COUNTRIES, Table

TABLES = [
    "us_troops_abroad",
    "us_troops_wars",
    "allied_deployments",
    "coalition_contributions",
    "defence_spending",
    "economy",
    "foreign_fighters",
    "sahel",
    "counter_isis_coalition",
    "designations",
    "events",
    "memberships",
    "sources",
]


def load_tables(names: list[str] = TABLES) -> list[Table]:
    """The declarations (each module's ``TABLE``), in registry order, checked."""
    out = []
    for name in names:
        try:
            module = importlib.import_module(f"{__name__}.{name}")
        except BuildError as e:  # raised while the file declares its table (e.g. FLAG with an unknown flag)
            e.table = e.table or name
            e.file = e.file or f"datasets/build/tables/{name}.py"
            raise
        except ModuleNotFoundError as e:
            if e.name != f"{__name__}.{name}":
                raise
            raise BuildError(f"the registry lists {name!r} but datasets/build/tables/{name}.py does not exist",
                             table=name) from None
        table = getattr(module, "TABLE", None)
        if not isinstance(table, Table):
            raise BuildError("the table file defines no TABLE = Table(...)", table=name,
                             file=f"datasets/build/tables/{name}.py")
        if table.name != name:
            raise BuildError(f"the file's Table is named {table.name!r}: a table's file is named after the table",
                             table=name, file=f"datasets/build/tables/{name}.py")
        table.check()
        out.append(table)
    return out


def _explicit_needs(tables: dict[str, Table]) -> dict[str, set[str]]:
    out = {}
    for t in tables.values():
        if isinstance(t.needs, str):
            out[t.name] = set()
            continue
        for n in t.needs:
            if n not in tables:
                raise BuildError(f"needs table {n!r}, which is not in the registry", table=t.name)
        out[t.name] = set(t.needs)
    return out


def _closure(needs: dict[str, set[str]], name: str) -> set[str]:
    seen, todo = set(), list(needs[name])
    while todo:
        n = todo.pop()
        if n not in seen:
            seen.add(n)
            todo.extend(needs[n])
    return seen


def dependencies(tables: list[Table]) -> dict[str, set[str]]:
    """Table name -> the tables it needs. A wildcard (EVERY_TABLE_WITH_COUNTRIES, then EVERY_TABLE) stands for every
    other table (with country columns) that does not itself need this one, directly or through another table."""
    by_name = {t.name: t for t in tables}
    needs = _explicit_needs(by_name)
    for wildcard in (EVERY_TABLE_WITH_COUNTRIES, EVERY_TABLE):
        for t in tables:
            if t.needs == wildcard:
                needs[t.name] = {u.name for u in tables if u.name != t.name
                                 and (wildcard == EVERY_TABLE or u.country_columns)
                                 and t.name not in _closure(needs, u.name)}
            elif isinstance(t.needs, str) and t.needs not in (EVERY_TABLE, EVERY_TABLE_WITH_COUNTRIES):
                raise BuildError(f"needs must be a tuple of table names, EVERY_TABLE or EVERY_TABLE_WITH_COUNTRIES, "
                                 f"not {t.needs!r}", table=t.name)
    return needs


def build_order(tables: list[Table]) -> list[Table]:
    """The tables in an order where each comes after the tables it needs (registry order where free)."""
    needs = dependencies(tables)
    done: list[str] = []
    pending = [t.name for t in tables]
    while pending:
        ready = next((n for n in pending if needs[n] <= set(done)), None)
        if ready is None:
            raise BuildError(f"these tables need each other (a cycle): {', '.join(pending)}", table=pending[0])
        done.append(ready)
        pending.remove(ready)
    by_name = {t.name: t for t in tables}
    return [by_name[n] for n in done]
