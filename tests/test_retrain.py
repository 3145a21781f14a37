"""Retraining the topic model from the store: guarded promotion, then re-labelling."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from baotinh.jobs.labelling import relabel
from baotinh.jobs.retrain import judge, train_candidate
from baotinh.labels.classify import classifier_version
from baotinh.labels.topics import PROMOTED_NAME, SHIPPED_MODEL_PATH, TopicModel, model_path
from baotinh.papers import SITES
from db.engine import make_engine, session_scope
from db.models import ArticleLabel
from db.store import sync_sites, upsert_article
from tests.test_labels_store import _article


@pytest.fixture
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "models"
    monkeypatch.setenv("BAOTINH_MODEL_DIR", str(directory))
    return directory


def _store_filed_articles(engine: Engine) -> None:
    with session_scope(engine) as session:
        sync_sites(session, SITES.values())
        for number in range(3):
            article = _article(
                f"https://baolangson.vn/the-thao/tran-{number}-1{number}.html",
                f"Đội bóng Lạng Sơn thắng trận thứ {number}",
                "Các cầu thủ thi đấu quả cảm trên sân vận động tỉnh.",
                datetime(2025, 9, 1 + number, tzinfo=UTC),
            )
            article.section = "Thể thao"
            upsert_article(session, "langson", article, seen_at=datetime.now(UTC))


def test_a_retrained_model_learns_from_the_store_and_is_promoted_only_if_no_worse(
    sqlite_url: str, models: Path
) -> None:
    # SQLite only: what is tested is the model's life cycle; reading the store is one SELECT
    # that tests/test_labels_store.py runs on both databases.
    migrated_engine = make_engine(sqlite_url)
    _store_filed_articles(migrated_engine)
    assert model_path() == SHIPPED_MODEL_PATH

    candidate = train_candidate(migrated_engine)
    assert candidate.exists() and candidate.parent == models
    # Demanding a gain no model can make keeps the model in use...
    strict = judge(candidate, tolerance=-1.0)
    assert not strict.promoted
    assert "kept the model in use" in strict.reason
    assert model_path() == SHIPPED_MODEL_PATH
    # ...and a candidate that is good enough becomes the model in use.
    result = judge(candidate, tolerance=1.0)
    assert result.examples.get("store") == 3
    assert result.promoted
    assert model_path() == models / PROMOTED_NAME
    assert TopicModel.load(model_path()).version == result.candidate_version
    assert result.candidate_macro_f1 is not None and result.current_macro_f1 is not None
    migrated_engine.dispose()


def test_the_retrain_flow_labels_history_again_with_the_promoted_model(
    prefect_harness: None, sqlite_url: str, models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.retrain import retrain_topics

    monkeypatch.setenv("BAOTINH_DATABASE_URL", sqlite_url)
    engine = make_engine(sqlite_url)
    _store_filed_articles(engine)
    assert relabel(engine).labelled == 3  # labelled by the shipped model first

    summary = retrain_topics(tolerance=1.0)
    assert summary["promoted"]
    assert summary["relabelled"]["labelled"] == 3
    with session_scope(engine) as session:
        versions = set(session.scalars(select(ArticleLabel.classifier_version)))
    assert versions == {classifier_version(TopicModel.load(models / PROMOTED_NAME))}
    assert summary["candidate_version"] in versions.pop()
    engine.dispose()
