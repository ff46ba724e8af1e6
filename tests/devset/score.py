"""Score the automatic analysis against the hand labels of the development set.

Used by ``tests/test_analysis_devset.py`` (floors) and ``benchmarks/bench_analysis.py`` (figures).
A machine quotation matches a label when it stands in the same paragraph and its text equals the
label's (ignoring surrounding white space); a time expression matches when the paragraph is the same
and the texts overlap. A time expression is resolved correctly when date, start, end and vague all agree.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent


def cases() -> list[tuple[Path, dict[str, Any]]]:
    """(article path, labels) for every labelled article."""
    out = []
    for label in sorted((HERE / "labels").glob("*.yaml")):
        data = yaml.safe_load(label.read_text(encoding="utf-8"))
        out.append((HERE / "articles" / f"{data['id']}.txt", data))
    return out


def _norm(text: str) -> str:
    return " ".join(str(text).split()).lower()


def _same_speaker(a: Any, b: Any) -> bool:
    """Same name, or one is the end of the other ("Ryabkov" and "Sergei Ryabkov")."""
    if not a or not b:
        return False
    a_words = _norm(a).removeprefix("the ").split()
    b_words = _norm(b).removeprefix("the ").split()
    short, long = sorted((a_words, b_words), key=len)
    return long[len(long) - len(short) :] == short


def evaluate(detail: bool = False) -> dict[str, Any]:
    """Quotation precision/recall, speaker accuracy and time-expression recall/resolution on the set."""
    import medialit

    totals = {
        "q_found": 0,
        "q_labels": 0,
        "q_match": 0,
        "spk_ok": 0,
        "t_found": 0,
        "t_labels": 0,
        "t_match": 0,
        "t_resolved": 0,
        "articles": 0,
    }
    misses: list[str] = []
    for path, labels in cases():
        result = medialit.analyze(path)
        totals["articles"] += 1
        machine = result.quotes.to_dict("records")
        gold = labels.get("quotes") or []
        totals["q_found"] += len(machine)
        totals["q_labels"] += len(gold)
        used: set[int] = set()
        for g in gold:
            hit = next(
                (
                    i
                    for i, m in enumerate(machine)
                    if i not in used
                    and m["paragraph"] == g["paragraph"]
                    and _norm(m["text"]) == _norm(g["text"])
                ),
                None,
            )
            if hit is None:
                misses.append(f"{labels['id']} quote missed: ¶{g['paragraph']} {g['text'][:40]!r}")
                continue
            used.add(hit)
            totals["q_match"] += 1
            if _same_speaker(machine[hit]["speaker"], g["speaker"]):
                totals["spk_ok"] += 1
            else:
                misses.append(
                    f"{labels['id']} speaker: ¶{g['paragraph']} {g['text'][:30]!r} "
                    f"machine={machine[hit]['speaker']!r} label={g['speaker']!r}"
                )
        for i, m in enumerate(machine):
            if i not in used:
                misses.append(f"{labels['id']} extra quote: ¶{m['paragraph']} {m['text'][:40]!r}")
        times = result.time_expressions.to_dict("records")
        tgold = labels.get("time_expressions") or []
        totals["t_found"] += len(times)
        totals["t_labels"] += len(tgold)
        tused: set[int] = set()
        for g in tgold:
            hit = next(
                (
                    i
                    for i, m in enumerate(times)
                    if i not in tused
                    and m["paragraph"] == g["paragraph"]
                    and (_norm(m["text"]) in _norm(g["text"]) or _norm(g["text"]) in _norm(m["text"]))
                ),
                None,
            )
            if hit is None:
                misses.append(f"{labels['id']} time missed: ¶{g['paragraph']} {g['text']!r}")
                continue
            tused.add(hit)
            totals["t_match"] += 1
            m = times[hit]
            want = (g.get("date"), g.get("start"), g.get("end"), bool(g.get("vague", False)))
            got = (m["date"], m["start"], m["end"], bool(m["vague"]))
            if str(want) == str(got):
                totals["t_resolved"] += 1
            else:
                misses.append(
                    f"{labels['id']} time wrong: ¶{g['paragraph']} {g['text']!r} machine={got} label={want}"
                )
        for i, m in enumerate(times):
            if i not in tused:
                misses.append(f"{labels['id']} extra time: ¶{m['paragraph']} {m['text']!r}")

    def ratio(a: int, b: int) -> float:
        return round(a / b, 3) if b else 1.0

    out = {
        "articles": totals["articles"],
        "quotes_labelled": totals["q_labels"],
        "quote_precision": ratio(totals["q_match"], totals["q_found"]),
        "quote_recall": ratio(totals["q_match"], totals["q_labels"]),
        "speaker_accuracy": ratio(totals["spk_ok"], totals["q_match"]),
        "times_labelled": totals["t_labels"],
        "time_precision": ratio(totals["t_match"], totals["t_found"]),
        "time_recall": ratio(totals["t_match"], totals["t_labels"]),
        "time_resolved": ratio(totals["t_resolved"], totals["t_labels"]),
    }
    if detail:
        out["misses"] = misses
    return out


if __name__ == "__main__":  # pragma: no cover
    import json

    report = evaluate(detail=True)
    for line in report.pop("misses"):
        print(line)
    print(json.dumps(report, indent=2))
