"""The reading site (`make site`): built from the released lessons, offline-safe, accessible, never leaking answers.

The site is built once for this module by the same code as `make site` (docs/site/build_site.py), into a
temporary folder. Pages are served from 127.0.0.1 and opened in Debian's headless Chromium with every request that
leaves that server blocked and recorded; axe-core (npm, installed by `.ci/run` with `npm ci`) audits each page.
"""
from __future__ import annotations

import functools
import html
import http.server
import json
import re
import sys
import threading
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "docs" / "site"))
import build_site  # noqa: E402  (docs/site/build_site.py: the builder `make site` runs)

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--headless", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SOLUTION = re.compile(r"### BEGIN SOLUTION[^\n]*\n(.*?)### END SOLUTION", re.S)
HIDDEN = re.compile(r"### BEGIN HIDDEN TESTS[^\n]*\n(.*?)### END HIDDEN TESTS", re.S)

needs_jupyter_book = pytest.mark.skipif(
    __import__("importlib").util.find_spec("jupyter_book") is None,
    reason="jupyter-book (the `site` or `test` extra) is not installed")
needs_browser = pytest.mark.skipif(
    not Path(CHROMIUM).exists() or not AXE.exists(),
    reason=f"needs Debian chromium at {CHROMIUM} and axe-core in node_modules (`npm ci`); .ci/run installs both")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    if __import__("importlib").util.find_spec("jupyter_book") is None:
        pytest.skip("jupyter-book is not installed")
    return build_site.build(tmp_path_factory.mktemp("site"))


def pages(site: Path) -> list[Path]:
    """Every page a reader can reach (the theme's template fragments in _static/ are not pages)."""
    return sorted(p for p in site.rglob("*.html") if "_static" not in p.relative_to(site).parts)


