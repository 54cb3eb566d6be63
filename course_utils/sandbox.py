"""Run a grading kernel that can reach nothing but its own submission: a kernel launcher for autograding.

nbgrader runs each submission's kernel as the instructor, in ``autograded/<student>/<lesson>/``. The kernelspec
written by :func:`write_kernelspec` starts it through this launcher instead, which (as root) puts the kernel in
- its own **identity**: a user and group id of its own (no passwd entry), no supplementary groups;
- its own **file system** (course_utils/isolation/rootfs.py): system and Python read-only, its working copy as a
  throw-away overlay, a private /tmp; no course folder, gradebook, other submissions, home folders or /run;
- its own **network** namespace (only a loopback that is down: the hub, the proxy, PostgreSQL are out of reach),
  IPC namespace and **PID namespace**: when the kernel ends, every process it started ends with it;
- a clean **environment** (no tokens, no instructor variables) and **resource limits** (isolation/policy.py).

The launcher stays as a small supervisor (the process nbgrader started): it forwards interrupts to the kernel, so
nbgrader's cell timeouts work as before, and if it is killed the kernel is killed too (parent-death signal).
In an autograding worker (``COURSE_KERNEL_TEMPLATE`` set, root) the launcher does not start a new Python: it asks
the worker's kernel template (course_utils/kernel_template.py), which forks a process that runs the same supervisor
code below and starts the kernel in place, inside the same sandbox, with the libraries already imported.
Without root it does what an unprivileged user can (a user namespace with a mount, network and PID namespace;
the kernel keeps the grader's uid); :func:`capabilities` says which protection is missing, and why.

    python -m course_utils.sandbox [--hide PATH ...] [--limit=NAME=VALUE ...] -- python -m ipykernel_launcher -f FILE
"""
from __future__ import annotations

import functools
import json
import os
import signal
import sys
import tempfile
from pathlib import Path
from typing import Callable

from .isolation import policy

INNER = "COURSE_SANDBOX_INNER"
TEMPLATE = "COURSE_KERNEL_TEMPLATE"  # the socket of a kernel template (course_utils/kernel_template.py), if any
KERNEL_NAME = "course-sandbox"
PROTECTIONS = ("identity", "filesystem", "network", "environment", "limits")


def _connection_file(command: list[str]) -> str | None:
    for i, arg in enumerate(command[:-1]):
        if arg in ("-f", "--f"):
            return command[i + 1]
    for arg in command:
        if arg.startswith(("-f=", "--f=")):
            return arg.split("=", 1)[1]
    return None


def _replace_connection_file(command: list[str], new: str) -> list[str]:
    out = list(command)
    for i, arg in enumerate(out):
        if arg in ("-f", "--f") and i + 1 < len(out):
            out[i + 1] = new
        elif arg.startswith(("-f=", "--f=")):
            out[i] = arg.split("=", 1)[0] + "=" + new
    return out


# --------------------------------------------------------------------------- the kernel's side


def _enter(options: list[str], command: list[str], *, uid: int | None, connection: str | None,
           sockets: Path | None, new_proc: bool, grader_env: dict[str, str],
           run: Callable[[list[str]], None] | None = None) -> None:
    """In the new namespaces: build the file system, set limits, drop to the submission's user, exec the kernel
    (or, with ``run``, start it in this very process: a kernel forked from course_utils/kernel_template.py)."""
    from .isolation import linux, rootfs

    limits = policy.Limits.from_args(options)
    hide = [Path(options[i + 1]) for i, opt in enumerate(options) if opt == "--hide"]
    own = Path.cwd().resolve()
    root = "/mnt" if os.path.isdir("/mnt") else tempfile.mkdtemp(prefix="course-root-")
    rootfs.build(root, own=own, sockets=sockets, keep=policy.readable(own), hide=hide, uid=uid,
                 scratch_mib=limits.scratch_mib, new_proc=new_proc)
    if connection is not None:
        private = f"{rootfs.KERNEL_DIR}/connection.json"
        rootfs.write_private(private, connection, uid)
        command = _replace_connection_file(command, private)
    limits.apply(per_uid=uid is not None)
    linux.drop_privileges_for_good()  # (the uid change below still works: it needs no new capability)
    if uid is not None:
        os.setgroups([])
        os.setresgid(uid, uid, uid)
        os.setresuid(uid, uid, uid)
        linux.set_parent_death_signal(signal.SIGKILL)  # a change of uid clears it: set it again
    os.chdir(own)
    env = policy.kernel_env(grader_env, rootfs.HOME)
    if run is None:
        os.execve(command[0], command, env)
    linux.set_dumpable()  # no exec follows the change of uid: its /proc/self would stay root's
    os.environ.clear()
    os.environ.update(env)
    run(command)  # never returns


