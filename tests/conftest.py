"""Shared fixtures. Each area's own fixtures live in its own conftest or test module."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# conftest files are plugins, not modules to search for doctests: with --doctest-modules, two files
# both named conftest.py (here and in browser/) would otherwise clash on import.
collect_ignore_glob = ["**/conftest.py", "conftest.py"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Under ``pytest -n auto --dist loadgroup`` (``make test``), the browser tests run in one worker,
    so they share one JupyterLab server and one Chromium instead of starting one per worker."""
    for item in items:
        if item.get_closest_marker("browser") is not None:
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def root() -> Path:
    """The repository's top folder."""
    return ROOT


@pytest.fixture(scope="session")
def article():
    """The built-in article (loaded once)."""
    import medialit

    return medialit.load_article()
