"""Files written whole or not at all: a temporary file beside the target, then one rename.

A teacher's gradebook, a marks file or a student's saved answer is never left half-written when
the machine stops or a write fails: readers see the old file or the new one, and a failed write
leaves no temporary file behind.

>>> import tempfile
>>> with tempfile.TemporaryDirectory() as d:
...     with replacing(Path(d) / "marks.json") as handle:
...         _ = handle.write("{}")
...     sorted(p.name for p in Path(d).iterdir())
['marks.json']
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["replacing"]


@contextlib.contextmanager
def replacing(
    path: str | Path,
    *,
    binary: bool = False,
    encoding: str = "utf-8",
    newline: str | None = None,
    chmod: int | None = None,
) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on a clean exit it is synced and renamed onto ``path``.

    ``binary`` opens it for bytes; ``chmod`` sets its mode before the rename (``0o444``: read-only).
    An exception inside the block removes the temporary file and leaves ``path`` as it was.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     target = Path(d) / "a.txt"
    ...     _ = target.write_text("old")
    ...     try:
    ...         with replacing(target) as handle:
    ...             _ = handle.write("half")
    ...             raise OSError("disk full")
    ...     except OSError:
    ...         pass
    ...     target.read_text(), len(list(Path(d).iterdir()))
    ('old', 1)
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if binary:
            handle: IO[Any] = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding=encoding, newline=newline)
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if chmod is not None:
            os.chmod(tmp, chmod)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable where the system allows
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
