"""Every number a student reads is in the fact ledger (issue 11 §2): no figure in the prose can go unchecked.

The rule, for each lesson's solutions notebook:

* **What is read.** Every markdown cell (reading, questions, hints, model answers, rubrics, key points), and in code
  cells the strings passed as ``title=``, ``description=``, ``alt=``/``alt_text=`` and ``hint=``, and the messages of
  ``.fail("...")`` (a self-check's words reach the student too).
* **What counts as a number.** Every run of digits, with its thousands commas and decimals (``2,977``, ``1.37``,
  ``2019``). Digits glued to letters (``Q3``, ``R44116``, ``usd_2015``) are names, not numbers. Numbers written as
  words ("ten months") are not read by this test; the ledger still asks for them (tests/ledger/README.md).
* **Covered.** A number is covered when it lies inside ``[[...]]`` in a ledger line of that lesson whose text is found
  at that place in the notebook: ``fact(...)`` (recomputed from a table), ``cited(...)`` (a source in sources.csv) or
  ``allow(..., reason)`` (a number that states no claim about the world: a question's point value, an example in an
  instruction, a year that only names a parameter's default...). A year (1900-2099) anywhere in the text of a
  ``fact`` or ``cited`` line is covered too: it is the claim's context, which the query or the source pins down.
* **Not claims anywhere** (``NON_CLAIMS`` below, one reason each): the References section, inline code and URLs,
  "9/11", lesson numbers, numbered list markers and heading numbers, point values, the dates inside an author-date
  citation such as "(Trump, Twitter, 19 Dec 2018)", and price bases such as "2015 US dollars".

A failure names the lesson, the cell, the number and its sentence, and says what to add to tests/ledger/NN.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import nbformat
import pytest

from test_fact_ledger import MARK, ROOT, load_ledger, lessons_with_ledger

NUMBER = re.compile(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?(?![\w])")
YEAR = re.compile(r"(?:19|20)\d\d")
MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|"
         r"Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
DATE = rf"(?:(?:\d{{1,2}}(?:\s*[–-]\s*\d{{1,2}})?\s+)?{MONTH}\s+)?(?:19|20)\d\d(?:\s*[–-]\s*(?:\d\d){{1,2}})?"

# Code-cell strings the student reads: chart titles, descriptions, alt text, hints and self-check messages.
SHOWN_STRING = re.compile(
    r"""(?:\b(?:title|description|alt|alt_text|hint)\s*=\s*\(?\s*|\.fail\(\s*|\.value\s*=\s*\(?\s*)"""
    r"""[rfu]?("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')""")

# Regions of a cell that state no claim, wherever they are. (pattern, reason); the numbers inside a match are skipped.
NON_CLAIMS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^#{1,6} References\b.*", re.S | re.M), "the reference list: bibliographic dates and pages"),
    (re.compile(r"`[^`\n]*`"), "inline code: a name, parameter or value in code, not a statement"),
    (re.compile(r"https?://\S+"), "a URL"),
    (re.compile(r"<!--.*?-->", re.S), "an HTML comment, not shown"),
    (re.compile(r"\b9/11\b"), "the name of the attacks"),
    (re.compile(r"(?:\b[A-Z][\w’'-]*|\bet al\.)\s+\((?:19|20)\d\d[a-z]?(?:,\s*(?:p|pp)\.\s*\d+(?:[–-]\d+)?)?\)"),
     "the year of a narrative citation, 'Press (2005)'"),
    (re.compile(r"\b[Ll]essons?\s+\d+(?:\s*(?:[–-]|,|and|or|to)\s*\d+)*"), "a lesson's number"),
    (re.compile(r"^\s*(?:[-*]\s+)?\d+[.)]\s", re.M), "a numbered list's marker"),
    (re.compile(r"^#{1,6}\s+\d+(?:\.\d+)*\.?\s", re.M), "a section heading's number"),
    (re.compile(r"\(?\b\d+(?:\.\d+)?\s+(?:points?|marks?)\b\)?"), "a point value"),
    (re.compile(r"\b\d+\s*(?:–|-|to)?\s*\d*\s*(?:min|minutes)\b"), "time to spend on the lesson"),
    (re.compile(r"(?:constant\s+|current\s+)?(?:US\$|U\.S\.\s+dollars?|US\s+dollars?|dollars?)?,?\s*(?:19|20)\d\d\s+"
                r"(?:prices|US\$|U\.S\.\s+dollars|US\s+dollars|dollars|constant\s+dollars)"), "a price basis"),
    (re.compile(r"\bconstant\s+(?:19|20)\d\d\b"), "a price basis"),
    (re.compile(r"Lesson \d+ of \d+ · Lesson text CC BY 4\.0; code BSD-3-Clause"), "the course's header and licences"),
    (re.compile(r"\(?\b\d+(?:\s*[–-]\s*\d+)?\s+(?:words?|sentences?|decimals?|decimal places?|criteria|levels)\b"),
     "a length or rounding the instruction asks for"),
    (re.compile(r"^\|\s*Criterion\b.*$", re.M), "a rubric's header row: point values"),
    (re.compile(r"\*\*Rubric\b[^\n]*?\*\*", re.S), "a rubric's point scheme"),
    (re.compile(r"\b(?:Part|part|Claim|Step|steps|Evidence|evidence|criterion|[Rr]ank)\s+\d+(?:\s*[–-]\s*\d+)?(?:\s*=)?"),
     "a part, claim, step, evidence item or rank named by its number"),
    (re.compile(r"\*\*\d+\.\s"), "a numbered paragraph's marker"),
    (re.compile(r"\b(?:NATO|SIPRI)(?:'s|’s)?\s+(?:(?:June|Aug(?:ust)?)\.?\s+)?(?:19|20)\d\d[ab]?\s+(?:release|figures|data)\b"),
     "the name of a data release ('NATO's June 2019 release')"),
    (re.compile(r"\b(?:2|20)\s*%\s+(?:and\s+(?:the\s+)?(?:2|20)\s*%\s+)?(?:equipment\s+)?(?:guidelines?|line|club)\b"),
     "the name of NATO's 2 % or 20 % guideline"),
    (re.compile(r"\bbetween\s+[-−]?\s*[01]\s+and\s+(?:1|100)\b|[-−+]1\b|\b(?:from|near|than|>|<)\s+0\b"),
     "the range of a correlation, share or percentage (mathematics, not a claim)"),
    (re.compile(r"\b(?:[Mm]ultiply|multiplied|multiplying|divide|divided)(?:\s+\w+){0,3}\s+by\s+(?:100|1,000,000)\b|"
                r"\b(?:times|×)\s+(?:100|1,000,000)\b"), "arithmetic in an instruction"),
]

# An author-date citation: "(Trump, Twitter, 19 Dec 2018; AP, 19 Dec 2018)", "(Massie et al. 2022)". Only the dates
# (and page or report numbers) inside it are skipped; any other number in the parentheses is still a claim.
CITATION = re.compile(r"\((?=[A-Z*]|computed |recomputed )(?:[^()]|\([^()]*\))*?(?:,|\bet al\.|\s(?:19|20)\d\d)(?:[^()]|\([^()]*\))*\)")
CITATION_PARTS = re.compile(rf"{DATE}|\b(?:p|pp|para|no|No|vol|§)\.?\s*\d+(?:\s*[–-]\s*\d+)?|\b[A-Z]{{1,4}}\d+\b")


@dataclass
class Token:
    lesson: str
    cell: int
    start: int
    end: int
    text: str
    sentence: str

    def __str__(self) -> str:
        return f"lesson {self.lesson}, cell {self.cell}: {self.text!r} in \"{self.sentence}\""


def normalise(raw: str, code: bool) -> tuple[str, list[int]]:
    """The cell as the ledger sees it (test_fact_ledger.notebook_text): in code, adjacent string literals on two lines
    joined; whitespace collapsed. Returns the text and, for each of its characters, the index in ``raw``."""
    keep = [True] * len(raw)
    if code:
        for m in re.finditer(r"(\"|')\s*\n\s*f?(\"|')", raw):
            for i in range(m.start(), m.end()):
                keep[i] = False
    out, idx, space = [], [], False
    for i, ch in enumerate(raw):
        if not keep[i]:
            continue
        if ch.isspace():
            space = bool(out)
            continue
        if space:
            out.append(" ")
            idx.append(i - 1)
            space = False
        out.append(ch)
        idx.append(i)
    return "".join(out), idx


def sentence_around(text: str, start: int, end: int) -> str:
    a = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start), start - 120) + 1
    b = min([j for j in (text.find(". ", end), text.find("\n", end)) if j >= 0] + [end + 120])
    return re.sub(r"\s+", " ", text[a:b + 1]).strip()


