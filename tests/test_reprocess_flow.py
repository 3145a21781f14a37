"""The reprocess flow (the `reprocess` deployment): the same step as `baotinh reprocess`, with a
table per site for the operator."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from baotinh.core.records import FetchedPage
from baotinh.extraction.html import EXTRACTOR_VERSION
from baotinh.labels.classify import classifier_version
from baotinh.papers import get_site
from db.engine import make_engine, session_scope
from db.models import Article, ArticleLabel
from db.store import store_raw_page, sync_sites
from tests.test_extract import page
from tests.test_reprocess import URL


def test_the_reprocess_flow_re_extracts_outdated_pages_and_reports_per_site(
    prefect_harness: None, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows.reprocess import reprocess

    monkeypatch.setenv("BAOTINH_DATABASE_URL", sqlite_url)
    engine = make_engine(sqlite_url)
    with session_scope(engine) as session:
        sync_sites(session, [get_site("bacgiang")])
        fetched = FetchedPage(
            "bacgiang", URL, URL, 200, {}, page().encode(), datetime.now(UTC), kind="article"
        )
        store_raw_page(session, fetched, run_id=None)

    rows = {row["site"]: row for row in reprocess(sites=["bacgiang", "langson"])}
    assert (rows["bacgiang"]["pages"], rows["bacgiang"]["new"]) == (1, 1)
    assert rows["langson"]["pages"] == 0
    with session_scope(engine) as session:
        assert session.scalars(select(Article.extractor_version)).one() == EXTRACTOR_VERSION
    # Up to date: nothing to do.
    assert reprocess(sites=["bacgiang"])[0]["pages"] == 0
    # A classifier upgrade (here: labels from an older version) is caught up without crawling.
    with session_scope(engine) as session:
        session.execute(update(ArticleLabel).values(classifier_version="rules-0.9+old"))
    (row,) = reprocess(sites=["bacgiang"])
    assert (row["pages"], row["relabelled"]) == (0, 1)
    with session_scope(engine) as session:
        assert session.scalars(select(ArticleLabel.classifier_version)).one() == (
            classifier_version()
        )
