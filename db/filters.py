"""The filters analysts put on articles: dates, paper, topic, province, campaign, cited document.

A province or campaign filter finds the articles *about* it; with `mentioned`, also those that
only mention it.

`resolve_filters` checks each value against what exists (an unknown site or topic is an error
that says which values exist) and puts it in the form the store keeps: a province typed without
accents becomes its name, a document typed any way ("chi thi 05-ct/tw") its normalised reference.
`ArticleFilters.apply` then narrows any select over `articles`; labels are matched with IN on
their tables (indexed), so an article about two provinces is still one row. Dates are days in
Asia/Ho_Chi_Minh, both ends included.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, and_, or_, select
from sqlalchemy.orm import Session

from baotinh.core.dates import VIETNAM
from db.models import Article, ArticleCampaign, ArticleDocRef, ArticleLabel, ArticleProvince, Site

S = TypeVar("S", bound=Select[Any])


class UnknownFilterValueError(LookupError):
    """A filter names a value the store does not know; the message lists the ones it does."""

    def __init__(self, name: str, value: str, known: list[str], note: str = "") -> None:
        listed = ", ".join(known) if known else "none yet"
        super().__init__(f"unknown {name} {value!r}; {note or 'known'}: {listed}")


@dataclass(frozen=True)
class ArticleFilters:
    since: date | None = None
    until: date | None = None
    site: str | None = None
    topic: str | None = None
    province: str | None = None
    campaign: str | None = None
    cites: str | None = None
    # With `province` or `campaign`: also the articles that only mention it (a hometown, a
    # list, a passing reference), not only those about it.
    mentioned: bool = False
    # Set by resolve_filters: the province `province` is part of now, so that the look-up uses
    # the index on article_provinces.current_province.
    province_now: str | None = None

    def any(self) -> bool:
        """Whether any filter is set."""
        return any(value is not None and value is not False for value in vars(self).values())

    def apply(self, query: S) -> S:
        """`query` (a select over `articles`) narrowed to the articles these filters allow."""
        if self.since is not None:
            query = query.where(Article.published_at >= local_midnight(self.since))
        if self.until is not None:
            query = query.where(
                Article.published_at < local_midnight(self.until + timedelta(days=1))
            )
        if self.site is not None:
            site_ids = select(Site.id).where(Site.key == self.site)
            query = query.where(Article.site_id.in_(site_ids))
        if self.topic is not None:
            query = query.where(_labelled(ArticleLabel, ArticleLabel.topic == self.topic))
        if self.province is not None:
            named = or_(
                ArticleProvince.current_province == self.province,
                ArticleProvince.province == self.province,
            )
            if self.province_now is not None:
                named = and_(ArticleProvince.current_province == self.province_now, named)
            if not self.mentioned:
                named = and_(named, ArticleProvince.salient)
            query = query.where(_labelled(ArticleProvince, named))
        if self.campaign is not None:
            tagged = ArticleCampaign.campaign == self.campaign
            if not self.mentioned:
                tagged = and_(tagged, ArticleCampaign.salient)
            query = query.where(_labelled(ArticleCampaign, tagged))
        if self.cites is not None:
            query = query.where(_labelled(ArticleDocRef, ArticleDocRef.ref == self.cites))
        return query


def _labelled(label: Any, condition: ColumnElement[bool]) -> ColumnElement[bool]:
    """`articles.id IN (the label table's articles with condition)`: uncorrelated, so both
    stores read it from the label's index once (SQLite would run an EXISTS per article)."""
    return Article.id.in_(select(label.article_id).where(condition))


def local_midnight(day: date) -> datetime:
    """The start of `day` in Asia/Ho_Chi_Minh."""
    return datetime.combine(day, time(0), tzinfo=VIETNAM)


def resolve_filters(session: Session, filters: ArticleFilters) -> ArticleFilters:
    """`filters` with each value checked and in its stored form; UnknownFilterValueError for a
    site, topic, province or campaign nobody knows. A cited document is never unknown (an
    uncited one finds nothing), only normalised."""
    changes: dict[str, str] = {}
    if filters.site is not None:
        known = list(session.scalars(select(Site.key).order_by(Site.key)))
        if filters.site not in known:
            raise UnknownFilterValueError("site", filters.site, known, "the store has")
    if filters.topic is not None:
        from baotinh.labels.topics import TOPICS

        known = sorted({*TOPICS, *session.scalars(select(ArticleLabel.topic).distinct())})
        changes["topic"] = _pick("topic", filters.topic, known)
    if filters.province is not None:
        from baotinh.labels.places import load_gazetteer

        gazetteer = load_gazetteer()
        names = sorted(gazetteer.provinces)
        current = sorted(set(gazetteer.provinces.values()))
        try:
            changes["province"] = _pick("province", filters.province, names)
            changes["province_now"] = gazetteer.current_of(changes["province"])
        except UnknownFilterValueError:
            raise UnknownFilterValueError(
                "province",
                filters.province,
                current,
                "provinces since the 2025 merger (or one as it was named before)",
            ) from None
    if filters.campaign is not None:
        from baotinh.labels.campaigns import load_rules

        stored = session.scalars(select(ArticleCampaign.campaign).distinct())
        known = sorted({*(rule.slug for rule in load_rules()), *stored})
        changes["campaign"] = _pick("campaign", filters.campaign, known)
    if filters.cites is not None:
        from db.labels import resolve_doc_ref

        changes["cites"] = resolve_doc_ref(session, filters.cites)
    return replace(filters, **changes)


def _pick(name: str, value: str, known: list[str]) -> str:
    """`value` as one of `known`: itself, or the one it is without accents and capitals."""
    if value in known:
        return value
    from baotinh.core.search import fold

    wanted = " ".join(fold(value).split())
    matches = [k for k in known if " ".join(fold(k).split()) == wanted]
    if len(matches) == 1:
        return matches[0]
    raise UnknownFilterValueError(name, value, known)
