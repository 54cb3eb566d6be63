"""Graded answers are true of the world, under every declared variant (issue #11).

For lessons 00, 06 (Q4-Q6) and 07 (Q1-Q5) this test computes each question's answer from hand-written facts with
their sources (``tests/facts/``, not the course tables), then runs the question's own hidden tests (the code between
``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS`` in the solutions notebook, which compute the expected value
from the shipped tables) on that answer, for the default parameters and for every declared variant. If a table loses
or gains a row, or a question stops scoping itself to the period the table covers, the hidden test rejects the answer
the world gives and this test fails, naming the lesson, variant and question.

It also checks that the tables hold exactly the facts in scope, and recomputes the numbers the readings state about
these tables (lesson 07's chart description, key points and model answer).

For computed answers (lessons 00 Q1-Q4, 01 Q1-Q6, 02 Q1-Q7, 03 Q1-Q8, 04 Q1-Q6, 05 Q1-Q6, Q8 and Q9, 06 Q1-Q3, Q8 and Q9, 08 Q1-Q4) the facts are the sources'
published values (or dates) of every row the question can use (``tests/facts/world/``): see the section at the end of
this file.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from course_utils import load
from course_utils.variants import current_parameters, declaration

ROOT = Path(__file__).resolve().parents[1]
FACTS = Path(__file__).resolve().parent / "facts"
PEERS = ["AUS", "AUT", "BEL", "CAN", "DEU", "DNK", "ESP", "FIN", "FRA", "GBR", "ITA", "NLD", "NOR", "SWE", "USA"]
FIVE = {"USA", "GBR", "CAN", "AUS", "NZL"}
LAST_COMPLETE_YEAR = 2024  # far-right listings of the five governments are complete to the end of this year


def facts(name: str) -> list[dict]:
    with open(FACTS / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


WORLD = facts("designations_world.csv")
FAR_RIGHT = [f for f in WORLD if f["group_type"] == "far_right"]
HEZBOLLAH = [f for f in WORLD if f["group_type"] == "hezbollah"]


def notebook(lesson: str):
    return nbformat.read(ROOT / "solutions" / lesson / f"{lesson}.ipynb", as_version=4)


def parameter_sets(lesson: str) -> list[dict]:
    nb = notebook(lesson)
    return [current_parameters(nb, lesson)] + declaration(nb, lesson)[1]


def hidden_tests(lesson: str, grade_id: str) -> str:
    nb = notebook(lesson)
    cell = next(c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)
    m = re.search(r"### BEGIN HIDDEN TESTS\n(.*?)### END HIDDEN TESTS", cell.source, re.S)
    assert m, f"{lesson} {grade_id}: no hidden tests"
    return m.group(1)


def run_hidden(lesson: str, grade_id: str, params: dict, answers: dict) -> None:
    ns = {"pd": pd, "load": load, **params, **answers}
    try:
        exec(compile(hidden_tests(lesson, grade_id), f"{lesson}:{grade_id}", "exec"), ns)
    except AssertionError as e:
        raise AssertionError(f"{lesson} {grade_id} with {params}: the answer the world gives is graded wrong: {e}")


# ------------------------------------------------------------------------------------------ the tables hold the facts
def _key(r):
    return (r["group_type"], r["jurisdiction_iso3"], r["group"], r["scope"], r["date"], r["date_precision"])


def test_designations_in_scope_are_exactly_the_facts():
    t = load("designations")
    rows = [dict(zip(t.columns, v)) for v in t.astype(str).itertuples(index=False)]
    fr = {_key(r) for r in rows if r["group_type"] == "far_right" and r["jurisdiction_iso3"] in FIVE
          and int(r["year"]) <= LAST_COMPLETE_YEAR}
    assert fr == {_key(f) for f in FAR_RIGHT}, (
        f"far-right rows 2016-{LAST_COMPLETE_YEAR} differ from tests/facts/designations_world.csv: "
        f"only in table {sorted(fr - {_key(f) for f in FAR_RIGHT})}, only in facts {sorted({_key(f) for f in FAR_RIGHT} - fr)}")
    hz = {_key(r) for r in rows if r["group_type"] == "hezbollah"}
    assert hz == {_key(f) for f in HEZBOLLAH}, (
        f"Hezbollah rows differ from the facts: only in table "
        f"{sorted(hz - {_key(f) for f in HEZBOLLAH})}, only in facts {sorted({_key(f) for f in HEZBOLLAH} - hz)}")


def test_every_fact_names_its_source():
    for name in ("designations_world.csv", "events_world.csv", "troops_world.csv"):
        for i, f in enumerate(facts(name), start=2):
            assert len(f["source"]) > 10, f"tests/facts/{name} line {i}: no source"


def test_event_dates_are_the_facts():
    ev = load("events")
    attacks = set(ev.loc[ev["category"] == "far_right_attack", "date"])
    for f in facts("events_world.csv"):
        assert f["date"] in attacks, f"events: no far_right_attack dated {f['date']} ({f['event']})"


# --------------------------------------------------------------------------------------------------- lesson 07
def _world_far_right(upto_year: int) -> list[dict]:
    return [f for f in FAR_RIGHT if int(f["date"][:4]) <= upto_year]


def world_answers_07(p: dict) -> dict:
    fr = _world_far_right(LAST_COMPLETE_YEAR)
    mine = [f for f in fr if f["jurisdiction_iso3"] == p["JURISDICTION"]]
    n_listed = sum(1 for f in mine if int(f["date"][:4]) <= p["YEAR"])
    order = [f["jurisdiction_iso3"] for f in sorted((f for f in fr if p["GROUP"] in f["group"]), key=lambda f: f["date"])]
    first = min(f["date"] for f in mine if f["date"] >= p["EVENT"])
    lag = (int(first[:4]) - int(p["EVENT"][:4])) * 12 + int(first[5:7]) - int(p["EVENT"][5:7])
    us = {f["group"] for f in fr if f["jurisdiction_iso3"] == "USA"}
    not_by_us = sorted({f["group"] for f in mine} - us)
    k = sum(1 for f in fr if int(f["date"][:4]) == p["YEAR"])
    return {"n_listed": n_listed, "order": order, "lag_months": lag, "not_by_us": not_by_us,
            "burst": (k, round(k / len(fr), 2))}


@pytest.mark.parametrize("params", parameter_sets("07-extremism-at-home"), ids=str)
def test_lesson07_answers_true_of_the_world(params):
    assert params["YEAR"] <= LAST_COMPLETE_YEAR, "lesson 07: YEAR beyond the period the table covers completely"
    answers = world_answers_07(params)
    for q in range(1, 6):
        run_hidden("07-extremism-at-home", f"q{q}_tests", params, answers)


def test_lesson07_default_lag_is_the_reading_s_three_months():
    p = current_parameters(notebook("07-extremism-at-home"))
    assert (p["JURISDICTION"], p["EVENT"]) == ("CAN", "2019-03-15")
    assert world_answers_07(p)["lag_months"] == 3  # Christchurch (15 Mar 2019) -> Canada's first listings (Jun 2019)


def test_lesson07_numbers_in_the_prose():
    fr = _world_far_right(LAST_COMPLETE_YEAR)
    by_year = pd.Series([int(f["date"][:4]) for f in fr]).value_counts()
    # chart description and key point: "most listings fall in 2020 and 2021"
    assert by_year.get(2020, 0) + by_year.get(2021, 0) > len(fr) / 2
    # model answer: 2021 was the busiest year
    assert by_year.idxmax() == 2021 and (by_year == by_year.max()).sum() == 1
    # key point: Canada listed most; the UK came first (National Action, 2016)
    per_gov = pd.Series([f["jurisdiction_iso3"] for f in fr]).value_counts()
    assert per_gov.idxmax() == "CAN" and (per_gov == per_gov.max()).sum() == 1
    assert min(fr, key=lambda f: f["date"])["group"] == "National Action"
    # model answer: seven of Canada's eight far-right listings were of groups the U.S. had not designated
    can = {f["group"] for f in fr if f["jurisdiction_iso3"] == "CAN"}
    us = {f["group"] for f in fr if f["jurisdiction_iso3"] == "USA"}
    assert (len(can), len(can - us)) == (8, 7)
    # model answer: The Base was listed by four of the five governments, Canada first
    base = sorted((f for f in fr if f["group"] == "The Base"), key=lambda f: f["date"])
    assert len(base) == 4 and base[0]["jurisdiction_iso3"] == "CAN"
    text = "".join(c.source for c in notebook("07-extremism-at-home").cells)
    for claim in ("Most listings", "seven of Canada's eight", "four of the five governments, Canada first",
                  "2021 was the busiest year"):
        assert claim in text, f"lesson 07 no longer states {claim!r}: update this test with the prose"


# --------------------------------------------------------------------------------------------------- lesson 06
def world_answers_06(p: dict) -> dict:
    in_force = sorted((f for f in HEZBOLLAH if f["date"] <= p["AS_OF"]), key=lambda f: f["date"])
    latest: dict[str, str] = {}
    for f in in_force:
        latest[f["jurisdiction_iso3"] or "EU"] = f["scope"]
    n_entire = sum(1 for v in latest.values() if v == "entire organisation")
    # ff_per_million is ICSR's estimate over World Bank population (the table is the source of those numbers)
    ff = load("foreign_fighters")
    s = ff[(ff["as_of"] == p["SNAPSHOT"]) & ff["iso3"].isin(PEERS)].set_index("iso3").sort_index()
    threats = pd.DataFrame({"ff_per_million": (s["estimate"] / s["population"] * 1e6).round(1)})
    threats["hezbollah_scope"] = [latest.get(c, "none") for c in threats.index]
    coincide = sorted(threats.index[(threats["ff_per_million"] >= p["THRESHOLD"])
                                    & (threats["hezbollah_scope"] == "entire organisation")])
    return {"n_entire": n_entire, "threats": threats, "coincide": coincide}


@pytest.mark.parametrize("params", parameter_sets("06-diverging-threats"), ids=str)
def test_lesson06_q4_q6_true_of_the_world(params):
    assert params["AS_OF"] >= "2005-01-01", "lesson 06: AS_OF before the Netherlands' 2004 policy (known to the year only)"
    answers = world_answers_06(params)
    for q in (4, 5, 6):
        run_hidden("06-diverging-threats", f"q{q}_tests", params, answers)


# --------------------------------------------------------------------------------------------------- lesson 00
def test_us_troops_codes_and_2002_undercount_are_the_facts():
    t = load("us_troops_abroad")
    for f in facts("troops_world.csv"):
        rows = t[t["year"].between(int(f["first_year"]), int(f["last_year"]))]
        if f["kind"] == "code":
            got = set(rows.loc[rows["ccode"] == int(f["ccode"]), "iso3"])
            assert got == {f["iso3"]}, f"us_troops_abroad ccode {f['ccode']} {f['first_year']}-{f['last_year']}: {got}"
        else:
            flag = rows.loc[rows["iso3"] == f["iso3"], "flag"]
            assert list(flag) == ["source_issue"], f"us_troops_abroad {f['iso3']} 2002 should be flagged source_issue"
    assert t.loc[(t["ccode"] == 345) & (t["year"] == 2019), "country"].item() == "Serbia"


def world_answers_00(p: dict) -> dict:
    t = load("us_troops_abroad")
    y = t[(t["year"] == p["YEAR"]) & t["troops"].notna()]
    # a host is a place: its ISO3 code where it has one, else its troopdata code (never merge places without a code)
    places = {i if i else f"ccode {c}" for i, c, n in zip(y["iso3"], y["ccode"], y["troops"]) if n > 0}
    top5 = y["troops"].nlargest(5).sum()
    return {"n_hosts": len(places), "top5_share": round(float(100 * top5 / y["troops"].sum()), 1)}


@pytest.mark.parametrize("params", parameter_sets("00-orientation"), ids=str)
def test_lesson00_q1_q4_count_places_and_every_reported_row(params):
    answers = world_answers_00(params)
    run_hidden("00-orientation", "q1_tests", params, answers)
    run_hidden("00-orientation", "q4_tests", params, answers)


# ------------------------------------------------------------------- computed answers: the inputs are the sources'
# For questions that compute an answer from a table, "true of the world" means: the same computation on the values the
# source publishes gives the answer the autograder expects. tests/facts/world/<table>.csv holds, with its source, the
# published value of every row these questions can use (under any variant), copied from the source files (see
# tests/facts/README.md). The world's version of a table keeps only those rows, with the published values; each
# question's hidden tests run twice, once on the world's tables (recording the values they expect) and once on the
# shipped tables with the world's values as the answers. A question that uses a row outside the facts, or a table
# whose value differs from the source, fails here.
import math  # noqa: E402

import numpy as np  # noqa: E402
from scipy.stats import spearmanr  # noqa: E402

from course_utils import checks  # noqa: E402

WORLD_DIR = FACTS / "world"
REAL_EXPECT = {n: getattr(checks, n) for n in ("expect_equal", "expect_close", "expect_set")}  # before any patching
# table -> (the key of a row, as text; the column the facts give; rows of the table that are not candidates)
WORLD_TABLES = {
    "us_troops_wars": (lambda r: (r["iso3"], r["measure"], r["date"] if r["measure"] == "month_end_count"
                                  else str(r["year"])), "troops", lambda t: t["flag"] == "projection"),
    # a host is a place: its code, ISO3 code (empty for places without one) and region are part of what is checked
    "us_troops_abroad": (lambda r: (str(r["ccode"]), r["iso3"], r["region"], str(r["year"])), "troops", None),
    "coalition_contributions": (lambda r: (r["dataset"], r["iso3"], r["measure"], r["as_of"]), "value", None),
    "allied_deployments": (lambda r: (r["contributor_iso3"], str(r["year"]), r["mission"], r["host"]), "troops", None),
    "counter_isis_coalition": (lambda r: (r["date"],), "members", None),
    "economy": (lambda r: (r["iso3"], str(r["year"])), "population", None),
    "defence_spending": (lambda r: (r["release"], r["iso3"], str(r["year"]), r["indicator"]), "value", None),
    "sahel": (lambda r: (r["mission"], r["host"], r["date"], r["measure"]), "value", None),
    "foreign_fighters": (lambda r: (r["as_of"], r["iso3"]),
                         ("estimate_low", "estimate_high", "estimate", "population"), None),
    # no value column: a row is its key (the accession date is the fact)
    "memberships": (lambda r: (r["group"], r["iso3"], r["joined"]), None, None),
}
# lesson -> the questions checked here (the others: see tests/facts/README.md)
WORLD_QUESTIONS = {
    "00-orientation": ["q1", "q2", "q3", "q4"],
    "01-after-911": ["q1", "q2", "q3", "q4", "q5", "q6"],
    "02-wars-and-coalitions": ["q1", "q2", "q3", "q4", "q5", "q6", "q7"],
    "03-measuring-the-burden": ["q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8"],
    "04-burden-shifting-sahel": ["q1", "q2", "q3", "q4", "q5", "q6"],
    "05-credibility-and-withdrawal": ["q1", "q2", "q3", "q4", "q5", "q6", "q8", "q9"],
    "06-diverging-threats": ["q1", "q2", "q3", "q8", "q9"],
    "08-capstone-argument": ["q1", "q2", "q3", "q4"],
}


def _columns(column) -> tuple:
    """The value columns of a world table: none, one, or several (a tuple)."""
    return () if column is None else column if isinstance(column, tuple) else (column,)


def _text(v) -> str:
    """A table cell as the facts files write it ("" for a missing value)."""
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return ""
    return str(v)


def _world_facts(table: str) -> dict[tuple, dict]:
    key, _, _ = WORLD_TABLES[table]
    out = {}
    for i, f in enumerate(facts(f"world/{table}.csv"), start=2):
        k = key(f)
        assert k not in out, f"tests/facts/world/{table}.csv line {i}: {k} twice"
        out[k] = f
    return out


_WORLD_CACHE: dict[str, pd.DataFrame] = {}


def world_table(table: str) -> pd.DataFrame:
    """The shipped table cut to the rows in the facts, with the sources' values in the facts' column."""
    if table not in _WORLD_CACHE:
        key, column, excluded = WORLD_TABLES[table]
        t = load(table)
        if excluded is not None:
            t = t[~excluded(t)]
        known = _world_facts(table)
        keys = [key({c: _text(v) for c, v in zip(t.columns, row)}) for row in t.itertuples(index=False)]
        matches = pd.Series(keys, index=t.index)
        found = matches[matches.isin(list(known))]
        missing = set(known) - set(found)
        assert not missing, f"{table}: facts with no row in the table: {sorted(missing)[:5]}"
        assert not found.duplicated().any(), f"{table}: several rows for {found[found.duplicated()].tolist()[:5]}"
        w = t.loc[found.index].copy()
        for col in _columns(column):
            values = [known[k][col] for k in found]
            if pd.api.types.is_integer_dtype(t[col].dtype):
                w[col] = pd.array([int(float(v)) if v != "" else pd.NA for v in values], dtype=t[col].dtype)
            else:
                w[col] = np.array([float(v) if v != "" else np.nan for v in values], dtype="float64")
        _WORLD_CACHE[table] = w
    return _WORLD_CACHE[table].copy()


def world_load(name: str):
    return world_table(name) if name in WORLD_TABLES else load(name)


@pytest.mark.parametrize("table", sorted(WORLD_TABLES))
def test_tables_hold_the_sources_values_on_the_rows_the_questions_use(table):
    key, column, excluded = WORLD_TABLES[table]
    t = load(table)
    if excluded is not None:
        t = t[~excluded(t)]
    known = _world_facts(table)
    got = {key({c: _text(v) for c, v in zip(t.columns, row)}): row for row in t.itertuples(index=False)}
    wrong = []
    for k, f in known.items():
        if k not in got:
            wrong.append(f"{k}: no such row in the table ({f['source'][:60]})")
            continue
        for col in _columns(column):
            value = getattr(got[k], col)
            if f[col] == "" or pd.isna(value):  # (a missing value may be pd.NA, which has no truth value)
                ok = f[col] == "" and pd.isna(value)
            else:
                ok = math.isclose(float(value), float(f[col]), rel_tol=1e-9, abs_tol=1e-9)
            if not ok:
                wrong.append(f"{k} {col}: table {value}, source {f[col] or 'none'} ({f['source'][:60]})")
    assert not wrong, f"{table}: {len(wrong)} values differ from the source:\n" + "\n".join(wrong[:20])


# Lesson 01 Q4 and Q5 count rows by what kind of figure they are: whether a value is a DMDC count, an outside estimate or
# not reported is a fact of the source as much as the value (tests/facts/world/us_troops_abroad.csv, column flag).
# The table's flags that mark a DMDC count with a note (summed, source_issue, partial) are DMDC counts here.
DMDC_COUNT_FLAGS = {"", "summed", "source_issue", "partial"}


def test_us_troops_abroad_flags_say_what_kind_of_figure_the_source_gives():
    t = load("us_troops_abroad")
    key = WORLD_TABLES["us_troops_abroad"][0]
    shipped = {key({c: _text(v) for c, v in zip(t.columns, row)}): row.flag for row in t.itertuples(index=False)}
    wrong = []
    for k, f in _world_facts("us_troops_abroad").items():
        flag = shipped.get(k, "no row")
        if ("" if flag in DMDC_COUNT_FLAGS else flag) != f["flag"]:
            wrong.append(f"{k}: table flag {flag!r}, the source's figure is {f['flag'] or 'a DMDC count'}")
    assert not wrong, f"us_troops_abroad: {len(wrong)} flags differ from the source:\n" + "\n".join(wrong[:20])


def test_us_troops_abroad_facts_hold_every_host_of_the_years_lessons_00_and_01_use():
    """Lesson 00 Q1-Q4 and lesson 01 Q1-Q3 and Q5 use every host of a year: the facts must hold all of them, zeros
    included."""
    years = {p["YEAR"] for p in parameter_sets("00-orientation")}
    for p in parameter_sets("01-after-911"):
        years |= {p["YEAR_BEFORE"], p["YEAR_AFTER"], p["EST_YEAR"]}
    t = load("us_troops_abroad")
    t = t[t["year"].isin(sorted(years))]
    key = WORLD_TABLES["us_troops_abroad"][0]
    known = _world_facts("us_troops_abroad")
    missing = [k for k in (key({c: _text(v) for c, v in zip(t.columns, row)}) for row in t.itertuples(index=False))
               if k not in known]
    assert not missing, (f"us_troops_abroad: {len(missing)} rows of years lesson 01 uses are not in "
                         f"tests/facts/world/us_troops_abroad.csv (rerun us_troops_abroad_from_raw.py): {missing[:5]}")


# A fact the sources disagree on (column other_parse of a world file: another parse of the same primary source prints
# another figure) may not decide a graded answer: the answers with either figure must be the same.
DISPUTED = {"us_troops_abroad": "other_parse"}


def world_table_other_parse(table: str) -> pd.DataFrame:
    """The world table with each disputed value replaced by the other parse's figure."""
    w = world_table(table)
    if table not in DISPUTED:
        return w
    key, column, _ = WORLD_TABLES[table]
    other = {k: f[DISPUTED[table]] for k, f in _world_facts(table).items() if f[DISPUTED[table]] != ""}
    keys = [key({c: _text(v) for c, v in zip(w.columns, row)}) for row in w.itertuples(index=False)]
    for i, k in zip(w.index, keys):
        if k in other:
            w.loc[i, column] = int(other[k])
    return w


