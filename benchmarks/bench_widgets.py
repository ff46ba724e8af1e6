"""How long typical widget interactions take in Python (no browser), for the built-in article.

Target: every interaction at most 30 ms (median). Building a widget and drawing a chart on demand
are reported too, for information. Run:

    .venv/bin/python benchmarks/bench_widgets.py [--repeat N]

Each figure is the median (and the worst) of N repetitions, in milliseconds. Answers are saved
(``save_as``) during the run, into a temporary working directory, as in a lesson.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time
from collections.abc import Callable

TARGET_MS = 30.0


def timed(fn: Callable[[int], object], repeat: int) -> tuple[float, float]:
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), max(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    os.chdir(tempfile.mkdtemp(prefix="bench-widgets-"))

    import medialit.widgets as mw

    rows: list[tuple[str, float, float, bool]] = []

    def record(
        name: str, fn: Callable[[int], object], *, interaction: bool = True, repeat: int | None = None
    ):
        med, worst = timed(fn, repeat or args.repeat)
        rows.append((name, med, worst, interaction))

    # building (first build includes loading the key and the lexicons; later builds are cached)
    start = time.perf_counter()
    mw.highlighter()
    first_build = (time.perf_counter() - start) * 1000
    for name in ("highlighter", "quote_tracker", "verb_swap", "frame_check", "label_lens", "timeline"):
        build = getattr(mw, name)
        record(f"build {name}", lambda i, build=build: build(), interaction=False, repeat=5)

    h = mw.highlighter(category="attribution cue", save_as="bench.h")
    h.paragraph.value = 9
    words = [b.description for b in h.word_buttons]
    said = words.index("denies")
    record("highlighter: toggle a word", lambda i: setattr(h.word_buttons[said], "value", i % 2 == 0))
    h.word_buttons[said].value = False

    def add_and_remove(i):
        h.select_words([said])
        h.add_selection()
        h.remove_mark(len(h.marks) - 1)

    record("highlighter: add a selection (and remove it)", add_and_remove)
    h.select_words([said])
    h.add_selection()
    record("highlighter: Check", lambda i: h.check_button.click())
    record("highlighter: change paragraph", lambda i: setattr(h.paragraph, "value", 1 + i % 16))
    record(
        "highlighter: change category",
        lambda i: setattr(h.category, "value", ("source", "loaded term", "attribution cue")[i % 3]),
    )

    q = mw.quote_tracker(save_as="bench.q")
    qid = q.rows[-1]["id"]
    names = [v for _, v in q.controls[qid]["speaker"].options if v]
    record(
        "quote tracker: change a dropdown",
        lambda i: setattr(q.controls[qid]["speaker"], "value", names[i % len(names)]),
    )
    record("quote tracker: Check", lambda i: q.check_button.click())

    v = mw.verb_swap(save_as="bench.v")
    v.sentence.value = v.sentence.options[1][1]  # it starts empty: choose the first sentence
    lemmas = [val for _, val in v.verb.options if val]
    record("verb swap: change the verb", lambda i: setattr(v.verb, "value", lemmas[i % len(lemmas)]))
    ids = [val for _, val in v.sentence.options if val]
    record("verb swap: change the sentence", lambda i: setattr(v.sentence, "value", ids[i % len(ids)]))

    def judge(i):
        v.judgement.value = "neutral"
        v.record_button.click()

    record("verb swap: record a judgement", judge)

    f = mw.frame_check(save_as="bench.f")
    record(
        "frame check: toggle an item (live profile)", lambda i: setattr(f.toggles["C1"], "value", i % 2 == 0)
    )
    record("frame check: type evidence", lambda i: setattr(f.evidence["C1"], "value", f"{2 + i % 9}, 9"))

    lens = mw.label_lens(save_as="bench.l")
    record(
        "label lens: rate a label",
        lambda i: setattr(
            lens.ratings["p9:the partnership"], "value", ("neutral", "leans one way", "misleading")[i % 3]
        ),
    )

    t = mw.timeline(save_as="bench.t")
    record("timeline: change a date", lambda i: t.set_date("p12:a day after", dt.date(2021, 12, 1 + i % 28)))

    # charts are drawn only when asked (a button), not on every interaction
    record(
        "quote tracker: draw who-speaks charts", lambda i: q.chart_button.click(), interaction=False, repeat=3
    )
    record(
        "frame check: Compare (with chart)", lambda i: f.compare_button.click(), interaction=False, repeat=3
    )
    record("timeline: draw timelines", lambda i: t.draw_button.click(), interaction=False, repeat=3)

    print(f"first widget build (loads key, lexicons, pandas): {first_build:8.1f} ms")
    print(f"{'':50} {'median':>8} {'worst':>8}  (ms, {args.repeat} runs per interaction)")
    failed = []
    for name, med, worst, interaction in rows:
        flag = ""
        if interaction:
            flag = "ok" if med <= TARGET_MS else f"SLOW (> {TARGET_MS:.0f} ms)"
            if med > TARGET_MS:
                failed.append(name)
        print(f"{name:50} {med:8.1f} {worst:8.1f}  {flag}")
    print(
        f"interactions within {TARGET_MS:.0f} ms (median): {sum(r[3] for r in rows) - len(failed)} of "
        f"{sum(r[3] for r in rows)}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
