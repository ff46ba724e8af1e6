"""The set-up a teacher runs: environment.yml matches pyproject.toml; the README's commands exist."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

# conda-forge packages whose names differ from PyPI's
CONDA_TO_PYPI = {"python-fastjsonschema": "fastjsonschema"}


def _name(requirement: str) -> str:
    name = re.split(r"[<>=!~ \[;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")
    return CONDA_TO_PYPI.get(name, name)


def test_environment_yml_lists_the_same_runtime_dependencies_as_pyproject(root):
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    env = yaml.safe_load((root / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    conda_names = {_name(d) for d in conda} - {"python", "pip"}
    pip_names = {_name(d) for d in project["dependencies"]}
    assert conda_names == pip_names
    assert {"jupyterlab", "ipywidgets", "pandas", "matplotlib"} <= pip_names
    # Same lower bounds too, so the two routes install compatible versions.
    bounds = {_name(d): d.replace(" ", "") for d in project["dependencies"]}
    for dep in conda:
        if _name(dep) in bounds:
            version = dep.replace(" ", "")[len(dep.split(">")[0]) :]
            assert bounds[_name(dep)].endswith(version), dep
    python = next(d for d in conda if _name(d) == "python")
    assert python.replace("python", "") == project["requires-python"]


def test_environment_yml_installs_the_kit_itself(root):
    env = yaml.safe_load((root / "environment.yml").read_text(encoding="utf-8"))
    pip_part = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip_part


def _makefile(root: Path) -> str:
    """The Makefile with the files it includes (course.mk: what the student edition shares)."""
    text = (root / "Makefile").read_text(encoding="utf-8")
    included = re.findall(r"^include (\S+)$", text, re.MULTILINE)
    return text + "".join((root / name).read_text(encoding="utf-8") for name in included)


def test_readme_documents_both_commands_and_ci_calls_the_test_one(root):
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "make lab" in readme and "make test" in readme
    assert "conda env create -f environment.yml" in readme
    assert "pip install -e" in readme  # the plain pip route, for Windows
    ci = (root / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test\b", ci, re.MULTILINE)
    makefile = _makefile(root)
    assert re.search(r"^lab:", makefile, re.MULTILINE) and re.search(r"^test:", makefile, re.MULTILINE)
    assert "notebooks/00_start_here.ipynb" in makefile
    assert (root / "notebooks" / "00_start_here.ipynb").is_file()


def test_make_lab_serves_the_course_folder_so_students_reach_the_exercises(root):
    """With the first lesson as the only argument, Jupyter would serve notebooks/ and hide exercises/."""
    makefile = _makefile(root)
    recipe = re.search(r"^lab:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE).group(1)
    assert re.search(r"--ServerApp\.root_dir=\"?\$\(CURDIR\)\"?", recipe)
    assert "notebooks/00_start_here.ipynb" in recipe
    assert "$(ALLOW_ROOT)" in recipe and "--allow-root" not in recipe  # only when run as root
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert readme.count("jupyter lab --ServerApp.root_dir=. notebooks/00_start_here.ipynb") == 2


def test_data_files_ship_inside_the_wheel(root):
    project = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    include = project["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert include == {"data": "medialit/_data"}
