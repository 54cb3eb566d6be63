"""Helpers shared by the tests: where things are, temporary nbgrader courses, and submissions made from a release.

Every test file imports what it needs from here (``from helpers import ...``); no test file imports another one.
To add a grading test: ``course, release, solution = course_with_release(tmp_path, LESSON)``, write notebooks made
with :func:`answered` under ``course / "submitted" / STUDENT / LESSON``, and call ``course_utils.grading.autograde``.
"""
from __future__ import annotations

import copy
import hashlib
import json
import os
import re
import shutil
import sys
from pathlib import Path

import nbformat

# COURSE_ROOT runs the lesson tests on another copy of the course (tests/test_lesson_tool.py: a toy lesson)
ROOT = Path(os.environ.get("COURSE_ROOT") or Path(__file__).resolve().parents[1]).resolve()
SOLUTIONS = ROOT / "solutions"
LESSONS = ROOT / "lessons"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
LESSON_IDS = sorted(p.name for p in SOLUTIONS.iterdir() if p.is_dir() and not p.name.startswith("."))

LESSON = "00-orientation"  # the pilot lesson that the grading tests use
FULL = 8.0  # its autograded points: Q1-Q4, 2 points each; Q5 (3 points) is graded by hand
SOLUTION_RE = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION\n?", re.S)
MARKERS = re.compile(r"### (BEGIN|END) (SOLUTION|HIDDEN TESTS)")


# ------------------------------------------------------------------------------------------------- notebooks

def execute_notebook(path: Path, workdir: Path, *, allow_errors: bool = False, timeout: int = 180):
    """Execute a notebook with nbclient in ``workdir`` (a student's folder); return the executed notebook."""
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=allow_errors,
                            resources={"metadata": {"path": str(workdir)}})
    client.execute()
    return nb


def execute_in_one_kernel(notebooks: list, workdir: Path, *, timeout: int = 180) -> list:
    """Execute several notebooks one after the other in one kernel, its namespace cleared (``%reset -f``) before
    each; errors are kept as outputs. For variants of one lesson: the kernel's start and the libraries' imports are
    paid once instead of once per variant. Modules stay imported, so this fits notebooks that change no module state
    (course_utils' ``load`` hands out copies)."""
    from nbclient import NotebookClient
    from nbformat.v4 import new_code_cell

    client = NotebookClient(notebooks[0], timeout=timeout, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(workdir)}})
    with client.setup_kernel():
        for nb in notebooks:
            nb.cells.insert(0, new_code_cell("%reset -f"))  # (nbclient stores each cell at its index in nb)
            client.nb = nb
            try:
                for index, cell in enumerate(nb.cells):
                    client.execute_cell(cell, index, store_history=index > 0)
            finally:
                del nb.cells[0]
    return notebooks


def grade_id(cell) -> str:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id", "")


def grade_cells(nb) -> list:
    return [c for c in nb.cells if c.get("metadata", {}).get("nbgrader", {}).get("grade")]


def cell_index(nb, gid: str) -> int:
    return next(i for i, c in enumerate(nb.cells) if grade_id(c) == gid)


def secret_lines(nb) -> set[str]:
    """Lines between solution or hidden-test markers in the instructor notebook."""
    secret = set()
    for cell in nb.cells:
        inside = False
        for line in cell.source.splitlines():
            if MARKERS.search(line):
                inside = line.strip().startswith("### BEGIN")
                continue
            text = line.strip()
            if inside and len(text) >= 12 and not text.startswith("#"):
                secret.add(text)
    return secret


