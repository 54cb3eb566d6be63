"""Binder: repo2docker (no Docker needed with --no-build) installs the environment before the repository's
content is copied, so a commit to lessons/ does not rebuild the environment, and Python is pinned."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT

REPO2DOCKER = Path(sys.executable).parent / "jupyter-repo2docker"


@pytest.fixture(scope="module")
def dockerfile() -> str:
    exe = str(REPO2DOCKER) if REPO2DOCKER.exists() else shutil.which("jupyter-repo2docker")
    if exe is None:
        pytest.fail("jupyter-repo2docker is not installed (it is in the test extra: pip install -e '.[test]')")
    proc = subprocess.run([exe, "--no-build", "--debug", str(ROOT)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout + proc.stderr


def test_python_is_pinned(dockerfile):
    assert re.search(r"Building conda environment for python=3\.\d+", dockerfile)


def test_environment_is_installed_before_the_content_is_copied(dockerfile):
    lines = dockerfile.splitlines()
    env_copy = next(i for i, line in enumerate(lines) if re.search(r"COPY .*environment\.yml", line))
    env_install = next(i for i, line in enumerate(lines) if "env update" in line and "environment.yml" in line)
    content_copy = next(i for i, line in enumerate(lines) if re.search(r"COPY .*src/ \$\{REPO_DIR\}/?\s*$", line))
    postbuild = next(i for i, line in enumerate(lines) if "./postBuild" in line)
    assert env_copy < env_install < content_copy < postbuild
