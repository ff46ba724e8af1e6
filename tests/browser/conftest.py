"""Fixtures and helpers for the real-browser tests (JupyterLab / Notebook 7 in headless Chromium).

One JupyterLab server and one Chromium context serve the whole session; each test gets a fresh page.
Everything the server and the browser write goes to temp dirs. Facts behind the choices made here
(launch flags, isolation, the kernel-readiness pitfall) are in /work/shared/reference/real-client-testing.md.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE / "artifacts"
IN_CI = os.environ.get("CI", "").lower() == "true"

ENABLE_HINT = (
    "To run the browser tests: `sudo apt-get install chromium fonts-liberation` and "
    "`pip install -e '.[test]'` (never `playwright install`: the tests use the system Chromium)."
)

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Folders copied into the server's root dir (same relative layout as the repo, so lessons that
# reach "../data" still work).
COPIED_DIRS = ("notebooks", "exercises", "solutions", "data", "tests/notebooks", "tests/browser/notebooks")

# Timeouts (ms) for waits in the browser; generous so a loaded CI machine does not flake.
PAGE_TIMEOUT_MS = 30_000
RUN_TIMEOUT_MS = 180_000
# expect(...) waits: a widget callback may queue behind a slow one (a first matplotlib figure takes seconds).
EXPECT_TIMEOUT_MS = 20_000

STDERR_MIME = "application/vnd.jupyter.stderr"
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


def _unavailable(reason: str) -> None:
    """Skip locally, fail under CI=true: browser tests are required in CI."""
    if IN_CI:
        pytest.fail(f"CI=true but the browser tests cannot run: {reason}. {ENABLE_HINT}", pytrace=False)
    pytest.skip(f"browser tests disabled: {reason}. {ENABLE_HINT}")


# --------------------------------------------------------------------------------------------------
# pytest hooks: remember each phase's report so fixtures can screenshot failures
# --------------------------------------------------------------------------------------------------


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


# --------------------------------------------------------------------------------------------------
# Chromium and Playwright
# --------------------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path() -> str:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    _unavailable("no Chromium found (looked for /usr/bin/chromium and `chromium` on PATH)")
    raise AssertionError("unreachable")


@pytest.fixture(scope="session")
def playwright_api(chromium_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the Python package `playwright` is not installed")
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser_context(playwright_api, chromium_path, tmp_path_factory):
    """One persistent Chromium context (fresh profile in a temp dir) for the whole session."""
    profile = tmp_path_factory.mktemp("chromium-profile")
    context = playwright_api.chromium.launch_persistent_context(
        str(profile),
        executable_path=chromium_path,
        headless=True,
        args=CHROMIUM_ARGS,
        viewport={"width": 1400, "height": 1000},
    )
    context.set_default_timeout(PAGE_TIMEOUT_MS)
    from playwright.sync_api import expect as playwright_expect

    playwright_expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    yield context
    context.close()


# --------------------------------------------------------------------------------------------------
# The JupyterLab server
# --------------------------------------------------------------------------------------------------


@dataclass
class JupyterServer:
    url: str  # http://127.0.0.1:<port>
    token: str
    root_dir: Path
    log_path: Path
    _counter: list[int] = field(default_factory=lambda: [0])
    _stoppers: list[threading.Thread] = field(default_factory=list)

    def api(self, method: str, path: str, body: dict | None = None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(  # noqa: S310 (our own server on 127.0.0.1)
            f"{self.url}{path}",
            data=data,
            method=method,
            headers={"Authorization": f"token {self.token}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (our own localhost server)
            payload = response.read()
        return json.loads(payload) if payload else None

    def lab_url(self, path: str) -> str:
        """A JupyterLab URL for `path` in a workspace of its own, so earlier tests' tabs never reopen."""
        self._counter[0] += 1
        workspace = f"t{self._counter[0]}"
        return f"{self.url}/lab/workspaces/{workspace}/tree/{path}?reset&token={self.token}"

    def notebook7_url(self, path: str) -> str:
        return f"{self.url}/notebooks/{path}?token={self.token}"

    def fresh_copy(self, path: str) -> str:
        """A new copy of `path` beside it (for a test that saves the notebook); returns its path."""
        self._counter[0] += 1
        src = Path(path)
        copy = src.with_name(f"{src.stem}-copy{self._counter[0]}{src.suffix}")
        shutil.copyfile(self.root_dir / src, self.root_dir / copy)
        return copy.as_posix()

    def start_session(self, path: str) -> None:
        """Start the notebook's kernel now (JupyterLab then joins this session), so it boots while the
        page loads instead of after."""
        body = {"path": path, "name": Path(path).name, "type": "notebook", "kernel": {"name": "python3"}}
        self.api("POST", "/api/sessions", body)

    def shutdown_kernels(self, *, wait: bool = True) -> None:
        """End every session and its kernel; with wait=False in a background thread (joined at the end)."""

        def stop(sessions) -> None:
            for session in sessions:
                with contextlib.suppress(urllib.error.HTTPError):  # already gone
                    self.api("DELETE", f"/api/sessions/{session['id']}")

        sessions = self.api("GET", "/api/sessions") or []
        if wait:
            stop(sessions)
        else:
            thread = threading.Thread(target=stop, args=(sessions,), daemon=True)
            thread.start()
            self._stoppers.append(thread)

    def join_stoppers(self) -> None:
        for thread in self._stoppers:
            thread.join(timeout=60)
        self._stoppers.clear()

    def log_tail(self, chars: int = 4000) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_settings(settings_dir: Path) -> None:
    """User settings: no news/update pop-up; every cell in the DOM (no windowing)."""
    files = {
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    }
    for rel, content in files.items():
        target = settings_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(content))


