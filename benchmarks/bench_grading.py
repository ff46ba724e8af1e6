"""How fast does ``medialit grade`` grade a class? Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_grading.py [--n 100] [--jobs 2] [--sample 10]

Builds ``--n`` submissions from the real ex01 notebooks (40% complete, 40% partly answered,
20% blank, as a student would save them), grades them with the class grader, and reports
submissions per second, both overall (worker start-up included) and once the worker is warm.
For comparison it executes ``--sample`` of the same notebooks one by one with plain nbclient and a
fresh kernel each (what a naive grader does), in the same run, and projects that per-notebook
time to all ``--n`` (a projection, said so in the output, to keep the run short).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "hostile"))


def build_class(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """Write ``n`` submissions named after made-up students; return their paths."""
    import make_corpus

    from medialit.exercises import get_set

    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not security
    questions = [q.id for q in get_set(make_corpus.SET_ID).questions]
    paths = []
    for i in range(n):
        kind = "complete" if i % 5 in (0, 1) else "partial" if i % 5 in (2, 3) else "blank"
        if kind == "complete":
            nb = make_corpus.complete()
        elif kind == "partial":
            nb = make_corpus.partial(rng.sample(questions, k=rng.randint(1, len(questions) - 1)))
        else:
            nb = make_corpus.blank()
        path = folder / f"student{i:03d}_{kind}_ex01.ipynb"
        path.write_text(json.dumps(nb), encoding="utf-8")
        paths.append(path)
    return paths


def time_grader(folder: Path, out: Path, jobs: int) -> dict[str, float]:
    """Grade ``folder`` in this process; return timings (seconds) and counts."""
    from medialit.grading.grader import grade
    from medialit.grading.report import write_all

    marks: dict[str, float] = {}
    start = time.perf_counter()
    rows, _isolation = grade(
        [folder],
        out=out,
        jobs=jobs,
        timeout=60,
        memory_mb=2048,
        on_ready=lambda _i, _n: marks.setdefault("ready", time.perf_counter()),
    )
    graded = time.perf_counter()
    write_all(rows, out)
    end = time.perf_counter()
    statuses: dict[str, int] = {}
    for row in rows:
        statuses[row.status] = statuses.get(row.status, 0) + 1
    return {
        "n": len(rows),
        "total": end - start,
        "startup": marks["ready"] - start,
        "grading": graded - marks["ready"],
        "reports": end - graded,
        "child_mean": statistics.mean(r.seconds for r in rows if r.seconds),
        "child_cpu": statistics.mean(r.cpu for r in rows if r.cpu),
        "statuses": statuses,  # type: ignore[dict-item]
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
    parser.add_argument("--n", type=int, default=100, help="submissions to grade (default 100)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="parallel submissions")
    parser.add_argument("--sample", type=int, default=10, help="notebooks to time with nbclient (default 10)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-grading-") as tmp:
        folder = Path(tmp) / "class"
        folder.mkdir()
        paths = build_class(folder, args.n)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"machine: {os.cpu_count()} cores, load average {load:.1f} before the run")
        print(
            f"class: {args.n} submissions of ex01 (40% complete, 40% partial, 20% blank), --jobs {args.jobs}"
        )
        g = time_grader(folder, Path(tmp) / "out", args.jobs)
        print(f"\nmedialit grade ({g['n']} rows: {g['statuses']}):")
        n = g["n"]
        print(f"  total            {g['total']:6.2f} s -> {n / g['total']:5.1f} submissions/s (all included)")
        print(f"  worker start-up  {g['startup']:6.2f} s (imports, sandbox check; once per run)")
        print(f"  grading          {g['grading']:6.2f} s -> {n / g['grading']:5.1f} submissions/s once warm")
        print(f"  reports          {g['reports']:6.2f} s (gradebook, {n} feedback pages, item analysis)")
        print(f"  per submission   {g['child_mean']:6.3f} s mean time in its sandboxed process")
        busy = min(os.cpu_count() or 1, args.jobs)
        print(
            f"  CPU per subm.    {g['child_cpu']:6.3f} s (not affected by load) -> at most "
            f"{busy / g['child_cpu']:5.1f} submissions/s on {busy} idle cores"
        )
        sample = paths[: args.sample]
        if sample:
            times = time_nbclient(sample)
            per = statistics.mean(times)
            print(f"\nplain nbclient, fresh kernel each (measured on {len(sample)}, projected to {n}):")
            print(f"  per notebook     {per:6.2f} s (median {statistics.median(times):.2f} s)")
            print(f"  projected total  {per * n:6.1f} s -> {1 / per:5.2f} submissions/s, one at a time")
            print(f"\nspeed-up: {per * n / g['total']:.1f}x overall, {per * n / g['grading']:.1f}x once warm")
    return 0


if __name__ == "__main__":
    sys.exit(main())
