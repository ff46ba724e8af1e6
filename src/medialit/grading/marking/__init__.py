"""``medialit mark GRADES``: mark the class's open answers, question by question, in a browser page.

After ``medialit grade SUBMISSIONS --out GRADES``, this serves a small page on this computer
(``http://127.0.0.1:<port>/?token=...``) that shows one answer at a time with the question's
rubric and sample answers, names hidden. Pick a level per criterion with the keyboard (``1`` ``2``
``3``), add a comment if you like (``c``), and go on (``Enter``). Every choice is saved at once in
``GRADES/marks.json``; ``gradebook.csv`` and the feedback pages are updated a moment later and
when you stop the server (Ctrl+C). ``--apply`` only updates them, without serving the page.
See ``docs/roundtrip.md``.

>>> main(["/no/such/grades/folder"])  # says what to give instead, on stderr
2
"""

from __future__ import annotations

import argparse
import signal
from pathlib import Path

from ..._cli import command
from ...errors import MedialitError

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="medialit mark",
        description="Mark the open questions of a graded class in a browser page, one answer at a time.",
        epilog="Keys on the page: 1 2 3 level, up/down criterion, c comment, Enter next, u next unmarked, "
        "h names, s samples, ? all keys. See docs/roundtrip.md.",
    )
    parser.add_argument("grades", type=Path, metavar="GRADES", help="the --out folder of medialit grade")
    parser.add_argument("--port", type=int, default=0, help="port to serve on (default: any free port)")
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: only this computer)",
    )
    parser.add_argument(
        "--solutions",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder with calibration samples (default: the kit's solutions/ folder)",
    )
    parser.add_argument(
        "--apply", action="store_true", help="only write the gradebook and feedback with the marks"
    )
    parser.add_argument("--open", action="store_true", help="open the page in the web browser")
    return parser


@command("mark")
def main(argv: list[str]) -> int:
    """Run ``medialit mark``; return the exit code."""
    args = _parser().parse_args(argv)
    from .._samples import default_solutions_dir
    from .session import MarkingSession

    if not args.grades.is_dir():
        raise MedialitError(f"{args.grades} is not a folder (give the --out folder of medialit grade)")
    solutions = args.solutions if args.solutions is not None else default_solutions_dir()
    session = MarkingSession(args.grades, solutions=solutions, refresh_delay=None if args.apply else 2.0)
    if args.apply:
        session.refresh_reports()
        print("Wrote the gradebook and feedback pages with the marks so far:")
        print(session.progress())
        return 0

    from .server import MarkingServer

    try:
        server = MarkingServer(session, host=args.host, port=args.port)
    except OSError as exc:
        raise MedialitError(f"cannot listen on {args.host}:{args.port} ({exc.strerror})") from None

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, signal.default_int_handler)  # even when started in the background
    print(session.progress())
    print(f"\nMarking page: {server.url}", flush=True)
    print("Marks are saved as you make them. Press Ctrl+C here when you have finished.", flush=True)
    if args.open:
        import webbrowser

        webbrowser.open(server.url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.httpd.server_close()
        session.close()
    print("\nStopped. The gradebook and feedback pages now include your marks:")
    print(session.progress())
    return 0
