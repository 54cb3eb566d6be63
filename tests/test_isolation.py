"""Student code that attacks the grader, graded by a real `course autograde --require-isolation` on lesson 00.

Each hostile submission answers every question correctly and then, in its Q1 answer cell, tries one thing it must not
be able to do; it prints what happened (so the test reads the attempt's outcome from the graded notebook). Every
attempt fails or is cut off, each submission is graded with its full score (or failed with a clear reason), the
well-behaved students' scores are unchanged, and nothing of the attempts remains after the run: no process, no file
outside the grading folders. Where this machine cannot give a protection, its tests skip and say which.
"""
from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import threading
from pathlib import Path

import nbformat
import psutil
import pytest

from course_utils import kernel_template, sandbox
from course_utils.grading import read_result, read_status, tool_env
from course_utils.isolation import policy
from helpers import FULL, LESSON, answered, course_with_release, solution_code, tree_digest

pytestmark = pytest.mark.slow

CAN = sandbox.capabilities()
MARK = secrets.token_hex(4)  # this run's marker in every file and process name an attack makes
TOKEN = f"fake-hub-token-{MARK}"
SLEEP = 4000 + int(MARK, 16) % 1000  # a `sleep` duration no other process on the machine uses

# each attack: the code appended to a correct Q1 answer; it must never raise (a crash would cost the point)
ATTACKS = {
    "reads_grader_home": '''
try:
    print("HOME-READ:", open({secret!r}).read())
except OSError as exc:
    print("HOME-BLOCKED:", type(exc).__name__)
''',
    "reads_other_students": '''
import pathlib
for _p in [{course!r} + "/submitted/ok_student/{lesson}/{lesson}.ipynb", {course!r} + "/gradebook.db",
           "../../../gradebook.db", "../../ok_student/{lesson}/{lesson}.ipynb", {course!r} + "/solutions"]:
    try:
        _path = pathlib.Path(_p)
        print("READ:", _p, sorted(x.name for x in _path.iterdir()) if _path.is_dir() else _path.read_bytes()[:300])
    except OSError as exc:
        print("BLOCKED:", _p, type(exc).__name__)
''',
    "writes_outside": '''
for _p in [{course!r} + "/escape-{mark}", {home!r} + "/escape-{mark}", {package!r} + "/escape-{mark}",
           "../../../escape-{mark}", "../../ok_student/escape-{mark}"]:
    try:
        open(_p, "w").write("escaped")
        print("WROTE:", _p)
    except OSError as exc:
        print("BLOCKED:", _p, type(exc).__name__)
for _p in ["/tmp/escape-{mark}", "/dev/shm/escape-{mark}"]:  # private to this kernel: thrown away with it
    open(_p, "w").write("private scratch")
open("inside-{mark}.txt", "w").write("my own working copy")  # allowed, and thrown away after grading
''',
    "connects_to_loopback": '''
import socket
try:
    _s = socket.create_connection(("127.0.0.1", {port}), timeout=3)
    _s.sendall(b"{mark}")
    _s.close()
    print("CONNECTED")
except OSError as exc:
    print("NET-BLOCKED:", type(exc).__name__, exc)
''',
    "reads_environment": '''
import os
print("ENV:", sorted(os.environ))
print("TOKEN:", os.environ.get("JUPYTERHUB_API_TOKEN"))
''',
    "leaves_background_process": '''
import os, subprocess
subprocess.Popen(["sleep", "{sleep}"], start_new_session=True)
if os.fork() == 0:  # a daemon: double fork, new session
    os.setsid()
    if os.fork() == 0:
        os.execvp("sleep", ["sleep", "{sleep}"])
    os._exit(0)
print("STARTED")
''',
    "runaway_writer": '''
_chunk = b"x" * 2**20
for _name in ["big-{mark}.bin", "/tmp/big-{mark}.bin"]:
    _n = 0
    try:
        with open(_name, "wb") as _f:
            for _n in range(4096):  # at most 4 GiB, far above the limits
                _f.write(_chunk)
                _f.flush()
        print("WROTE-ALL:", _name)
    except OSError as exc:
        print("WRITE-STOPPED:", _name, _n, "MiB", type(exc).__name__)
''',
}

