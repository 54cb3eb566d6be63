"""Build the course's reading site: static HTML, offline-safe, from the released notebooks in lessons/.

    python docs/site/build_site.py [--out _site]      # or: make site

What it does, in order (nothing in the site is edited by hand):

1. Stage the book's sources in ``OUT/src``: the home page (``docs/site/home.md`` with the lesson list and the three
   ways to run the course filled in), the learner setup (``docs/learner-setup.md``), the datasets codebook
   (``datasets/README.md``: every table with its sources and licence) and one page per *released* lesson: the
   notebook of ``lessons/`` (never ``solutions/``), executed with nbclient in a copy of its folder.
2. Make each executed lesson fit for reading on the web: charts become inline SVG with their alt text (the same
   :class:`course_utils.nbgrader_plugins.OfflineCharts` step as the students' feedback), answer cells stay empty,
   self-check and doctor outputs are dropped (they are about a student's own answers), a widget becomes a note
   that says how to run it, and a "Run this page" box links to Binder, a laptop and a JupyterHub (nbgitpuller).
3. Build the HTML with Jupyter Book 1 (Sphinx + MyST-NB; no execution, no network) into ``OUT/html``.

The repository address that the Binder and nbgitpuller links need is read from one place, ``[project.urls]
Repository`` in pyproject.toml.
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from urllib.parse import quote, urlparse

import nbformat

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
LESSONS = ROOT / "lessons"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"
RUN_BOX_TAG = "course-run-this-page"


class SiteError(RuntimeError):
    """The site could not be built (the message names the file or step)."""


# ----------------------------------------------------------------------------------------------- configuration
def repository_url(root: Path = ROOT) -> str:
    """The course repository's address: ``[project.urls] Repository`` in pyproject.toml (the one place)."""
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib  # type: ignore[no-redef]
    meta = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    url = meta.get("project", {}).get("urls", {}).get("Repository", "")
    if not url:
        raise SiteError("pyproject.toml has no [project.urls] Repository: the Binder and nbgitpuller links need it")
    return url.rstrip("/")


def binder_url(repo: str, path: str | None = None) -> str:
    """mybinder.org link for a GitHub repository, opening JupyterLab on ``path`` (default: lessons/)."""
    parts = urlparse(repo).path.strip("/").split("/")
    if urlparse(repo).netloc != "github.com" or len(parts) < 2:
        raise SiteError(f"[project.urls] Repository = {repo!r}: the Binder link needs a https://github.com/OWNER/REPO "
                        "address")
    target = f"lab/tree/{path or 'lessons'}"
    return f"https://mybinder.org/v2/gh/{parts[0]}/{parts[1]}/HEAD?urlpath={quote(target, safe='')}"


def nbgitpuller_template(repo: str, path: str) -> str:
    """An nbgitpuller link for an instructor's hub; YOUR-HUB is the part they replace."""
    name = urlparse(repo).path.strip("/").split("/")[-1]
    return ("https://YOUR-HUB/hub/user-redirect/git-pull?repo=" + quote(repo, safe="") + "&branch=main&urlpath="
            + quote(f"lab/tree/{name}/{path}", safe=""))


# ----------------------------------------------------------------------------------------------- lessons
def released_lessons(lessons: Path = LESSONS) -> list[Path]:
    """Every released lesson notebook, lessons/NN-slug/NN-slug.ipynb, in order."""
    found = sorted(p / f"{p.name}.ipynb" for p in lessons.iterdir() if p.is_dir() and (p / f"{p.name}.ipynb").is_file())
    if not found:
        raise SiteError(f"no released lessons in {lessons} (run `make lessons`)")
    return found


def lesson_title(nb) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return m.group(1).strip()
    return ""


def _nbgrader(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def _is_doctor(cell) -> bool:
    return cell.cell_type == "code" and "run_in_notebook(" in cell.source


def execute(nb, folder: Path, timeout: int = 300):
    """Run the released notebook top to bottom in ``folder``; errors (unanswered questions) do not stop it."""
    from nbclient import NotebookClient

    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(folder)}})
    client.execute()
    return nb


