"""Beyond one server: the Zero to JupyterHub values file and the image recipe repo2docker builds.

Without Docker or Kubernetes here, we check what can be checked: the values use keys the chart
knows and name the image and nbgitpuller; the recipe, run in a fresh virtual environment from a clean
copy of the repository, installs the kit's environment plus what a hub needs, and the kit still works
once the copy is gone (on a hub, students' home folders hide it).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
VALUES = ROOT / "deploy" / "k8s" / "config.yaml"
IMAGE_REQUIREMENTS = ROOT / "deploy" / "k8s" / "image-requirements.txt"
GUIDE = ROOT / "docs" / "deploy.md"

# The keys of Zero to JupyterHub's values this file may use, taken from chart 4.4.0's
# jupyterhub/values.schema.yaml (https://github.com/jupyterhub/zero-to-jupyterhub-k8s). A trailing
# "*" means the chart passes anything below it through (to JupyterHub's or Kubernetes' own config).
# When this file was written it was also validated against that schema merged with the chart's defaults.
CHART_KEYS = {
    "singleuser.image.name", "singleuser.image.tag", "singleuser.image.pullPolicy",
    "singleuser.defaultUrl", "singleuser.extraEnv.*", "singleuser.lifecycleHooks.postStart.*",
    "singleuser.memory.guarantee", "singleuser.memory.limit", "singleuser.cpu.guarantee",
    "singleuser.cpu.limit", "singleuser.storage.capacity", "singleuser.startTimeout",
    "hub.config.*", "proxy.https.enabled", "proxy.https.hosts", "proxy.https.type",
    "proxy.https.letsencrypt.contactEmail", "cull.enabled", "cull.timeout", "cull.every",
    "cull.maxAge", "scheduling.userScheduler.enabled", "scheduling.podPriority.enabled",
    "scheduling.userPlaceholder.enabled", "scheduling.userPlaceholder.replicas",
    "prePuller.hook.enabled", "prePuller.continuous.enabled",
}  # fmt: skip


def _pins() -> dict[str, str]:
    lines = IMAGE_REQUIREMENTS.read_text(encoding="utf-8").splitlines()
    return dict(line.split("==") for line in lines if "==" in line and not line.startswith("#"))


def _leaves(data: object, prefix: str = "") -> list[str]:
    if isinstance(data, dict):
        return [leaf for k, v in data.items() for leaf in _leaves(v, f"{prefix}{k}.")]
    return [prefix.rstrip(".")]


def _known(path: str) -> bool:
    return path in CHART_KEYS or any(k.endswith(".*") and path.startswith(k[:-1]) for k in CHART_KEYS)


@pytest.fixture(scope="module")
def values() -> dict:
    return yaml.safe_load(VALUES.read_text(encoding="utf-8"))


def test_the_values_use_only_keys_the_chart_knows(values):
    unknown = [p for p in _leaves(values) if not _known(p)]
    assert unknown == []


def test_the_key_check_would_catch_a_misspelt_key():
    assert not _known("singleuser.memry.limit") and not _known("singleuser.image.nam")
    assert _known("hub.config.GoogleOAuthenticator.client_id")


def test_the_values_name_the_image_the_guide_builds(values):
    image = values["singleuser"]["image"]
    assert isinstance(image["tag"], str), "quote the tag: YAML reads 0.10 as the number 0.1"
    guide = GUIDE.read_text(encoding="utf-8")
    assert f"--image-name {image['name']}:{image['tag']}" in guide
    assert f"{image['name']}:{image['tag']}" in VALUES.read_text(encoding="utf-8")  # the build comment


def test_every_start_pulls_the_course_with_nbgitpuller(values):
    user = values["singleuser"]
    command = " ".join(user["lifecycleHooks"]["postStart"]["exec"]["command"])
    assert "gitpuller" in command
    for variable in re.findall(r"\$(\w+)", command):
        assert variable in user["extraEnv"], variable
    assert user["extraEnv"]["MEDIALIT_COURSE_REPO"].startswith("https://")
    assert "|| " in command, "a failed pull must not stop the student's server from starting"
    assert user["defaultUrl"] == "/lab"


def test_the_image_holds_nbgitpuller_and_the_hubs_jupyterhub(values):
    pins = _pins()
    assert set(pins) == {"jupyterhub", "nbgitpuller"}
    # The single-user server must match the hub's major version: the values say which hub they target.
    hub_version = re.search(r"runs JupyterHub (\d+\.\d+\.\d+)", VALUES.read_text(encoding="utf-8")).group(1)
    assert pins["jupyterhub"].split(".")[0] == hub_version.split(".")[0]
    chart = re.search(r"chart (\d+\.\d+\.\d+)", VALUES.read_text(encoding="utf-8")).group(1)
    assert f"--version={chart}" in VALUES.read_text(encoding="utf-8")
    assert f"--version={chart}" in GUIDE.read_text(encoding="utf-8")


def test_a_school_hub_never_ships_the_dummy_log_in_and_fits_the_measured_student(values):
    auth = values["hub"]["config"]["JupyterHub"]["authenticator_class"]
    assert auth not in ("dummy", "null", "jupyterhub.auth.DummyAuthenticator")

    def mebibytes(size: str) -> float:
        number, unit = re.fullmatch(r"([\d.]+)([KMGT]?)i?", str(size)).groups()
        return float(number) * {"": 2**-20, "K": 2**-10, "M": 1, "G": 2**10, "T": 2**20}[unit]

    memory = values["singleuser"]["memory"]
    assert mebibytes(memory["guarantee"]) <= mebibytes(memory["limit"])
    # The guide's sizing table gives the measured peak per student; the guarantee must cover it.
    measured = re.search(r"(\d+) MiB per student", GUIDE.read_text(encoding="utf-8"))
    assert measured and mebibytes(memory["guarantee"]) >= int(measured.group(1))


def test_the_recipe_is_what_repo2docker_reads():
    assert (ROOT / "environment.yml").is_file()
    post_build = ROOT / "postBuild"
    assert os.access(post_build, os.X_OK), "repo2docker runs postBuild only if it is executable"
    text = post_build.read_text(encoding="utf-8")
    assert text.startswith("#!/bin/bash") and "set -euo pipefail" in text
    assert "deploy/k8s/image-requirements.txt" in text
    assert not (ROOT / "Dockerfile").exists(), "a Dockerfile would make repo2docker ignore environment.yml"
    assert not (ROOT / "binder").exists() and not (ROOT / ".binder").exists()


# --------------------------------------------------------------------------------------------------
CONDA_TO_PYPI = {"python-fastjsonschema": "fastjsonschema"}  # conda-forge names that differ from PyPI's


def _pypi(conda_requirement: str) -> str:
    name = re.split(r"[<>=]", conda_requirement, maxsplit=1)[0]
    return CONDA_TO_PYPI.get(name, name) + conda_requirement[len(name) :]


def _clean_copy(dest: Path) -> None:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    )
    for name in filter(None, listed.stdout.decode().split("\0")):
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)


@pytest.mark.slow
def test_the_recipe_installs_the_kit_and_the_hub_parts_from_a_clean_state(tmp_path):
    """repo2docker's two steps (environment.yml, then postBuild) in a fresh venv from a clean copy."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs a git checkout to make a clean copy")
    repo, venv = tmp_path / "repo", tmp_path / "venv"
    _clean_copy(repo)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python, bin_dir = venv / "bin" / "python", venv / "bin"
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    env.pop("VIRTUAL_ENV", None)
    env.pop("PYTHONPATH", None)

    # Step 1, environment.yml: its conda packages (by their PyPI names), then its pip section, in the copy.
    spec = yaml.safe_load((repo / "environment.yml").read_text(encoding="utf-8"))
    conda = [d for d in spec["dependencies"] if isinstance(d, str) and not re.match(r"(python|pip)\b", d)]
    pypi = [_pypi(d) for d in conda]
    pip_section = next(d["pip"] for d in spec["dependencies"] if isinstance(d, dict))
    install = [str(python), "-m", "pip", "install", "--quiet", *pypi]
    for item in pip_section:
        install += item.split()
    subprocess.run(install, cwd=repo, env=env, check=True, timeout=1800)
    # Step 2, postBuild, run from the copy as repo2docker does.
    subprocess.run(["bash", "postBuild"], cwd=repo, env=env, check=True, timeout=1800)

    # On a hub the copy is hidden under each student's home folder: the kit must not need it.
    repo.rename(tmp_path / "gone")
    elsewhere = tmp_path / "home"
    elsewhere.mkdir()

    def run(*args: str) -> str:
        done = subprocess.run(args, cwd=elsewhere, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout + done.stderr

    probe = "import medialit, nbgitpuller; medialit.load_article(); print(medialit.__file__)"
    out = run(str(python), "-c", probe)
    assert "site-packages" in out and str(tmp_path / "gone") not in out
    assert _pins()["jupyterhub"] in run(str(bin_dir / "jupyterhub-singleuser"), "--version")
    assert re.search(
        r"nbgitpuller.*enabled", run(str(bin_dir / "jupyter"), "server", "extension", "list"), re.I
    )
    assert "usage" in run(str(bin_dir / "gitpuller"), "--help").lower()  # the start-up hook's command
    run(str(python), "-m", "pip", "check")

    # The same environment as the kit declares: every runtime requirement of pyproject.toml is met.
    from importlib.metadata import distributions

    from packaging.requirements import Requirement

    site = next((venv / "lib").glob("python3*/site-packages"))
    installed = {
        d.metadata["Name"].lower().replace("_", "-"): d.version for d in distributions(path=[str(site)])
    }
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for requirement in map(Requirement, project["dependencies"]):
        name = requirement.name.lower().replace("_", "-")
        assert name in installed and installed[name] in requirement.specifier, requirement
