"""Auto-graded exercises: sets of questions built from masters, the student ``check()``, the builder.

The grader's API (pure functions of data, no notebook needed):

>>> from medialit.exercises import list_sets, get_set, score_set, answer_names
>>> "ex01" in list_sets()
True
>>> result = score_set("ex01", {})
>>> result.total, result.questions[0].verdict
(0.0, 'unanswered')

In a notebook, the first cell of each exercise notebook runs
``article, check, progress = start("ex01")``; students then use ``check("q3")`` and ``progress()``.
The rules that score each kind of answer are in :mod:`medialit.scoring`.
"""

from __future__ import annotations

from ._model import (
    ANSWER_FIELDS,
    PUBLIC_FIELDS,
    ExerciseSet,
    Question,
    answer_names,
    find_question,
    get_set,
    list_sets,
)
from .identify import identify_notebook
from .results import QuestionResult, SetResult, score_question, score_set
from .sealed import sealed_data, sealed_master, strip_answers
from .student import check, progress, start

__all__ = [
    "ANSWER_FIELDS",
    "PUBLIC_FIELDS",
    "ExerciseSet",
    "Question",
    "QuestionResult",
    "SetResult",
    "answer_names",
    "check",
    "find_question",
    "get_set",
    "identify_notebook",
    "list_sets",
    "progress",
    "score_question",
    "score_set",
    "sealed_data",
    "sealed_master",
    "start",
    "strip_answers",
]
