"""The fact ledger: every number, date and ranking a student reads is either recomputed from a shipped table or
cited to a source in datasets/sources.csv (issue 11; docs/authoring.md item 8; tests/ledger/README.md).

The ledger lives in ``tests/ledger/NN.py``, one file per lesson, one line per claim (tests/ledger/README.md):

    fact("falls from [[about 291,000]] in 1990", lambda: sum_troops(1990, "Europe & Central Asia"))
    cited("[[2,977]] people were killed", "nine_eleven_commission_2004")

A ``fact`` fails when its text is no longer in the lesson's solutions notebook, or when the number (or name, list,
date) between ``[[`` and ``]]`` disagrees with the query run on the shipped tables. A ``cited`` entry fails when its
text is gone or its source key is not in sources.csv.
"""
from __future__ import annotations

import math
import re
import runpy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import nbformat
import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
LEDGER = Path(__file__).resolve().parent / "ledger"
MARK = re.compile(r"\[\[(.+?)\]\]", re.S)

APPROX = ("about ", "around ", "roughly ", "some ", "~", "nearly ", "almost ", "approximately ")
BELOW = ("fewer than ", "less than ", "under ", "below ")
ABOVE = ("more than ", "over ", "above ", "at least ")  # "at least" is >=, handled below


@dataclass
class Entry:
    lesson: str
    kind: str                      # "fact", "cited", "allow" (a number that states no claim) or "todo" (not yet checked)
    text: str                      # the claim as it reads in the notebook, with [[...]] around the checked part
    query: Callable[[], Any] | None = None
    source: str | None = None      # cited: the key in datasets/sources.csv; allow: why the number is not a claim
    tol: float | None = None       # absolute tolerance; default: half the rounding unit the text shows
    value: Any = None              # the value the marked words stand for ("nine in ten" -> 0.9)
    line: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def plain(self) -> str:
        return squash(MARK.sub(r"\1", self.text))

    def __str__(self) -> str:
        return f"tests/ledger/{self.lesson}.py line {self.line}: {self.text!r}"


class Tables:
    """``T.us_troops_abroad`` etc.: the shipped tables, loaded once through course_utils (as the lessons do).
    Queries share one copy per table: filter it, never change it in place."""

    def __init__(self):
        self._cache: dict[str, pd.DataFrame] = {}

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name.startswith("_"):
            raise AttributeError(name)
        if name not in self._cache:
            from course_utils import load

            self._cache[name] = load(name)
        return self._cache[name]


