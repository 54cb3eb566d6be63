"""Isolation of a grading kernel, without Docker: what the launcher in ``course_utils/sandbox.py`` puts around it.

- :mod:`.linux`   thin wrappers of the Linux calls the standard library lacks (unshare, mount, pivot_root, ACLs).
- :mod:`.policy`  what a submission gets: its user id, its environment, its resource limits (declared once, here).
- :mod:`.rootfs`  the file system a submission sees: the system, the Python and course package read-only, its own
                  working copy writable (an overlay whose writes vanish with it), a private /tmp, nothing else.
- :mod:`.probe`   which protections this machine can give (``capabilities()``), tried for real once per process.
"""
