"""A kernel template: one process per autograding worker that imports a kernel's libraries once, then forks a
fresh, sandboxed kernel for each submission.

Starting a grading kernel costs more than running most lessons: the Python start, IPython and ipykernel, then
pandas, altair, ipywidgets, scipy and course_utils, for every submission again. The template pays those imports
once. It is started by the worker (course_utils/autograde_worker.py) with a kernel's clean environment, imports
:data:`PRELOAD` before any socket, thread or ZeroMQ context exists (no kernel application is created), and waits
on a Unix socket that only root can reach. For each submission:

1. nbgrader's KernelManager launches the grading sandbox's kernelspec as always (course_utils/sandbox.py); that
   small launcher sees ``COURSE_KERNEL_TEMPLATE`` and, instead of starting a new Python, asks the template
   (``isolation.template_protocol.request_kernel``): its kernel command, its working folder, the variables a kernel
   may keep and its stdin/stdout/stderr (passed as file descriptors).
2. The template forks a child, which is the sandbox's supervisor (``sandbox._supervise``, the same code the
   launcher runs): a uid of its own, new PID/mount/network/IPC namespaces, the allowlist root file system with a
   private copy of the working folder, resource limits, the clean environment. The kernel process, forked in
   those namespaces, then starts the ipykernel application in place (:func:`_run_kernel`) on the connection file
   nbgrader wrote. Nothing flows back into the template, so each student gets a process of their own that has
   seen no other submission.
3. The launcher forwards nbgrader's signals (interrupt, terminate) to the supervisor and exits with the kernel's
   status. If the launcher is killed, the template kills the supervisor, and the kernel dies with it.

Where the template cannot be used (not root, no fork, a preload failed to import in a way that breaks it) the
launcher says why on stderr and starts the kernel the usual way, as a new process.

    python -m course_utils.kernel_template    (started by the worker: the socket's path on stdin, then EOF = stop;
                                               not on the command line, which every forked kernel shows as its own)
"""
from __future__ import annotations

import json
import os
import selectors
import signal
import socket
import sys
import time
from pathlib import Path

from .isolation.template_protocol import recv, send

#: imported once by the template (what the course's lessons import); a missing one is skipped
PRELOAD = ("ipykernel.kernelapp", "numpy", "pandas", "scipy.stats", "altair", "ipywidgets",
           "course_utils.data", "course_utils.checks", "course_utils.charts", "course_utils.measures",
           "course_utils.arguments", "course_utils.argument_policy", "course_utils.widgets.explorer",
           "course_utils.widgets.argument_builder")

READY = "ready"
START_TIMEOUT = 300  # seconds the template may take to import PRELOAD


def usable() -> str:
    """"" if kernels can be forked from a template on this machine, else why not (one line)."""
    if sys.platform != "linux" or not hasattr(os, "fork") or not hasattr(os, "pidfd_open"):
        return "forking a kernel needs Linux with pidfd_open (Python 3.9+, Linux 5.3+)"
    if os.geteuid() != 0:
        return "the forked kernel's sandbox needs root (each submission gets a user id of its own)"
    return ""


# --------------------------------------------------------------------------------------------- the kernel's side

def _run_kernel(command: list[str]) -> None:
    """In the forked kernel process, inside its sandbox: what ``python -m ipykernel_launcher -f FILE`` does."""
    code = 0
    try:
        from importlib.util import find_spec

        if "numpy" in sys.modules:  # the template's random state is shared by every fork: a fresh one, as a new
            sys.modules["numpy"].random.seed()  # process would have (Python's own `random` reseeds itself)
        sys.argv = [find_spec("ipykernel_launcher").origin, *command[3:]]
        from ipykernel import kernelapp

        app = kernelapp.IPKernelApp.instance()
        app.initialize(command[3:])
        if "ipywidgets" in sys.modules:  # imported before there was a kernel: register its comm targets now
            sys.modules["ipywidgets"]._handle_ipython()
        app.start()
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 - the kernel's own crash, reported like Python would
        import traceback

        traceback.print_exc()
        code = 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001
                pass
        os._exit(code)


def _is_kernel_command(command: list[str]) -> bool:
    return (len(command) == 5 and command[1:4] == ["-m", "ipykernel_launcher", "-f"]
            and os.path.realpath(command[0]) == os.path.realpath(sys.executable))


def _child(request: dict, fds: list[int], template_pid: int) -> None:
    """The forked supervisor: the launcher's stdio and folder, then the sandbox's own supervisor code."""
    code = 70
    try:
        from . import sandbox
        from .isolation import linux

        linux.set_parent_death_signal(signal.SIGKILL)
        if os.getppid() != template_pid:
            os._exit(1)
        for i, fd in enumerate(fds):
            os.dup2(fd, i)
            os.close(fd)
        os.chdir(request["cwd"])
        code = sandbox._supervise(request["options"], request["command"], grader_env=request["env"],
                                  run=_run_kernel)
    except BaseException as exc:  # noqa: BLE001 - never return into the template's loop
        print(f"course sandbox: the forked kernel could not start: {type(exc).__name__}: {exc}", file=sys.stderr)
    finally:
        os._exit(code)


# --------------------------------------------------------------------------------------------- the template

def _preload() -> list[str]:
    """Import :data:`PRELOAD`; the names that failed (a kernel that needs them imports them itself)."""
    import importlib

    failed = []
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001
            failed.append(f"{name} ({type(exc).__name__}: {exc})")
    return failed


def _fork_ready() -> str:
    import threading

    if threading.active_count() != 1:
        return f"the template has {threading.active_count()} Python threads (forking needs one)"
    zmq = sys.modules.get("zmq")
    if zmq is not None and getattr(zmq.Context, "_instance", None) is not None:
        return "a ZeroMQ context exists in the template"
    return ""


