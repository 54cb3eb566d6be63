"""The launcher's side of a kernel template (course_utils/kernel_template.py): the messages on the template's Unix
socket and :func:`request_kernel`, which the grading sandbox's launcher (course_utils/sandbox.py) calls to have its
kernel forked from the template instead of started as a new Python. Kept apart from the template so that the
sandbox does not import the template (which imports the sandbox)."""
from __future__ import annotations

import json
import os
import signal
import socket
import sys

from . import policy

MAX_MESSAGE = 1 << 20


def send(sock: socket.socket, data: dict, fds: list[int] = ()) -> None:
    socket.send_fds(sock, [json.dumps(data).encode()], list(fds))


def recv(sock: socket.socket, maxfds: int = 0) -> tuple[dict | None, list[int]]:
    data, fds, _flags, _addr = socket.recv_fds(sock, MAX_MESSAGE, maxfds)
    return (json.loads(data) if data else None), list(fds)


def request_kernel(path: str, options: list[str], command: list[str]) -> int | None:
    """Have the template at ``path`` fork this kernel; its exit status, or None (said on stderr) if it can't."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    try:
        sock.connect(path)
        env = {k: os.environ[k] for k in policy.PASSED_THROUGH if k in os.environ}
        send(sock, {"options": options, "command": command, "cwd": os.getcwd(), "env": env}, [0, 1, 2])
        answer, _ = recv(sock)
    except OSError as exc:
        answer = {"error": f"{type(exc).__name__}: {exc}"}
    if not answer or "pid" not in answer:
        sock.close()
        why = (answer or {}).get("error", "no answer")
        print(f"course sandbox: no kernel from the template at {path} ({why}); starting it as a new process",
              file=sys.stderr)
        return None
    supervisor = answer["pid"]

    def forward(signum, _frame):
        try:  # the supervisor forwards an interrupt to the kernel and ends it on anything else, as the launcher does
            os.kill(supervisor, signum)
        except ProcessLookupError:
            pass

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2):
        signal.signal(signum, forward)
    try:
        answer, _ = recv(sock)
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
            signal.signal(signum, signal.SIG_DFL)
        sock.close()
    if not answer or "exit" not in answer:
        return 70
    return int(answer["exit"])
