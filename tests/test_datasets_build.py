"""Rebuilding datasets/ from datasets/raw reproduces the committed files byte for byte (no ../shared needed)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATASETS = ROOT / "datasets"
OUTPUTS = sorted([p.name for p in DATASETS.glob("*.csv")] + ["datapackage.json", "README.md"])


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    out = tmp_path_factory.mktemp("rebuilt")
    subprocess.run([sys.executable, "-m", "datasets.build", "--out", str(out)], cwd=ROOT, check=True,
                   capture_output=True, text=True)
    return out


def test_every_declared_table_shipped():
    declared = json.loads((DATASETS / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    assert sorted(o for o in OUTPUTS if o.endswith(".csv")) == sorted(r["path"] for r in declared)


@pytest.mark.parametrize("name", OUTPUTS)
def test_rebuild_is_byte_identical(rebuilt, name):
    assert (rebuilt / name).read_bytes() == (DATASETS / name).read_bytes(), f"{name} drifted: rerun python -m datasets.build"


def test_no_extra_outputs(rebuilt):
    assert sorted(p.name for p in rebuilt.iterdir()) == OUTPUTS


@pytest.mark.parametrize("name", OUTPUTS)
def test_unix_line_endings(name):
    assert b"\r\n" not in (DATASETS / name).read_bytes()


def test_build_reads_only_raw():
    src = "".join(p.read_text() for p in (DATASETS / "build").rglob("*.py") if p.name != "prepare_raw.py")
    assert "shared" not in src.replace("datasets/raw", "")


def test_script_entry_point_works(tmp_path):
    subprocess.run([sys.executable, "datasets/build/build.py", "--out", str(tmp_path)], cwd=ROOT, check=True,
                   capture_output=True)
    assert (tmp_path / "us_troops_abroad.csv").read_bytes() == (DATASETS / "us_troops_abroad.csv").read_bytes()