# run only where the limit is in place before the bomb (never on a machine without it)
BOMBS = {
    "memory_bomb": '''
_hog = []
try:
    for _ in range(256):  # at most 16 GiB
        _hog.append(bytearray(64 * 2**20))
    print("MEMORY-NOT-STOPPED")
except MemoryError:
    print("MEMORY-STOPPED at", len(_hog) * 64, "MiB")
del _hog
''',
    "fork_bomb": '''
import os, time
_n = 0
try:
    for _ in range(2000):
        if os.fork() == 0:
            time.sleep(300)
            os._exit(0)
        _n += 1
    print("FORK-NOT-STOPPED")
except OSError as exc:
    print("FORK-STOPPED after", _n, type(exc).__name__)
''',
}


class Listener:
    """A TCP server on 127.0.0.1 that records every connection (the hub, the proxy or PostgreSQL, for the test)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(5)
        self.sock.settimeout(0.5)
        self.port = self.sock.getsockname()[1]
        self.connections = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            conn.close()

    def close(self):
        self.stop.set()
        self.thread.join(5)
        self.sock.close()


def another_pythons_kernel(cmdline) -> bool:
    """A kernel started by another Python installation than this one (every kernel of ours runs this Python)."""
    exe = (cmdline or [""])[0]
    return (os.path.basename(exe).startswith("python") and "ipykernel_launcher" in (cmdline or [])
            and not os.path.abspath(exe).startswith(os.path.abspath(sys.prefix) + os.sep))


def graded_by_another_test_run(p) -> bool:
    """``p`` runs under another pytest process: another pytest-xdist worker of this run, or another run of the
    tests on a shared machine, still grading (what an attack leaves behind is under this process, or orphaned)."""
    try:
        ancestors = p.parents()
    except psutil.Error:
        return False
    for ancestor in ancestors:
        if ancestor.pid == os.getpid():
            return False
        try:
            command = " ".join(ancestor.cmdline())
        except psutil.Error:
            continue
        if "pytest" in command or "exec(eval(sys.stdin.readline()))" in command:  # (the xdist worker's start)
            return True
    return False


def sandbox_processes():
    """Processes of a per-submission user, or sleeping with this run's marker (but not those another test run
    is grading with at the same time)."""
    found = []
    for p in psutil.process_iter(["uids", "cmdline", "status"]):
        try:
            uid = p.info["uids"].real if p.info["uids"] else 0
            if p.info["status"] == psutil.STATUS_ZOMBIE:
                continue  # already ended, waiting for its parent to read its exit status
            if another_pythons_kernel(p.info["cmdline"]):
                continue  # a grading run of another checkout of the course on this shared machine
            if uid >= policy.FIRST_UID or str(SLEEP) in " ".join(p.info["cmdline"] or []):
                if not graded_by_another_test_run(p):
                    found.append(p)
        except psutil.Error:
            pass
    return found


def marked_files(own=()):
    """Files this run's attacks could have left outside the course: /tmp, /dev/shm, the grader's home (but not the
    test's own files, ``own``)."""
    places = [Path("/tmp"), Path("/dev/shm"), Path.home()]
    left = []
    for place in places:
        try:
            entries = list(place.iterdir())
        except OSError:
            continue
        for entry in entries:
            try:
                owner = entry.lstat().st_uid
            except OSError:
                continue
            if (MARK in entry.name or owner >= policy.FIRST_UID) and entry not in own:
                left.append(entry)
    return left


@pytest.fixture(scope="module")
def attacked_class(tmp_path_factory):
    if CAN["filesystem"]:
        pytest.skip(f"no grading sandbox here: {CAN['filesystem']}")
    course, release, solution = course_with_release(tmp_path_factory.mktemp("isolation"), LESSON)
    secret = Path.home() / f".course-isolation-secret-{MARK}"
    secret.write_text(f"instructor secret {MARK}", encoding="utf-8")
    listener = Listener()
    package = str(Path(sandbox.__file__).parent)
    q1 = next(solution_code(c.source) for c in solution.cells
              if c.metadata.get("nbgrader", {}).get("grade_id") == "q1_answer")
    attacks = dict(ATTACKS)
    if not (CAN["limits"] or CAN["identity"]):
        attacks.update(BOMBS)
    fill = dict(secret=str(secret), course=str(course), lesson=LESSON, mark=MARK, home=str(Path.home()),
                package=package, port=listener.port, sleep=SLEEP)
    students = {"ok_student": answered(release, solution), "ok_student_2": answered(release, solution)}
    for name, code in attacks.items():
        students[name] = answered(release, solution, override={"q1": q1 + "\n" + code.format(**fill)})
    for student, nb in students.items():
        folder = course / "submitted" / student / LESSON
        folder.mkdir(parents=True)
        nbformat.write(nb, folder / f"{LESSON}.ipynb")
    before = tree_digest(course / "submitted")
    env = dict(tool_env(), JUPYTERHUB_API_TOKEN=TOKEN, COURSE_INSTRUCTOR_SECRET=TOKEN)
    try:
        proc = subprocess.run([sys.executable, "-m", "course_utils.cli", "autograde", LESSON, "--workers", "2",
                               "--timeout", "60", "--require-isolation"],
                              cwd=course, env=env, capture_output=True, text=True, timeout=1500)
        after = {"processes": [(p.pid, p.info["cmdline"]) for p in sandbox_processes()],
                 "files": marked_files(own=[secret]), "connections": listener.connections}
    finally:
        listener.close()
        secret.unlink()
        for p in sandbox_processes():  # never leave a bomb behind, even when the test fails
            p.kill()
    return course, students, proc, before, after


def printed(course, student):
    nb = nbformat.read(course / "autograded" / student / LESSON / f"{LESSON}.ipynb", as_version=4)
    return "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


def errors(course, student):
    nb = nbformat.read(course / "autograded" / student / LESSON / f"{LESSON}.ipynb", as_version=4)
    return "".join(o.get("evalue", "") for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", []))


def graded_in_full(course, student):
    r = read_result(course, LESSON, student)
    assert (r.status, r.auto_score) == ("graded", FULL), (student, r)


def need(*names):
    missing = {n: CAN[n] for n in names if CAN[n]}
    return pytest.mark.skipif(bool(missing), reason="; ".join(f"{k}: {v}" for k, v in missing.items()))


def test_the_class_is_graded_and_good_scores_are_unchanged(attacked_class):
    course, students, proc, before, _ = attacked_class
    if any(CAN.values()):
        assert proc.returncode == 2 and "--require-isolation: refusing" in proc.stderr
        pytest.skip("not every protection is available here, so --require-isolation refused (as it must)")
    assert "WARNING" not in proc.stdout, proc.stdout
    status = read_status(course)[LESSON]
    assert set(status) == set(students)
    for student in ("ok_student", "ok_student_2"):
        graded_in_full(course, student)
    assert tree_digest(course / "submitted") == before
    if not kernel_template.usable():  # every attack below ran in a kernel forked from a worker's kernel template
        assert all(s["forked"] for s in status.values() if s["status"] == "graded"), status


@need("filesystem")
def test_cannot_read_the_graders_home(attacked_class):
    course = attacked_class[0]
    out = printed(course, "reads_grader_home")
    assert "HOME-BLOCKED: FileNotFoundError" in out and f"instructor secret {MARK}" not in out
    graded_in_full(course, "reads_grader_home")


@need("filesystem")
def test_cannot_read_other_students_the_gradebook_or_solutions(attacked_class):
    course = attacked_class[0]
    out = printed(course, "reads_other_students")
    assert out.count("BLOCKED:") == 5 and "READ:" not in out, out
    graded_in_full(course, "reads_other_students")


@need("filesystem", "identity")
def test_cannot_write_outside_its_working_copy(attacked_class):
    course = attacked_class[0]
    out = printed(course, "writes_outside")
    assert out.count("BLOCKED:") == 5 and "WROTE:" not in out, out
    assert not list(course.rglob(f"*escape-{MARK}*")) and not list(course.rglob(f"inside-{MARK}*"))
    assert not Path(f"/tmp/escape-{MARK}").exists() and not Path(f"/dev/shm/escape-{MARK}").exists()
    graded_in_full(course, "writes_outside")


@need("network")
def test_cannot_connect_to_a_server_on_loopback(attacked_class):
    course, _, _, _, after = attacked_class
    out = printed(course, "connects_to_loopback")
    assert "NET-BLOCKED" in out and "CONNECTED" not in out
    assert after["connections"] == 0
    graded_in_full(course, "connects_to_loopback")


@need("environment")
def test_cannot_read_the_graders_environment(attacked_class):
    course = attacked_class[0]
    out = printed(course, "reads_environment")
    assert "TOKEN: None" in out and TOKEN not in out and "COURSE_INSTRUCTOR_SECRET" not in out
    graded_in_full(course, "reads_environment")


@need("limits")
def test_no_process_outlives_its_submission(attacked_class):
    course, _, _, _, after = attacked_class
    assert "STARTED" in printed(course, "leaves_background_process")
    assert after["processes"] == []
    graded_in_full(course, "leaves_background_process")


@need("limits")
def test_a_runaway_writer_is_stopped(attacked_class):
    course = attacked_class[0]
    out = printed(course, "runaway_writer")
    assert out.count("WRITE-STOPPED:") == 2 and "WROTE-ALL" not in out, out
    assert not list(course.rglob(f"big-{MARK}*"))
    graded_in_full(course, "runaway_writer")


@need("limits", "identity")
def test_a_memory_bomb_is_stopped_and_the_submission_graded(attacked_class):
    course = attacked_class[0]
    out = printed(course, "memory_bomb")
    assert "MEMORY-STOPPED" in out and "NOT-STOPPED" not in out
    graded_in_full(course, "memory_bomb")


@need("limits", "identity")
def test_a_fork_bomb_is_stopped_and_the_submission_graded(attacked_class):
    course, _, _, _, after = attacked_class
    out = printed(course, "fork_bomb")
    assert "FORK-STOPPED" in out and "NOT-STOPPED" not in out
    assert after["processes"] == []
    # graded; the bomb's sleeping children still fill the process limit, so the next cell that needs a thread
    # (Q1's self-check) fails with that reason in the student's feedback and Q1 scores 0
    r = read_result(course, LESSON, "fork_bomb")
    assert r.status == "graded" and r.auto_score in (FULL, FULL - 2), r
    if r.auto_score != FULL:
        assert r.cells["q1_tests"] == 0.0 and "can't start new thread" in errors(course, "fork_bomb")


def test_nothing_of_the_attacks_remains(attacked_class):
    assert attacked_class[4]["files"] == []


def test_require_isolation_refuses_when_a_protection_is_missing(tmp_path, monkeypatch, capsys):
    from course_utils import cli

    (tmp_path / "nbgrader_config.py").write_text("c = get_config()\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sandbox, "capabilities", lambda: dict(CAN, network="no network namespace (test)"))
    assert cli.main(["autograde", LESSON, "--require-isolation"]) == 2
    err = capsys.readouterr().err
    assert "refusing to grade" in err and "missing network: no network namespace (test)" in err


def test_doctor_grading_reports_each_protection(capsys):
    from course_utils import cli

    code = cli.main(["doctor", "--grading"])
    out = capsys.readouterr().out
    for name, why in CAN.items():
        assert (f"✓ {name}" in out) if not why else (f"✗ {name}" in out and why in out)
    assert code == (1 if any(CAN.values()) else 0)


@need("limits", "identity")
def test_killing_the_launcher_ends_the_kernel_and_everything_it_started(tmp_path):
    """nbgrader's last resort (SIGKILL to the kernel's process group) must not leave student processes behind."""
    import time

    sleep = SLEEP + 1000
    code = f"import subprocess, time; subprocess.Popen(['sleep', '{sleep}'], start_new_session=True); time.sleep(120)"
    launcher = subprocess.Popen([sys.executable, "-m", "course_utils.sandbox", "--", sys.executable, "-c", code],
                                cwd=tmp_path, start_new_session=True)

    def alive():
        return [p for p in psutil.process_iter(["cmdline", "status"])
                if p.info["status"] != psutil.STATUS_ZOMBIE and f"sleep {sleep}" in " ".join(p.info["cmdline"] or [])]

    try:
        for _ in range(100):
            if alive():
                break
            time.sleep(0.2)
        assert alive(), "the kernel did not start its child"
        launcher.kill()
        launcher.wait()
        for _ in range(50):
            if not alive():
                break
            time.sleep(0.2)
        assert not alive()
    finally:
        for p in alive():
            p.kill()
