"""How much does each lesson cost to run? Time and memory of a fresh kernel, against baselines.

For every lesson notebook (default: ``notebooks/*.ipynb``) this runs the whole notebook in a fresh
kernel with nbclient, as ``make test`` and a student's "Restart and run all" do, and measures:

- **time**: wall-clock seconds from starting the kernel to the end of the last cell, divided by the
  time for a notebook that imports the kit, pandas, matplotlib's pyplot and ipywidgets (the "loaded"
  kernel; aim: at most 1.5×, issue 13), and for information by that of a notebook whose only cell is
  ``import medialit``;
- **memory**: the kernel's resident memory (``VmRSS`` from ``/proc/self/status``, read by a cell
  appended after the lesson), divided by that of the loaded kernel (aim: at most 1.2×).

The kit's modules are byte-compiled first, as they are on a student's machine: pip compiles an
installed package, and Python writes the compiled files of an editable install on its first import.
Without it, a machine that sets ``PYTHONDONTWRITEBYTECODE`` (this one does) would compile the kit's
source in every kernel, a cost no student pays twice, while pandas and matplotlib, installed by pip,
are already compiled.

Each notebook runs ``--repeat`` times (default 3), in rounds that run the baselines and every lesson
once each, so that changes in the machine's load hit all of them alike; the table shows the median.
Lessons run in a temporary copy of ``notebooks/`` beside links to the repository (as
``tests/test_lessons.py`` does), so saved widget answers never land in the repository.

Usage::

    .venv/bin/python benchmarks/bench_lessons.py                 # all lessons
    .venv/bin/python benchmarks/bench_lessons.py notebooks/04_framing.ipynb --repeat 5
    .venv/bin/python benchmarks/bench_lessons.py --json          # machine-readable
    .venv/bin/python benchmarks/bench_lessons.py --check         # exit 1 if a lesson misses an aim

Linux only (reads ``/proc``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from lesson_timing import course_workspace  # the same copy of the course the timing estimate runs in
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
TIME_AIM = 1.5
MEMORY_AIM = 1.2
RSS_MARKER = "MEDIALIT_BENCH_RSS_KB="
RSS_CELL = (
    "import re as _re\n"
    "with open('/proc/self/status') as _f:\n"
    "    _kb = int(_re.search(r'VmRSS:\\s+(\\d+)', _f.read()).group(1))\n"
    f"print('{RSS_MARKER}' + str(_kb))"
)
EMPTY = ["import medialit"]
LOADED = ["import medialit", "import pandas\nimport matplotlib.pyplot\nimport ipywidgets"]


def _notebook(sources: list[str]) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def run_once(nb: nbformat.NotebookNode, cwd: Path, *, timeout: int = 300) -> tuple[float, int, list[str]]:
    """Run a copy of ``nb`` plus the RSS cell in a fresh kernel: (seconds, RSS in kB, errors)."""
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))  # private copy
    nb.cells.append(nbformat.v4.new_code_cell(RSS_CELL))
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(cwd)}},
    )
    start = time.perf_counter()
    client.execute(stderr=subprocess.DEVNULL)  # the kernel's own start-up warnings are noise here
    seconds = time.perf_counter() - start
    errors = [
        f"cell {i}: {o.get('ename')}: {o.get('evalue')}"
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error"
    ]
    text = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream")
    rss = int(text.split(RSS_MARKER, 1)[1].split()[0]) if RSS_MARKER in text else 0
    # The RSS cell itself is tiny; its time is included for every notebook alike, baselines too.
    return seconds, rss, errors


def compile_kit() -> None:
    """Byte-compile the kit's modules (``__pycache__``, ignored by git), as a first import would."""
    import compileall

    import medialit

    compileall.compile_dir(Path(medialit.__file__).parent, quiet=1)


