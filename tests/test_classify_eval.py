"""Classification floors, enforced. Lowering a floor is an explicit, explained change in this
file, never a quiet edit. The figures these floors sit under are in docs/classification.md."""

from __future__ import annotations

import json
import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

import baotinh.evaluation.labels as classify_eval
from baotinh.evaluation.labels import (
    HELDOUT_LABELS,
    REAL_LABELS,
    SHARED,
    Item,
    evaluate_sets,
    evaluate_topics,
    load_labelled,
    load_real,
    load_seeds,
    load_vnexpress,
)
from baotinh.labels.campaigns import load_rules
from baotinh.labels.places import load_gazetteer
from baotinh.labels.topics import TOPICS

# Measured with topics-31d280395b (issue 14, trained on the project's own material only):
# seeds documents F1 1.000; labelled set documents 1.000, provinces 1.000, campaigns 1.000,
# topic macro-F1 0.899 (keywords 0.518); VnExpress headlines topic macro-F1 0.643 (keywords
# 0.259). Floors sit a little below, so that retraining on new material can move a score a few
# points without a quiet collapse going unnoticed. The labelled set's gold follows issue 14's
# diplomacy rule since topics2 (nine quoc-te items are chinh-tri, LABEL_RULES.md); its topic
# floor, 0.84 on branch topics while the gold still said quoc-te, is back at 0.88 (the previous
# model topics-4b12e028d7 scores 0.856 on this gold, 0.935 on the old). VnExpress is 0.003
# above its floor: the accent-free model lost 0.036 there (docs/classification.md).
# labels-real (topics-8c58e58594, 211 written full-length items added): labelled set topic
# 0.929 / 0.899 -> 0.949 / 0.931, its floor raised 0.88 -> 0.90; VnExpress 0.589 / 0.643
# unchanged. The seeds' gold lost seed 002's "Nghị quyết Đại hội XIII" (issue 14's convention:
# congress resolutions are not documents; seeds.toml says so): 22 documents, F1 1.000.
SEED_DOC_REFS_F1 = 0.95  # asked for by the classification issue
# The seeds' four provinces, each found since rules 2.3 (rules 2.2 lost one: a Politburo
# directive's issuer read as a national opening); with four, any miss falls under it.
SEED_PROVINCES_F1 = 0.95
LABELLED_DOC_REFS_F1 = 0.95
LABELLED_PROVINCES_F1 = 0.95
LABELLED_CAMPAIGNS_F1 = 0.90
LABELLED_TOPIC_MACRO_F1 = 0.90
VNEXPRESS_TOPIC_MACRO_F1 = 0.64

