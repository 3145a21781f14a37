"""Labelling stored articles: right after they are stored, and again after an upgrade."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from baotinh.labels.classify import Labels, classifier_version, classify
from baotinh.labels.topics import Example, TopicModel, load_model, section_topic
from baotinh.papers import SITES
from db.engine import session_scope
from db.labels import stale_article_ids, store_labels
from db.models import Article, Site

log = logging.getLogger(
    "baotinh.labelling"
)  # the name operators grep for, wherever the module lives


def label_article(session: Session, article_id: int, model: TopicModel | None = None) -> Labels:
    """Classify a stored article and store its labels, in the caller's transaction."""
    article = session.get(Article, article_id)
    if article is None:
        raise LookupError(f"no article {article_id}")
    site_key = session.get(Site, article.site_id).key
    profile = SITES.get(site_key)
    labels = classify(
        article.title or "",
        article.text,
        lead=article.lead,
        section=article.section,
        section_map=profile.section_topics if profile else (),
        paper_province=profile.provinces_before[0]
        if profile and profile.provinces_before
        else None,
        model=model,
    )
    store_labels(session, article_id, labels)
    return labels


@dataclass
class RelabelCounts:
    articles: int = 0
    labelled: int = 0
    errors: int = 0


def relabel(
    engine: Engine,
    site_key: str | None = None,
    everything: bool = False,
    progress: Callable[[str], None] | None = None,
) -> RelabelCounts:
    """Label again, without crawling, every stored article whose labels are missing or came
    from another classifier version (every article with `everything`). One transaction per
    article: a crash half-way keeps what was done, and the next run picks up the rest."""
    model = load_model()
    version = classifier_version(model)
    with session_scope(engine) as session:
        ids = stale_article_ids(session, version, site_key, everything)
    counts = RelabelCounts(articles=len(ids))
    for done, article_id in enumerate(ids, start=1):
        try:
            with session_scope(engine) as session:
                label_article(session, article_id, model)
            counts.labelled += 1
        except Exception:  # one article's failure must not stop the rest
            log.exception("labelling article %d failed", article_id)
            counts.errors += 1
        if progress and (done % 500 == 0 or done == len(ids)):
            progress(f"labelled {done}/{len(ids)} articles")
    return counts


def label_new_article(session: Session, canonical_url: str) -> Labels | None:
    """`label_article` for the ingest step: in a savepoint, so that a classifier failure leaves
    the article stored without labels (logged; `baotinh reprocess --classify` labels it later)
    rather than losing it."""
    article_id = session.scalar(select(Article.id).where(Article.canonical_url == canonical_url))
    if article_id is None:
        return None
    try:
        with session.begin_nested():
            return label_article(session, article_id)
    except Exception:  # a classifier bug must not lose the article stored before it
        log.exception(
            "labelling failed for %s; the article is stored without labels", canonical_url
        )
        return None


def store_examples(engine: Engine, limit: int = 200_000) -> list[Example]:
    """Training examples from the store: articles whose paper filed them under a section its
    profile maps to a topic. The papers' editors labelled these; nobody else has to."""
    examples = []
    with session_scope(engine) as session:
        rows = session.execute(
            select(Site.key, Article.section, Article.title, Article.lead, Article.text)
            .join(Site, Site.id == Article.site_id)
            .where(Article.section.is_not(None))
            .order_by(Article.id.desc())
            .limit(limit)
        )
        for site_key, section, title, lead, text in rows:
            profile = SITES.get(site_key)
            topic = section_topic(section, profile.section_topics if profile else ())
            if topic:
                body = "\n".join(part for part in (lead, text) if part)
                examples.append(Example(title or "", body, topic, f"store:{site_key}"))
    return examples
