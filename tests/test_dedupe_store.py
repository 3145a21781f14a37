"""Stories in the store (SQLite and PostgreSQL): incremental, persistent, idempotent."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

import baotinh.ingest
import db.stories
from baotinh.ingest import ingest_pages
from baotinh.records import ExtractedArticle, FetchedPage
from baotinh.text import content_hash
from baotinh.urls import canonicalize
from crawlers.sites import get_site
from db.engine import session_scope
from db.models import Article, StoryBandKey, StoryCluster, StoryMember
from db.store import start_run, store_raw_page, sync_sites, upsert_article
from db.stories import cluster_article_at, cluster_stored_articles

VARIANTS = Path(__file__).parent / "fixtures" / "dedupe" / "variants.jsonl"
SITE_KEYS = ("bacgiang", "haiphong", "langson", "namdinh")
RUN1 = datetime(2025, 5, 20, 20, 0, tzinfo=UTC)
RUN2 = RUN1 + timedelta(days=31)  # "a copy published next month"


def variant(key: str) -> ExtractedArticle:
    rows = {row["id"]: row for row in map(json.loads, VARIANTS.read_text("utf-8").splitlines())}
    row = rows[key]
    return ExtractedArticle(
        url=row["url"],
        canonical_url=canonicalize(row["url"]),
        title=row["title"],
        text=row["text"],
        published=datetime.fromisoformat(row["published"]),
        language="vi",
        content_hash=content_hash(row["title"], row["text"]),
        extractor_version="test",
    )


def snapshot(session: Session) -> dict[str, Any]:
    """Every row dedupe owns, as plain values."""
    session.expire_all()
    return {
        "clusters": sorted(
            session.execute(
                select(StoryCluster.id, StoryCluster.canonical_article_id, StoryCluster.updated_at)
            ).all()
        ),
        "members": sorted(
            session.execute(
                select(
                    StoryMember.article_id,
                    StoryMember.cluster_id,
                    StoryMember.relation,
                    StoryMember.jaccard,
                    StoryMember.containment,
                    StoryMember.signature,
                    StoryMember.updated_at,
                )
            ).all()
        ),
        "band_keys": session.scalar(select(func.count()).select_from(StoryBandKey)),
    }


def story_of(session: Session, key: str) -> tuple[int, str, str]:
    """(cluster id, relation, canonical article's title) of a fixture article."""
    url = canonicalize(variant(key).url)
    cluster_id, relation, canonical_id = session.execute(
        select(StoryMember.cluster_id, StoryMember.relation, StoryCluster.canonical_article_id)
        .join(Article, Article.id == StoryMember.article_id)
        .join(StoryCluster, StoryCluster.id == StoryMember.cluster_id)
        .where(Article.canonical_url == url)
    ).one()
    return cluster_id, relation, session.get(Article, canonical_id).title


@pytest.fixture
def engine(migrated_engine: Engine) -> Engine:
    with session_scope(migrated_engine) as session:
        sync_sites(session, [get_site(key) for key in SITE_KEYS])
    return migrated_engine


def crawl(engine: Engine, site: str, keys: list[str], at: datetime, monkeypatch) -> None:
    """One run of one site: raw pages stored, then the real ingest step (extraction stubbed:
    the subject here is what happens after it)."""
    articles = {f"https://{site}.test/{key}": variant(key) for key in keys}
    monkeypatch.setattr(
        baotinh.ingest,
        "extract_article",
        lambda body, url, profile, content_type=None: articles[url],
    )
    with session_scope(engine) as session:
        run_id = start_run(session, "test").id
        page_ids = [
            store_raw_page(
                session,
                FetchedPage(site, url, url, 200, {}, key.encode(), fetched_at=at),
                run_id,
            )[0]
            for url, key in zip(articles, keys, strict=True)
        ]
    ingest_pages(engine, get_site(site), page_ids, run_id)


def test_a_copy_in_a_later_run_joins_its_story_and_rerunning_changes_nothing(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    crawl(engine, "bacgiang", ["s1", "s2"], RUN1, monkeypatch)
    crawl(engine, "namdinh", ["s3"], RUN1, monkeypatch)
    crawl(engine, "haiphong", ["s4"], RUN1, monkeypatch)
    # A month later two other papers print s1: one in full under its own headline and chrome,
    # one cut after two paragraphs; Nam Định reprints part of s3.
    crawl(engine, "haiphong", ["s1-reprint"], RUN2, monkeypatch)
    crawl(engine, "langson", ["s1-truncated", "s3-partial"], RUN2, monkeypatch)

    with session_scope(engine) as session:
        first, relation, canonical = story_of(session, "s1")
        assert (relation, canonical) == ("canonical", variant("s1").title)
        assert story_of(session, "s1-reprint") == (first, "reprint", variant("s1").title)
        # Published earlier than the full reprint, yet the original stays canonical.
        assert story_of(session, "s1-truncated") == (first, "partial", variant("s1").title)
        third = story_of(session, "s3")[0]
        assert story_of(session, "s3-partial")[0] == third
        # Same campaign, different articles: each its own story.
        stories = {story_of(session, key)[0] for key in ("s1", "s2", "s3", "s4")}
        assert len(stories) == 4
        assert session.scalar(select(func.count()).select_from(StoryCluster)) == 4
        member = session.get(
            StoryMember,
            session.scalar(
                select(Article.id).where(
                    Article.canonical_url == canonicalize(variant("s1-reprint").url)
                )
            ),
        )
        assert 0.8 < member.containment <= 1 and 0.5 < member.jaccard < 1
        before = snapshot(session)

    # The same pages again: the upserts report "unchanged" and dedupe is not even asked...
    crawl(engine, "haiphong", ["s1-reprint"], RUN2 + timedelta(days=1), monkeypatch)
    # ...and asked explicitly, it changes nothing either.
    with session_scope(engine) as session:
        assert cluster_stored_articles(session) == {}
        ids = session.scalars(select(Article.id)).all()
        assert cluster_stored_articles(session, ids) == {"unchanged": len(ids)}
    with session_scope(engine) as session:
        assert snapshot(session) == before


def test_an_update_keeps_its_story_and_an_earlier_copy_becomes_canonical(engine: Engine) -> None:
    with session_scope(engine) as session:
        s2 = variant("s2")
        upsert_article(session, "langson", s2, seen_at=RUN1)
        created = cluster_article_at(session, s2.canonical_url)
        assert (created.outcome, created.relation) == ("new", "canonical")

        # The paper corrects a figure in place (same address): refreshed, same story.
        edited = replace(s2, text=s2.text.replace("84 người", "85 người"))
        assert upsert_article(session, "langson", edited, seen_at=RUN2) == "updated"
        refreshed = cluster_article_at(session, s2.canonical_url)
        assert (refreshed.outcome, refreshed.cluster_id) == ("refreshed", created.cluster_id)

        # The same paper re-publishes it under a new address: an update in the same story.
        later = variant("s2-update")
        upsert_article(session, "langson", later, seen_at=RUN2)
        joined = cluster_article_at(session, later.canonical_url)
        assert (joined.outcome, joined.cluster_id, joined.relation) == (
            "joined",
            created.cluster_id,
            "update",
        )

        # A backfill finds a copy published before both: it becomes the canonical member and
        # every relation is recomputed against it.
        early = replace(
            variant("s1-reprint"),
            text=s2.text,
            title="Tấm gương cô giáo vùng cao",
            published=datetime(2025, 4, 1, tzinfo=UTC),
            content_hash="early-copy",
        )
        upsert_article(session, "haiphong", early, seen_at=RUN2)
        cluster_article_at(session, early.canonical_url)
        cluster = session.get(StoryCluster, created.cluster_id)
        session.refresh(cluster)
        assert session.get(Article, cluster.canonical_article_id).title == early.title
        relations = dict(
            session.execute(
                select(Article.canonical_url, StoryMember.relation)
                .join(StoryMember, StoryMember.article_id == Article.id)
                .where(StoryMember.cluster_id == created.cluster_id)
            ).all()
        )
        assert relations == {
            early.canonical_url: "canonical",
            s2.canonical_url: "reprint",
            later.canonical_url: "reprint",
        }


def test_an_article_rewritten_into_another_leaves_its_story(engine: Engine) -> None:
    with session_scope(engine) as session:
        for key, site in (("s1", "bacgiang"), ("s1-reprint", "haiphong"), ("s4", "haiphong")):
            upsert_article(session, site, variant(key), seen_at=RUN1)
            cluster_article_at(session, variant(key).canonical_url)
        story = story_of(session, "s1")[0]
        # The original's address now carries an unrelated text: it leaves, and the reprint
        # becomes the canonical member of the story it leaves behind.
        s1 = variant("s1")
        upsert_article(session, "bacgiang", replace(s1, text=variant("s6").text), seen_at=RUN2)
        moved = cluster_article_at(session, s1.canonical_url)
        assert moved.outcome == "moved" and moved.cluster_id != story
        assert story_of(session, "s1-reprint") == (story, "canonical", variant("s1-reprint").title)
        assert session.scalar(select(func.count()).select_from(StoryCluster)) == 3


def test_a_dedupe_failure_keeps_the_article(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(db.stories, "find_story", broken)
    crawl(engine, "bacgiang", ["s1"], RUN1, monkeypatch)
    assert "dedupe failed" in caplog.text
    monkeypatch.undo()
    with session_scope(engine) as session:
        assert session.scalar(select(func.count()).select_from(Article)) == 1
        assert session.scalar(select(func.count()).select_from(StoryMember)) == 0
        # The catch-up gives it its story.
        assert cluster_stored_articles(session) == {"new": 1}


def test_a_corrected_publication_date_can_move_the_canonical_role(engine: Engine) -> None:
    with session_scope(engine) as session:
        for key, site in (("s1", "bacgiang"), ("s1-reprint", "haiphong")):
            upsert_article(session, site, variant(key), seen_at=RUN1)
            cluster_article_at(session, variant(key).canonical_url)
        assert story_of(session, "s1")[1] == "canonical"
        # A better extractor finds the reprint's real date, before the original's.
        earlier = replace(variant("s1-reprint"), published=datetime(2025, 5, 1, tzinfo=UTC))
        assert upsert_article(session, "haiphong", earlier, seen_at=RUN2) == "updated"
        assert cluster_article_at(session, earlier.canonical_url).outcome == "refreshed"
        assert story_of(session, "s1-reprint")[1] == "canonical"
        assert story_of(session, "s1")[1] == "reprint"
        assert cluster_article_at(session, earlier.canonical_url).outcome == "unchanged"
