"""What a crawl needs to know about earlier crawls, kept in the store so it survives restarts and
works from any machine: the URLs already dealt with, and the feeds' and sitemaps' validators."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from baotinh.urls import identity_key
from db.models import Article, CrawlErrorRow, HttpValidator, RawPage, utcnow
from db.store import _insert_for, site_id_for

# Errors that will not go away by asking again tomorrow; a 500 or a timeout will be retried.
PERMANENT_ERRORS = ("http_404", "http_410", "empty_body", "not_article")


def seen_urls(session: Session, site_key: str) -> set[str]:
    """Identity keys (baotinh.urls.identity_key) of every article URL the store already holds
    or has given up on."""
    site_id = site_id_for(session, site_key)
    queries = [
        select(Article.canonical_url, Article.url).where(Article.site_id == site_id),
        select(RawPage.url, RawPage.final_url).where(
            RawPage.site_id == site_id, RawPage.kind == "article"
        ),
        select(CrawlErrorRow.url, CrawlErrorRow.url).where(
            CrawlErrorRow.site_id == site_id, CrawlErrorRow.kind.in_(PERMANENT_ERRORS)
        ),
    ]
    seen: set[str] = set()
    for query in queries:
        for first, second in session.execute(query):
            seen.update((identity_key(first), identity_key(second)))
    return seen


def load_validators(session: Session, site_key: str) -> dict[str, tuple[str | None, str | None]]:
    """{url: (etag, last_modified)} for the site's feeds and sitemaps."""
    site_id = site_id_for(session, site_key)
    rows = session.execute(
        select(HttpValidator.url, HttpValidator.etag, HttpValidator.last_modified).where(
            HttpValidator.site_id == site_id
        )
    )
    return {url: (etag, last_modified) for url, etag, last_modified in rows}


def save_validator(
    session: Session, site_key: str, url: str, etag: str | None, last_modified: str | None
) -> None:
    insert = _insert_for(session)
    values = {"etag": etag, "last_modified": last_modified, "checked_at": utcnow()}
    statement = insert(HttpValidator).values(
        site_id=site_id_for(session, site_key), url=url, **values
    )
    session.execute(statement.on_conflict_do_update(index_elements=["url"], set_=values))
