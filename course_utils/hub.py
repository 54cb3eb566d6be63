"""The course on a shared JupyterHub: the configuration files a hub needs, and a doctor for the usual mistakes.

    course hub --out DIR [--exchange PATH] [--students ROSTER] [--instructors a,b] [--db-url URL] ...
    course doctor --hub [--hub-config DIR/jupyterhub_config.d/COURSE.py]

``course hub`` writes, for the course folder it runs in (its course id comes from its ``nbgrader_config.py``):

``DIR/jupyterhub_config.d/<course>.py``
    a fragment of ``jupyterhub_config.py``: the groups ``nbgrader-<course>`` (students) and ``formgrade-<course>``
    (graders), their roles, and the course's grading service (a ``jupyterhub-singleuser`` server run as the grading
    account ``grader-<course>``). It only adds to what the hub's own configuration says, so it can be dropped into
    The Littlest JupyterHub's ``/opt/tljh/config/jupyterhub_config.d/`` or loaded with ``load_subconfig``.
``DIR/etc/jupyter/nbgrader_config.py``
    for every user (``/etc/jupyter/``): the exchange root, ``Exchange.path_includes_course``, nbgrader's
    ``JupyterHubAuthPlugin`` (a student sees the courses of their ``nbgrader-*`` groups only), and a collect step
    that refuses a submission whose files are not owned by the student it names.
``DIR/grader/.jupyter/nbgrader_config.py`` and ``jupyter_server_config.py``
    for the grading account only (mode 0600): the course folder, the course id and the gradebook URL
    (``CourseDirectory.db_url``, which may hold a database password, so never in the world-readable global file),
    and the header that lets JupyterLab frame the Formgrader on JupyterHub 4.1 and later.

The design follows nbgrader's ``demos/demo_multiple_classes`` and its ``configuration/jupyterhub_config`` page.
"""
from __future__ import annotations

import os
import pprint
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

STUDENT_GROUP = "nbgrader-{course}"
GRADER_GROUP = "formgrade-{course}"
GRADER_ACCOUNT = "grader-{course}"
DEFAULT_EXCHANGE = "/srv/nbgrader/exchange"
DEFAULT_SERVICE_PORT = 9999
AUTH_PLUGIN = "nbgrader.auth.JupyterHubAuthPlugin"
OWNER_CHECKED_COLLECT = "course_utils.hub_exchange.OwnerCheckedCollect"
FRAME_HEADER = {"Content-Security-Policy": "frame-ancestors 'self'"}
UNIX_NAME = re.compile(r"^[a-z_][a-z0-9_.-]{0,31}$")


class HubError(ValueError):
    """A value ``course hub`` cannot use (the message names it)."""


@dataclass
class HubPlan:
    """Everything the hub's files say about one course."""

    course_id: str
    course_root: str  # the course folder in the grading account's home
    exchange_root: str = DEFAULT_EXCHANGE
    grader_account: str = ""
    instructors: list[str] = field(default_factory=list)
    students: list[str] = field(default_factory=list)
    db_url: str = ""
    service_port: int = DEFAULT_SERVICE_PORT
    singleuser: str = "jupyterhub-singleuser"

    def __post_init__(self):
        self.grader_account = self.grader_account or GRADER_ACCOUNT.format(course=self.course_id)
        for name in [self.grader_account, *self.instructors, *self.students]:
            if not UNIX_NAME.match(name):
                raise HubError(f"{name!r} is not a usable user name (lower-case letters, digits, '_', '-', '.'; "
                               "at most 32 characters): hub users are Unix users here")
        if not Path(self.exchange_root).is_absolute():
            raise HubError(f"the exchange root must be an absolute path, not {self.exchange_root!r}")

    @property
    def student_group(self) -> str:
        return STUDENT_GROUP.format(course=self.course_id)

    @property
    def grader_group(self) -> str:
        return GRADER_GROUP.format(course=self.course_id)

    @property
    def gradebook_url(self) -> str:
        return self.db_url or f"sqlite:///{self.course_root}/gradebook.db"


