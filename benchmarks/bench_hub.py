"""Does one JupyterHub hold a class? A load test: N students at once, each doing a lesson and a set.

The script starts its own JupyterHub from ``deploy/hub/jupyterhub_config.py`` (on 127.0.0.1, on free
ports, writing only into a temporary folder), makes a git repository of the course, and lets
``--students`` simulated students (default 30) loose on it **at the same moment**. Each student does
what a browser does for a student who clicks the teacher's nbgitpuller link (from ``medialit links``):

1. **log in**: open the link, land on the hub's log-in page, submit the form;
2. **start a server**: follow the hub to its spawn page and wait on its progress events;
3. **pull the course**: nbgitpuller's page, then its event stream until the clone is finished;
4. **open the lesson**: JupyterLab's page, the notebook through the contents API, a session and its
   kernel over a websocket, until the kernel answers (this moment is *time to a ready lesson*,
   counted from the click on the link);
5. **run all cells** of the lesson, and fail on any error;
6. **use a widget** through the kernel, as JupyterLab does (ipywidgets' comm protocol: change a
   widget's state, send a click to a Button) and check the state the kernel sends back;
7. **answer an exercise set**: open it in a second kernel and run the whole set; answer every form
   (cells with ``metadata.medialit.role == "form"``) through its widgets, as a student's clicks do,
   or, in a set built with ``--typed``, put an answer in every answer cell (``role == "answer"``);
   **save** it through the contents API and read it back.

While they work, a sampler reads every process of the hub's tree (hub, proxy, each student's server
and kernels) once a second: proportional memory (PSS, so shared pages are not counted twice) and
CPU time. It reports failures (should be 0), time to a ready lesson (median and 95th percentile),
memory and CPU seconds per student, and the peak memory of the whole hub.

Everything is bounded: one pass per student, every wait has a time limit, the whole run has a
deadline (``--deadline``). At the end the hub is stopped (it stops every student's server), any
process of its tree still alive is ended by its id, and the temporary folder is removed.

Usage::

    .venv/bin/python benchmarks/bench_hub.py                      # 30 students
    .venv/bin/python benchmarks/bench_hub.py --students 3 --json  # what the test suite runs
    .venv/bin/python benchmarks/bench_hub.py --course ../student-edition   # another course folder

Needs ``make hub-install`` first (JupyterHub, nbgitpuller and the proxy), git, and Linux.
The parts that depend on this kit (which lesson, which widget, how to answer) are in the
"What is specific to medialit" section below; the rest works for any course.
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import contextlib
import html
import json
import os
import re
import resource
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "deploy" / "hub" / "jupyterhub_config.py"
PROXY_DIR = ROOT / ".hub" / "proxy"
PROXY = PROXY_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
HOST = "127.0.0.1"
COURSE_REPO_NAME = "medialit-course"
MiB = 1024 * 1024

# ==================================================================================================
# What is specific to medialit (the rest of the script drives any course the same way)
# ==================================================================================================
LESSON = "notebooks/02_who_is_speaking.ipynb"  # a typical lesson: tables, highlighters (heavier than 00)
EXERCISE = "exercises/ex02_who-is-speaking.ipynb"  # the set that goes with it
ANSWER_MIME = "application/vnd.medialit.answer+json"  # the record a form keeps in its cell's outputs
# A form's first input of these kinds gets an answer, as a click or typing would give it.
FORM_INPUTS = (
    ("RadioButtonsModel", {"index": 0}),
    ("DropdownModel", {"index": 1}),  # 0 is the "choose" prompt
    ("ToggleButtonsModel", {"index": 0}),
    ("CheckboxModel", {"value": True}),
    ("TextareaModel", {"value": "An answer typed in the load test."}),
    ("TextModel", {"value": "an answer"}),
)


def form_input(kernel: Kernel, created: list[str]) -> tuple[str, dict[str, Any]] | None:
    """The first input among the widgets a form cell created that a student would fill in, and the
    change a browser would send for it (None for a cell with no such input)."""
    for model, change in FORM_INPUTS:
        for comm_id in created:
            state = kernel.widgets.state(comm_id)
            if state.get("_model_name") == model and not state.get("disabled"):
                return comm_id, change
    return None


def holds_answer(cell: dict[str, Any]) -> bool:
    """True when a saved form cell's outputs hold an answer record with an answer in it."""
    for out in cell.get("outputs", []):
        record = out.get("data", {}).get(ANSWER_MIME)
        if isinstance(record, str):
            with contextlib.suppress(ValueError):
                record = json.loads(record)
        if isinstance(record, dict) and record.get("answer") not in (None, "", [], {}):
            return True
    return False


async def use_widget(kernel: Kernel) -> None:
    """Mark a word in the lesson's first highlighter, add it, check it: as a student does with the mouse."""
    widgets = kernel.widgets
    cell = widgets.created_with(widgets.find("ButtonModel", description="Add selection"))
    word = widgets.find("ToggleButtonModel", tooltip=re.compile(r"^Paragraph \d+, word \d+:"), cell=cell)
    add = widgets.find("ButtonModel", description="Add selection", cell=cell)
    check = widgets.find("ButtonModel", description="Check", cell=cell)
    feedback = widgets.find("HTMLModel", dom_class="medialit-feedback", cell=cell)
    await kernel.set_widget(word, {"value": True})
    if kernel.widgets.state(word).get("value") is not True:
        raise AssertionError("the word did not stay pressed")
    await kernel.click(add)
    if "Added" not in str(widgets.state(feedback).get("value")):
        raise AssertionError(
            f"after 'Add selection' the feedback reads {widgets.state(feedback).get('value')!r}"
        )
    await kernel.click(check)
    if "Score" not in str(widgets.state(feedback).get("value")):
        raise AssertionError(f"after 'Check' the feedback reads {widgets.state(feedback).get('value')!r}")


