"""The crawl frontier: every article URL found, and where it is on its way to the store.

States (db.models.FRONTIER_STATES):

    discovered ──fetch──► fetched ──extract──► stored
        │                   │
        │                   └─ not an article, empty ──► gone
        ├─ 404, 410, robots ──────────────────────────► gone
        └─ 5xx, timeout ──► retry ──(next_attempt_at)──► fetched … or, too often, failed

A crawl starts from the site's pending rows (discovered, and retry rows that are due), then
discovers; a page fetched but not extracted is extracted by the next run's ingest. Feed and
sitemap validators may spare a crawl the re-discovery, never this pending work. Plain functions
over a Session; the caller owns the transaction (see `db.engine.session_scope`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from baotinh.core.dates import VIETNAM
from baotinh.core.records import Discovery
from baotinh.papers import identity_key
from db.engine import dialect_insert
from db.models import FRONTIER_PENDING, Article, CrawlFrontier, RawPage, utcnow
from db.store import site_id_for

# Errors that asking again will not mend; anything else (5xx, timeouts) is retried later.
PERMANENT_ERRORS = ("http_404", "http_410", "empty_body", "not_article", "robots_disallowed")
# Transient failures are retried on later runs, waiting twice as long each time from the first
# wait; after MAX_ATTEMPTS tries the URL is given up on ("failed"). With nightly runs and the
# default of 4 hours: retried the next night, the one after, the one after that, then two nights
# later, then given up (about five nights).
DEFAULT_RETRY_BACKOFF = timedelta(hours=4)
MAX_ATTEMPTS = 5
# Links per statement when recording discoveries (x 11 columns stays under SQLite's and
# PostgreSQL's parameter limits).
DISCOVERY_SLICE = 1000


@dataclass(frozen=True)
class PendingUrl:
    url: str
    published: datetime | None
    state: str
    attempts: int


def record_discoveries(
    session: Session, site_key: str, found: Iterable[Discovery], run_id: int | None
) -> int:
    """Add the links not yet in the frontier (state "discovered"); returns how many were new.

    A link already there keeps its state; it only gains a publication date it lacked.
    """
    site_id = site_id_for(session, site_key)
    now = utcnow()
    rows: dict[str, dict] = {}
    for item in found:
        key = identity_key(item.url)
        if key in rows:
            continue
        rows[key] = {
            "site_id": site_id,
            "url": item.url,
            "url_key": key,
            "state": "discovered",
            "source": item.source[:16],
            "published_hint": _aware(item.published),
            "discovered_at": now,
            "updated_at": now,
            "discovered_run_id": run_id,
            "last_run_id": run_id,
        }
    if not rows:
        return 0
    insert = dialect_insert(session)
    fresh = 0
    keys = list(rows)
    # In slices: a sitemap lists up to 50,000 links, past both databases' limits on the number
    # of parameters in one statement.
    for start in range(0, len(keys), DISCOVERY_SLICE):
        chunk = keys[start : start + DISCOVERY_SLICE]
        known = dict(
            session.execute(
                select(CrawlFrontier.url_key, CrawlFrontier.published_hint.is_(None)).where(
                    CrawlFrontier.url_key.in_(chunk)
                )
            ).all()
        )
        new_rows = [rows[key] for key in chunk if key not in known]
        if new_rows:
            # A concurrent writer may have added a key since: keep its row.
            session.execute(
                insert(CrawlFrontier)
                .values(new_rows)
                .on_conflict_do_nothing(index_elements=["url_key"])
            )
            fresh += len(new_rows)
        # Every night re-lists the same links: only a row still without a date is written.
        for key in chunk:
            if known.get(key) and rows[key]["published_hint"] is not None:
                session.execute(
                    update(CrawlFrontier)
                    .where(CrawlFrontier.url_key == key)
                    .values(published_hint=rows[key]["published_hint"])
                    .execution_options(synchronize_session=False)
                )
    session.flush()
    return fresh


def record_fetch(
    session: Session,
    site_key: str,
    url: str,
    final_url: str,
    raw_page_id: int,
    new_body: bool,
    run_id: int | None,
) -> None:
    """An article page was fetched and kept as raw page `raw_page_id`.

    A new body waits for extraction ("fetched"). The same body as before changes nothing for a
    URL already stored or gone (a conditional recheck of an unchanged article).
    """
    row = _row_for(session, site_key, url, final_url, run_id, source="page")
    if not new_body and row.state in ("stored", "gone"):
        row.last_run_id = run_id
        row.updated_at = utcnow()
        return
    row.state = "fetched"
    row.raw_page_id = raw_page_id
    row.last_error = None
    row.next_attempt_at = None
    row.last_run_id = run_id
    row.updated_at = utcnow()
    session.flush()


def record_failure(
    session: Session,
    site_key: str,
    url: str,
    kind: str,
    message: str,
    run_id: int | None,
    backoff: timedelta = DEFAULT_RETRY_BACKOFF,
    max_attempts: int = MAX_ATTEMPTS,
    now: datetime | None = None,
) -> str:
    """A fetch or an extraction of `url` failed; returns the URL's new state.

    Permanent errors make it "gone"; transient ones "retry" from now + backoff × 2^(attempts-1),
    or "failed" once it has been tried `max_attempts` times.
    """
    now = now or utcnow()
    row = _row_for(session, site_key, url, url, run_id, source="page")
    row.attempts += 1
    row.last_error = f"{kind}: {message}"[:2000]
    row.last_run_id = run_id
    row.updated_at = now
    if kind in PERMANENT_ERRORS:
        row.state = "gone"
        row.next_attempt_at = None
    elif row.attempts >= max_attempts:
        row.state = "failed"
        row.next_attempt_at = None
    else:
        row.state = "retry"
        row.next_attempt_at = now + backoff * 2 ** (row.attempts - 1)
    session.flush()
    return row.state


def record_stored(
    session: Session,
    raw_page_id: int,
    article_id: int | None,
    state: str,
    canonical_url: str | None = None,
) -> None:
    """The raw page was extracted: "stored" (article_id is its article, new or a copy) or
    "gone" (not an article). A page outside a backfill's window stays "fetched".

    The article's canonical address is recorded as stored too, so a feed that lists it under
    that spelling does not make the next crawl fetch the page again.
    """
    session.execute(
        update(CrawlFrontier)
        .where(CrawlFrontier.raw_page_id == raw_page_id)
        .values(state=state, article_id=article_id, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if canonical_url is None or article_id is None:
        return
    site_id = session.scalar(select(Article.site_id).where(Article.id == article_id))
    now = utcnow()
    session.execute(
        dialect_insert(session)(CrawlFrontier)
        .values(
            site_id=site_id,
            url=canonical_url,
            url_key=identity_key(canonical_url),
            state="stored",
            source="canonical",
            discovered_at=now,
            updated_at=now,
            raw_page_id=raw_page_id,
            article_id=article_id,
        )
        .on_conflict_do_update(
            index_elements=["url_key"],
            set_={"state": "stored", "article_id": article_id, "updated_at": now},
            # Found under this spelling and still waiting: it is the article just stored.
            where=CrawlFrontier.state.in_(("discovered", "retry")),
        )
    )


def record_publication(session: Session, raw_page_id: int, published: datetime) -> None:
    """The page says when it was published: later backfills judge the row by that date."""
    session.execute(
        update(CrawlFrontier)
        .where(CrawlFrontier.raw_page_id == raw_page_id)
        .values(published_hint=_aware(published))
        .execution_options(synchronize_session=False)
    )


def done_keys(session: Session, site_key: str, now: datetime | None = None) -> set[str]:
    """Identity keys a crawl must not fetch again: fetched, stored, gone or failed, and retries
    that are not due yet."""
    site_id = site_id_for(session, site_key)
    now = now or utcnow()
    waiting = and_(CrawlFrontier.state == "retry", CrawlFrontier.next_attempt_at > now)
    query = select(CrawlFrontier.url_key).where(
        CrawlFrontier.site_id == site_id,
        or_(CrawlFrontier.state.in_(("fetched", "stored", "gone", "failed")), waiting),
    )
    return set(session.scalars(query))


def pending_urls(session: Session, site_key: str, now: datetime | None = None) -> list[PendingUrl]:
    """The site's URLs waiting to be fetched: discovered, or a retry that is due; oldest first."""
    site_id = site_id_for(session, site_key)
    now = now or utcnow()
    query = (
        select(
            CrawlFrontier.url,
            CrawlFrontier.published_hint,
            CrawlFrontier.state,
            CrawlFrontier.attempts,
        )
        .where(
            CrawlFrontier.site_id == site_id,
            or_(
                CrawlFrontier.state == "discovered",
                and_(
                    CrawlFrontier.state == "retry",
                    or_(
                        CrawlFrontier.next_attempt_at.is_(None),
                        CrawlFrontier.next_attempt_at <= now,
                    ),
                ),
            ),
        )
        .order_by(CrawlFrontier.id)
    )
    return [PendingUrl(*row) for row in session.execute(query)]


