"""What a crawl needs to know about earlier crawls, kept in the store so it survives restarts and
works from any machine: the frontier (what is done, what is pending, what to recheck for edits)
and the feeds' and sitemaps' validators."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import dialect_insert
from db.frontier import PendingUrl, Recheck, done_keys, pending_urls, recent_articles
from db.models import HttpValidator, utcnow
from db.store import site_id_for


@dataclass
class CrawlState:
    # Identity keys not to fetch again (baotinh.core.urls.identity_key).
    done: set[str] = field(default_factory=set)
    # Pending work, taken before anything is discovered.
    pending: list[PendingUrl] = field(default_factory=list)
    # Recently published articles to ask again, conditionally, whether they were edited.
    rechecks: list[Recheck] = field(default_factory=list)
    # {url: (etag, last_modified)} of feeds and sitemaps, for conditional requests.
    validators: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    # {url: "feed" | "sitemap"} of the feeds and sitemaps read whole before, the profile's own
    # and those self-discovery found (asked for directly, instead of being looked for again).
    roots: dict[str, str] = field(default_factory=dict)


def load_crawl_state(
    session: Session, site_key: str, *, backfill: bool, refetch: bool, recheck_days: int
) -> CrawlState:
    """The state one crawl of `site_key` starts from.

    A backfill asks for feeds and sitemaps unconditionally (the validators were saved for what
    a nightly run needs) and rechecks nothing; `refetch` fetches stored pages again.
    """
    now = utcnow()
    return CrawlState(
        done=set() if refetch else done_keys(session, site_key, now),
        pending=pending_urls(session, site_key, now),
        rechecks=[] if backfill else recent_articles(session, site_key, recheck_days, now),
        validators={} if backfill else load_validators(session, site_key),
        roots=known_roots(session, site_key),
    )


def load_validators(session: Session, site_key: str) -> dict[str, tuple[str | None, str | None]]:
    """{url: (etag, last_modified)} for the site's feeds and sitemaps."""
    site_id = site_id_for(session, site_key)
    rows = session.execute(
        select(HttpValidator.url, HttpValidator.etag, HttpValidator.last_modified).where(
            HttpValidator.site_id == site_id
        )
    )
    return {url: (etag, last_modified) for url, etag, last_modified in rows}


def known_roots(session: Session, site_key: str) -> dict[str, str]:
    """{url: "feed" | "sitemap"} of the site's feeds and sitemaps read whole before."""
    site_id = site_id_for(session, site_key)
    rows = session.execute(
        select(HttpValidator.url, HttpValidator.kind).where(
            HttpValidator.site_id == site_id, HttpValidator.kind.is_not(None)
        )
    )
    return {url: kind for url, kind in rows}


def save_validator(
    session: Session,
    site_key: str,
    url: str,
    etag: str | None,
    last_modified: str | None,
    kind: str | None = None,
) -> None:
    insert = dialect_insert(session)
    values = {"etag": etag, "last_modified": last_modified, "checked_at": utcnow(), "kind": kind}
    statement = insert(HttpValidator).values(
        site_id=site_id_for(session, site_key), url=url, **values
    )
    session.execute(statement.on_conflict_do_update(index_elements=["url"], set_=values))