def page_text(path: Path) -> str:
    """The visible text of a page, whitespace-normalised (for looking for leaked solution text)."""
    raw = path.read_text(encoding="utf-8")
    raw = re.sub(r"<(script|style)\b.*?</\1>", " ", raw, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", raw)).split())


def norm(text: str) -> str:
    return " ".join(text.split())


def secret_lines() -> dict[str, str]:
    """Lines that only the instructor's notebooks hold: solution code, model answers, rubrics, hidden tests.

    A line that a released lesson also holds (a stub, a line of code shared with a reading) is not secret."""
    public = "\n".join(norm(line) for nb in sorted((ROOT / "lessons").glob("*/*.ipynb"))
                       for c in nbformat.read(nb, as_version=4).cells for line in c.source.splitlines())
    found: dict[str, str] = {}
    for sol in sorted((ROOT / "solutions").glob("*/*.ipynb")):
        for cell in nbformat.read(sol, as_version=4).cells:
            for region in SOLUTION.findall(cell.source) + HIDDEN.findall(cell.source):
                for line in region.splitlines():
                    key = norm(line.lstrip("#*|- "))
                    if len(key) >= 24 and key not in public:
                        found[key] = f"{sol.relative_to(ROOT)}"
    return found


@needs_jupyter_book
def test_every_released_lesson_has_a_page_with_its_reading_and_a_run_box(site):
    repo = build_site.repository_url()
    assert (site / "index.html").is_file() and (site / "datasets.html").is_file() and (site / "setup.html").is_file()
    for nb_path in build_site.released_lessons():
        rel = nb_path.relative_to(ROOT).as_posix()
        page = site / rel.replace(".ipynb", ".html")
        assert page.is_file(), f"no page for {rel}"
        text = page_text(page)
        title = build_site.lesson_title(nbformat.read(nb_path, as_version=4))
        assert norm(title) in text, f"{page.name}: the lesson's title is missing"
        raw = page.read_text(encoding="utf-8")
        assert html.escape(build_site.binder_url(repo, rel), quote=True) in raw, f"{page.name}: no Binder link"
        assert "git-pull?repo=" in raw and "make lab" in text, f"{page.name}: no laptop or JupyterHub way to run it"
    home = page_text(site / "index.html")
    for words in ("laptop", "JupyterHub", "Binder"):
        assert words in home
    codebook = page_text(site / "datasets.html")
    tables = json.loads((ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    for table in tables:
        assert table["name"] in codebook, f"datasets page lacks table {table['name']}"
    assert "Licence" in codebook and "source" in codebook.lower()


def test_readme_binder_badge_uses_the_configured_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert build_site.binder_url(build_site.repository_url()) in readme, (
        "README's Binder badge must point at pyproject.toml's [project.urls] Repository "
        f"({build_site.binder_url(build_site.repository_url())})")


def unescape_json(text: str) -> str:
    """Text inside JSON or JavaScript strings (a notebook's source, the search index) as a reader would see it."""
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), text)
    return text.replace('\\"', '"').replace("\\n", " ").replace("\\t", " ").replace("\\\\", "\\")


def find_leaks(site: Path, secrets: dict[str, str]) -> list[tuple[str, str, str]]:
    """(file, secret line, solutions notebook) for every secret line found in a page's text or a shipped source."""
    texts = {p: page_text(p) for p in pages(site)}
    raw_files = [p for p in site.rglob("*") if p.is_file() and p.suffix in {".ipynb", ".txt", ".js", ".md", ".json"}]
    texts.update({p: norm(unescape_json(p.read_text(encoding="utf-8", errors="replace"))) for p in raw_files})
    return [(str(p.relative_to(site)), line, origin) for p, text in texts.items()
            for line, origin in secrets.items() if line in text]


def test_the_leak_check_can_fail(tmp_path):
    secrets = secret_lines()
    assert len(secrets) > 100, "found too few solution lines: the extraction is broken"
    model_answer = next(line for line in secrets if " " in line and "=" not in line)  # a line of prose
    code = next(line for line in secrets if "=" in line)
    (tmp_path / "page.html").write_text(f"<html><body><p>{html.escape(model_answer)}</p></body></html>")
    (tmp_path / "_sources").mkdir()
    (tmp_path / "_sources" / "lesson.ipynb").write_text(json.dumps({"cells": [{"source": [code]}]}))
    found = {line for _, line, _ in find_leaks(tmp_path, secrets)}
    assert model_answer in found and code in found


@needs_jupyter_book
def test_no_solution_model_answer_rubric_or_hidden_test_text_on_the_site(site):
    leaks = find_leaks(site, secret_lines())
    assert not leaks, f"{len(leaks)} solution lines on the site, e.g. {leaks[:3]}"


@needs_jupyter_book
def test_every_chart_is_an_svg_with_a_text_alternative(site):
    charted = 0
    for page in pages(site):
        raw = page.read_text(encoding="utf-8")
        assert "application/vnd.vegalite" not in raw, f"{page.name}: a chart left as Vega-Lite JSON"
        for figure in re.findall(r'<figure class="course-chart"[^>]*>.*?</figure>', raw, re.S):
            charted += 1
            label = re.search(r'aria-label="([^"]*)"', figure)
            assert label and len(label.group(1)) > 20, f"{page.name}: a chart without alt text"
            assert "<svg" in figure, f"{page.name}: a chart without its SVG"
    assert charted >= 9, f"only {charted} charts on the site"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # noqa: D102
        pass


@pytest.fixture(scope="module")
def served(site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@needs_browser
@needs_jupyter_book
def test_pages_load_offline_with_no_serious_accessibility_violation(site, served):
    from playwright.sync_api import sync_playwright

    axe = AXE.read_text(encoding="utf-8")
    problems: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            outside: list[str] = []

            def route(r):
                if r.request.url.startswith(served):
                    r.continue_()
                else:
                    outside.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            for path in pages(site):
                rel = path.relative_to(site).as_posix()
                page = context.new_page()
                failed: list[str] = []
                page.on("requestfailed", lambda req: failed.append(req.url))
                page.on("response", lambda resp: failed.append(f"{resp.status} {resp.url}")
                        if resp.status >= 400 else None)
                page.goto(f"{served}/{rel}", wait_until="load")
                page.wait_for_timeout(200)
                if failed:
                    problems.append(f"{rel}: failed requests {failed[:5]}")
                for figure in page.locator("figure.course-chart svg").all():
                    box = figure.bounding_box()
                    if not box or box["width"] < 50 or box["height"] < 50:
                        problems.append(f"{rel}: a chart is not visible ({box})")
                page.add_script_tag(content=axe)
                result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
                for v in result["violations"]:
                    if v["impact"] in ("critical", "serious"):
                        where = [n["target"] for n in v["nodes"][:3]]
                        problems.append(f"{rel}: axe {v['impact']} {v['id']} ({v['help']}) at {where}")
                page.close()
            if outside:
                problems.append(f"requests outside the site: {sorted(set(outside))[:5]}")
        finally:
            browser.close()
    assert not problems, "\n".join(problems)