@pytest.fixture(scope="session")
def jupyter_server(tmp_path_factory, chromium_path) -> JupyterServer:
    """`jupyter lab` from this venv on 127.0.0.1, rooted at a temp copy of the notebooks and data."""
    base = tmp_path_factory.mktemp("jupyter")
    root_dir = base / "root"
    for rel in COPIED_DIRS:
        src = ROOT / rel
        if src.is_dir():
            shutil.copytree(
                src, root_dir / rel, ignore=shutil.ignore_patterns(".ipynb_checkpoints", ".medialit-answers")
            )
    root_dir.mkdir(exist_ok=True)

    env = dict(os.environ)
    for var, name in (
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTERLAB_SETTINGS_DIR", "lab-settings"),
        ("JUPYTERLAB_WORKSPACES_DIR", "lab-workspaces"),
        ("IPYTHONDIR", "ipython"),
        ("MPLCONFIGDIR", "matplotlib"),
    ):
        path = base / name
        path.mkdir()
        env[var] = str(path)
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
    # The server's python3 kernelspec says `python`; jupyter_client maps that to the server's own
    # sys.executable, i.e. this venv. Put the venv first on PATH as well, for anything else.
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    _write_settings(Path(env["JUPYTERLAB_SETTINGS_DIR"]))

    # Build matplotlib's font cache now, so a lesson's first import does not print
    # "Matplotlib is building the font cache" to stderr in the browser.
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env, check=False)

    port = _free_port()
    token = secrets.token_hex(16)
    log_path = base / "server.log"
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--allow-root",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--port-retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, env=env, cwd=root_dir, stdout=log, stderr=subprocess.STDOUT)
    server = JupyterServer(url=f"http://127.0.0.1:{port}", token=token, root_dir=root_dir, log_path=log_path)
    try:
        deadline = time.monotonic() + 90
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with {proc.returncode}:\n{server.log_tail()}")
            try:
                server.api("GET", "/api/status")
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"jupyter lab not ready after 90 s:\n{server.log_tail()}") from None
                time.sleep(0.2)
        specs = server.api("GET", "/api/kernelspecs")
        assert specs["default"] == "python3", f"unexpected default kernel: {specs['default']}"
        yield server
    finally:
        with contextlib.suppress(Exception):  # best effort; the server is terminated next anyway
            server.join_stoppers()
            server.shutdown_kernels()
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


# --------------------------------------------------------------------------------------------------
# A page per test, screenshotted on failure
# --------------------------------------------------------------------------------------------------


def new_page(browser_context):
    """A fresh tab; its console messages and page errors are collected in `page.medialit_console`."""
    page = browser_context.new_page()
    page.set_default_timeout(PAGE_TIMEOUT_MS)
    console: list[str] = []
    page.on("console", lambda msg: console.append(f"{msg.type}: {msg.text}"))
    page.on("pageerror", lambda exc: console.append(f"pageerror: {exc}"))
    page.medialit_console = console
    return page


