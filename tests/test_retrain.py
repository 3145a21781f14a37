"""Retraining the topic model from the store: guarded promotion, then re-labelling."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from baotinh.retrain import retrain_from_store
from baotinh.topics import PROMOTED_NAME, SHIPPED_MODEL_PATH, TopicModel, model_path
from crawlers.sites import SITES
from db.engine import session_scope
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
    migrated_engine: Engine, models: Path
) -> None:
    _store_filed_articles(migrated_engine)
    assert model_path() == SHIPPED_MODEL_PATH

    result = retrain_from_store(migrated_engine, tolerance=1.0)  # any score is good enough
    assert result.candidate.exists() and result.candidate.parent == models
    assert result.examples.get("store") == 3
    assert result.promoted
    assert model_path() == models / PROMOTED_NAME
    assert TopicModel.load(model_path()).version == result.candidate_version

    # Demanding a gain no model can make keeps the model in use.
    strict = retrain_from_store(migrated_engine, tolerance=-1.0)
    assert not strict.promoted
    assert "kept the model in use" in strict.reason
    assert TopicModel.load(model_path()).version == result.candidate_version
