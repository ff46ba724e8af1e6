"""Where the kit's data files live, in a source checkout and in an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["answer_bearing_paths", "data_dir"]


@cache
def data_dir() -> Path:
    """The folder that holds ``articles/``, ``lexicons/`` and ``schemas/``.

    >>> (data_dir() / "articles").is_dir()
    True
    """
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data", here.parent.parent / "data"):
        if (candidate / "articles").is_dir():
            return candidate
    raise FileNotFoundError(f"medialit's data folder is missing (looked beside {here}).")


def answer_bearing_paths(layout: str = "package") -> tuple[str, ...]:
    """Where the kit keeps answers: what a student-side copy of the kit must leave out.

    The one list of answer-bearing paths (grading's sealed copy uses it; a student edition can).
    ``layout="package"`` gives glob patterns relative to the installed package folder, with the
    data files under ``_data/`` as in a wheel; ``layout="repository"`` the same places in a
    source checkout, plus what only the repository holds (the solution notebooks and the
    instructor's guide). A pattern that names a folder covers everything inside it.

    >>> answer_bearing_paths()
    ('exercises/masters', '_data/articles/*.key.yaml')
    >>> "solutions" in answer_bearing_paths("repository")
    True
    """
    masters = "exercises/masters"  # the exercise masters hold every auto-graded answer
    keys = "articles/*.key.yaml"  # the teacher's answer key of each article
    if layout == "package":
        return (masters, f"_data/{keys}")
    if layout == "repository":
        return (f"src/medialit/{masters}", f"data/{keys}", "solutions")
    raise ValueError(f"unknown layout {layout!r} (use 'package' or 'repository')")
