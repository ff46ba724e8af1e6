"""How long does ``import medialit`` take, against ``import pandas``? Prints figures; asserts nothing.

    python benchmarks/bench_import.py

Each import runs in a fresh interpreter, several times; the median is reported. ``import medialit``
should stay cheap (it loads pandas, matplotlib and ipywidgets only when a function needs them).
"""

from __future__ import annotations

import statistics
import subprocess
import sys


def _median_import(module: str, repeat: int = 7) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    runs = []
    for _ in range(repeat):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        runs.append(float(done.stdout.strip()))
    return statistics.median(runs)


def main() -> int:
    medialit = _median_import("medialit")
    pandas = _median_import("pandas")
    analysis = _median_import("medialit.analysis")
    print(f"import medialit:          {medialit * 1000:7.1f} ms")
    print(f"import medialit.analysis: {analysis * 1000:7.1f} ms")
    print(f"import pandas:            {pandas * 1000:7.1f} ms")
    print(f"ratio medialit / pandas:  {medialit / pandas:7.2f}  (aim <= 1.2)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
