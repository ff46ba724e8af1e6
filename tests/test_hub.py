"""The JupyterHub for a class: its configuration, `make hub`, and a small load test against it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "hub" / "jupyterhub_config.py"
BENCH = ROOT / "benchmarks" / "bench_hub.py"
PROXY = ROOT / ".hub" / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
ENV_VARS = (
    "MEDIALIT_HUB_PORT",
    "MEDIALIT_HUB_API_PORT",
    "MEDIALIT_HUB_PROXY_API_PORT",
    "MEDIALIT_HUB_STATE",
    "MEDIALIT_HUB_RUNTIME",
)


def _load(tmp_path: Path, monkeypatch, **env: str):
    """Load a copy of the configuration placed in a fake checkout at tmp_path (so nothing lands in ours)."""
    from traitlets.config.loader import PyFileConfigLoader

    copy = tmp_path / "deploy" / "hub" / "jupyterhub_config.py"
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(CONFIG, copy)
    for name in (*ENV_VARS, "MEDIALIT_HUB_PROXY"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return PyFileConfigLoader(copy.name, path=str(copy.parent)).load_config()


def test_the_trial_hub_listens_on_this_machine_only(tmp_path, monkeypatch):
    c = _load(tmp_path, monkeypatch)
    assert c.JupyterHub.ip == c.JupyterHub.hub_ip == c.Spawner.ip == "127.0.0.1"
    assert c.ConfigurableHTTPProxy.api_url.startswith("http://127.0.0.1:")
    assert (c.JupyterHub.port, c.JupyterHub.hub_port) == (8000, 8081)
    assert c.ConfigurableHTTPProxy.api_url.endswith(":8001")


def test_the_trial_hub_uses_the_dummy_log_in_and_local_processes(tmp_path, monkeypatch):
    c = _load(tmp_path, monkeypatch)
    assert c.JupyterHub.authenticator_class == "dummy"
    assert c.JupyterHub.spawner_class == "jupyterhub.spawner.SimpleLocalProcessSpawner"
    assert c.Spawner.cmd == [str(Path(sys.executable).parent / "jupyterhub-singleuser")]
    assert c.Spawner.default_url == "/lab"
    assert c.Spawner.environment["PATH"].split(os.pathsep)[0] == str(Path(sys.executable).parent)


def test_everything_the_hub_writes_goes_under_the_ignored_hub_folder(tmp_path, monkeypatch):
    c = _load(tmp_path, monkeypatch)
    state = tmp_path / ".hub" / "state"
    written = [
        c.JupyterHub.db_url.removeprefix("sqlite:///"),
        c.JupyterHub.cookie_secret_file,
        c.ConfigurableHTTPProxy.pid_file,
        c.SimpleLocalProcessSpawner.home_dir_template.format(username="ana"),
    ]
    assert all(Path(p).is_relative_to(state) for p in written), written
    assert c.ConfigurableHTTPProxy.command == [
        str(tmp_path / ".hub" / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy")
    ]
    if shutil.which("git") and (ROOT / ".git").exists():
        for path in [*written, ".hub/proxy/node_modules/x.js"]:
            rel = Path(path).relative_to(tmp_path) if Path(path).is_absolute() else Path(path)
            assert subprocess.run(["git", "check-ignore", "-q", str(rel)], cwd=ROOT).returncode == 0, rel


def test_ports_and_state_can_be_moved_and_bad_ports_are_refused(tmp_path, monkeypatch):
    state = tmp_path / "elsewhere"
    c = _load(tmp_path, monkeypatch, MEDIALIT_HUB_PORT="9000", MEDIALIT_HUB_API_PORT="9081",
              MEDIALIT_HUB_PROXY_API_PORT="9001", MEDIALIT_HUB_STATE=str(state))  # fmt: skip
    assert (c.JupyterHub.port, c.JupyterHub.hub_port) == (9000, 9081)
    assert c.ConfigurableHTTPProxy.api_url == "http://127.0.0.1:9001"
    assert c.JupyterHub.cookie_secret_file == str(state / "jupyterhub_cookie_secret")
    assert (state / "users").is_dir()
    with pytest.raises(SystemExit, match="MEDIALIT_HUB_PORT='http' is not a port number"):
        _load(tmp_path, monkeypatch, MEDIALIT_HUB_PORT="http")


class _Spawner:
    """What the configuration's runtime folder reads from JupyterHub's spawner: the user's number."""

    def __init__(self, user_id: int) -> None:
        self.user = type("User", (), {"id": user_id})()