def save_failure_artifacts(request, page, server: JupyterServer) -> None:
    """If the test failed, save a screenshot, the browser console and the server log to artifacts/."""
    failed = any(
        getattr(request.node, f"rep_{when}", None) is not None and getattr(request.node, f"rep_{when}").failed
        for when in ("setup", "call")
    )
    if not failed:
        return
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
    console = page.medialit_console
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    except Exception as exc:  # a failed screenshot must not hide the real failure
        console.append(f"screenshot failed: {exc}")
    (ARTIFACTS / f"{name}.console.txt").write_text("\n".join(console))
    (ARTIFACTS / f"{name}.server.log").write_text(server.log_tail(20_000))


@pytest.fixture
def page(request, browser_context, jupyter_server):
    """A fresh tab per test; screenshot on failure; the test's kernels are shut down afterwards."""
    page = new_page(browser_context)
    yield page
    save_failure_artifacts(request, page, jupyter_server)
    page.close()
    jupyter_server.shutdown_kernels(wait=False)


# --------------------------------------------------------------------------------------------------
# Helpers used by the test modules
# --------------------------------------------------------------------------------------------------


def expect(*args, **kwargs):
    """playwright's `expect`, imported late so this file loads (and skips cleanly) without playwright."""
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(*args, **kwargs)


class KernelWatcher:
    """Watches the page's kernel websockets for `kernel_info_reply` (the kernel is really connected)."""

    def __init__(self, page):
        self.ready = False
        page.on("websocket", self._on_websocket)

    def _on_websocket(self, ws) -> None:
        if "/api/kernels/" not in ws.url:
            return

        def on_frame(payload) -> None:
            data = payload if isinstance(payload, bytes) else str(payload).encode()
            if b"kernel_info_reply" in data:
                self.ready = True

        ws.on("framereceived", on_frame)

    def wait(self, page, timeout_s: float = PAGE_TIMEOUT_MS / 1000) -> None:
        deadline = time.monotonic() + timeout_s
        while not self.ready:
            if time.monotonic() > deadline:
                raise AssertionError(f"no kernel_info_reply on a kernel websocket within {timeout_s:.0f} s")
            page.wait_for_timeout(100)


def open_notebook(page, server: JupyterServer, path: str, *, app: str = "lab") -> None:
    """Open `path` (relative to the server root) and wait until its kernel is really ready."""
    watcher = KernelWatcher(page)
    server.start_session(path)
    url = server.lab_url(path) if app == "lab" else server.notebook7_url(path)
    page.goto(url)
    page.locator(".jp-NotebookPanel").first.wait_for(state="visible")
    watcher.wait(page)
    # and the notebook's cells are in the page
    page.wait_for_function(
        """() => {
            const panel = document.querySelector('.jp-NotebookPanel');
            return panel && panel.querySelectorAll('.jp-Cell').length > 0;
        }"""
    )


def _menu(page, menu: str, item: str) -> None:
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{re.escape(menu)}$")).first.click()
    page.get_by_role("menuitem", name=re.compile(rf"^{re.escape(item)}")).first.click()


def run_all(page) -> dict:
    """Run > Run All Cells and wait until the run is over; returns the execution state.

    JupyterLab marks every queued cell `[*]` at once; when a cell raises, the cells after it go back
    to `[ ]`. So the run is over when no prompt shows `*` and at least one shows a number.
    Old execution counts (a notebook saved with outputs) are cleared first so they cannot pass for new ones.
    """
    if page.evaluate(_EXECUTION_STATE_JS)["done"]:
        _menu(page, "Edit", "Clear Outputs of All Cells")
        page.wait_for_function(f"() => ({_EXECUTION_STATE_JS})().done === 0")
    _menu(page, "Run", "Run All Cells")
    return wait_for_execution(page)


_EXECUTION_STATE_JS = """() => {
    const cells = [...document.querySelectorAll('.jp-NotebookPanel .jp-Notebook .jp-CodeCell')];
    let pending = 0, done = 0, todo = 0;
    for (const cell of cells) {
        const source = cell.querySelector('.jp-InputArea-editor')?.textContent ?? '';
        if (!source.trim()) continue;
        todo += 1;
        const prompt = cell.querySelector('.jp-InputPrompt')?.textContent ?? '';
        if (prompt.includes('*')) pending += 1;
        else if (/\\[\\d+\\]/.test(prompt)) done += 1;
    }
    return {todo, pending, done};
}"""


