"""Where the kit's data files live, in a source checkout and in an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path

__all__ = ["data_dir"]


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