def read_regions(raw: str, code: bool) -> list[tuple[int, int]]:
    """The parts of a cell the student reads as prose: the whole of a markdown cell, the shown strings of a code cell."""
    if not code:
        return [(0, len(raw))]
    joined, idx = normalise(raw, code=True)
    regions = []
    for m in SHOWN_STRING.finditer(joined):
        a, b = m.span(1)
        regions.append((idx[a], idx[b - 1] + 1))
    return regions


def skipped_spans(raw: str, code: bool) -> list[tuple[int, int]]:
    spans = [m.span() for pat, _ in NON_CLAIMS for m in pat.finditer(raw)]
    for m in CITATION.finditer(raw):
        spans += [(m.start() + p.start(), m.start() + p.end()) for p in CITATION_PARTS.finditer(m.group(0))]
    if code:  # f-string fields ({YEAR}, {x:.1f}) are not numbers the student reads
        spans += [m.span() for m in re.finditer(r"\{[^{}\n]*\}", raw)]
    return spans


def covered_spans(raw: str, code: bool, entries, todo_spans: list | None = None) -> tuple[list[tuple[int, int]], set[int]]:
    """The raw spans that the lesson's ledger lines cover in this cell (marks and, for fact/cited lines, years), and
    the ids of the entries found in it. A span covered by a todo line only is listed in ``todo_spans`` (a list given
    by the caller), not in the spans returned."""
    norm, idx = normalise(raw, code)
    spans, found = [], set()
    for e in entries:
        plain, marks, pos = [], [], 0
        for m in MARK.finditer(e.text):
            plain.append(e.text[pos:m.start()])
            start = len("".join(plain))
            plain.append(m.group(1))
            marks.append((start, start + len(m.group(1))))
            pos = m.end()
        plain.append(e.text[pos:])
        text = "".join(plain)
        # marks measured in the squashed text: squash the parts the same way
        lead = len(text) - len(text.lstrip())
        squashed = re.sub(r"\s+", " ", text).strip()
        marks = [(len(re.sub(r"\s+", " ", text[:a])) - (1 if lead else 0), len(re.sub(r"\s+", " ", text[:b])) -
                  (1 if lead else 0)) for a, b in marks]
        if not squashed:
            continue
        for occ in re.finditer(re.escape(squashed), norm):
            found.add(id(e))
            for a, b in marks:
                span = (idx[occ.start() + a], idx[occ.start() + b - 1] + 1)
                if e.kind != "todo":
                    spans.append(span)
                elif todo_spans is not None:
                    todo_spans.append(span)
            if e.kind in ("fact", "cited"):
                seg = norm[occ.start():occ.end()]
                spans += [(idx[occ.start() + y.start()], idx[occ.start() + y.end() - 1] + 1)
                          for y in re.finditer(rf"(?<!\d){YEAR.pattern}(?!\d)", seg)]
    return spans, found


