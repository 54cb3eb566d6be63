"""Which protections this machine gives a grading kernel: tried for real, by running a tiny probe in the sandbox."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

from . import policy

SECRET = "COURSE_SANDBOX_PROBE_TOKEN"

PROBE = r"""
import json, os, resource, socket, sys
out = {"uid": os.getuid(), "pid": os.getpid(), "env": sorted(os.environ),
       "nproc": resource.getrlimit(resource.RLIMIT_NPROC)[0],
       "data": resource.getrlimit(resource.RLIMIT_DATA)[0],
       "sibling": os.path.exists(sys.argv[1]), "home": os.path.exists(sys.argv[2])}
try:
    s = socket.create_connection(("127.0.0.1", int(sys.argv[3])), timeout=2)
    s.close()
    out["net"] = "connected"
except OSError as exc:
    out["net"] = type(exc).__name__
try:
    open("probe-write", "w").close()
    out["write"] = True
except OSError:
    out["write"] = False
print("PROBE" + json.dumps(out))
"""


def _first_line(text: str) -> str:
    lines = [line for line in (text or "").strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else "no output"


def _home_entry(work: Path) -> Path:
    """Something in the grader's home that the kernel does not need (its Python may live there)."""
    home = Path.home()
    needed = [Path(os.path.abspath(p)) for p in policy.readable(work)]
    try:
        entries = sorted(home.iterdir())
    except OSError:
        entries = []
    for entry in entries:
        if not any(entry == p or entry in p.parents for p in needed):
            return entry
    return home / ".course-probe-nothing"


def capabilities() -> dict[str, str]:
    reasons = {name: "" for name in ("identity", "filesystem", "network", "environment", "limits")}
    if sys.platform != "linux":
        return {name: "only Linux can isolate a grading kernel without Docker" for name in reasons}
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    port = listener.getsockname()[1]
    with tempfile.TemporaryDirectory(prefix="course-probe-") as tmp:
        work = Path(tmp) / "work"
        work.mkdir()
        sibling = Path(tmp) / "sibling.txt"
        sibling.write_text("not for the kernel", encoding="utf-8")
        env = dict(os.environ, **{SECRET: "fake"})
        cmd = [sys.executable, "-m", "course_utils.sandbox", *policy.Limits().as_args(), "--",
               sys.executable, "-c", PROBE, str(sibling), str(_home_entry(work)), str(port)]
        try:
            proc = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, timeout=60,
                                  stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as exc:
            proc = subprocess.CompletedProcess(cmd, 1, "", f"{type(exc).__name__}: {exc}")
        finally:
            listener.close()
        found = [line for line in proc.stdout.splitlines() if line.startswith("PROBE")]
        wrote_through = (work / "probe-write").exists()
    if proc.returncode != 0 or not found:
        why = f"the grading sandbox cannot start here ({_first_line(proc.stderr or proc.stdout)})"
        return {name: why for name in reasons}
    seen = json.loads(found[0][len("PROBE"):])
    if seen["uid"] in (0, os.getuid()):
        reasons["identity"] = ("student code runs as the grader's own user (needs root to give each submission "
                               "a user id of its own)")
    if seen["sibling"] or seen["home"] or wrote_through or not seen["write"]:
        reasons["filesystem"] = "the kernel could still see files outside its working copy"
    if seen["net"] == "connected":
        reasons["network"] = "the kernel could connect to a server on 127.0.0.1 (no private network namespace)"
    if SECRET in seen["env"]:
        reasons["environment"] = "the kernel inherited the grader's environment variables"
    if seen["pid"] != 1:
        reasons["limits"] = "no PID namespace: a process started by student code could outlive its grading"
    elif reasons["identity"] or seen["nproc"] != policy.Limits().processes:
        reasons["limits"] = ("no process limit (a fork bomb is not stopped): the limit counts a user's processes, "
                             "so it needs a user id per submission")
    elif seen["data"] != policy.Limits().memory_mib * policy.MIB:
        reasons["limits"] = "the memory limit was not applied"
    return reasons
