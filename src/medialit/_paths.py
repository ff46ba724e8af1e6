"""Where the kit's data files live: a source checkout, an installed wheel, or a folder a teacher names.

Setting the environment variable ``MEDIALIT_DATA`` to a folder laid out like ``data/`` (with
``articles/``, ``lexicons/`` and ``schemas/``) makes the kit read its articles, answer keys and word
lists from there, for example a copy of the data with a corrected key.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

__all__ = ["DATA_ENV", "answer_bearing_paths", "data_dir"]

#: The environment variable that names another data folder.
DATA_ENV = "MEDIALIT_DATA"


@cache
def data_dir() -> Path:
    """The folder that holds ``articles/``, ``lexicons/`` and ``schemas/``.

    >>> (data_dir() / "articles").is_dir()
    True
    """
    named = os.environ.get(DATA_ENV)
    if named:
        folder = Path(named).expanduser().resolve()
        if not (folder / "articles").is_dir():
            raise FileNotFoundError(f"{DATA_ENV}={named} names no data folder (it has no articles/ folder).")
        return folder
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
    instructor's guide). ``layout="course"`` gives the places in a teacher's course folder that
    hold the answers of the exercise sets generated for their own articles (``medialit
    generate-set``: each set's master and the copy of its key, in ``sets/<set id>/``; the solution
    notebooks). A pattern that names a folder covers everything inside it.

    >>> answer_bearing_paths()
    ('exercises/masters', '_data/articles/*.key.yaml')
    >>> "solutions" in answer_bearing_paths("repository")
    True
    >>> answer_bearing_paths("course")
    ('sets/*/*.yaml', 'solutions')
    """
    masters = "exercises/masters"  # the exercise masters hold every auto-graded answer
    keys = "articles/*.key.yaml"  # the teacher's answer key of each article
    if layout == "package":
        return (masters, f"_data/{keys}")
    if layout == "repository":
        return (f"src/medialit/{masters}", f"data/{keys}", "solutions")
    if layout == "course":
        return ("sets/*/*.yaml", "solutions")  # a set's master <id>_<slug>.yaml and <article>.key.yaml
    raise ValueError(f"unknown layout {layout!r} (use 'package', 'repository' or 'course')")
