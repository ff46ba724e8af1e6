"""JupyterHub configuration for a local trial of medialit with a class (``make hub``).

Everything listens on 127.0.0.1 only; the built-in dummy authenticator lets anyone log in with any
name and any password, and each student's server is a plain
process on this machine (``SimpleLocalProcessSpawner``). That is right for trying the kit with
colleagues on one computer, and for the load test in ``benchmarks/bench_hub.py``; it is **not** a
set-up for students on a network: see ``deploy/hub/README.md`` for real log-in at a school and
``docs/deploy.md`` for a class on a server.

Everything the hub writes (its database, cookie secret, the proxy's pid file and one home folder per
student) goes under ``.hub/state/`` in the repository, which git ignores; only the students' kernel
sockets go to a short private folder in ``/tmp`` (socket paths have a length limit). The proxy is
the npm package ``configurable-http-proxy``, installed by ``make hub`` into ``.hub/proxy/`` (no global
npm install).

Environment variables (all optional):

- ``MEDIALIT_HUB_PORT``: the port students' browsers use (default 8000);
  ``MEDIALIT_HUB_API_PORT`` (default 8081) and ``MEDIALIT_HUB_PROXY_API_PORT`` (default 8001)
  are the hub's and the proxy's internal ports;
- ``MEDIALIT_HUB_STATE``: where the hub writes (default ``.hub/state``);
- ``MEDIALIT_HUB_PROXY``: the ``configurable-http-proxy`` command (default: the one in ``.hub/proxy``);
- ``MEDIALIT_HUB_RUNTIME``: a short folder for the students' kernel sockets (default
  ``/tmp/medialit-hub-<10 characters>``, one per state folder; see "Kernels" below).
"""

import hashlib
import os
import stat
import sys
from pathlib import Path

c = get_config()  # noqa: F821  (JupyterHub provides get_config when it loads this file)

REPO = Path(__file__).resolve().parents[2]
STATE = Path(os.environ.get("MEDIALIT_HUB_STATE") or REPO / ".hub" / "state").resolve()
PROXY = os.environ.get("MEDIALIT_HUB_PROXY") or str(
    REPO / ".hub" / "proxy" / "node_modules" / ".bin" / "configurable-http-proxy"
)
BIN = Path(sys.executable).parent  # the environment the hub runs in; students' servers use it too
HOST = "127.0.0.1"


def _port(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    if not value:
        return default
    if not value.isdigit() or not 0 < int(value) < 65536:
        raise SystemExit(f"{name}={value!r} is not a port number (1-65535).")
    return int(value)


STATE.mkdir(parents=True, exist_ok=True)
(STATE / "users").mkdir(exist_ok=True)

# --- Network: this machine only ---------------------------------------------------------------
c.JupyterHub.ip = HOST
c.JupyterHub.port = _port("MEDIALIT_HUB_PORT", 8000)
c.JupyterHub.hub_ip = HOST
c.JupyterHub.hub_port = _port("MEDIALIT_HUB_API_PORT", 8081)
c.ConfigurableHTTPProxy.api_url = f"http://{HOST}:{_port('MEDIALIT_HUB_PROXY_API_PORT', 8001)}"
c.ConfigurableHTTPProxy.command = [PROXY]
c.Spawner.ip = HOST

# --- What the hub writes: all under STATE -----------------------------------------------------
c.JupyterHub.db_url = f"sqlite:///{STATE / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(STATE / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(STATE / "jupyterhub-proxy.pid")

# --- Log-in: the built-in dummy authenticator (a trial only) ----------------------------------
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.admin_users = {"teacher"}  # log in as "teacher" to see the admin page

# --- Kernels: Unix sockets, not TCP ports -----------------------------------------------------
# Over TCP, each server picks five ports per kernel by asking the system for free ones and letting
# them go until the kernel binds them. With a class of servers starting kernels at once, two of them
# (or any outgoing connection) can be handed the same port in between; the kernel that loses fails
# with "Address already in use", is restarted on the same ports and dies, and its student is stuck
# (the load test met this in 1 or 2 of 30 students). Kernels on Unix sockets, named after each
# kernel, cannot collide. A socket's path must stay under about 100 characters, so each student's
# runtime folder (connection files, sockets, the server's cookie secret) is a short private one,
# RUNTIME/<the student's number>, rather than deep in their home folder.
RUNTIME = Path(
    os.environ.get("MEDIALIT_HUB_RUNTIME")
    or f"/tmp/medialit-hub-{hashlib.sha256(str(STATE).encode()).hexdigest()[:10]}"  # noqa: S108 (checked below)
)


def _runtime_dir(spawner) -> str:
    """The student's runtime folder; RUNTIME is made on the first spawn and refused unless private."""
    RUNTIME.mkdir(mode=0o700, parents=True, exist_ok=True)
    made = RUNTIME.lstat()  # not followed: a link planted under that name is refused too
    if not stat.S_ISDIR(made.st_mode) or made.st_uid != os.getuid() or made.st_mode & 0o077:
        raise RuntimeError(f"{RUNTIME} is not a private folder of this user; remove it and start again.")
    return str(RUNTIME / str(spawner.user.id))


# --- Students' servers: one local process each, home folders under STATE/users ----------------
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = str(STATE / "users" / "{username}")
c.Spawner.cmd = [str(BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.args = ["--KernelManager.transport=ipc"]
c.Spawner.environment = {
    "PATH": os.pathsep.join([str(BIN), os.environ.get("PATH", os.defpath)]),
    "JUPYTER_RUNTIME_DIR": _runtime_dir,
}
if hasattr(os, "geteuid") and os.geteuid() == 0:
    c.Spawner.args.append("--allow-root")  # containers and some lab machines run everything as root
# A class logs in at once: give a busy machine time to start everyone's server.
c.Spawner.start_timeout = 180
c.Spawner.http_timeout = 180