def wait_for_execution(page, timeout_ms: int = RUN_TIMEOUT_MS) -> dict:
    """Wait until no cell is queued or running and some cell has run, then for the kernel to be idle."""
    page.wait_for_function(
        f"() => {{ const s = ({_EXECUTION_STATE_JS})(); return s.pending === 0 && s.done > 0; }}",
        timeout=timeout_ms,
    )
    wait_kernel_idle(page)
    return page.evaluate(_EXECUTION_STATE_JS)


def wait_kernel_idle(page) -> None:
    """Wait for the kernel status indicator to report idle (output that trails execute_reply renders)."""
    page.wait_for_function(
        """() => {
            const el = document.querySelector('.jp-Notebook-ExecutionIndicator');
            return !el || el.getAttribute('data-status') === 'idle';
        }"""
    )


def error_outputs(page) -> list[str]:
    """Texts of every red box in the notebook: tracebacks and stderr streams.

    JupyterLab renders both an `error` output and a `stream` to stderr with
    data-mime-type="application/vnd.jupyter.stderr" (checked in the DOM of JupyterLab 4.6).
    """
    return page.evaluate(
        f"""() => [...document.querySelectorAll(
                '.jp-NotebookPanel .jp-OutputArea-output[data-mime-type="{STDERR_MIME}"]')]
            .map(el => el.innerText.trim())"""
    )


def widget_views(page) -> dict:
    """Top-level widget outputs: how many rendered a view, and the errors of those that did not.

    A widget output (not nested in an Output widget) holds a `.jupyter-widgets` element. When the
    front end fails to build the view, that element holds `.jupyter-widgets-error-widget` ("Click to show
    javascript error."); clicking it reveals the message, which we return in `problems`.
    """
    return page.evaluate(
        """() => {
            const outs = [...document.querySelectorAll('.jp-NotebookPanel .jp-OutputArea-output')]
                .filter(el => !el.parentElement.closest('.jp-OutputArea-output'))
                .filter(el => el.querySelector(':scope > .jupyter-widgets'));
            const broken = outs.filter(el => el.querySelector('.jupyter-widgets-error-widget'));
            const problems = broken.map(el => {
                const err = el.querySelector('.jupyter-widgets-error-widget');
                err.click();
                const lines = err.innerText.split('\\n').filter(l => !l.includes('Open Browser Console'));
                return lines.slice(0, 3).join(' | ');
            });
            const other = outs.map(el => el.innerText)
                .filter(t => /Error displaying widget|model not found/i.test(t));
            return {rendered: outs.length - broken.length, problems: [...problems, ...other]};
        }"""
    )


def saved_widget_outputs(nb: dict) -> int:
    """How many widget views the kernel displayed, counted in a saved notebook's outputs."""
    return sum(
        WIDGET_MIME in out.get("data", {})
        for cell in nb["cells"]
        if cell["cell_type"] == "code"
        for out in cell.get("outputs", [])
    )


def save_notebook(page, server: JupyterServer, path: str):
    """Save with Ctrl+S; return the notebook as written to disk (nbformat node, multi-line strings joined)."""
    target = server.root_dir / path
    before = target.stat().st_mtime_ns
    page.locator(".jp-NotebookPanel .jp-Notebook").first.click(position={"x": 2, "y": 2})
    page.keyboard.press("Escape")
    page.keyboard.press("Control+s")
    deadline = time.monotonic() + 30
    while target.stat().st_mtime_ns == before:
        if time.monotonic() > deadline:
            raise AssertionError(f"{path} was not written within 30 s of Ctrl+S")
        page.wait_for_timeout(100)
    # wait until the tab is no longer dirty (JupyterLab; Notebook 7 has no tab bar)
    page.wait_for_function("() => !document.querySelector('.lm-TabBar-tab.jp-mod-current.jp-mod-dirty')")
    # jupyter-server's atomic writing keeps a backup but writes the file in place: a read can
    # catch it empty or half written, so read until it parses
    while True:
        try:
            return nbformat.reads(target.read_text(encoding="utf-8"), as_version=4)
        except ValueError:  # nbformat NotJSONError, or JSON cut short
            if time.monotonic() > deadline:
                raise
            page.wait_for_timeout(100)


def notebook_paths(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
