"""The ``medialit`` command: a thin dispatcher to each command's own module.

>>> main(["--version"])
medialit 0.1.0
0
"""

from __future__ import annotations

import sys
import warnings
from importlib import import_module

from ._terminal import clean
from .errors import MedialitError, MedialitWarning

__all__ = ["COMMANDS", "main"]

# command -> (module, summary)
COMMANDS: dict[str, tuple[str, str]] = {
    "key": ("medialit.key", "print an article's answer key (tables, or JSON with --json)"),
    "analyze": ("medialit.analysis", "analyse any article automatically (tables, or --json)"),
    "build-exercises": ("medialit.exercises.build", "regenerate exercises/ and solutions/"),
    "collect": ("medialit.grading.collect", "gather submissions from a folder, a hub's homes or LMS zips"),
    "grade": ("medialit.grading.cli", "grade a class's submitted notebooks"),
    "mark": ("medialit.grading.marking", "mark the open answers in a browser page, keyboard only"),
    "export": ("medialit.grading.export", "grades as Canvas, Moodle or plain per-question CSV"),
    "return": ("medialit.grading.returns", "each student's own feedback pages, as folders and zips"),
    "handout": ("medialit.handout", "turn a lesson into a printable HTML handout"),
    "draft-key": (
        "medialit.authoring.draft",
        "draft an answer key for any article, for the teacher's review",
    ),
    "generate-set": ("medialit.authoring.generate", "generate an exercise set from an article and its key"),
    "links": ("medialit.links", "print nbgitpuller links to each lesson and exercise set on a JupyterHub"),
    "release": ("medialit.release", "the student edition: lessons and exercises, no solutions"),
}


def _usage() -> str:
    lines = ["usage: medialit COMMAND [options]", "", "commands:"]
    lines += [f"  {name:<16} {summary}" for name, (_, summary) in COMMANDS.items()]
    lines += ["", "Run 'medialit COMMAND --help' for a command's options."]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run ``medialit COMMAND ...``; return the exit code (0 ok, 2 bad input or arguments)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        print(_usage())
        return 0 if args else 2
    if args[0] == "--version":
        from . import __version__

        print(f"medialit {__version__}")
        return 0
    command, rest = args[0], args[1:]
    if command not in COMMANDS:
        print(f"medialit: unknown command {command!r}.\n\n{_usage()}", file=sys.stderr)
        return 2
    warnings.simplefilter("default", MedialitWarning)
    warnings.formatwarning = lambda message, category, *a, **k: f"medialit: warning: {message}\n"
    try:
        module = import_module(COMMANDS[command][0])
        return int(module.main(rest) or 0)
    except MedialitError as exc:
        print(f"medialit {command}: {clean(exc, limit=500)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("medialit: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
