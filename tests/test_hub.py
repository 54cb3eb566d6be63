"""A class on a real JupyterHub, end to end, following the instructor guide's section 2.6 step by step.

JupyterHub (PyPI) with configurable-http-proxy (npm) on 127.0.0.1, real Unix users (useradd, removed afterwards), the
default LocalProcessSpawner, nbgrader's exchange in a shared folder, the gradebook on Debian's PostgreSQL, and the
hub running on the files `course hub` wrote. Students act only through the hub's REST API and their own servers
(list -> fetch -> write -> submit -> fetch feedback); the instructor acts as the grading account with the `course`
command. One class is shared by every test in this file (module fixture): 40 students, the hub restarted in the
middle, one student trying to submit under another's name, two graders on the gradebook at once.

Expected scores come from real solutions and broken copies (as in test_grading_roundtrip.py): Q1-Q4 are 2 points
each, Q5 (written, 3 points) is graded by hand.
"""
from __future__ import annotations

import copy
import csv
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import pytest

from course_utils.grading import read_status
from helpers import (ROOT, SOLUTIONS, Hub, OpenPath, Postgres, UnixUsers, hub_missing, make_course, postgres_missing,
                      run_as)

pytestmark = pytest.mark.slow

LESSON = "00-orientation"
COURSE_ID = "allies-after-911"
GRADER = f"grader-{COURSE_ID}"
STUDENTS = int(os.environ.get("COURSE_HUB_TEST_STUDENTS", "40"))
WRITTEN = "DMDC counts personnel permanently assigned; rotations and contingency operations are counted apart."
MANUAL_Q5 = 2.0
SOLUTION_RE = re.compile(r"### BEGIN SOLUTION\n(.*?)### END SOLUTION\n?", re.S)
BIN = Path(sys.executable).parent

# The hub's own configuration (what The Littlest JupyterHub or your site config holds): addresses, the proxy, the
# hub's database, and the test's driver service. The course's part comes from `course hub`, loaded last, as TLJH
# loads jupyterhub_config.d/.
SITE_CONFIG = """\
c = get_config()
c.JupyterHub.bind_url = "http://127.0.0.1:{port}"
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{hub_port}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api}"
c.ConfigurableHTTPProxy.command = ["{chp}"]
c.JupyterHub.db_url = "sqlite:///{folder}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{folder}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = "{folder}/jupyterhub.pid"
c.Spawner.cmd = ["%(singleuser)s"]
c.Spawner.environment = {{"JUPYTER_CONFIG_PATH": "%(etc_jupyter)s"}}  # stands for /etc/jupyter
c.Spawner.http_timeout = 240
c.Spawner.start_timeout = 300
c.JupyterHub.services = [{{"name": "class-driver", "api_token": "{token}"}}]
c.JupyterHub.load_roles = [{{"name": "class-driver", "services": ["class-driver"],
                            "scopes": ["admin:users", "admin:servers", "access:servers", "access:services",
                                       "admin:groups", "list:services", "read:services"]}}]
load_subconfig("%(fragment)s")
"""


def solution_code(source: str) -> str:
    return SOLUTION_RE.sub(lambda m: m.group(1), source)


def plan_for(index: int) -> tuple[str, float]:
    """Student number ``index``'s kind of work and the score it must end with (autograded + manual Q5)."""
    return [("solution", 8.0 + MANUAL_Q5), ("wrong_q2", 6.0 + MANUAL_Q5), ("blank", 0.0)][index % 3]


def student_notebook(release, solution, kind: str):
    nb = copy.deepcopy(release)
    if kind == "blank":
        return nb
    sol = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in solution.cells}
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id", "")
        if gid.endswith("_answer"):
            cell.source = solution_code(sol[gid].source)
            if kind == "wrong_q2" and gid == "q2_answer":
                cell.source = cell.source.split("\n")[0].split("=")[0] + "= -1"
        elif gid == "q5_free":
            cell.source = WRITTEN
    return nb


