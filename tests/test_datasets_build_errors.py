"""The dataset build reports problems as BuildErrors that name the table, file, column and value; only the command
line turns them into a message and an exit code. The registry orders the tables by what they need."""
from __future__ import annotations

import ast
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # datasets/ is not installed as a package of its own (the wheel ships only the tables)
    sys.path.insert(0, str(ROOT))

from datasets.build import tables as registry  # noqa: E402
from datasets.build.errors import BuildError  # noqa: E402
from datasets.build.names import CountryNames  # noqa: E402
from datasets.build.raw import RawFolder  # noqa: E402
from datasets.build.schema import FLAG, SOURCE, F  # noqa: E402
from datasets.build.table import EVERY_TABLE, EVERY_TABLE_WITH_COUNTRIES, BuildContext, Table  # noqa: E402
from datasets.build.writing import finish  # noqa: E402

BUILD = ROOT / "datasets" / "build"


def toy(name="toy", needs=(), country_columns=(), raw=("raw/toy/",)) -> Table:
    return Table(name=name, title="t", description="d", fields=[F("iso3", "string", "c"), SOURCE(), FLAG([""])],
                 primary_key=["iso3"], licenses=[], source_ids=[], raw=list(raw), build=lambda ctx: None,
                 country_columns=country_columns, needs=needs)


def test_error_names_table_file_column_value():
    e = BuildError("bad", table="t", file="datasets/raw/x.csv", column="c", value="v")
    assert str(e) == "table t, file datasets/raw/x.csv, column c, value 'v': bad"
    assert str(BuildError("plain")) == "plain"


def test_unknown_flag_is_refused():
    with pytest.raises(BuildError, match=r"column flag, value 'bogus'.*flags\.py"):
        FLAG(["", "bogus"])


def test_duplicate_primary_key_names_table_and_key():
    df = pd.DataFrame({"iso3": ["USA", "USA"], "source_id": ["a", "a"], "flag": ["", ""]})
    with pytest.raises(BuildError, match=r"^table toy, value 'USA': 2 rows share a primary key"):
        finish(toy(), df)


def test_missing_column_is_named():
    with pytest.raises(BuildError, match=r"^table toy, column flag: the build function did not produce"):
        finish(toy(), pd.DataFrame({"iso3": ["USA"], "source_id": ["a"]}))


def test_undeclared_or_missing_raw_file(tmp_path):
    ctx = BuildContext(table=toy(), raw=RawFolder(tmp_path), names=CountryNames({}), built={}, declared={})
    with pytest.raises(BuildError, match=r"^table toy, file datasets/raw/other/x\.csv: reads a raw file it does not"):
        ctx.read("other/x.csv")
    with pytest.raises(BuildError, match=r"^table toy, file datasets/raw/toy/x\.csv: raw file not found"):
        ctx.read("toy/x.csv")
    with pytest.raises(BuildError, match=r"reads table 'economy' without declaring it"):
        ctx.frame("economy")


def test_registry_entry_without_a_file():
    with pytest.raises(BuildError, match=r"^table no_such_table: the registry lists 'no_such_table' but "
                                         r"datasets/build/tables/no_such_table\.py does not exist"):
        registry.load_tables(["no_such_table"])


def test_build_order_follows_needs():
    a, b = toy("a", country_columns=("iso3",)), toy("b", needs=("c",))
    c = toy("c", needs=EVERY_TABLE_WITH_COUNTRIES, country_columns=("iso3",))
    s = toy("s", needs=EVERY_TABLE)
    order = [t.name for t in registry.build_order([s, b, a, c])]
    assert order == ["a", "c", "b", "s"]
    deps = registry.dependencies([s, b, a, c])
    assert deps["c"] == {"a"} and deps["s"] == {"a", "b", "c"}  # b needs c, so c does not need b


def test_a_cycle_is_an_error():
    with pytest.raises(BuildError, match="need each other"):
        registry.build_order([toy("a", needs=("b",)), toy("b", needs=("a",))])


def test_shipped_build_order():
    order = [t.name for t in registry.build_order(registry.load_tables())]
    assert order.index("economy") > max(order.index(n) for n in ("us_troops_abroad", "allied_deployments", "sahel"))
    assert order.index("foreign_fighters") > order.index("economy") and order[-1] == "sources"


def test_no_exit_and_no_global_state_in_library_code():
    """Only the command line (build.main's caller, __main__.py) exits; no module rebinds a global."""
    entry_points = {"__main__.py", "build.py", "prepare_raw.py"}
    for path in BUILD.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            assert not isinstance(node, ast.Global), f"{path.relative_to(ROOT)}:{node.lineno}: global statement"
            if path.name not in entry_points and isinstance(node, ast.Name):
                assert node.id not in ("SystemExit", "exit"), f"{path.relative_to(ROOT)}:{node.lineno}: {node.id}"
    main_src = (BUILD / "build.py").read_text(encoding="utf-8")
    assert main_src.count("SystemExit") == 2  # script entry point and __name__ == "__main__"


def test_a_conflict_marker_in_the_sources_is_not_a_source(tmp_path):
    """A merge left ``<<<<<<< HEAD`` in a raw sources file: the build stops and names it (it once shipped as a row)."""
    import shutil
    import subprocess

    copy = tmp_path / "course"
    shutil.copytree(ROOT / "datasets", copy / "datasets", ignore=shutil.ignore_patterns("__pycache__"))
    raw = copy / "datasets" / "raw" / "facts" / "sources.csv"
    raw.write_text(raw.read_text(encoding="utf-8") + "<<<<<<< HEAD\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "datasets.build", "--out", str(tmp_path / "out")], cwd=copy,
                       capture_output=True, text=True)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stderr
    assert "column source_id, value '<<<<<<< HEAD': a source_id must match" in r.stderr, r.stderr