def read_roster(path: str | os.PathLike) -> list[str]:
    """User names, one a line (blank lines and ``#`` comments ignored; a CSV's first column is used)."""
    names = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        name = line.split("#", 1)[0].split(",", 1)[0].strip()
        if not name or (number == 1 and name.lower() in ("username", "user", "student_id", "student")):
            continue
        if not UNIX_NAME.match(name):
            raise HubError(f"{path}, line {number}: {name!r} is not a usable user name")
        names.append(name)
    return names


def _py(value) -> str:
    return pprint.pformat(value, width=100, sort_dicts=False)


def hub_fragment(plan: HubPlan) -> str:
    """The ``jupyterhub_config.py`` fragment: groups, roles and the grading service (it only adds)."""
    c = plan.course_id
    graders = sorted({plan.grader_account, *plan.instructors})
    students = sorted(set(plan.students) | set(plan.instructors))  # instructors see the course as students do
    service = {
        "name": c,
        "url": f"http://127.0.0.1:{plan.service_port}",
        "command": [plan.singleuser],
        "user": plan.grader_account,
        "cwd": str(Path(plan.course_root).parent),  # the grading account's home
        "environment": {"JUPYTERHUB_DEFAULT_URL": "/lab"},
        "oauth_no_confirm": True,
    }
    roles = [
        # graders open the course's Formgrader service
        {"name": f"formgrade-{c}", "groups": [plan.grader_group],
         "scopes": [f"access:services!service={c}", "list:services", f"read:services!service={c}"]},
        # students find the course's service (nbgrader's course list) and nothing more
        {"name": f"nbgrader-{c}", "groups": [plan.student_group],
         "scopes": ["list:services", f"read:services!service={c}"]},
        # the grading service may read and change the membership of its own students' group (the Formgrader's
        # "add student" does that)
        {"name": f"service-{c}", "services": [c],
         "scopes": ["list:groups", f"read:groups!group={plan.student_group}", f"groups!group={plan.student_group}",
                    "list:users", "read:users:groups"]},
    ]
    lines = [
        f'"""JupyterHub configuration for the nbgrader course {c!r}, written by `course hub`.',
        "",
        "Load it after your own configuration: The Littlest JupyterHub reads every file in",
        "/opt/tljh/config/jupyterhub_config.d/; elsewhere add `load_subconfig(\"/path/to/this/file\")` at the end of",
        "jupyterhub_config.py. It only adds (groups, roles, a service, users): nothing you set is replaced.",
        '"""',
        "c = get_config()  # noqa: F821",
        "",
        "# nbgrader's JupyterHubAuthPlugin reads these group names: nbgrader-<course> = the course's students,",
        "# formgrade-<course> = who may open its Formgrader. Change membership later through the hub's admin page or",
        "# API (loading this file again only adds).",
        f"c.JupyterHub.load_groups.update({_py({plan.student_group: {'users': students}, plan.grader_group: {'users': graders}})})",
        f"c.Authenticator.allowed_users.update({_py(sorted(set(students) | set(graders)))})",
        "",
        "# A user's server reads its own user's groups with the server's token (nbgrader's course list and fetch).",
        "c.JupyterHub.load_roles.append({'name': 'server', 'scopes': ['inherit']})",
        f"c.JupyterHub.load_roles.extend({_py(roles)})",
        "",
        f"# The course's Formgrader: a server run by the hub as the grading account {plan.grader_account!r},",
        f"# reached at /services/{c}/ (open it in a new browser tab).",
        f"c.JupyterHub.services.append({_py(service)})",
        "",
        "# A hub restart (a configuration change in the middle of a class) leaves students' servers running.",
        "c.JupyterHub.cleanup_servers = False",
        "",
    ]
    return "\n".join(lines)


