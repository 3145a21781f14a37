"""What analysts read from the store: lists of articles, one article in full, exports.

Plain functions over a Session, each taking `db.filters.ArticleFilters` (resolve them first with
`resolve_filters`) and, for the list and the export, an optional search query. The export's rows
are `db.export_rows.export_batches`: one SELECT read `batch` rows at a time (on PostgreSQL one
COPY whose SELECT aggregates the label lists too, db.export_copy; on SQLite a cursor, and the
labels of each batch read with it), so memory does not grow with the store; a batch comes
column by column (`ExportBatch`), its texts as the UTF-8 bytes the store holds.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    or_,
    select,
)
from sqlalchemy.orm import Session

from baotinh.core.dates import local_iso
from baotinh.core.search import Query
from db.filters import ArticleFilters
from db.labels import bytewise
from db.models import (
    Article,
    ArticleCampaign,
    ArticleDocRef,
    ArticleLabel,
    ArticleProvince,
    ArticleVersion,
    RawPage,
    Site,
    StoryMember,
)
from db.search import matching_ids

# The labels each exported article carries as lists: campaigns and provinces it is about (as
# named, and as they are now), the documents it cites, and what it only mentions. Their order is
# fixed, so an export is the same from either store and every time: provinces (and those only
# mentioned) by mentions, most first, equal counts by name; current_provinces in the order of
# their first name in provinces; campaigns and documents by name. Names compare by their UTF-8
# bytes (db.labels.bytewise: "Bắc Giang" < "Lạng Sơn" < "Đắk Lắk"), not by the database's
# collation.
LABEL_LISTS = (
    "campaigns",
    "doc_refs",
    "provinces",
    "current_provinces",
    "campaigns_mentioned",
    "provinces_mentioned",
)

# One row per article; the list columns are lists in JSON lines and Parquet.
EXPORT_COLUMNS = (
    "id",
    "site",
    "url",
    "canonical_url",
    "published_at",
    "published_date_only",
    "title",
    "lead",
    "text",
    "authors",
    "section",
    "tags",
    "language",
    "topic",
    "topic_confidence",
    *LABEL_LISTS,
    "story_id",
    "story_relation",
    "first_seen_at",
    "last_seen_at",
)
LIST_COLUMNS = frozenset({"authors", "tags", *LABEL_LISTS})


def narrowed(session: Session, query: Any, filters: ArticleFilters, text: Query | None) -> Any:
    query = filters.apply(query)
    if text is not None:
        query = query.where(Article.id.in_(matching_ids(session, text)))
    return query


def list_articles(
    session: Session,
    filters: ArticleFilters | None = None,
    limit: int = 10,
    text: Query | None = None,
) -> list[dict[str, Any]]:
    """The newest articles that pass `filters` (and match `text`), newest first."""
    query = (
        select(Article, Site.key, ArticleLabel.topic)
        .join(Site, Site.id == Article.site_id)
        .outerjoin(ArticleLabel, ArticleLabel.article_id == Article.id)
    )
    query = narrowed(session, query, filters or ArticleFilters(), text)
    query = query.order_by(Article.published_at.desc().nulls_last(), Article.id.desc())
    return [
        {
            "id": article.id,
            "site": key,
            "published": local_iso(article.published_at),
            "title": article.title,
            "authors": article.authors,
            "section": article.section,
            "url": article.canonical_url,
            "chars": len(article.text),
            "topic": topic,
        }
        for article, key, topic in session.execute(query.limit(limit))
    ]


def find_article_id(session: Session, id_or_url: str) -> int | None:
    """An article by id, canonical URL, fetched URL, or any address a raw page of it came from."""
    if id_or_url.isdigit():
        return session.scalar(select(Article.id).where(Article.id == int(id_or_url)))
    found = session.scalar(
        select(Article.id)
        .where(or_(Article.canonical_url == id_or_url, Article.url == id_or_url))
        .limit(1)
    )
    if found is None:
        found = session.scalar(
            select(RawPage.article_id)
            .where(
                or_(RawPage.url == id_or_url, RawPage.final_url == id_or_url),
                RawPage.article_id.is_not(None),
            )
            .limit(1)
        )
    return found


def article_detail(session: Session, article_id: int) -> dict[str, Any] | None:
    """Everything the store knows about one article: its fields and text, its story (every
    member with relation and similarity), its labels with their evidence, its earlier versions
    and the raw pages it came from."""
    row = session.execute(
        select(Article, Site.key, Site.name)
        .join(Site, Site.id == Article.site_id)
        .where(Article.id == article_id)
    ).one_or_none()
    if row is None:
        return None
    article, site_key, site_name = row
    return {
        "id": article.id,
        "site": site_key,
        "site_name": site_name,
        "url": article.url,
        "canonical_url": article.canonical_url,
        "title": article.title,
        "series_part": article.series_part,
        "lead": article.lead,
        "text": article.text,
        "published_at": local_iso(article.published_at),
        "published_date_only": article.published_date_only,
        "authors": article.authors,
        "section": article.section,
        "tags": article.tags,
        "images": article.images,
        "language": article.language,
        "content_hash": article.content_hash,
        "extractor_version": article.extractor_version,
        "first_seen_at": local_iso(article.first_seen_at),
        "last_seen_at": local_iso(article.last_seen_at),
        "updated_at": local_iso(article.updated_at),
        "story": _story(session, article_id),
        "labels": _labels(session, article_id),
        "versions": _versions(session, article_id),
        "raw_pages": _raw_pages(session, article_id),
    }


def _story(session: Session, article_id: int) -> dict[str, Any] | None:
    cluster_id = session.scalar(
        select(StoryMember.cluster_id).where(StoryMember.article_id == article_id)
    )
    if cluster_id is None:
        return None
    members = session.execute(
        select(
            StoryMember.article_id,
            StoryMember.relation,
            StoryMember.jaccard,
            StoryMember.containment,
            Article.title,
            Article.canonical_url,
            Article.published_at,
            Site.key,
        )
        .join(Article, Article.id == StoryMember.article_id)
        .join(Site, Site.id == Article.site_id)
        .where(StoryMember.cluster_id == cluster_id)
        .order_by(Article.published_at, StoryMember.article_id)
    )
    return {
        "id": cluster_id,
        "members": [
            {
                "id": member.article_id,
                "this": member.article_id == article_id,
                "relation": member.relation,
                "jaccard": member.jaccard,
                "containment": member.containment,
                "site": member.key,
                "published_at": local_iso(member.published_at),
                "title": member.title,
                "url": member.canonical_url,
            }
            for member in members
        ],
    }


def _labels(session: Session, article_id: int) -> dict[str, Any] | None:
    label = session.get(ArticleLabel, article_id)
    if label is None:
        return None
    dialect = session.get_bind().dialect.name
    campaigns = session.scalars(
        select(ArticleCampaign)
        .where(ArticleCampaign.article_id == article_id)
        .order_by(ArticleCampaign.salient.desc(), bytewise(ArticleCampaign.campaign, dialect))
    )
    refs = session.scalars(
        select(ArticleDocRef)
        .where(ArticleDocRef.article_id == article_id)
        .order_by(ArticleDocRef.mentions.desc(), bytewise(ArticleDocRef.ref, dialect))
    )
    provinces = session.scalars(
        select(ArticleProvince)
        .where(ArticleProvince.article_id == article_id)
        .order_by(
            ArticleProvince.salient.desc(),
            ArticleProvince.mentions.desc(),
            bytewise(ArticleProvince.province, dialect),
        )
    )
    return {
        "topic": label.topic,
        "topic_confidence": label.topic_confidence,
        "topic_by_section": label.topic_by_section,
        "topic_evidence": label.topic_evidence,
        "classifier_version": label.classifier_version,
        "labelled_at": local_iso(label.labelled_at),
        "campaigns": [
            {"campaign": c.campaign, "evidence": c.evidence, "salient": c.salient}
            for c in campaigns
        ],
        "doc_refs": [
            {
                "ref": r.ref,
                "mentions": r.mentions,
                "issuer": r.issuer,
                "issued_on": r.issued_on.isoformat() if r.issued_on else None,
            }
            for r in refs
        ],
        "provinces": [
            {
                "province": p.province,
                "current_province": p.current_province,
                "mentions": p.mentions,
                "via": p.via,
                "salient": p.salient,
            }
            for p in provinces
        ],
    }


def _versions(session: Session, article_id: int) -> list[dict[str, Any]]:
    versions = session.scalars(
        select(ArticleVersion)
        .where(ArticleVersion.article_id == article_id)
        .order_by(ArticleVersion.version)
    )
    return [
        {
            "version": v.version,
            "seen_from": local_iso(v.seen_from),
            "superseded_at": local_iso(v.superseded_at),
            "title": v.title,
            "lead": v.lead,
            "text": v.text,
        }
        for v in versions
    ]


def _raw_pages(session: Session, article_id: int) -> list[dict[str, Any]]:
    pages = session.execute(
        select(
            RawPage.id,
            RawPage.url,
            RawPage.final_url,
            RawPage.http_status,
            RawPage.content_type,
            RawPage.fetched_at,
            RawPage.run_id,
            RawPage.kind,
        )
        .where(RawPage.article_id == article_id)
        .order_by(RawPage.fetched_at, RawPage.id)
    )
    return [
        {
            "id": page.id,
            "url": page.url,
            "final_url": page.final_url,
            "http_status": page.http_status,
            "content_type": page.content_type,
            "fetched_at": local_iso(page.fetched_at),
            "run_id": page.run_id,
            "kind": page.kind,
        }
        for page in pages
    ]
