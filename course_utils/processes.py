"""Stopping the child processes the course starts (grading workers, kernel templates, nbgrader runs): one way to ask a
child to end and one way to make sure it has, with everything it started."""
from __future__ import annotations

import subprocess

__all__ = ["kill_tree", "stop_child"]


def kill_tree(pid: int) -> None:
    """Kill a process and all its descendants (kernels run in sessions of their own, so killpg would miss them)."""
    import psutil  # a dependency of ipykernel

    try:
        parent = psutil.Process(pid)
        family = parent.children(recursive=True) + [parent]
    except psutil.NoSuchProcess:
        return
    for p in family:
        try:
            p.kill()
        except psutil.NoSuchProcess:
            pass
    psutil.wait_procs(family, timeout=10)


def stop_child(proc: subprocess.Popen, timeout: float, *, kill: bool = False) -> None:
    """End a child that stops when its stdin closes: close it and wait up to ``timeout`` seconds; if it does not end
    (or ``kill``), kill it and everything it started. Its pipes are closed either way."""
    if not kill and proc.poll() is None:
        try:
            proc.stdin.close()
            proc.wait(timeout=timeout)
        except (OSError, subprocess.TimeoutExpired):
            kill = True
    if kill or proc.poll() is None:
        kill_tree(proc.pid)
        proc.wait()
    for stream in (proc.stdin, proc.stdout):
        try:
            if stream is not None:
                stream.close()
        except OSError:
            pass