def fetched_raw_page_ids(session: Session, site_key: str) -> list[tuple[int, datetime | None]]:
    """(raw page id, publication hint) of the site's pages fetched but not yet extracted."""
    site_id = site_id_for(session, site_key)
    return [
        (page_id, hint)
        for page_id, hint in session.execute(
            select(CrawlFrontier.raw_page_id, CrawlFrontier.published_hint)
            .where(
                CrawlFrontier.site_id == site_id,
                CrawlFrontier.state == "fetched",
                CrawlFrontier.raw_page_id.is_not(None),
            )
            .order_by(CrawlFrontier.raw_page_id)
        )
    ]


def state_counts(session: Session, site_key: str) -> dict[str, int]:
    """How many of the site's URLs are in each state (states with none are absent)."""
    site_id = site_id_for(session, site_key)
    return dict(
        session.execute(
            select(CrawlFrontier.state, func.count())
            .where(CrawlFrontier.site_id == site_id)
            .group_by(CrawlFrontier.state)
        ).all()
    )


def pending_count(counts: dict[str, int]) -> int:
    return sum(counts.get(state, 0) for state in FRONTIER_PENDING)


@dataclass(frozen=True)
class Recheck:
    """A recently published article to ask again, conditionally, whether it was edited."""

    url: str
    etag: str | None
    last_modified: str | None