def course_as_grader(course: Path, *args: str, env: dict | None = None, check: bool = True, timeout: float = 900):
    """A `course` command in the grading account (the service's terminal), from the course folder."""
    return run_as(GRADER, [str(BIN / "course"), *args], cwd=course, env=env, check=check, timeout=timeout)


def nbgrader_as(user: str, home: str, *args: str, env: dict, check: bool = False):
    return run_as(user, [str(BIN / "nbgrader"), *args], cwd=home, env=env, check=check)


class ManualGrader(threading.Thread):
    """The second grader: enters Q5's manual grade in the gradebook (nbgrader's Gradebook API) for each
    submission as soon as its autograde is saved, while `course autograde` is still running on the others."""

    def __init__(self, db_url: str, expected: int, course: Path):
        super().__init__(daemon=True)
        self.db_url, self.expected, self.course = db_url, expected, course
        self.graded: set[str] = set()  # every autograded submission seen
        self.manual: set[str] = set()  # those given a manual grade
        self.while_autograding = 0
        self.autograde_running = threading.Event()
        self.error: BaseException | None = None

    def run(self):
        from nbgrader.api import Gradebook

        try:
            deadline = time.monotonic() + 1800
            while len(self.graded) < self.expected and time.monotonic() < deadline:
                with Gradebook(self.db_url, COURSE_ID) as gb:
                    for sub in gb.assignment_submissions(LESSON):
                        if sub.student.id in self.graded:
                            continue
                        [nb] = sub.notebooks
                        grades = {g.name: g for g in nb.grades}
                        # grade a submission once its autograde is over (`course status` says so): nbgrader's
                        # autograde sets needs_manual_grade again on a written answer it (re)grades, so a manual
                        # grade saved while that same submission is still being autograded keeps its score but
                        # loses its "graded" flag
                        if sub.student.id not in read_status(self.course).get(LESSON, {}):
                            continue
                        if grades["q5_free"].needs_manual_grade:
                            # what the Formgrader's "save" does (nbgrader's formgrader API handler)
                            grades["q5_free"].manual_score = MANUAL_Q5
                            grades["q5_free"].needs_manual_grade = False
                            gb.db.commit()
                            self.manual.add(sub.student.id)
                        self.graded.add(sub.student.id)
                        self.while_autograding += self.autograde_running.is_set()
                time.sleep(0.5)
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            self.error = exc


