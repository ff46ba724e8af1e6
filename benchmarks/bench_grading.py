"""How fast does ``medialit grade`` grade a class, measured from outside? Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_grading.py [--n 40 100] [--jobs 2] [--repeat 1] [--nbclient 0]

For each class size it builds a class from the kit's own notebooks, mixed across the six sets:
the shipped solution notebooks (``solutions/``) and the handed-out blank exercises
(``exercises/``), alternating. Then it runs the whole command, ``python -m medialit grade CLASS
--out OUT --jobs N --quiet``, as a separate process under ``/usr/bin/time -v`` (start-up, worker
warm-up, grading and every report included), and prints wall-clock time, submissions per second,
CPU time, and the grader process's own peak memory (its ``VmHWM``, read inside it and printed at
exit, since ``time`` reports the largest of all its processes).

``--nbclient K`` also executes K of the notebooks one by one with plain nbclient and a fresh
kernel each (what a naive grader does) and projects that time to the class size.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Runs the grader's command line, then prints this process's own peak memory (kB) to stderr: the
# high-water mark of its own memory since it started (VmHWM; getrusage's figure would also count
# what the process that started it held when it forked).
RUN_AND_MEASURE = (
    "import resource, sys\n"
    "from medialit.grading.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "try:\n"
    "    peak = [l.split()[1] for l in open('/proc/self/status') if l.startswith('VmHWM')][0]\n"
    "except (OSError, IndexError):\n"
    "    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "print('grader-peak-kb', peak, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def build_class(folder: Path, n: int) -> list[Path]:
    """Write ``n`` submissions: solution and blank notebooks of the six sets, in turn."""
    solutions = sorted((ROOT / "solutions").glob("ex*.ipynb"))
    blanks = sorted((ROOT / "exercises").glob("ex*.ipynb"))
    paths = []
    for i in range(n):
        source = (solutions if (i // len(solutions)) % 2 == 0 else blanks)[i % len(solutions)]
        kind = "solution" if source.parent.name == "solutions" else "blank"
        path = folder / f"student{i:03d}_{kind}_{source.name}"
        shutil.copyfile(source, path)
        paths.append(path)
    return paths


def time_command(folder: Path, out: Path, jobs: int) -> dict[str, float]:
    """Run ``medialit grade`` from outside; return wall seconds, CPU seconds and peak memory."""
    command = [
        "/usr/bin/time",
        "-v",
        sys.executable,
        "-c",
        RUN_AND_MEASURE,
        str(folder),
        "--out",
        str(out),
        "--jobs",
        str(jobs),
        "--quiet",
    ]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(f"medialit grade failed:\n{result.stderr[-3000:]}")
    report = result.stderr

    def field(name: str) -> str:
        match = re.search(rf"{re.escape(name)}: (.+)", report)
        return match.group(1).strip() if match else "nan"

    elapsed = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
    parts = [float(p) for p in elapsed.split(":")] if elapsed != "nan" else [wall]
    seconds = sum(p * 60**i for i, p in enumerate(reversed(parts)))
    peak = re.search(r"grader-peak-kb (\d+)", report)
    return {
        "wall": seconds,
        "cpu": float(field("User time (seconds)")) + float(field("System time (seconds)")),
        "all_peak_mb": float(field("Maximum resident set size (kbytes)")) / 1024,
        "grader_peak_mb": int(peak.group(1)) / 1024 if peak else float("nan"),
    }


def time_nbclient(paths: list[Path]) -> list[float]:
    """Execute each notebook with nbclient and a fresh kernel; return seconds per notebook."""
    import nbformat
    from nbclient import NotebookClient

    times = []
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        started = time.perf_counter()
        NotebookClient(nb, kernel_name="python3", timeout=60, allow_errors=True).execute(cwd=str(path.parent))
        times.append(time.perf_counter() - started)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[40, 100], help="class sizes (default 40 100)")
    parser.add_argument("--jobs", type=int, default=2, help="--jobs for medialit grade (default 2)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per class size; the median is shown")
    parser.add_argument("--nbclient", type=int, default=0, help="notebooks to time with plain nbclient")
    args = parser.parse_args(argv)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} cores, load average {load:.1f} before the runs; --jobs {args.jobs}")
    print("class: the kit's solution and blank notebooks, alternating across the six sets\n")
    print(f"{'submissions':>11} {'wall s':>7} {'per second':>10} {'CPU s':>6} {'grader peak MB':>15}")
    for n in args.n:
        runs = []
        with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
            folder = Path(tmp) / "class"
            folder.mkdir()
            paths = build_class(folder, n)
            for attempt in range(args.repeat):
                runs.append(time_command(folder, Path(tmp) / f"out{attempt}", args.jobs))
            wall = statistics.median(r["wall"] for r in runs)
            cpu = statistics.median(r["cpu"] for r in runs)
            peak = max(r["grader_peak_mb"] for r in runs)
            print(f"{n:>11} {wall:>7.2f} {n / wall:>10.1f} {cpu:>6.1f} {peak:>15.0f}")
            if args.nbclient:
                sample = paths[: args.nbclient]
                per = statistics.mean(time_nbclient(sample))
                pad = ""
                print(f"{pad:>11} plain nbclient, a fresh kernel each: {per:.2f} s each ({len(sample)} run),")
                print(f"{'':>11} projected {per * n:.0f} s for {n}: {per * n / wall:.0f}x slower")
    return 0


if __name__ == "__main__":
    sys.exit(main())
