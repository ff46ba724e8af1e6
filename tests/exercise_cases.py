"""Answers and notebooks shared by the agreement tests (not a test module)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from medialit.answers import answer_bundle
from medialit.exercises import get_set
from medialit.scoring._text import locate

ROOT = Path(__file__).resolve().parents[1]


def form_answer(question: Any, answer: Any) -> Any:
    """A typed answer as the question's form holds it (a frames answer by item code; others as they are)."""
    if question.kind != "frames" or not isinstance(answer, dict) or "items" in answer:
        return answer
    codes = [it["item"] for it in question.spec["items"]]
    items = {}
    for number, given in answer.items():
        i = int(number) - 1 if str(number).isdigit() else -1
        if not (0 <= i < len(codes)) or not isinstance(given, list | tuple) or len(given) != 2:
            continue
        said, evidence = given
        items[codes[i]] = {
            "answer": {"yes": True, "no": False}.get(str(said).lower()),
            "evidence": list(evidence),
            "evidence_text": ", ".join(map(str, evidence)),
        }
    return {"items": items}


def crafted() -> dict[str, Any]:
    """Issue 9's case: "Biden" (¶10), "Ryabkov" (¶13), "Russia" (¶14), "army" (¶15), marked in the widget."""
    spec = get_set("ex02").question("q6").spec
    marks = []
    for p, word in ((10, "Biden"), (13, "Ryabkov"), (14, "Russia"), (15, "army")):
        (at,) = locate(spec["paragraphs"][p], word)
        marks.append({"category": "source", "paragraph": p, "text": word, "start": at, "end": at + 1})
    return {"article": "putin-nato-talks-2021-12-14", "category": "source", "marks": marks}


def notebook_with(set_id: str, answers: dict[str, Any]) -> dict[str, Any]:
    """The handed-out notebook with each answer saved in its cell's outputs (as a widget or a form does)."""
    nb = json.loads((ROOT / "exercises" / get_set(set_id).notebook_name).read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        meta = cell.get("metadata", {}).get("medialit", {})
        qid = meta.get("question")
        if meta.get("role") in ("answer", "widget", "form") and qid in answers:
            bundle = answer_bundle(f"{set_id}.{qid}", answers[qid])
            cell["outputs"] = [{"output_type": "display_data", "metadata": {}, "data": bundle}]
    return nb
