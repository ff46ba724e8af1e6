"""The teacher's review of three real articles, replayed through the review widget's own methods:
from a fresh machine draft to the committed reviewed key (tests/authoring/NOTES.md says what had to be
corrected on each)."""

from __future__ import annotations

import pytest
import yaml
from authoring_support import ARTICLES, article_copy, canonical, replay, reviewed_key

from medialit import load_article
from medialit.authoring import review as R
from medialit.authoring.draft import count, draft_key, write_draft
from medialit.authoring.review_widget import review_key
from medialit.key import load_key, unfinished, validate_key


@pytest.mark.parametrize("article_id", ARTICLES)
def test_the_review_of_a_draft_ends_at_the_reviewed_key_and_every_draft_entry_is_decided(
    article_id, tmp_path
):
    path = article_copy(tmp_path, article_id)
    key = tmp_path / f"{article_id}.key.yaml"
    draft = draft_key(path)
    write_draft(draft, key)
    widget = review_key(key)
    replay(widget, reviewed_key(article_id))

    on_disk = yaml.safe_load(key.read_text(encoding="utf-8"))
    assert canonical(on_disk) == canonical(reviewed_key(article_id))
    assert on_disk == widget.data and unfinished(load_key(key).data) == []
    counts = R.summary(widget.review_log)
    decided = sum(v for k, v in counts.items() if k != "added")
    assert decided == count(draft), (
        counts
    )  # each draft entry was accepted, filled, corrected, merged or deleted
    print(f"\n{article_id}: {count(draft)} draft entries: {counts}")


def test_the_reviewed_keys_are_finished_and_valid_and_not_beside_the_shipped_articles():
    for article_id, path in ARTICLES.items():
        # lesson 7 uses the sample articles as articles without a key: their keys stay in tests/authoring/
        assert not path.with_name(f"{article_id}.key.yaml").exists()
        data = reviewed_key(article_id)
        assert validate_key(data, load_article(path)) == [] and unfinished(data) == []