def _inside(a: int, b: int, spans) -> bool:
    return any(s <= a and b <= e for s, e in spans)


def uncovered(lesson: str) -> tuple[list[Token], int, int, int]:
    """The numbers of a lesson that no ledger line covers; also how many were read, how many fact/cited/allow lines
    cover and how many only a todo line covers (the backlog)."""
    path = next((ROOT / "solutions").glob(f"{lesson}-*/{lesson}-*.ipynb"))
    nb = nbformat.read(path, as_version=4)
    entries = load_ledger(lesson)
    missing, read, by_ledger, by_todo = [], 0, 0, 0
    for n, cell in enumerate(nb.cells):
        if cell.cell_type not in ("markdown", "code"):
            continue
        raw, code = cell.source, cell.cell_type == "code"
        regions = read_regions(raw, code)
        if not regions:
            continue
        skipped = skipped_spans(raw, code)
        todo_spans: list[tuple[int, int]] = []
        covered, _ = covered_spans(raw, code, entries, todo_spans)
        for a, b in regions:
            for m in NUMBER.finditer(raw, a, b):
                s, e = m.span()
                if _inside(s, e, skipped):
                    continue
                read += 1
                if _inside(s, e, covered):
                    by_ledger += 1
                elif _inside(s, e, todo_spans):
                    by_todo += 1
                else:
                    missing.append(Token(lesson, n, s, e, m.group(0), sentence_around(raw, s, e)))
    return missing, read, by_ledger, by_todo


