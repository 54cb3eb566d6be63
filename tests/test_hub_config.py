"""`course hub` writes files that JupyterHub and nbgrader load as meant, and `course doctor --hub` names each usual
misconfiguration once (no services needed: tests/test_hub.py runs a real hub on these files)."""
from __future__ import annotations

import os
import shutil

import pytest
from traitlets.config.loader import PyFileConfigLoader

from helpers import ROOT
from course_utils import cli, hub

COURSE = "allies-after-911"
PASSWORD = "pw-7Hq2xk"


@pytest.fixture
def setup(tmp_path, monkeypatch, capsys):
    """A course folder, an exchange, and the files `course hub` writes for them (run as the command)."""
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    os.chmod(exchange, 0o777)
    roster = tmp_path / "roster.csv"
    roster.write_text("username\nana\nben  # late joiner\n\ncai,Section 2\n", encoding="utf-8")
    out = tmp_path / "hub-files"
    monkeypatch.chdir(course)  # `course hub` runs in the course folder (in-process here: no start-up cost)
    assert cli.main(["hub", "--out", str(out), "--students", str(roster), "--instructors", "prof,ta",
                     "--exchange", str(exchange), "--db-url", f"postgresql+psycopg://grader:{PASSWORD}@db/gb"]) == 0
    etc = out / "etc" / "jupyter"
    user = out / "grader" / ".jupyter"
    return dict(course=course, exchange=exchange, out=out, dirs=[str(user), str(etc)], stdout=capsys.readouterr().out)


def load(path):
    return PyFileConfigLoader(path.name, path=str(path.parent)).load_config()


def test_the_hub_fragment_adds_groups_roles_and_the_grading_service(setup):
    cfg = load(setup["out"] / "jupyterhub_config.d" / f"{COURSE}.py")
    groups = cfg.JupyterHub.load_groups.to_dict()["update"]
    assert groups[f"nbgrader-{COURSE}"]["users"] == ["ana", "ben", "cai", "prof", "ta"]
    assert groups[f"formgrade-{COURSE}"]["users"] == [f"grader-{COURSE}", "prof", "ta"]
    roles = cfg.JupyterHub.load_roles.to_dict()
    names = [r["name"] for r in roles["extend"]]
    assert names == ["server", f"formgrade-{COURSE}", f"nbgrader-{COURSE}", f"service-{COURSE}"]
    [service] = cfg.JupyterHub.services.to_dict()["extend"]
    assert (service["name"], service["user"], service["cwd"]) == (COURSE, f"grader-{COURSE}",
                                                                  f"/home/grader-{COURSE}")


def test_secrets_stay_in_the_grading_account(setup):
    grader = setup["out"] / "grader" / ".jupyter" / "nbgrader_config.py"
    assert oct(grader.stat().st_mode & 0o777) == "0o600"
    assert PASSWORD in grader.read_text()
    assert PASSWORD not in (setup["out"] / "etc/jupyter/nbgrader_config.py").read_text()


def test_the_generated_setup_is_all_clear(setup):
    assert hub.hub_problems(setup["course"], hub_config=setup["out"] / "jupyterhub_config.d" / f"{COURSE}.py",
                            config_dirs=setup["dirs"], hub_version=(6, 1, 1)) == []


def kinds(problems):
    return sorted(p.kind for p in problems)


def test_each_usual_misconfiguration_has_one_clear_finding(setup, tmp_path):
    bad = tmp_path / "bad-etc"
    bad.mkdir()
    # the global file of a hub where someone forgot most of it, and a course id typed differently
    (bad / "nbgrader_config.py").write_text(
        "c = get_config()\n"
        f"c.Exchange.root = {str(tmp_path / 'no-such-exchange')!r}\n"
        "c.CourseDirectory.course_id = 'allies-after-9-11'\n", encoding="utf-8")
    # a fragment with two people grading, and a SQLite gradebook (no db_url anywhere)
    fragment = tmp_path / "hub.py"
    fragment.write_text("c = get_config()\nc.JupyterHub.load_groups.update({'formgrade-allies-after-911': "
                        "{'users': ['grader-allies-after-911', 'prof', 'ta']}})\n", encoding="utf-8")
    problems = hub.hub_problems(setup["course"], hub_config=fragment, config_dirs=[str(bad)],
                                hub_version=(5, 2, 1))
    assert kinds(problems) == ["auth-plugin-missing", "course-id-mismatch", "exchange-missing", "formgrader-framed",
                               "path-includes-course-off", "sqlite-several-graders"]
    text = "\n".join(str(p) for p in problems)
    assert "no-such-exchange does not exist" in text and "prof, ta" in text and "JupyterHub 5.2.1" in text
    assert "course 'allies-after-9-11' but the course folder says 'allies-after-911'" in text


def test_groups_of_another_course_and_open_exchange_folders(setup):
    fragment = setup["out"] / "jupyterhub_config.d" / f"{COURSE}.py"
    course_cfg = setup["course"] / "nbgrader_config.py"  # the course folder renamed after `course hub` ran
    course_cfg.write_text(course_cfg.read_text().replace('course_id = "allies-after-911"', 'course_id = "ct101"'))
    inbound = setup["exchange"] / "ct101" / "inbound"
    inbound.mkdir(parents=True)
    os.chmod(inbound, 0o777)  # students could list each other's submissions
    problems = hub.hub_problems(setup["course"], hub_config=fragment, config_dirs=setup["dirs"][1:],
                                hub_version=(6, 1, 1), subdomains=True)
    assert kinds(problems) == ["course-id-mismatch", "exchange-inbound-readable"], problems
    found = {p.kind: str(p) for p in problems}
    assert "'allies-after-911' but the course folder says 'ct101'" in found["course-id-mismatch"]
    os.chmod(setup["exchange"], 0o755)
    assert "exchange-permissions" in kinds(hub.hub_problems(setup["course"], config_dirs=setup["dirs"],
                                                            hub_version=(6, 1, 1)))


def test_a_roster_with_an_impossible_user_name_is_refused(tmp_path):
    roster = tmp_path / "r.txt"
    roster.write_text("ana\nBen Smith\n", encoding="utf-8")
    with pytest.raises(hub.HubError, match=r"line 2: 'Ben Smith'"):
        hub.read_roster(roster)