def global_nbgrader_config(plan: HubPlan) -> str:
    """``/etc/jupyter/nbgrader_config.py``: read by every user's nbgrader (students and graders)."""
    return "\n".join([
        f'"""nbgrader configuration for every user of the hub (course {plan.course_id!r}), written by `course hub`.',
        "Install as /etc/jupyter/nbgrader_config.py (or in the image every user runs).",
        '"""',
        "from nbgrader.auth import JupyterHubAuthPlugin",
        "",
        "c = get_config()  # noqa: F821",
        "",
        "# The folder every server sees (one per hub; on Kubernetes a shared volume mounted at this path).",
        f"c.Exchange.root = {plan.exchange_root!r}",
        "# Several courses share one exchange: each course has its own folder in it.",
        "c.Exchange.path_includes_course = True",
        "# A student sees, fetches and submits only the courses of their nbgrader-<course> groups.",
        "c.Authenticator.plugin_class = JupyterHubAuthPlugin",
        "# Collect refuses a submission filed under a student who does not own it (nbgrader itself only warns).",
        f"c.ExchangeFactory.collect = {OWNER_CHECKED_COLLECT!r}",
        "",
    ])


def grader_nbgrader_config(plan: HubPlan) -> str:
    """``~grader/.jupyter/nbgrader_config.py``: the course folder, its id and the gradebook (grading account only)."""
    return "\n".join([
        f'"""nbgrader configuration of the grading account {plan.grader_account!r}, written by `course hub`.',
        "Install as ~/.jupyter/nbgrader_config.py of that account only, mode 0600: the gradebook URL may hold a",
        "database password.",
        '"""',
        "c = get_config()  # noqa: F821",
        "",
        f"c.CourseDirectory.root = {plan.course_root!r}",
        f"c.CourseDirectory.course_id = {plan.course_id!r}",
        "# SQLite is fine for one grader; for several graders use a database server (PostgreSQL), e.g.",
        "#   postgresql+psycopg://grader:PASSWORD@db-host:5432/allies_gradebook",
        f"c.CourseDirectory.db_url = {plan.gradebook_url!r}",
        "",
    ])


def grader_server_config(plan: HubPlan) -> str:
    """``~grader/.jupyter/jupyter_server_config.py``: let JupyterLab frame the Formgrader (JupyterHub >= 4.1)."""
    return "\n".join([
        f'"""Jupyter Server configuration of the grading account {plan.grader_account!r}, written by `course hub`.',
        "JupyterHub 4.1 and later forbid framing a user's pages (Content-Security-Policy frame-ancestors 'none'),",
        "and JupyterLab shows nbgrader's Formgrader in a frame: without this header the Formgrader tab is blank.",
        '"""',
        "c = get_config()  # noqa: F821",
        "",
        f"c.ServerApp.tornado_settings = {{'headers': {FRAME_HEADER!r}}}",
        "",
    ])


def write_files(plan: HubPlan, out: str | os.PathLike) -> dict[str, Path]:
    """Write the four files under ``out``; return {what: path}."""
    out = Path(out)
    files = {
        "hub": (out / "jupyterhub_config.d" / f"{plan.course_id}.py", hub_fragment(plan), 0o644),
        "global": (out / "etc" / "jupyter" / "nbgrader_config.py", global_nbgrader_config(plan), 0o644),
        "grader": (out / "grader" / ".jupyter" / "nbgrader_config.py", grader_nbgrader_config(plan), 0o600),
        "grader_server": (out / "grader" / ".jupyter" / "jupyter_server_config.py", grader_server_config(plan),
                          0o644),
    }
    written = {}
    for key, (path, text, mode) in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        os.chmod(path, mode)
        written[key] = path
    return written


# --------------------------------------------------------------------------------------------- the hub doctor


