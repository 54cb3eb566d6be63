"""What one graded submission gets: its user id, its environment and its resource limits (one place for each)."""
from __future__ import annotations

import os
import resource
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

#: per-submission user and group ids: FIRST_UID + the launcher's process id. No passwd entry; far above the ids
#: of people (1000+) and of the subordinate id ranges container tools hand out (100000+, 65536 at a time).
FIRST_UID = 1_500_000_000

#: the only variables of the grader's environment a kernel sees (everything else, tokens included, is dropped)
PASSED_THROUGH = ("LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE", "TZ", "PYTHONPATH", "COURSE_DATASETS_DIR")

MIB = 2 ** 20


@dataclass(frozen=True)
class Limits:
    """Resource limits of one submission's kernel (and of every process it starts)."""

    memory_mib: int = 2048      # RLIMIT_DATA per process: heap and private memory; MemoryError beyond it
    processes: int = 128        # RLIMIT_NPROC of the submission's own uid: processes + threads
    open_files: int = 512       # RLIMIT_NOFILE
    file_mib: int = 64          # RLIMIT_FSIZE: the largest file it may write
    scratch_mib: int = 256      # size of its private /tmp (which also holds its working copy's changes)
    cpu_seconds: int = 900      # RLIMIT_CPU per process: beyond it the kernel is killed (SIGXCPU)

    def as_args(self) -> list[str]:
        return [f"--limit={k}={v}" for k, v in asdict(self).items()]

    @classmethod
    def from_args(cls, options: list[str]) -> "Limits":
        values = dict(opt[len("--limit="):].split("=", 1) for opt in options if opt.startswith("--limit="))
        return cls(**{k: int(v) for k, v in values.items()})

    def apply(self, *, per_uid: bool) -> None:
        """Set the limits on this process (inherited by the kernel and its children). ``per_uid``: the process
        limit is only applied when the kernel has a uid of its own (it counts every process of the uid)."""
        rl = [(resource.RLIMIT_DATA, self.memory_mib * MIB), (resource.RLIMIT_NOFILE, self.open_files),
              (resource.RLIMIT_FSIZE, self.file_mib * MIB), (resource.RLIMIT_CPU, self.cpu_seconds),
              (resource.RLIMIT_CORE, 0)]
        if per_uid:
            rl.append((resource.RLIMIT_NPROC, self.processes))
        for which, value in rl:
            resource.setrlimit(which, (value, value))


def submission_uid(launcher_pid: int | None = None) -> int:
    return FIRST_UID + (os.getpid() if launcher_pid is None else launcher_pid)


def kernel_env(grader_env: dict[str, str], home: str) -> dict[str, str]:
    """A clean environment: the Python environment's scripts first on PATH, a private HOME, the locale."""
    bindir = str(Path(sys.executable).parent)
    env = {"PATH": os.pathsep.join([bindir, "/usr/local/bin", "/usr/bin", "/bin"]),
           "HOME": home, "TMPDIR": "/tmp", "USER": "student", "LOGNAME": "student",
           "MPLCONFIGDIR": f"{home}/.matplotlib", "PYTHONNOUSERSITE": "1"}
    if sys.prefix != sys.base_prefix:
        env["VIRTUAL_ENV"] = sys.prefix
    for name in PASSED_THROUGH:
        if name in grader_env:
            env[name] = grader_env[name]
    env.setdefault("LANG", "C.UTF-8")
    return env


# --------------------------------------------------------------------------- what the kernel may read
def _package_paths() -> list[Path]:
    from importlib.util import find_spec

    paths: list[Path] = []
    for name in ("course_utils", "course_utils.datasets"):
        spec = find_spec(name)
        if spec and spec.submodule_search_locations:
            paths += [Path(p) for p in spec.submodule_search_locations]
    return paths


def readable(own: Path) -> list[Path]:
    """What a kernel needs to read: this Python, its environment, the course package and its datasets."""
    paths = [Path(sys.prefix), Path(sys.base_prefix), Path(sys.exec_prefix), Path(sys.base_exec_prefix),
             Path(sys.executable), *_package_paths()]
    for entry in sys.path:
        if entry and os.path.isabs(entry) and Path(entry).resolve() != own:
            paths.append(Path(entry))
    for name in ("PYTHONPATH", "COURSE_DATASETS_DIR"):
        paths += [Path(p) for p in os.environ.get(name, "").split(os.pathsep) if os.path.isabs(p)]
    return paths