@pytest.mark.parametrize("lesson", lessons_with_ledger())
def test_every_number_is_in_the_ledger(lesson):
    missing, read, _, _ = uncovered(lesson)
    assert read, f"lesson {lesson}: no number read at all: the extraction no longer matches the notebook"
    if missing:
        lines = "\n".join(f"  - {t}" for t in missing[:40])
        more = f"\n  ... and {len(missing) - 40} more" if len(missing) > 40 else ""
        pytest.fail(
            f"lesson {lesson}: {len(missing)} number(s) in solutions/{lesson}-*/ are in no ledger line. For each, add "
            f"to tests/ledger/{lesson}.py a line whose text is copied from the sentence with the number in [[...]]: "
            "fact(text, query) if a shipped table gives it, cited(text, source_id) if a source in "
            "datasets/sources.csv does, allow(text, reason) if it states nothing about the world "
            f"(tests/ledger/README.md):\n{lines}{more}", pytrace=False)


def test_ledger_coverage_counts(capsys):
    """Not a check: prints, per lesson, how many numbers are read and how many the ledger covers (run with -s)."""
    with capsys.disabled():
        for lesson in lessons_with_ledger():
            missing, read, by_ledger, by_todo = uncovered(lesson)
            print(f"\ncoverage {lesson}: {read} numbers read, {by_ledger} covered by fact/cited/allow lines, "
                  f"{by_todo} only by the todo backlog, {len(missing)} by nothing")


def test_the_rule_can_fail():
    """An unlisted number is found and named; a marked one, a skipped one and a citation's date are not."""
    from test_fact_ledger import Entry

    raw = ("## 1. Numbers\nIn 2019 about 2,000 troops stayed (Trump, Twitter, 19 Dec 2018), see `YEAR = 2020` and "
           "lesson 03 (2 points); 51 people were killed.\n\n## References\n- Doe. 2001. *Book*, p. 12.")
    e = Entry("xx", "fact", "about [[2,000]] troops stayed", query=lambda: 2000)
    covered, found = covered_spans(raw, False, [e])
    assert found == {id(e)}
    skipped = skipped_spans(raw, False)
    left = [m.group(0) for m in NUMBER.finditer(raw)
            if not _inside(*m.span(), skipped) and not _inside(*m.span(), covered)]
    assert left == ["2019", "51"]
    code = 'chart.properties(title=f"Troops, {YEAR}",\n    description=("Bars of 33 "\n    "states in 2019"))'
    nums = [raw_n for a, b in read_regions(code, True) for raw_n in NUMBER.findall(code, a, b)
            if not _inside(code.index(raw_n), code.index(raw_n) + len(raw_n), skipped_spans(code, True))]
    assert nums == ["33", "2019"]


