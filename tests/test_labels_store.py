"""Labels in the store (SQLite and PostgreSQL): written at ingest, queried as analysts do,
replaced whole on re-labelling, never duplicated."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select, text, update
from sqlalchemy.engine import Engine

from baotinh.core.records import ExtractedArticle, FetchedPage
from baotinh.core.text import content_hash
from baotinh.jobs.ingest import ingest_pages
from baotinh.jobs.labelling import label_new_article, relabel
from baotinh.labels.classify import classifier_version
from baotinh.labels.topics import TOPICS
from baotinh.papers import SITES, get_site
from db.engine import session_scope
from db.labels import citations_by_province_and_month, topic_shares
from db.models import ArticleCampaign, ArticleDocRef, ArticleLabel, ArticleProvince
from db.store import store_raw_page, sync_sites, upsert_article

DOCS = Path(__file__).resolve().parents[1] / "docs" / "classification.md"
SITE_FIXTURES = Path(__file__).parent / "sites"


def _article(url: str, title: str, body: str, published: datetime) -> ExtractedArticle:
    return ExtractedArticle(
        url=url,
        canonical_url=url,
        title=title,
        text=body,
        published=published,
        section="Chính trị",
        language="vi",
        content_hash=content_hash(title, body),
        extractor_version="test",
    )


def _store(engine: Engine, site: str, article: ExtractedArticle) -> None:
    with session_scope(engine) as session:
        assert upsert_article(session, site, article, seen_at=datetime.now(UTC)) == "new"
        assert label_new_article(session, article.canonical_url) is not None


def _ict(*args: int) -> datetime:
    from zoneinfo import ZoneInfo

    return datetime(*args, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def _directive_coverage(engine: Engine) -> None:
    """Five articles: two provinces that merged, one that did not, one that cites another
    directive, one published half an hour into a month (local time)."""
    with session_scope(engine) as session:
        sync_sites(session, SITES.values())
    cite = "Thực hiện Chỉ thị số 05-CT/TƯ ngày 15-5-2016 của Bộ Chính trị, {where} đã sơ kết."
    rows = [
        ("bacgiang", 1, "huyện Lục Ngạn", _ict(2025, 6, 12, 9, 0), cite),
        ("bacgiang", 2, "tỉnh Bắc Ninh mới", _ict(2025, 8, 3, 9, 0), cite),
        ("langson", 3, "tỉnh Lạng Sơn", _ict(2025, 7, 1, 0, 30), cite),
        ("langson", 4, "tỉnh Lạng Sơn", _ict(2025, 7, 9, 8, 0), cite),
        ("langson", 5, "tỉnh Lạng Sơn", _ict(2025, 7, 10, 8, 0), "Chỉ thị 1973/CT-TTg, {where}."),
    ]
    for site, number, where, published, template in rows:
        url = f"https://{get_site(site).domain}/test/{number}.html"
        _store(
            engine,
            site,
            _article(url, f"Sơ kết số {number}", template.format(where=where), published),
        )


def _fetched_fixture_page(engine: Engine, key: str, run_id: int | None) -> int:
    """The paper's saved page (tests/sites/<key>/), stored as the crawler stores a fetch."""
    expected = json.loads((SITE_FIXTURES / key / "2025_layout.json").read_text("utf-8"))
    with session_scope(engine) as session:
        page_id, _ = store_raw_page(
            session,
            FetchedPage(
                key,
                expected["url"],
                expected["url"],
                200,
                {"Content-Type": "text/html; charset=utf-8"},
                (SITE_FIXTURES / key / "2025_layout.html").read_bytes(),
                datetime.now(UTC),
            ),
            run_id=run_id,
        )
    return page_id


