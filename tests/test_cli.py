"""The `baotinh` command as a person (or a later check) runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from baotinh.papers import SITES, get_site
from db.engine import make_engine, session_scope
from db.runs import finish_run, finish_site_crawl, start_run, start_site_crawl
from db.store import sync_sites


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
    papers = json.loads(baotinh("sites", "--json", database_url=migrated_database_url).stdout)
    assert [paper["key"] for paper in papers] == list(SITES)
    for paper in papers:
        assert {"name", "domain", "former_domains", "provinces_before", "province_after"} <= set(
            paper
        )
        assert {"enabled", "layouts", "evidence"} <= set(paper)
    haiphong = next(paper for paper in papers if paper["key"] == "haiphong")
    assert [layout["version"] for layout in haiphong["layouts"]] == ["2025", "2025-12-01"]


def test_the_papers_table_in_the_docs_is_the_registry_s() -> None:
    from baotinh.papers.catalogue import papers_markdown

    documented = (Path(__file__).parents[1] / "docs" / "papers.md").read_text(encoding="utf-8")
    assert documented == papers_markdown(), "run: baotinh sites --markdown > docs/papers.md"


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    # `baotinh sites --json | head -1`, with a reader gone before the first line is written
    # (the child takes a second to import; the pipe is closed at once).
    listing = subprocess.Popen(
        [sys.executable, "-m", "baotinh.cli", "sites", "--json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert listing.stdout is not None
    listing.stdout.close()
    assert listing.wait(timeout=60) == 0
    assert listing.stderr is not None and listing.stderr.read() == b""


def test_scrapy_list_shows_every_registered_site() -> None:
    listed = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "SCRAPY_SETTINGS_MODULE": "crawlers.settings"},
    ).stdout.split()
    assert sorted(listed) == sorted(SITES)


def test_analyst_commands_search_show_export_and_say_what_is_wrong(
    migrated_database_url: str, tmp_path, capsys
) -> None:
    from datetime import UTC, datetime

    import pyarrow.parquet as pq

    from baotinh.cli import main
    from baotinh.core.records import ExtractedArticle
    from baotinh.core.text import content_hash
    from db.store import upsert_article

    engine = make_engine(migrated_database_url)
    with session_scope(engine) as session:
        sync_sites(session, [get_site("bacgiang")])
        for version, body in enumerate(("Đảng bộ xã Tân Sơn họp.", "Đảng bộ xã Tân Sơn họp bàn.")):
            article = ExtractedArticle(
                url="https://baobacgiang.vn/dang-bo.html",
                canonical_url="https://baobacgiang.vn/dang-bo.html",
                title=f"Đảng bộ xã họp (bản {version + 1})",
                text=body,
                content_hash=content_hash("t", body),
            )
            upsert_article(session, "bacgiang", article, datetime.now(UTC), keep_history=True)
    engine.dispose()

    assert main(["search", "dang bo", "--json"]) == 0
    (hit,) = json.loads(capsys.readouterr().out)
    assert hit["snippet"] == "«Đảng» «bộ» xã Tân Sơn họp bàn."
    assert {"id", "url", "title", "published_at", "site", "snippet"} <= set(hit)

    assert main(["show", str(hit["id"])]) == 0
    shown = capsys.readouterr().out
    assert "Đảng bộ xã họp (bản 2)" in shown and "v1" in shown and "Story" in shown

    output = tmp_path / "out.parquet"
    assert main(["export", "--format", "parquet", "--output", str(output), "tan son"]) == 0
    assert f"Exported 1 articles to {output}" in capsys.readouterr().out
    assert pq.read_table(output).column("title").to_pylist() == ["Đảng bộ xã họp (bản 2)"]

    assert main(["search", "dang", "--site", "nowhere"]) == 2
    error = capsys.readouterr().err
    assert error == "baotinh search: unknown site 'nowhere'; the store has: bacgiang\n"
    assert main(["search", " ? "]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_an_extra_paper_written_for_the_old_registry_is_told_where_profiles_live(
    tmp_path: Path,
) -> None:
    # A paper developed outside the package before the registry moved to baotinh.papers.
    (tmp_path / "old_paper.py").write_text(
        "from crawlers.sites.base import SiteProfile\n\nPROFILE = SiteProfile(key='x')\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "baotinh.cli", "sites"],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "BAOTINH_EXTRA_SITES": "old_paper",
            "PYTHONPATH": f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}",
        },
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "baotinh sites: BAOTINH_EXTRA_SITES: old_paper imports crawlers.sites, which moved:"
        " profiles are baotinh.papers now (SiteProfile, Selectors and Evidence from"
        " baotinh.papers.profile)"
    ]
