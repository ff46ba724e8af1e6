"""The list of shipped data files the kit's own tests have checked against their schemas.

Loading a lesson reads the answer key, the lexicons and the lesson's questions; checking each against
its JSON schema means compiling the schemas first, about a fifth of a lesson's own time. The files the
kit ships do not change between runs, so their check is done once, here, and remembered by content
digest in ``data/schemas/verified.json`` (see :func:`medialit._schema.verified`). A file whose bytes
differ in any way (a teacher's edited key, a new word list) is not on the list and is checked in full.

``tests/test_verified.py`` fails when the list is out of date; write it again with ``make verified``
(or ``python -m medialit._verified``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from . import _schema
from ._paths import data_dir
from ._schema import VERIFIED, content_digest

__all__ = ["build", "main", "shipped"]

ABOUT = (
    "Content digests of shipped data files that the kit's tests checked against their schemas; "
    "written by `python -m medialit._verified`, checked by tests/test_verified.py. A file whose bytes "
    "differ is checked in full when it is loaded."
)


def shipped() -> Iterator[tuple[Path, tuple[str, ...], tuple[str, ...], Callable[[], Any]]]:
    """Every shipped file that is checked against a schema when loaded: (path, schemas, relaxed fields,
    the loader that checks it in full).

    >>> any(p.name == "reporting_verbs.csv" for p, *_ in shipped())
    True
    """
    from . import lexicons
    from .exercises import _model
    from .key import load_key
    from .scoring import _text

    for path in sorted((data_dir() / "articles").glob("*.key.yaml")):
        yield path, ("key.schema.json",), (), partial(load_key, path)
    for path in sorted((data_dir() / "lexicons").glob("*.csv")):
        schema = f"lexicon-{path.stem}.schema.json"
        yield path, (schema,), (), partial(lexicons.check_file, path)
    for path in sorted(_model.lessons_dir().glob("lesson*.yaml")):
        schemas = ("lesson-checks.schema.json", "exercise.schema.json")
        yield path, schemas, (), partial(_model._load, path.stem, path)
    for path in sorted(_model.masters_dir().glob("*.yaml")):
        yield path, ("exercise.schema.json",), (), partial(_model._load, path.stem.split("_")[0], path)
    yield _text._little_words_file(), ("little-words.schema.json",), (), _text.little_words.__wrapped__


def _name(path: Path) -> str:
    here = Path(__file__).resolve().parent
    for root, label in ((data_dir(), "data"), (here, "medialit")):
        if path.resolve().is_relative_to(root):
            return f"{label}/{path.resolve().relative_to(root).as_posix()}"
    return path.name


def build() -> dict[str, Any]:
    """The list as it should be: every shipped file loaded and checked in full (a file that fails its
    check raises, so nothing invalid is ever listed)."""
    from .key import _VALID

    files: dict[str, str] = {}
    _schema._TRUST[0] = False
    try:
        _VALID.clear()
        for path, schemas, relax, load in shipped():
            load()
            files[_name(path)] = content_digest(path.read_bytes(), *schemas, relax=relax)
    finally:
        _schema._TRUST[0] = True
        _VALID.clear()
    return {"about": ABOUT, "files": files}


def main() -> int:
    """Write ``data/schemas/verified.json`` from :func:`build`."""
    target = data_dir() / "schemas" / VERIFIED
    listed = build()
    target.write_text(json.dumps(listed, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"Wrote {target} ({len(listed['files'])} files checked).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
