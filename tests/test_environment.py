"""The Binder environment and the package agree; the repository has the layout of the design card."""
from __future__ import annotations

import re
try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

import yaml
from packaging.requirements import Requirement

from helpers import ROOT


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def env_pip_requirements():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = [d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d]
    return env, (pip[0] if pip else [])


def canon(reqs):
    return {Requirement(r).name.lower(): str(Requirement(r).specifier) for r in reqs}


def test_environment_yml_has_the_same_dependencies_as_pyproject():
    _, pip = env_pip_requirements()
    assert canon(pip) == canon(pyproject()["project"]["dependencies"])


def test_environment_yml_pins_python_and_has_no_local_install():
    env, pip = env_pip_requirements()
    pythons = [d for d in env["dependencies"] if isinstance(d, str) and d.startswith("python")]
    assert pythons and re.fullmatch(r"python=3\.\d+", pythons[0]), pythons
    assert not [r for r in pip if r.startswith("-e") or r.startswith(".") or "/" in r]


def test_postbuild_installs_course_utils_and_fails_fast():
    lines = (ROOT / "postBuild").read_text(encoding="utf-8").splitlines()
    body = [line for line in lines if line.strip() and not line.startswith("#")]
    assert body[0].strip() == "set -e"
    assert any("pip install" in line and " ." in line for line in body)


def test_no_binder_folder_shadows_the_root_configuration():
    # repo2docker reads binder/ or .binder/ first and would then ignore environment.yml and postBuild
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()


def test_design_card_layout():
    for name in ["lessons", "solutions", "datasets", "course_utils", "tests", "environment.yml", "pyproject.toml",
                 "nbgrader_config.py", "README.md", ".ci/run", "Makefile", "postBuild"]:
        assert (ROOT / name).exists(), name


def test_nbgrader_config_maps_solutions_to_lessons():
    from traitlets.config.loader import PyFileConfigLoader

    cfg = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    assert cfg.CourseDirectory.source_directory == "solutions"
    assert cfg.CourseDirectory.release_directory == "lessons"
    assert cfg.OverwriteCells.add_missing_cells is True
