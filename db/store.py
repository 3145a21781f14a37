"""Sites, raw pages, errors and articles in the store, as plain functions over a Session (runs:
`db.runs`).

Every write is idempotent: running the same batch twice adds no rows, and two processes writing
the same page or article at once end with one row that carries the last write. The functions
flush but never commit; the caller owns the transaction (see `db.engine.session_scope`).
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from datetime import UTC, date, datetime, time
from typing import Any, Literal, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from baotinh.core.records import CrawlError, ExtractedArticle, FetchedPage
from db.engine import dialect_insert
from db.models import (
    Article,
    ArticleVersion,
    CrawlErrorRow,
    RawPage,
    Site,
    utcnow,
)
from db.search import index_article
from db.story_locks import lock_content

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
UpsertResult = Literal["new", "updated", "unchanged", "duplicate"]


class UnknownSiteError(LookupError):
    """The site key is not in the sites table: call `sync_sites` at the start of the run."""


class SiteProfileLike(Protocol):
    """What `sync_sites` reads from a site profile (baotinh.papers.SiteProfile fits)."""

    @property
    def key(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def domain(self) -> str: ...
    @property
    def former_domains(self) -> Sequence[str]: ...
    @property
    def provinces(self) -> Sequence[str]: ...


def sync_sites(session: Session, profiles: Iterable[SiteProfileLike]) -> dict[str, int]:
    """Insert or update one row per profile; return site ids by key. Sites are never deleted."""
    insert = dialect_insert(session)
    keys = []
    for profile in profiles:
        values = {
            "key": profile.key,
            "name": profile.name,
            "domain": profile.domain,
            "former_domains": list(profile.former_domains),
            "provinces": list(profile.provinces),
        }
        stmt = insert(Site).values(created_at=utcnow(), **values)
        stmt = stmt.on_conflict_do_update(
            index_elements=[Site.key],
            set_={k: stmt.excluded[k] for k in values if k != "key"},
        )
        session.execute(stmt)
        keys.append(profile.key)
    if not keys:
        return {}
    rows = session.execute(select(Site.key, Site.id).where(Site.key.in_(keys)))
    return {key: site_id for key, site_id in rows}


def site_id_for(session: Session, site_key: str) -> int:
    site_id = session.scalar(select(Site.id).where(Site.key == site_key))
    if site_id is None:
        raise UnknownSiteError(f"unknown site {site_key!r}: sync_sites() has not stored it")
    return site_id


def store_raw_page(session: Session, page: FetchedPage, run_id: int | None) -> tuple[int, bool]:
    """Keep a fetched page (gzip-compressed); return (raw page id, created).

    The same bytes at the same final URL are stored once: a refetch only moves fetched_at forward
    and points the row at the newer run.
    """
    site_id = site_id_for(session, page.site)
    body_hash = hashlib.sha256(page.body).hexdigest()
    insert = dialect_insert(session)
    raw_page_id = session.execute(
        insert(RawPage)
        .values(
            site_id=site_id,
            run_id=run_id,
            url=page.url,
            final_url=page.final_url,
            http_status=page.status,
            headers=dict(page.headers),
            content_type=_header(page.headers, "content-type"),
            fetched_at=page.fetched_at,
            # mtime=0 keeps the stored bytes a pure function of the body.
            body=gzip.compress(page.body, mtime=0),
            body_hash=body_hash,
            kind=page.kind,
        )
        .on_conflict_do_nothing(index_elements=[RawPage.final_url, RawPage.body_hash])
        .returning(RawPage.id)
    ).scalar_one_or_none()
    if raw_page_id is not None:
        return raw_page_id, True

    # Re-storing an old page (e.g. replaying history) must not move the row backwards in time.
    later = RawPage.fetched_at < page.fetched_at
    refreshed: dict[str, Any] = {
        "fetched_at": case((later, page.fetched_at), else_=RawPage.fetched_at)
    }
    if run_id is not None:
        refreshed["run_id"] = case((later, run_id), else_=RawPage.run_id)
    raw_page_id = session.execute(
        update(RawPage)
        .where(RawPage.final_url == page.final_url, RawPage.body_hash == body_hash)
        .values(refreshed)
        .returning(RawPage.id)
        .execution_options(synchronize_session=False)
    ).scalar_one()
    return raw_page_id, False


def load_raw_page_body(raw_page: RawPage) -> bytes:
    """The page body as it was received (uncompressed)."""
    return gzip.decompress(raw_page.body)


def record_error(
    session: Session, run_id: int | None, error: CrawlError, occurred_at: datetime | None = None
) -> None:
    # An unknown site is stored as NULL rather than raised: this runs inside error handling,
    # where a second exception would hide the first.
    site_id = session.scalar(select(Site.id).where(Site.key == error.site))
    session.add(
        CrawlErrorRow(
            run_id=run_id,
            site_id=site_id,
            url=_without_nul(error.url),
            kind=error.kind,
            message=_without_nul(error.message),
            http_status=error.http_status,
            occurred_at=occurred_at or utcnow(),
        )
    )
    session.flush()


def upsert_article(
    session: Session,
    site_key: str,
    article: ExtractedArticle,
    seen_at: datetime,
    raw_page_id: int | None = None,
    keep_history: bool = False,
) -> UpsertResult:
    """Store an extracted article, keyed on its canonical URL.

    With `keep_history` (a page fetched anew), a change of title, lead or text first keeps the
    version it replaces in `article_versions`: the paper edited the article.

    Returns "new"; "updated" (some field changed; first_seen_at kept); "unchanged" (only
    last_seen_at moves); or "duplicate": no article has this canonical URL but one already has
    the same content hash, so nothing is inserted and the raw page is linked to that article.
    """
    _require_aware(seen_at, "seen_at")
    seen_at = seen_at.astimezone(UTC)
    site_id = site_id_for(session, site_key)
    values = _article_values(article)

    existing = _article_for_update(session, article.canonical_url)
    if existing is None:
        lock_content(session, values["content_hash"])
        duplicate_of = session.scalar(
            select(Article.id)
            .where(
                Article.content_hash == values["content_hash"],
                # A writer that inserted this very URL since we looked is not a duplicate source;
                # the insert below will conflict and we update that row instead.
                Article.canonical_url != article.canonical_url,
            )
            .order_by(Article.id)
            .limit(1)
        )
        if duplicate_of is not None:
            _link_raw_page(session, raw_page_id, duplicate_of)
            return "duplicate"

        insert = dialect_insert(session)
        new_id = session.execute(
            insert(Article)
            .values(
                site_id=site_id,
                canonical_url=article.canonical_url,
                url=article.url,
                first_seen_at=seen_at,
                last_seen_at=seen_at,
                updated_at=utcnow(),
                **values,
            )
            # The unique constraint is the final guard: if another process inserted this URL
            # since we looked, we fall through and update its row instead of adding a second.
            .on_conflict_do_nothing(index_elements=[Article.canonical_url])
            .returning(Article.id)
        ).scalar_one_or_none()
        if new_id is not None:
            _link_raw_page(session, raw_page_id, new_id)
            index_article(session, new_id, (values["title"], values["lead"], values["text"]))
            return "new"
        existing = _article_for_update(session, article.canonical_url)
        if existing is None:  # pragma: no cover - only if the unique constraint is missing
            raise RuntimeError(f"insert of {article.canonical_url} conflicted, yet no row")

    changed = {k: v for k, v in values.items() if getattr(existing, k) != v}
    if keep_history and changed.keys() & {"title", "lead", "text"}:
        _keep_version(session, existing)
    for name, value in changed.items():
        setattr(existing, name, value)
    if changed:
        existing.updated_at = utcnow()
    # Replaying older pages must not move the seen window backwards.
    existing.first_seen_at = min(existing.first_seen_at, seen_at)
    existing.last_seen_at = max(existing.last_seen_at, seen_at)
    session.flush()
    _link_raw_page(session, raw_page_id, existing.id)
    if changed.keys() & {"title", "lead", "text"}:
        index_article(session, existing.id, (existing.title, existing.lead, existing.text))
    return "updated" if changed else "unchanged"


def _keep_version(session: Session, article: Article) -> None:
    """Keep the article as it is now as its next earlier version, before an edit replaces it."""
    number, previous = session.execute(
        select(func.max(ArticleVersion.version), func.max(ArticleVersion.superseded_at)).where(
            ArticleVersion.article_id == article.id
        )
    ).one()
    session.add(
        ArticleVersion(
            article_id=article.id,
            version=(number or 0) + 1,
            title=article.title,
            lead=article.lead,
            text=article.text,
            content_hash=article.content_hash,
            seen_from=previous or article.first_seen_at,
            superseded_at=utcnow(),
        )
    )


def known_urls(session: Session, site_key: str) -> set[str]:
    """Canonical and fetched URLs of the site's stored articles, for incremental crawls."""
    site_id = site_id_for(session, site_key)
    urls: set[str] = set()
    for canonical_url, url in session.execute(
        select(Article.canonical_url, Article.url).where(Article.site_id == site_id)
    ):
        urls.update((canonical_url, url))
    # Pages linked to an article include exact duplicates and addresses that redirected.
    for url, final_url in session.execute(
        select(RawPage.url, RawPage.final_url).where(
            RawPage.site_id == site_id, RawPage.article_id.is_not(None)
        )
    ):
        urls.update((url, final_url))
    return urls


