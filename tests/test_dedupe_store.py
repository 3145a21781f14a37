"""Stories in the store (SQLite and PostgreSQL): incremental, persistent, idempotent."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, insert, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

import baotinh.jobs.ingest
import db.stories
import db.story_index
from baotinh.core.records import ExtractedArticle, FetchedPage
from baotinh.core.text import content_hash
from baotinh.core.urls import canonicalize
from baotinh.jobs.ingest import ingest_pages
from baotinh.papers import get_site
from baotinh.stories import decision, minhash
from db.engine import make_engine, make_sessionmaker, session_scope
from db.migrate import upgrade
from db.models import Article, StoryBandKey, StoryCluster, StoryMember
from db.runs import start_run
from db.store import store_raw_page, sync_sites, upsert_article
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
        baotinh.jobs.ingest,
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


def copy_of(key: str, number: int, site_url: str) -> ExtractedArticle:
    """A reprint of fixture article `key` under its own lead, address and date."""
    original = variant(key)
    url = f"{site_url}/ban-sao-{number}.html"
    text = f"Bản đăng lại số {number}, theo báo bạn.\n{original.text}"
    return replace(
        original,
        url=url,
        canonical_url=url,
        title=f"{original.title} ({number})",
        text=text,
        published=original.published + timedelta(hours=number + 1),
        content_hash=content_hash(original.title, text),
    )


def test_a_story_of_many_copies_is_joined_at_a_bounded_cost(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with session_scope(engine) as session:
        upsert_article(session, "bacgiang", variant("s1"), seen_at=RUN1)
        cluster_article_at(session, variant("s1").canonical_url)
        for number in range(decision.BAND_KEY_CAP + 6):
            copy = copy_of("s1", number, "https://baohaiphong.vn/tin")
            upsert_article(session, "haiphong", copy, seen_at=RUN2)
            assert cluster_article_at(session, copy.canonical_url).outcome == "joined"

    minhashes, shingled = [], []
    real_minhash, real_shingles = minhash.minhash, minhash.shingle_hashes
    monkeypatch.setattr(minhash, "minhash", lambda s: minhashes.append(1) or real_minhash(s))
    monkeypatch.setattr(
        minhash, "shingle_hashes", lambda w, *a: shingled.append(1) or real_shingles(w, *a)
    )
    with session_scope(engine) as session:
        last = copy_of("s1", 99, "https://baolangson.vn/tin")
        upsert_article(session, "langson", last, seen_at=RUN2)
        joined = cluster_article_at(session, last.canonical_url)
        assert (joined.outcome, joined.relation) == ("joined", "reprint")
        story = story_of(session, "s1")[0]
        assert joined.cluster_id == story
        # One MinHash for the new article (stored signatures weigh the candidates); texts read:
        # the new one, at most MAX_PER_STORY members of the story, and its canonical member.
        assert minhashes == [1]
        assert len(shingled) <= 2 + decision.MAX_PER_STORY
        # No band key is kept for more than the cap, however many copies share it.
        per_key = (
            select(func.count().label("holders"))
            .select_from(StoryBandKey)
            .group_by(StoryBandKey.band_key)
            .subquery()
        )
        assert session.scalar(select(func.max(per_key.c.holders))) == decision.BAND_KEY_CAP
        members = session.scalar(
            select(func.count()).select_from(StoryMember).where(StoryMember.cluster_id == story)
        )
        assert members == decision.BAND_KEY_CAP + 8


def test_a_look_up_reads_at_most_the_cap_per_band_key(engine: Engine) -> None:
    # A store filled before the cap (or by racing writers) may hold more: reads stay capped.
    with session_scope(engine) as session:
        upsert_article(session, "bacgiang", variant("s1"), seen_at=RUN1)
        cluster_article_at(session, variant("s1").canonical_url)
        keys = minhash.fingerprint(variant("s1").text).band_keys[:3]
        session.execute(
            insert(StoryBandKey),
            [{"band_key": k, "article_id": 1000 + n} for k in keys for n in range(40)],
        )
        article_id = session.scalar(select(Article.id))
        index = db.story_index.StoreIndex(session)
        found = list(index.with_band_keys(keys))
        # Per key, its first holders: the article itself, then the smallest ids.
        first = [article_id, *range(1000, 999 + decision.BAND_KEY_CAP)]
        assert sorted(found) == sorted(first * 3)
        assert index.full_keys == set(keys)


@pytest.fixture
def postgres_engine(postgres_database_url: str) -> Iterator[Engine]:
    """A migrated PostgreSQL store with the test papers (for what only PostgreSQL has: locks)."""
    upgrade(postgres_database_url)
    engine = make_engine(postgres_database_url)
    with session_scope(engine) as session:
        sync_sites(session, [get_site(key) for key in SITE_KEYS])
    yield engine
    engine.dispose()


@pytest.mark.postgres
def test_two_workers_cluster_at_once_and_copies_of_one_story_wait_for_each_other(
    postgres_engine: Engine,
) -> None:
    engine = postgres_engine
    first, second = make_sessionmaker(engine)(), make_sessionmaker(engine)()
    try:
        # Worker 1 stores an original and clusters it, and has not committed yet.
        upsert_article(first, "bacgiang", variant("s1"), seen_at=RUN1)
        assert cluster_article_at(first, variant("s1").canonical_url).outcome == "new"

        # Worker 2 meanwhile stores an unrelated article: nothing makes it wait.
        with session_scope(engine) as session:
            session.execute(text("SET LOCAL lock_timeout = '10s'"))
            upsert_article(session, "namdinh", variant("s3"), seen_at=RUN1)
            assert cluster_article_at(session, variant("s3").canonical_url).outcome == "new"

        # Then a reprint of worker 1's article: it waits until worker 1 commits, and joins.
        upsert_article(second, "haiphong", variant("s1-reprint"), seen_at=RUN1)
        result: list[db.stories.Clustered] = []
        waiting = threading.Thread(
            target=lambda: result.append(
                cluster_article_at(second, variant("s1-reprint").canonical_url)
            )
        )
        waiting.start()
        waiting.join(timeout=2)
        assert waiting.is_alive(), "the reprint was clustered before its original was committed"
        first.commit()
        waiting.join(timeout=30)
        assert result and result[0].outcome == "joined"
        second.commit()
        with session_scope(engine) as session:
            assert story_of(session, "s1-reprint")[0] == story_of(session, "s1")[0]
    finally:
        first.close()
        second.close()


@pytest.mark.postgres
def test_a_transaction_that_clusters_many_articles_holds_few_locks(
    postgres_engine: Engine,
) -> None:
    with session_scope(postgres_engine) as session:
        for number in range(40):
            copy = copy_of("s2", number, "https://baolangson.vn/tin")
            upsert_article(session, "langson", copy, seen_at=RUN1)
            cluster_article_at(session, copy.canonical_url)
        held = session.scalar(
            text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                " AND pid = pg_backend_pid()"
            )
        )
        # Per-key locks for the first articles, then the one exclusive lock: 40 articles' keys
        # (about 2,700 locks) would be on the way to filling PostgreSQL's lock table.
        assert held <= 16 * 70
        assert session.scalar(select(func.count()).select_from(StoryCluster)) == 1
