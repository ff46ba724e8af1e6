"""Score the automatic analysis against the hand labels of the development set.

The set has two parts (see README.md): ``dev`` (the rules are tuned on it; its misses are printed) and
``test`` (only measured: its misses are never printed, so nobody tunes a rule on them).

Used by ``tests/test_analysis_devset.py`` (floors on the dev part) and ``benchmarks/bench_analysis.py``
(figures for both parts). A machine quotation matches a label when it stands in the same paragraph and
its text equals the label's (ignoring surrounding white space and case); a time expression matches when
the paragraph is the same and the texts overlap. A time expression is resolved correctly when date,
start, end and vague all agree.

    python tests/devset/score.py          # dev part: every miss, then the figures
    python tests/devset/score.py test     # test part: the figures only
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
PARTS = ("dev", "test")


def batches() -> dict[str, list[str]]:
    """Batch name ("batch A", "first nineteen" ...) -> the ids of its texts (from ``batches.yaml``)."""
    found: dict[str, list[str]] = yaml.safe_load((HERE / "batches.yaml").read_text(encoding="utf-8"))
    return found


def cases(part: str = "dev", only: tuple[str, ...] = ()) -> list[tuple[Path, dict[str, Any]]]:
    """(article path, labels) for every labelled article of one part (of the batches ``only`` names)."""
    if part not in PARTS:
        raise ValueError(f"part must be one of {PARTS}, not {part!r}")
    wanted = {i for name in only for i in batches()[name]} if only else None
    out = []
    for label in sorted((HERE / part / "labels").glob("*.yaml")):
        data = yaml.safe_load(label.read_text(encoding="utf-8"))
        if wanted is None or data["id"] in wanted:
            out.append((HERE / part / "articles" / f"{data['id']}.txt", data))
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


def _value(row: dict[str, Any], key: str) -> Any:
    value = row.get(key)
    return None if value is None or value != value else str(value)  # NaN -> None


def evaluate(part: str = "dev", detail: bool = False, only: tuple[str, ...] = ()) -> dict[str, Any]:
    """Quotation precision/recall, speaker accuracy and time-expression recall/resolution on one part (or
    on the texts of some batches of it)."""
    import medialit

    counters = "q_found q_labels q_match spk_ok t_found t_labels t_match t_resolved articles"
    totals = dict.fromkeys(counters.split(), 0)
    misses: list[str] = []
    for path, labels in cases(part, only):
        result = medialit.analyze(path)
        totals["articles"] += 1
        _score_quotes(result.quotes.to_dict("records"), labels, totals, misses)
        _score_times(result.time_expressions.to_dict("records"), labels, totals, misses)

    def ratio(a: int, b: int) -> float:
        return round(a / b, 3) if b else 1.0

    out: dict[str, Any] = {
        "part": part,
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


def _score_quotes(machine: list[dict], labels: dict, totals: dict[str, int], misses: list[str]) -> None:
    gold = labels.get("quotes") or []
    totals["q_found"] += len(machine)
    totals["q_labels"] += len(gold)
    used: set[int] = set()
    for g in gold:
        hit = next(
            (
                i
                for i, m in enumerate(machine)
                if i not in used and m["paragraph"] == g["paragraph"] and _norm(m["text"]) == _norm(g["text"])
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


def _score_times(machine: list[dict], labels: dict, totals: dict[str, int], misses: list[str]) -> None:
    gold = labels.get("time_expressions") or []
    totals["t_found"] += len(machine)
    totals["t_labels"] += len(gold)
    used: set[int] = set()
    for g in gold:
        hit = next(
            (
                i
                for i, m in enumerate(machine)
                if i not in used
                and m["paragraph"] == g["paragraph"]
                and (_norm(m["text"]) in _norm(g["text"]) or _norm(g["text"]) in _norm(m["text"]))
            ),
            None,
        )
        if hit is None:
            misses.append(f"{labels['id']} time missed: ¶{g['paragraph']} {g['text']!r}")
            continue
        used.add(hit)
        totals["t_match"] += 1
        m = machine[hit]
        want = (_value(g, "date"), _value(g, "start"), _value(g, "end"), bool(g.get("vague", False)))
        got = (_value(m, "date"), _value(m, "start"), _value(m, "end"), bool(m["vague"]))
        if want == got:
            totals["t_resolved"] += 1
        else:
            where = f"{labels['id']} time wrong: ¶{g['paragraph']} {g['text']!r}"
            misses.append(f"{where} machine={got} label={want}")
    for i, m in enumerate(machine):
        if i not in used:
            misses.append(f"{labels['id']} extra time: ¶{m['paragraph']} {m['text']!r}")


if __name__ == "__main__":  # pragma: no cover
    import json

    chosen = sys.argv[1] if len(sys.argv) > 1 else "dev"
    report = evaluate(chosen, detail=True)
    misses = report.pop("misses")
    if chosen == "dev":
        print("\n".join(misses))
    else:
        print(f"({len(misses)} misses on the test part are not shown: it is for measuring only)")
    print(json.dumps(report, indent=2))