def serve(path: str) -> None:
    """Listen on ``path``; fork a kernel for each request; stop when stdin closes (the worker ended)."""
    from .isolation import linux

    linux.set_parent_death_signal(signal.SIGKILL)  # the worker's end is ours (and our kernels')
    if sys.path and sys.path[0] in ("", os.getcwd()):
        del sys.path[0]  # as ipykernel_launcher does: the kernel's folder is put back by IPython
    started = time.monotonic()
    failed = _preload()
    import gc

    gc.collect()
    gc.freeze()  # what the template holds stays shared with its forks (no copy on the first collection)
    if failed:
        print("kernel template: could not preload " + "; ".join(failed), file=sys.stderr)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    old = os.umask(0o077)
    try:
        listener.bind(path)
    finally:
        os.umask(old)
    listener.listen(16)
    print(json.dumps({READY: True, "seconds": round(time.monotonic() - started, 2), "failed": failed}),
          flush=True)

    sel = selectors.DefaultSelector()
    sel.register(listener, selectors.EVENT_READ, "accept")
    sel.register(sys.stdin, selectors.EVENT_READ, "stdin")
    kids: dict[int, tuple[int, socket.socket | None]] = {}  # pidfd -> (pid, the launcher's connection)
    me = os.getpid()

    def end(pidfd: int) -> None:
        pid, conn = kids.pop(pidfd)
        sel.unregister(pidfd)
        _, status = os.waitpid(pid, 0)
        os.close(pidfd)
        if conn is not None:
            try:
                send(conn, {"exit": os.waitstatus_to_exitcode(status)})
            except OSError:
                pass
            sel.unregister(conn)
            conn.close()

    try:
        while True:
            for key, _ in sel.select():
                what = key.data
                if what == "stdin":
                    if not os.read(sys.stdin.fileno(), 4096):
                        return
                elif what == "accept":
                    conn, _ = listener.accept()
                    try:
                        request, fds = recv(conn, maxfds=3)
                    except (OSError, ValueError) as exc:
                        request, fds = None, []
                        print(f"kernel template: unreadable request ({exc})", file=sys.stderr)
                    problem = (_fork_ready() or ("" if request and _is_kernel_command(request.get("command", []))
                                                 else "not a kernel command this template starts"))
                    if problem or len(fds) != 3:
                        for fd in fds:
                            os.close(fd)
                        try:
                            send(conn, {"error": problem or "the launcher's stdin/stdout/stderr were not passed"})
                        except OSError:
                            pass
                        conn.close()
                        continue
                    pid = os.fork()
                    if pid == 0:  # keep nothing of the template's: no other launcher's socket, no pidfd
                        sel.close()
                        listener.close()
                        conn.close()
                        for other, (_, other_conn) in kids.items():
                            os.close(other)
                            if other_conn is not None:
                                other_conn.close()
                        _child(request, fds, me)
                    for fd in fds:
                        os.close(fd)
                    pidfd = os.pidfd_open(pid)
                    kids[pidfd] = (pid, conn)
                    sel.register(pidfd, selectors.EVENT_READ, "child")
                    sel.register(conn, selectors.EVENT_READ, ("launcher", pidfd))
                    send(conn, {"pid": pid})
                elif what == "child":
                    end(key.fd)
                else:  # the launcher hung up (nbgrader killed it): its kernel goes too
                    pidfd = what[1]
                    if pidfd not in kids:  # (ended in this same round)
                        continue
                    pid, conn = kids[pidfd]
                    sel.unregister(conn)
                    conn.close()
                    kids[pidfd] = (pid, None)
                    try:
                        os.kill(pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
    finally:
        for pidfd, (pid, conn) in list(kids.items()):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)
            os.close(pidfd)
        listener.close()
        try:
            os.unlink(path)
        except OSError:
            pass


# --------------------------------------------------------------------------------------------- the worker's side

class Template:
    """The worker's handle on its template process (``start`` it, put :attr:`env` in the kernels' environment)."""

    def __init__(self, folder: Path, grader_env: dict[str, str]):
        import subprocess

        from .isolation import policy

        self.path = str(Path(folder) / "template.sock")
        home = Path(folder) / "home"
        home.mkdir(mode=0o700, exist_ok=True)
        env = policy.kernel_env(grader_env, str(home))  # what a kernel's environment holds, nothing more
        self.proc = subprocess.Popen([sys.executable, "-m", "course_utils.kernel_template"], cwd="/",
                                     env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.proc.stdin.write(self.path + "\n")
        self.proc.stdin.flush()
        self.ready: dict | None = None

    def wait_ready(self, timeout: float = START_TIMEOUT) -> str:
        """"" once the template listens, else why it does not (it is stopped then)."""
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        line = self.proc.stdout.readline() if sel.select(timeout) else ""
        sel.close()
        try:
            self.ready = json.loads(line) if line.strip() else None
        except ValueError:
            self.ready = None
        if not self.ready or not self.ready.get(READY):
            self.stop()
            return f"the kernel template did not start ({line.strip()[:200] or 'no answer'})"
        return ""

    @property
    def env(self) -> dict[str, str]:
        from .sandbox import TEMPLATE

        return {TEMPLATE: self.path}

    def stop(self) -> None:
        """Close its stdin (it stops serving); killed, with any kernel it forked, if it has not ended in 10 s."""
        from .processes import stop_child

        stop_child(self.proc, 10)


if __name__ == "__main__":
    serve(os.read(0, 4096).decode().strip())
