"""The few Linux system calls the launcher needs that Python's standard library does not wrap (Python 3.11)."""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import platform
import struct

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000

MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
MNT_DETACH = 2
PR_SET_PDEATHSIG = 1
PR_SET_DUMPABLE = 4

_SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "riscv64": 41, "ppc64le": 203, "s390x": 217}

_libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def unshare(flags: int) -> None:
    _check(_libc.unshare(ctypes.c_int(flags)), "unshare")


def mount(source: str | None, target: str, fstype: str | None = None, flags: int = 0,
          data: str | None = None) -> None:
    enc = (lambda s: s.encode() if s is not None else None)
    _check(_libc.mount(enc(source), enc(target), enc(fstype), ctypes.c_ulong(flags), enc(data)),
           f"mount {source or fstype} on {target}")


def bind(source: str, target: str, *, read_only: bool = True, recursive: bool = False) -> None:
    mount(source, target, None, MS_BIND | (MS_REC if recursive else 0))
    if read_only:
        mount(None, target, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)


def umount(target: str, flags: int = 0) -> None:
    _check(_libc.umount2(target.encode(), ctypes.c_int(flags)), f"umount {target}")


def pivot_root(new_root: str) -> None:
    """Make ``new_root`` the root of this mount namespace and detach the old one (the ``pivot_root . .`` idiom)."""
    number = _SYS_PIVOT_ROOT.get(platform.machine())
    os.chdir(new_root)
    if number is None:  # an architecture we have no number for: chroot (the kernel runs unprivileged anyway)
        os.chroot(".")
    else:
        _check(_libc.syscall(ctypes.c_long(number), b".", b"."), "pivot_root")
        umount(".", MNT_DETACH)
    os.chdir("/")


def set_parent_death_signal(signum: int) -> None:
    _check(_libc.prctl(ctypes.c_int(PR_SET_PDEATHSIG), ctypes.c_ulong(signum), 0, 0, 0), "prctl")


def set_dumpable() -> None:
    """What an exec after a change of uid does: the process's /proc files belong to its own uid again."""
    _check(_libc.prctl(ctypes.c_int(PR_SET_DUMPABLE), ctypes.c_ulong(1), 0, 0, 0), "prctl")


def grant_acl(path: str, uid: int, perms: int = 0o3) -> None:
    """Give user ``uid`` ``perms`` (rwx bits, default -wx) on ``path`` with a POSIX ACL; others keep nothing.

    Written as the kernel's xattr format (``system.posix_acl_access``: version 2, then tag/perm/id entries sorted by
    tag), because setfacl is not installed everywhere.
    """
    owner = (os.stat(path).st_mode >> 6) & 0o7
    entries = [(0x01, owner, 0xFFFFFFFF), (0x02, perms, uid), (0x04, 0, 0xFFFFFFFF),
               (0x10, perms, 0xFFFFFFFF), (0x20, 0, 0xFFFFFFFF)]
    blob = struct.pack("<I", 2) + b"".join(struct.pack("<HHI", *e) for e in entries)
    os.setxattr(path, "system.posix_acl_access", blob)


def drop_acl(path: str) -> None:
    try:
        os.removexattr(path, "system.posix_acl_access")
    except OSError:
        pass


def drop_privileges_for_good() -> None:
    """Empty the capability bounding set and set no_new_privs: whatever uid the kernel has (0 inside a user
    namespace, when the grader is not root), the program it execs has no capabilities and setuid files give none."""
    for cap in range(64):
        if _libc.prctl(ctypes.c_int(24), ctypes.c_ulong(cap), 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            if ctypes.get_errno() == 22:  # EINVAL: past the last capability this kernel knows
                break
            _check(-1, "prctl(PR_CAPBSET_DROP)")
    _check(_libc.prctl(ctypes.c_int(38), ctypes.c_ulong(1), 0, 0, 0), "prctl(PR_SET_NO_NEW_PRIVS)")
