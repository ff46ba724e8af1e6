"""How long a form takes from a click to its "saved" state, in Python (no browser), for the built-in sets.

Aim: at most 50 ms (median). A click is a change of an input's value, as the browser sends it; the
form then records the answer (the cell's display output and ``.medialit-answers/``) and compares it
with the notebook file its kernel belongs to (here a copy of the exercise notebook with every answer
saved in it, as a student's file is near the end). Its saved line then says "recorded". After the
notebook file is saved, the watcher's refresh makes it say "✓ saved"; that is timed too. Run:

    .venv/bin/python benchmarks/bench_forms.py [--repeat N]

Each figure is the median, the 90th percentile and the worst of N clicks, in milliseconds.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TARGET_MS = 50.0


def timed(fn: Callable[[int], object], repeat: int) -> tuple[float, float, float]:
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[int(0.9 * (len(times) - 1))], times[-1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-forms-"))
    os.chdir(work)

    from IPython.core.interactiveshell import InteractiveShell

    InteractiveShell.instance()  # display(..., display_id=True) then gives a handle to update, as in a kernel

    from medialit.answers import answer_bundle
    from medialit.exercises import get_set
    from medialit.exercises.build import render, solution_answer, student_notebook
    from medialit.forms._form import Form

    s = get_set("ex03")
    nb = json.loads(render(student_notebook(s)))
    for cell in nb["cells"]:  # a student's file near the end: every answer saved in it
        q = cell["metadata"].get("medialit", {}).get("question")
        if q and cell["cell_type"] == "code":
            answer = solution_answer(s.question(q))
            cell["outputs"] = [
                {"output_type": "display_data", "metadata": {}, "data": answer_bundle(f"ex03.{q}", answer)}
            ]
    path = work / s.notebook_name
    path.write_text(json.dumps(nb), encoding="utf-8")

    choice = Form(s.question("q3"), notebook=path)
    match = Form(s.question("q1"), notebook=path)
    essay = Form(s.question("q8"), notebook=path)
    with contextlib.redirect_stdout(io.StringIO()):
        for f in (choice, match, essay):
            f._ipython_display_()

        def click_radio(i: int) -> None:
            choice.control.radio.value = "abd"[i % 3]  # never the saved "c": the line says "recorded"
            assert choice.state.state == "recorded"

        def pick_dropdown(i: int) -> None:
            match.control.dropdowns[str(1 + i % 6)].value = "abc"[(i // 6) % 3]  # a new value each time
            assert match.state.state in ("recorded", "saved")

        def type_key(i: int) -> None:
            essay.control.area.value += " " if i % 5 == 4 else "w"
            assert essay.state.state == "recorded"

        def save_and_refresh(i: int) -> None:  # the file is saved; the watcher's next look
            choice.control.radio.value = "c"
            os.utime(path)  # a save rewrites the file: a new timestamp means reading it again
            choice.refresh_saved()
            assert choice.state.state == "saved"

        rows = [
            ("radio button (choice)", timed(click_radio, args.repeat)),
            ("dropdown (matching)", timed(pick_dropdown, args.repeat)),
            ("a key typed (long text)", timed(type_key, args.repeat)),
            ("file saved -> ✓ saved", timed(save_and_refresh, max(20, args.repeat // 10))),
        ]
    print(
        f"Click to 'saved' state, {args.repeat} clicks each (ms): median / p90 / worst; aim ≤ {TARGET_MS:g}"
    )
    worst_median = 0.0
    for name, (median, p90, worst) in rows:
        worst_median = max(worst_median, median)
        print(f"  {name:<26} {median:7.2f} {p90:7.2f} {worst:7.2f}")
    verdict = "OK" if worst_median <= TARGET_MS else "SLOWER THAN AIMED"
    print(f"{verdict}: the slowest median is {worst_median:.2f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
