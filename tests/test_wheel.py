"""A wheel built from the repo, installed in a fresh venv, loads every table from a folder outside the repo."""
import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

SNIPPET = """
import os, pathlib, course_utils.data as d
assert 'COURSE_DATASETS_DIR' not in os.environ
where = pathlib.Path(d.__file__).resolve()
assert 'site-packages' in str(where), where
for name in d.list_tables().name:
    df = d.load(name)
    assert len(df) > 0, name
print('OK', len(d.list_tables()))
"""


@pytest.mark.slow
def test_wheel_loads_every_table(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)], check=True,
                   capture_output=True, text=True)
    wheel = next(dist.glob("*.whl"))
    import zipfile

    names = zipfile.ZipFile(wheel).namelist()
    assert "course_utils/datasets/us_troops_abroad.csv" in names
    assert "course_utils/datasets/datapackage.json" in names
    assert not any("/raw/" in n or "/build/" in n for n in names)
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "--no-deps", str(wheel)], check=True)
    subprocess.run([str(py), "-m", "pip", "install", "--quiet", "pandas"], check=True)
    outside = tmp_path / "lesson"
    outside.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("COURSE_DATASETS_DIR", "PYTHONPATH")}
    r = subprocess.run([str(py), "-c", SNIPPET], cwd=outside, env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    resources = json.loads((ROOT / "datasets" / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    tables = resources  # list_tables() lists every resource, sources.csv included
    assert r.stdout.strip() == f"OK {len(tables)}"


def test_every_subpackage_of_course_utils_goes_into_the_wheel():
    """setuptools puts only the packages pyproject.toml lists into a wheel: a subpackage left out is missing there."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "course_utils").rglob("__init__.py")}
    assert found - listed == set(), f"add to [tool.setuptools] packages in pyproject.toml: {sorted(found - listed)}"