# Real articles labelled by reading them (tests/fixtures/classify/real/, issue 14), the one set
# here that no one tuned anything on. Each floor is the figure `make eval-classify` printed on
# 2026-12-07 (topics-4b12e028d7, rules 1.0), rounded down to 0.01: it catches a quiet fall and
# leaves every rise free. Lowering one is an explicit act in this table, with the reason in the
# commit message (a label convention that changed, a trade-off measured and chosen), never a
# quiet edit. Raise them as the labels get better.
REAL_FLOORS = {
    # topics-31d280395b (topics2, measured once on 2026-12-07): accuracy 0.733 -> 0.750, raised;
    # macro-F1 0.726 -> 0.718, lowered 0.72 -> 0.71 as a trade-off measured and chosen: 8
    # articles now right that were wrong (chinh-tri 5, phap-luat 3), 5 the other way (kinh-te
    # 3, giao-duc 1, khoa-hoc-cong-nghe 1). khoa-hoc-cong-nghe has 3 articles: its F1 1.00 ->
    # 0.67 costs 0.028 of macro-F1, more than the whole fall (chinh-tri 0.55 -> 0.66 and quoc-te
    # 0.67 -> 0.79 gained). Keyword baseline 0.483 / 0.432, majority class 0.216.
    # labels-real (topics-8c58e58594, measured once at the end, 2026-12-07): 0.750 -> 0.784 and
    # 0.718 -> 0.732, both raised.
    # labels-real, second session (topics-a3129ee189: 98 written items for the conventions'
    # confused pairs; measured once at the start and once at the end): 0.784 -> 0.807 (142 of
    # 176) and 0.732 -> 0.761, both raised.
    # topics-national (topics-be2ce637f9: 129 written items in the national dailies' register;
    # measured once, at the end): 0.807 -> 0.812 (143 of 176), raised to 0.81; macro-F1 0.761 ->
    # 0.763, the floor stays 0.76.
    # topics3 (topics-33a668fbe6: 132 written items for officials at other sectors' events and
    # other countries' forces; measured once): 0.812 -> 0.824 (145 of 176), 0.763 -> 0.777.
    # Then (topics-ccdd02af18: leaders' titles out of the chinh-tri lexicon, 17 more items of
    # leaders visiting other sectors; the attendance list unread before it kept 0.824): 0.824 ->
    # 0.830 (146 of 176, 0.8295), 0.777 -> 0.781. topics-49705746c1 (titles after a name unread,
    # measured once): the same.
    "topic_accuracy": 0.829,  # 0.8295
    "topic_macro_f1": 0.78,  # 0.781
    # Raised 2026-12-07 as each change landed, to the figure measured then (rounded down):
    # salience (rules 2.0) took provinces 0.602 -> 0.840 and campaigns 0.444 -> 0.800; short forms
    # with a year, codes glued to "ngày" and multi-part issuer codes took documents 0.871 -> 0.903.
    # labels-real (measured once at the end): ministries' circulars short with their ministry,
    # /UBTVQH and /QH yearly codes, joint documents, Thông báo kết luận, congress resolutions
    # left out took documents 0.903 -> 0.953; national bodies meeting in Hà Nội / TP HCM as
    # hosts and university names as mentions took provinces 0.840 -> 0.849 (P 0.738 -> 0.752)
    # and provinces_mentioned 0.811 -> 0.823.
    # labels-real, second session (rules 2.2, measured once at the start and once at the end): a
    # second campaign that comes back less often than the one the article opens with is a mention,
    # Party-discipline rules and wording are cues: campaigns 0.800 -> 0.857 (P 0.857 -> 1.000),
    # campaigns_mentioned 0.917 -> 0.960; route, team and hospital names and an institution's
    # seat are mentions, a national article is not about a province named once: provinces 0.849
    # -> 0.860 (P 0.752 -> 0.786, R 0.975 -> 0.951), provinces_mentioned 0.823 -> 0.844.
    # Documents unchanged at 0.953 (the list and shared-code forms added found nothing new).
    # Rules 2.3 (measured once, after): a national body named only as a document's issuer or in
    # a title no longer makes an opening national: provinces 0.860 -> 0.867 (P 0.788, R 0.963),
    # provinces_mentioned 0.844 -> 0.848; the seeds' provinces 0.857 -> 1.000. Then publishers,
    # theatres, museums, libraries, broadcasters and stock exchanges named after a city as
    # institutions (measured once, after): provinces 0.867 -> 0.872 (P 0.796), raised to 0.87;
    # provinces_mentioned 0.848 -> 0.854, raised to 0.85.
    # Branch docs3 (each change measured once, after): pages' spellings of citations (case,
    # Ð, dashes, "số:", ND-CP) and the Party's Thông tri / Quy chế, BCH, more plenum spellings
    # left documents at 0.953; a type described before "số" and a full code of its kind
    # ("Quyết định thu hồi đất số 1234/QĐ-UBND") and types shortened to a code's letters ("QĐ số
    # 1234/QĐ-UBND") took them 0.953 -> 0.964 (R 0.920 -> 0.940); short forms with a year
    # listed behind a type, a colon and "hoặc"/"hay" in lists, the code of the document amended
    # or replaced ("Thông tư 64/2017/TT-BCA sửa đổi Thông tư 15/2014") and a doubled slash took
    # them 0.964 -> 0.975 (P 0.989 -> 0.980, R 0.940 -> 0.970).
    "doc_refs": 0.97,  # 0.975 (P 0.980, R 0.970)
    # prov3 (rules measured once per change): a person's province in brackets and a deputy's
    # delegation are mentions, 0.872 -> 0.875 (P 0.796 -> 0.811, R 0.963 -> 0.951); the national
    # frame, officials quoted and partners, "sở hữu", wanted suspects: flat; a province named
    # neither in a national opening nor through a district is an example, 0.875 -> 0.894 (P
    # 0.854, R 0.938); one named only after an opening on another province is secondary, 0.894
    # -> 0.904 (P 0.882, R 0.926), raised to 0.90; provinces_mentioned 0.854 -> 0.896, raised
    # to 0.89.
    "campaigns": 0.85,  # 0.857 (P 1.000, R 0.750: 6 of 8)
    "provinces": 0.90,  # 0.904 (P 0.882, R 0.926)
    "campaigns_mentioned": 0.95,  # 24/25 = 0.96: in floating point 0.96 may fall just below it
    "provinces_mentioned": 0.89,  # 0.896 (P 0.922, R 0.872)
    "campaigns_any": 0.97,  # 0.974: campaigns named at all, main or passing
    "provinces_any": 0.98,  # 0.984: provinces named at all, about or in passing
}


