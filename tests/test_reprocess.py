"""`baotinh reprocess` re-extracts stored raw pages after an extractor upgrade, without crawling."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime

from sqlalchemy import select

from baotinh.core.records import FetchedPage
from baotinh.extraction.html import EXTRACTOR_VERSION
from baotinh.papers import get_site
from db.engine import make_engine, session_scope
from db.models import Article
from db.store import store_raw_page, sync_sites
from tests.test_extract import PARAGRAPHS, page

URL = "https://baobacgiang.com.vn/bg/chinh-tri/100/yen-dung.html"


def reprocess(database_url: str, *args: str) -> str:
    return subprocess.run(
        [sys.executable, "-m", "baotinh.cli", "reprocess", "--site", "bacgiang", *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "BAOTINH_DATABASE_URL": database_url},
    ).stdout


def test_reprocess_extracts_stored_pages_again_only_when_the_extractor_changed(
    migrated_database_url: str,
) -> None:
    engine = make_engine(migrated_database_url)
    with session_scope(engine) as session:
        sync_sites(session, [get_site("bacgiang")])
        store_raw_page(
            session,
            FetchedPage(
                "bacgiang",
                URL,
                URL,
                200,
                {"content-type": "text/html"},
                page().encode(),
                datetime.now(UTC),
            ),
            run_id=None,
        )

    assert "1 stored page(s) re-extracted" in reprocess(migrated_database_url)
    with session_scope(engine) as session:
        article = session.scalars(select(Article)).one()
        assert article.text.split("\n") == PARAGRAPHS
        assert article.extractor_version == EXTRACTOR_VERSION
        # Pretend it was extracted by an older extractor, with a worse result.
        article.extractor_version = "0.9.0"
        article.authors = ["Báo Bắc Giang"]

    assert "0 stored page(s)" not in reprocess(migrated_database_url)
    with session_scope(engine) as session:
        article = session.scalars(select(Article)).one()
        assert article.extractor_version == EXTRACTOR_VERSION
        assert article.authors == ["Ngọc Lan"]
    # Up to date: nothing to do, and nothing changes.
    assert "0 stored page(s) re-extracted" in reprocess(migrated_database_url)
