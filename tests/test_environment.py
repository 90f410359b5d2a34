"""The environment is declared once for pip (pyproject + lock) and once for conda, and they agree."""

import re
import subprocess
import tomllib

import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from plantargets.paths import PROJECT_ROOT

PYPROJECT = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def pyproject_requirements() -> dict[str, str]:
    project = PYPROJECT["project"]
    lines = project["dependencies"] + [r for extra in project["optional-dependencies"].values() for r in extra]
    requirements = [Requirement(line) for line in lines]
    return {canonicalize_name(r.name): str(r.specifier) for r in requirements}


def conda_requirements() -> tuple[str, dict[str, str]]:
    environment = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in environment["dependencies"] if isinstance(d, str) and d != "pip"]
    python = next(d for d in conda if d.startswith("python="))
    packages = {}
    for spec in conda:
        if spec is python:
            continue
        requirement = Requirement(spec)
        packages[canonicalize_name(requirement.name)] = str(requirement.specifier)
    return python, packages


def locked() -> dict[str, str]:
    text = (PROJECT_ROOT / "requirements.lock").read_text(encoding="utf-8")
    return {canonicalize_name(n): v for n, v in re.findall(r"^([A-Za-z0-9_.-]+)==([^\s\\]+)", text, re.M)}


def test_environment_yml_lists_the_packages_of_pyproject_with_the_same_ranges():
    _, conda = conda_requirements()
    assert conda == pyproject_requirements()


def test_environment_yml_and_pyproject_ask_for_the_same_python():
    python, _ = conda_requirements()
    assert python == "python=3.11"
    assert PYPROJECT["project"]["requires-python"] == ">=3.11,<3.12"


def test_the_design_card_packages_are_there():
    assert {"jupyterlab", "pandas", "matplotlib", "nbval"} <= set(pyproject_requirements())


def test_the_lock_pins_every_declared_package_within_its_range():
    pins = locked()
    for name, specifier in pyproject_requirements().items():
        assert name in pins, f"{name} is not in requirements.lock: run make lock"
        assert Requirement(f"{name}{specifier}").specifier.contains(pins[name]), (name, pins[name], specifier)


def test_lib_is_tracked_not_ignored():
    ignored = subprocess.run(["git", "check-ignore", "-q", "lib/plantargets/__init__.py"], cwd=PROJECT_ROOT)
    assert ignored.returncode == 1  # 1: not ignored


def test_ci_runs_the_readme_test_command():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    ci = (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in readme
    assert re.search(r"^make test$", ci, re.M)


def test_ci_runs_the_browser_tests():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    ci = (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make e2e" in readme
    assert re.search(r"^make e2e$", ci, re.M)