def _supervise(options: list[str], command: list[str], *, grader_env: dict[str, str] | None = None,
               run: Callable[[list[str]], None] | None = None) -> int:
    """As root: a uid of its own, fork the kernel into new PID/mount/network/IPC namespaces, forward signals.

    ``grader_env`` is the environment the kernel's is made from (default: this process's); ``run`` starts the
    kernel in the forked process instead of executing ``command`` (see :func:`_enter`)."""
    from .isolation import linux

    uid = policy.submission_uid()
    conn_path = _connection_file(command)
    connection = Path(conn_path).read_text(encoding="utf-8") if conn_path else None
    info = json.loads(connection) if connection else {}
    sockets = Path(info["ip"]).parent if info.get("transport") == "ipc" else None
    flags = linux.CLONE_NEWNS | linux.CLONE_NEWIPC | linux.CLONE_NEWUTS
    if sockets is not None or connection is None:
        flags |= linux.CLONE_NEWNET  # TCP kernels must stay on the grader's loopback: no private network then
    else:
        print("course sandbox: the kernel uses TCP, so it keeps the network (use --KernelManager.transport=ipc)",
              file=sys.stderr)
    if sockets is not None:  # the kernel (its own uid) binds its sockets there; sticky: it cannot rename others
        linux.grant_acl(str(sockets), uid)
        os.chmod(sockets, os.stat(sockets).st_mode | 0o1000)
    grader_env = dict(os.environ) if grader_env is None else grader_env
    linux.unshare(linux.CLONE_NEWPID)
    pid = os.fork()
    if pid == 0:
        try:
            linux.set_parent_death_signal(signal.SIGKILL)
            if os.getppid() != 0:  # the supervisor is outside this PID namespace: 0 while it lives
                os._exit(1)
            os.setsid()  # its own process group: nbgrader's interrupts reach it through the supervisor only
            linux.unshare(flags)
            _enter(options, command, uid=uid, connection=connection, sockets=sockets, new_proc=True,
                   grader_env=grader_env, run=run)
        except BaseException as exc:  # noqa: BLE001 - report why, never fall through into the supervisor's code
            print(f"course sandbox: could not start the kernel: {type(exc).__name__}: {exc}", file=sys.stderr)
            os._exit(70)

    def forward(signum, _frame):
        try:  # the kernel is PID 1 of its namespace: only signals it handles arrive, so end it with SIGKILL
            os.kill(pid, signum if signum in (signal.SIGINT, signal.SIGQUIT) else signal.SIGKILL)
        except ProcessLookupError:
            pass

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2):
        signal.signal(signum, forward)
    try:
        _, status = os.waitpid(pid, 0)
    finally:
        if sockets is not None and sockets.exists():
            linux.drop_acl(str(sockets))
    code = os.waitstatus_to_exitcode(status)
    return code if code >= 0 else 128 - code


def _unprivileged(options: list[str], command: list[str]) -> None:
    """Not root: a user namespace (the kernel keeps the grader's uid) with mount, network, IPC and PID namespaces."""
    if os.environ.get(INNER) == "1":
        grader_env = json.loads(os.environ.pop("COURSE_SANDBOX_ENV", "{}"))
        conn_path = _connection_file(command)
        connection = Path(conn_path).read_text(encoding="utf-8") if conn_path else None
        info = json.loads(connection) if connection else {}
        sockets = Path(info["ip"]).parent if info.get("transport") == "ipc" else None
        _enter(options, command, uid=None, connection=connection, sockets=sockets, new_proc=True,
               grader_env=grader_env)
        return
    flags = ["--user", "--map-root-user", "--mount", "--ipc", "--pid", "--fork", "--kill-child"]
    if not _probe_tcp(command):
        flags.append("--net")
    env = {"PATH": os.environ.get("PATH", ""), INNER: "1", "COURSE_SANDBOX_ENV": json.dumps(dict(os.environ))}
    me = [sys.executable, "-m", "course_utils.sandbox", *options, "--", *command]
    os.execvpe("unshare", ["unshare", *flags, *me], env)


def _probe_tcp(command: list[str]) -> bool:
    conn_path = _connection_file(command)
    if not conn_path:
        return False
    return json.loads(Path(conn_path).read_text(encoding="utf-8")).get("transport", "tcp") != "ipc"


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--" not in argv:
        sys.exit("usage: python -m course_utils.sandbox [--hide PATH ...] [--limit=NAME=N ...] -- KERNEL COMMAND")
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1:]
    if os.geteuid() == 0 and os.environ.get(INNER) != "1":
        if os.environ.get(TEMPLATE):  # an autograde worker's kernel template: a fresh kernel forked from it
            from .isolation import template_protocol

            code = template_protocol.request_kernel(os.environ[TEMPLATE], options, command)
            if code is not None:
                sys.exit(code)
        sys.exit(_supervise(options, command))
    _unprivileged(options, command)


# --------------------------------------------------------------------------- what this machine can do


@functools.lru_cache(maxsize=1)
def capabilities() -> dict[str, str]:
    """Each protection (:data:`PROTECTIONS`) -> "" when this machine gives it, else a one-line reason.

    Tried for real once per process: the launcher starts a tiny Python in the sandbox, which reports its uid, its
    file system, its network and its limits.
    """
    from .isolation import probe

    return probe.capabilities()


def missing() -> dict[str, str]:
    """The protections this machine cannot give, with why (empty: full isolation)."""
    return {name: why for name, why in capabilities().items() if why}


def available() -> bool:
    """True if the kernel gets a file system of its own here (the course folder is out of its reach)."""
    return capabilities()["filesystem"] == ""


def write_kernelspec(folder: Path, hide: list[Path], *, limits: policy.Limits | None = None) -> Path:
    """A kernelspec ``course-sandbox`` in ``folder/kernels/`` (put ``folder`` on JUPYTER_PATH)."""
    spec_dir = Path(folder) / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "course_utils.sandbox"]
    for path in hide:
        argv += ["--hide", str(path)]
    argv += (limits or policy.Limits()).as_args()
    argv += ["--", sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec = {"argv": argv, "display_name": "Python 3 (grading sandbox)", "language": "python",
            "interrupt_mode": "signal", "metadata": {"debugger": False}}
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
    return spec_dir


if __name__ == "__main__":
    main()
