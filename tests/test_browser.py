"""JupyterLab 4 in Debian's headless Chromium: the widgets and the chart render, a selection is made, Save is
clicked, and the argument file appears with that selection.

Playwright drives /usr/bin/chromium (never a downloaded browser). The server runs on a free localhost port with a
token and is always stopped.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import nbformat
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# A lesson that uses both widgets: the capstone, as released to students.
NOTEBOOK = Path(__file__).parents[1] / "lessons" / "08-capstone-argument" / "08-capstone-argument.ipynb"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--headless", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
MEASURE_LABEL = "Troops deployed abroad per million population"
SIPRI_LABEL = "SIPRI Military Expenditure Database, 2022 release (1990-2020)"
SOLUTION_RE = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION\n?", re.S)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def student_copy(src: Path, folder: Path) -> Path:
    """The notebook as a student runs it: answers kept, but no cell that saves the argument from code (the file
    must come from the Save button)."""
    nb = nbformat.read(src, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and "### BEGIN SOLUTION" in cell.source:
            keep = ".save(" not in cell.source
            cell.source = SOLUTION_RE.sub(lambda m: m.group(1) if keep else "", cell.source)
    path = folder / src.name
    nbformat.write(nb, path)
    return path


@pytest.fixture
def lab(tmp_path):
    port, token = free_port(), secrets.token_hex(16)
    bindir = str(Path(sys.executable).parent)
    env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""),
               JUPYTER_RUNTIME_DIR=str(tmp_path / "runtime"))
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}", "--ip=127.0.0.1",
           f"--ServerApp.token={token}", f"--ServerApp.root_dir={tmp_path}", "--ServerApp.open_browser=False"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    log = open(tmp_path / "lab.log", "wb")
    proc = subprocess.Popen(cmd, cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    try:
        deadline = time.time() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if proc.poll() is not None or time.time() > deadline:
                    pytest.fail("JupyterLab did not start:\n" + (tmp_path / "lab.log").read_text()[-2000:])
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}", token, tmp_path
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        log.close()


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"Debian chromium not installed at {CHROMIUM} "
                    "(apt-get install -y --no-install-recommends chromium)")
def test_widgets_render_and_save_writes_the_selection(lab):
    from playwright.sync_api import sync_playwright

    base, token, root = lab
    nb = student_copy(NOTEBOOK, root)
    saved = root / f"{nb.stem}.argument.json"
    url = f"{base}/lab/workspaces/t{secrets.token_hex(4)}/tree/{nb.name}?reset&token={token}"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(url)
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=60_000)
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=30_000)
            for _ in range(3):  # Run All before the kernel session is connected runs nothing: retry
                page.wait_for_timeout(1500)
                page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
                page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
                try:
                    page.wait_for_function("() => [...document.querySelectorAll('.jp-InputPrompt')]"
                                           ".some(e => /\\[(\\*|\\d+)\\]/.test(e.textContent))",
                                           timeout=15_000)
                    break
                except Exception:  # noqa: BLE001 - try again
                    continue
            explorer = page.locator(".course-burden-explorer")
            try:
                explorer.wait_for(timeout=60_000)
            except Exception:
                page.screenshot(path=str(root / "failure.png"))
                raise
            page.locator(".course-argument-builder").wait_for(timeout=30_000)
            page.wait_for_selector(".vega-embed svg.marks, .vega-embed canvas.marks", timeout=30_000)

            # one release per chart: the student picks SIPRI's; the note under the chart names it
            explorer.locator("select").filter(has=page.locator("option", has_text="Best coverage")) \
                .select_option(label=SIPRI_LABEL)
            explorer.get_by_text(f"Release: {SIPRI_LABEL}").first.wait_for(timeout=30_000)
            page.get_by_role("button", name=re.compile("Add explorer's selection")).click()
            page.locator(".course-argument-builder .course-message").get_by_text("evidence 1 added") \
                .wait_for(timeout=30_000)
            explorer.locator("select").first.select_option(label=MEASURE_LABEL)
            # the kernel handles the value change before the click (messages arrive in order)
            page.get_by_role("button", name=re.compile("Add explorer's selection")).click()
            page.locator(".course-argument-builder .course-message").get_by_text("evidence 2 added") \
                .wait_for(timeout=30_000)
            page.locator(".course-argument-save").click()
            # the status line (not the header, which also names the file) says the save is done
            page.locator(".course-argument-builder .course-message").get_by_text("saved to").wait_for(timeout=30_000)
        finally:
            browser.close()
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert [e["measure"] for e in data["evidence"]] == ["spending_pct_gdp", "troops_per_million"]
    assert data["evidence"][0]["filters"]["release"] == "sipri_2022"
    assert data["evidence"][1]["filters"]["release"] is None  # deployments are not drawn from a release
    assert data["evidence"][1]["filters"]["preset"] == "nato"