def _shared() -> None:
    if not (SHARED / "corpus").is_dir() or not (SHARED / "seeds").is_dir():
        reason = f"{SHARED} (the shared corpus and seeds) is not next to the repository"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{reason}; CI must evaluate against it")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def labelled():
    return load_labelled()


@pytest.fixture(scope="module")
def real():
    _shared()
    return load_real()


def test_the_labelled_set_is_what_its_readme_says(labelled) -> None:
    topics = [item.topic for item in labelled]
    assert set(topics) == set(TOPICS)
    # Written as 12 per topic (plus 12 unaccented); issue 14's diplomacy rule moved nine of the
    # quoc-te twelve to chinh-tri (README.md's table, LABEL_RULES.md's list).
    assert topics.count("chinh-tri") == 12 + 9 + 2
    assert topics.count("quoc-te") == 3
    assert min(topics.count(t) for t in TOPICS if t != "quoc-te") >= 12
    assert len({item.id for item in labelled}) == len(labelled)


def test_seeds_cited_documents_are_found_exactly() -> None:
    _shared()
    scores = evaluate_sets(load_seeds())
    doc_refs = scores["doc_refs"]
    assert doc_refs.f1 >= SEED_DOC_REFS_F1, "\n".join(doc_refs.misses)


def test_seeds_are_about_their_provinces() -> None:
    _shared()
    provinces = evaluate_sets(load_seeds())["provinces"]
    assert provinces.f1 >= SEED_PROVINCES_F1, "\n".join(provinces.misses)


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