def test_kernels_talk_over_unix_sockets_in_a_short_private_folder_per_student(tmp_path, monkeypatch):
    # Over TCP, servers starting kernels at once can be handed the same port: the load test lost
    # kernels to "Address already in use". Unix sockets named after each kernel cannot collide.
    c = _load(tmp_path, monkeypatch)
    assert "--KernelManager.transport=ipc" in c.Spawner.args
    runtime_dir = c.Spawner.environment["JUPYTER_RUNTIME_DIR"]
    default = Path(runtime_dir.__globals__["RUNTIME"])
    assert default.parent == Path("/tmp") and not default.exists()  # loading the configuration makes nothing
    # The longest socket path a kernel makes (runtime/kernel-<uuid>-ipc-<n>) fits Linux's 107 bytes.
    longest = default / "99999" / f"kernel-{'0' * 8}-{'0' * 4}-{'0' * 4}-{'0' * 4}-{'0' * 12}-ipc-5"
    assert len(str(longest).encode()) < 100

    c = _load(tmp_path, monkeypatch, MEDIALIT_HUB_RUNTIME=str(tmp_path / "rt"))
    runtime_dir = c.Spawner.environment["JUPYTER_RUNTIME_DIR"]
    assert runtime_dir(_Spawner(7)) == str(tmp_path / "rt" / "7") != runtime_dir(_Spawner(8))
    assert (tmp_path / "rt").stat().st_mode & 0o777 == 0o700


def test_a_runtime_folder_others_can_enter_or_a_planted_link_is_refused(tmp_path, monkeypatch):
    def runtime_dir(folder: Path):
        return _load(tmp_path, monkeypatch, MEDIALIT_HUB_RUNTIME=str(folder)).Spawner.environment[
            "JUPYTER_RUNTIME_DIR"
        ]

    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    with pytest.raises(RuntimeError, match="not a private folder"):
        runtime_dir(shared)(_Spawner(1))
    private = tmp_path / "private"
    private.mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(private)
    with pytest.raises(RuntimeError, match="not a private folder"):
        runtime_dir(tmp_path / "link")(_Spawner(1))
    assert runtime_dir(private)(_Spawner(1)) == str(private / "1")


def test_the_hub_extra_is_separate_from_the_core_install_and_part_of_the_test_extra():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]

    def names(requirements: list[str]) -> set[str]:
        return {re.split(r"[<>=!~\[ ;]", r, maxsplit=1)[0].lower() for r in requirements}

    hub = project["optional-dependencies"]["hub"]
    assert names(hub) == {"jupyterhub", "nbgitpuller"}
    assert any(r.replace(" ", "").startswith("jupyterhub>=6") for r in hub)
    assert set(hub) <= set(project["optional-dependencies"]["test"])  # the load test runs in make test
    assert not names(project["dependencies"]) & names(hub)


