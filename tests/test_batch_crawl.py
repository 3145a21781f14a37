"""A batch crawl started before anyone listens (the demo's head start): what the process said
meanwhile is handed over, in order and once, to whoever listens later."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from baotinh.jobs.batch_crawl import BatchCrawl, crawl_processes
from baotinh.jobs.crawl import CrawlResult
from baotinh.jobs.crawl_settings import CrawlSettings
from baotinh.jobs.runs import open_run
from baotinh.papers import get_site
from baotinh.samplesite import load_site, serve
from db.engine import get_engine


def test_what_a_crawl_said_before_anyone_listened_is_handed_over_once_in_order(
    sqlite_url: str, tmp_path: Path
) -> None:
    keys = ["langson", "bacgiang"]
    engine = get_engine(sqlite_url)
    run_id = open_run(engine, [get_site(key) for key in keys], "test", {}).run_id
    with serve(*keys) as server:
        settings = CrawlSettings(mirrors=server.mirrors, polite=False, log_dir=tmp_path)
        crawl = BatchCrawl(keys, run_id, sqlite_url, settings)
        # Nobody listens until both papers' crawls have ended.
        deadline = time.monotonic() + 300
        while sorted(crawl.ended_papers) != sorted(keys):
            assert time.monotonic() < deadline, crawl.log_path.read_text()[-2000:]
            time.sleep(0.2)

        said: list[str] = []
        ended: list[tuple[str, str]] = []

        def on_ended(result: CrawlResult) -> None:
            ended.append((result.site, threading.current_thread().name))

        crawl.listen(said.append, on_ended)
        # Handed over at once, in the listener's own thread, before the process is waited for.
        assert sorted(site for site, _ in ended) == sorted(keys)
        assert {thread for _, thread in ended} == {threading.current_thread().name}
        assert said and said[0].startswith("papers | ")
        assert sum("Spider opened" in line for line in said) == len(keys)
        results = crawl.finish()

    assert len(ended) == len(keys)  # not handed over a second time by finish()
    assert set(results) == set(keys)
    for key in keys:
        assert results[key].ok, results[key]
        assert results[key].responses >= len(load_site(key).articles)


def test_papers_are_shared_between_processes_only_when_one_would_crawl_them_in_turns(
    monkeypatch,
) -> None:
    monkeypatch.setattr("os.cpu_count", lambda: 8)
    four_at_a_time = CrawlSettings(parallel_papers=4, crawl_processes=2)
    assert crawl_processes(40, four_at_a_time) == 2
    assert crawl_processes(5, four_at_a_time) == 2
    assert crawl_processes(4, four_at_a_time) == 1  # one process crawls them all at once
    assert crawl_processes(40, four_at_a_time.but(crawl_processes=1)) == 1
    assert crawl_processes(40, four_at_a_time.but(crawl_processes=16)) == 8  # the cores
    monkeypatch.setattr("os.cpu_count", lambda: 1)
    assert crawl_processes(40, four_at_a_time) == 1