def for_reading(nb, run_box: str):
    """A lesson as a web page: charts as SVG with alt text, no self-check or error output, widgets as a note."""
    from course_utils.nbgrader_plugins import OfflineCharts

    nb, _ = OfflineCharts().preprocess(nb, {})
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        meta = _nbgrader(cell)
        if meta.get("solution") or meta.get("grade") or _is_doctor(cell):
            # an empty answer cell; a self-check's verdict on an empty answer says nothing to a reader
            cell.outputs = []
            cell.execution_count = None
            continue
        kept = []
        for out in cell.outputs:
            if out.get("output_type") == "error":
                kept.append(nbformat.v4.new_output("display_data", data={
                    "text/html": '<p class="course-note">This output depends on your answers above: run the '
                                 "lesson to see it.</p>", "text/plain": "(run the lesson to see this output)"}))
                continue
            data = out.get("data", {})
            if WIDGET_MIME in data:
                kept.append(nbformat.v4.new_output("display_data", data={
                    "text/html": '<p class="course-note">An interactive tool (a widget) appears here when you run '
                                 "the lesson: see <em>Run this page</em> at the top.</p>",
                    "text/plain": "(interactive widget: run the lesson to use it)"}))
                continue
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                continue  # warnings from libraries are not for readers
            kept.append(out)
        cell.outputs = kept
    title_at = next((i for i, c in enumerate(nb.cells) if c.cell_type == "markdown"), 0)
    box = nbformat.v4.new_markdown_cell(run_box)
    box.metadata["tags"] = [RUN_BOX_TAG]
    nb.cells.insert(title_at + 1, box)
    nb.metadata.pop("widgets", None)  # widget state would make MyST-NB load the widget manager from a CDN
    return nb


def run_box(repo: str, rel: str) -> str:
    """The "Run this page" box of a lesson page (``rel``: lessons/NN-slug/NN-slug.ipynb)."""
    name = urlparse(repo).path.strip("/").split("/")[-1]
    return textwrap.dedent(f"""\
        ```{{admonition}} Run this page
        :class: tip

        - **In your browser, nothing to install:** [open this lesson on Binder]({binder_url(repo, rel)})
          (a temporary session: download your notebook before you close it).
        - **On your laptop:** `git clone {repo}`, then `cd {name}` and `make lab`; open `{rel}`.
        - **On your class's JupyterHub (instructors):** give students an nbgitpuller link, with your hub's address
          in place of `YOUR-HUB`: `{nbgitpuller_template(repo, rel)}`
        - Self-checks, hints and the widgets work once the lesson runs; this page shows the reading, the data and
          the charts, with the answer cells left empty.
        ```
        """)


# ----------------------------------------------------------------------------------------------- other pages
def home_page(repo: str, lessons: list[tuple[str, str]]) -> str:
    head = (HERE / "home.md").read_text(encoding="utf-8")
    rows = "\n".join(f"| [{stem[:2]}]({path}) | {title} |" for stem, path, title in
                     ((Path(p).stem, p, t) for p, t in lessons))
    return (head.replace("{{LESSONS}}", "| lesson | title |\n| --- | --- |\n" + rows)
                .replace("{{BINDER}}", binder_url(repo))
                .replace("{{REPO}}", repo)
                .replace("{{REPO_NAME}}", urlparse(repo).path.strip("/").split("/")[-1]))


def relink(markdown: str, repo: str) -> str:
    """Links between repository files, made to work on the site (or to point at the repository)."""
    markdown = markdown.replace("](../README.md)", "](index.md)")
    markdown = markdown.replace("REPO_URL", repo)
    return re.sub(r"\]\((?!https?:|#|index\.md|setup\.md|datasets\.md)([^)]+)\)",
                  lambda m: f"]({repo}/blob/main/{m.group(1).lstrip('./')})", markdown)


def codebook_page() -> str:
    text = (ROOT / "datasets" / "README.md").read_text(encoding="utf-8")
    return re.sub(r"^<!--.*?-->\n", "", text, flags=re.M | re.S)