def test_the_proxy_is_pinned_and_locked():
    package = json.loads((ROOT / "deploy" / "hub" / "package.json").read_text(encoding="utf-8"))
    lock = json.loads((ROOT / "deploy" / "hub" / "package-lock.json").read_text(encoding="utf-8"))
    version = package["dependencies"]["configurable-http-proxy"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version)
    assert lock["packages"]["node_modules/configurable-http-proxy"]["version"] == version


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_hub_installs_the_extra_and_the_proxy_locally_then_starts_the_hub_and_make_lab_does_not():
    # Run as a top-level make even inside `make test` (no "Entering directory" lines, no inherited flags).
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS")}

    def plan(target: str) -> str:
        return subprocess.run(
            ["make", "--no-print-directory", "-n", "-B", target, "VENV=/nonexistent/venv"],
            cwd=ROOT, env=env, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip

    hub = plan("hub")
    assert "pip install --quiet -e '.[hub]'" in hub
    assert "npm ci --prefix .hub/proxy" in hub and "npm install -g" not in hub and " -g " not in hub
    assert (
        hub.strip().splitlines()[-1] == "/nonexistent/venv/bin/jupyterhub -f deploy/hub/jupyterhub_config.py"
    )
    lab = plan("lab")
    assert "hub" not in lab and "npm" not in lab


def _bench_module():
    sys.path.insert(0, str(BENCH.parent))
    try:
        import bench_hub

        return bench_hub
    finally:
        sys.path.remove(str(BENCH.parent))


def _proxy_or_skip() -> None:
    if PROXY.exists():
        return
    if shutil.which("npm") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI must run the hub load test: install Node.js and npm")
        pytest.skip("the hub's proxy needs npm (Node.js); install it to run the hub load test")
    _bench_module().ensure_proxy()


@pytest.mark.slow
def test_three_students_at_once_log_in_pull_the_course_run_a_lesson_and_save_a_set():
    """The benchmark's small run: every step of every student succeeds and nothing is left running."""
    _proxy_or_skip()
    if shutil.which("git") is None:
        pytest.skip("git is needed to pull the course")
    result = subprocess.run(
        [sys.executable, str(BENCH), "--students", "3", "--json", "--deadline", "900"],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.stdout.strip(), result.stderr[-3000:]
    report = json.loads(result.stdout)
    assert report["failures"] == 0, report["failed"]
    assert report["processes_left_behind"] == []
    assert report["kernels_lost"] == 0
    assert report["kernels_over_tcp"] == 0  # the configuration's Unix sockets reached the kernels
    assert result.returncode == 0
    assert not Path(report["workdir"]).exists()
    steps = report["step_seconds_median"]
    assert list(steps) == [
        "log in", "start server", "pull course", "open lesson", "run lesson", "use widget", "answer set",
        "save set",
    ]  # fmt: skip
    ready = report["ready_seconds"]
    assert 0 < ready["median"] <= ready["p95"] <= ready["max"]
    # The figures are measured, not invented: three students' servers and kernels use memory and CPU,
    # and the whole hub at its peak holds at least the three students.
    memory = report["memory_per_student_mib"]
    assert memory["median"] > 50
    assert report["peak_memory_mib"]["hub_tree_pss"] >= 3 * memory["median"]
    assert report["cpu_seconds_per_student"]["median"] > 0.5


def test_the_load_test_picks_hub_ports_outside_the_range_kernels_draw_from():
    """Kernels and servers (the hub's, or a parallel test suite's) take "any free port" from the
    ephemeral range between choosing and binding it; the hub's own ports must not come from there."""
    bench_hub = _bench_module()
    low, high = bench_hub._ephemeral_range()
    ports = bench_hub.free_ports(30)
    assert len(set(ports)) == 30
    if low > 11000 or high < 64000:
        assert not any(low <= p <= high for p in ports), (low, high, ports)


@pytest.mark.slow
def test_a_hub_whose_port_was_taken_starts_again_on_new_ports_and_leaves_no_proxy(tmp_path):
    """The CI failure this guards: another program bound the hub's internal port after the load test
    chose it; the hub exited "Address already in use" and the run failed before any student came."""
    import socket

    _proxy_or_skip()
    bench_hub = _bench_module()
    hub = bench_hub.Hub(tmp_path)
    taken = socket.socket()
    taken.bind(("127.0.0.1", hub.api_port))
    taken.listen()
    first = hub.url
    try:
        hub.start(timeout=120)
        assert hub.url != first  # it moved to new ports
        assert "Address already in use" not in hub.log_tail(200)  # the log is the second start's
    finally:
        leftovers = hub.stop()
        taken.close()
    assert leftovers == []
    assert not any(p.is_running() for p in _still_running(hub))


def _still_running(hub):
    import psutil

    alive = []
    for pid, created in hub.seen.items():
        try:
            p = psutil.Process(pid)
        except psutil.Error:
            continue
        if p.create_time() == created and p.status() != psutil.STATUS_ZOMBIE:
            alive.append(p)
    return alive


def test_two_runs_installing_the_proxy_at_once_install_it_once(tmp_path, monkeypatch):
    """The CI failure this guards: two parallel test workers ran `npm ci` in the same folder and broke
    each other's install (ENOTEMPTY). npm itself is faked here: the lock is what is under test."""
    import threading
    import time

    bench_hub = _bench_module()
    proxy_dir = tmp_path / "proxy"
    proxy = proxy_dir / "node_modules" / ".bin" / "configurable-http-proxy"
    monkeypatch.setattr(bench_hub, "PROXY_DIR", proxy_dir)
    monkeypatch.setattr(bench_hub, "PROXY", proxy)
    monkeypatch.setattr(bench_hub.shutil, "which", lambda name: "/usr/bin/npm")
    running, installs = [], []

    def fake_npm(cmd, **kwargs):
        assert not running, "two npm installs ran at once"
        running.append(cmd)
        time.sleep(0.3)
        proxy.parent.mkdir(parents=True, exist_ok=True)
        proxy.write_text("#!/bin/sh\n")
        installs.append(cmd)
        running.pop()

    monkeypatch.setattr(bench_hub.subprocess, "run", fake_npm)
    results, errors = [], []

    def install():
        try:
            results.append(bench_hub.ensure_proxy())
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=install) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert errors == []
    assert results == [proxy] * 3
    assert len(installs) == 1
