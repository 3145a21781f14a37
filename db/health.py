"""What the store remembers of a paper's recent nights, for the health table and drift alarms.

Queries only; the rules that read them, and the records they return, are in `baotinh.core.health`.
"""

from __future__ import annotations

from sqlalchemy import Select, case, func, select
from sqlalchemy.orm import Session

from baotinh.core.health import Night, Quality
from db.models import Article, CrawlRun, RawPage, Site, SiteCrawl

# A backfill reads a different window than a night: its counts say nothing about tonight's.
NOT_A_NIGHT = ("backfill",)


def earlier_nights(session: Session, site_key: str, before_run_id: int, nights: int) -> list[Night]:
    """The paper's last `nights` runs before `before_run_id` that were nights (not backfills)
    and finished, newest first."""
    rows = session.execute(
        select(
            SiteCrawl.run_id,
            SiteCrawl.status,
            SiteCrawl.new_articles,
            SiteCrawl.updated_articles,
            SiteCrawl.errors,
            SiteCrawl.pending,
        )
        .join(Site, Site.id == SiteCrawl.site_id)
        .join(CrawlRun, CrawlRun.id == SiteCrawl.run_id)
        .where(
            Site.key == site_key,
            SiteCrawl.run_id < before_run_id,
            SiteCrawl.finished_at.is_not(None),
            CrawlRun.trigger.not_in(NOT_A_NIGHT),
        )
        .order_by(SiteCrawl.run_id.desc())
        .limit(nights)
    ).all()
    return [Night(*row) for row in rows]


def articles_of_run(run_id: int, site_key: str) -> Select[tuple[int]]:
    """The ids of the articles whose pages `run_id` fetched for the paper, as a query."""
    return (
        select(RawPage.article_id)
        .join(Site, Site.id == RawPage.site_id)
        .where(
            RawPage.run_id == run_id,
            Site.key == site_key,
            RawPage.kind == "article",
            RawPage.article_id.is_not(None),
        )
        .distinct()
    )


def run_quality(session: Session, run_id: int, site_key: str) -> Quality:
    """Counts over the articles whose pages `run_id` fetched for the paper."""
    fetched = articles_of_run(run_id, site_key).subquery()

    def missing(column: object) -> object:
        return func.coalesce(func.sum(case((column.is_(None), 1), else_=0)), 0)  # type: ignore[attr-defined]

    row = session.execute(
        select(
            func.count(Article.id),
            missing(Article.title),
            missing(Article.published_at),
            missing(Article.layout),
        ).where(Article.id.in_(select(fetched.c.article_id)))
    ).one()
    return Quality(*(int(value) for value in row))
