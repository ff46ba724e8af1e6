"""Exercise sets a teacher generated for their own articles, found on a search path.

A generated set (``medialit generate-set``) lives in a folder of its own, named after the set:
``sets/<set id>/`` holds its master ``<set id>_<slug>.yaml``, the article (``<name>.txt``) and the
article's reviewed key (``<name>.key.yaml``). The kit finds set folders

1. in each folder named by the environment variable ``MEDIALIT_SETS`` (several are separated by
   ``os.pathsep``, ``:`` on Linux and macOS); such a folder may also be a set folder itself;
2. in the set folders this process loaded a master from by its path
   (:func:`medialit.exercises.build.load_master`);
3. in the ``sets/`` folder of the current working directory, or of the nearest folder above it that
   has one: a notebook in ``course/exercises/`` (whose kernel runs there) finds ``course/sets/``.

``medialit grade --course DIR`` and ``medialit collect --course DIR`` add the course's ``sets/`` folder
(:func:`sets_folder`) to the first list; a grader's record names the folders of the sets it graded
(``medialit.grading._record``). A generated set's id is lower-case words
joined by hyphens (``voa-asean-chief``): it always has a hyphen, so it never looks like a built-in
set's id (``ex01``); a built-in id always wins, and of two folders with the same set id the first one
found is used (with a warning).

>>> is_generated_id("voa-asean-chief"), is_generated_id("ex01"), is_generated_id("Voa_asean")
(True, False, False)
"""

from __future__ import annotations

import os
import re
import warnings
from pathlib import Path

from ..errors import MedialitWarning

__all__ = [
    "ENV",
    "answer_files",
    "is_generated_id",
    "masters_in",
    "register",
    "search_path",
    "set_masters",
    "sets_folder",
    "use_sets",
]

ENV = "MEDIALIT_SETS"
_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")
_warned: set[tuple[str, str, str]] = set()
_registered: list[Path] = []  # folders this process was told about (a master loaded by its path)


def is_generated_id(set_id: str) -> bool:
    """True for an id a generated set may have: lower-case words joined by at least one hyphen, not
    starting with ``lesson`` (the lessons' own questions are ``lesson03`` ...).

    >>> is_generated_id("lesson-plan"), is_generated_id("my-lesson")
    (False, True)
    """
    return bool(_ID.match(set_id)) and not set_id.startswith("lesson")


def _nearest_sets_folder() -> Path | None:
    try:
        here = Path.cwd()
    except OSError:  # the working directory was removed
        return None
    for folder in (here, *here.parents):
        candidate = folder / "sets"
        if candidate.is_dir():
            return candidate
    return None


def search_path() -> list[Path]:
    """The folders searched for set folders, in order (see the module's rules).

    >>> import os, tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     os.environ[ENV] = d
    ...     found = search_path()[0] == Path(d)
    ...     del os.environ[ENV]
    >>> found
    True
    """
    folders = [Path(p) for p in os.environ.get(ENV, "").split(os.pathsep) if p.strip()]
    folders += _registered
    nearest = _nearest_sets_folder()
    if nearest is not None:
        folders.append(nearest)
    unique: list[Path] = []
    for folder in folders:
        if folder.is_dir() and all(not _same(folder, u) for u in unique):
            unique.append(folder)
    return unique


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _master_in(folder: Path) -> Path | None:
    """The master of a set folder: ``<folder name>_<slug>.yaml`` inside it."""
    if not is_generated_id(folder.name):
        return None
    found = sorted(p for p in folder.glob(f"{folder.name}_*.yaml") if not p.name.endswith(".key.yaml"))
    return found[0] if found else None


def masters_in(root: str | Path) -> dict[str, Path]:
    """The generated sets in one folder (a folder of set folders, or one set's folder): id -> master.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     (Path(d) / "my-article").mkdir()
    ...     _ = (Path(d) / "my-article" / "my-article_close-reading.yaml").write_text("")
    ...     [(k, v.name) for k, v in masters_in(d).items()]
    [('my-article', 'my-article_close-reading.yaml')]
    """
    root = Path(root)
    try:
        candidates = [root] if _master_in(root) else sorted(p for p in root.iterdir() if p.is_dir())
    except OSError:  # a folder we may not read: as if it held no set
        return {}
    return {folder.name: master for folder in candidates if (master := _master_in(folder)) is not None}