def _placeholder_answers(lesson: str, grade_id: str) -> dict:
    """The answer variables of a question (`name = ...` in its answer cell), set to a value no check accepts."""
    return {n: [0.0, 0.0] for n in re.findall(r"^([a-z_]\w*) = \.\.\.", "".join(
        c.source for c in notebook(lesson).cells if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id.replace(
            "_tests", "_answer")), re.M)}


def _exec_hidden(lesson: str, grade_id: str, params: dict, loader) -> None:
    """Run a question's hidden tests on placeholder answers, the notebook loading its tables with loader."""
    code = compile(hidden_tests(lesson, grade_id), f"{lesson}:{grade_id}", "exec")
    exec(code, {"pd": pd, "np": np, "spearmanr": spearmanr, **params, **_placeholder_answers(lesson, grade_id),
                "load": loader})


def _expected(lesson: str, grade_id: str, params: dict, loader, monkeypatch) -> list:
    """The values a question's hidden tests compare the answer with, when the notebook loads its tables with loader."""
    expected: list = []

    def record(question, answer, value, *a, **k):
        expected.append(value)

    for n in REAL_EXPECT:
        monkeypatch.setattr(checks, n, record)
    _exec_hidden(lesson, grade_id, params, loader)
    return expected


def other_parse_load(name: str):
    """load() for a notebook run on the world's tables with each disputed value taken from the other parse."""
    return world_table_other_parse(name) if name in WORLD_TABLES else load(name)


