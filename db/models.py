"""Schema v1: sites, crawl runs, raw pages, articles and crawl errors.

The tables mirror migrations/versions/; tests/test_db_migrations.py fails when the two drift
apart. Dedupe clusters and classifications are tables that reference ``articles.id``, so nothing
about them lives on `Article`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
    text,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from db.types import JSONType, UTCDateTime

# Every constraint gets a predictable name, so later migrations can drop or alter it by name on
# both backends (SQLite batch mode needs names to find them). Same scheme as Prefect's.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s__%(column_0_N_name)s",
    "uq": "uq_%(table_name)s__%(column_0_N_name)s",
    "ck": "ck_%(table_name)s__%(constraint_name)s",
    "fk": "fk_%(table_name)s__%(column_0_N_name)s__%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# "crashed": the run's process died (killed, machine lost) and a later run found it still
# "running"; see db.liveness.mark_dead_runs.
RUN_STATUSES = ("running", "completed", "partial", "failed", "crashed")
# The life of a URL in the crawl frontier (CrawlFrontier): found, fetched (a raw page waits to be
# extracted), stored (an article, or a copy of one), retry (a transient failure, tried again
# from next_attempt_at), failed (retried too often), gone (404, 410, not an article).
FRONTIER_STATES = ("discovered", "fetched", "stored", "retry", "failed", "gone")
FRONTIER_PENDING = ("discovered", "fetched", "retry")
# "text": a plain-text dump brought in by `baotinh import-text`, re-extracted by the text extractor.
PAGE_KINDS = ("article", "listing", "feed", "sitemap", "text")


def utcnow() -> datetime:
    return datetime.now(UTC)


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute as is
        datetime: UTCDateTime(),
        dict[str, Any]: JSONType,
        list[Any]: JSONType,
    }


class Site(Base):
    __tablename__ = "sites"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    domain: Mapped[str] = mapped_column(String(255))
    former_domains: Mapped[list[Any]] = mapped_column(default=list)
    provinces: Mapped[list[Any]] = mapped_column(default=list)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class CrawlRun(Base):
    __tablename__ = "crawl_runs"
    __table_args__ = (CheckConstraint(_in("status", RUN_STATUSES), name="status"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16), default="running")
    trigger: Mapped[str] = mapped_column(String(32))
    prefect_flow_run_id: Mapped[str | None] = mapped_column(String(64))
    parameters: Mapped[dict[str, Any] | None]
    # Who runs it and when it last showed signs of life: a later run that finds it "running"
    # with a dead process or a stale heartbeat marks it "crashed".
    host: Mapped[str | None] = mapped_column(String(255))
    pid: Mapped[int | None]
    heartbeat_at: Mapped[datetime | None]
    # What a person should know about how the run ended (a crash, an outage of the store).
    note: Mapped[str | None] = mapped_column(Text)


class SiteCrawl(Base):
    __tablename__ = "site_crawls"
    __table_args__ = (
        UniqueConstraint("run_id", "site_id"),
        CheckConstraint(_in("status", RUN_STATUSES), name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("crawl_runs.id", ondelete="CASCADE"))
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[datetime | None]
    status: Mapped[str] = mapped_column(String(16), default="running")
    requests: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    pages: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    new_articles: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    updated_articles: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    duplicates: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    errors: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    # The frontier as this crawl saw it: article URLs found for the first time, article pages
    # fetched, pages that became stored articles; and, when it ended, the site's URLs still
    # waiting (discovered, fetched, retry), those waiting for a retry, those given up on.
    discovered: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    fetched: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    stored: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    pending: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    retrying: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    failed: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    # What the crawl found that the paper's profile does not say (feeds, sitemaps, articles
    # recognised by their pages), in one line for the person who corrects the profile.
    self_discovery: Mapped[str | None] = mapped_column(Text)


class CrawlFrontier(Base):
    """Every article URL a crawl has found, and where it is on its way to the store.

    Discovery writes a row; fetching, extracting and failing move it along FRONTIER_STATES. A
    crawl takes the site's pending rows first, so whatever an interrupted run found is fetched
    and extracted by the next one, whatever the feeds and sitemaps answer then. In the spirit of
    StormCrawler's status index. `url_key` is `baotinh.core.urls.identity_key`: one row per article
    however many addresses reach it.
    """

    __tablename__ = "crawl_frontier"
    __table_args__ = (
        CheckConstraint(_in("state", FRONTIER_STATES), name="state"),
        Index("ix_crawl_frontier__site_id_state", "site_id", "state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"))
    url: Mapped[str] = mapped_column(Text)
    url_key: Mapped[str] = mapped_column(Text, unique=True)
    state: Mapped[str] = mapped_column(String(16), default="discovered")
    # feed, sitemap, listing, archive, page (link following), canonical (the address an article
    # names itself by), store (filled from history by migration 0005)
    source: Mapped[str] = mapped_column(String(16))
    # The date the feed, sitemap or listing gave; a backfill takes pending rows in its window.
    published_hint: Mapped[datetime | None]
    attempts: Mapped[int] = mapped_column(default=0, server_default=text("0"))
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None]
    discovered_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    discovered_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("crawl_runs.id", ondelete="SET NULL")
    )
    last_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("crawl_runs.id", ondelete="SET NULL"), index=True
    )
    raw_page_id: Mapped[int | None] = mapped_column(ForeignKey("raw_pages.id", ondelete="SET NULL"))
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))


class RawPage(Base):
    __tablename__ = "raw_pages"
    __table_args__ = (
        # The same bytes at the same address are one page, however often we fetch them.
        UniqueConstraint("final_url", "body_hash"),
        CheckConstraint(_in("kind", PAGE_KINDS), name="kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("crawl_runs.id", ondelete="SET NULL"))
    url: Mapped[str] = mapped_column(Text, index=True)
    final_url: Mapped[str] = mapped_column(Text)
    http_status: Mapped[int]
    headers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    content_type: Mapped[str | None] = mapped_column(String(255))
    fetched_at: Mapped[datetime]
    # gzip of the body as received; body_hash is of the uncompressed bytes.
    body: Mapped[bytes] = mapped_column(LargeBinary)
    body_hash: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16), default="article")
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), index=True
    )


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    canonical_url: Mapped[str] = mapped_column(Text, unique=True)
    url: Mapped[str] = mapped_column(Text)
    # NULL when the page gave no headline (a text dump scraped without it).
    title: Mapped[str | None] = mapped_column(Text)
    lead: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    # True when the page gave only a day: published_at is then midnight Asia/Ho_Chi_Minh.
    published_date_only: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    authors: Mapped[list[Any]] = mapped_column(default=list)
    section: Mapped[str | None] = mapped_column(String(255))
    tags: Mapped[list[Any]] = mapped_column(default=list)
    # [{"url", "caption"}]; url is null for a caption whose photo is not named (text dumps).
    images: Mapped[list[Any]] = mapped_column(default=list)
    # The part of a series, as printed ("Kỳ II", "(Tiếp theo và hết)"); see ExtractedArticle.
    series_part: Mapped[str | None] = mapped_column(String(255))
    language: Mapped[str | None] = mapped_column(String(16))
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    extractor_version: Mapped[str] = mapped_column(String(64), default="")
    # The version of the paper's layout the page was extracted with; NULL when no layout of the
    # paper fitted and generic extraction did the work (the drift alarm counts these), or for an
    # imported text dump.
    layout: Mapped[str | None] = mapped_column(String(64))
    first_seen_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class ArticleVersion(Base):
    """An earlier version of an article: what it said until the paper edited it.

    `articles` always holds the latest version; when a refetched page changes the title, lead or
    text, the version it replaces is kept here, numbered from 1 (the first one stored).
    Re-extraction of the same page by a newer extractor is not an edit and makes no version.
    """

    __tablename__ = "article_versions"
    __table_args__ = (UniqueConstraint("article_id", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    version: Mapped[int]
    title: Mapped[str | None] = mapped_column(Text)
    lead: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    # From when this version was seen until the edit that replaced it.
    seen_from: Mapped[datetime]
    superseded_at: Mapped[datetime] = mapped_column(default=utcnow)


class CrawlErrorRow(Base):
    """A stored `baotinh.core.records.CrawlError` (named apart from it to keep imports
    unambiguous)."""

    __tablename__ = "crawl_errors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("crawl_runs.id", ondelete="CASCADE"), index=True
    )
    site_id: Mapped[int | None] = mapped_column(ForeignKey("sites.id"), index=True)
    url: Mapped[str] = mapped_column(Text)
    # Short code: http_404, http_500, connection, timeout, empty_body, not_article, decode, ...
    kind: Mapped[str] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(Text)
    http_status: Mapped[int | None]
    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)


class HttpValidator(Base):
    """The ETag and Last-Modified a feed or sitemap last answered with, for conditional requests."""

    __tablename__ = "http_validators"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    site_id: Mapped[int] = mapped_column(ForeignKey("sites.id"), index=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    etag: Mapped[str | None] = mapped_column(String(255))
    last_modified: Mapped[str | None] = mapped_column(String(64))
    checked_at: Mapped[datetime] = mapped_column(default=utcnow)
    # "feed" or "sitemap": what the document is, so that one self-discovery found is asked for
    # directly the next night (NULL for rows saved before this was kept).
    kind: Mapped[str | None] = mapped_column(String(16))


STORY_RELATIONS = ("canonical", "exact", "reprint", "partial", "update")


class StoryCluster(Base):
    """A story: one article and every copy of it (reprints, excerpts, updates, exact copies).

    Written by `db.stories.cluster_article` (baotinh.stories.decision decides). Counting coverage is
    counting these rows, not articles. The canonical member is the earliest published.
    """

    __tablename__ = "story_clusters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # No cascade: nothing deletes articles; whoever adds that must re-home the story first.
    canonical_article_id: Mapped[int] = mapped_column(ForeignKey("articles.id"), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class StoryMember(Base):
    """An article's place in its story, and the fingerprint that put it there.

    `jaccard` and `containment` compare the article with the canonical member (1.0 for the
    canonical member itself, whose relation is "canonical"). The fingerprint columns make a later
    copy findable without re-reading history: `body_hash` for exact copies, `url_key` for the same
    article under another address, `signature` (MinHash, little-endian uint32) to weigh LSH
    candidates before their text is loaded. `method` names the parameters that produced them.
    """

    __tablename__ = "story_members"
    __table_args__ = (CheckConstraint(_in("relation", STORY_RELATIONS), name="relation"),)

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    cluster_id: Mapped[int] = mapped_column(
        ForeignKey("story_clusters.id", ondelete="CASCADE"), index=True
    )
    relation: Mapped[str] = mapped_column(String(16))
    jaccard: Mapped[float] = mapped_column(Float)
    containment: Mapped[float] = mapped_column(Float)
    body_hash: Mapped[str] = mapped_column(String(64), index=True)
    url_key: Mapped[str | None] = mapped_column(Text, index=True)
    shingles: Mapped[int]
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    method: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class StoryBandKey(Base):
    """The LSH index: one row per (band key, article); a new article's look-up is one indexed
    ``band_key IN (...)`` over the primary key.

    Derived data with 64 rows per article, so it is kept lean: the primary key is the only index
    (SQLite stores the table as that index, WITHOUT ROWID), and there is no foreign key, whose
    cascade would need a second index on article_id over the largest table of the store. Rows of
    a vanished article are harmless (look-ups join story_members) and an article's own rows are
    found again from its stored signature when it changes.
    """

    __tablename__ = "story_band_keys"
    __table_args__ = {"sqlite_with_rowid": False}  # noqa: RUF012 - SQLAlchemy reads it as is

    band_key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    article_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)


class ArticleLabel(Base):
    """What an article is about: its topic, and the classifier that decided it.

    One row per labelled article; its campaigns, cited documents and provinces are rows of the
    three tables below, so that "articles citing X by province and month" is a plain join.
    `classifier_version` names the rules and the topic model (baotinh.labels.classify), so a
    reprocess can find what an upgrade made stale.
    """

    __tablename__ = "article_labels"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    topic: Mapped[str] = mapped_column(String(32), index=True)
    topic_confidence: Mapped[float] = mapped_column(Float)
    # True when the paper's own section weighed in (see baotinh.labels.topics.SECTION_PRIOR).
    topic_by_section: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The terms that weighed most for the topic, for a person asking why.
    topic_evidence: Mapped[list[Any]] = mapped_column(default=list)
    classifier_version: Mapped[str] = mapped_column(String(128), index=True)
    labelled_at: Mapped[datetime] = mapped_column(default=utcnow)


class ArticleCampaign(Base):
    __tablename__ = "article_campaigns"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    campaign: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)
    # The document or phrase that decided the tag.
    evidence: Mapped[str] = mapped_column(Text)
    # True: the article is about the campaign; False: it only mentions it in passing.
    salient: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class ArticleDocRef(Base):
    """A Party or State document the article cites, normalised ("Chỉ thị 05-CT/TW")."""

    __tablename__ = "article_doc_refs"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    ref: Mapped[str] = mapped_column(String(128), primary_key=True, index=True)
    doc_type: Mapped[str] = mapped_column(String(32))
    number: Mapped[str | None] = mapped_column(String(16))
    code: Mapped[str | None] = mapped_column(String(64))
    issuer: Mapped[str | None] = mapped_column(String(255))
    issued_on: Mapped[date | None] = mapped_column(Date)
    mentions: Mapped[int]


class ArticleProvince(Base):
    """A province the article is about (or, not `salient`, only mentions), as the article
    names it and as it is after the 2025 merger: asking for `current_province` finds the older
    articles of its parts."""

    __tablename__ = "article_provinces"

    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
    )
    province: Mapped[str] = mapped_column(String(64), primary_key=True)
    current_province: Mapped[str] = mapped_column(String(64), index=True)
    mentions: Mapped[int]
    # "province", the district that named it ("huyện Yên Thế"), or "paper": the text names no
    # province, so the paper's own province stands in.
    via: Mapped[str] = mapped_column(String(96))
    # True: the article is about the province; False: it only mentions it (a hometown, an
    # address, a company's name, a list, a passing example; see baotinh.labels.places).
    salient: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