def test_ingest_stores_all_four_labels_for_every_article(migrated_engine: Engine) -> None:
    """Each paper's saved page, through the real ingest: a topic with its version, its
    documents, and its provinces as named and as they are now."""
    with session_scope(migrated_engine) as session:
        sync_sites(session, SITES.values())
    for key in sorted(p.name for p in SITE_FIXTURES.iterdir() if p.is_dir()):
        page_id = _fetched_fixture_page(migrated_engine, key, run_id=None)
        counts = ingest_pages(migrated_engine, get_site(key), [page_id], run_id=None)
        assert counts.new == 1, (key, counts)

    with session_scope(migrated_engine) as session:
        labels = session.scalars(select(ArticleLabel)).all()
        assert len(labels) == len(list(SITE_FIXTURES.iterdir()))
        for label in labels:
            assert label.topic in TOPICS
            assert 0 < label.topic_confidence <= 1
            assert label.classifier_version == classifier_version()
        provinces = session.execute(
            select(ArticleProvince.province, ArticleProvince.current_province)
        ).all()
        # Báo Bắc Giang's page is about the merged province; its parts map to Bắc Ninh.
        assert ("Bắc Giang", "Bắc Ninh") in provinces
        assert all(current for _, current in provinces)


def test_citations_by_province_and_month(migrated_engine: Engine) -> None:
    _directive_coverage(migrated_engine)
    with session_scope(migrated_engine) as session:
        rows = citations_by_province_and_month(session, "Chỉ thị 05-CT/TW")
    assert rows == [
        {"province": "Bắc Ninh", "month": "2025-08", "articles": 1},
        {"province": "Lạng Sơn", "month": "2025-07", "articles": 2},
        # Before the merger the article named Bắc Giang (through Lục Ngạn); it counts for the
        # province Bắc Giang is part of now.
        {"province": "Bắc Ninh", "month": "2025-06", "articles": 1},
    ]
    with session_scope(migrated_engine) as session:
        named = session.execute(
            select(ArticleProvince.province, ArticleProvince.via).order_by(
                ArticleProvince.article_id
            )
        ).all()
    assert named[0] == ("Bắc Giang", "huyện Lục Ngạn")


def test_the_documented_sql_gives_the_same_answer(migrated_engine: Engine) -> None:
    _directive_coverage(migrated_engine)
    dialect = migrated_engine.dialect.name
    blocks = re.findall(r"```sql\n-- (\w+)\n(.*?)```", DOCS.read_text("utf-8"), re.DOTALL)
    sql = dict(blocks)[dialect]
    with session_scope(migrated_engine) as session:
        documented = [dict(row._mapping) for row in session.execute(text(sql))]
        assert documented == citations_by_province_and_month(session, "Chỉ thị 05-CT/TW")


def test_labelling_again_replaces_and_never_duplicates(migrated_engine: Engine) -> None:
    _directive_coverage(migrated_engine)

    def rows() -> dict[str, int]:
        with session_scope(migrated_engine) as session:
            return {
                table.__tablename__: session.scalar(select(func.count()).select_from(table))
                for table in (ArticleLabel, ArticleCampaign, ArticleDocRef, ArticleProvince)
            }

    before = rows()
    assert before["article_labels"] == 5
    assert relabel(migrated_engine).articles == 0  # nothing stale

    with session_scope(migrated_engine) as session:
        session.execute(update(ArticleLabel).values(classifier_version="rules-0.9+old"))
        session.execute(ArticleDocRef.__table__.delete().where(ArticleDocRef.article_id == 1))
    counts = relabel(migrated_engine)
    assert (counts.articles, counts.labelled, counts.errors) == (5, 5, 0)
    assert rows() == before
    assert relabel(migrated_engine, everything=True).labelled == 5
    assert rows() == before


def test_topic_shares_add_up(migrated_engine: Engine) -> None:
    _directive_coverage(migrated_engine)
    with session_scope(migrated_engine) as session:
        shares = topic_shares(session)
        assert sum(row["articles"] for row in shares) == 5
        assert abs(sum(row["share"] for row in shares) - 1) < 0.001
        assert sum(row["articles"] for row in topic_shares(session, "langson")) == 3


def test_reprocess_classify_command_labels_what_is_stale(sqlite_url: str) -> None:
    # SQLite only: the command's plumbing; re-labelling itself runs on both databases above.
    from db.engine import make_engine

    migrated_database_url = sqlite_url
    engine = make_engine(migrated_database_url)
    _directive_coverage(engine)
    with session_scope(engine) as session:
        session.execute(ArticleLabel.__table__.delete().where(ArticleLabel.article_id <= 2))
    engine.dispose()

    def run(*args: str) -> str:
        return subprocess.run(
            [sys.executable, "-m", "baotinh.cli", "reprocess", "--classify", *args],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "BAOTINH_DATABASE_URL": migrated_database_url},
        ).stdout

    assert "all papers: 2 article(s) labelled, 0 failed" in run()
    assert "all papers: 0 article(s) labelled" in run()
    assert "bacgiang: 2 article(s) labelled" in run("--all", "--site", "bacgiang")