def recent_articles(
    session: Session, site_key: str, days: int, now: datetime | None = None
) -> list[Recheck]:
    """The site's articles published in the last `days` days, with the validators their newest
    raw page was served with."""
    if days <= 0:
        return []
    site_id = site_id_for(session, site_key)
    since = (now or utcnow()) - timedelta(days=days)
    newest = (
        select(RawPage.article_id, func.max(RawPage.id).label("page_id"))
        .where(RawPage.site_id == site_id, RawPage.kind == "article")
        .group_by(RawPage.article_id)
        .subquery()
    )
    rows = session.execute(
        select(RawPage.final_url, RawPage.headers)
        .join(newest, newest.c.page_id == RawPage.id)
        .join(Article, Article.id == newest.c.article_id)
        .where(Article.site_id == site_id, Article.published_at >= since)
        .order_by(Article.published_at.desc())
    )
    return [
        Recheck(url, (headers or {}).get("etag"), (headers or {}).get("last-modified"))
        for url, headers in rows
    ]


def _row_for(
    session: Session, site_key: str, url: str, final_url: str, run_id: int | None, source: str
) -> CrawlFrontier:
    """The frontier row of `url` (or of the address it redirected to), created if missing."""
    keys = list(dict.fromkeys((identity_key(url), identity_key(final_url))))
    row = session.scalars(
        select(CrawlFrontier)
        .where(CrawlFrontier.url_key.in_(keys))
        .order_by(CrawlFrontier.id)
        .limit(1)
        .with_for_update()
    ).first()
    if row is not None:
        return row
    record_discoveries(session, site_key, [Discovery(url, None, source)], run_id)
    return session.scalars(
        select(CrawlFrontier).where(CrawlFrontier.url_key == keys[0]).with_for_update()
    ).one()


def _aware(moment: datetime | date | None) -> datetime | None:
    """UTC; a bare date is midnight in Vietnam (as articles store it), a naive time Vietnam's."""
    if moment is None:
        return None
    if not isinstance(moment, datetime):
        return datetime.combine(moment, time(0), tzinfo=VIETNAM).astimezone(UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VIETNAM)
    return moment.astimezone(UTC)