def summarise(runs: list[tuple[float, int, list[str]]]) -> dict[str, object]:
    return {
        "seconds": statistics.median(r[0] for r in runs),
        "seconds_all": [round(r[0], 3) for r in runs],
        "rss_mb": statistics.median(r[1] for r in runs) / 1024,
        "errors": sorted({e for r in runs for e in r[2]}),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "lessons", nargs="*", type=Path, help="notebooks to measure (default: notebooks/*.ipynb)"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per notebook; the median is shown (default 3)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    parser.add_argument("--check", action="store_true", help="exit 1 if a lesson misses an aim or fails")
    args = parser.parse_args(argv)
    lessons = args.lessons or sorted(NOTEBOOKS.glob("*.ipynb"))
    if not lessons:
        print("No lesson notebooks found in notebooks/.", file=sys.stderr)
        return 2
    compile_kit()
    with tempfile.TemporaryDirectory(prefix="medialit-bench-") as tmp:
        work = course_workspace(Path(tmp))
        notebooks: dict[str, nbformat.NotebookNode] = {"empty": _notebook(EMPTY), "loaded": _notebook(LOADED)}
        for path in lessons:
            nb = nbformat.read(path, as_version=4)
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.outputs, cell.execution_count = [], None
            notebooks[path.stem] = nb
        # Round-robin: each round runs the baselines and every lesson once, so that a change in the
        # machine's load during the benchmark affects baselines and lessons alike.
        runs: dict[str, list[tuple[float, int, list[str]]]] = {name: [] for name in notebooks}
        for _ in range(args.repeat):
            for name, nb in notebooks.items():
                runs[name].append(run_once(nb, work))
        empty, loaded = summarise(runs.pop("empty")), summarise(runs.pop("loaded"))
        results = []
        for name, lesson_runs in runs.items():
            row = summarise(lesson_runs)
            row["lesson"] = name
            row["time_ratio"] = row["seconds"] / empty["seconds"]
            row["time_vs_loaded"] = row["seconds"] / loaded["seconds"]
            row["memory_ratio"] = row["rss_mb"] / loaded["rss_mb"] if loaded["rss_mb"] else float("nan")
            row["ok"] = (
                not row["errors"] and row["time_vs_loaded"] <= TIME_AIM and row["memory_ratio"] <= MEMORY_AIM
            )
            results.append(row)
    if args.json:
        print(json.dumps({"empty": empty, "loaded": loaded, "lessons": results}, indent=2, default=float))
    else:
        print(f"Baselines (median of {args.repeat} fresh kernels, interleaved with the lessons):")
        for label, base in (
            ("empty notebook (import medialit)", empty),
            ("kernel with medialit, pandas, pyplot, ipywidgets", loaded),
        ):
            print(f"  {label:<50} {base['seconds']:6.2f} s {base['rss_mb']:7.1f} MB")
        print()
        columns = ("time s", "×loaded", "(×empty)", "RSS MB", "×loaded")
        widths = (7, 7, 9, 7, 8)
        header = (
            f"{'lesson':<38} "
            + " ".join(f"{c:>{w}}" for c, w in zip(columns, widths, strict=True))
            + "  result"
        )
        print(header)
        print("-" * len(header))
        for r in results:
            verdict = "ok" if r["ok"] else ("ERRORS" if r["errors"] else "over aim")
            print(
                f"{r['lesson']:<38} {r['seconds']:7.2f} {r['time_vs_loaded']:6.2f}× {r['time_ratio']:8.2f}× "
                f"{r['rss_mb']:7.1f} "
                f"{r['memory_ratio']:7.2f}×  {verdict}"
            )
            for e in r["errors"][:3]:
                print(f"    {e[:150]}")
        print(f"\nAims: time ≤ {TIME_AIM}× the loaded kernel; memory ≤ {MEMORY_AIM}× the loaded kernel.")
        print("(×empty) is for information: the lesson's time over the notebook that only imports the kit.")
    return 1 if args.check and not all(r["ok"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
