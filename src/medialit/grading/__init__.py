"""Grade a class's submitted exercise notebooks: safely, quickly, and per question.

``medialit grade PATH... --out DIR`` (see :mod:`medialit.grading.cli` and ``docs/grading.md``):

1. finds the submissions and the student each belongs to (:mod:`._discover`);
2. recognises the exercise set of each notebook and reads widget answers from its saved outputs
   as plain data (:mod:`._answers`);
3. runs the code of each submission in its own sandboxed process, forked from a pre-warmed
   worker, under time and memory limits; after every cell the process sends the answer
   variables out as size-capped JSON (:mod:`._zygote`, :mod:`._sandbox`, :mod:`.runner`);
4. scores the answers in the grader's own process with :func:`medialit.exercises.score_set`, so no
   cell a student writes can change a score; writes the gradebook, one feedback page per student
   and exercise, and an item-analysis plot (:mod:`.report`).

Around it, the instructor's round trip (``docs/roundtrip.md``): :mod:`.collect` gathers submissions
from folders, a hub's homes and LMS downloads; ``answers.jsonl`` (:mod:`._record`) lets a second run
skip unchanged files; :mod:`.marking` serves the page to mark open questions (:mod:`.marks` stores
them); :mod:`.export` writes Canvas, Moodle and plain CSVs; :mod:`.returns` gives each student their
own feedback.

Importing this package imports nothing heavy.

>>> import medialit.grading
>>> sorted(medialit.grading.STATUSES)[:3]
['crashed', 'invalid-notebook', 'memory']
"""

from __future__ import annotations

__all__ = ["STATUSES"]

#: Every gradebook row has exactly one of these statuses, with this meaning.
STATUSES: dict[str, str] = {
    "ok": "ran to the end; every auto-graded answer was found",
    "missing-answers": "ran to the end, but some answers are not in the notebook "
    "(deleted or renamed cells, a widget never used)",
    "timeout": "stopped at the time limit; answers given before that were graded",
    "memory": "stopped at the memory limit; answers given before that were graded",
    "crashed": "the notebook's process died; answers given before that were graded",
    "invalid-notebook": "not a readable notebook file (empty, damaged, or not a notebook)",
    "not-an-exercise": "a notebook, but not one of the kit's exercise sets",
}
