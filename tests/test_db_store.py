"""The store functions, checked the way a user of the database would check them."""

from __future__ import annotations

import gzip
import hashlib
import threading
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from baotinh.core.records import CrawlError, ExtractedArticle, FetchedPage, Image
from db.engine import make_sessionmaker, session_scope
from db.models import Article, CrawlErrorRow, RawPage, Site, SiteCrawl
from db.runs import finish_run, finish_site_crawl, list_runs, start_run, start_site_crawl
from db.store import (
    UnknownSiteError,
    known_urls,
    load_raw_page_body,
    record_error,
    store_raw_page,
    sync_sites,
    upsert_article,
)

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
T0 = datetime(2025, 11, 20, 19, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Profile:
    key: str
    name: str
    domain: str
    former_domains: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()


PROFILES = [
    Profile("bacgiang", "Báo Bắc Giang", "baobacgiang.vn", (), ("Bắc Giang", "Bắc Ninh")),
    Profile("namdinh", "Báo Nam Định", "baonamdinh.vn", ("namdinh.vn",), ("Nam Định",)),
]


def make_article(n: int = 1, **changes: object) -> ExtractedArticle:
    text = f"Nội dung bài viết số {n} về Chỉ thị 05-CT/TW."
    article = ExtractedArticle(
        url=f"https://baobacgiang.vn/bai-{n}.html?utm_source=rss",
        canonical_url=f"https://baobacgiang.vn/bai-{n}.html",
        title=f"Bài {n}",
        text=text,
        lead="Sapo.",
        published=datetime(2025, 11, 20, 7, 34, tzinfo=VIETNAM),
        authors=["Thu Phong"],
        section="Chính trị",
        tags=["Chỉ thị 05"],
        images=[Image("https://baobacgiang.vn/anh.jpg", "Chú thích")],
        language="vi",
        content_hash=hashlib.sha256(text.encode()).hexdigest(),
        extractor_version="1",
    )
    return replace(article, **changes)


def make_page(url: str = "https://baobacgiang.vn/bai-1.html", **changes: object) -> FetchedPage:
    page = FetchedPage(
        site="bacgiang",
        url=url,
        final_url=url,
        status=200,
        headers={"Content-Type": "text/html; charset=utf-8"},
        body="<html><body>Bài viết</body></html>".encode(),
        fetched_at=T0,
    )
    return replace(page, **changes)


def count(session: Session, model: type) -> int:
    return session.scalar(select(func.count()).select_from(model)) or 0


@pytest.fixture
def sites(session: Session) -> dict[str, int]:
    ids = sync_sites(session, PROFILES)
    session.commit()
    return ids


@pytest.mark.usefixtures("sites")
def test_sync_sites_upserts_by_key(session: Session) -> None:
    sync_sites(session, [replace(PROFILES[0], name="Báo Bắc Ninh", domain="baobacninh.vn")])
    session.commit()
    assert count(session, Site) == 2
    site = session.scalars(select(Site).where(Site.key == "bacgiang")).one()
    session.refresh(site)
    assert (site.name, site.domain) == ("Báo Bắc Ninh", "baobacninh.vn")
    assert site.provinces == ["Bắc Giang", "Bắc Ninh"]
    namdinh = session.scalars(select(Site).where(Site.key == "namdinh")).one()
    assert namdinh.former_domains == ["namdinh.vn"]


@pytest.mark.usefixtures("sites")
def test_restoring_the_same_raw_page_adds_no_row(session: Session) -> None:
    run = start_run(session, "nightly")
    page = make_page()
    first_id, created = store_raw_page(session, page, run.id)
    assert created

    later_run = start_run(session, "nightly")
    again_id, created = store_raw_page(
        session, replace(page, fetched_at=T0 + timedelta(days=1)), later_run.id
    )
    session.commit()
    assert (again_id, created) == (first_id, False)
    assert count(session, RawPage) == 1

    stored = session.get(RawPage, first_id, populate_existing=True)
    assert stored is not None
    assert stored.fetched_at == T0 + timedelta(days=1)
    assert stored.run_id == later_run.id
    assert stored.body != page.body  # kept compressed
    assert gzip.decompress(stored.body) == load_raw_page_body(stored) == page.body
    assert stored.body_hash == hashlib.sha256(page.body).hexdigest()
    assert stored.content_type == "text/html; charset=utf-8"

    # Replaying an older fetch does not move the row back in time.
    store_raw_page(session, replace(page, fetched_at=T0 - timedelta(days=3)), run.id)
    stored = session.get(RawPage, first_id, populate_existing=True)
    assert stored is not None
    assert (stored.fetched_at, stored.run_id) == (T0 + timedelta(days=1), later_run.id)

    # New bytes at the same address are a new version of the page.
    _, created = store_raw_page(session, replace(page, body=b"<html>changed</html>"), run.id)
    assert created
    assert count(session, RawPage) == 2


@pytest.mark.usefixtures("sites")
def test_upsert_new_then_unchanged_then_updated(session: Session) -> None:
    article = make_article()
    assert upsert_article(session, "bacgiang", article, T0) == "new"
    session.commit()
    stored = session.scalars(select(Article)).one()
    first_updated_at = stored.updated_at

    assert upsert_article(session, "bacgiang", article, T0 + timedelta(days=1)) == "unchanged"
    session.commit()
    session.refresh(stored)
    assert (stored.first_seen_at, stored.last_seen_at) == (T0, T0 + timedelta(days=1))
    assert stored.updated_at == first_updated_at

    # The same article reached through another address is not a new version.
    moved = replace(article, url="https://baobacgiang.vn/bai-1.html?ref=home")
    assert upsert_article(session, "bacgiang", moved, T0 + timedelta(days=1)) == "unchanged"

    edited = replace(article, title="Bài 1 (sửa)", tags=["Chỉ thị 05", "Học tập"])
    assert upsert_article(session, "bacgiang", edited, T0 + timedelta(days=2)) == "updated"
    session.commit()
    session.refresh(stored)
    assert count(session, Article) == 1
    assert (stored.title, stored.tags) == ("Bài 1 (sửa)", ["Chỉ thị 05", "Học tập"])
    assert stored.first_seen_at == T0
    assert stored.last_seen_at == T0 + timedelta(days=2)
    assert stored.updated_at > first_updated_at
    assert stored.images == [{"url": "https://baobacgiang.vn/anh.jpg", "caption": "Chú thích"}]


@pytest.mark.usefixtures("sites")
def test_exact_duplicate_under_another_url_is_not_inserted(session: Session) -> None:
    original = make_article(1)
    assert upsert_article(session, "bacgiang", original, T0) == "new"
    copy_url = "https://baonamdinh.vn/dang-lai-bai-1.html"
    page_id, _ = store_raw_page(session, make_page(copy_url, site="namdinh"), None)
    copy = replace(original, url=copy_url, canonical_url=copy_url)

    assert upsert_article(session, "namdinh", copy, T0, raw_page_id=page_id) == "duplicate"
    session.commit()
    assert count(session, Article) == 1
    original_id = session.scalar(select(Article.id))
    assert session.scalar(select(RawPage.article_id).where(RawPage.id == page_id)) == original_id
    assert copy_url in known_urls(session, "namdinh")


@pytest.mark.usefixtures("sites")
def test_rerunning_the_same_batch_adds_zero_rows(migrated_engine: Engine) -> None:
    def run_batch(seen_at: datetime) -> list[str]:
        results = []
        with session_scope(migrated_engine) as session:
            run = start_run(session, "nightly")
            for n in range(1, 6):
                page_id, _ = store_raw_page(
                    session, make_page(f"https://baobacgiang.vn/bai-{n}.html"), run.id
                )
                results.append(
                    upsert_article(session, "bacgiang", make_article(n), seen_at, page_id)
                )
        return results

    assert run_batch(T0) == ["new"] * 5
    with session_scope(migrated_engine) as session:
        before = (count(session, Article), count(session, RawPage))
    assert run_batch(T0 + timedelta(days=1)) == ["unchanged"] * 5
    with session_scope(migrated_engine) as session:
        assert (count(session, Article), count(session, RawPage)) == before == (5, 5)


@pytest.mark.usefixtures("sites")
def test_published_at_comes_back_aware_and_equal(migrated_engine: Engine) -> None:
    published = datetime(2024, 5, 19, 6, 37, tzinfo=VIETNAM)
    with session_scope(migrated_engine) as session:
        upsert_article(session, "bacgiang", make_article(published=published), T0)
    with session_scope(migrated_engine) as session:
        stored = session.scalars(select(Article)).one()
        assert stored.published_at is not None
        assert stored.published_at.tzinfo is not None
        assert stored.published_at == published
        assert stored.published_at.astimezone(VIETNAM).hour == 6
        assert stored.published_date_only is False
        assert stored.first_seen_at.tzinfo is not None


@pytest.mark.usefixtures("sites")
def test_a_date_only_published_is_midnight_in_vietnam(migrated_engine: Engine) -> None:
    with session_scope(migrated_engine) as session:
        upsert_article(session, "bacgiang", make_article(published=date(2024, 5, 19)), T0)
        upsert_article(session, "bacgiang", make_article(2, published=None), T0)
    with session_scope(migrated_engine) as session:
        dated, undated = session.scalars(select(Article).order_by(Article.id)).all()
        assert dated.published_at == datetime(2024, 5, 19, tzinfo=VIETNAM)
        assert dated.published_date_only is True
        assert (undated.published_at, undated.published_date_only) == (None, False)
    with session_scope(migrated_engine) as session:
        # Same day again: nothing changed.
        again = make_article(published=date(2024, 5, 19))
        assert upsert_article(session, "bacgiang", again, T0) == "unchanged"


@pytest.mark.usefixtures("sites")
def test_naive_datetimes_are_refused(session: Session) -> None:
    with pytest.raises(ValueError, match="aware"):
        upsert_article(session, "bacgiang", make_article(published=datetime(2024, 5, 19)), T0)
    with pytest.raises(ValueError, match="aware"):
        upsert_article(session, "bacgiang", make_article(), datetime(2025, 11, 20))


@pytest.mark.usefixtures("sites")
def test_unknown_site_is_a_clear_error(session: Session) -> None:
    with pytest.raises(UnknownSiteError, match="sync_sites"):
        upsert_article(session, "nowhere", make_article(), T0)


@pytest.mark.usefixtures("sites")
def test_known_urls_lists_canonical_and_fetched_urls_of_the_site(session: Session) -> None:
    redirected = make_page(
        "http://old.baobacgiang.vn/bai-1.html", final_url="https://baobacgiang.vn/bai-1.html"
    )
    page_id, _ = store_raw_page(session, redirected, None)
    store_raw_page(session, make_page("https://baobacgiang.vn/chuyen-muc"), None)  # no article
    upsert_article(session, "bacgiang", make_article(1), T0, raw_page_id=page_id)
    assert known_urls(session, "bacgiang") == {
        "https://baobacgiang.vn/bai-1.html",
        "https://baobacgiang.vn/bai-1.html?utm_source=rss",
        "http://old.baobacgiang.vn/bai-1.html",
    }
    assert known_urls(session, "namdinh") == set()


@pytest.mark.usefixtures("sites")
def test_record_error(session: Session) -> None:
    run = start_run(session, "nightly")
    record_error(
        session,
        run.id,
        CrawlError("bacgiang", "https://baobacgiang.vn/x", "http_404", "Not Found", 404),
    )
    record_error(session, run.id, CrawlError("gone", "https://x.vn/", "connection", "refused"))
    session.commit()
    rows = session.scalars(select(CrawlErrorRow).order_by(CrawlErrorRow.id)).all()
    assert [(r.kind, r.http_status, r.site_id is None) for r in rows] == [
        ("http_404", 404, False),
        ("connection", None, True),
    ]
    assert rows[0].occurred_at.tzinfo is not None


@pytest.mark.usefixtures("sites")
def test_site_crawls_are_one_per_run_and_site(session: Session) -> None:
    run = start_run(session, "backfill", parameters={"since": "2025-01-01"})
    crawl = start_site_crawl(session, run.id, "bacgiang")
    finish_site_crawl(session, crawl.id, "failed", requests=3, errors=3)
    retried = start_site_crawl(session, run.id, "bacgiang")  # a retried Prefect task
    assert (retried.id, retried.status, retried.finished_at) == (crawl.id, "running", None)
    finish_site_crawl(session, crawl.id, "completed", requests=10, pages=9, new_articles=7)
    session.commit()
    assert count(session, SiteCrawl) == 1
    with pytest.raises(TypeError, match="articles"):
        finish_site_crawl(session, crawl.id, "completed", articles=1)
    with pytest.raises(ValueError, match="status"):
        finish_run(session, run.id, "done")


def test_list_runs_shape_and_order(session: Session, sites: dict[str, int]) -> None:
    older = start_run(session, "nightly")
    older.started_at = T0
    for key in sites:
        crawl = start_site_crawl(session, older.id, key)
        finish_site_crawl(
            session, crawl.id, "completed", requests=12, pages=10, new_articles=4, errors=2
        )
    finish_run(session, older.id, "completed")
    newer = start_run(session, "demo")
    newer.started_at = T0 + timedelta(days=1)
    start_site_crawl(session, newer.id, "namdinh")
    session.commit()

    runs = list_runs(session)
    assert [run["id"] for run in runs] == [newer.id, older.id]
    assert all(
        set(run) == {"id", "started_at", "finished_at", "status", "trigger", "note", "sites"}
        for run in runs
    )
    assert [run["trigger"] for run in runs] == ["demo", "nightly"]
    latest, previous = runs
    assert latest["status"] == "running"
    assert latest["finished_at"] is None
    assert datetime.fromisoformat(latest["started_at"]) == T0 + timedelta(days=1)
    assert datetime.fromisoformat(previous["finished_at"]).tzinfo is not None
    assert previous["status"] == "completed"
    assert set(previous["sites"]) == {"bacgiang", "namdinh"}
    bacgiang = previous["sites"]["bacgiang"]
    assert {k: bacgiang[k] for k in ("requests", "pages", "new_articles", "errors")} == {
        "requests": 12,
        "pages": 10,
        "new_articles": 4,
        "errors": 2,
    }
    assert latest["sites"]["namdinh"]["requests"] == 0
    assert list_runs(session, limit=1) == runs[:1]


def upsert_after(
    engine: Engine, first: Session, article: ExtractedArticle, seen_at: datetime
) -> str:
    """Upsert `article` from another thread while `first` holds its transaction open: the second
    writer must still be waiting half a second later; then `first` commits. The second's result."""

    def second_writer() -> str:
        with session_scope(engine) as session:
            return upsert_article(session, "bacgiang", article, seen_at)

    with ThreadPoolExecutor(max_workers=1) as pool:
        second = pool.submit(second_writer)
        done, _ = wait([second], timeout=0.5)
        assert not done, f"the second writer did not wait for the first: {second.result()}"
        first.commit()
        first.close()
        return second.result(timeout=30)


@pytest.mark.usefixtures("sites")
def test_concurrent_upserts_of_one_canonical_url_leave_one_row(migrated_engine: Engine) -> None:
    first = make_sessionmaker(migrated_engine)()
    assert upsert_article(first, "bacgiang", make_article(title="v1"), T0) == "new"
    # `first` keeps its transaction open: the second writer must wait for it, then update.
    second = upsert_after(migrated_engine, first, make_article(title="v2"), T0 + timedelta(hours=1))
    assert second == "updated"

    with session_scope(migrated_engine) as session:
        stored = session.scalars(select(Article)).one()
        assert stored.title == "v2"
        assert stored.last_seen_at == T0 + timedelta(hours=1)


@pytest.mark.usefixtures("sites")
def test_the_same_text_stored_under_two_addresses_at_once_is_stored_once(
    migrated_engine: Engine,
) -> None:
    """Two backfill chunks (or a night beside a backfill) can store one text reached through two
    addresses at the same moment: the second writer waits for the first, then finds its copy."""
    first = make_sessionmaker(migrated_engine)()
    assert upsert_article(first, "bacgiang", make_article(1), T0) == "new"
    # The same text, under another address: an exact copy once the first commits.
    copy = make_article(
        1,
        url="https://baobacgiang.vn/ban-sao.html",
        canonical_url="https://baobacgiang.vn/ban-sao.html",
    )
    assert upsert_after(migrated_engine, first, copy, T0) == "duplicate"

    with session_scope(migrated_engine) as session:
        assert session.scalars(select(Article.canonical_url)).all() == [
            "https://baobacgiang.vn/bai-1.html"
        ]


@pytest.mark.usefixtures("sites")
def test_many_writers_of_the_same_batch_leave_one_row_each(migrated_engine: Engine) -> None:
    writers = 4
    barrier = threading.Barrier(writers)

    def writer() -> list[str]:
        barrier.wait()
        results = []
        for n in range(1, 9):
            with session_scope(migrated_engine) as session:
                results.append(upsert_article(session, "bacgiang", make_article(n), T0))
        return results

    with ThreadPoolExecutor(max_workers=writers) as pool:
        futures = [pool.submit(writer) for _ in range(writers)]
        results = [r for future in futures for r in future.result(timeout=60)]

    assert len(results) == 32
    assert results.count("new") == 8
    assert set(results) == {"new", "unchanged"}
    with session_scope(migrated_engine) as session:
        assert count(session, Article) == 8


@pytest.mark.usefixtures("sites")
def test_nul_characters_do_not_break_either_backend(session: Session) -> None:
    article = make_article(title="Bài\x00 1", authors=["Thu\x00 Phong"])
    assert upsert_article(session, "bacgiang", article, T0) == "new"
    session.commit()
    stored = session.scalars(select(Article)).one()
    assert (stored.title, stored.authors) == ("Bài 1", ["Thu Phong"])
    assert upsert_article(session, "bacgiang", article, T0) == "unchanged"
