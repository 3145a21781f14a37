"""From stored raw pages to stored articles: extract, exact-dedupe, upsert, story, labels.

Each page is its own transaction, which also moves its URL along the crawl frontier (stored,
gone, or still fetched when it falls outside a backfill's window): one bad page is recorded as an
error and the rest go on, and a crash half-way leaves every page before it fully processed and
every page after it waiting for the next run (`pending_raw_page_ids`).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, fields

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.engine import Engine

from baotinh.core.records import CrawlError
from baotinh.core.window import CrawlWindow
from baotinh.extraction.dumps import TEXT_EXTRACTOR_VERSION, extract_text_page
from baotinh.extraction.html import extract_article
from baotinh.extraction.pages import ExtractionError
from baotinh.jobs.labelling import label_new_article
from baotinh.papers import SiteProfile
from db.engine import session_scope
from db.frontier import fetched_raw_page_ids, record_publication, record_stored
from db.models import Article, RawPage, Site
from db.store import UnknownSiteError, load_raw_page_body, record_error, upsert_article
from db.stories import assign_story

log = logging.getLogger("baotinh.ingest")  # the name operators grep for, wherever the module lives


@dataclass
class IngestCounts:
    pages: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    errors: int = 0
    outside_window: int = 0

    def add(self, other: IngestCounts) -> None:
        for field in fields(self):
            setattr(self, field.name, getattr(self, field.name) + getattr(other, field.name))


def pending_raw_page_ids(
    engine: Engine, site_key: str, window: CrawlWindow | None = None
) -> list[int]:
    """The site's pages fetched but not yet extracted, by this run or one that died before its
    ingest: with a window, those whose known publication date falls in it."""
    window = window or CrawlWindow()
    with session_scope(engine) as session:
        try:
            pages = fetched_raw_page_ids(session, site_key)
        except UnknownSiteError:
            return []
    return [page_id for page_id, published in pages if window.contains(published)]


def ingest_pages(
    engine: Engine,
    profile: SiteProfile,
    raw_page_ids: Iterable[int],
    run_id: int | None,
    window: CrawlWindow | None = None,
    keep_history: bool = True,
) -> IngestCounts:
    """Extract and upsert each raw page; returns what happened to them.

    With a window (a backfill), an article published outside it is not stored; its raw page is,
    and waits in the frontier for a run whose window it fits (any nightly run). With
    `keep_history`, a page that changes a stored article keeps the earlier version
    (`article_versions`); re-extracting the same pages (reprocess) is not an edit.
    """
    counts = IngestCounts()
    for raw_page_id in raw_page_ids:
        counts.pages += 1
        outcome = _ingest_one(
            engine, profile, raw_page_id, run_id, window or CrawlWindow(), keep_history
        )
        setattr(counts, outcome, getattr(counts, outcome) + 1)
    return counts


def _ingest_one(
    engine: Engine,
    profile: SiteProfile,
    raw_page_id: int,
    run_id: int | None,
    window: CrawlWindow,
    keep_history: bool,
) -> str:
    with session_scope(engine) as session:
        page = session.get(RawPage, raw_page_id)
        if page is None:
            return "errors"
        url = page.final_url
        # An imported text dump has no place in the crawl frontier: nothing to move along.
        crawled = page.kind != "text"
        try:
            if crawled:
                article = extract_article(
                    load_raw_page_body(page), url, profile, content_type=page.content_type
                )
            else:
                article = extract_text_page(load_raw_page_body(page), profile, url)
        except ExtractionError as exc:
            record_error(session, run_id, CrawlError(profile.key, url, exc.kind, str(exc)))
            # These bytes yield no article, however often they are extracted.
            if crawled:
                record_stored(session, page.id, None, "gone")
            return "errors"
        except Exception as exc:  # a bug on one page must not stop the night
            log.exception("extractor crashed on %s", url)
            record_error(
                session,
                run_id,
                CrawlError(profile.key, url, "extractor_crash", f"{type(exc).__name__}: {exc}"),
            )
            # Not retried every night: `baotinh reprocess` tries again once the bug is fixed.
            if crawled:
                record_stored(session, page.id, None, "failed")
            return "errors"
        if not window.contains(article.published):
            if article.published is not None and crawled:
                record_publication(session, page.id, article.published)
            return "outside_window"
        outcome = upsert_article(
            session,
            profile.key,
            article,
            seen_at=page.fetched_at,
            raw_page_id=page.id,
            keep_history=keep_history,
        )
        # The upsert linked the page to its article (or, for a copy, to the original).
        if crawled:
            article_id = session.scalar(select(RawPage.article_id).where(RawPage.id == page.id))
            record_stored(session, page.id, article_id, "stored", article.canonical_url)
        if outcome in ("new", "updated"):
            # Same transaction: the article, its story and its labels are committed together.
            assign_story(session, article.canonical_url)
            label_new_article(session, article.canonical_url)
    return {"new": "new", "updated": "updated", "unchanged": "unchanged"}.get(outcome, "duplicates")


def outdated_raw_page_ids(
    engine: Engine,
    site_key: str,
    extractor_version: str,
    everything: bool = False,
    text_extractor_version: str | None = None,
    layouts: tuple[str, ...] = (),
) -> list[int]:
    """The newest raw page of each address whose article was extracted by another version of
    the extractor, or that gave no article (a better extractor may now find one).

    Article pages are compared with `extractor_version`, imported text dumps (kind "text") with
    `text_extractor_version` (default: baotinh.extraction.dumps.TEXT_EXTRACTOR_VERSION). Given the
    versions of the paper's `layouts`, an article page extracted with none of them (generically,
    or with a layout the profile has dropped) is outdated too: a layout added for a redesign
    re-extracts the pages that arrived before it."""
    if text_extractor_version is None:
        text_extractor_version = TEXT_EXTRACTOR_VERSION
    current = case((RawPage.kind == "text", text_extractor_version), else_=extractor_version)
    with session_scope(engine) as session:
        newest = (
            select(RawPage.final_url, func.max(RawPage.id).label("id"))
            .join(Site, Site.id == RawPage.site_id)
            .where(Site.key == site_key, RawPage.kind.in_(("article", "text")))
            .group_by(RawPage.final_url)
            .subquery()
        )
        query = (
            select(RawPage.id)
            .join(newest, newest.c.id == RawPage.id)
            .outerjoin(Article, Article.id == RawPage.article_id)
        )
        if not everything:
            outdated = [RawPage.article_id.is_(None), Article.extractor_version != current]
            if layouts:
                without_layout = or_(Article.layout.is_(None), Article.layout.not_in(layouts))
                # A page linked to another paper's article (an exact reprint) has that paper's
                # layout, not one of these: it is not outdated for that.
                same_paper = Article.site_id == RawPage.site_id
                outdated.append(and_(RawPage.kind == "article", same_paper, without_layout))
            query = query.where(or_(*outdated))
        return list(session.scalars(query.order_by(RawPage.id)))