@dataclass(frozen=True)
class HubProblem:
    kind: str
    message: str
    fix: str

    def __str__(self) -> str:
        return f"✗ {self.message}\n  Fix: {self.fix}"


def nbgrader_config(course_root: Path | None, config_dirs: list[str] | None = None):
    """nbgrader's merged configuration (course_utils.grading.merged_config, the one place that merges it)."""
    from .grading import merged_config

    return merged_config(course_root, config_dirs)


def course_only_config(course_root: Path):
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("nbgrader_config.py", path=str(course_root)).load_config()


def _hub_config(path: str | os.PathLike):
    from traitlets.config.loader import PyFileConfigLoader

    path = Path(path)
    return PyFileConfigLoader(path.name, path=str(path.parent)).load_config()


def _lazy(section, name) -> dict:
    """What a fragment added with ``.update``/``.append``/``.extend`` (a LazyConfigValue) or set outright."""
    value = section.get(name)
    if value is None:
        return {}
    if type(value).__name__ == "LazyConfigValue":
        return value.to_dict()
    return {"set": value}


def _class_name(value) -> str:
    if isinstance(value, str):
        return value
    return f"{getattr(value, '__module__', '')}.{getattr(value, '__name__', value)}"


def jupyterhub_version() -> tuple[int, ...] | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        text = version("jupyterhub")
    except PackageNotFoundError:
        return None
    return tuple(int(p) for p in re.findall(r"\d+", text)[:3])


def server_config_headers(config_dirs: list[str] | None = None) -> dict:
    """``ServerApp.tornado_settings['headers']`` as this account's Jupyter Server would merge it."""
    from jupyter_core.paths import jupyter_config_path
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    merged = Config()
    for folder in reversed(config_dirs if config_dirs is not None else jupyter_config_path()):
        if (Path(folder) / "jupyter_server_config.py").is_file():
            merged.merge(PyFileConfigLoader("jupyter_server_config.py", path=folder).load_config())
    settings = merged.ServerApp.get("tornado_settings", {}) or {}
    return dict(settings.get("headers", {}) or {}) if isinstance(settings, dict) else {}


