"""Answers as data: what a submission's process sends out, and how the grader reads it back.

(Answers saved in the notebook's outputs, by widgets and other tools, are read by the one reader
in :mod:`medialit.answers`.)

The submission's process writes one JSON line per executed cell:
``{"t": "cell", "i": 3, "a": {"q1": <plain data>, ...}}`` (only answers that changed), and at the end
``{"t": "done"}``, or ``{"t": "memory"}`` after a ``MemoryError``. Nothing in that stream is
trusted: :class:`AnswerReader` accepts only known answer names, caps every line and the whole
stream, skips garbage, and keeps the last good value of each answer.

>>> r = AnswerReader({"q1": "q1", "q2": "q2"})
>>> r.feed(b'{"t": "cell", "i": 0, "a": {"q1": "B", "evil": 1}}\\n{garbage\\n')
>>> r.feed(b'{"t": "cell", "i": 1, "a": {"q2": [3, 5]}}\\n{"t": "cell", "a": {"q1": ')  # cut short
>>> r.answers, r.done, r.cells
({'q1': 'B', 'q2': [3, 5]}, False, 2)
"""

from __future__ import annotations

import json
from typing import Any

__all__ = [
    "MAX_ANSWER_BYTES",
    "MAX_LINE_BYTES",
    "MAX_STREAM_BYTES",
    "UNREADABLE_KEY",
    "AnswerReader",
    "encode_changed",
    "too_deep",
]

MAX_ANSWER_BYTES = 64_000  # one answer, as JSON
MAX_LINE_BYTES = 1_000_000  # one line of the stream
MAX_STREAM_BYTES = 20_000_000  # everything one submission may send
MAX_DEPTH = 16  # nesting of one answer (real answers are at most three levels deep)
UNREADABLE_KEY = "__medialit_unreadable__"


def _json_default(value: Any) -> Any:
    what = getattr(value, "what", None)
    if isinstance(what, str):  # medialit.scoring._values.Unreadable
        return {UNREADABLE_KEY: what[:200]}
    raise TypeError("not plain data")


def encode_changed(namespace: dict[str, Any], names: list[str], sent: dict[str, str]) -> dict[str, Any]:
    """The answers in ``namespace`` whose JSON differs from what was ``sent`` (updated in place).

    Runs inside the submission's process. Values go through the exercises' ``plain()``
    conversion; a value that cannot be written as capped JSON is skipped (the grader keeps the
    previous one).

    >>> sent = {}
    >>> encode_changed({"q1": (3, 5), "x": 1}, ["q1", "q2"], sent)
    {'q1': [3, 5]}
    >>> encode_changed({"q1": [3, 5]}, ["q1", "q2"], sent)
    {}
    """
    from medialit.scoring._values import plain

    changed: dict[str, Any] = {}
    for name in names:
        if name not in namespace:
            continue
        try:
            value = plain(namespace[name])
            text = json.dumps(value, default=_json_default, ensure_ascii=False, allow_nan=False)
        except Exception:  # noqa: S112 - a value we cannot read is skipped, never fatal
            continue
        if len(text) > MAX_ANSWER_BYTES or sent.get(name) == text:
            continue
        sent[name] = text
        changed[name] = value
    return changed


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """True when ``value`` nests lists or dicts more than ``limit`` levels (checked without recursion).

    >>> too_deep([[["x"]]]), too_deep(json.loads("[" * 600 + "]" * 600))
    (False, True)
    """
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return True
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return False


def _restore(value: Any) -> Any:
    """Turn ``{UNREADABLE_KEY: what}`` markers back into the exercises' ``Unreadable``."""
    if isinstance(value, dict):
        if set(value) == {UNREADABLE_KEY} and isinstance(value[UNREADABLE_KEY], str):
            try:
                from medialit.scoring._values import Unreadable

                return Unreadable(value[UNREADABLE_KEY][:200])
            except ImportError:  # pragma: no cover - exercises always ship with grading
                return None
        return {str(k): _restore(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_restore(v) for v in value]
    return value


class AnswerReader:
    """Parse a submission's answer stream defensively; never raises on what it is fed.

    ``names`` maps each answer variable to its question id. Bytes past
    :data:`MAX_STREAM_BYTES` are ignored (still read, so the sender never blocks), a line longer
    than :data:`MAX_LINE_BYTES` is skipped whole, and so is any line that is not the JSON shape
    above or that names an unknown answer.

    >>> r = AnswerReader({"q1": "q1"})
    >>> r.feed(b'{"t": "cell", "a": {"q1": "' + b"x" * 2_000_000 + b'"}}\\n{"t": "done"}\\n')
    >>> r.answers, r.done
    ({}, True)
    """

    def __init__(self, names: dict[str, str]) -> None:
        self.names = dict(names)
        self.answers: dict[str, Any] = {}  # question id -> last good value
        self.seen: set[str] = set()  # question ids that appeared at least once
        self.cells = 0
        self.done = False
        self.ready = False  # the sandbox was set up (written before any of the notebook's code ran)
        self.memory = False
        self.received = 0
        self._buffer = bytearray()
        self._skipping = False

    def feed(self, data: bytes) -> None:
        """Take the next chunk of the stream."""
        self.received += len(data)
        if self.received - len(data) >= MAX_STREAM_BYTES:
            return
        start = 0
        while True:
            end = data.find(b"\n", start)
            if end < 0:
                if not self._skipping:
                    self._buffer += data[start:]
                    if len(self._buffer) > MAX_LINE_BYTES:
                        self._buffer.clear()
                        self._skipping = True
                return
            if self._skipping:
                self._skipping = False
            else:
                self._buffer += data[start:end]
                if len(self._buffer) <= MAX_LINE_BYTES:
                    self._line(bytes(self._buffer))
                self._buffer.clear()
            start = end + 1

    def _line(self, line: bytes) -> None:
        try:
            record = json.loads(line)
        except (ValueError, RecursionError):
            return
        if not isinstance(record, dict):
            return
        kind = record.get("t")
        if kind == "ready":
            self.ready = True
        elif kind == "done":
            self.done = True
        elif kind == "memory":
            self.memory = True
        elif kind == "cell":
            self.cells += 1
            given = record.get("a")
            if not isinstance(given, dict):
                return
            for name, value in given.items():
                question = self.names.get(name) if isinstance(name, str) else None
                if question is None or too_deep(value):
                    continue
                try:
                    size = len(json.dumps(value))
                except (TypeError, ValueError, RecursionError):
                    continue
                if size <= MAX_ANSWER_BYTES:
                    self.answers[question] = _restore(value)
                    self.seen.add(question)