def test_a_run_s_artifact_names_the_topics_of_what_it_stored(migrated_engine: Engine) -> None:
    from baotinh.jobs import runs
    from db.runs import start_run

    key = "langson"
    with session_scope(migrated_engine) as session:
        sync_sites(session, SITES.values())
        run_id = start_run(session, "nightly").id
    page_id = _fetched_fixture_page(migrated_engine, key, run_id)
    assert runs.top_topics(migrated_engine, run_id, key) == ""  # fetched, not yet stored
    ingest_pages(migrated_engine, get_site(key), [page_id], run_id=run_id)
    with session_scope(migrated_engine) as session:
        topic = session.scalar(select(ArticleLabel.topic))
    assert runs.top_topics(migrated_engine, run_id, key) == f"{topic} 1"
    assert runs.top_topics(migrated_engine, run_id, "bacgiang") == ""


def test_what_an_article_only_mentions_is_stored_apart_and_queried_on_request(
    migrated_engine: Engine,
) -> None:
    """A Lục Ngạn article on Chỉ thị 05 that names a veteran's home province and, in passing,
    the new-countryside programme: both stored, neither counted as what it is about."""
    from db.articles import article_detail, list_articles
    from db.export_rows import export_batches
    from db.filters import ArticleFilters, resolve_filters

    with session_scope(migrated_engine) as session:
        sync_sites(session, SITES.values())
    url = f"https://{get_site('bacgiang').domain}/test/mentions.html"
    body = (
        "Thực hiện Chỉ thị số 05-CT/TƯ ngày 15-5-2016 của Bộ Chính trị, Huyện ủy Lục Ngạn đã sơ"
        " kết 8 năm. Nhiều tấm gương được biểu dương, trong đó có cựu chiến binh Hà Văn Sơn, quê"
        " ở Nghệ An. Các chi bộ gắn việc học tập với phát triển kinh tế, xây dựng nông thôn mới."
    )
    _store(
        migrated_engine,
        "bacgiang",
        _article(url, "Lục Ngạn sơ kết Chỉ thị 05", body, _ict(2025, 6, 20, 9, 0)),
    )
    with session_scope(migrated_engine) as session:
        provinces = session.execute(
            select(ArticleProvince.province, ArticleProvince.salient).order_by(
                ArticleProvince.province
            )
        ).all()
        campaigns = session.execute(
            select(ArticleCampaign.campaign, ArticleCampaign.salient).order_by(
                ArticleCampaign.campaign
            )
        ).all()
        assert provinces == [("Bắc Giang", True), ("Nghệ An", False)]
        assert campaigns == [("hoc-tap-lam-theo-bac", True), ("nong-thon-moi", False)]
        # Analysts' counts are of what articles are about.
        assert citations_by_province_and_month(session, "Chỉ thị 05-CT/TW") == [
            {"province": "Bắc Ninh", "month": "2025-06", "articles": 1}
        ]

        def found(**values: object) -> int:
            filters = resolve_filters(session, ArticleFilters(**values))
            return len(list_articles(session, filters))

        assert (found(province="Nghệ An"), found(province="Nghệ An", mentioned=True)) == (0, 1)
        passing = "nong-thon-moi"
        assert (found(campaign=passing), found(campaign=passing, mentioned=True)) == (0, 1)
        assert found(province="Bắc Ninh") == found(campaign="hoc-tap-lam-theo-bac") == 1

        (row,) = next(export_batches(session))
        assert (row["provinces"], row["current_provinces"], row["provinces_mentioned"]) == (
            ["Bắc Giang"],
            ["Bắc Ninh"],
            ["Nghệ An"],
        )
        assert (row["campaigns"], row["campaigns_mentioned"]) == (
            ["hoc-tap-lam-theo-bac"],
            ["nong-thon-moi"],
        )
        labels = article_detail(session, row["id"])["labels"]
        assert [(p["province"], p["salient"]) for p in labels["provinces"]] == [
            ("Bắc Giang", True),
            ("Nghệ An", False),
        ]
