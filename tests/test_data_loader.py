"""course_utils.data: dtypes, caching, copy semantics, and clear DataErrors on corrupted copies."""
import shutil
from pathlib import Path

import pandas as pd
import pytest

from course_utils import data
from course_utils.data import DataError
from helpers import table_names

DATASETS = Path(__file__).resolve().parents[1] / "datasets"


@pytest.fixture
def corrupt_dir(tmp_path, monkeypatch):
    d = tmp_path / "datasets"
    d.mkdir()
    for p in list(DATASETS.glob("*.csv")) + [DATASETS / "datapackage.json"]:
        shutil.copyfile(p, d / p.name)
    monkeypatch.setenv("COURSE_DATASETS_DIR", str(d))
    return d


def edit_line(path: Path, lineno: int, fn):
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[lineno - 1] = fn(lines[lineno - 1])
    path.write_text("\n".join(lines), encoding="utf-8")


def test_list_tables():
    t = data.list_tables()
    assert list(t.columns) == ["name", "title", "description", "rows"]
    assert list(t.name) == table_names() and "memberships" in set(t.name) and "us_troops_abroad" in set(t.name)


@pytest.mark.parametrize("name", list(data.list_tables().name))
def test_every_table_loads(name):
    df = data.load(name)
    assert len(df) == int(data.list_tables().set_index("name").loc[name, "rows"])


def test_dtypes():
    t = data.load("us_troops_abroad")
    assert t["year"].dtype == "int64"
    assert str(t["troops"].dtype) == "Int64" and t["troops"].isna().any()
    assert pd.api.types.is_string_dtype(t["country"])
    ds = data.load("defence_spending")
    assert ds["value"].dtype == "float64"


def test_describe_caveats_citation_sources():
    d = data.describe("us_troops_abroad")
    assert list(d.columns) == ["column", "type", "unit", "description"]
    assert "troops" in set(d.column)
    cav = data.caveats("us_troops_abroad")
    assert any(c.startswith("not_reported:") for c in cav)
    assert "Allen" in data.citation("troopdata_legacy")
    assert "source_id" in data.sources().columns
    with pytest.raises(DataError, match="unknown source_id"):
        data.citation("nope")


def test_unknown_table_lists_valid_names():
    with pytest.raises(DataError, match="us_troops_abroad") as e:
        data.load("us_troops")
    assert isinstance(e.value, ValueError)


def test_cached_and_copied():
    a = data.load("economy")
    b = data.load("economy")
    assert a is not b
    a.loc[:, "population"] = 0
    del a["gdp_usd"]
    c = data.load("economy")
    assert "gdp_usd" in c.columns and (c["population"] != 0).any()
    info = data._load_cached.cache_info()
    data.load("economy")
    assert data._load_cached.cache_info().hits == info.hits + 1


def test_cached_table_is_the_one_cached_object_until_the_cache_is_cleared():
    a = data.cached_table("economy")
    assert a is data.cached_table("economy")
    pd.testing.assert_frame_equal(a, data.load("economy"))
    data.clear_cache()
    try:
        assert data.cached_table("economy") is not a
    finally:
        data.clear_cache()


def test_missing_file(corrupt_dir):
    (corrupt_dir / "economy.csv").unlink()
    with pytest.raises(DataError) as e:
        data.load("economy")
    msg = str(e.value)
    assert "'economy'" in msg and "economy.csv" in msg and "not found" in msg


def test_renamed_column(corrupt_dir):
    edit_line(corrupt_dir / "us_troops_abroad.csv", 1, lambda s: s.replace("troops,", "troop_count,", 1))
    with pytest.raises(DataError) as e:
        data.load("us_troops_abroad")
    msg = str(e.value)
    assert "'us_troops_abroad'" in msg and "us_troops_abroad.csv" in msg
    assert "'troop_count'" in msg and "CSV line 1" in msg


def test_text_in_numeric_column(corrupt_dir):
    path = corrupt_dir / "us_troops_abroad.csv"
    edit_line(path, 11, lambda s: ",".join(v if i != 5 else "lots" for i, v in enumerate(s.split(","))))
    with pytest.raises(DataError) as e:
        data.load("us_troops_abroad")
    msg = str(e.value)
    assert "'troops'" in msg and "data row 10" in msg and "CSV line 11" in msg and "'lots'" in msg
    assert "us_troops_abroad.csv" in msg


def test_text_in_float_column(corrupt_dir):
    path = corrupt_dir / "economy.csv"
    header = path.read_text().split("\n")[0].split(",")
    col = header.index("gdp_usd")
    edit_line(path, 3, lambda s: ",".join(v if i != col else "n/a" for i, v in enumerate(s.split(","))))
    with pytest.raises(DataError, match=r"column 'gdp_usd', data row 2 \(CSV line 3\)"):
        data.load("economy")


def test_duplicated_key(corrupt_dir):
    path = corrupt_dir / "counter_isis_coalition.csv"
    lines = path.read_text().split("\n")
    lines.insert(3, lines[2])
    path.write_text("\n".join(lines))
    with pytest.raises(DataError) as e:
        data.load("counter_isis_coalition")
    msg = str(e.value)
    assert "duplicate primary key" in msg and "'date'" in msg and "data row 3" in msg and "data row 2" in msg
    assert "counter_isis_coalition.csv" in msg


def test_constraint_violation(corrupt_dir):
    path = corrupt_dir / "us_troops_wars.csv"
    header = path.read_text().split("\n")[0].split(",")
    col = header.index("measure")
    edit_line(path, 2, lambda s: ",".join(v if i != col else "guess" for i, v in enumerate(s.split(","))))
    with pytest.raises(DataError, match=r"column 'measure', data row 1 .*allowed values"):
        data.load("us_troops_wars")


def test_errors_are_not_pandas_tracebacks(corrupt_dir):
    (corrupt_dir / "events.csv").write_text("")
    with pytest.raises(DataError, match="empty"):
        data.load("events")


@pytest.mark.parametrize("name", ["designations", "sahel", "us_troops_abroad"])
def test_rows_come_sorted_by_primary_key_whatever_the_file_order(corrupt_dir, name):
    """load() returns rows in one documented order (the primary key), so no answer depends on the file's order."""
    import json
    import random

    pk = next(r for r in json.loads((corrupt_dir / "datapackage.json").read_text())["resources"]
              if r["name"] == name)["schema"]["primaryKey"]
    shipped = data.load(name)
    path = corrupt_dir / f"{name}.csv"
    header, *rows = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    random.Random(11).shuffle(rows)
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    data.clear_cache()
    shuffled = data.load(name)
    pd.testing.assert_frame_equal(shuffled, shipped)
    assert list(shuffled.index) == list(range(len(shuffled)))
    assert shuffled[pk].equals(shuffled[pk].sort_values(pk, kind="mergesort").reset_index(drop=True))
    assert "primary key" in (data.load.__doc__ or "")
