"""Auto-graded exercises: question types, scoring, the student ``check()``, and the builder.

The grader's API (pure functions of data, no notebook needed):

>>> from medialit.exercises import list_sets, get_set, score_set, answer_names
>>> "ex01" in list_sets()
True
>>> result = score_set("ex01", {})
>>> result.total, result.questions[0].verdict
(0.0, 'unanswered')

In a notebook, students use ``check("q3")`` and ``progress()`` (imported by the first code
cell of each exercise notebook, e.g. ``from medialit.exercises.ex01 import article, check, progress``).
"""

from __future__ import annotations

from ._model import ExerciseSet, Question, answer_names, get_set, list_sets
from .identify import identify_notebook
from .scoring import QuestionResult, SetResult, score_question, score_set
from .student import check, progress

__all__ = [
    "ExerciseSet",
    "Question",
    "QuestionResult",
    "SetResult",
    "answer_names",
    "check",
    "get_set",
    "identify_notebook",
    "list_sets",
    "progress",
    "score_question",
    "score_set",
]