def answer_for(cell: dict[str, Any]) -> str:
    """An answer for an answer cell: the example its comment gives (``like "b"``), else "a" everywhere.

    >>> answer_for({"source": 'q1 = ...  # your answer: one letter in quotes, like "b"',
    ...             "metadata": {"medialit": {"variable": "q1"}}})
    "q1 = 'b'"
    >>> answer_for({"source": 'q3 = {1: ..., 2: ...}  # like {1: "b", 2: "a", ...}', "metadata": {}})
    "q3 = {1: 'a', 2: 'a'}"
    """
    source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    code, _, comment = source.partition("#")
    name = (cell.get("metadata", {}).get("medialit", {}) or {}).get("variable") or code.split("=")[0].strip()
    example = comment.split("like ", 1)[1] if "like " in comment else ""
    for end in range(len(example), 0, -1):  # the longest start of the example that is a Python value
        with contextlib.suppress(ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
            value = ast.literal_eval(example[:end])
            if "Ellipsis" not in repr(value):
                return f"{name} = {value!r}"
    return code.replace("...", "'a'").strip()


# ==================================================================================================
# The hub and the course repository
# ==================================================================================================
def _ephemeral_range() -> tuple[int, int]:
    """The ports the system hands out for "any free port" (bind to port 0), e.g. 32768-60999."""
    with contextlib.suppress(OSError, ValueError):
        low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
        return int(low), int(high)
    return 32768, 60999


def free_ports(n: int) -> list[int]:
    """``n`` distinct free TCP ports on 127.0.0.1, chosen *outside* the system's ephemeral range.

    Kernels, notebook servers and outgoing connections (of this hub and of anything else running,
    such as a test suite executing notebooks in parallel) take ports from the ephemeral range
    between choosing and binding them; a hub port picked from that range can be taken in that
    moment ("Address already in use"). Below it, only programs that name a port can clash, and
    each port is checked by binding it first."""
    low, high = _ephemeral_range()
    if low > 11000:
        first, last = 10000, low - 1
    elif high < 64000:
        first, last = high + 1, 65535
    else:  # no room outside it: the check below and a second start (Hub.start) still hold
        first, last = 10000, 65000
    ports: list[int] = []
    for _ in range(200 * n):  # bounded: a busy machine still has thousands free here
        port = first + secrets.randbelow(last - first + 1)
        if port in ports:
            continue
        with socket.socket() as s:
            try:
                s.bind((HOST, port))
            except OSError:
                continue
        ports.append(port)
        if len(ports) == n:
            return ports
    raise RuntimeError(f"no {n} free ports found between {first} and {last}")


def ensure_proxy() -> Path:
    """The configurable-http-proxy command, installed from npm into .hub/proxy if it is missing.

    Two runs at once (two load tests, or a test suite's parallel workers) would each run ``npm ci``
    in the same folder and break each other's install: the second waits on a lock and then finds
    the proxy installed."""
    import fcntl

    if PROXY.exists():
        return PROXY
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit(
            "The hub needs Node.js and npm for its proxy (configurable-http-proxy); install them."
        )
    PROXY_DIR.mkdir(parents=True, exist_ok=True)
    with (PROXY_DIR / ".install.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also if npm fails
        if PROXY.exists():  # installed by the run that held the lock
            return PROXY
        for name in ("package.json", "package-lock.json"):
            shutil.copy2(ROOT / "deploy" / "hub" / name, PROXY_DIR / name)
        print("Installing configurable-http-proxy into .hub/proxy (npm ci) ...", file=sys.stderr)
        subprocess.run(
            [npm, "ci", "--prefix", str(PROXY_DIR), "--no-audit", "--no-fund", "--loglevel=error"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return PROXY


def _git(*args: str, cwd: Path) -> None:
    subprocess.run(
        ["git", "-c", "user.name=medialit", "-c", "user.email=medialit@localhost", *args],
        cwd=cwd,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def course_files(source: Path) -> list[Path]:
    """The files of a course folder: what git tracks or would track (ignored files left out)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=source,
        capture_output=True,
    )
    if listed.returncode == 0:
        names = [n for n in listed.stdout.decode("utf-8", "surrogateescape").split("\0") if n]
        return [Path(n) for n in names if (source / n).is_file()]
    return [p.relative_to(source) for p in source.rglob("*") if p.is_file() and ".git" not in p.parts]


def make_course_repo(source: Path, dest: Path) -> Path:
    """A one-commit git repository (branch ``main``) holding a clean copy of the course folder.

    The teacher's checkout (it has ``solutions/``) is first made into its student edition, which
    is what a school puts on a hub (``medialit release``); any other course folder is copied."""
    if not (source / "notebooks").is_dir():
        raise SystemExit(f"{source} is not a course folder (it has no notebooks/).")
    if (source / "solutions").is_dir():
        from medialit.release import release

        release(dest, course=source)
    else:
        for rel in course_files(source):
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / rel, target)
    _git("init", "--quiet", "--initial-branch=main", cwd=dest)
    _git("add", "--all", cwd=dest)
    _git("commit", "--quiet", "-m", "course", cwd=dest)
    return dest


class Hub:
    """A JupyterHub started from the repository's configuration, on free ports, writing into ``state``."""

    def __init__(self, state: Path) -> None:
        self.state = state
        self.port, self.api_port, self.proxy_port = free_ports(3)
        self.url = f"http://{HOST}:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = state / "hub.log"
        # The students' kernel sockets: a short private folder of this run (made at start, gone at stop).
        self.runtime: Path | None = None
        self.seen: dict[int, float] = {}  # pid -> create time, for every process of its tree ever seen

    def start(self, timeout: float = 120, attempts: int = 3) -> None:
        """Start the hub and wait until it answers; if one of its ports was taken between choosing
        and binding it, start again on new ports (at most ``attempts`` times; ``url`` changes)."""
        for attempt in range(1, attempts + 1):
            try:
                self._start_once(timeout)
                return
            except RuntimeError:
                if attempt == attempts or "Address already in use" not in self.log_tail(200):
                    raise
                self.stop()  # the proxy it started, if any, too
                self.seen.clear()
                self.port, self.api_port, self.proxy_port = free_ports(3)
                self.url = f"http://{HOST}:{self.port}"
                print(f"A hub port was taken; starting again on new ports ({self.url}).", file=sys.stderr)

    def _start_once(self, timeout: float) -> None:
        jupyterhub = Path(sys.executable).parent / "jupyterhub"
        if not jupyterhub.exists():
            raise SystemExit("JupyterHub is not installed in this environment: run `make hub-install` first.")
        # mkdtemp makes it private (0700) under a name nobody else holds; /tmp keeps socket paths short.
        self.runtime = Path(tempfile.mkdtemp(prefix="mlhub-", dir="/tmp"))
        env = dict(
            os.environ,
            MEDIALIT_HUB_STATE=str(self.state),
            MEDIALIT_HUB_PORT=str(self.port),
            MEDIALIT_HUB_API_PORT=str(self.api_port),
            MEDIALIT_HUB_PROXY_API_PORT=str(self.proxy_port),
            MEDIALIT_HUB_PROXY=str(ensure_proxy()),
            MEDIALIT_HUB_RUNTIME=str(self.runtime),
        )
        with self.log.open("wb") as log:
            self.proc = subprocess.Popen(
                [str(jupyterhub), "-f", str(CONFIG)],
                cwd=self.state,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # a Ctrl-C meant for this script reaches the hub only through stop()
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.processes()  # note the proxy as soon as it runs, so a failed start can end it
            if self.proc.poll() is not None:
                raise RuntimeError(f"the hub exited at start-up:\n{self.log_tail()}")
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{self.url}/hub/api/", timeout=2) as r,  # noqa: S310 (our own hub)
            ):
                if r.status == 200:
                    return
            time.sleep(0.5)
        raise RuntimeError(f"the hub did not answer within {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        return ""

    def processes(self) -> list[Any]:
        """The hub's process and all its descendants (psutil.Process objects)."""
        import psutil

        if self.proc is None:
            return []
        try:
            root = psutil.Process(self.proc.pid)
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []
        for p in procs:
            with contextlib.suppress(psutil.Error):
                self.seen.setdefault(p.pid, p.create_time())
        return procs

    def stop(self, timeout: float = 120) -> list[str]:
        """Stop the hub (SIGTERM: it stops every server and the proxy); end what is left; say what was."""
        import psutil

        self.processes()  # note the tree as it is now
        # A hub that failed at start-up leaves its proxy running, no longer its child: its pid file says.
        with contextlib.suppress(OSError, ValueError, psutil.Error):
            proxy = psutil.Process(int((self.state / "jupyterhub-proxy.pid").read_text().strip()))
            if "configurable-http-proxy" in " ".join(proxy.cmdline()):
                self.seen.setdefault(proxy.pid, proxy.create_time())
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        leftovers = []
        deadline = time.monotonic() + 20
        for pid, created in self.seen.items():
            try:
                p = psutil.Process(pid)
                if p.create_time() != created:
                    continue  # the id now belongs to another process
                # A server that is shutting down may need a moment: wait, then end it by its id.
                with contextlib.suppress(psutil.TimeoutExpired):
                    p.wait(max(0.1, deadline - time.monotonic()))
                if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                    leftovers.append(f"{pid} {' '.join(p.cmdline())[:120]}")
                    p.terminate()
                    with contextlib.suppress(psutil.TimeoutExpired):
                        p.wait(5)
                    if p.is_running():
                        p.kill()
            except psutil.Error:
                continue
        if self.runtime is not None:
            shutil.rmtree(self.runtime, ignore_errors=True)
        return leftovers

    def kernel_trouble(self) -> tuple[int, int]:
        """From the log: kernels the students' servers gave up on (never started, or died), and kernels
        that said they listen on TCP ports (the configuration asks for Unix sockets)."""
        with contextlib.suppress(OSError):
            text = self.log.read_text(errors="replace")
            return len(set(re.findall(r"Kernel ([0-9a-f-]{36}) died", text))), text.count(
                "Kernel is running over TCP"
            )
        return 0, 0


# ==================================================================================================
# A student's browser: cookies, xsrf, the headers browsers send
# ==================================================================================================
NAVIGATE = {"Sec-Fetch-Mode": "navigate", "Sec-Fetch-Site": "same-origin", "Accept": "text/html"}


class Browser:
    def __init__(self, hub: str, timeout: float) -> None:
        import httpx

        self.hub = hub
        self.web = httpx.AsyncClient(
            follow_redirects=True,
            timeout=httpx.Timeout(timeout),
            max_redirects=30,
            event_hooks={"request": [self._this_machine_only]},
        )

    @staticmethod
    async def _this_machine_only(request: Any) -> None:
        """Refuse any request, redirects included, that would leave 127.0.0.1."""
        if request.url.host != HOST:
            raise RuntimeError(
                f"refusing to contact {request.url.host}: this load test talks to 127.0.0.1 only"
            )

    async def close(self) -> None:
        await self.web.aclose()

    def cookie(self, name: str, path: str) -> str:
        for c in self.web.cookies.jar:
            if c.name == name and path.startswith(c.path):
                return c.value or ""
        return ""

    def cookie_header(self, url: str) -> str:
        request = urllib.request.Request(url.replace("ws://", "http://", 1))  # noqa: S310 (a header, not a fetch)
        self.web.cookies.jar.add_cookie_header(request)
        return request.get_header("Cookie") or ""

    def api_headers(self, prefix: str) -> dict[str, str]:
        """What JupyterLab's fetches send: the xsrf token of the server at ``prefix``."""
        return {
            "X-XSRFToken": self.cookie("_xsrf", prefix),
            "Sec-Fetch-Mode": "cors",
            "Sec-Fetch-Site": "same-origin",
            "Accept": "application/json",
        }

    async def page(self, url: str, *, ok: tuple[int, ...] = (200,)) -> Any:
        r = await self.web.get(url, headers=NAVIGATE)
        if r.status_code not in ok:
            raise RuntimeError(f"GET {urlsplit(str(r.url)).path} answered {r.status_code}")
        return r

    async def events(
        self, url: str, headers: dict[str, str], *, until: Any, timeout: float
    ) -> dict[str, Any]:
        """Read a server-sent event stream until ``until(event)`` is true; return that event."""
        async with asyncio.timeout(timeout):
            async with self.web.stream("GET", url, headers={**headers, "Accept": "text/event-stream"}) as r:
                if r.status_code != 200:
                    raise RuntimeError(f"event stream {urlsplit(url).path} answered {r.status_code}")
                async for line in r.aiter_lines():
                    if line.startswith("data:"):
                        event = json.loads(line[5:])
                        if until(event):
                            return event
        raise RuntimeError(f"event stream {urlsplit(url).path} ended early")


def _html_attr(pattern: str, text: str, what: str) -> str:
    match = re.search(pattern, text)
    if not match:
        raise RuntimeError(f"{what} not found on the page")
    return html.unescape(match.group(1))


# ==================================================================================================
# A kernel over JupyterLab's websocket, with the widgets it opens
# ==================================================================================================
class Widgets:
    """The state of every widget the kernel opened, kept up to date from its comm messages."""

    def __init__(self) -> None:
        self.models: dict[str, dict[str, Any]] = {}
        self.origin: dict[str, str] = {}  # comm id -> id of the request (the cell run) that created it

    def state(self, comm_id: str) -> dict[str, Any]:
        return self.models[comm_id]

    def created_with(self, comm_id: str) -> str:
        """The request (cell run) that created this widget: its siblings share it."""
        return self.origin.get(comm_id, "")

    def find(
        self,
        model: str,
        *,
        description: str | None = None,
        tooltip: re.Pattern[str] | None = None,
        dom_class: str | None = None,
        cell: str | None = None,
    ) -> str:
        for comm_id, state in self.models.items():
            if state.get("_model_name") != model or (cell is not None and self.origin.get(comm_id) != cell):
                continue
            if description is not None and state.get("description") != description:
                continue
            if tooltip is not None and not tooltip.search(str(state.get("tooltip") or "")):
                continue
            if dom_class is not None and dom_class not in (state.get("_dom_classes") or []):
                continue
            return comm_id
        raise RuntimeError(f"no {model} widget with {description or tooltip or dom_class!r} in the notebook")


class Kernel:
    """Just enough of the Jupyter messaging protocol to run cells and drive widgets.

    Like JupyterLab, it reconnects when the server closes the websocket (a loaded server can miss a
    ping and drop it), with the same session id, so that the server replays what it buffered, and asks
    for the kernel's info again on the new connection (a request written to a connection the server
    was about to close never reaches the kernel). Each reconnection is counted, and what happened to
    the connection is kept in ``events`` for the report.
    """

    RECONNECTS = 5  # at most, per kernel, as JupyterLab gives up after a few tries

    def __init__(self, browser: Browser, prefix: str, kernel_id: str, cell_timeout: float) -> None:
        self.browser, self.prefix, self.kernel_id = browser, prefix, kernel_id
        self.session_id = uuid.uuid4().hex  # the websocket's, kept across reconnections
        self.session = uuid.uuid4().hex  # the messages' header session
        self.cell_timeout = cell_timeout
        self.widgets = Widgets()
        self._waiting: dict[str, dict[str, Any]] = {}
        self.closed = ""
        self.reconnects = 0
        self.ws: Any = None
        self._open = asyncio.Event()
        self._reader: asyncio.Task[None] | None = None
        self._started = time.monotonic()
        self._opened = self._started
        self.events: list[str] = []  # what happened to the connection, with seconds since connect()

    def _event(self, what: str) -> None:
        self.events.append(f"{time.monotonic() - self._started:.1f} s {what}")

    @classmethod
    async def connect(
        cls, browser: Browser, prefix: str, kernel_id: str, *, cell_timeout: float, into: list[Kernel]
    ) -> Kernel:
        """Open the kernel's websocket and wait for its info; ``into`` gets the kernel first, so that
        a kernel that fails here is still counted and reported."""
        kernel = cls(browser, prefix, kernel_id, cell_timeout)
        into.append(kernel)
        try:
            await kernel._connect()
            kernel._reader = asyncio.create_task(kernel._read())
            await kernel.request("kernel_info_request", {}, timeout=180)
        except BaseException:
            await kernel.close()
            raise
        return kernel

    async def _connect(self) -> None:
        from tornado.httpclient import HTTPRequest
        from tornado.websocket import websocket_connect

        netloc = urlsplit(self.browser.hub).netloc
        if urlsplit(self.browser.hub).hostname != HOST:
            raise RuntimeError("this load test talks to 127.0.0.1 only")
        url = f"ws://{netloc}{self.prefix}api/kernels/{self.kernel_id}/channels?session_id={self.session_id}"
        request = HTTPRequest(
            url,
            headers={
                "Cookie": self.browser.cookie_header(url),
                "Origin": self.browser.hub,
                "Sec-Fetch-Mode": "websocket",
            },
            connect_timeout=60,
            request_timeout=180,
        )
        self.ws = await websocket_connect(request, max_message_size=64 * MiB)
        self._opened = time.monotonic()
        self._open.set()

    async def close(self) -> None:
        self.closed = self.closed or "closed by the student"
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._reader
        if self.ws is not None:
            self.ws.close()

    def _message(self, msg_type: str, content: dict[str, Any], channel: str) -> dict[str, Any]:
        return {
            "header": {
                "msg_id": uuid.uuid4().hex,
                "msg_type": msg_type,
                "session": self.session,
                "username": "student",
                "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "version": "5.3",
            },
            "parent_header": {},
            "metadata": {},
            "content": content,
            "channel": channel,
            "buffers": [],
        }

    async def _read(self) -> None:
        while True:
            raw = await self.ws.read_message()
            if raw is None:
                why = f"websocket closed (code {self.ws.close_code}, reason {self.ws.close_reason!r})"
                pending = sorted(w["type"] for w in self._waiting.values())
                after = time.monotonic() - self._opened
                self._event(f"{why} {after:.1f} s after it opened; waiting for {pending}")
                self._open.clear()
                if await self._reconnect():
                    await self._ask_again()
                    continue
                self.closed = why
                for waiter in self._waiting.values():
                    waiter["done"].set()
                return
            if isinstance(raw, bytes):
                from jupyter_server.services.kernels.connection.base import deserialize_binary_message

                msg = deserialize_binary_message(raw)
            else:
                msg = json.loads(raw)
            self._handle(msg)

    async def _reconnect(self) -> bool:
        for attempt in range(self.RECONNECTS - self.reconnects):
            await asyncio.sleep(min(2**attempt, 10))
            self.reconnects += 1
            try:
                await self._connect()
            except Exception as exc:  # any failure is one more attempt, and reported
                self._event(f"reconnection {self.reconnects} failed: {type(exc).__name__}: {exc}"[:200])
                continue
            self._event(f"reconnection {self.reconnects} opened")
            return True
        return False

    async def _ask_again(self) -> None:
        """What JupyterLab does on every new connection: ask for the kernel's info (again). Requests
        that only read (kernel info) are sent again with their own id, so whoever waits gets its
        answer; a cell is never run twice (the server replays its outputs if the kernel sent any)."""
        from tornado.websocket import WebSocketClosedError

        for waiter in list(self._waiting.values()):
            if waiter["type"] == "kernel_info_request":
                with contextlib.suppress(WebSocketClosedError):
                    await self.ws.write_message(json.dumps(waiter["msg"]))
                    self._event("kernel info asked again")

    async def _send(self, msg: dict[str, Any]) -> None:
        from tornado.websocket import WebSocketClosedError

        for _ in range(self.RECONNECTS + 1):
            async with asyncio.timeout(120):
                await self._open.wait()
            with contextlib.suppress(WebSocketClosedError):
                await self.ws.write_message(json.dumps(msg))
                return
            self._open.clear()  # the reader notices the close and reconnects
            await asyncio.sleep(0.5)
        raise RuntimeError(
            f"could not send {msg['header']['msg_type']}: {self.closed or 'the connection ended'}"
        )

    def _handle(self, msg: dict[str, Any]) -> None:
        kind, content = msg["header"]["msg_type"], msg.get("content", {})
        if kind == "comm_open" and content.get("target_name") == "jupyter.widget":
            self.widgets.models[content["comm_id"]] = dict(content.get("data", {}).get("state", {}))
            self.widgets.origin[content["comm_id"]] = msg.get("parent_header", {}).get("msg_id", "")
        elif kind == "comm_msg":
            data = content.get("data", {})
            if (
                data.get("method") in ("update", "echo_update")
                and content.get("comm_id") in self.widgets.models
            ):
                self.widgets.models[content["comm_id"]].update(data.get("state", {}))
        waiter = self._waiting.get(msg.get("parent_header", {}).get("msg_id", ""))
        if waiter is None:
            return
        if msg.get("channel") == "shell" or kind.endswith("_reply"):
            waiter["reply"] = msg
        elif kind == "status" and content.get("execution_state") == "idle":
            waiter["idle"] = True
        elif kind in ("stream", "display_data", "execute_result", "error", "update_display_data"):
            waiter["outputs"].append(msg)
        if "reply" in waiter and waiter.get("idle"):
            waiter["done"].set()

    async def request(
        self, msg_type: str, content: dict[str, Any], *, timeout: float | None = None
    ) -> dict[str, Any]:
        """Send on the shell channel; wait for the reply and for the kernel to be idle again."""
        msg = self._message(msg_type, content, "shell")
        waiter: dict[str, Any] = {"done": asyncio.Event(), "outputs": [], "type": msg_type, "msg": msg}
        self._waiting[msg["header"]["msg_id"]] = waiter
        limit = timeout or self.cell_timeout
        try:
            await self._send(msg)
            async with asyncio.timeout(limit):
                await waiter["done"].wait()
        except TimeoutError:
            raise TimeoutError(f"no answer to {msg_type} within {limit:.0f} s") from None
        finally:
            self._waiting.pop(msg["header"]["msg_id"], None)
        if "reply" not in waiter and msg_type != "comm_msg":
            raise RuntimeError(f"no answer to {msg_type}: {self.closed or 'the connection ended'}")
        return waiter

    async def run(self, code: str, displays: dict[str, dict[str, Any]] | None = None) -> list[dict[str, Any]]:
        """Run one cell; raise if it fails; return its outputs as notebook output dicts (``displays``
        collects those with a display id, so that later updates can reach them)."""
        waiter = await self.request(
            "execute_request",
            {
                "code": code,
                "silent": False,
                "store_history": True,
                "user_expressions": {},
                "allow_stdin": False,
            },
        )
        reply = waiter["reply"]["content"]
        if reply.get("status") != "ok":
            raise RuntimeError(f"cell failed: {reply.get('ename')}: {str(reply.get('evalue'))[:200]}")
        return notebook_outputs(waiter["outputs"], displays)

    async def _comm(self, comm_id: str, data: dict[str, Any]) -> list[dict[str, Any]]:
        # A comm message gets no reply; the kernel's busy/idle status for it tells us it has been handled.
        msg = self._message("comm_msg", {"comm_id": comm_id, "data": data}, "shell")
        waiter: dict[str, Any] = {"done": asyncio.Event(), "outputs": [], "reply": None, "type": "comm_msg"}
        self._waiting[msg["header"]["msg_id"]] = waiter
        try:
            await self._send(msg)
            async with asyncio.timeout(self.cell_timeout):
                await waiter["done"].wait()
        except TimeoutError:
            limit = f"{self.cell_timeout:.0f} s"
            raise TimeoutError(f"the kernel did not handle a widget change within {limit}") from None
        finally:
            self._waiting.pop(msg["header"]["msg_id"], None)
        return list(waiter["outputs"])

    async def set_widget(self, comm_id: str, state: dict[str, Any]) -> list[dict[str, Any]]:
        """What the browser sends when a student changes a widget (a toggle pressed, a value typed);
        returns the output messages the change caused (e.g. updates of a displayed answer)."""
        self.widgets.models[comm_id].update(state)
        return await self._comm(comm_id, {"method": "update", "state": state, "buffer_paths": []})

    async def click(self, comm_id: str) -> None:
        """What the browser sends when a student clicks a Button."""
        await self._comm(comm_id, {"method": "custom", "content": {"event": "click"}})


def notebook_outputs(
    messages: list[dict[str, Any]], by_display: dict[str, dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Turn iopub messages into the outputs a saved notebook holds (as JupyterLab does).

    ``by_display`` (display id -> output) carries displays across calls: an update that a later
    message (a widget change) sends reaches the output an earlier cell run made.
    """
    outputs: list[dict[str, Any]] = []
    by_display = {} if by_display is None else by_display
    for msg in messages:
        kind, content = msg["header"]["msg_type"], msg["content"]
        if kind == "stream":
            outputs.append({"output_type": "stream", "name": content["name"], "text": content["text"]})
        elif kind in ("display_data", "execute_result"):
            out = {
                "output_type": kind,
                "data": content.get("data", {}),
                "metadata": content.get("metadata", {}),
            }
            if kind == "execute_result":
                out["execution_count"] = content.get("execution_count")
            outputs.append(out)
            display_id = content.get("transient", {}).get("display_id")
            if display_id:
                by_display[display_id] = out
        elif kind == "update_display_data":
            out = by_display.get(content.get("transient", {}).get("display_id", ""))
            if out is not None:
                out["data"], out["metadata"] = content.get("data", {}), content.get("metadata", {})
        elif kind == "error":
            outputs.append(
                {
                    "output_type": "error",
                    "ename": content["ename"],
                    "evalue": content["evalue"],
                    "traceback": content["traceback"],
                }
            )
    return outputs


# ==================================================================================================
# One student
# ==================================================================================================
@dataclass
class Student:
    name: str
    steps: dict[str, float] = field(default_factory=dict)  # step -> seconds it took
    ready: float | None = None  # seconds from the click on the link to a ready lesson
    error: str = ""
    step: str = ""
    reconnects: int = 0  # kernel websockets the server dropped and the student's browser reopened
    events: list[str] = field(default_factory=list)  # what happened to the kernels' connections


async def open_notebook(
    browser: Browser, prefix: str, path: str, cell_timeout: float, kernels: list[Kernel]
) -> tuple[dict, Kernel]:
    """What JupyterLab does to open a notebook: read it, start a session, connect to its kernel."""
    api = browser.api_headers(prefix)
    r = await browser.web.get(f"{browser.hub}{prefix}api/contents/{quote(path)}?content=1", headers=api)
    if r.status_code != 200:
        raise RuntimeError(f"reading {path} answered {r.status_code}")
    model = r.json()
    body = {"path": path, "name": path.rsplit("/", 1)[-1], "type": "notebook", "kernel": {"name": "python3"}}
    r = await browser.web.post(f"{browser.hub}{prefix}api/sessions", json=body, headers=api)
    if r.status_code not in (200, 201):
        raise RuntimeError(f"starting a kernel for {path} answered {r.status_code}: {r.text[:200]}")
    kernel = await Kernel.connect(
        browser, prefix, r.json()["kernel"]["id"], cell_timeout=cell_timeout, into=kernels
    )
    return model["content"], kernel


def code_cells(nb: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for c in nb["cells"] if c["cell_type"] == "code"]


def _source(cell: dict[str, Any]) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


async def student(name: str, hub: str, link: str, folder: str, args: argparse.Namespace) -> Student:
    s = Student(name)
    browser = Browser(hub, timeout=args.request_timeout)
    kernels: list[Kernel] = []
    start = last = time.monotonic()

    def done(step: str) -> None:
        nonlocal last
        now = time.monotonic()
        s.steps[step], last = now - last, now

    try:
        # 1. Log in: the link sends a stranger to the hub's log-in page; submit its form.
        s.step = "log in"
        r = await browser.page(link)
        if "/hub/login" not in str(r.url):
            raise RuntimeError(f"the link did not lead to the log-in page but to {urlsplit(str(r.url)).path}")
        action = _html_attr(r'<form[^>]*action="([^"]+)"', r.text, "the log-in form")
        xsrf = _html_attr(r'name="_xsrf" value="([^"]+)"', r.text, "the log-in form's xsrf token")
        r = await browser.web.post(
            hub + action if action.startswith("/") else action,
            data={"username": name, "password": "any", "_xsrf": xsrf},
            headers=NAVIGATE,
            follow_redirects=False,
        )
        if r.status_code != 302 or "/hub/login" in r.headers.get("location", "/hub/login"):
            raise RuntimeError(f"the log-in form was refused ({r.status_code})")
        done("log in")

        # 2. Start the server: the hub sends the browser on to its spawn page, then to the link.
        s.step = "start server"
        prefix = f"/user/{name}/"
        r = await browser.page(hub + r.headers["location"], ok=(200, 424))
        for _ in range(5):  # a few pages at most: spawn-pending, not-running, the link's page
            where = urlsplit(str(r.url)).path
            if where.startswith(prefix + "git-pull"):
                break
            if "/spawn-pending/" in where:
                progress = _html_attr(r'new EventSource\("([^"]+)"\)', r.text, "the progress address")
                event = await browser.events(
                    hub + progress,
                    browser.api_headers("/hub/"),
                    until=lambda e: e.get("ready") or e.get("failed"),
                    timeout=args.spawn_timeout,
                )
                if event.get("failed"):
                    raise RuntimeError(f"the server failed to start: {event.get('message')}")
                r = await browser.page(str(r.url), ok=(200, 424))  # what the page does when ready
            elif r.status_code == 424:  # "server not running": its Launch button
                spawn = _html_attr(r'href="([^"]*/hub/spawn/[^"]*)"', r.text, "the Launch button")
                r = await browser.page(hub + spawn, ok=(200, 424))
            else:
                raise RuntimeError(f"after log-in the browser is at {where} ({r.status_code})")
        else:
            raise RuntimeError(f"the browser never reached the link's page (last at {where})")
        done("start server")

        # 3. Pull the course: nbgitpuller's page starts its event stream; wait for "finished".
        s.step = "pull course"
        page = r.text
        query = {
            "_xsrf": unquote(_html_attr(r'data-xsrf="([^"]*)"', page, "nbgitpuller's xsrf token")),
            "repo": unquote(_html_attr(r'data-repo="([^"]*)"', page, "the repository")),
            "targetpath": unquote(_html_attr(r'data-targetpath="([^"]*)"', page, "the target folder")),
        }
        with contextlib.suppress(RuntimeError):
            query["branch"] = unquote(_html_attr(r'data-branch="([^"]*)"', page, "the branch"))
        redirect = unquote(_html_attr(r'data-path="([^"]*)"', page, "where to go after pulling"))
        event = await browser.events(
            f"{hub}{prefix}git-pull/api?{urlencode(query)}",
            browser.api_headers(prefix),
            until=lambda e: e.get("phase") in ("finished", "error"),
            timeout=args.spawn_timeout,
        )
        if event["phase"] != "finished":
            raise RuntimeError(f"nbgitpuller: {event.get('message')}")
        done("pull course")

        # 4. Open the lesson in JupyterLab; ready when its kernel answers.
        s.step = "open lesson"
        r = await browser.page(f"{hub}{prefix}{redirect}")
        path = unquote(redirect.split("lab/tree/", 1)[1])
        lesson, kernel = await open_notebook(browser, prefix, path, args.cell_timeout, kernels)
        s.ready = time.monotonic() - start
        done("open lesson")

        # 5. Run all cells.
        s.step = "run lesson"
        for cell in code_cells(lesson):
            await kernel.run(_source(cell))
        done("run lesson")

        # 6. Use a widget through the kernel.
        s.step = "use widget"
        await use_widget(kernel)
        done("use widget")

        # 7. Answer the exercise set in a second kernel, save it, read it back.
        s.step = "answer set"
        set_path = f"{folder}/{args.exercise}"
        nb, set_kernel = await open_notebook(browser, prefix, set_path, args.cell_timeout, kernels)
        answers: dict[int, str] = {}  # typed answer cells: index -> the source typed
        forms: list[int] = []  # form cells answered through their widgets
        displays: dict[str, dict[str, Any]] = {}
        for i, cell in enumerate(nb["cells"]):
            if cell["cell_type"] != "code":
                continue
            role = (cell.get("metadata", {}).get("medialit") or {}).get("role")
            if role == "answer":
                cell["source"] = answers[i] = answer_for(cell)
            before = set(set_kernel.widgets.models)
            cell["outputs"] = await set_kernel.run(_source(cell), displays)
            created = [c for c in set_kernel.widgets.models if c not in before]
            found = form_input(set_kernel, created) if role == "form" else None
            if found is not None:
                notebook_outputs(await set_kernel.set_widget(*found), displays)  # updates its record
                forms.append(i)
        if not answers and not forms:
            raise RuntimeError(f"{args.exercise} has no forms or answer cells (metadata.medialit.role)")
        done("answer set")

        s.step = "save set"
        api = browser.api_headers(prefix)
        url = f"{hub}{prefix}api/contents/{quote(set_path)}"
        r = await browser.web.put(
            url, json={"type": "notebook", "format": "json", "content": nb}, headers=api
        )
        if r.status_code != 200:
            raise RuntimeError(f"saving answered {r.status_code}: {r.text[:200]}")
        r = await browser.web.get(url + "?content=1", headers=api)
        saved = r.json()["content"]["cells"]
        lost = [i for i, text in answers.items() if _source(saved[i]) != text]
        lost += [i for i in forms if not holds_answer(saved[i])]
        if lost:
            raise RuntimeError(f"the saved set lost the answers of cells {lost}")
        done("save set")
        s.step = ""
    except Exception as exc:  # one student's failure is a result, not the end of the run
        s.error = f"{type(exc).__name__}: {exc}".strip()[:300]
    finally:
        for n, kernel in enumerate(kernels, 1):
            s.reconnects += kernel.reconnects
            s.events += [f"kernel {n}: {e}" for e in kernel.events]
            await kernel.close()
        await browser.close()
    return s


# ==================================================================================================
# Measuring the hub's processes
# ==================================================================================================
class Sampler:
    """Once a second, the memory (PSS) of every process of the hub's tree, grouped by student."""

    def __init__(self, hub: Hub, interval: float = 1.0) -> None:
        self.hub, self.interval = hub, interval
        self.owner: dict[tuple[int, float], str] = {}  # (pid, create time) -> student, or "" for the hub
        self.peak_total = 0
        self.peak_student: dict[str, int] = {}
        self.samples = 0
        self.min_available = _memory_available()  # the system's MemAvailable at its lowest
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(30)

    def _whose(self, p: Any) -> str:
        import psutil

        key = (p.pid, p.create_time())
        if key in self.owner:
            return self.owner[key]
        who = ""
        with contextlib.suppress(psutil.Error):
            who = p.environ().get("JUPYTERHUB_USER", "")  # students' servers and their kernels
        if who:  # not remembered when empty: a process read between fork and exec shows its parent's
            self.owner[key] = who
        return who

    def sample(self) -> dict[str, dict[str, float]]:
        """One reading: per owner ("" = hub and proxy), PSS bytes and CPU seconds."""
        import psutil

        usage: dict[str, dict[str, float]] = {}
        for p in self.hub.processes():
            with contextlib.suppress(psutil.Error):
                with p.oneshot():
                    who = self._whose(p)
                    mem = p.memory_full_info()
                    cpu = p.cpu_times()
                row = usage.setdefault(who, {"pss": 0.0, "cpu": 0.0, "procs": 0})
                row["pss"] += getattr(mem, "pss", mem.rss)
                row["cpu"] += cpu.user + cpu.system + cpu.children_user + cpu.children_system
                row["procs"] += 1
        total = sum(int(r["pss"]) for r in usage.values())
        self.peak_total = max(self.peak_total, total)
        for who, row in usage.items():
            if who:
                self.peak_student[who] = max(self.peak_student.get(who, 0), int(row["pss"]))
        self.samples += 1
        self.min_available = min(self.min_available, _memory_available())
        return usage

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100), interpolated between the nearest ranks.

    >>> percentile([1, 2, 3, 4, 5], 95)
    4.8
    """
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (rank - low), 6)


def _folder_size(folder: Path) -> int:
    """Bytes of the files under ``folder`` (a student's home: the course, their work, caches)."""
    total = 0
    for path in folder.rglob("*"):
        with contextlib.suppress(OSError):  # a kernel may be writing or removing a file right now
            if path.is_file() and not path.is_symlink():
                total += path.stat().st_size
    return total


def _memory_available() -> int:
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    return 0


async def run(args: argparse.Namespace) -> dict[str, Any]:
    from medialit.links import course_links, folder_name

    with tempfile.TemporaryDirectory(prefix="medialit-hub-load-") as tmp:
        tmp_path = Path(tmp)
        repo = make_course_repo(args.course.resolve(), tmp_path / COURSE_REPO_NAME)
        (tmp_path / "hub").mkdir()
        hub = Hub(tmp_path / "hub")

        def lesson_link() -> str:
            """The link a teacher gets from `medialit links` for this lesson, on the hub's address."""
            links = {x.path: x.url for x in course_links(hub.url, str(repo), course=repo, branch="main")}
            if args.lesson not in links:
                raise SystemExit(f"{args.lesson} is not a lesson of the course (it has {', '.join(links)}).")
            return links[args.lesson]

        lesson_link()  # a wrong lesson is said before anything starts
        folder = folder_name(str(repo))
        leftovers: list[str] = []
        memory_before = _memory_available()
        started = time.monotonic()
        try:
            hub.start()
            link = lesson_link()  # the address is known for sure once the hub answers on it
            with Sampler(hub) as sampler:
                baseline = sampler.sample().get("", {"pss": 0.0, "cpu": 0.0})
                names = [f"student{i:02d}" for i in range(1, args.students + 1)]

                async def one(i: int, name: str) -> Student:
                    await asyncio.sleep(args.ramp * i / max(1, len(names)))
                    return await student(name, hub.url, link, folder, args)

                tasks = [asyncio.create_task(one(i, n)) for i, n in enumerate(names)]
                finished, pending = await asyncio.wait(tasks, timeout=args.deadline)
                for task in pending:
                    task.cancel()
                results = []
                for name, task in zip(names, tasks, strict=True):
                    if task in finished and not task.cancelled() and task.exception() is None:
                        results.append(task.result())
                    else:
                        results.append(Student(name, error=f"not finished within {args.deadline:.0f} s"))
                with contextlib.suppress(Exception):
                    await asyncio.gather(*pending, return_exceptions=True)
                wall = time.monotonic() - started
                final = sampler.sample()  # everyone's servers and kernels still run: their CPU so far
                homes = [_folder_size(hub.state / "users" / name) / MiB for name in names]
        finally:
            leftovers = hub.stop()
            log_tail = hub.log_tail(15)
            kernels_lost, kernels_over_tcp = hub.kernel_trouble()
            if args.hub_log:
                shutil.copy2(hub.log, args.hub_log)
    failures = [r for r in results if r.error]
    ready = [r.ready for r in results if r.ready is not None and not r.error]
    hub_row = final.get("", {"pss": 0.0, "cpu": 0.0})
    student_cpu = [final[r.name]["cpu"] for r in results if r.name in final]
    student_mem = [sampler.peak_student[r.name] / MiB for r in results if r.name in sampler.peak_student]
    steps = list(dict.fromkeys(k for r in results for k in r.steps))
    driver = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "students": args.students,
        "workdir": tmp,
        "lesson": args.lesson,
        "exercise": args.exercise,
        "failures": len(failures),
        "failed": [
            {"student": r.name, "step": r.step, "error": r.error, "events": r.events} for r in failures
        ],
        "connection_events": {r.name: r.events for r in results if r.events},
        "processes_left_behind": leftovers,
        "kernels_lost": kernels_lost,
        "kernels_over_tcp": kernels_over_tcp,
        "kernel_reconnects": sum(r.reconnects for r in results),
        "wall_seconds": round(wall, 1),
        "ready_seconds": {
            "median": round(statistics.median(ready), 2) if ready else None,
            "p95": round(percentile(ready, 95), 2) if ready else None,
            "max": round(max(ready), 2) if ready else None,
        },
        "step_seconds_median": {
            k: round(statistics.median(r.steps[k] for r in results if k in r.steps), 2) for k in steps
        },
        "memory_per_student_mib": {
            "median": round(statistics.median(student_mem), 1) if student_mem else None,
            "max": round(max(student_mem), 1) if student_mem else None,
        },
        "cpu_seconds_per_student": {
            "median": round(statistics.median(student_cpu), 2) if student_cpu else None,
            "max": round(max(student_cpu), 2) if student_cpu else None,
            "with_hub_share": round((sum(student_cpu) + hub_row["cpu"] - baseline["cpu"]) / args.students, 2)
            if student_cpu
            else None,
        },
        "home_folder_mib": round(statistics.median(homes), 1) if homes else None,
        "hub_and_proxy": {"pss_mib": round(hub_row["pss"] / MiB, 1), "cpu_seconds": round(hub_row["cpu"], 2)},
        "peak_memory_mib": {
            "hub_tree_pss": round(sampler.peak_total / MiB, 1),
            "system_rise": round(max(0, memory_before - sampler.min_available) / MiB, 1),
        },
        "samples": sampler.samples,
        "driver_cpu_seconds": round(driver.ru_utime + driver.ru_stime, 1),
        "machine": {
            "cpus": os.cpu_count(),
            "memory_gib": round(os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE") / 1024**3, 1),
        },
        "hub_log_tail": log_tail if failures or leftovers else "",
    }


def print_report(r: dict[str, Any]) -> None:
    ok = r["failures"] == 0 and not r["processes_left_behind"]
    print(
        f"{r['students']} students at once on one JupyterHub (127.0.0.1), "
        f"{r['machine']['cpus']} CPUs, {r['machine']['memory_gib']} GiB"
    )
    print(f"  lesson {r['lesson']}, exercise set {r['exercise']}")
    print(f"  failures: {r['failures']}    processes left behind: {len(r['processes_left_behind'])}")
    print(f"  kernel websockets the server dropped and the browser reopened: {r['kernel_reconnects']}")
    print(f"  kernels the servers lost (died or never started): {r['kernels_lost']}")
    for f in r["failed"][:10]:
        print(f"    {f['student']} at '{f['step']}': {f['error']}")
    for name, events in list(r["connection_events"].items())[:10]:
        for event in events:
            print(f"      {name} {event}")
    rs = r["ready_seconds"]
    print(
        f"  time to a ready lesson: median {rs['median']} s, 95th percentile {rs['p95']} s, max {rs['max']} s"
    )
    print("  median seconds per step: " + ", ".join(f"{k} {v}" for k, v in r["step_seconds_median"].items()))
    m, c = r["memory_per_student_mib"], r["cpu_seconds_per_student"]
    print(
        f"  memory per student (peak PSS of server + kernels): median {m['median']} MiB, max {m['max']} MiB"
    )
    print(
        f"  CPU seconds per student: median {c['median']}, max {c['max']}; "
        f"with a share of hub and proxy: {c['with_hub_share']}"
    )
    print(f"  a student's home folder (course, saved work, caches): {r['home_folder_mib']} MiB")
    print(f"  hub and proxy: {r['hub_and_proxy']['pss_mib']} MiB, {r['hub_and_proxy']['cpu_seconds']} CPU s")
    p = r["peak_memory_mib"]
    print(
        f"  peak memory of the whole hub (PSS of all its processes): {p['hub_tree_pss']} MiB "
        f"(system memory in use rose by {p['system_rise']} MiB)"
    )
    print(f"  whole run {r['wall_seconds']} s; this driver used {r['driver_cpu_seconds']} CPU s")
    print("  result: " + ("ok" if ok else "FAILED"))
    if r["hub_log_tail"]:
        print("  last lines of the hub's log:\n    " + r["hub_log_tail"].replace("\n", "\n    "))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=30, help="simulated students at once (default 30)")
    parser.add_argument(
        "--course", type=Path, default=ROOT, help="the course folder to pull (default: this checkout)"
    )
    parser.add_argument(
        "--lesson", default=LESSON, help=f"the lesson students open and run (default {LESSON})"
    )
    parser.add_argument("--exercise", default=EXERCISE, help=f"the set students answer (default {EXERCISE})")
    parser.add_argument(
        "--ramp",
        type=float,
        default=0.0,
        help="spread the students' starts over this many seconds (default 0: all at once)",
    )
    parser.add_argument(
        "--deadline",
        type=float,
        default=1800,
        help="stop the whole run after this many seconds (default 1800)",
    )
    parser.add_argument(
        "--spawn-timeout", type=float, default=600, help="longest wait for a server or a pull (default 600 s)"
    )
    parser.add_argument(
        "--request-timeout", type=float, default=300, help="longest wait for one HTTP answer (default 300 s)"
    )
    parser.add_argument(
        "--cell-timeout", type=float, default=600, help="longest wait for one cell (default 600 s)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a report")
    parser.add_argument("--hub-log", type=Path, help="keep a copy of the hub's log in this file")
    args = parser.parse_args(argv)
    if not 1 <= args.students <= 500:
        parser.error("--students must be between 1 and 500")
    if shutil.which("git") is None:
        parser.error("git is needed (nbgitpuller clones with it)")
    result = asyncio.run(run(args))
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_report(result)
    return 0 if result["failures"] == 0 and not result["processes_left_behind"] else 1


if __name__ == "__main__":
    sys.exit(main())
