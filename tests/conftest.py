"""Shared fixtures. Each area's own fixtures live in its own conftest or test module."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# conftest files are plugins, not modules to search for doctests: with --doctest-modules, two files
# both named conftest.py (here and in browser/) would otherwise clash on import.
collect_ignore_glob = ["**/conftest.py", "conftest.py"]


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository's top folder."""
    return ROOT


@pytest.fixture(scope="session")
def article():
    """The built-in article (loaded once)."""
    import medialit

    return medialit.load_article()
