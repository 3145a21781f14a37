"""Classification floors, enforced. Lowering a floor is an explicit, explained change in this
file, never a quiet edit. The figures these floors sit under are in docs/classification.md."""

from __future__ import annotations

import os

import pytest

from baotinh.classify_eval import (
    SHARED,
    evaluate_sets,
    evaluate_topics,
    load_labelled,
    load_seeds,
    load_vnexpress,
)
from baotinh.topics import TOPICS

# Measured with topics-ec8250fe84 (issue 14): seeds documents F1 1.000; labelled set documents
# 1.000, provinces 1.000, campaigns 1.000, topic macro-F1 0.871 (keywords 0.577); VnExpress
# headlines topic macro-F1 0.692 (keywords 0.259). Floors sit a little below, so that retraining
# on new material can move a score a few points without a quiet collapse going unnoticed.
# The labelled topic floor was 0.88 under topics-4b12e028d7 (0.935): the model now follows issue
# 14's convention that Viet Nam's own diplomacy is chinh-tri, and 8 of the set's 12 quoc-te items
# are exactly that (LABEL_RULES.md still files diplomacy under quoc-te). Read by the convention,
# the set scores 0.914 macro-F1 (docs/classification.md).
SEED_DOC_REFS_F1 = 0.95  # asked for by the classification issue
LABELLED_DOC_REFS_F1 = 0.95
LABELLED_PROVINCES_F1 = 0.95
LABELLED_CAMPAIGNS_F1 = 0.90
LABELLED_TOPIC_MACRO_F1 = 0.84
VNEXPRESS_TOPIC_MACRO_F1 = 0.64


def _shared() -> None:
    if not (SHARED / "corpus").is_dir() or not (SHARED / "seeds").is_dir():
        reason = f"{SHARED} (the shared corpus and seeds) is not next to the repository"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; CI must evaluate against it")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def labelled():
    return load_labelled()


def test_the_labelled_set_is_what_its_readme_says(labelled) -> None:
    topics = [item.topic for item in labelled]
    assert set(topics) == set(TOPICS)
    assert min(topics.count(t) for t in TOPICS) >= 12
    assert len({item.id for item in labelled}) == len(labelled)


def test_seeds_cited_documents_are_found_exactly() -> None:
    _shared()
    scores = evaluate_sets(load_seeds())
    doc_refs = scores["doc_refs"]
    assert doc_refs.f1 >= SEED_DOC_REFS_F1, "\n".join(doc_refs.misses)


def test_labelled_set_documents_provinces_and_campaigns(labelled) -> None:
    scores = evaluate_sets(labelled)
    floors = {
        "doc_refs": LABELLED_DOC_REFS_F1,
        "provinces": LABELLED_PROVINCES_F1,
        "campaigns": LABELLED_CAMPAIGNS_F1,
    }
    for label, floor in floors.items():
        assert scores[label].f1 >= floor, f"{label}:\n" + "\n".join(scores[label].misses)


def test_topic_beats_both_baselines_on_our_labelled_set(labelled) -> None:
    scores = evaluate_topics(labelled)
    ours = scores["ours"]
    assert ours.macro_f1 > scores["keywords"].macro_f1
    assert ours.macro_f1 > scores["majority"].macro_f1
    assert ours.macro_f1 >= LABELLED_TOPIC_MACRO_F1, ours.confusions


def test_topic_beats_both_baselines_on_vnexpress_headlines() -> None:
    _shared()
    scores = evaluate_topics(load_vnexpress())
    ours = scores["ours"]
    assert ours.macro_f1 > scores["keywords"].macro_f1
    assert ours.macro_f1 > scores["majority"].macro_f1
    assert ours.macro_f1 >= VNEXPRESS_TOPIC_MACRO_F1, ours.per_topic