def _real_rows(path: Path = REAL_LABELS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize(("path", "at_least"), [(REAL_LABELS, 160), (HELDOUT_LABELS, 60)])
def test_the_real_sets_are_what_their_readme_says(path: Path, at_least: int) -> None:
    rows = _real_rows(path)
    assert len(rows) >= at_least
    assert len({row["id"] for row in rows}) == len(rows)
    provinces = set(load_gazetteer().provinces)
    campaigns = {rule.slug for rule in load_rules()}
    label_keys = {"topic", "provinces", "provinces_mentioned", "campaigns", "campaigns_mentioned"}
    for row in rows:
        # where the article is and its labels, never its text
        assert set(row) <= {"id", "source", "lines", "doc_refs", "note", *label_keys}, row["id"]
        assert row["topic"] in TOPICS, row["id"]
        assert set(row["provinces"] + row["provinces_mentioned"]) <= provinces, row["id"]
        assert not set(row["provinces"]) & set(row["provinces_mentioned"]), row["id"]
        assert set(row["campaigns"] + row["campaigns_mentioned"]) <= campaigns, row["id"]
        assert not set(row["campaigns"]) & set(row["campaigns_mentioned"]), row["id"]
    if path == REAL_LABELS:  # the held-out set is what came next in the sources: mostly kinh-te
        assert {row["topic"] for row in rows} == set(TOPICS)


def test_the_held_out_set_shares_no_article_with_the_real_set() -> None:
    sources = {(row["source"], tuple(row.get("lines", ()))) for row in _real_rows()}
    held_out = {(row["source"], tuple(row.get("lines", ()))) for row in _real_rows(HELDOUT_LABELS)}
    assert not sources & held_out


def test_every_real_article_is_found_and_read(real) -> None:
    assert len(real) == len(_real_rows())
    for item in real:
        assert len(item.text.split()) >= 50, item.id  # a whole article, not an empty extraction


def test_topic_beats_both_baselines_on_real_articles(real) -> None:
    scores = evaluate_topics(real)
    ours = scores["ours"]
    assert ours.accuracy > scores["keywords"].accuracy
    assert ours.macro_f1 > scores["keywords"].macro_f1
    assert ours.macro_f1 > scores["majority"].macro_f1
    assert ours.accuracy >= REAL_FLOORS["topic_accuracy"], ours.confusions
    assert ours.macro_f1 >= REAL_FLOORS["topic_macro_f1"], ours.per_topic


def test_real_articles_documents_provinces_and_campaigns(real) -> None:
    scores = evaluate_sets(real)
    for label, floor in REAL_FLOORS.items():
        if label.startswith("topic"):
            continue
        assert scores[label].f1 >= floor, f"{label}:\n" + "\n".join(scores[label].misses)


# The held-out set (HELDOUT_LABELS, 69 articles labelled on 2026-12-07 by a reader who never ran
# the classifier) was scored for the first time after branches docs3 and prov3 had landed, and
# is never read item by item. Its first figures, with topics-be2ce637f9: topic accuracy 0.710
# (the majority class, kinh-te, scores 0.754: 52 of its 69 articles are motoring and business
# news), doc_refs 1.000 of 20 (0.947 with the rules before docs3), provinces 0.774 of 13 (P
# 0.667, R 0.923; 0.813 before prov3: one salient province lost, none gained). With topics3's
# model (topics-49705746c1), measured once after it landed: topic accuracy 0.725. Floors sit a
# little under, to catch a quiet fall.
HELDOUT_FLOORS = {"topic_accuracy": 0.71, "doc_refs": 0.97, "provinces": 0.75}


def test_held_out_articles_stay_above_their_floors() -> None:
    _shared()
    held_out = load_real(HELDOUT_LABELS)
    assert len(held_out) == len(_real_rows(HELDOUT_LABELS))
    assert evaluate_topics(held_out)["ours"].accuracy >= HELDOUT_FLOORS["topic_accuracy"]
    scores = evaluate_sets(held_out)
    for label in ("doc_refs", "provinces"):
        assert scores[label].f1 >= HELDOUT_FLOORS[label], label  # misses are not printed


def test_a_label_the_classifier_does_not_give_is_not_scored(monkeypatch) -> None:
    """Gold `provinces_mentioned` waits for a classifier that gives it: until then it is left
    out of the scores, not counted as every mention missed."""
    item = Item("x", "t", "b", provinces=("Hà Nội",), provinces_mentioned=("Huế",))
    printed = {"doc_refs": [], "campaigns": [], "provinces": ["Hà Nội", "Huế"]}

    def fake_classify(*args: object, **kwargs: object) -> SimpleNamespace:
        return SimpleNamespace(as_dict=lambda: printed)

    monkeypatch.setattr(classify_eval, "classify", fake_classify)
    scores = evaluate_sets([item])
    assert "provinces_mentioned" not in scores
    assert scores["provinces"].precision == 0.5
    assert scores["provinces_any"].f1 == 1.0  # names found, salience not yet

    printed["provinces"] = ["Hà Nội"]
    printed["provinces_mentioned"] = ["Huế"]
    scores = evaluate_sets([item])
    assert scores["provinces_mentioned"].f1 == 1.0
    assert scores["provinces"].f1 == 1.0