@pytest.mark.parametrize("lesson,params", [(lesson, p) for lesson in WORLD_QUESTIONS for p in parameter_sets(lesson)],
                         ids=lambda x: x if isinstance(x, str) else "-".join(map(str, x.values())))
def test_answers_do_not_depend_on_values_the_sources_disagree_on(lesson, params, monkeypatch):
    for q in WORLD_QUESTIONS[lesson]:
        one = _expected(lesson, f"{q}_tests", params, world_load, monkeypatch)
        two = _expected(lesson, f"{q}_tests", params, other_parse_load, monkeypatch)
        differ = [(a, b) for a, b in zip(one, two) if not _same(a, b)]
        assert len(one) == len(two) and not differ, (
            f"{lesson} {q} with {params}: the expected answer changes with a value the sources disagree on "
            f"(column other_parse of tests/facts/world/): {differ[:3]}")


def _same(a, b) -> bool:
    try:
        return bool(np.all(np.isclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), rtol=1e-9, atol=1e-9)))
    except (TypeError, ValueError):
        return str(a) == str(b)


def test_the_disagreement_check_can_fail(monkeypatch):
    """Lesson 01 Q1 with YEAR_AFTER 2006 (Europe's share) depends on Germany 2006, which the parses disagree on."""
    params = {**parameter_sets("01-after-911")[0], "YEAR_AFTER": 2006, "REGION": "Europe & Central Asia"}
    one = _expected("01-after-911", "q1_tests", params, world_load, monkeypatch)
    two = _expected("01-after-911", "q1_tests", params, other_parse_load, monkeypatch)
    assert not all(_same(a, b) for a, b in zip(one, two))