@pytest.fixture(scope="module")
def hub_class():
    reason = hub_missing() or postgres_missing()
    if reason:
        pytest.skip(reason)
    base = Path(tempfile.mkdtemp(prefix="course-hub-"))
    os.chmod(base, 0o755)
    users, pg, hub = UnixUsers(), Postgres(base / "postgres"), None
    opened = OpenPath(Path(sys.executable).resolve(), ROOT / "course_utils")  # students' servers run this Python
    run: dict = {"base": base, "timings": {}}
    try:
        tag = os.urandom(2).hex()
        grader = users.add(GRADER)
        students = [users.add(f"h{tag}s{i:02d}") for i in range(1, STUDENTS + 1)]
        pg.start()
        home = Path(f"/home/{grader}")

        # -- guide 2.6, step 1: the exchange, writable by all
        exchange = base / "exchange"
        exchange.mkdir()
        os.chmod(exchange, 0o777)
        # -- step 2: the course folder in the grading account's home (a clone of the repository, here a copy)
        course = make_course(home / COURSE_ID, [LESSON])
        with (course / "nbgrader_config.py").open("a", encoding="utf-8") as fh:
            fh.write(f'\nc.Exchange.root = "{exchange}"\n')  # guide 2.3: the sandbox hides the exchange too
        # -- step 3: `course hub`, as the hub's administrator, from the course folder
        roster = base / "roster.txt"
        roster.write_text("\n".join(students) + "\n", encoding="utf-8")
        out = base / "hub-files"
        proc = subprocess.run([str(BIN / "course"), "hub", "--out", str(out), "--students", str(roster),
                               "--exchange", str(exchange), "--db-url", pg.url,
                               "--service-port", str(_port()), "--singleuser", str(BIN / "jupyterhub-singleuser")],
                              cwd=course, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr
        # -- step 4: install the files (the global one in a private folder standing for /etc/jupyter)
        etc_jupyter = base / "etc" / "jupyter"
        etc_jupyter.mkdir(parents=True)
        shutil.copy(out / "etc" / "jupyter" / "nbgrader_config.py", etc_jupyter / "nbgrader_config.py")
        os.chmod(etc_jupyter / "nbgrader_config.py", 0o644)
        (home / ".jupyter").mkdir()
        for name in ("nbgrader_config.py", "jupyter_server_config.py"):
            shutil.copy2(out / "grader" / ".jupyter" / name, home / ".jupyter" / name)
        subprocess.run(["chown", "-R", f"{grader}:{grader}", str(home)], check=True)
        grader_env = {"JUPYTER_CONFIG_PATH": str(etc_jupyter)}
        run.update(course=course, exchange=exchange, students=students, grader_env=grader_env, pg=pg, out=out,
                   etc_jupyter=etc_jupyter)

        # -- step 5: start (restart) the hub with the fragment
        fragment = out / "jupyterhub_config.d" / f"{COURSE_ID}.py"
        hub = Hub(base / "hub", SITE_CONFIG % {"singleuser": BIN / "jupyterhub-singleuser",
                                               "etc_jupyter": etc_jupyter, "fragment": fragment})
        hub.start()
        run["hub"] = hub
        # -- step 6: the doctor, in the grading account
        run["doctor"] = course_as_grader(course, "doctor", "--hub", "--hub-config", str(fragment), env=grader_env,
                                         check=False)
        # -- step 7: release
        course_as_grader(course, "release", LESSON, env=grader_env)

        # -- students, through the hub only
        release = nbformat.read(course / "lessons" / LESSON / f"{LESSON}.ipynb", as_version=4)
        (base / "blank").mkdir()
        nbformat.write(release, base / "blank" / f"{LESSON}.ipynb")
        os.chmod(base / "blank", 0o755)
        solution = nbformat.read(SOLUTIONS / LESSON / f"{LESSON}.ipynb", as_version=4)
        t0 = time.monotonic()
        with ThreadPoolExecutor(8) as pool:
            list(pool.map(hub.spawn, students))
        run["timings"]["spawn"] = time.monotonic() - t0

        def prepare(index_user):
            index, user = index_user
            listed = hub.server("GET", user, "/assignments", params={"course_id": COURSE_ID})
            assert listed.status_code == 200, (user, listed.status_code, listed.text[:500])
            r = hub.server("POST", user, "/assignments/fetch",
                           data={"course_id": COURSE_ID, "assignment_id": LESSON})
            assert r.status_code == 200, (user, r.status_code, r.text[:500])
            path = f"{COURSE_ID}/{LESSON}/{LESSON}.ipynb"  # path_includes_course: ~/<course>/<lesson>/
            got = hub.server("GET", user, f"/api/contents/{path}")
            assert got.status_code == 200, (user, got.status_code, got.text[:300])
            nb = student_notebook(release, solution, plan_for(index)[0])
            put = hub.server("PUT", user, f"/api/contents/{path}",
                             json={"type": "notebook", "format": "json", "content": nb})
            assert put.status_code in (200, 201), (user, put.status_code, put.text[:300])
            return listed.json()

        t0 = time.monotonic()
        with ThreadPoolExecutor(8) as pool:
            run["listed"] = list(pool.map(prepare, enumerate(students)))
        run["timings"]["fetch"] = time.monotonic() - t0

        def submit(user):
            r = hub.server("POST", user, "/assignments/submit",
                           data={"course_id": COURSE_ID, "assignment_id": LESSON})
            assert r.status_code == 200 and r.json().get("success", True) is not False, (user, r.text[:500])
            return r.json()

        # three students submit before the hub restarts in the middle of the class
        early = students[:3]
        for user in early:
            submit(user)
        inbound = exchange / COURSE_ID / "inbound"
        before_restart = sorted(p.name for p in inbound.iterdir())
        hub.stop()
        hub.start()
        run["after_restart"] = sorted(p.name for p in inbound.iterdir())
        run["before_restart"] = before_restart
        # then every student submits at once (the three early ones again: collect takes each one's newest)
        t0 = time.monotonic()
        with ThreadPoolExecutor(len(students)) as pool:
            list(pool.map(submit, students))
        run["timings"]["submit_all"] = time.monotonic() - t0
        # a student files their own (blank) work in the exchange under the first student's name, dated later
        spoofer, victim = students[1], students[0]
        spoof = (
            "import os, shutil, sys\n"
            "name = f'{sys.argv[2]}+%s+2099-01-01 00:00:00.000000 UTC+spoof'\n"
            "dest = os.path.join(sys.argv[3], name)\n"
            "shutil.copytree(sys.argv[1], dest)\n"
            "open(os.path.join(dest, 'timestamp.txt'), 'w').write('2099-01-01 00:00:00.000000 UTC')\n" % LESSON)
        run["spoof"] = run_as(spoofer, [sys.executable, "-c", spoof, str(base / "blank"), victim, str(inbound)],
                              cwd="/tmp", check=False)
        run["inbound"] = sorted(p.name for p in inbound.iterdir())

        # -- instructor: collect, then two graders at once on the PostgreSQL gradebook
        t0 = time.monotonic()
        run["collect"] = course_as_grader(course, "collect", LESSON, env=grader_env).stdout
        run["timings"]["collect"] = time.monotonic() - t0
        manual = ManualGrader(pg.url, len(students), course)
        manual.start()
        manual.autograde_running.set()
        t0 = time.monotonic()
        run["autograde"] = course_as_grader(course, "autograde", LESSON, "--workers", "2", env=grader_env,
                                            check=False, timeout=3600)
        run["timings"]["autograde"] = time.monotonic() - t0
        manual.autograde_running.clear()
        manual.join(600)
        run["manual"] = manual
        t0 = time.monotonic()
        course_as_grader(course, "feedback", LESSON, "--release", env=grader_env, timeout=3600)
        run["timings"]["feedback"] = time.monotonic() - t0

        # -- every student fetches feedback through their server
        def fetch_feedback(user):
            r = hub.server("POST", user, "/assignments/fetch_feedback",
                           data={"course_id": COURSE_ID, "assignment_id": LESSON})
            assert r.status_code == 200, (user, r.text[:300])

        with ThreadPoolExecutor(8) as pool:
            list(pool.map(fetch_feedback, students[:6]))
        course_as_grader(course, "grades", "--out", str(course / "export"), env=grader_env)
        run["total"] = sum(v for k, v in run["timings"].items() if k != "spawn")
        yield run
    finally:
        if hub is not None:
            hub.stop()  # students' servers outlive the hub (cleanup_servers = False): users.close() stops them
        pg.stop()
        users.close()
        opened.close()
        shutil.rmtree(base, ignore_errors=True)
        print("\nhub class timings (s):", {k: round(v, 1) for k, v in run["timings"].items()})


def _port() -> int:
    from helpers import free_port

    return free_port()


def grades_csv(run) -> dict[str, dict]:
    with (run["course"] / "export" / "grades.csv").open(encoding="utf-8") as fh:
        return {row["student_id"]: row for row in csv.DictReader(fh) if row["lesson"] == LESSON}


def test_course_hub_files_are_what_the_hub_runs_on(hub_class):
    fragment = (hub_class["out"] / "jupyterhub_config.d" / f"{COURSE_ID}.py").read_text(encoding="utf-8")
    assert fragment in (hub_class["hub"].config.read_text(encoding="utf-8") + fragment)  # loaded, not copied
    groups = {g["name"]: g for g in hub_class["hub"].api("GET", "/groups").json()}
    assert sorted(groups[f"nbgrader-{COURSE_ID}"]["users"]) == sorted(hub_class["students"])
    assert groups[f"formgrade-{COURSE_ID}"]["users"] == [GRADER]
    services = hub_class["hub"].api("GET", "/services").json()
    assert COURSE_ID in services
    grader_cfg = Path(f"/home/{GRADER}/.jupyter/nbgrader_config.py")
    assert stat.S_IMODE(grader_cfg.stat().st_mode) == 0o600  # it holds the database password
    assert hub_class["pg"].password not in (hub_class["etc_jupyter"] / "nbgrader_config.py").read_text()


def test_doctor_finds_nothing_wrong_with_the_generated_setup(hub_class):
    proc = hub_class["doctor"]
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_students_see_only_the_released_lesson_of_their_course(hub_class):
    for listed in hub_class["listed"][:3]:
        assert listed["success"], listed
        names = {(a["course_id"], a["assignment_id"]) for a in listed["value"]}
        assert names == {(COURSE_ID, LESSON)}


def test_forty_students_each_collected_once_and_graded(hub_class):
    out = hub_class["collect"]
    assert f"collected {LESSON}: {STUDENTS} submission(s)" in out
    assert sorted(p.parent.name for p in (hub_class["course"] / "submitted").glob(f"*/{LESSON}")) == \
        sorted(hub_class["students"])
    proc = hub_class["autograde"]
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert f"{STUDENTS} submissions: {STUDENTS} graded, 0 failed" in proc.stdout


def test_exact_scores_in_the_grades_export(hub_class):
    rows = grades_csv(hub_class)
    assert sorted(rows) == sorted(hub_class["students"])
    for index, user in enumerate(hub_class["students"]):
        kind, expected = plan_for(index)
        assert (kind, rows[user]["score"], rows[user]["status"]) == (kind, f"{expected:g}", "graded"), user
        assert rows[user]["max_score"] == "11"


def test_hub_restart_loses_no_submission(hub_class):
    assert len(hub_class["before_restart"]) == 3
    assert hub_class["after_restart"] == hub_class["before_restart"]
    assert set(hub_class["before_restart"]) <= set(hub_class["inbound"])
    early = hub_class["students"][:3]
    inbound = hub_class["exchange"] / COURSE_ID / "inbound"
    for user in early:  # the submission from before the restart and the one after it
        own = [n for n in hub_class["inbound"] if n.startswith(f"{user}+{LESSON}+") and (inbound / n).owner() == user]
        assert len(own) == 2, (user, own)


def test_a_submission_under_another_students_name_is_not_collected(hub_class):
    victim, spoofer = hub_class["students"][0], hub_class["students"][1]
    assert hub_class["spoof"].returncode == 0, hub_class["spoof"].stderr  # the inbound folder lets it in...
    claims = [n for n in hub_class["inbound"] if n.startswith(f"{victim}+{LESSON}+")]
    owners = {Path(hub_class["exchange"], COURSE_ID, "inbound", n).owner() for n in claims}
    assert owners == {victim, spoofer}
    # ...and collect ignores it: the victim's own (full-marks) work is the one graded
    assert grades_csv(hub_class)[victim]["score"] == f"{plan_for(0)[1]:g}"


def test_two_graders_at_once_on_postgresql_lose_nothing(hub_class):
    manual = hub_class["manual"]
    assert manual.error is None, repr(manual.error)
    assert len(manual.graded) == STUDENTS
    assert len(manual.manual) == STUDENTS - STUDENTS // 3  # every written answer (blank ones are scored 0 by nbgrader)
    assert manual.while_autograding > 0, "the manual grader never worked while autograde ran"
    assert not (hub_class["course"] / "gradebook.db").exists()  # the gradebook is the PostgreSQL one
    import psycopg

    pg = hub_class["pg"]
    with psycopg.connect(host="127.0.0.1", port=pg.port, user="grader", password=pg.password,
                         dbname="gradebook") as conn:
        [(count,)] = conn.execute("SELECT count(*) FROM submitted_assignment").fetchall()
        [(manual_count,)] = conn.execute("SELECT count(*) FROM grade WHERE manual_score IS NOT NULL").fetchall()
    assert count == STUDENTS
    assert manual_count == STUDENTS - STUDENTS // 3


def test_each_student_fetches_only_their_own_feedback(hub_class):
    for index, user in enumerate(hub_class["students"][:6]):
        home = Path(f"/home/{user}")
        files = sorted((home / COURSE_ID / LESSON / "feedback").rglob("*.html"))
        assert len(files) == 1, (user, files)
        html = files[0].read_text(encoding="utf-8")
        kind, expected = plan_for(index)
        assert re.search(rf"Score:\s*{expected:g}(\.0)?\s*/\s*11", html), (user, kind)


def test_students_cannot_read_or_overwrite_each_others_work(hub_class):
    a, b = hub_class["students"][0], hub_class["students"][1]
    course_dir = hub_class["exchange"] / COURSE_ID
    probe = (
        "import os, sys\n"
        "out = []\n"
        "for what, act in [('list inbound', lambda: os.listdir(sys.argv[1] + '/inbound')),\n"
        "                  ('list feedback', lambda: os.listdir(sys.argv[1] + '/feedback')),\n"
        "                  ('write feedback', lambda: open(sys.argv[1] + '/feedback/x.html', 'w')),\n"
        "                  ('read home', lambda: os.listdir(sys.argv[2])),\n"
        "                  ('write release', lambda: open(sys.argv[1] + '/outbound/x', 'w'))]:\n"
        "    try:\n"
        "        act(); out.append(what + ': ALLOWED')\n"
        "    except PermissionError:\n"
        "        out.append(what + ': denied')\n"
        "print('\\n'.join(out))\n")
    proc = run_as(b, [sys.executable, "-c", probe, str(course_dir), f"/home/{a}"], cwd="/tmp")
    assert "ALLOWED" not in proc.stdout, proc.stdout
    # b's feedback fetch brings b's feedback only (a's is named by a secret b never sees)
    b_feedback = list((Path(f"/home/{b}") / COURSE_ID / LESSON / "feedback").rglob("*.html"))
    assert len(b_feedback) == 1


def test_grading_isolation_keeps_hub_token_and_ports_from_student_code(hub_class):
    try:
        from course_utils import sandbox
    except ImportError:
        sandbox = None
    caps = getattr(sandbox, "capabilities", None)
    if caps is None or caps().get("network", "missing") or caps().get("environment", "missing"):
        pytest.skip("needs the grading isolation of issue 16")
    course, hub = hub_class["course"], hub_class["hub"]
    hostile = nbformat.read(course / "lessons" / LESSON / f"{LESSON}.ipynb", as_version=4)
    probe = (
        "import os, socket\n"
        "leaks = []\n"
        "if os.environ.get('JUPYTERHUB_API_TOKEN'): leaks.append('token')\n"
        f"for port in ({hub.port}, {hub.hub_port}, {hub_class['pg'].port}):\n"
        "    try:\n"
        "        socket.create_connection(('127.0.0.1', port), timeout=2).close(); leaks.append(port)\n"
        "    except OSError:\n"
        "        pass\n"
        "assert not leaks, leaks\n")
    for cell in hostile.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "q1_answer":
            cell.source = probe + cell.source
    folder = course / "submitted" / "hostile-probe" / LESSON
    folder.mkdir(parents=True)
    nbformat.write(hostile, folder / f"{LESSON}.ipynb")
    subprocess.run(["chown", "-R", f"{GRADER}:{GRADER}", str(course / "submitted")], check=True)
    env = dict(hub_class["grader_env"], JUPYTERHUB_API_TOKEN=hub.token)  # as in the service's terminal
    grade_one = ("import sys; from course_utils.grading import autograde, find_course_root; "
                 "[r] = autograde(find_course_root(), sys.argv[1], ['hostile-probe']); print(r)")
    try:
        run_as(GRADER, [sys.executable, "-c", grade_one, LESSON], cwd=course, env=env)
        autograded = nbformat.read(course / "autograded" / "hostile-probe" / LESSON / f"{LESSON}.ipynb",
                                   as_version=4)
        [answer] = [c for c in autograded.cells
                    if c.metadata.get("nbgrader", {}).get("grade_id") == "q1_answer"]
        errors = [o for o in answer.get("outputs", []) if o.get("output_type") == "error"]
        assert not errors, errors
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)
