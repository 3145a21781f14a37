"""Interruptions as they happen to an unattended service, and the one plain re-run after them:
the crawl's whole process group killed with SIGKILL, and the store going down mid-crawl.

Each ends with exactly the articles a clean crawl stores, no duplicates, no run left running,
and the interruption visible in the run's record. Real processes, real HTTP, a real PostgreSQL
(a private cluster for the outage: the machine's server is never touched).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from baotinh.jobs.crawl_settings import CrawlSettings, in_process_run
from baotinh.papers import get_site
from baotinh.samplesite import load_site
from db.engine import dispose_engines, make_engine, session_scope
from db.migrate import upgrade
from db.models import Article, CrawlErrorRow, CrawlRun, RawPage
from tests.support.crawling import serving
from tests.support.pg_cluster import PostgresCluster

pytestmark = pytest.mark.slow
SITE = load_site("bacgiang")
KILL_AFTER_PAGES = 6


def _count(engine, model) -> int:
    with session_scope(engine) as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def _wait_for_pages(engine, pages: int, timeout_s: float, process=None) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            pytest.fail(
                f"the crawl ended (exit {process.returncode}) before {pages} pages: see its log"
            )
        try:
            if _count(engine, RawPage) >= pages:
                return
        except Exception:  # noqa: BLE001 - the store may not be migrated or reachable yet
            pass
        time.sleep(0.1)
    pytest.fail(f"fewer than {pages} raw pages after {timeout_s} s")


def _live_members(pgid: int, wait_s: float) -> list[str]:
    """The processes of group `pgid` still alive (zombies waiting to be reaped are dead),
    after waiting up to `wait_s` for them to go."""
    deadline = time.monotonic() + wait_s
    while True:
        alive = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[2]) == pgid and fields[0] != "Z":
                    alive.append((entry / "cmdline").read_text().replace("\0", " ")[:200])
            except (OSError, IndexError, ValueError):
                continue
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)


def _stored_paths(engine) -> set[str]:
    from urllib.parse import urlsplit

    with session_scope(engine) as session:
        return {urlsplit(url).path for url in session.scalars(select(Article.canonical_url))}


def _crawl_command(server, *extra: str) -> list[str]:
    command = [sys.executable, "-m", "baotinh.cli", "crawl", "--site", "bacgiang"]
    for domain, url in server.mirrors.items():
        command += ["--mirror", f"{domain}={url}"]
    return [*command, *extra]


def test_kill_9_of_the_crawl_process_group_then_one_plain_rerun(
    prefect_harness: None, migrated_database_url: str, tmp_path: Path
) -> None:
    from prefect.settings import PREFECT_API_URL

    engine = make_engine(migrated_database_url)
    env = {
        **os.environ,
        "BAOTINH_DATABASE_URL": migrated_database_url,
        "PREFECT_HOME": str(tmp_path / "prefect"),
        "BAOTINH_LOG_DIR": str(tmp_path / "logs"),
        # The session's Prefect server, as an operator's would be: the command starts none.
        # (That the command's own server dies with it: tests/test_cli_local_prefect.py.)
        "PREFECT_API_URL": PREFECT_API_URL.value(),
    }
    with serving(SITE) as server:
        # Polite (the paper's one-second delay), so there is a "mid-run" to kill it in.
        output = open(tmp_path / "killed-crawl.log", "w")  # noqa: SIM115 - closed below
        process = subprocess.Popen(
            _crawl_command(server),
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            _wait_for_pages(engine, KILL_AFTER_PAGES, timeout_s=240, process=process)
        finally:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            output.close()
        # Nothing of the killed crawl goes on writing or listening.
        assert _live_members(process.pid, wait_s=10) == []
        killed_pages = _count(engine, RawPage)
        assert KILL_AFTER_PAGES <= killed_pages < len(SITE.articles)
        with session_scope(engine) as session:
            (killed,) = session.scalars(select(CrawlRun)).all()
        assert killed.status == "running"

        rerun = subprocess.run(
            [*_crawl_command(server, "--impolite", "--json")],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    summary = json.loads(rerun.stdout)
    (site,) = summary["sites"]

    # Everything a clean crawl stores, once.
    assert _stored_paths(engine) == {a.path for a in SITE.articles}
    assert _count(engine, Article) == len(SITE.articles)
    assert site["new_articles"] == len(SITE.articles)
    # The killed run is on record as crashed, saying what it left; nothing is left running.
    with session_scope(engine) as session:
        runs = {run.id: run for run in session.scalars(select(CrawlRun))}
    assert runs[killed.id].status == "crashed"
    assert "Left pending" in runs[killed.id].note
    # …and so does Prefect's UI: the killed flow run is Crashed, not Running forever.
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        killed_flow_run = client.read_flow_run(killed.prefect_flow_run_id)
    assert killed_flow_run.state is not None and killed_flow_run.state.type.value == "CRASHED"
    assert "Left pending" in (killed_flow_run.state.message or "")
    assert summary["status"] == "completed"
    assert [run.status for run in runs.values()].count("running") == 0
    # Only the page that answers 500 still waits (for its retry).
    transient = [f for f in SITE.faults if f.kind == "http_500"]
    assert (site["pending"], site["retrying"]) == (len(transient), len(transient))


def test_the_store_down_for_15_seconds_mid_crawl(
    prefect_harness: None,
    throwaway_postgres: PostgresCluster,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    from flows.nightly import nightly

    url = throwaway_postgres.create_database("baotinh")
    upgrade(url)
    monkeypatch.setenv("BAOTINH_DATABASE_URL", url)
    engine = make_engine(url)
    outages = []

    def pull_the_plug() -> None:
        _wait_for_pages(engine, KILL_AFTER_PAGES, timeout_s=240)
        outages.append(throwaway_postgres.outage(15))

    watcher = threading.Thread(target=pull_the_plug, daemon=True)
    with serving(SITE) as server:
        # Slow answers, so the outage begins mid-crawl and pages keep arriving through it.
        server.response_delay_s = 0.5
        watcher.start()
        settings = CrawlSettings(mirrors=server.mirrors, polite=False, retries=0, log_dir=tmp_path)
        with in_process_run(settings, "test"):
            state = nightly(sites=["bacgiang"], return_state=True)
        watcher.join(timeout=10)
        (outage,) = outages
        outage.join()
        summary = state.result(raise_on_failure=False)
        dispose_engines()
        server.response_delay_s = 0
        with in_process_run(settings.but(retries=2), "test"):
            rerun = nightly(sites=["bacgiang"], return_state=True).result(raise_on_failure=False)

    assert isinstance(summary, dict), summary
    (site,) = summary["sites"]
    # No page was dropped: the writes waited for the store, the night completed.
    assert summary["status"] == "completed", site
    assert _stored_paths(engine) == {a.path for a in SITE.articles}
    assert site["new_articles"] == len(SITE.articles)
    with session_scope(engine) as session:
        (outage_error,) = session.scalars(
            select(CrawlErrorRow).where(CrawlErrorRow.kind == "store_outage")
        ).all()
    assert outage_error.run_id == summary["run_id"]
    assert "unreachable for" in outage_error.message and "none was lost" in outage_error.message
    # The plain re-run finds nothing to add and nothing to repair.
    assert rerun["status"] == "completed"
    assert rerun["sites"][0]["new_articles"] == 0
    assert _count(engine, Article) == len(SITE.articles)


def test_a_store_down_longer_than_the_crawl_waits_fails_the_paper_and_the_rerun_repairs_it(
    throwaway_postgres: PostgresCluster, tmp_path: Path
) -> None:
    from baotinh.jobs.crawl import run_spider
    from baotinh.jobs.runs import site_status
    from db.runs import start_run
    from db.store import sync_sites
    from tests.support.crawling import SiteCrawler

    url = throwaway_postgres.create_database("baotinh")
    upgrade(url)
    engine = make_engine(url)
    with session_scope(engine) as session:
        sync_sites(session, [get_site("bacgiang")])
        run_id = start_run(session, "test").id
    outages = []

    def pull_the_plug() -> None:
        _wait_for_pages(engine, KILL_AFTER_PAGES, timeout_s=240)
        outages.append(throwaway_postgres.outage(12))

    with serving(SITE) as server:
        server.response_delay_s = 0.3
        watcher = threading.Thread(target=pull_the_plug, daemon=True)
        watcher.start()
        result = run_spider(
            "bacgiang",
            run_id,
            url,
            mirrors=server.mirrors,
            polite=False,
            timeout_s=240,
            log_dir=tmp_path,
            extra_settings={"BAOTINH_STORE_WAIT_S": 3},
        )
        watcher.join(timeout=10)
        outages[0].join()
        dispose_engines()

        status, problem = site_status(result)
        assert result.stats["finish_reason"] == "store_unavailable"
        assert status == "failed" and "store was unreachable" in problem
        assert result.stats.get("baotinh/store/writes_lost", 0) >= 1

        # The store is back: one plain run (fetch and ingest) repairs everything, though the
        # feed and the sitemap, read whole before the outage, now answer 304: what they listed
        # is in the frontier.
        server.response_delay_s = 0
        crawler = SiteCrawler("bacgiang", url, tmp_path)
        rerun = crawler.run(server)
    assert rerun.stats.get("baotinh/not_modified") == 2
    assert rerun.stats["baotinh/frontier/pending_taken"] > 0
    assert crawler.stored_paths() == {a.path for a in SITE.articles}
    assert _count(engine, Article) == len(SITE.articles)