def table_rows(name: str) -> int:
    """Rows of a shipped table as declared in datasets/datapackage.json (its ``rows`` or, without them,
    counted from the CSV file the resource names)."""
    package = json.loads((ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
    [resource] = [r for r in package["resources"] if r["name"] == name]
    rows = resource.get("rows", resource.get("stats", {}).get("rows"))
    if rows is not None:
        return int(rows)
    with (ROOT / "datasets" / resource["path"]).open(encoding="utf-8") as fh:
        return sum(1 for _ in fh) - 1


# ----------------------------------------------------------------------------------------------- submissions

def solution_code(cell_source: str) -> str:
    """An answer cell as a student who got it right would leave it (the solution without markers)."""
    return SOLUTION_RE.sub(lambda m: m.group(1), cell_source)


def answered(release, solution, wrong=(), override=None):
    """The release with every answer cell filled in from the solution, except ``wrong`` and ``override``."""
    nb = copy.deepcopy(release)
    sol = {grade_id(c): c for c in solution.cells}
    for cell in nb.cells:
        gid = grade_id(cell)
        if gid.endswith("_answer"):
            q = gid.split("_")[0]
            if override and q in override:
                cell.source = override[q]
            elif q in wrong:
                cell.source = cell.source.split("\n")[0].replace("...", "-1")  # a wrong number
            else:
                cell.source = solution_code(sol[gid].source)
    return nb


def solution_answer(solution, gid: str) -> str:
    return solution_code(solution.cells[cell_index(solution, gid)].source)


def submit(course: Path, student: str, nb, lesson: str = LESSON) -> Path:
    """Put ``nb`` where nbgrader's autograde looks for it: submitted/STUDENT/LESSON/LESSON.ipynb."""
    where = course / "submitted" / student / lesson
    where.mkdir(parents=True, exist_ok=True)
    path = where / f"{lesson}.ipynb"
    nbformat.write(nb, path)
    return path


def tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------------------------------------------- courses

def make_course(tmp: Path, lessons: list[str], config_extra: str = "") -> Path:
    """A temporary nbgrader course directory holding the repo's config (plus ``config_extra`` lines) and the
    given lessons' solutions."""
    tmp.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "nbgrader_config.py", tmp / "nbgrader_config.py")
    if config_extra:
        with (tmp / "nbgrader_config.py").open("a", encoding="utf-8") as fh:
            fh.write("\n" + config_extra.strip() + "\n")
    for lesson in lessons:
        shutil.copytree(SOLUTIONS / lesson, tmp / "solutions" / lesson)
    return tmp


def nbgrader_api(course: Path):
    """nbgrader's own API for a course directory, configured from its nbgrader_config.py (in-process)."""
    from course_utils.grading import nbgrader_api as api

    return api(course)


def generate(course: Path, lessons: list[str]) -> None:
    api = nbgrader_api(course)
    for lesson in lessons:
        result = api.generate_assignment(lesson, force=True)
        assert result["success"], f"generate_assignment {lesson} failed:\n{result.get('error')}\n{result.get('log')}"


def course_with_release(tmp: Path, lesson: str, config_extra: str = ""):
    """A temporary course with ``lesson`` generated: (course folder, released notebook, solutions notebook)."""
    course = make_course(tmp, [lesson], config_extra)
    generate(course, [lesson])
    release = nbformat.read(course / "lessons" / lesson / f"{lesson}.ipynb", as_version=4)
    solution = nbformat.read(SOLUTIONS / lesson / f"{lesson}.ipynb", as_version=4)
    return course, release, solution


def table_names() -> list[str]:
    """The tables datasets/datapackage.json declares, in its order."""
    package = json.loads((ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))
    return [r["name"] for r in package["resources"]]


# --------------------------------------------------------------------------- services: Unix users, PostgreSQL, a hub
# Real services on loopback, started by the tests that need them and always stopped (tests/test_hub.py).

NODE_DIR = Path(__file__).resolve().parents[1]  # package.json: `npm ci` (.ci/run) installs node_modules/ here
CHP = NODE_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
TEST_USER_MARK = "course hub test user"


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, what: str, timeout: float = 120, interval: float = 0.3):
    """Call ``check()`` until it returns something true; fail naming ``what`` after ``timeout`` seconds."""
    import time

    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            value = check()
            if value:
                return value
        except AssertionError:
            raise  # the service died: no use waiting
        except Exception as exc:  # noqa: BLE001 - a service that is starting refuses connections
            last = exc
        time.sleep(interval)
    raise TimeoutError(f"{what}: not ready after {timeout:g} s ({last!r})")


def postgres_bindir() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else None


def hub_missing() -> str:
    """Why a real JupyterHub with real Unix users cannot run here ("" if it can)."""
    import importlib.util

    if os.geteuid() != 0:
        return "needs root (creates Unix users with useradd and runs servers as them)"
    for tool in ("useradd", "userdel"):
        if shutil.which(tool) is None:
            return f"needs {tool}"
    if shutil.which("node") is None:
        return "needs Node.js (Debian: apt-get install nodejs)"
    if not CHP.exists():
        return f"needs configurable-http-proxy in {NODE_DIR} (run `npm ci` in the repository: package.json lists it)"
    if importlib.util.find_spec("jupyterhub") is None:
        return "needs jupyterhub (pip install -e '.[test]')"
    return ""


