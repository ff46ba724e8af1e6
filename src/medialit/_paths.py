"""Where the kit's data files live: a source checkout, an installed wheel, or a folder a teacher names.

Setting the environment variable ``MEDIALIT_DATA`` to a folder laid out like ``data/`` (with
``articles/``, ``lexicons/`` and ``schemas/``) makes the kit read its articles, answer keys and word
lists from there, for example a copy of the data with a corrected key.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

__all__ = ["DATA_ENV", "data_dir"]

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
