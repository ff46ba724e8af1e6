"""The verb swap's text work: find attribution verbs, swap them keeping the form, explain the change.

Verb forms, stance classes and explanations come from the reporting-verb lexicon
(``data/lexicons/reporting_verbs.csv``); ``widgets/data/verb_swap.yaml`` lists the verbs offered.

>>> swap_verb("Putin said he wants talks.", "said", "claim")
'Putin claimed he wants talks.'
>>> swap_verb("The West has accused the Kremlin.", "has accused", "warn")
'The West has warned the Kremlin.'
>>> swap_verb("Russia stating it was watching.", "stating", "claim")
'Russia claiming it was watching.'
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ..errors import MedialitError
from ..scoring import Reference

__all__ = ["cue_sentences", "explain_swap", "grammar_note", "lexicon", "swap_verb", "verb_data"]

_AUX = {"has", "have", "had", "having", "been", "be", "is", "was", "were", "are"}
_SCHEMA = {
    "type": "object",
    "required": ["verbs", "judgements", "classes"],
    "additionalProperties": False,
    "properties": {
        "verbs": {
            "type": "array",
            "minItems": 2,
            "items": {
                "type": "object",
                "required": ["lemma", "pattern"],
                "additionalProperties": False,
                "properties": {
                    "lemma": {"type": "string", "minLength": 1},
                    "pattern": {"type": "string", "minLength": 1},
                },
            },
        },
        "judgements": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["value", "label"],
                "additionalProperties": False,
                "properties": {
                    "value": {"enum": ["neutral", "evaluative", "distancing"]},
                    "label": {"type": "string", "minLength": 1},
                },
            },
        },
        "classes": {
            "type": "object",
            "required": ["neutral", "evaluative", "distancing"],
            "additionalProperties": {"type": "string"},
        },
    },
}


def check_verb_data(data: Any, where: str = "verb_swap.yaml") -> dict[str, Any]:
    """Validate the verb-swap data (schema, and every verb known to the lexicon); return it.

    >>> check_verb_data({"verbs": [], "judgements": [], "classes": {}})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    medialit.errors.MedialitError: verb_swap.yaml: data.verbs must contain at least 2 items. ...
    """
    import fastjsonschema  # fast to import (jsonschema costs about 2 s); comes with nbformat

    try:
        _validator()(data)
    except fastjsonschema.JsonSchemaValueException as exc:
        raise MedialitError(f"{where}: {exc.message}.", hint="Fix that entry and reload.") from None
    known = lexicon()
    for i, v in enumerate(data["verbs"]):
        if v["lemma"] not in known:
            raise MedialitError(
                f"{where}, verbs/{i}: {v['lemma']!r} is not in the reporting-verb lexicon.",
                hint="Add its forms to data/lexicons/reporting_verbs.csv or remove it.",
            )
    return data


@cache
def _validator() -> Any:
    import fastjsonschema

    return fastjsonschema.compile(_SCHEMA)


@cache
def verb_data() -> dict[str, Any]:
    """The verb-swap data file, checked."""
    from pathlib import Path

    import yaml

    path = Path(__file__).parent / "data" / "verb_swap.yaml"
    return check_verb_data(yaml.safe_load(path.read_text(encoding="utf-8")), where=str(path))


@cache
def lexicon() -> dict[str, dict[str, Any]]:
    """lemma -> {"forms": {tense: form}, "connotation": str, "explanation": str} (single verbs only)."""
    from ..lexicons import rows

    out: dict[str, dict[str, Any]] = {}
    for r in rows("reporting_verbs"):
        if r["tense"] == "phrase" or " " in r["form"]:
            continue
        entry = out.setdefault(
            r["lemma"], {"forms": {}, "connotation": r["connotation"], "explanation": r["explanation"]}
        )
        entry["forms"].setdefault(r["tense"], r["form"])
    return out


@cache
def _form_index() -> dict[str, list[tuple[str, str]]]:
    index: dict[str, list[tuple[str, str]]] = {}
    for lemma, entry in lexicon().items():
        for tense, form in entry["forms"].items():
            index.setdefault(form.casefold(), []).append((lemma, tense))
    return index


def analyse_cue(cue: str) -> dict[str, Any] | None:
    """The verb inside an attribution cue: ``{"verb", "lemma", "tense"}`` or None (no single verb).

    >>> analyse_cue("have accused")
    {'verb': 'accused', 'lemma': 'accuse', 'tense': 'participle'}
    >>> analyse_cue("According to") is None
    True
    """
    words = cue.split()
    for i in range(len(words) - 1, -1, -1):
        hits = _form_index().get(words[i].casefold())
        if not hits:
            continue
        lemma, tense = hits[0]
        if i > 0 and words[i - 1].casefold() in _AUX and tense in ("past", "participle"):
            tense = "participle"
        elif tense == "participle":
            tense = "past" if "past" not in lexicon()[lemma]["forms"] else tense
        return {"verb": words[i], "lemma": lemma, "tense": tense}
    return None


def form_of(lemma: str, tense: str) -> str:
    """A verb's form for a tense (a participle falls back to the past form, as for regular verbs).

    >>> form_of("claim", "3sg"), form_of("tell", "participle")
    ('claims', 'told')
    """
    forms = lexicon()[lemma]["forms"]
    if tense == "participle" and "participle" not in forms:
        tense = "past"
    return forms.get(tense) or forms.get("base") or lemma


def swap_verb(sentence: str, cue: str, lemma: str) -> str:
    """``sentence`` with the verb of ``cue`` replaced by ``lemma`` in the same form."""
    info = analyse_cue(cue)
    if info is None:
        raise MedialitError(
            f"“{cue}” has no reporting verb that can be swapped.", hint="Choose another sentence."
        )
    new = form_of(lemma, info["tense"])
    if info["verb"][:1].isupper():
        new = new[:1].upper() + new[1:]
    pattern = re.compile(r"(?<!\w)" + re.escape(cue) + r"(?!\w)")
    match = pattern.search(sentence)
    if not match:
        raise MedialitError(f"“{cue}” does not occur in that sentence.", hint="Choose another sentence.")
    words = cue.split()
    words[len(words) - 1 - words[::-1].index(info["verb"])] = new
    return sentence[: match.start()] + " ".join(words) + sentence[match.end() :]


def cue_sentences(ref: Reference) -> list[dict[str, Any]]:
    """Sentences with a swappable attribution verb, in article order.

    Each: ``{"id", "paragraph", "sentence", "cue", "source", "lemma", "tense", "connotation"}``.
    """
    sentences = ref.article.sentences
    out, seen = [], set()
    for r in ref.rows("attributions"):
        p, cue = r.get("paragraph"), r.get("cue")
        if not isinstance(p, int) or not isinstance(cue, str):
            continue
        info = analyse_cue(cue)
        if info is None:
            continue
        pattern = re.compile(r"(?<!\w)" + re.escape(cue) + r"(?!\w)")
        for text in sentences.loc[sentences["paragraph"] == p, "text"]:
            if pattern.search(text):
                ident = f"p{p}:{cue}"
                if ident not in seen:
                    seen.add(ident)
                    out.append(
                        {
                            "id": ident,
                            "paragraph": p,
                            "sentence": text,
                            "cue": cue,
                            "source": r.get("source"),
                            "lemma": info["lemma"],
                            "tense": info["tense"],
                            "connotation": lexicon()[info["lemma"]]["connotation"],
                        }
                    )
                break
    out.sort(key=lambda x: x["paragraph"])
    return out


def explain_swap(original_lemma: str, new_lemma: str) -> str:
    """How the stance changes from one verb to another (plain text; it names the new verb's class,
    so the verb swap shows it only after the student has judged the swap).

    >>> print(explain_swap("say", "claim"))  # doctest: +ELLIPSIS
    From “say” (neutral: ...) to “claim” (distancing: ...)...
    """
    lex, data = lexicon(), verb_data()
    a, b = lex[original_lemma], lex[new_lemma]
    text = (
        f"From “{original_lemma}” ({a['connotation']}: {a['explanation']}) to “{new_lemma}” "
        f"({b['connotation']}: {b['explanation']})"
    )
    if a["connotation"] == b["connotation"]:
        text += " Both verbs are in the same class, so the stance changes little."
    else:
        text += f" The new verb {data['classes'][b['connotation']]}."
    return text


def grammar_note(new_lemma: str) -> str:
    """How the new verb is built into a sentence ("" if the verb-swap data gives no pattern).

    >>> grammar_note("warn")[:48]
    'Grammar check: “warn” is used as “warn (someone)'
    """
    patterns = {v["lemma"]: v["pattern"] for v in verb_data()["verbs"]}
    if new_lemma not in patterns:
        return ""
    return (
        f"Grammar check: “{new_lemma}” is used as “{patterns[new_lemma]}”; if the sentence no"
        " longer reads well, that shows each verb also decides what else the sentence must say."
    )
