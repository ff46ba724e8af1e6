"""Messages between the grader and its worker: length-prefixed JSON over a Unix stream socket,
with file descriptors attached (``SCM_RIGHTS``). Works on Linux and macOS (which has no
``SOCK_SEQPACKET`` for Unix sockets).

>>> import socket
>>> a, b = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
>>> send(a, {"op": "hello"})
>>> recv(b)
({'op': 'hello'}, [])
"""

from __future__ import annotations

import json
import socket
import struct
from typing import Any

__all__ = ["MAX_MESSAGE", "recv", "send"]

MAX_MESSAGE = 16 << 20
_HEADER = struct.Struct("!I")


def send(sock: socket.socket, message: dict[str, Any], fds: list[int] | None = None) -> None:
    """Send one message (and ``fds``) as a single frame."""
    body = json.dumps(message).encode()
    frame = _HEADER.pack(len(body)) + body
    sent = socket.send_fds(sock, [frame], fds) if fds else sock.send(frame)
    if sent < len(frame):
        sock.sendall(frame[sent:])


def _exactly(sock: socket.socket, size: int) -> bytes:
    chunks = []
    while size:
        chunk = sock.recv(min(size, 1 << 20))
        if not chunk:
            raise EOFError("the other side closed the connection")
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def recv(sock: socket.socket, max_fds: int = 4) -> tuple[dict[str, Any], list[int]]:
    """Receive one message and its descriptors; raise ``EOFError`` when the other side is gone."""
    head, fds, _flags, _addr = socket.recv_fds(sock, _HEADER.size, max_fds)
    if not head:
        raise EOFError("the other side closed the connection")
    if len(head) < _HEADER.size:
        head += _exactly(sock, _HEADER.size - len(head))
    (size,) = _HEADER.unpack(head)
    if size > MAX_MESSAGE:
        raise EOFError("message too large")
    message = json.loads(_exactly(sock, size))
    return message, list(fds)
