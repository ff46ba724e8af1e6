"""How accurate and how fast is the rule-based analysis? Prints figures; asserts nothing.

    python benchmarks/bench_analysis.py            # accuracy on both parts, then speed
    python benchmarks/bench_analysis.py --quick    # fewer timing repeats

Accuracy: quotation precision and recall, correct speaker, time expressions resolved, on the *dev* part
of the hand-labelled set in tests/devset (the rules were tuned on it) and on its *test* part (only
measured; see tests/devset/README.md), side by side; the test part also split into its first 24 texts
(batches A and B) and the 24 of batch D.

Speed, warm and in-process (word lists loaded and patterns compiled once, as in a notebook): the median
(and the fastest) of repeated runs of ``medialit.analyze`` on

* a long article (~15,000 words) made of the dev part's stories joined as paragraphs under one date
  line (the dev part has about 12,000 words, so its first stories come twice), and
* a short article (~400 words, the kit's built-in article),

* a ~400-word story of the dev part (as dense in quotations as the long article's stories),

each run on a freshly parsed ``Article`` (``analyze`` reuses its findings for the same object) with
every table built as a DataFrame. Two figures per article: **warm** (the in-process caches of word
readings kept from the earlier runs, as in a notebook that analyses several articles) and **cold**
(those caches emptied before each run, so nothing read before helps; word lists and compiled patterns
stay loaded). Times are CPU time of this process (steadier than wall-clock time on a shared machine);
the wall-clock median is printed too. Also the first call in a fresh interpreter (import, word lists,
patterns), measured in a subprocess.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "devset"))

TABLES = ("quotes", "attributions", "sources", "time_expressions", "loaded_terms", "frame_cues")


def _long_text(target_words: int = 15_000) -> str:
    import score

    bodies = [path.read_text(encoding="utf-8").split("\n\n", 1)[1] for path, _ in score.cases("dev")]
    chosen, words = [], 0
    while words < target_words:
        for body in bodies:
            chosen.append(body)
            words += len(body.split())
            if words >= target_words:
                break
    return " date 2021-12-14 Development-set stories joined\n\n" + "\n\n".join(chosen)


def _story_text() -> str:
    """The dev story whose length is nearest 400 words."""
    import score

    texts = [path.read_text(encoding="utf-8") for path, _ in score.cases("dev")]
    dated = [t for t in texts if t.startswith(" date ")]
    return min(dated, key=lambda t: abs(len(t.split()) - 400))


def _run_once(text: str, cold: bool) -> tuple[float, float, float]:
    """Wall and CPU seconds of one analysis with its six tables, and the CPU seconds of the rules
    alone (``analyze`` before any table is built as a DataFrame)."""
    import medialit
    from medialit.article import parse_article
    from medialit.attribution import _could_name, _np_word
    from medialit.sources import _classify, _parse_words

    article = parse_article(text)
    if cold:
        for cached in (_parse_words, _classify, _np_word, _could_name):
            cached.cache_clear()
    start, start_cpu = time.perf_counter(), time.process_time()
    result = medialit.analyze(article)
    rules_cpu = time.process_time() - start_cpu
    for name in TABLES:
        getattr(result, name)
    return time.perf_counter() - start, time.process_time() - start_cpu, rules_cpu


def _speed(label: str, text: str, repeat: int) -> tuple[float, float]:
    """Print the warm and cold figures; return the warm CPU medians in ms per 1,000 words, of the
    whole analysis and of the rules alone."""
    words = len(text.split())
    print(f"  {label}: {words:,} words, median of {repeat} runs each")
    warm: tuple[float, float] | None = None
    for cold in (False, True):
        _run_once(text, cold)
        runs = [_run_once(text, cold) for _ in range(repeat)]
        wall = [r[0] for r in runs]
        cpu = [r[1] for r in runs]
        rules = statistics.median(r[2] for r in runs)
        per = statistics.median(cpu) * 1e6 / words
        warm = warm or (per, rules * 1e6 / words)
        print(
            f"    {'cold' if cold else 'warm'}: CPU {statistics.median(cpu) * 1000:.1f} ms "
            f"= {per:.1f} ms per 1,000 words (fastest {min(cpu) * 1e6 / words:.1f}); "
            f"wall {statistics.median(wall) * 1e6 / words:.1f} ms per 1,000 words; "
            f"the rules alone {rules * 1000:.1f} ms = {rules * 1e6 / words:.1f} ms per 1,000 words"
        )
    assert warm is not None
    return warm


def _first_call() -> None:
    code = (
        "import time; t = time.perf_counter(); import medialit; "
        "r = medialit.analyze(); [getattr(r, n) for n in "
        f"{TABLES!r}]; print(f'{{(time.perf_counter() - t) * 1000:.0f}}')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    what = "import, word lists, patterns, built-in article"
    print(f"  first call in a fresh interpreter ({what}): {out.stdout.strip()} ms")


def _accuracy() -> None:
    import score

    columns = {
        "dev (tuned on)": score.evaluate("dev"),
        "test, all": score.evaluate("test"),
        "test: A+B": score.evaluate("test", only=("batch A", "batch B")),
        "test: D": score.evaluate("test", only=("batch D",)),
    }
    rows = [
        ("articles", "articles", "{}"),
        ("labelled quotations", "quotes_labelled", "{}"),
        ("quotation precision", "quote_precision", "{:.3f}"),
        ("quotation recall", "quote_recall", "{:.3f}"),
        ("correct speaker (of quotations found)", "speaker_accuracy", "{:.3f}"),
        ("labelled time expressions", "times_labelled", "{}"),
        ("time expressions found (recall)", "time_recall", "{:.3f}"),
        ("time precision", "time_precision", "{:.3f}"),
        ("time expressions resolved correctly", "time_resolved", "{:.3f}"),
    ]
    aims = {"quote_precision": 0.95, "quote_recall": 0.98, "speaker_accuracy": 0.90, "time_resolved": 0.90}
    print("  The test part is measured only: batches A and B (its first 24 texts) and batch D (24 more,")
    print("  added after the rules of the second round were written) are also shown apart.")
    print(f"{'':42}" + "".join(f"{name:>16}" for name in columns) + "   aim on test (all)")
    test = columns["test, all"]
    for label, key, fmt in rows:
        aim = ""
        if key in aims:
            aim = f"   >= {aims[key]:.2f}" + ("  met" if test[key] >= aims[key] else "  MISSED")
        cells = "".join(f"{fmt.format(figures[key]):>16}" for figures in columns.values())
        print(f"  {label:40}{cells}{aim}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer timing repeats")
    args = parser.parse_args(argv)
    import medialit

    print("Accuracy on the hand-labelled development set (tests/devset)")
    _accuracy()
    medialit.analyze()  # warm: word lists loaded, patterns compiled
    print("\nSpeed (aim: <= 10 ms per 1,000 words on the long article, and no large fixed cost)")
    long_per = _speed("long article (dev stories joined)", _long_text(), 3 if args.quick else 7)
    story_per = _speed("~400-word dev story", _story_text(), 10 if args.quick else 40)
    builtin_per = _speed(
        "built-in article (dense in quotations)", medialit.load_article().text, 10 if args.quick else 40
    )
    print(
        f"  warm cost per word, short / long: {story_per[0] / long_per[0]:.2f} (dev story), "
        f"{builtin_per[0] / long_per[0]:.2f} (built-in article); the rules alone: "
        f"{story_per[1] / long_per[1]:.2f}, {builtin_per[1] / long_per[1]:.2f}"
    )
    print(
        "  (the rest is building the six tables as DataFrames, a cost per table that pandas sets and a"
        " lesson pays only for the tables it shows)"
    )
    _first_call()
    return 0


if __name__ == "__main__":
    sys.exit(main())
