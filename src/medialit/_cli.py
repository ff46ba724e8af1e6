"""What every ``medialit`` command does alike: exit codes and how a problem is told.

A command's ``main(argv)`` is written as plain steps and wrapped with :func:`command`, which
turns argparse's exit (``--help`` or a bad option: argparse has already said why) into an exit
code and a :class:`~medialit.errors.MedialitError` into one cleaned line on stderr and exit code 2,
so a teacher never sees a traceback for a mistake they can fix.

>>> @command("demo")
... def main(argv):
...     raise MedialitError("There is no folder x.", hint="Check the name.")
>>> import contextlib, io
>>> err = io.StringIO()
>>> with contextlib.redirect_stderr(err):
...     main(["x"])
2
>>> err.getvalue()
'medialit demo: There is no folder x. Check the name.\\n'
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from ._terminal import clean
from .errors import MedialitError

__all__ = ["command"]

Main = Callable[[list[str]], int]


class Command(Protocol):
    """A command's ``main``: ``argv`` without the program name, ``None`` for ``sys.argv``."""

    def __call__(self, argv: list[str] | None = None) -> int: ...


def command(name: str) -> Callable[[Main], Command]:
    """Wrap a command's ``main(argv)`` (``argv`` without the program name; ``None``: ``sys.argv``).

    >>> command("x")(lambda argv: len(argv))(["a", "b"])
    2
    """

    def wrap(body: Main) -> Command:
        @functools.wraps(body)
        def main(argv: list[str] | None = None) -> int:
            try:
                return int(body(list(sys.argv[1:] if argv is None else argv)) or 0)
            except SystemExit as exc:  # --help, or bad arguments (argparse printed why)
                return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
            except MedialitError as exc:
                print(f"medialit {name}: {clean(exc, limit=500)}", file=sys.stderr)
                return 2

        return main

    return wrap


def add_course_option(parser: argparse.ArgumentParser, why: str) -> None:
    """The repeatable ``--course DIR`` of the commands that read sets generated for a teacher's own
    articles; ``why`` says what the command does with them.

    >>> parser = argparse.ArgumentParser()
    >>> add_course_option(parser, "its sets/ folder")
    >>> [str(folder) for folder in parser.parse_args(["--course", "a", "--course", "b"]).course]
    ['a', 'b']
    """
    parser.add_argument(
        "--course",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help=f"a course folder with exercise sets generated for your own articles ({why}); repeatable. "
        "The sets/ folder of the current folder (or the nearest one above) is searched anyway.",
    )


def use_courses(courses: list[Path]) -> None:
    """Put the ``--course`` folders' sets first on the search path of generated sets (for this
    process and those it starts); nothing when there are none.

    >>> use_courses([])
    """
    if courses:
        from .exercises._course import sets_folder, use_sets

        use_sets(*(sets_folder(course) for course in courses))