def set_masters() -> dict[str, Path]:
    """Every generated set found on the search path: set id -> its master file."""
    found: dict[str, Path] = {}
    for root in search_path():
        for set_id, master in masters_in(root).items():
            folder = master.parent
            if set_id in found and not _same(found[set_id].parent, folder):
                clash = (set_id, str(found[set_id]), str(master))
                if clash not in _warned:
                    _warned.add(clash)
                    warnings.warn(
                        f"two exercise sets are called {set_id!r}: {found[set_id].parent} and {folder}; "
                        "using the first. Rename one folder (and its set id).",
                        MedialitWarning,
                        stacklevel=2,
                    )
                continue
            found.setdefault(set_id, master)
    return found


def answer_files() -> list[Path]:
    """The files that hold the answers of the generated sets found: each set's master and key, and its
    solution notebook in the course it belongs to (where :func:`medialit._paths.answer_bearing_paths`
    ``("course")`` puts answers). The grader keeps them out of every submission's sandbox.

    >>> import os, tempfile
    >>> saved = os.environ.pop(ENV, None)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     folder = Path(d, "sets", "my-article")
    ...     folder.mkdir(parents=True)
    ...     for name in ("my-article_close-reading.yaml", "my-article.key.yaml", "my-article.txt"):
    ...         _ = (folder / name).write_text("")
    ...     os.environ[ENV] = str(Path(d, "sets"))
    ...     found = [p.name for p in answer_files()]
    >>> found
    ['my-article.key.yaml', 'my-article_close-reading.yaml']
    >>> _ = os.environ.pop(ENV) if saved is None else os.environ.update({ENV: saved})
    """
    from .._paths import answer_bearing_paths

    found: set[Path] = set()
    for master in set_masters().values():
        folder = master.parent
        course = folder.parent.parent if folder.parent.name == "sets" else None
        for pattern in answer_bearing_paths("course"):
            if pattern.startswith("sets/*/"):
                found.update(p for p in folder.glob(pattern[len("sets/*/") :]) if p.is_file())
            elif course is not None:  # a folder of the course: this set's notebook in it
                found.update(p for p in [course / pattern / f"{master.stem}.ipynb"] if p.is_file())
    return sorted(found)


def register(folder: str | Path) -> None:
    """Search ``folder`` (a set folder, or a folder of set folders) in this process from now on."""
    path = Path(folder).resolve()
    if path not in _registered:
        _registered.append(path)


def sets_folder(course: str | Path) -> Path:
    """The folder of a course's generated sets: ``course/sets/`` when there is one, else ``course``
    itself (a folder of sets, or one set's folder, given directly).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as d:
    ...     (Path(d) / "sets").mkdir()
    ...     sets_folder(d) == Path(d) / "sets", sets_folder(Path(d) / "sets") == Path(d) / "sets"
    (True, True)
    """
    course = Path(course)
    return course / "sets" if (course / "sets").is_dir() else course


def use_sets(*folders: str | Path) -> list[Path]:
    """Put ``folders`` first on the search path, for this process and any it starts (the grader's
    workers inherit it). Returns the search path.

    >>> import os, tempfile
    >>> saved = os.environ.pop(ENV, None)
    >>> with tempfile.TemporaryDirectory() as d:
    ...     use_sets(d)[0] == Path(d).resolve()
    True
    >>> _ = os.environ.pop(ENV) if saved is None else os.environ.update({ENV: saved})
    """
    given = [str(Path(f).resolve()) for f in folders]
    old = [p for p in os.environ.get(ENV, "").split(os.pathsep) if p.strip() and p not in given]
    os.environ[ENV] = os.pathsep.join([*given, *old])
    return search_path()
