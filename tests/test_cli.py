"""The `baotinh` command as a person (or a later check) runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from crawlers.sites import SITES, get_site
from db.engine import make_engine, session_scope
from db.store import finish_run, finish_site_crawl, start_run, start_site_crawl, sync_sites


def baotinh(*args: str, database_url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "baotinh.cli", *args],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "BAOTINH_DATABASE_URL": database_url},
    )


def test_runs_json_lists_runs_newest_first_with_per_site_counts(
    migrated_database_url: str,
) -> None:
    engine = make_engine(migrated_database_url)
    with session_scope(engine) as session:
        sync_sites(session, [get_site("bacgiang")])
        for new_articles in (7, 0):
            run = start_run(session, "test")
            crawl = start_site_crawl(session, run.id, "bacgiang")
            finish_site_crawl(
                session,
                crawl.id,
                "completed",
                requests=40,
                pages=38,
                new_articles=new_articles,
                errors=3,
            )
            finish_run(session, run.id, "completed")

    runs = json.loads(baotinh("runs", "--json", database_url=migrated_database_url).stdout)

    assert [run["new_articles"] for run in (r["sites"]["bacgiang"] for r in runs)] == [0, 7]
    assert runs[0]["id"] > runs[1]["id"]
    for run in runs:
        assert {"id", "started_at", "finished_at", "status", "sites"} <= set(run)
        assert run["status"] == "completed"
        assert run["finished_at"] >= run["started_at"]
        counts = run["sites"]["bacgiang"]
        assert {key: counts[key] for key in ("requests", "pages", "errors")} == {
            "requests": 40,
            "pages": 38,
            "errors": 3,
        }


def test_runs_on_an_empty_store_says_so(migrated_database_url: str) -> None:
    assert json.loads(baotinh("runs", "--json", database_url=migrated_database_url).stdout) == []
    text = baotinh("runs", database_url=migrated_database_url).stdout
    assert "No runs recorded yet" in text


def test_sites_lists_the_registry(migrated_database_url: str) -> None:
    listed = baotinh("sites", database_url=migrated_database_url).stdout
    for key, profile in SITES.items():
        assert key in listed and profile.name in listed


def test_scrapy_list_shows_every_registered_site() -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "SCRAPY_SETTINGS_MODULE": "crawlers.settings"},
    ).stdout.split()
    assert sorted(listed) == sorted(SITES)
