"""How fast and how accurate is the rule-based analysis? Prints figures; asserts nothing.

    python benchmarks/bench_analysis.py

Speed: the built-in article, and a ~10,000-word article made by joining the development-set
articles (repeated) under one date line. Accuracy: precision and recall on the hand-labelled
development set in tests/devset (see tests/devset/README.md).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "devset"))


def _timed(func, repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of ``repeat`` runs (CPU time is steadier on a busy machine)."""
    wall, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        func()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(wall), statistics.median(cpu)


def _line(label: str, words: int, seconds: tuple[float, float], repeat: int) -> str:
    wall, cpu = seconds
    return (
        f"{label}: {words} words, median of {repeat}: wall {wall * 1000:.1f} ms "
        f"({wall * 1e6 / words:.1f} ms per 1,000 words), CPU {cpu * 1000:.1f} ms "
        f"({cpu * 1e6 / words:.1f} ms per 1,000 words)"
    )


def main() -> int:
    import score

    import medialit
    from medialit.article import parse_article

    builtin = medialit.load_article()
    medialit.analyze(builtin)  # warm the lexicon caches once, as a notebook would
    words = len(builtin.text.split())
    print(_line("built-in article", words, _timed(lambda: medialit.analyze(builtin), 20), 20))

    bodies = []
    for path, _labels in score.cases():
        text = path.read_text(encoding="utf-8")
        bodies.append(text.split("\n\n", 1)[1])
    body = "\n\n".join(bodies)
    copies = max(1, round(10_000 / len(body.split())))
    big = parse_article(" date 2021-12-14 Joined development-set articles\n\n" + "\n\n".join([body] * copies))
    big_words = len(big.text.split())
    print(_line("joined article", big_words, _timed(lambda: medialit.analyze(big), 5), 5) + "; aim <= 10")

    figures = score.evaluate()
    print(
        f"\ndevelopment set: {figures['articles']} articles, "
        f"{figures['quotes_labelled']} labelled quotations, "
        f"{figures['times_labelled']} labelled time expressions"
    )
    print(f"  quotation precision {figures['quote_precision']:.3f}  recall {figures['quote_recall']:.3f}")
    print(f"  correct speaker for {figures['speaker_accuracy']:.3f} of the quotations found")
    print(
        f"  time expressions: precision {figures['time_precision']:.3f}  "
        f"recall {figures['time_recall']:.3f}  "
        f"resolved correctly {figures['time_resolved']:.3f} of the labelled ones"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
