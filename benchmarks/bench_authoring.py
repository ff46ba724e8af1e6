"""From a pasted article to generated notebooks: how long does the machine take? Prints figures;
asserts nothing.

    .venv/bin/python benchmarks/bench_authoring.py [--words 1000] [--repeat 3] [--no-reviews]

Builds an article of about ``--words`` words from openly licensed text of the development set (Voice
of America stories, public domain: ``tests/devset/CREDITS.md``; whole paragraphs, in order, under the
first story's date line and headline), then times, as a teacher runs them (each command its own
process, so start-up is included):

1. ``medialit draft-key ARTICLE.txt`` (the draft key and its review notebook);
2. the review, done here by a script that fills every empty field and accepts every entry, through the
   review widget's own methods (a stand-in for the teacher's minutes: only the machine's share is timed);
3. ``medialit generate-set ARTICLE.txt`` (master, student and solution notebooks).

It then prints, for the three test articles, how many draft entries the teacher's review
(``tests/authoring/keys/``) had to accept, fill, correct, merge, delete and add: the figures of
``tests/authoring/NOTES.md`` for the analysis as it is now.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT / "tests" / "devset" / "dev" / "articles"
SOURCES = [  # VOA staff stories (public domain), in this order
    "voa-senegal-election-2019-02-24",
    "voa-house-quarrel-2007-08-03",
    "voa-asean-chief-2013-01-09",
    "voa-asean-ministers-2009-07-22",
    "voa-un-tanzania-peacekeepers",
    "voa-visa-delays-journalists",
]


def build_article(words: int) -> str:
    """The first story's date line and headline, then whole body paragraphs until ``words`` words."""
    first = (DEVSET / f"{SOURCES[0]}.txt").read_text(encoding="utf-8").split("\n\n")
    lines = [first[0].strip()]
    count = 0
    for name in SOURCES:
        for paragraph in (DEVSET / f"{name}.txt").read_text(encoding="utf-8").split("\n\n")[1:]:
            paragraph = paragraph.strip()
            if not paragraph or count >= words:
                continue
            lines.append(paragraph)
            count += len(paragraph.split())
    return "\n\n".join(lines) + "\n"


def medialit(*args: str, cwd: Path) -> float:
    """Run one ``medialit`` command as a teacher would; return its wall time in seconds."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "medialit.cli", *args], cwd=cwd, capture_output=True, text=True
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"medialit {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return elapsed


def rubber_stamp_review(key: Path) -> tuple[float, int]:
    """Fill every empty field with a placeholder answer and accept every entry, with the widget's methods."""
    from medialit.authoring import review as R
    from medialit.authoring.review_widget import review_key

    start = time.perf_counter()
    widget = review_key(key)
    steps = 0
    while (where := R.next_draft(widget.data)) is not None:
        widget.go(*where)
        entry = widget.entry or {}
        values = {}
        if where[0] == "absent_voices" and entry.get("name") is None:
            widget.delete()
            steps += 1
            continue
        for field, empty in (("official", "no"), ("answer", "no"), ("rationale", "Decided by the benchmark."),
                             ("cue", "said"), ("event", "The event of the sentence."),
                             ("actor", "someone")):  # fmt: skip
            if field in entry and entry[field] is None:
                values[field] = empty
        if where[0] == "quotes" and entry.get("speaker") is None:
            names = [s["name"] for s in widget.data.get("sources") or []]
            values["speaker"] = names[0]
        if values:
            widget.set_values(**values)
            widget.save_correction()
        else:
            widget.accept()
        steps += 1
    return time.perf_counter() - start, steps


def one_run(words: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="medialit-bench-") as folder:
        course = Path(folder)
        article = course / "bench-article.txt"
        article.write_text(build_article(words), encoding="utf-8")
        figures = {"words": float(len(article.read_text(encoding="utf-8").split()))}
        figures["draft"] = medialit("draft-key", str(article), cwd=course)
        figures["review"], figures["steps"] = rubber_stamp_review(course / "bench-article.key.yaml")
        figures["generate"] = medialit("generate-set", str(article), "--course", str(course), cwd=course)
        notebooks = sorted(p.name for p in course.glob("*/bench-article_close-reading.ipynb"))
        if len(notebooks) != 2:
            raise SystemExit(f"expected two notebooks, found {notebooks}")
        figures["total"] = figures["draft"] + figures["review"] + figures["generate"]
        return figures


def review_counts() -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from authoring_support import ARTICLES, article_copy, replay, reviewed_key, sets_kept_apart

    from medialit.authoring import review as R
    from medialit.authoring.draft import count, draft_key, write_draft
    from medialit.authoring.review_widget import review_key

    print("\nThe teacher's review of the test articles (draft entries; added entries apart):")
    heads = ("draft", "accept", "fill", "correct", "merge", "delete", "add")
    print(f"{'article':<34} " + " ".join(f"{h:>7}" for h in heads))
    with sets_kept_apart(), tempfile.TemporaryDirectory() as folder:
        for article_id in ARTICLES:
            path = article_copy(Path(folder), article_id)
            key = Path(folder) / f"{article_id}.key.yaml"
            draft = draft_key(path)
            write_draft(draft, key)
            widget = review_key(key)
            replay(widget, reviewed_key(article_id))
            c = R.summary(widget.review_log)
            cells = [
                count(draft),
                *(c[k] for k in ("accepted", "filled", "corrected", "merged", "deleted", "added")),
            ]
            print(f"{article_id:<34} " + " ".join(f"{n:>7}" for n in cells))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1000, help="length of the article (default 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs (default 3; the median is shown)")
    parser.add_argument("--no-reviews", action="store_true", help="skip the test articles' review counts")
    args = parser.parse_args()
    runs = [one_run(args.words) for _ in range(args.repeat)]
    words = int(runs[0]["words"])
    print(
        f"Article: {words} words of VOA text (public domain), {int(runs[0]['steps'])} draft entries reviewed."
    )
    print(f"Median of {args.repeat} runs, each command its own process (start-up included):")
    for name, label in (
        ("draft", "medialit draft-key (draft key + review notebook)"),
        ("review", "review by script (fill + accept, every step saved)"),
        ("generate", "medialit generate-set (master + 2 notebooks)"),
        ("total", "from draft-key to generated notebooks"),
    ):
        values = [r[name] for r in runs]
        low, high = min(values), max(values)
        print(f"  {label:<52} {statistics.median(values):6.2f} s   (min {low:.2f}, max {high:.2f})")
    if not args.no_reviews:
        review_counts()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
