"""Storing an article's labels, and the questions analysts ask of them.

`store_labels` replaces an article's labels as a whole (re-labelling after an upgrade must drop
a campaign the new rules no longer see), so running it twice changes nothing. Provinces and
campaigns the article only mentions are stored beside the ones it is about (`salient` false);
the analysts' questions here count the ones it is about.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.orm import Session

from baotinh.labels.classify import Labels
from db.models import (
    Article,
    ArticleCampaign,
    ArticleDocRef,
    ArticleLabel,
    ArticleProvince,
    Site,
    utcnow,
)

LOCAL_TIME_ZONE = "Asia/Ho_Chi_Minh"
_CHILD_TABLES = (ArticleCampaign, ArticleDocRef, ArticleProvince)


def bytewise(column: Any, dialect: str) -> Any:
    """`column` to sort by, in the order of its UTF-8 bytes (Unicode code points): SQLite's own
    order for text, and on PostgreSQL the "C" collation whatever the database's (en_US or vi_VN
    would put "Đắk Lắk" among the D's and SQLite after the Z's). Label lists sort their ties by
    name this way, so an export reads the same from either store."""
    return column if dialect == "sqlite" else column.collate("C")


def store_labels(session: Session, article_id: int, labels: Labels) -> None:
    """Write `labels` as the article's labels, replacing whatever it had."""
    for table in _CHILD_TABLES:
        session.execute(delete(table).where(table.article_id == article_id))
    row = session.get(ArticleLabel, article_id)
    if row is None:
        row = ArticleLabel(article_id=article_id)
        session.add(row)
    row.topic = labels.topic.topic
    row.topic_confidence = labels.topic.confidence
    row.topic_by_section = labels.topic.by_section
    row.topic_evidence = list(labels.topic.evidence)
    row.classifier_version = labels.version
    row.labelled_at = utcnow()
    session.add_all(
        ArticleCampaign(
            article_id=article_id, campaign=tag.slug, evidence=tag.evidence, salient=salient
        )
        for tags, salient in ((labels.campaigns, True), (labels.campaigns_mentioned, False))
        for tag in tags
    )
    session.add_all(
        ArticleDocRef(
            article_id=article_id,
            ref=ref.ref,
            doc_type=ref.doc_type,
            number=ref.number,
            code=ref.code,
            issuer=ref.issuer[:255] if ref.issuer else None,
            issued_on=ref.issued_on,
            mentions=ref.mentions,
        )
        for ref in labels.doc_refs
    )
    session.add_all(
        ArticleProvince(
            article_id=article_id,
            province=place.province,
            current_province=place.current,
            mentions=place.mentions,
            via=place.via,
            salient=salient,
        )
        for places, salient in ((labels.provinces, True), (labels.provinces_mentioned, False))
        for place in places
    )
    session.flush()


def stale_article_ids(
    session: Session, version: str, site_key: str | None = None, everything: bool = False
) -> list[int]:
    """Articles with no labels, or labels from another classifier version (all, `everything`)."""
    query = select(Article.id).outerjoin(ArticleLabel, ArticleLabel.article_id == Article.id)
    if site_key:
        query = query.join(Site, Site.id == Article.site_id).where(Site.key == site_key)
    if not everything:
        query = query.where(
            (ArticleLabel.article_id.is_(None)) | (ArticleLabel.classifier_version != version)
        )
    return list(session.scalars(query.order_by(Article.id)))


def local_month(session: Session, column: Any) -> ColumnElement[str]:
    """ "2025-06" for a timestamp, in Vietnamese local time (UTC+7, no daylight saving), on
    either backend: an article published at 00:30 on 1 July in Hà Nội belongs to July."""
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone(LOCAL_TIME_ZONE, column), "YYYY-MM")
    return func.strftime("%Y-%m", column, "+7 hours")


def citations_by_province_and_month(
    session: Session,
    ref: str,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[dict[str, Any]]:
    """How many articles cite `ref` ("Chỉ thị 05-CT/TW"), per province they are about (as it
    is now, so the parts of a merged province count under it) and month, most recent month
    first. An article about two provinces counts once for each; a province it only mentions
    (a hometown, a list) does not count."""
    month = local_month(session, Article.published_at).label("month")
    query = (
        select(
            ArticleProvince.current_province.label("province"),
            month,
            func.count(func.distinct(Article.id)).label("articles"),
        )
        .join(ArticleDocRef, ArticleDocRef.article_id == Article.id)
        .join(ArticleProvince, ArticleProvince.article_id == Article.id)
        .where(ArticleDocRef.ref == ref, Article.published_at.is_not(None))
        .where(ArticleProvince.salient)
        .group_by(ArticleProvince.current_province, month)
        .order_by(month.desc(), ArticleProvince.current_province)
    )
    if since is not None:
        query = query.where(Article.published_at >= since)
    if until is not None:
        query = query.where(Article.published_at < until)
    return [dict(row._mapping) for row in session.execute(query)]


def topic_shares(session: Session, site_key: str | None = None) -> list[dict[str, Any]]:
    """What share of the stored articles (of one paper) each topic has."""
    query = (
        select(ArticleLabel.topic, func.count().label("articles"))
        .join(Article, Article.id == ArticleLabel.article_id)
        .group_by(ArticleLabel.topic)
    )
    if site_key:
        query = query.join(Site, Site.id == Article.site_id).where(Site.key == site_key)
    rows = [dict(row._mapping) for row in session.execute(query)]
    total = sum(row["articles"] for row in rows) or 1
    for row in rows:
        row["share"] = round(row["articles"] / total, 4)
    return sorted(rows, key=lambda row: (-row["articles"], row["topic"]))


def top_topics(session: Session, article_ids: Sequence[int], limit: int = 3) -> str:
    """ "chinh-tri 12, kinh-te 7, xa-hoi 3": the commonest topics among some articles."""
    if not article_ids:
        return ""
    rows = session.execute(
        select(ArticleLabel.topic, func.count().label("n"))
        .where(ArticleLabel.article_id.in_(list(article_ids)))
        .group_by(ArticleLabel.topic)
        .order_by(func.count().desc(), ArticleLabel.topic)
        .limit(limit)
    )
    return ", ".join(f"{topic} {n}" for topic, n in rows)


def resolve_doc_ref(session: Session, typed: str) -> str:
    """The stored reference a person means: normalised as the classifier normalises citations
    ("chi thi 05-ct/tw" → "Chỉ thị 05-CT/TW"), then matched against the stored references
    without accents or capitals ("Chỉ thị 1973/CT-TTG" → "Chỉ thị 1973/CT-TTg"). A document no
    article cites comes back normalised (or as typed, if it names no document)."""
    from baotinh.labels.docrefs import parse_reference, reference_key

    parsed = parse_reference(typed)
    wanted = " ".join(typed.split())
    if parsed is not None:
        if session.scalar(select(ArticleDocRef.ref).where(ArticleDocRef.ref == parsed).limit(1)):
            return parsed
        wanted = parsed
    keys = {reference_key(wanted), reference_key(typed)}
    stored = session.scalars(select(ArticleDocRef.ref).distinct())
    matches = sorted({ref for ref in stored if reference_key(ref) in keys})
    return matches[0] if len(matches) == 1 else wanted
