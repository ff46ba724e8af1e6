"""The marking page's small web server (Python's ``http.server``, no extra dependency).

It listens on 127.0.0.1 by default and answers only requests that carry the session's secret token
(in the ``X-Medialit-Token`` header; the page gets it from the address it was opened with), so no
other web page or user on the machine can read the answers or change a mark. It serves three static
files from ``page/`` and a JSON API:

* ``GET /api/questions`` — the open questions, rubrics, samples and progress;
* ``GET /api/answers?exercise=ex01&question=q9[&names=1]`` — the answers, names only when asked;
* ``POST /api/mark`` ``{"key", "levels", "comment"}`` — save one mark (durable when it answers).
"""

from __future__ import annotations

import hmac
import json
import secrets
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from .session import MarkingSession

__all__ = ["MarkingServer"]

PAGE = Path(__file__).resolve().parent / "page"
_STATIC = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/marking.js": ("marking.js", "text/javascript; charset=utf-8"),
    "/marking.css": ("marking.css", "text/css; charset=utf-8"),
}
_MAX_BODY = 64 * 1024
_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
    "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Frame-Options": "DENY",
}


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "medialit-mark"
    sys_version = ""

    def log_message(self, format: str, *args: Any) -> None:
        return  # quiet: the terminal shows only what the teacher needs

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in _SECURITY_HEADERS.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, data: Any) -> None:
        self._send(
            status, json.dumps(data, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8"
        )

    def _authorised(self) -> bool:
        given = self.headers.get("X-Medialit-Token", "")
        return hmac.compare_digest(given.encode(), self.server.token.encode())

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path in _STATIC:
            name, content_type = _STATIC[url.path]
            self._send(HTTPStatus.OK, (PAGE / name).read_bytes(), content_type)
            return
        if url.path == "/favicon.ico":
            self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
            return
        if not url.path.startswith("/api/"):
            self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})
            return
        if not self._authorised():
            self._json(
                HTTPStatus.FORBIDDEN, {"error": "open the address printed by medialit mark (with its token)"}
            )
            return
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        try:
            if url.path == "/api/questions":
                self._json(HTTPStatus.OK, {"questions": self.server.session.questions()})
            elif url.path == "/api/answers":
                answers = self.server.session.answers(
                    query.get("exercise", ""), query.get("question", ""), names=query.get("names") == "1"
                )
                self._json(HTTPStatus.OK, {"answers": answers})
            else:
                self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})
        except KeyError:
            self._json(HTTPStatus.NOT_FOUND, {"error": "no such question"})

    do_HEAD = do_GET

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if not self._authorised():
            self._json(
                HTTPStatus.FORBIDDEN, {"error": "open the address printed by medialit mark (with its token)"}
            )
            return
        if url.path != "/api/mark":
            self._json(HTTPStatus.NOT_FOUND, {"error": "not found"})
            return
        if not self.headers.get("Content-Type", "").startswith("application/json"):
            self._json(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, {"error": "send JSON"})
            return
        try:
            length = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            length = -1
        if not 0 < length <= _MAX_BODY:
            self._json(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, {"error": "the request is empty or too large"})
            return
        try:
            data = json.loads(self.rfile.read(length))
            if not isinstance(data, dict):
                raise ValueError("send a JSON object")
            result = self.server.session.save(
                data.get("key", ""), data.get("levels"), data.get("comment", "")
            )
        except KeyError:
            self._json(HTTPStatus.NOT_FOUND, {"error": "no such answer"})
            return
        except ValueError as exc:
            self._json(HTTPStatus.BAD_REQUEST, {"error": str(exc)})
            return
        except OSError as exc:
            self._json(
                HTTPStatus.INTERNAL_SERVER_ERROR, {"error": f"the mark could not be saved ({exc.strerror})"}
            )
            return
        self._json(HTTPStatus.OK, result)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    session: MarkingSession
    token: str


class MarkingServer:
    """Serve the marking page for ``session`` on ``host:port`` (port 0: any free port)."""

    def __init__(
        self, session: MarkingSession, *, host: str = "127.0.0.1", port: int = 0, token: str = ""
    ) -> None:
        self.session = session
        self.httpd = _Server((host, port), _Handler)
        self.httpd.session = session
        self.httpd.token = token or secrets.token_urlsafe(24)
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The address to open, with the token."""
        address, port = self.httpd.server_address[:2]
        host = address.decode() if isinstance(address, bytes) else str(address)
        shown = "127.0.0.1" if host in ("0.0.0.0", "") else host  # noqa: S104 - only displayed
        return f"http://{shown}:{port}/?token={self.httpd.token}"

    def serve_forever(self) -> None:
        """Serve until interrupted."""
        self.httpd.serve_forever(poll_interval=0.2)

    def start(self) -> None:
        """Serve in a background thread (tests)."""
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and write the reports with the marks."""
        self.httpd.shutdown()
        self.httpd.server_close()
        self.session.close()