def postgres_missing() -> str:
    import importlib.util

    if postgres_bindir() is None:
        return "needs Debian's PostgreSQL server (apt-get install postgresql)"
    if importlib.util.find_spec("psycopg") is None:
        return "needs psycopg (pip install -e '.[test]')"
    try:
        import pwd

        pwd.getpwnam("postgres")
    except KeyError:
        return "needs the postgres Unix user (Debian's postgresql package makes it)"
    return ""


class UnixUsers:
    """Real Unix users for a test (``useradd``, home mode 0700), removed with their processes and homes at close."""

    def __init__(self):
        self.names: list[str] = []

    def add(self, name: str) -> str:
        import pwd
        import subprocess

        try:
            existing = pwd.getpwnam(name)
        except KeyError:
            existing = None
        if existing is not None:
            if existing.pw_gecos != TEST_USER_MARK:
                raise RuntimeError(f"user {name} already exists on this machine and was not made by a test")
            self._remove(name)  # left over from an interrupted run
        subprocess.run(["useradd", "--create-home", "-K", "HOME_MODE=0700", "--shell", "/bin/bash",
                        "--comment", TEST_USER_MARK, name], check=True, capture_output=True)
        self.names.append(name)
        return name

    @staticmethod
    def _remove(name: str) -> None:
        import pwd
        import subprocess

        import psutil

        try:
            uid = pwd.getpwnam(name).pw_uid
        except KeyError:
            return
        procs = [p for p in psutil.process_iter(["uids"]) if p.info["uids"] and p.info["uids"].real == uid]
        for p in procs:
            try:
                p.kill()
            except psutil.NoSuchProcess:
                pass
        psutil.wait_procs(procs, timeout=10)
        subprocess.run(["userdel", "--remove", "--force", name], capture_output=True)

    def close(self) -> None:
        for name in reversed(self.names):
            self._remove(name)
        self.names.clear()