def _article_for_update(session: Session, canonical_url: str) -> Article | None:
    # FOR UPDATE (PostgreSQL; SQLite serialises writers anyway) makes compare-then-write atomic;
    # populate_existing refreshes a copy this session may already hold.
    return session.execute(
        select(Article)
        .where(Article.canonical_url == canonical_url)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).scalar_one_or_none()


def _article_values(article: ExtractedArticle) -> dict[str, Any]:
    """The fields an upsert writes and compares; any difference makes the article "updated".

    `url` is not among them: the same article reached through another address (an old domain,
    a tracking parameter) is not a new version, and every fetched address stays in raw_pages.
    """
    published_at, date_only = _published(article.published)
    values = {
        # A page without a headline has none: NULL, not an empty string posing as one.
        "title": article.title or None,
        "lead": article.lead,
        "text": article.text,
        "published_at": published_at,
        "published_date_only": date_only,
        "authors": list(article.authors),
        "section": article.section,
        "tags": list(article.tags),
        "images": [asdict(image) for image in article.images],
        "series_part": article.series_part,
        "language": article.language,
        # The extractor should set the hash of the normalised text; the fallback keeps the
        # column meaningful (exact duplicates only) for callers that do not.
        "content_hash": article.content_hash or hashlib.sha256(article.text.encode()).hexdigest(),
        "extractor_version": article.extractor_version,
        "layout": article.layout,
    }
    return {name: _without_nul(value) for name, value in values.items()}


def _published(value: datetime | date | None) -> tuple[datetime | None, bool]:
    if value is None:
        return None, False
    if isinstance(value, datetime):  # before date: datetime is a subclass of date
        _require_aware(value, "published")
        return value.astimezone(UTC), False
    return datetime.combine(value, time(0), tzinfo=VIETNAM).astimezone(UTC), True


def _without_nul(value: Any) -> Any:
    # PostgreSQL refuses NUL in text and JSONB (SQLite does not): a badly decoded page must not
    # abort the night on one backend only.
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_without_nul(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_nul(item) for key, item in value.items()}
    return value


def _link_raw_page(session: Session, raw_page_id: int | None, article_id: int) -> None:
    if raw_page_id is None:
        return
    session.execute(
        update(RawPage)
        .where(RawPage.id == raw_page_id)
        .values(article_id=article_id)
        .execution_options(synchronize_session=False)
    )


def _header(headers: dict[str, str], name: str) -> str | None:
    for key, value in headers.items():
        if key.lower() == name:
            return value
    return None


def _require_aware(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be a time-zone aware datetime, got {value!r}")
