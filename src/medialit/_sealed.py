"""A sealed copy of the kit: the medialit code and its public data, with no answers in it.

What a student's notebook needs in order to run (the article, the lexicons, the widgets, the
notebook helpers) works from this copy; everything :func:`medialit._paths.answer_bearing_paths`
names (the exercise masters, the answer keys) is left out. ``medialit grade`` runs submissions
against it, so no answer is on disk, importable, or in the memory a submission is forked from.

The copy is built once and kept by content: a copy whose files (and sealing rules) hash the
same is reused, so building it costs nothing after the first run.

>>> import medialit
>>> folder = sealed_copy()
>>> (folder / "medialit" / "__init__.py").is_file()
True
>>> (folder / "medialit" / "exercises" / "masters").exists()
False
>>> sorted(p.name for p in (folder / "medialit" / "_data" / "articles").glob("*.key.yaml"))
[]
"""

from __future__ import annotations

import contextlib
import fnmatch
import hashlib
import os
import shutil
import stat
import sys
import tempfile
import time
from pathlib import Path

from ._paths import answer_bearing_paths, data_dir

__all__ = ["sealed_copy", "sealed_files"]

_RULES_VERSION = "1"  # change when what a sealed copy holds changes without its files changing
_KEEP_UNUSED_DAYS = 7


def _package_dir() -> Path:
    return Path(__file__).resolve().parent


def _left_out(rel: str, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatchcase(rel, p) or rel.startswith(p.rstrip("/") + "/") for p in patterns)


def sealed_files() -> dict[str, Path]:
    """What a sealed copy holds: its path relative to the copy's ``medialit/`` -> the original file.

    >>> files = sealed_files()
    >>> "article.py" in files and "_data/articles/putin-nato-talks-2021-12-14.txt" in files
    True
    >>> [name for name in files if name.endswith(".key.yaml") or "masters" in name]
    []
    """
    patterns = answer_bearing_paths("package")
    package, data = _package_dir(), data_dir().resolve()
    found: dict[str, Path] = {}
    for base, prefix in ((package, ""), (data, "_data/")):
        for here, dirs, files in os.walk(base):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__" and not d.startswith("."))
            folder = Path(here)
            if base == package and folder == package:
                dirs[:] = [d for d in dirs if d != "_data"]  # data comes from data_dir()
            for name in sorted(files):
                if name.endswith((".pyc", ".pyo")) or name.startswith("."):
                    continue
                path = folder / name
                rel = prefix + path.relative_to(base).as_posix()
                if not _left_out(rel, patterns) and path.is_file():
                    found[rel] = path
    return found


def _digest(files: dict[str, Path]) -> str:
    digest = hashlib.sha256(f"{_RULES_VERSION}\0{sys.implementation.cache_tag}\0".encode())
    for rel in sorted(files):
        digest.update(rel.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(hashlib.sha256(files[rel].read_bytes()).digest())
    return digest.hexdigest()[:24]


def _private_folder(path: Path) -> bool:
    """True when ``path`` is a real folder that only we can write to (so a cached copy is ours)."""
    try:
        info = path.lstat()
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.geteuid()
        and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def _cache_root() -> Path | None:
    """``~/.cache/medialit`` (or ``$XDG_CACHE_HOME/medialit``), made private; None when unusable."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    root = Path(base) / "medialit"
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return root if _private_folder(root) and os.access(root, os.W_OK) else None


def _write_copy(files: dict[str, Path], target: Path) -> None:
    import compileall

    package = target / "medialit"
    for rel, source in files.items():
        destination = package / rel
        destination.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
        shutil.copyfile(source, destination)
        os.chmod(destination, 0o644)
    compileall.compile_dir(str(package), quiet=2, workers=1)  # later imports read, never write
    # Readable by all (a sandbox's own uid reads it), writable by us only: it holds no secret.
    for here, dirs, names in os.walk(target):
        for name in dirs:
            os.chmod(os.path.join(here, name), 0o755)  # noqa: S103
        for name in names:
            os.chmod(os.path.join(here, name), 0o644)
    os.chmod(target, 0o755)  # noqa: S103


def _forget_old(root: Path, keep: Path) -> None:
    cutoff = time.time() - _KEEP_UNUSED_DAYS * 86400
    for old in root.glob("sealed-*"):
        with contextlib.suppress(OSError):
            if old != keep and old.lstat().st_mtime < cutoff:
                shutil.rmtree(old)


def sealed_copy(cache: Path | None = None) -> Path:
    """The folder to put first on ``sys.path`` so that ``import medialit`` finds a copy without answers.

    Built in ``cache`` (default: the user's cache folder, else a fresh private temporary
    folder) and reused while the kit's files do not change.
    """
    files = sealed_files()
    digest = _digest(files)
    root = cache if cache is not None else _cache_root()
    if root is None or not _private_folder(root):
        root = Path(tempfile.mkdtemp(prefix="medialit-sealed-"))
    target = root / f"sealed-{digest}"
    if (target / "medialit" / "__init__.py").is_file() and _private_folder(target.parent):
        with contextlib.suppress(OSError):
            os.utime(target)  # in use: not old
        return target
    building = Path(tempfile.mkdtemp(prefix=".building-", dir=root))
    try:
        _write_copy(files, building)
        try:
            os.rename(building, target)
        except OSError:  # another run built it at the same moment: use theirs
            if not (target / "medialit" / "__init__.py").is_file():
                raise
    finally:
        if building.exists():
            shutil.rmtree(building, ignore_errors=True)
    _forget_old(root, target)
    return target