def _run_hidden_twice(lesson: str, grade_id: str, params: dict, monkeypatch) -> None:
    real = REAL_EXPECT

    def answer_with_the_world(name):
        def check(question, answer, value, *a, **k):
            assert replay, f"{lesson} {grade_id}: more comparisons on the shipped tables than on the world's"
            real[name](question, replay.pop(0), value, *a, **k)
        return check

    try:
        replay = _expected(lesson, grade_id, params, world_load, monkeypatch)
    except AssertionError as e:
        raise AssertionError(f"{lesson} {grade_id} with {params}: the question needs rows outside the facts "
                             f"(tests/facts/world/): {e}")
    for n in real:
        monkeypatch.setattr(checks, n, answer_with_the_world(n))
    try:
        _exec_hidden(lesson, grade_id, params, load)
    except AssertionError as e:
        raise AssertionError(f"{lesson} {grade_id} with {params}: the answer the sources give is graded wrong: {e}")
    assert not replay, f"{lesson} {grade_id}: fewer comparisons on the shipped tables than on the world's"


@pytest.mark.parametrize("lesson,params", [(lesson, p) for lesson in WORLD_QUESTIONS for p in parameter_sets(lesson)],
                         ids=lambda x: x if isinstance(x, str) else "-".join(map(str, x.values())))
def test_computed_answers_are_what_the_sources_give(lesson, params, monkeypatch):
    for q in WORLD_QUESTIONS[lesson]:
        _run_hidden_twice(lesson, f"{q}_tests", params, monkeypatch)


def test_the_world_check_can_fail(monkeypatch):
    """A table value that differs from the source makes a question's answer wrong."""
    lesson = "02-wars-and-coalitions"
    params = parameter_sets(lesson)[0]
    t = world_table("us_troops_wars")
    _WORLD_CACHE["us_troops_wars"] = t.assign(troops=t["troops"] + 1000)
    try:
        with pytest.raises(AssertionError, match="graded wrong"):
            _run_hidden_twice(lesson, "q1_tests", params, monkeypatch)
    finally:
        _WORLD_CACHE.pop("us_troops_wars")
