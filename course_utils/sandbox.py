"""Run a grading kernel where it cannot read the answers: a kernel launcher for autograding.

nbgrader runs each submission's kernel as the instructor, in ``autograded/<student>/<lesson>/``. Without more, the
student's code could read ``solutions/``, the gradebook (which holds the hidden tests), or other students' work,
and print it into the output that becomes feedback. This launcher starts the kernel in a private mount namespace
(``unshare --mount``; as a non-root user also ``--user --map-root-user``) where those paths are covered by empty
tmpfs mounts (a file by /dev/null), while the submission's own folder stays visible. The kernel keeps its PID
(``unshare`` execs in place), so nbgrader's interrupts and timeouts reach it as before.

    python -m course_utils.sandbox --hide DIR_OR_FILE ... -- python -m ipykernel_launcher -f CONNECTION_FILE
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

INNER = "COURSE_SANDBOX_INNER"
KERNEL_NAME = "course-sandbox"


def unshare_command() -> list[str]:
    base = ["unshare", "--mount", "--propagation", "private"]
    if os.geteuid() != 0:
        base[1:1] = ["--user", "--map-root-user"]
    return base


def available() -> bool:
    """True if a private mount namespace can be made here (tried once, for real)."""
    if shutil.which("unshare") is None or shutil.which("mount") is None:
        return False
    try:
        proc = subprocess.run([*unshare_command(), "mount", "-t", "tmpfs", "tmpfs", tempfile.gettempdir()],
                              capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return proc.returncode == 0


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


def _inner(hide: list[str], command: list[str]) -> None:
    own = Path.cwd().resolve()
    keep = Path(tempfile.mkdtemp(prefix="course-sandbox-"))
    _mount("--bind", str(own), str(keep))
    for item in hide:
        path = Path(item).resolve()
        if path.is_dir():
            _mount("-t", "tmpfs", "-o", "size=1m,mode=755", "tmpfs", str(path))
            if path == own or path in own.parents:
                own.mkdir(parents=True, exist_ok=True)
                _mount("--bind", str(keep), str(own))
        elif path.is_file():
            _mount("--bind", "/dev/null", str(path))
    os.chdir(own)
    os.execvp(command[0], command)


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--" not in argv:
        sys.exit("usage: python -m course_utils.sandbox --hide PATH ... -- KERNEL COMMAND")
    split = argv.index("--")
    options, command = argv[:split], argv[split + 1:]
    hide = [options[i + 1] for i, opt in enumerate(options) if opt == "--hide"]
    if os.environ.get(INNER) == "1":
        _inner(hide, command)
        return
    env = dict(os.environ, **{INNER: "1"})
    me = [sys.executable, "-m", "course_utils.sandbox", *options, "--", *command]
    os.execvpe(unshare_command()[0], [*unshare_command(), *me], env)


def write_kernelspec(folder: Path, hide: list[Path]) -> Path:
    """A kernelspec ``course-sandbox`` in ``folder/kernels/`` (put ``folder`` on JUPYTER_PATH)."""
    spec_dir = Path(folder) / "kernels" / KERNEL_NAME
    spec_dir.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "course_utils.sandbox"]
    for path in hide:
        argv += ["--hide", str(path)]
    argv += ["--", sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    spec = {"argv": argv, "display_name": "Python 3 (grading sandbox)", "language": "python",
            "interrupt_mode": "signal", "metadata": {"debugger": False}}
    (spec_dir / "kernel.json").write_text(json.dumps(spec, indent=1), encoding="utf-8")
    return spec_dir


if __name__ == "__main__":
    main()