def suggested_lines(lesson: str) -> list[str]:
    """Ledger lines for the lesson's uncovered numbers, one per sentence, the numbers marked: a start for the author,
    who replaces ``todo`` by fact/cited/allow (``python tests/test_ledger_coverage.py NN`` prints them)."""
    path = next((ROOT / "solutions").glob(f"{lesson}-*/{lesson}-*.ipynb"))
    nb = nbformat.read(path, as_version=4)
    missing, _, _, _ = uncovered(lesson)
    groups: dict[tuple[int, int, int], list[tuple[int, int]]] = {}
    for t in missing:
        cell = nb.cells[t.cell]
        code = cell.cell_type == "code"
        norm, idx = normalise(cell.source, code)
        p = idx.index(t.start)
        q = p + len(t.text)
        stop = r"[.;:?!](?:\s|$)|\||\n" + (r'|"' if code else "")
        a = max([0] + [m.end() for m in re.finditer(stop, norm[:p])])
        b = min([len(norm)] + [q + m.start() + (0 if norm[q + m.start()] in '"|' else 1)
                               for m in re.finditer(stop, norm[q:])])
        groups.setdefault((t.cell, a, b), []).append((p, q))
    sentences, groups = groups, {}
    for (n, a, b), marks in sentences.items():  # a long sentence is cut to 90 characters either side of its numbers
        norm, _ = normalise(nb.cells[n].source, nb.cells[n].cell_type == "code")
        lo, hi = min(p for p, _ in marks), max(q for _, q in marks)
        if lo - a > 90:
            a = norm.find(" ", lo - 90) + 1
        if b - hi > 90:
            b = norm.rfind(" ", hi, hi + 90)
        groups[(n, a, b)] = marks
    lines = []
    for (n, a, b), marks in groups.items():
        norm, _ = normalise(nb.cells[n].source, nb.cells[n].cell_type == "code")
        out, pos = [], a
        for p, q in sorted(set(marks)):
            out += [norm[pos:p], "[[", norm[p:q], "]]"]
            pos = q
        out.append(norm[pos:b])
        lines.append(f"todo({''.join(out).strip()!r})  # cell {n}")
    return lines


if __name__ == "__main__":  # python tests/test_ledger_coverage.py 03  -> ledger lines to complete, for lesson 03
    import sys

    for lesson in sys.argv[1:] or lessons_with_ledger():
        print(f"# tests/ledger/{lesson}.py")
        print("\n".join(suggested_lines(lesson)))


# The backlog may only shrink: the numbers marked in todo(...) lines per lesson. Clearing items (turning a todo into a
# fact, cited or allow line) lowers the count: lower the ceiling with it. Never raise it: a new number in the prose
# gets its fact/cited/allow line when it is written.
TODO_CEILING = {"00": 0, "01": 0, "02": 0, "03": 0, "04": 0, "05": 0, "06": 0, "07": 0, "08": 0}


@pytest.mark.parametrize("lesson", lessons_with_ledger())
def test_the_backlog_does_not_grow(lesson):
    n = sum(len(MARK.findall(e.text)) for e in load_ledger(lesson) if e.kind == "todo")
    ceiling = TODO_CEILING.get(lesson, 0)
    assert n <= ceiling, (f"tests/ledger/{lesson}.py has {n} numbers in todo(...) lines, more than the ceiling "
                          f"{ceiling}: give a new number a fact/cited/allow line instead")
    assert n == ceiling, (f"tests/ledger/{lesson}.py: the backlog is down to {n} numbers: lower "
                          f"TODO_CEILING[{lesson!r}] in tests/test_ledger_coverage.py from {ceiling} to {n}")