def hub_problems(course_root: str | os.PathLike, *, hub_config: str | os.PathLike | None = None,
                 config_dirs: list[str] | None = None, hub_version: tuple[int, ...] | None = None,
                 subdomains: bool = False) -> list[HubProblem]:
    """The usual misconfigurations of a course on a shared hub, one finding each (empty: all clear).

    ``course_root`` is the course folder; ``hub_config`` the fragment ``course hub`` wrote (or the hub's
    ``jupyterhub_config.py``), from which the graders and the hub's settings are read; ``config_dirs`` the Jupyter
    configuration folders to read (default: this account's, as nbgrader reads them).
    """
    course_root = Path(course_root)
    problems: list[HubProblem] = []
    config = nbgrader_config(course_root, config_dirs)
    course_id = course_only_config(course_root).CourseDirectory.get("course_id", "")

    # 1. the exchange
    root = config.Exchange.get("root", "/usr/local/share/nbgrader/exchange")
    exchange = Path(root)
    if not exchange.is_dir():
        problems.append(HubProblem(
            "exchange-missing", f"the exchange root {root} does not exist (Exchange.root): students can fetch "
            "nothing and releasing fails",
            f"as root: mkdir -p {root} && chmod 777 {root} (on Kubernetes: mount the shared volume at {root} in every "
            "user's pod)"))
    else:
        mode = stat.S_IMODE(exchange.stat().st_mode)
        if mode & 0o777 != 0o777:
            problems.append(HubProblem(
                "exchange-permissions", f"the exchange root {root} has mode {mode:o}: nbgrader needs it writable by "
                "every user (777) so that students can submit and graders release",
                f"as root: chmod 777 {root}"))
        course_dir = exchange / course_id  # nbgrader's layout, whatever path_includes_course says
        for sub, want, why in (("inbound", 0o733, "students could list (and copy) each other's submissions"),
                               ("feedback", 0o711, "students could list each other's feedback")):
            folder = course_dir / sub
            if folder.is_dir():
                mode = stat.S_IMODE(folder.stat().st_mode)
                if mode & 0o077 & ~want & 0o777:
                    problems.append(HubProblem(
                        f"exchange-{sub}-readable", f"{folder} has mode {mode:o}: {why}",
                        f"chmod {want:o} {folder} (nbgrader's own mode for it), as its owner"))

    # 2. the course id: the course folder's, the one this account's Jupyter configuration sets, the hub's groups
    hub = _hub_config(hub_config) if hub_config else None
    outer_id = nbgrader_config(None, config_dirs).CourseDirectory.get("course_id", "")
    hub_ids = set()
    if hub is not None:
        groups = _lazy(hub.JupyterHub, "load_groups")
        for source in (groups.get("update", {}), groups.get("set", {})):
            hub_ids |= {g.split("-", 1)[1] for g in (source or {}) if g.startswith(("nbgrader-", "formgrade-"))}
    if not course_id:
        problems.append(HubProblem("course-id-missing", f"{course_root / 'nbgrader_config.py'} sets no "
                                   "CourseDirectory.course_id", "set c.CourseDirectory.course_id in the course folder's "
                                   "nbgrader_config.py"))
    elif (outer_id and outer_id != course_id) or (hub_ids and course_id not in hub_ids):
        other = outer_id if outer_id and outer_id != course_id else ", ".join(sorted(hub_ids))
        where = "this account's Jupyter configuration" if outer_id and outer_id != course_id else "the hub's groups"
        problems.append(HubProblem(
            "course-id-mismatch", f"{where} name(s) course {other!r} but the course folder says {course_id!r}: "
            "students would not see the release, or would submit to another course",
            f"use one course id everywhere: {course_id!r} (groups nbgrader-{course_id} and formgrade-{course_id}; "
            "re-run course hub from the course folder)"))

    # 3. several courses on one exchange
    if not config.Exchange.get("path_includes_course", False):
        problems.append(HubProblem(
            "path-includes-course-off", "Exchange.path_includes_course is off: on a hub with more than one course, "
            "students' fetched folders of different courses collide (two courses' '01-...' land in the same folder)",
            "set c.Exchange.path_includes_course = True in /etc/jupyter/nbgrader_config.py (course hub writes it)"))

    # 4. the authenticator plugin
    plugin = _class_name(config.Authenticator.get("plugin_class", "nbgrader.auth.NoAuthPlugin"))
    if plugin.rsplit(".", 1)[-1] != AUTH_PLUGIN.rsplit(".", 1)[-1]:
        problems.append(HubProblem(
            "auth-plugin-missing", f"Authenticator.plugin_class is {plugin.rsplit('.', 1)[-1]}, not "
            "JupyterHubAuthPlugin: every student sees every course's assignments on this hub, whatever their groups",
            "in /etc/jupyter/nbgrader_config.py: from nbgrader.auth import JupyterHubAuthPlugin; "
            "c.Authenticator.plugin_class = JupyterHubAuthPlugin"))

    # 5. SQLite with several graders
    db_url = config.CourseDirectory.get("db_url", "") or f"sqlite:///{course_root}/gradebook.db"
    if hub is not None and db_url.startswith("sqlite"):
        groups = {}
        for source in (_lazy(hub.JupyterHub, "load_groups").get("update", {}),
                       _lazy(hub.JupyterHub, "load_groups").get("set", {})):
            groups.update(source or {})
        members = groups.get(GRADER_GROUP.format(course=course_id), {})
        members = members.get("users", []) if isinstance(members, dict) else list(members)
        people = [m for m in members if m != GRADER_ACCOUNT.format(course=course_id)]
        if len(people) > 1:
            problems.append(HubProblem(
                "sqlite-several-graders", f"{len(people)} graders ({', '.join(sorted(people))}) share a SQLite "
                "gradebook: SQLite allows one writer at a time, and graders working at once get 'database is "
                "locked' or lose grades (nbgrader's FAQ advises against it)",
                "give the gradebook a database server: c.CourseDirectory.db_url = "
                "'postgresql+psycopg://USER:PASSWORD@HOST/DB' in the grading account's ~/.jupyter/nbgrader_config.py "
                "(course hub --db-url URL writes it)"))

    # 6. the Formgrader framed on JupyterHub >= 4.1
    version = hub_version if hub_version is not None else jupyterhub_version()
    if hub is not None:
        subdomains = subdomains or bool(hub.JupyterHub.get("subdomain_host", ""))
    if version and version >= (4, 1) and not subdomains:
        policy = server_config_headers(config_dirs).get("Content-Security-Policy", "")
        if "frame-ancestors 'self'" not in policy:
            problems.append(HubProblem(
                "formgrader-framed", f"JupyterHub {'.'.join(map(str, version))} forbids framing a server's pages, "
                "and this account's Jupyter Server does not allow it: the Formgrader tab in JupyterLab stays blank",
                "open the Formgrader in its own browser tab (/services/COURSE/formgrader), or put "
                "c.ServerApp.tornado_settings = {'headers': {'Content-Security-Policy': \"frame-ancestors 'self'\"}} "
                "in the grading account's ~/.jupyter/jupyter_server_config.py (course hub writes it), or use "
                "JupyterHub.subdomain_host"))
    return problems


