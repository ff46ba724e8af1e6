"""``medialit grade PATH... --out DIR``: grade a class's notebooks in one command.

Exit codes: 0 when everything given was graded (a broken submission is a row with a status,
not a failure); 1 when the grading worker could not start (the gradebook is still written, with
those submissions marked as not run); 2 for bad arguments, with a one-line message. Everything
printed about submissions is cleaned of control characters (:mod:`medialit._terminal`).

>>> main(["--jobs", "0", "x", "--out", "y"])
2
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import threading
from pathlib import Path

from .._cli import add_course_option, use_courses
from .._terminal import clean, echo

__all__ = ["build_parser", "main"]


class _ArgumentError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _ArgumentError(message)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 (got {value})")
    return value


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= 24 * 3600:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most a day (got {text})")
    return value


def _megabytes(text: str) -> int:
    value = _positive_int(text)
    if value < 512:
        raise argparse.ArgumentTypeError(
            f"must be at least 512 MB: Python and the kit need about 300 (got {value})"
        )
    return value


def build_parser() -> argparse.ArgumentParser:
    """The ``medialit grade`` argument parser."""
    parser = _Parser(
        prog="medialit grade",
        description="Grade submitted exercise notebooks. Each runs in its own sandboxed process; "
        "scores are computed outside it, so no cell can change a score.",
        epilog="Submissions: a folder with one sub-folder per student, or notebooks named after "
        "students (alice_ex01.ipynb). Writes DIR/gradebook.csv, DIR/details.csv, DIR/feedback/*.html, "
        "DIR/item_analysis.png and .txt. See docs/grading.md.",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="notebooks or folders of notebooks"
    )
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help="folder for the gradebook and feedback (required)"
    )
    parser.add_argument(
        "--jobs",
        type=_positive_int,
        default=None,
        metavar="N",
        help="submissions graded at the same time (default: number of CPU cores)",
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=60.0,
        metavar="SECONDS",
        help="time limit per submission (default 60)",
    )
    parser.add_argument(
        "--memory",
        type=_megabytes,
        default=2048,
        metavar="MB",
        help="memory limit per submission (default 2048)",
    )
    parser.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    add_course_option(parser, "medialit generate-set --course DIR writes them to DIR/sets/")
    return parser


def _check_paths(args: argparse.Namespace) -> None:
    if not args.paths:
        raise _ArgumentError("give at least one notebook or folder to grade")
    for path in args.paths:
        if not path.exists():
            raise _ArgumentError(f"{path} does not exist")
    for folder in args.course:
        if not folder.is_dir():
            raise _ArgumentError(f"--course {folder} is not a folder")
    if args.out is None:
        raise _ArgumentError("say where to write the results with --out DIR")
    if args.out.exists() and not args.out.is_dir():
        raise _ArgumentError(f"--out {args.out} is a file; give a folder")
    for path in args.paths:
        if path.is_dir() and args.out.absolute() == path.absolute():
            raise _ArgumentError(f"--out {args.out} is the submissions folder; give a separate folder")
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _ArgumentError(f"cannot create --out {args.out} ({exc.strerror})") from None
    if not os.access(args.out, os.W_OK):
        raise _ArgumentError(f"cannot write into --out {args.out}")


def _import_plotting() -> None:
    with contextlib.suppress(Exception):  # the reports import it again, and say what is wrong
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot


def main(argv: list[str] | None = None) -> int:
    """Run ``medialit grade``; return the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
        _check_paths(args)
    except _ArgumentError as exc:
        echo(f"medialit grade: {clean(exc)} (see medialit grade --help)", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    # The grader's own process finds the generated sets (medialit.exercises._course) to recognise and
    # score their notebooks; the worker and the submissions never see them (a clean environment and
    # the sealed kit), and the sandbox keeps their folders out (grading._sandbox.kit_locations).
    use_courses(args.course)
    from ._record import describe_changes

    # jsonschema's optional IRI format checker (rfc3987_syntax) compiles a grammar at import,
    # seconds of start-up; nothing the grader validates uses that format.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    from .grader import grade
    from .report import summary_table, write_all

    jobs = args.jobs or max(1, min(os.cpu_count() or 1, 8))
    bar = None
    if not args.quiet:
        from tqdm import tqdm

        tqdm.monitor_interval = 0  # no helper thread
        bar = tqdm(
            total=0, desc="Grading", unit="notebook", file=sys.stderr, mininterval=0.2, dynamic_ncols=True
        )

    def on_ready(_isolation: dict, count: int) -> None:
        if bar is not None:
            bar.total = count
            bar.refresh()

    def on_prepared() -> None:
        # The reports draw with matplotlib: import it while the worker warms up and the
        # submissions run, not after them.
        threading.Thread(target=_import_plotting, name="medialit-import-plotting", daemon=True).start()

    def on_row(row) -> None:
        if bar is not None:
            bar.update(1)

    try:
        rows, isolation = grade(
            [p.absolute() for p in args.paths],
            out=args.out.absolute(),
            jobs=jobs,
            timeout=args.timeout,
            memory_mb=args.memory,
            on_row=on_row,
            on_ready=on_ready,
            on_prepared=on_prepared,
        )
    finally:
        if bar is not None:
            bar.close()
    if not rows:
        looked = ", ".join(clean(p) for p in args.paths)
        echo(
            f"medialit grade: no notebooks (*.ipynb) found in {looked}; wrote an empty gradebook.",
            file=sys.stderr,
        )
    files = write_all(rows, args.out)  # only now: grade() returns once no submission's process is left
    if not args.quiet:
        echo(describe_changes(rows))
        echo(summary_table(rows, isolation))  # its last line is the isolation reached
        echo(
            f"\nWrote {clean(files['gradebook'])}, feedback pages in {clean(files['feedback'])},"
            f" and {clean(files['item_analysis'])}."
        )
    if isolation.get("error"):
        echo(
            f"medialit grade: {clean(isolation['error'])} The gradebook lists those notebooks as not run.",
            file=sys.stderr,
        )
        return 1
    return 0
