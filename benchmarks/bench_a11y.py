"""How accessible is what the kit renders? axe-core's counts per lesson and exercise notebook.

Runs ``tests/browser/test_a11y_browser.py`` on its own (``-n 0``: one JupyterLab, one headless
Chromium), which opens every lesson and exercise notebook in JupyterLab, runs all cells, injects
axe-core (npm, pinned in ``tests/browser/package.json``) and counts violations of every impact:
those inside cell outputs are the kit's (the test fails on any), the rest JupyterLab's own. Then
prints the table the test wrote, and the wall-clock time.

Usage::

    .venv/bin/python benchmarks/bench_a11y.py            # the table, as Markdown
    .venv/bin/python benchmarks/bench_a11y.py -k ex03    # some notebooks only (pytest's -k)

Needs Debian's chromium and npm (see tests/browser/README.md).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "tests" / "browser" / "artifacts" / "a11y.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-k", default="", help="only the notebooks whose test id matches (pytest -k)")
    args = parser.parse_args(argv)
    TABLE.unlink(missing_ok=True)
    command = [sys.executable, "-m", "pytest", "tests/browser/test_a11y_browser.py", "-n", "0", "-q"]
    if args.k:
        command += ["-k", args.k]
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if not TABLE.exists():
        print(done.stdout[-3000:] + done.stderr[-2000:])
        print("No table was written (are chromium and npm installed?).")
        return 1
    print(TABLE.read_text(encoding="utf-8"))
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    print(f"pytest: {last}")
    print(f"wall clock: {seconds:.0f} s")
    return done.returncode


if __name__ == "__main__":
    raise SystemExit(main())
