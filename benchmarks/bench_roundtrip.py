"""How long does each step of the instructor's round trip take? Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_roundtrip.py

Uses the made-up class of the round-trip tests (tests/roundtrip/make_class.py: 17 students, sets ex01
and ex02, Canvas and Moodle downloads, 34 notebooks): collect the four zips, grade, grade again with
nothing changed (every notebook is skipped), grade again after one notebook changed, mark every open
answer through the marking session (no browser: the browser test times the keyboard), export for
Canvas and Moodle, return. Wall-clock seconds of each step, in this process.
"""

from __future__ import annotations

import contextlib
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "roundtrip"))


def _timed(label: str, action) -> float:
    started = time.perf_counter()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        result = action()
    seconds = time.perf_counter() - started
    print(f"  {label:<44} {seconds:7.2f} s")
    if isinstance(result, int) and result != 0:
        print(f"    (exit code {result})")
    return seconds


def main() -> int:
    import make_class

    from medialit.cli import main as medialit

    with tempfile.TemporaryDirectory(prefix="bench-roundtrip-") as tmp:
        base = Path(tmp)
        files = make_class.build(base / "downloads")
        collected, grades = base / "collected", base / "grades"
        print(
            f"Round trip of a made-up class: {len(make_class.CLASS)} students, "
            f"sets {', '.join(make_class.SETS)}."
        )
        zips = [str(p) for p in make_class.zips(files)]
        _timed("collect 4 zips (34 notebooks)", lambda: medialit(["collect", *zips, "--out", str(collected)]))
        grade = ["grade", str(collected), "--out", str(grades), "--quiet", "--jobs", "2"]
        _timed("grade (all new)", lambda: medialit(grade))
        _timed("grade again (nothing changed)", lambda: medialit(grade))
        victim = next(collected.glob("okaforben*/ex01_anatomy.ipynb"))
        victim.chmod(0o644)
        victim.write_text(
            victim.read_text(encoding="utf-8").replace("TOKENC103EX01", "edited"), encoding="utf-8"
        )
        _timed("grade again (1 notebook changed)", lambda: medialit(grade))
        _timed("mark all 30 open answers (session, no browser)", lambda: make_class.mark_all(grades))
        roster = str(files["canvas-roster"])
        _timed(
            "export for Canvas",
            lambda: medialit(["export", str(grades), "--to", "canvas", "--roster", roster]),
        )
        sheets = ["--roster", str(files["worksheet-ex01"]), "--roster", str(files["worksheet-ex02"])]
        _timed("export for Moodle", lambda: medialit(["export", str(grades), "--to", "moodle", *sheets]))
        _timed(
            "return (34 pages, 19 folders and zips)",
            lambda: medialit(["return", str(grades), "--out", str(base / "r")]),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