CONFIG = {
    "title": "Allies After 9/11",
    "author": "Allies After 9/11 course team",
    "only_build_toc_files": True,
    "execute": {"execute_notebooks": "off"},
    "html": {"use_repository_button": False, "use_issues_button": False, "use_edit_page_button": False,
             "use_download_button": False, "home_page_in_navbar": True},
    "launch_buttons": {"notebook_interface": "jupyterlab", "binderhub_url": "", "thebe": False},
    "parse": {"myst_enable_extensions": ["colon_fence"]},
    "sphinx": {"config": {
        "nb_ipywidgets_js": {},  # no widget manager from a CDN: widgets are notes on this site
        "html_js_files": [],
        # Sphinx adds MathJax only to pages with equations, and the lessons have none; a local name (never a CDN)
        # so that a page that ever gets one fails the offline test instead of reaching out
        "mathjax_path": "mathjax-not-bundled.js",
        "myst_heading_anchors": 3,
        "html_show_sourcelink": False,
        "html_theme_options": {"use_download_button": False, "use_fullscreen_button": False,
                               "show_toc_level": 2},
        "html_context": {"default_mode": "light"},
        "templates_path": ["_templates"],  # docs/site/_templates: theme components fixed for accessibility
        "suppress_warnings": ["myst.header", "mystnb.unknown_mime_type"],
    }},
}


def stage(out: Path, repo: str, *, execute_lessons: bool = True, timeout: int = 300) -> Path:
    """Write the book's sources into ``out/src`` and return that folder."""
    import yaml

    src = out / "src"
    if src.exists():
        shutil.rmtree(src)
    src.mkdir(parents=True)
    lessons = []
    for path in released_lessons():
        rel = path.relative_to(ROOT).as_posix()
        folder = src / path.parent.relative_to(ROOT)
        shutil.copytree(path.parent, folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "*.argument.json*"))
        nb = nbformat.read(path, as_version=4)
        if execute_lessons:
            try:
                execute(nb, folder, timeout=timeout)
            except Exception as exc:  # noqa: BLE001 - name the lesson
                raise SiteError(f"{rel}: executing the released lesson failed: {type(exc).__name__}: {exc}") from exc
        nb = for_reading(nb, run_box(repo, rel))
        nbformat.write(nb, folder / path.name)
        lessons.append((rel, lesson_title(nb)))
    shutil.copytree(HERE / "_templates", src / "_templates")
    (src / "index.md").write_text(home_page(repo, lessons), encoding="utf-8")
    (src / "setup.md").write_text(relink((ROOT / "docs" / "learner-setup.md").read_text(encoding="utf-8"), repo),
                                  encoding="utf-8")
    (src / "datasets.md").write_text(codebook_page(), encoding="utf-8")
    toc = {"format": "jb-book", "root": "index",
           "parts": [{"caption": "Lessons", "chapters": [{"file": rel[:-len(".ipynb")]} for rel, _ in lessons]},
                     {"caption": "Reference", "chapters": [{"file": "datasets"}, {"file": "setup"}]}]}
    (src / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    (src / "_config.yml").write_text(yaml.safe_dump(CONFIG, sort_keys=False), encoding="utf-8")
    return src


def build(out: Path = ROOT / "_site", *, execute_lessons: bool = True) -> Path:
    """Stage and build the site; return the folder of the HTML pages (``out/html``)."""
    out = Path(out).resolve()
    repo = repository_url()
    src = stage(out, repo, execute_lessons=execute_lessons)
    work = out / "jb"
    if work.exists():
        shutil.rmtree(work)
    cmd = [sys.executable, "-c", "from jupyter_book.cli.main import main; main()", "build", str(src), "--path-output", str(work), "--builder", "html",
           "--keep-going"]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    html_dir = work / "_build" / "html"
    if proc.returncode != 0 or not (html_dir / "index.html").is_file():
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-25:])
        raise SiteError(f"jupyter-book build of {src} failed:\n{tail}")
    final = out / "html"
    if final.exists():
        shutil.rmtree(final)
    shutil.move(str(html_dir), final)
    shutil.rmtree(work, ignore_errors=True)
    (final / ".nojekyll").touch()
    return final


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "_site"), help="output folder (default: _site/)")
    args = parser.parse_args(argv)
    try:
        html_dir = build(Path(args.out))
    except SiteError as exc:
        print(f"make site: {exc}", file=sys.stderr)
        return 1
    print(f"site built: {html_dir / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
