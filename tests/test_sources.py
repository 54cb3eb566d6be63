"""Every source is a full citation, and every citation key the course uses resolves in datasets/sources.csv.

A source is complete when it names its publisher, title and date, and gives either a well-formed public http(s) URL
or a specific reason there is none (print book with its ISBN, paywalled journal with its DOI, a compilation of several
documents...): "no public copy located" alone is not a reason. DOIs have the form 10.<registrant>/<suffix>. The keys
are read from the shipped tables (source_id columns and "sources.csv: <id>" in notes) and from the solutions notebooks
(``citation("<id>")``, ``source_id == "<id>"``, "sources.csv: <id>" and pandoc-style ``[@<id>]``), so a lesson cannot
cite a source that the reader cannot look up.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path

from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"
SOLUTIONS = ROOT / "solutions"
PKG = json.loads((DATASETS / "datapackage.json").read_text(encoding="utf-8"))
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")
# A note or citation that only points at the course's own fact sheet is not a citation of the world.
PLACEHOLDER_RE = re.compile(r"entered from the course fact sheet|course fact sheet|entered from .*fact sheet", re.I)

KEY_PATTERNS = [
    re.compile(r"""citation\(\s*\\?["']([a-z0-9_]+)\\?["']\s*\)"""),
    re.compile(r"""source_id["'\]\s]*==\s*\\?["']([a-z0-9_]+)\\?["']"""),
    re.compile(r"sources\.csv:\s*`?([a-z0-9_]+)`?"),
    re.compile(r"\[@([a-z0-9_]+)\]"),
]
NOTE_KEY_RE = re.compile(r"sources\.csv: ([a-z0-9_]+)")
# A no_url_reason must say why this publication has no URL (print book with its ISBN, paywalled journal with its DOI,
# a compilation of several documents, ...), not only that nothing was found.
GENERIC_REASON_RE = re.compile(r"no public copy located|cite by author, title and date|^not (found|located)\.?$", re.I)
MIN_REASON_WORDS = 8
DOI_RE = re.compile(r"10\.\d{4,9}/[^\s,;]+")
REQUIRED_SOURCES = {"levitt_2021_oped", "levitt_2021_jnslp"}  # the seed op-ed and the study it summarises


def read(name: str) -> list[dict]:
    with open(DATASETS / f"{name}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


SOURCES = read("sources")
BY_ID = {r["source_id"]: r for r in SOURCES}


def _ids(rows):
    return [r["source_id"] for r in rows]


@pytest.mark.parametrize("field", ["publisher", "title", "date", "citation"])
def test_every_source_has(field):
    missing = [r["source_id"] for r in SOURCES if not r[field].strip()]
    assert not missing, f"datasets/sources.csv: column {field!r} is empty for {missing} (edit datasets/raw/.../sources.csv)"


def test_dates_are_iso_dates_or_ranges():
    bad = {r["source_id"]: r["date"] for r in SOURCES if not DATE_RE.match(r["date"])}
    assert not bad, f"datasets/sources.csv: date must be YYYY, YYYY-MM, YYYY-MM-DD or 'start/end': {bad}"


def test_url_or_stated_reason():
    no_reason = [r["source_id"] for r in SOURCES if not r["url"].strip() and not r["no_url_reason"].strip()]
    assert not no_reason, f"datasets/sources.csv: no url and no no_url_reason for {no_reason}"
    both = [r["source_id"] for r in SOURCES if r["url"].strip() and r["no_url_reason"].strip()]
    assert not both, f"datasets/sources.csv: a url and a no_url_reason at once for {both}"
    not_http = {r["source_id"]: r["url"] for r in SOURCES if r["url"] and not re.match(r"^https?://\S+$", r["url"])}
    assert not not_http, f"datasets/sources.csv: url is not an http(s) address: {not_http}"


def url_problem(url: str) -> str | None:
    """Why `url` is not a well-formed public web address (None when it is)."""
    if url != url.strip() or re.search(r"\s", url):
        return "contains whitespace"
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return f"scheme {parts.scheme!r} is not http(s)"
    host = parts.hostname or ""
    if "." not in host or host.startswith(".") or host.endswith("."):
        return f"host {host!r} is not a domain name"
    if url[-1] in ".,;)]'\"":
        return f"ends with {url[-1]!r} (punctuation copied with the address?)"
    return None


def reason_problem(reason: str) -> str | None:
    """Why a no_url_reason is too vague to tell a reader where the publication is (None when it is specific)."""
    if GENERIC_REASON_RE.search(reason):
        return "generic wording ('no public copy located...'): say why (print book + ISBN, paywall + DOI, ...)"
    if len(reason.split()) < MIN_REASON_WORDS:
        return f"fewer than {MIN_REASON_WORDS} words"
    return None


def doi_problems(text: str) -> list[str]:
    """DOIs written as 'doi:...' or 'doi.org/...' that do not have the form 10.<registrant>/<suffix>."""
    bad = []
    for m in re.finditer(r"(?:doi:\s*|doi\.org/)(\S+)", text, re.I):
        if not DOI_RE.fullmatch(m.group(1).rstrip(".,;)")):
            bad.append(m.group(0))
    return bad


def test_urls_are_well_formed():
    bad = {r["source_id"]: f"{r['url']} ({url_problem(r['url'])})" for r in SOURCES
           if r["url"] and url_problem(r["url"])}
    assert not bad, f"datasets/sources.csv: malformed url (edit datasets/raw/.../sources.csv): {bad}"


def test_no_url_reasons_are_specific():
    bad = {r["source_id"]: f"{r['no_url_reason']!r}: {reason_problem(r['no_url_reason'])}" for r in SOURCES
           if not r["url"] and reason_problem(r["no_url_reason"])}
    assert not bad, f"datasets/sources.csv: no_url_reason too vague (edit datasets/raw/.../sources.csv): {bad}"


def test_dois_are_well_formed():
    bad = {r["source_id"]: doi_problems(" ".join(r[c] for c in ("citation", "url", "note"))) for r in SOURCES}
    bad = {k: v for k, v in bad.items() if v}
    assert not bad, f"datasets/sources.csv: DOI not of the form 10.NNNN/suffix: {bad}"


def test_source_checks_reject_bad_values():
    """The checks above can fail: each rejects a typical mistake and accepts a good value."""
    assert url_problem("https://www.nato.int/cps/en/natohq/topics_113694.htm") is None
    assert url_problem("http://jwc.nato.int/index.php/x") is None
    assert url_problem("www.nato.int/page") is not None
    assert url_problem("ftp://example.org/file") is not None
    assert url_problem("https://example.org/a b") is not None
    assert url_problem("https://localhost/page") is not None
    assert url_problem("https://example.org/page).") is not None
    assert reason_problem("no public copy located with the course's search tools; cite by author, title and date")
    assert reason_problem("not found")
    assert reason_problem("print-only book (ISBN 978-0-19-000000-0); no digital edition is sold or lent") is None
    assert doi_problems("doi:10.1177/07388942211030885") == []
    assert doi_problems("https://doi.org/10.1177/07388942211030885") == []
    assert doi_problems("doi:1177/0738") == ["doi:1177/0738"]


def test_no_placeholder_notes():
    bad = [r["source_id"] for r in SOURCES
           if any(PLACEHOLDER_RE.search(r[c]) for c in ("citation", "note", "no_url_reason", "title"))]
    assert not bad, f"datasets/sources.csv: note still says the row was entered from the fact sheet: {bad}"


def test_raw_sources_have_the_same_columns_filled():
    """The raw files are what authors edit: a new raw row without its citation parts fails here by name."""
    problems = []
    for rel in ("raw/sources.csv", "raw/facts/sources.csv"):
        with open(DATASETS / rel, encoding="utf-8", newline="") as fh:
            for i, r in enumerate(csv.DictReader(fh), start=2):
                for col in ("publisher", "title", "date"):
                    if not (r.get(col) or "").strip():
                        problems.append(f"datasets/{rel} line {i} ({r['source_id']}): {col} empty")
                if not (r.get("url") or "").strip() and not (r.get("no_url_reason") or "").strip():
                    problems.append(f"datasets/{rel} line {i} ({r['source_id']}): no url and no no_url_reason")
    assert not problems, "\n".join(problems)


def test_source_ids_unique():
    ids = _ids(SOURCES)
    assert len(ids) == len(set(ids))


def table_keys() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for res in PKG["resources"]:
        if res["name"] == "sources":
            continue
        for i, r in enumerate(read(res["name"]), start=2):
            for col in ("source_id", "population_source_id", "left_source_id"):
                if r.get(col):
                    used.setdefault(r[col], set()).add(f"{res['name']}.csv line {i} column {col}")
            for key in NOTE_KEY_RE.findall(r.get("note", "")):
                used.setdefault(key, set()).add(f"{res['name']}.csv line {i} column note")
    return used


def notebook_keys() -> dict[str, set[str]]:
    used: dict[str, set[str]] = {}
    for path in sorted(SOLUTIONS.glob("*/*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for n, cell in enumerate(nb["cells"]):
            text = "".join(cell["source"])
            for pat in KEY_PATTERNS:
                for key in pat.findall(text):
                    used.setdefault(key, set()).add(f"{path.relative_to(ROOT)} cell {n}")
    return used


def test_every_table_key_resolves():
    missing = {k: sorted(v)[:3] for k, v in table_keys().items() if k not in BY_ID}
    assert not missing, f"source keys used in datasets but missing from sources.csv: {missing}"


def test_every_notebook_key_resolves():
    keys = notebook_keys()
    assert keys, "no citation keys found in solutions/: the patterns no longer match how lessons cite"
    missing = {k: sorted(v)[:3] for k, v in keys.items() if k not in BY_ID}
    assert not missing, f"source keys cited in solutions notebooks but missing from sources.csv: {missing}"


# A source key named in a lesson's prose in backticks ("see `sipri_2022`"): a name with a year part. A column, a
# release key or a variable of the same shape (`gdp_usd_2015`, `nato_2019_06`) is code, not a citation.
BACKTICK_KEY_RE = re.compile(r"`([a-z][a-z0-9]*(?:_[a-z0-9]+)*?_(?:19|20)\d\d(?:_[a-z0-9]+)*)`")


def code_names() -> set[str]:
    names = {f["name"] for res in PKG["resources"] for f in res.get("schema", {}).get("fields", [])}
    for res in PKG["resources"]:
        if res["name"] == "sources":
            continue
        rows = read(res["name"])
        for col in ("release", "dataset", "indicator", "measure"):
            names |= {r[col] for r in rows if r.get(col)}
    return names


def prose_keys() -> dict[str, set[str]]:
    """Backticked source keys in markdown cells, less the names the notebook's code or the tables use."""
    used: dict[str, set[str]] = {}
    known_code = code_names()
    for path in sorted(SOLUTIONS.glob("*/*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
        for n, cell in enumerate(nb["cells"]):
            if cell["cell_type"] != "markdown":
                continue
            for key in BACKTICK_KEY_RE.findall("".join(cell["source"])):
                if key in known_code or re.search(rf"\b{key}\b\s*=", code):
                    continue
                used.setdefault(key, set()).add(f"{path.relative_to(ROOT)} cell {n}")
    return used


def test_every_source_key_in_the_prose_resolves():
    """A key the prose cites in backticks (`levitt_2021_jnslp`) is in sources.csv, so the reader can look it up."""
    keys = prose_keys()
    assert keys, "no backticked source key found in the lessons' prose: the pattern no longer matches how they cite"
    missing = {k: sorted(v)[:3] for k, v in keys.items() if k not in BY_ID}
    assert not missing, f"source keys named in the lessons' prose but missing from sources.csv: {missing}"


def test_prose_key_pattern_tells_keys_from_code():
    text = "see `levitt_2021_jnslp`, `sipri_2022` and `whitehouse_2025_01_20`; columns `gdp_usd_2015`, `iso3`"
    assert BACKTICK_KEY_RE.findall(text) == ["levitt_2021_jnslp", "sipri_2022", "whitehouse_2025_01_20",
                                             "gdp_usd_2015"]
    assert "gdp_usd_2015" in code_names() and "nato_2019_06" in code_names()


def test_seed_and_study_are_cited_in_full():
    for key in REQUIRED_SOURCES:
        r = BY_ID.get(key)
        assert r is not None, f"{key} missing from datasets/sources.csv"
        assert "Levitt" in r["author"] and r["url"].startswith("https://"), key
    assert "247-275" in BY_ID["levitt_2021_jnslp"]["citation"]


def test_key_patterns_find_known_forms():
    """The patterns recognise the forms lessons use (so the resolve test is not vacuous)."""
    text = ('print(citation("nato_2019"))\n'
            'df[df["source_id"] == "crs_r40682"]\n'
            'see sources.csv: `icsr_2015` and [@levitt_2021_jnslp]')
    found = {k for pat in KEY_PATTERNS for k in pat.findall(text)}
    assert found == {"nato_2019", "crs_r40682", "icsr_2015", "levitt_2021_jnslp"}