def squash(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def notebook_text(lesson: str) -> str:
    """All cells of the lesson's solutions notebook as one string; adjacent Python string literals joined (a chart
    description split over lines reads as one sentence), whitespace collapsed."""
    path = next((ROOT / "solutions").glob(f"{lesson}-*/{lesson}-*.ipynb"))
    nb = nbformat.read(path, as_version=4)
    parts = []
    for c in nb.cells:
        src = c.source
        if c.cell_type == "code":
            src = re.sub(r"(\"|')\s*\n\s*f?(\"|')", "", src)
        parts.append(src)
    return squash("\n".join(parts))


def load_ledger(lesson: str) -> list[Entry]:
    entries: list[Entry] = []

    def _line() -> int:
        import inspect

        for fr in inspect.stack():
            if fr.filename.endswith(f"{lesson}.py"):
                return fr.lineno
        return 0

    def fact(text, query, *, tol=None, value=None):
        entries.append(Entry(lesson, "fact", text, query=query, tol=tol, value=value, line=_line()))

    def cited(text, source):
        entries.append(Entry(lesson, "cited", text, source=source, line=_line()))

    def allow(text, reason):
        if not (isinstance(reason, str) and reason.strip()):
            raise ValueError(f"tests/ledger/{lesson}.py: allow({text!r}) needs a reason: why is this number no claim?")
        entries.append(Entry(lesson, "allow", text, source=reason, line=_line()))

    def todo(text, note=None):  # the backlog: a number not yet recomputed, cited or allowed (test_ledger_coverage)
        entries.append(Entry(lesson, "todo", text, source=note, line=_line()))

    runpy.run_path(str(LEDGER / f"{lesson}.py"),
                   init_globals={"fact": fact, "cited": cited, "allow": allow, "todo": todo, "T": Tables(), "pd": pd})
    return entries


def lessons_with_ledger() -> list[str]:
    return sorted(p.stem for p in LEDGER.glob("[0-9][0-9].py"))


ALL = [e for lesson in lessons_with_ledger() for e in load_ledger(lesson)]


def _number(s: str) -> tuple[float, int, int]:
    """'291,436' -> (291436.0, decimals 0, trailing zeros 0); '25.6' -> (25.6, 1, 0); '291,000' -> (.., 0, 3)."""
    m = re.search(r"-?[0-9][0-9,]*(\.[0-9]+)?", s)
    if not m:
        raise ValueError(f"no number in {s!r}")
    txt = m.group(0).replace(",", "")
    decimals = len(m.group(1)) - 1 if m.group(1) else 0
    zeros = 0 if decimals else len(txt) - len(txt.rstrip("0")) if txt.strip("-0") else 0
    return float(txt), decimals, zeros


def check(entry: Entry, marked: str, got: Any) -> str | None:
    """None if the marked text agrees with ``got``; otherwise a message saying how it disagrees."""
    if isinstance(got, (bool,)) or (hasattr(got, "dtype") and getattr(got, "dtype", None) == bool and not hasattr(got, "__len__")):
        return None if bool(got) else f"the predicate for [[{marked}]] is False on the shipped tables"
    if isinstance(got, (list, tuple, pd.Series, pd.Index)):
        want = [w.strip() for w in re.split(r",\s*(?:and\s+)?|\s+and\s+|\s*>\s*", marked) if w.strip()]
        have = [str(x) for x in got]
        return None if want == have else f"text lists {want}, the tables give {have}"
    if isinstance(got, (pd.Timestamp,)) or (isinstance(got, str) and re.fullmatch(r"\d{4}-\d\d(-\d\d)?", got)):
        want = pd.Timestamp(marked) if entry.value is None else pd.Timestamp(entry.value)
        have = pd.Timestamp(got)
        return None if want == have else f"text says {want.date()}, the tables give {have.date()}"
    if isinstance(got, str):
        want = str(entry.value) if entry.value is not None else marked
        return None if want == got else f"text says {want!r}, the tables give {got!r}"
    got = float(got)
    if math.isnan(got):
        return f"the query for [[{marked}]] returned NaN"
    low = marked.lower()
    if entry.value is not None:
        num, decimals, zeros = float(entry.value), 6, 0
    else:
        num, decimals, zeros = _number(marked)
    unit = 10.0 ** (-decimals) if decimals else 10.0 ** zeros
    if low.startswith(BELOW):
        return None if got < num else f"text says {marked!r}, the tables give {got:,.4g}"
    if low.startswith("at least "):
        return None if got >= num else f"text says {marked!r}, the tables give {got:,.4g}"
    if low.startswith(ABOVE):
        return None if got > num else f"text says {marked!r}, the tables give {got:,.4g}"
    if low.startswith(APPROX):
        tol = entry.tol if entry.tol is not None else unit / 2
    else:
        tol = entry.tol if entry.tol is not None else (10.0 ** (-decimals)) / 2
    return None if abs(got - num) <= tol + 1e-9 else f"text says {marked!r}, the tables give {got:,.6g} (tolerance {tol:g})"


@pytest.fixture(scope="module")
def notebooks():
    return {lesson: notebook_text(lesson) for lesson in lessons_with_ledger()}


@pytest.mark.parametrize("entry", ALL, ids=[f"{e.lesson}:{e.line}" for e in ALL])
def test_claim_is_in_the_notebook(entry, notebooks):
    assert MARK.search(entry.text), f"{entry}: mark the checked number with [[...]]"
    if entry.plain not in notebooks[entry.lesson]:
        pytest.fail(f"{entry}: this text is not in solutions/{entry.lesson}-*/ — copy the notebook's wording "
                    "into the ledger line (and check its number again)", pytrace=False)


@pytest.mark.parametrize("entry", [e for e in ALL if e.kind == "fact"],
                         ids=[f"{e.lesson}:{e.line}" for e in ALL if e.kind == "fact"])
def test_number_agrees_with_the_tables(entry):
    marks = [squash(m) for m in MARK.findall(entry.text)]
    got = entry.query()
    if len(marks) > 1:  # several marked values: the query returns one value per mark, in order
        assert isinstance(got, tuple) and len(got) == len(marks), f"{entry}: the query must return {len(marks)} values"
        problems = [check(entry, m, g) for m, g in zip(marks, got)]
    else:
        problems = [check(entry, marks[0], got)]
    problems = [p for p in problems if p]
    if problems:
        pytest.fail(f"{entry}: " + "; ".join(problems), pytrace=False)


@pytest.mark.parametrize("entry", [e for e in ALL if e.kind == "cited"],
                         ids=[f"{e.lesson}:{e.line}" for e in ALL if e.kind == "cited"])
def test_cited_source_is_in_sources_csv(entry):
    from course_utils import load

    known = set(load("sources")["source_id"])
    assert entry.source in known, f"{entry}: source key {entry.source!r} is not in datasets/sources.csv"


def test_every_citation_call_in_a_notebook_names_a_known_source():
    from course_utils import load

    known = set(load("sources")["source_id"])
    missing = []
    for path in sorted((ROOT / "solutions").glob("*/*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for i, c in enumerate(nb.cells):
            for key in re.findall(r"citation\(\s*[\"']([^\"']+)[\"']\s*\)", c.source):
                if key not in known:
                    missing.append(f"{path.parent.name} cell {i}: citation({key!r})")
    assert not missing, "not in datasets/sources.csv: " + "; ".join(missing)


def test_ledger_counts_are_reported(capsys):
    """Not a check: prints how many claims the ledger covers per lesson (run with -s to see it)."""
    counts: dict[str, list[int]] = {}
    for e in ALL:
        c = counts.setdefault(e.lesson, [0, 0, 0, 0])
        c[("fact", "cited", "allow", "todo").index(e.kind)] += len(MARK.findall(e.text))
    with capsys.disabled():
        for lesson, (f, c, a, t) in sorted(counts.items()):
            print(f"\nledger {lesson}: {f} numbers recomputed from tables, {c} cited to sources.csv, "
                  f"{a} allowed as no claim, {t} not yet checked (todo)")
    assert ALL


# The seed op-ed and the article it summarises, cited in one form in every lesson's References (FACTS.md §0).
LEVITT_ARTICLE = ('Levitt, Matthew. 2021. "Rethinking U.S. Efforts on Counterterrorism: Toward a Sustainable Plan Two '
                  'Decades After 9/11." *Journal of National Security Law & Policy* 12: 247–275 (posted at jnslp.com, '
                  '11 June 2021).')
LEVITT_OPED = ('Levitt, Matthew. 2021. "Revitalizing Alliances to Counter Terrorism." Op-ed, The Washington Institute '
               'for Near East Policy, also published in *Just Security*. '
               'https://www.washingtoninstitute.org/policy-analysis/revitalizing-alliances-counter-terrorism')
# Lessons 00, 06 and 07 join this list when their References carry the same two entries.
LEVITT_LESSONS = ["01", "02", "03", "04", "05", "08"]


@pytest.mark.parametrize("lesson", LEVITT_LESSONS)
def test_levitt_is_cited_in_one_form(lesson):
    path = next((ROOT / "solutions").glob(f"{lesson}-*/{lesson}-*.ipynb"))
    refs = [c.source for c in nbformat.read(path, as_version=4).cells
            if c.cell_type == "markdown" and "## References" in c.source]
    assert len(refs) == 1, f"{path.name}: expected one cell with '## References'"
    text = squash(refs[0].split("## References", 1)[1])
    for entry in (LEVITT_ARTICLE, LEVITT_OPED):
        assert squash(entry) in text, f"{path.name} References: missing or reworded: {entry}"
    others = [ln for ln in re.findall(r"- ([^\n]*?Levitt[^\n]*)", refs[0].split("## References", 1)[1])
              if not ln.startswith("Levitt, Matthew. 2021. ")]
    assert not others, f"{path.name} References: another form of the Levitt citation: {others}"


def test_the_comparisons_can_fail():
    """The ledger's comparisons reject a wrong number (so a ledger line can fail), and accept the right one."""
    e = Entry("xx", "fact", "")
    assert check(e, "291,436", 291436) is None and check(e, "291,436", 291437)
    assert check(e, "25.6", 25.64) is None and check(e, "25.6", 25.66)
    assert check(e, "about 291,000", 291436) is None and check(e, "about 291,000", 291600)
    assert check(e, "fewer than 700", 688) is None and check(e, "fewer than 700", 700)
    assert check(e, "at least 3", 3) is None and check(e, "at least 3", 2)
    assert check(e, "the United Kingdom, the United States and Canada",
                 ["the United Kingdom", "the United States", "Canada"]) is None
    assert check(e, "the United Kingdom, Canada and the United States",
                 ["the United Kingdom", "the United States", "Canada"])
    assert check(e, "12 September 2001", "2001-09-12") is None and check(e, "12 September 2001", "2001-09-13")
    assert check(Entry("xx", "fact", "", value=0.9), "more than nine in ten", 0.85)
    assert check(e, "South Asia", "Middle East & North Africa") and check(e, "x", False)
