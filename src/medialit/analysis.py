"""``analyze(article)``: the automatic, rule-based reading of any English news article.

Every table uses the answer key's column names, so ``compare(analysis, key)`` can show, side by side,
what both found, what only the key has and what only the machine found — "what did the machine
miss, and why?". The rules live in :mod:`medialit.quotes`, :mod:`medialit.attribution`,
:mod:`medialit.sources`, :mod:`medialit.timeline` and :mod:`medialit.framing`, and the word lists in
``data/lexicons/``: a student can read all of them.

>>> a = analyze()
>>> a.quotes[["paragraph", "speaker"]].head(2).values.tolist()
[[0, 'Vladimir Putin'], [1, 'Vladimir Putin']]
"""

from __future__ import annotations

import copy
import html
import json
import math
import re
import sys
import weakref
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .article import Article, load_article

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TABLES", "Analysis", "Comparison", "analyze", "compare", "main"]

#: table name -> its columns (the answer key's names; see docs/ARCHITECTURE.md)
TABLES: dict[str, list[str]] = {
    "quotes": ["paragraph", "text", "start", "end", "speaker", "cue", "kind", "via"],
    "attributions": ["paragraph", "source", "cue", "connotation", "mode"],
    "sources": ["name", "aliases", "kind", "appearances", "direct", "partial", "paraphrase"],
    "time_expressions": ["paragraph", "text", "date", "start", "end", "vague", "event"],
    "loaded_terms": ["paragraph", "text", "category", "neutral_alternative"],
    "frame_cues": ["frame", "cue", "paragraph"],
}
_SHOWN_ROWS = 10


def _table_html(df: pd.DataFrame, caption: str, limit: int = _SHOWN_ROWS) -> str:
    esc = html.escape
    if df is None or len(df) == 0:
        return f"<p><strong>{esc(caption)}</strong>: none found.</p>"
    head = "".join(f'<th scope="col">{esc(str(c))}</th>' for c in df.columns)
    body = []
    for _, row in df.head(limit).iterrows():
        cells = []
        for value in row:
            if (isinstance(value, float) and math.isnan(value)) or value is None:
                value = ""
            elif isinstance(value, list | tuple):
                value = "; ".join(
                    (f"¶{v.get('paragraph')} {v.get('mode')}" if isinstance(v, dict) else str(v))
                    for v in value
                )
            cells.append(f"<td>{esc(str(value))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    more = (
        f'<p style="color:#555">… {len(df) - limit} more rows (of {len(df)}).</p>' if len(df) > limit else ""
    )
    return (
        f'<table class="medialit-table"><caption style="text-align:left"><strong>{esc(caption)}</strong>'
        f" ({len(df)})</caption><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{more}"
    )


#: columns each table has beyond the key's (TABLES): the rule's explanation and character offsets
EXTRA_COLUMNS: dict[str, list[str]] = {
    "quotes": ["rationale"],
    "time_expressions": ["char_start", "char_end", "rationale"],
    "loaded_terms": ["explanation", "char_start", "char_end"],
    "frame_cues": ["item", "char_start", "char_end"],
    "excluded": ["paragraph", "text", "reason"],
    "problems": ["paragraph", "offset", "mark", "message"],
}


def _columns(name: str) -> list[str]:
    return TABLES.get(name, []) + EXTRA_COLUMNS.get(name, [])


class _Table:
    """A table of an :class:`Analysis`, built as a DataFrame the first time it is read.

    The rules produce plain rows; building DataFrames costs more than the rules on a short article,
    so each table pays for it only when a lesson or widget looks at it.
    """

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Analysis | None, owner: type) -> Any:
        if instance is None:
            return self
        import pandas as pd

        columns = _columns(self.name)
        rows = instance._rows[self.name]
        data = {}
        for c in columns:
            values = [row.get(c) for row in rows]
            # a column with gaps keeps None (not NaN), so a row reads the same as in to_dict()
            data[c] = pd.Series(values, dtype=object) if None in values else values
        frame = pd.DataFrame(data, columns=columns)
        instance.__dict__[self.name] = frame  # later reads find the DataFrame itself
        return frame


