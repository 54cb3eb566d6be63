"""The file system a graded submission sees, built in its own mount namespace (an allowlist, not a denylist).

Its root is an empty tmpfs holding only: the system folders (/usr, /etc and the like) read-only; the Python
installation, the virtual environment and the course package read-only, each at its own path (so a Python that
lives under the grader's home is there, and nothing else of that home); the submission's working copy as an
overlay, or a private copy owned by the submission's own uid (it reads its files and may change them, but every
change lands in memory and vanishes with the kernel);
the kernel's socket folder; a private /tmp and /dev/shm (size-limited tmpfs); a minimal /dev; a /proc of its own
PID namespace. The course folder, the gradebook, other submissions, home folders, /run (where PostgreSQL's socket
lives) and /var are simply not there. The paths nbgrader's caller asks to hide are covered as a second layer.
"""
from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

from . import linux

SYSTEM_DIRS = ("usr", "etc", "bin", "sbin", "lib", "lib32", "lib64", "libx32")
DEVICES = ("null", "zero", "full", "random", "urandom", "tty")
WORK = "/tmp/.course-work"        # inside the new root: the overlay's upper and work folders
KERNEL_DIR = "/tmp/.course-kernel"  # inside the new root: the connection file
HOME = "/tmp/home"


def _inside(root: str, path: str | Path) -> str:
    return root + str(Path(path))


def _is_under(path: Path, other: Path) -> bool:
    return path == other or other in path.parents


def _mkdir(root: str, path: str | Path) -> str:
    target = _inside(root, path)
    os.makedirs(target, mode=0o755, exist_ok=True)
    return target


def _touch(root: str, path: str | Path) -> str:
    target = _inside(root, path)
    os.makedirs(os.path.dirname(target), mode=0o755, exist_ok=True)
    if not os.path.exists(target):
        open(target, "w").close()
    return target


def _chown(path: str, uid: int | None) -> None:
    if uid is not None:
        os.chown(path, uid, uid)


def readable_paths(keep: list[Path]) -> list[Path]:
    """The read-only paths, minus system folders (already there) and paths inside another kept path."""
    result: list[Path] = []
    for path in sorted({Path(os.path.realpath(p)) for p in keep} | {Path(os.path.abspath(p)) for p in keep},
                       key=lambda p: len(p.parts)):
        if len(path.parts) < 2 or not path.exists() or path.parts[1] in SYSTEM_DIRS:
            continue
        if any(_is_under(path, kept) for kept in result):
            continue
        result.append(path)
    return result


def build(root: str, *, own: Path, sockets: Path | None, keep: list[Path], hide: list[Path], uid: int | None,
          scratch_mib: int, new_proc: bool) -> None:
    """Make ``root`` (an existing empty folder) the submission's file system and pivot into it."""
    linux.mount(None, "/", None, linux.MS_REC | linux.MS_PRIVATE)
    linux.mount("tmpfs", root, "tmpfs", linux.MS_NOSUID | linux.MS_NODEV, "size=4m,mode=755")
    for name in os.listdir("/"):
        src = "/" + name
        if os.path.islink(src):
            os.symlink(os.readlink(src), _inside(root, src))
        elif name in SYSTEM_DIRS and os.path.isdir(src):
            linux.bind(src, _mkdir(root, src), recursive=True)
    tmp = _mkdir(root, "/tmp")
    linux.mount("tmpfs", tmp, "tmpfs", linux.MS_NOSUID | linux.MS_NODEV, f"size={scratch_mib}m,mode=1777")

    for path in readable_paths(keep):
        if _is_under(own, path) or (sockets and _is_under(sockets, path)):
            continue  # never expose a parent of the working copy (it would hold the rest of the course)
        if path.is_dir():
            linux.bind(str(path), _mkdir(root, path), recursive=True)
        else:
            linux.bind(str(path), _touch(root, path))

    work = _mkdir(root, WORK)
    for sub in ("upper", "work"):
        os.mkdir(f"{work}/{sub}", 0o755)
        _chown(f"{work}/{sub}", uid)
    target = _mkdir(root, own)
    try:
        if uid is not None:
            # a submission's files keep the modes they were saved with (the argument builder's saved file is
            # 0600, as mkstemp makes it): an overlay would show them to the submission's own uid unreadable, so
            # that uid gets a private copy that it owns (a submission folder is small)
            raise OSError("own copy for the submission's uid")
        linux.mount("overlay", target, "overlay", linux.MS_NOSUID | linux.MS_NODEV,
                    f"lowerdir={own},upperdir={work}/upper,workdir={work}/work")
    except OSError:  # no overlayfs here (or the working copy is on one), or a uid of its own: a private copy
        copy = f"{work}/copy"
        shutil.copytree(own, copy, symlinks=True)
        if uid is not None:
            for dirpath, dirnames, filenames in os.walk(copy):
                for name in [dirpath, *(os.path.join(dirpath, n) for n in dirnames + filenames)]:
                    os.lchown(name, uid, uid)
        linux.bind(copy, target, read_only=False)
    if sockets is not None:
        linux.bind(str(sockets), _mkdir(root, sockets), read_only=False)

    dev = _mkdir(root, "/dev")
    linux.mount("tmpfs", dev, "tmpfs", linux.MS_NOSUID, "size=1m,mode=755")
    for name in DEVICES:
        if os.path.exists(f"/dev/{name}"):
            linux.bind(f"/dev/{name}", _touch(root, f"/dev/{name}"), read_only=False)
    for name, to in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"),
                     ("stderr", "/proc/self/fd/2")):
        os.symlink(to, f"{dev}/{name}")
    shm = _mkdir(root, "/dev/shm")
    linux.mount("tmpfs", shm, "tmpfs", linux.MS_NOSUID | linux.MS_NODEV, f"size={scratch_mib}m,mode=1777")
    proc = _mkdir(root, "/proc")
    if new_proc:
        linux.mount("proc", proc, "proc", linux.MS_NOSUID | linux.MS_NODEV | 8)  # 8 = MS_NOEXEC
    else:
        linux.mount("/proc", proc, None, linux.MS_BIND | linux.MS_REC)
    if os.path.isdir("/sys"):
        try:  # optional (CPU counts are read there); a user namespace may refuse it
            linux.bind("/sys", _mkdir(root, "/sys"), recursive=True)
        except OSError:
            pass

    for path in hide:  # second layer: whatever of the private paths is still inside the new root
        path = Path(os.path.realpath(path))
        inside = _inside(root, path)
        if _is_under(own, path) or (sockets and _is_under(sockets, path)) or not os.path.lexists(inside):
            continue
        if os.path.isdir(inside):
            linux.mount("tmpfs", inside, "tmpfs", linux.MS_NOSUID | linux.MS_NODEV | linux.MS_RDONLY,
                        "size=16k,mode=755")
        else:
            linux.bind("/dev/null", inside)

    home = _mkdir(root, HOME)
    os.chmod(home, 0o700)
    _chown(home, uid)
    kernel_dir = _mkdir(root, KERNEL_DIR)
    os.chmod(kernel_dir, 0o700)
    _chown(kernel_dir, uid)
    linux.mount(None, root, None, linux.MS_REMOUNT | linux.MS_RDONLY | linux.MS_NOSUID | linux.MS_NODEV,
                "size=4m,mode=755")
    linux.pivot_root(root)


def write_private(path: str, text: str, uid: int | None) -> None:
    """A file only the submission's user can read (the kernel's connection file, with its signing key)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(text)
    _chown(path, uid)