def doctor_main(course_root: str | os.PathLike | None = None, hub_config: str | None = None) -> int:
    """``course doctor --hub``: print each finding with its fix; 0 when all clear, 1 otherwise."""
    from .grading import find_course_root

    root = Path(course_root) if course_root else find_course_root()
    problems = hub_problems(root, hub_config=hub_config)
    if not problems:
        print(f"✓ the hub setup of {root} looks right (exchange, course id, path_includes_course, "
              "JupyterHubAuthPlugin, gradebook, Formgrader framing)")
        return 0
    print(f"{len(problems)} problem(s) with the hub setup of {root}:\n")
    print("\n\n".join(str(p) for p in problems))
    return 1


def main(args) -> int:
    """``course hub``: write the hub's files for the course folder this runs in."""
    from .grading import course_config, find_course_root

    root = find_course_root()
    course_id = course_config(root).CourseDirectory.get("course_id", "")
    if not course_id:
        raise HubError(f"{root / 'nbgrader_config.py'} sets no CourseDirectory.course_id")
    grader = args.grader_account or GRADER_ACCOUNT.format(course=course_id)
    plan = HubPlan(
        course_id=course_id,
        course_root=args.course_root or f"/home/{grader}/{course_id}",
        exchange_root=args.exchange,
        grader_account=grader,
        instructors=[n.strip() for n in (args.instructors or "").split(",") if n.strip()],
        students=read_roster(args.students) if args.students else [],
        db_url=args.db_url or "",
        service_port=args.service_port,
        singleuser=args.singleuser,
    )
    files = write_files(plan, args.out)
    print(f"hub files for course {course_id!r} in {args.out}:")
    print(f"  {files['hub']}\n      -> /opt/tljh/config/jupyterhub_config.d/ (TLJH), or load_subconfig() it from "
          "jupyterhub_config.py")
    print(f"  {files['global']}\n      -> /etc/jupyter/nbgrader_config.py (every user's server)")
    print(f"  {files['grader']}\n  {files['grader_server']}\n      -> ~{grader}/.jupyter/ (the grading account only)")
    print(f"then: mkdir -p {plan.exchange_root} && chmod 777 {plan.exchange_root}; useradd -m {grader}; "
          f"put the course folder at {plan.course_root}; restart the hub; check with `course doctor --hub`")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(doctor_main())