class Analysis:
    """The machine's reading of one article: one DataFrame per table (the key's column names).

    Also: ``frame_scores`` (frame -> 0..1, the share of each frame's items with a cue),
    ``excluded`` (quoted words judged not to be someone's words, with the reason) and ``problems``
    (unpaired quotation marks). ``quotes.rationale`` and ``time_expressions.rationale`` say which rule
    gave each row its speaker or its date.
    """

    quotes = _Table()
    attributions = _Table()
    sources = _Table()
    time_expressions = _Table()
    loaded_terms = _Table()
    frame_cues = _Table()
    excluded = _Table()
    problems = _Table()

    def __init__(
        self, article: Article, rows: dict[str, list[dict[str, Any]]], frame_scores: dict[str, float]
    ) -> None:
        self.article = article
        self._rows = rows
        self.frame_scores = dict(frame_scores)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data: the article's facts and each table as a list of records.

        >>> sorted(analyze().to_dict())[:3]
        ['article', 'attributions', 'excluded']
        """
        out: dict[str, Any] = {
            "article": {
                "id": self.article.id,
                "headline": self.article.headline,
                "date": self.article.date.isoformat() if self.article.date else None,
                "paragraphs": len(self.article.paragraphs) - 1,
            }
        }
        for name in (*TABLES, "excluded", "problems"):
            out[name] = copy.deepcopy([{c: row.get(c) for c in _columns(name)} for row in self._rows[name]])
        out["frame_scores"] = dict(self.frame_scores)
        return out

    def __repr__(self) -> str:
        counts = ", ".join(f"{len(self._rows[n])} {n.replace('_', ' ')}" for n in TABLES)
        return f"<Analysis of {self.article.id!r}: {counts}>"

    def _repr_html_(self) -> str:
        esc = html.escape
        parts = [
            f"<div class='medialit-analysis'><h2 style='font-size:1.1em'>Automatic analysis of "
            f"“{esc(self.article.headline)}”</h2>",
            "<p>Found by rules and word lists, not by understanding: check every row against the text.</p>",
        ]
        for name in TABLES:
            parts.append(_table_html(getattr(self, name), name.replace("_", " ").capitalize()))
        if self._rows["problems"]:
            parts.append(_table_html(self.problems, "Quotation marks that could not be paired"))
        parts.append("</div>")
        return "".join(parts)


#: the rows found for each article read so far (an article is immutable, so they stay true)
_FOUND: weakref.WeakKeyDictionary[Article, tuple[dict[str, list[dict[str, Any]]], dict[str, float]]] = (
    weakref.WeakKeyDictionary()
)


def analyze(article: Article | str | Path | None = None) -> Analysis:
    """Analyse an article with the kit's rules: quotations, attributions, sources, time, framing.

    ``article`` is an :class:`~medialit.article.Article`, a shipped article's name, a path to a
    ``.txt`` file, or None for the built-in article. Analysing the same ``Article`` again reuses the
    rules' findings (each call still returns its own tables).

    >>> result = analyze()
    >>> result.quotes.loc[result.quotes["paragraph"] == 13, ["speaker", "cue", "via"]].values.tolist()
    [['Sergei Ryabkov', 'told', 'RIA Novosti']]
    >>> result.time_expressions.loc[0, ["text", "date"]].tolist()
    ['Tuesday', '2021-12-14']
    """
    art = load_article(article)
    if art not in _FOUND:
        _FOUND[art] = _find_rows(art)
    rows, scores = _FOUND[art]
    return Analysis(art, {name: [dict(row) for row in table] for name, table in rows.items()}, scores)


def _find_rows(art: Article) -> tuple[dict[str, list[dict[str, Any]]], dict[str, float]]:
    """Run every rule on the article: the rows of each table, and the frame scores."""
    from .attribution import attribute
    from .framing import frame_cues, frame_scores, loaded_terms
    from .timeline import find_time_expressions

    result = attribute(art)
    quotes = [
        {
            "paragraph": q.paragraph,
            "text": q.text,
            "start": q.span.start,
            "end": q.span.end,
            "speaker": q.speaker,
            "cue": q.cue,
            "kind": q.kind,
            "via": q.via,
            "rationale": q.rationale,
        }
        for q in result.quotes
    ]
    attributions = [
        {
            "paragraph": t.paragraph,
            "source": t.source,
            "cue": t.cue,
            "connotation": t.connotation,
            "mode": t.mode,
        }
        for t in result.attributions
    ]
    from .framing import _paragraph_words

    words = _paragraph_words(art)
    cues = frame_cues(art, words=words)
    rows: dict[str, list[dict[str, Any]]] = {
        "quotes": quotes,
        "attributions": attributions,
        "sources": _source_rows(art, result),
        "time_expressions": find_time_expressions(art, [(q.span.start, q.span.end) for q in result.quotes]),
        "loaded_terms": loaded_terms(art, masked=result.masked, words=words),
        "frame_cues": cues,
        "excluded": [{"paragraph": e.paragraph, "text": e.text, "reason": e.reason} for e in result.excluded],
        "problems": [
            {"paragraph": p.paragraph, "offset": p.offset, "mark": p.mark, "message": p.message}
            for p in result.problems
        ],
    }
    return rows, frame_scores(cues)


def _source_rows(article: Article, result: Any) -> list[dict[str, Any]]:
    order: list[str] = []
    appearances: dict[str, list[dict[str, Any]]] = {}
    counts: dict[str, dict[str, int]] = {}

    def note(name: str | None, paragraph: int, mode: str) -> None:
        if not name:
            return
        if name not in appearances:
            order.append(name)
            appearances[name] = []
            counts[name] = {"direct": 0, "partial": 0, "paraphrase": 0}
        entry = {"paragraph": int(paragraph), "mode": mode}
        if entry not in appearances[name]:
            appearances[name].append(entry)

    for q in result.quotes:
        note(q.speaker, q.paragraph, "direct quote" if q.kind == "full" else "partial quote")
        if q.speaker:
            counts[q.speaker]["direct" if q.kind == "full" else "partial"] += 1
    for t in result.attributions:
        if t.mode == "paraphrase":
            note(t.source, t.paragraph, "paraphrase")
            counts[t.source]["paraphrase"] += 1
        else:
            note(t.source, t.paragraph, t.mode)
    for q in result.quotes:  # the outlet or office the words came through is a source too
        already = {a["paragraph"] for a in appearances.get(q.via or "", [])}
        if q.via and q.via != q.speaker and q.paragraph not in already:
            note(q.via, q.paragraph, "mentioned")
    rows = []
    registry = result.registry
    starts = [a for a, _ in article.paragraph_spans]
    # every form of every source, found in one pass over the text ("mentioned" appearances)
    owners: dict[str, list[str]] = {}
    for name in order:
        source = registry.sources.get(name)
        for form in [name, *(source.aliases if source else [])]:
            bare = form.removeprefix("the ")
            if len(bare) > 2 and name not in owners.setdefault(bare, []):
                owners[bare].append(name)
    mentioned: dict[str, set[int]] = {name: set() for name in order}
    if owners:
        alternation = "|".join(map(re.escape, sorted(owners, key=len, reverse=True)))
        for m in re.finditer(rf"\b(?:{alternation})(?!\w)", article.text):
            if m.start() and (article.text[m.start() - 1].isalnum() or article.text[m.start() - 1] == "_"):
                continue
            number = bisect_right(starts, m.start()) - 1
            if number >= 0 and m.end() <= article.paragraph_spans[number][1]:
                for name in owners[m.group()]:
                    mentioned[name].add(number)
    for name in order:
        source = registry.sources.get(name)
        aliases = list(source.aliases) if source else []
        if source is not None:
            kind = source.kind
        else:
            from .sources import classify

            kind = classify(name)
        spoken = {a["paragraph"] for a in appearances[name]}
        appearances[name].extend(
            {"paragraph": n, "mode": "mentioned"} for n in sorted(mentioned[name] - spoken)
        )
        appearances[name].sort(key=lambda e: (e["paragraph"], e["mode"]))
        rows.append(
            {"name": name, "aliases": aliases, "kind": kind, "appearances": appearances[name], **counts[name]}
        )
    return rows


# ---------------------------------------------------------------- compare


def _norm(text: Any) -> str:
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    text = str(text).lower().replace("’", "'").replace("“", '"').replace("”", '"')
    text = re.sub(r"^(the|a|an)\s+", "", text.strip())
    return re.sub(r"[\s.,;:!?\"']+", " ", text).strip()


def _overlaps(a: Any, b: Any) -> bool:
    a, b = _norm(a), _norm(b)
    return bool(a) and bool(b) and (a == b or a in b or b in a)


@dataclass
class Comparison:
    """What the machine and the key both found, and what only one of them found, table by table.

    ``tables[name]`` is a dict with DataFrames ``both``, ``key_only`` and ``machine_only``;
    ``summary`` counts them and gives the machine's precision and recall against the key.
    """

    tables: dict[str, dict[str, pd.DataFrame]]

    @property
    def summary(self) -> pd.DataFrame:
        """One row per table: both, key_only, machine_only, precision, recall.

        >>> import pandas as pd
        >>> empty = pd.DataFrame(columns=["paragraph", "text"])
        >>> parts = {"both": empty, "key_only": empty, "machine_only": empty}
        >>> Comparison({"quotes": parts}).summary.columns.tolist()
        ['table', 'both', 'key_only', 'machine_only', 'precision', 'recall']
        """
        import pandas as pd

        rows = []
        for name, parts in self.tables.items():
            both, key_only, machine_only = (len(parts[k]) for k in ("both", "key_only", "machine_only"))
            rows.append(
                {
                    "table": name,
                    "both": both,
                    "key_only": key_only,
                    "machine_only": machine_only,
                    "precision": round(both / (both + machine_only), 2) if both + machine_only else None,
                    "recall": round(both / (both + key_only), 2) if both + key_only else None,
                }
            )
        return pd.DataFrame(
            rows, columns=["table", "both", "key_only", "machine_only", "precision", "recall"]
        )

    def __getitem__(self, name: str) -> dict[str, pd.DataFrame]:
        return self.tables[name]

    def __repr__(self) -> str:
        return "<Comparison\n" + self.summary.to_string(index=False) + "\n>"

    def _repr_html_(self) -> str:
        esc = html.escape
        parts = [
            "<div class='medialit-comparison'>"
            "<h2 style='font-size:1.1em'>The machine against the answer key</h2>",
            "<p>Rows only the key has are what the rules missed; ask why. Rows only the machine found may "
            "be mistakes, or things the key left out.</p>",
            _table_html(self.summary, "Summary"),
        ]
        labels = {
            "both": "Both found",
            "key_only": "Only in the key (the machine missed)",
            "machine_only": "Only the machine found",
        }
        for name, tables in self.tables.items():
            parts.append(f"<h3 style='font-size:1em'>{esc(name.replace('_', ' ').capitalize())}</h3>")
            for part, label in labels.items():
                parts.append(_table_html(tables[part], label))
        parts.append("</div>")
        return "".join(parts)


def _match(machine: pd.DataFrame, key: pd.DataFrame, same: Any) -> dict[str, pd.DataFrame]:
    import pandas as pd

    used: set[int] = set()
    both_rows, machine_only = [], []
    key_rows = list(key.itertuples(index=False))
    key_cols = list(key.columns)
    for mrow in machine.itertuples(index=False):
        m = dict(zip(machine.columns, mrow, strict=True))
        hit = None
        for i, krow in enumerate(key_rows):
            if i in used:
                continue
            k = dict(zip(key_cols, krow, strict=True))
            if same(m, k):
                hit = i
                break
        if hit is None:
            machine_only.append(m)
        else:
            used.add(hit)
            k = dict(zip(key_cols, key_rows[hit], strict=True))
            both_rows.append(
                {**{f"machine_{c}": v for c, v in m.items()}, **{f"key_{c}": v for c, v in k.items()}}
            )
    key_only = [dict(zip(key_cols, r, strict=True)) for i, r in enumerate(key_rows) if i not in used]
    return {
        "both": pd.DataFrame(both_rows),
        "key_only": pd.DataFrame(key_only, columns=key_cols),
        "machine_only": pd.DataFrame(machine_only, columns=list(machine.columns)),
    }


def _same_paragraph(m: dict[str, Any], k: dict[str, Any]) -> bool:
    try:
        return int(m["paragraph"]) == int(k["paragraph"])
    except (TypeError, ValueError, KeyError):
        return False


def compare(analysis: Analysis, key: Any = None) -> Comparison:
    """Compare the machine's tables with an answer key (default: the article's own key).

    Rows match when they stand in the same paragraph and their texts overlap (quotations, time
    expressions, loaded terms), or name the same source (attributions: source and cue; sources: name
    or an alias). Names match without case and without a leading "the".

    >>> import pandas as pd
    >>> from types import SimpleNamespace
    >>> rows = [{"paragraph": 1, "text": "urgent", "speaker": "Vladimir Putin"},
    ...         {"paragraph": 2, "text": "not there", "speaker": "X"}]
    >>> key = SimpleNamespace(quotes=pd.DataFrame(rows))
    >>> c = compare(analyze(), key)
    >>> [c.summary.loc[0, "table"], int(c.summary.loc[0, "both"]), int(c.summary.loc[0, "key_only"])]
    ['quotes', 1, 1]
    """

    if key is None:
        from .key import answer_key

        key = answer_key(analysis.article)
    tables: dict[str, dict[str, pd.DataFrame]] = {}

    def text_rule(m: dict[str, Any], k: dict[str, Any]) -> bool:
        return _same_paragraph(m, k) and _overlaps(m.get("text"), k.get("text"))

    def attribution_rule(m: dict[str, Any], k: dict[str, Any]) -> bool:
        return (
            _same_paragraph(m, k)
            and _norm(m.get("source")) == _norm(k.get("source"))
            and _overlaps(m.get("cue"), k.get("cue"))
        )

    def source_rule(m: dict[str, Any], k: dict[str, Any]) -> bool:
        names_m = {_norm(m.get("name"))} | {_norm(a) for a in (m.get("aliases") or [])}
        names_k = {_norm(k.get("name"))} | {_norm(a) for a in (k.get("aliases") or [])}
        return bool(names_m & names_k - {""})

    rules = {
        "quotes": text_rule,
        "attributions": attribution_rule,
        "sources": source_rule,
        "time_expressions": text_rule,
    }
    for name, rule in rules.items():
        key_table = getattr(key, name, None)
        if key_table is None:
            continue
        tables[name] = _match(getattr(analysis, name), key_table, rule)
    framing = getattr(key, "framing", None)
    if framing is not None and "device" in getattr(framing, "columns", []):
        words = framing[framing["device"].isin(["loaded term", "label", "vague quantity"])]
        tables["loaded_terms"] = _match(analysis.loaded_terms, words, text_rule)
    if "quotes" in tables and len(tables["quotes"]["both"]):
        both = tables["quotes"]["both"]
        both["same_speaker"] = [
            _norm(a) == _norm(b)
            for a, b in zip(
                both["machine_speaker"], both.get("key_speaker", both["machine_speaker"]), strict=True
            )
        ]
    return Comparison(tables)


# ---------------------------------------------------------------- command line


def _appearances_text(appearances: list[dict[str, Any]]) -> str:
    """``[{paragraph, mode}, ...]`` as "quoted ¶0 1 5; paraphrased ¶4; mentioned ¶2 7".

    >>> _appearances_text([{"paragraph": 0, "mode": "partial quote"}, {"paragraph": 4, "mode": "paraphrase"}])
    'quoted ¶0; paraphrased ¶4'
    """
    groups: dict[str, list[int]] = {"quoted": [], "paraphrased": [], "mentioned": []}
    for entry in appearances:
        mode = entry.get("mode", "")
        group = "quoted" if "quote" in mode else "paraphrased" if mode == "paraphrase" else "mentioned"
        if entry["paragraph"] not in groups[group]:
            groups[group].append(entry["paragraph"])
    return "; ".join(f"{g} ¶" + " ".join(map(str, ps)) for g, ps in groups.items() if ps)


def main(argv: list[str] | None = None) -> int:
    """``medialit analyze FILE [--json]``: print the automatic analysis of an article file.

    >>> main(["putin-nato-talks-2021-12-14", "--json"])  # doctest: +ELLIPSIS
    {...
    0
    """
    import argparse

    parser = argparse.ArgumentParser(
        prog="medialit analyze",
        description="Analyse a news article automatically: quotations and their speakers, attributions, "
        "sources, time expressions, loaded terms and frame cues.",
    )
    parser.add_argument(
        "file",
        nargs="?",
        default=None,
        help="a .txt article (' date YYYY-MM-DD Headline' first line optional) "
        "or a shipped article's name; default: the built-in article",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args(argv)
    result = analyze(args.file)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str))
        return 0
    import pandas as pd

    art = result.article
    print(
        f"{art.headline}\n{art.date.isoformat() if art.date else '(no date)'} · "
        f"{len(art.paragraphs) - 1} paragraphs · analysed by rules, not understanding\n"
    )
    with pd.option_context("display.max_colwidth", 60, "display.width", 160, "display.max_rows", 200):
        for name in TABLES:
            df = getattr(result, name)
            cols = [
                c
                for c in TABLES[name]
                if (c in df.columns and c not in ("start", "end"))
                or (name == "time_expressions" and c in ("start", "end"))
            ]
            shown = df[cols].copy()
            if name == "sources":
                shown["aliases"] = shown["aliases"].map(lambda names: ", ".join(names))
                shown["appearances"] = shown["appearances"].map(_appearances_text)
            if name == "time_expressions":
                shown = shown.drop(columns=["event"])
            if "text" in shown.columns:
                shown["text"] = shown["text"].map(lambda t: t if len(t) <= 60 else t[:57] + "...")
            shown = shown.astype(object).where(shown.notna(), "")
            print(f"== {name.replace('_', ' ')} ({len(df)}) ==")
            print(shown.to_string(index=False) if len(df) else "(none)")
            print()
        if result.problems is not None and len(result.problems):
            print(f"== unpaired quotation marks ({len(result.problems)}) ==")
            print(result.problems.to_string(index=False))
    sys.stdout.flush()
    return 0