def run_as(user: str, cmd: list[str], *, cwd, env: dict | None = None, timeout: float = 900, check: bool = True):
    """Run ``cmd`` as Unix ``user`` (its own uid, gid and HOME), as a login would."""
    import pwd
    import subprocess

    pw = pwd.getpwnam(user)
    full_env = {"PATH": str(Path(sys.executable).parent) + os.pathsep + "/usr/local/bin:/usr/bin:/bin",
                "HOME": pw.pw_dir, "USER": user, "LOGNAME": user, "LANG": "C.UTF-8"}
    full_env.update(env or {})
    proc = subprocess.run(cmd, cwd=cwd, env=full_env, user=pw.pw_uid, group=pw.pw_gid, extra_groups=[],
                          capture_output=True, text=True, timeout=timeout)
    if check and proc.returncode != 0:
        raise AssertionError(f"as {user}: {' '.join(map(str, cmd))} exited {proc.returncode}:\n"
                             f"{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc


class Postgres:
    """Debian's PostgreSQL server in a temporary folder, on 127.0.0.1 and a private socket folder, run as the
    ``postgres`` user; one database and its owner for the gradebook."""

    def __init__(self, base: Path):
        self.base = Path(base)
        self.port = free_port()
        self.proc = None
        self.password = "pw" + os.urandom(8).hex()

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://grader:{self.password}@127.0.0.1:{self.port}/gradebook"

    def start(self) -> "Postgres":
        import pwd
        import subprocess

        bindir = postgres_bindir()
        pg = pwd.getpwnam("postgres")
        self.base.mkdir(parents=True, exist_ok=True)
        os.chown(self.base, pg.pw_uid, pg.pw_gid)
        self.data, self.sockets = self.base / "data", self.base / "sockets"
        self.sockets.mkdir()
        os.chown(self.sockets, pg.pw_uid, pg.pw_gid)
        as_pg = dict(user=pg.pw_uid, group=pg.pw_gid, extra_groups=[], cwd=self.base,
                     env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": str(self.base)})
        subprocess.run([bindir / "initdb", "-D", self.data, "-U", "postgres", "--auth-local=peer",
                        "--auth-host=scram-sha-256"], check=True, capture_output=True, **as_pg)
        self.log = open(self.base / "postgres.log", "wb")
        self.proc = subprocess.Popen([bindir / "postgres", "-D", self.data, "-p", str(self.port),
                                      "-k", self.sockets, "-c", "listen_addresses=127.0.0.1",
                                      "-c", "max_connections=200", "-c", "fsync=off"],
                                     stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True, **as_pg)
        wait_until(lambda: subprocess.run([bindir / "pg_isready", "-h", self.sockets, "-p", str(self.port)],
                                          capture_output=True).returncode == 0, "PostgreSQL", timeout=60)
        sql = (f"CREATE ROLE grader LOGIN PASSWORD '{self.password}'; "
               "CREATE DATABASE gradebook OWNER grader;")
        for statement in sql.split("; "):
            subprocess.run(["psql", "-h", self.sockets, "-p", str(self.port), "-U", "postgres", "-v",
                            "ON_ERROR_STOP=1", "-c", statement], check=True, capture_output=True, **as_pg)
        return self

    def stop(self) -> None:
        import signal

        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)  # fast shutdown
            try:
                self.proc.wait(30)
            except Exception:  # noqa: BLE001
                self.proc.kill()
                self.proc.wait()
        if getattr(self, "log", None):
            self.log.close()


class Hub:
    """A JupyterHub on 127.0.0.1 (free ports) with configurable-http-proxy, driven through its REST API with the
    token of a service ``class-driver`` (the test's stand-in for an admin)."""

    def __init__(self, folder: Path, site_config: str):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.port, self.hub_port, self.proxy_api = free_port(), free_port(), free_port()
        self.token = os.urandom(24).hex()
        self.url = f"http://127.0.0.1:{self.port}"
        self.config = self.folder / "jupyterhub_config.py"
        self.config.write_text(site_config.format(port=self.port, hub_port=self.hub_port, proxy_api=self.proxy_api,
                                                  token=self.token, chp=str(CHP), folder=str(self.folder)),
                               encoding="utf-8")
        self.proc = None
        self.starts = 0

    def start(self) -> "Hub":
        import subprocess

        import requests

        self.starts += 1
        self.log = open(self.folder / f"hub-{self.starts}.log", "wb")
        env = dict(os.environ, PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""))
        self.proc = subprocess.Popen([str(Path(sys.executable).parent / "jupyterhub"), "-f", str(self.config)],
                                     cwd=self.folder, stdout=self.log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, env=env, start_new_session=True)

        def up():
            assert self.proc.poll() is None, f"the hub exited {self.proc.returncode}: {self.log_tail()}"
            return requests.get(f"{self.url}/hub/api/", timeout=5).status_code == 200

        wait_until(up, "JupyterHub", timeout=120)
        return self

    def log_tail(self, n: int = 40) -> str:
        path = self.folder / f"hub-{self.starts}.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-n:]) if path.exists() else ""

    def stop(self) -> None:
        import signal

        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(60)
            except Exception:  # noqa: BLE001
                from course_utils.processes import kill_tree

                kill_tree(self.proc.pid)
        if getattr(self, "log", None):
            self.log.close()

    def api(self, method: str, path: str, **kw):
        import requests

        response = requests.request(method, f"{self.url}/hub/api{path}", timeout=60,
                                    headers={"Authorization": f"token {self.token}"}, **kw)
        return response

    def server(self, method: str, user: str, path: str, **kw):
        """A request to ``user``'s own server through the proxy (``/user/<user><path>``)."""
        import requests

        return requests.request(method, f"{self.url}/user/{user}{path}", timeout=300,
                                headers={"Authorization": f"token {self.token}"}, **kw)

    def spawn(self, user: str, timeout: float = 300) -> None:
        r = self.api("POST", f"/users/{user}/server")
        assert r.status_code in (201, 202, 400), (user, r.status_code, r.text, self.log_tail())  # 400: running

        def ready():
            model = self.api("GET", f"/users/{user}").json()
            server = model.get("servers", {}).get("")
            return bool(server and server.get("ready"))

        wait_until(ready, f"{user}'s server", timeout=timeout, interval=0.5)

    def stop_server(self, user: str) -> None:
        self.api("DELETE", f"/users/{user}/server")


class OpenPath:
    """Let other users reach ``paths`` (this Python, the course) while a test runs: every folder above them
    without search permission for others (e.g. /root, 0700, where pyenv puts Python) gets o+x (not read: nothing is
    listed) until ``close()`` restores its mode."""

    def __init__(self, *paths: Path):
        import stat

        self.changed: list[tuple[Path, int]] = []
        for path in paths:
            for folder in reversed(Path(path).resolve().parents):
                mode = stat.S_IMODE(folder.stat().st_mode)
                if not mode & stat.S_IXOTH and folder not in [f for f, _ in self.changed]:
                    self.changed.append((folder, mode))
                    os.chmod(folder, mode | stat.S_IXOTH)

    def close(self) -> None:
        for folder, mode in reversed(self.changed):
            os.chmod(folder, mode)
        self.changed.clear()
