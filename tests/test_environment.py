"""environment.yml (Anaconda route) must match pyproject.toml (pip route).

No conda channel is reachable in CI, so the file is checked, not solved:
the two dependency lists must agree, and the versions the pip route
installed must satisfy every pin, parsed with py-rattler's MatchSpec.
"""
import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
rattler = pytest.importorskip("rattler")


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def split_requirement(requirement: str) -> tuple[str, str]:
    match = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    return canonical(match.group(1)), match.group(2).replace(" ", "")


def pyproject_deps() -> dict[str, str]:
    """The core dependencies plus the ``publish`` extra (site, slides, presenter)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    publish = project["optional-dependencies"]["publish"]
    return dict(split_requirement(r) for r in project["dependencies"] + publish)


def hub_deps() -> dict[str, str]:
    """The classroom server's extra (deploy/jupyterhub), mirrored in environment.yml too."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return dict(split_requirement(r) for r in project["optional-dependencies"]["hub"])


def environment() -> dict:
    return yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))


def environment_deps() -> dict[str, str]:
    deps = {}
    for entry in environment()["dependencies"]:
        items = entry["pip"] if isinstance(entry, dict) else [entry]
        for item in items:
            if item.startswith("-e") or item in {"pip"}:
                continue
            name, pin = split_requirement(item)
            if name != "python":
                deps[name] = pin
    return deps


def test_same_packages_and_pins():
    assert environment_deps() == {**pyproject_deps(), **hub_deps()}


def test_conda_forge_named_environment():
    env = environment()
    assert env["channels"] == ["conda-forge"]
    assert env["name"] == "logistics-crm-course"


def test_python_pin_matches_requires_python():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    conda_python = [d for d in environment()["dependencies"]
                    if isinstance(d, str) and d.startswith("python")]
    assert conda_python == ["python" + project["requires-python"]]


# The hub's packages live in the hub's own environment; tests/test_hub.py checks their versions.
@pytest.mark.parametrize("name,pin", sorted(pyproject_deps().items()))
def test_installed_version_satisfies_pin(name, pin):
    spec = rattler.MatchSpec(f"{name} {pin}")  # parses as conda would read the line
    installed = rattler.Version(version(name))
    assert rattler.VersionSpec(spec.version).matches(installed), (
        f"{name} {version(name)} does not satisfy {pin}")


def test_a_wrong_pin_is_caught():
    # Proves the check can fail: pandas 1.x would not satisfy our pin.
    spec = rattler.MatchSpec("pandas >=2.2")
    assert not rattler.VersionSpec(spec.version).matches(rattler.Version("1.5.3"))
