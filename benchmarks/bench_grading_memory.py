"""How much memory does the grader itself use on the largest inputs? Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_grading_memory.py

Grades one file at a time, each in a fresh ``medialit grade`` process, and prints the grader
process's own peak resident memory (its ``VmHWM``, read inside it at exit; the sandboxed
submissions are other processes): a normal notebook, then the largest and most hostile inputs
of the test corpus (a 100 MB notebook, 30 MB of pictures, 60,000 cells, millions of parts,
JSON nested 100,000 deep), and a 32 MB notebook made of a million short texts, the most a file
under the size and parts limits can hold.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "hostile"))
sys.path.insert(0, str(ROOT / "benchmarks"))
from bench_grading import RUN_AND_MEASURE  # noqa: E402

CASES = ["complete", "huge_notebook", "big_outputs", "many_cells", "many_parts", "deep_json", "too_much_code"]


def _most_texts(path: Path) -> None:
    """A notebook of a million 28-character texts (32 MB): as many as the parts limit allows."""
    import make_corpus

    nb = make_corpus.complete()
    nb["metadata"]["texts"] = "TEXTS"
    text = json.dumps(nb).encode()
    texts = b"[" + b",".join([b'"' + b"t" * 28 + b'"'] * 990_000) + b"]"
    path.write_bytes(text.replace(b'"TEXTS"', texts, 1))


def main() -> int:
    import make_corpus

    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        base = Path(tmp)
        built = make_corpus.build(base / "subs")
        inputs = {case: built[case] for case in CASES}
        inputs["a million texts"] = base / "texts.ipynb"
        _most_texts(inputs["a million texts"])
        print(f"{'input':<16} {'size MB':>8} {'status':<17} {'grader peak MB':>14}")
        for name, path in inputs.items():
            out = base / f"out-{name.replace(' ', '_')}"
            result = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    RUN_AND_MEASURE,
                    str(path),
                    "--out",
                    str(out),
                    "--quiet",
                    "--timeout",
                    "5",
                ],
                capture_output=True,
                text=True,
                check=False,
            )
            peak = [
                line.split()[1] for line in result.stderr.splitlines() if line.startswith("grader-peak-kb")
            ]
            with (out / "gradebook.csv").open(encoding="utf-8") as handle:
                status = next(csv.DictReader(handle))["status"]
            size = path.stat().st_size / 2**20
            print(
                f"{name:<16} {size:>8.1f} {status:<17} {int(peak[0]) / 1024 if peak else float('nan'):>14.0f}"
            )
        subprocess.run(["rm", "-rf", str(base / "subs")], check=False)  # 1,100 folders deep
    return 0


if __name__ == "__main__":
    sys.exit(main())
