"""Many papers crawled in one Scrapy process: `python -m crawlers.batch PLAN.json`.

Starting a Python process that imports Scrapy, the spiders and the store costs more than a small
paper's whole crawl, so a run that crawls many papers starts one process for all of them. Each
paper still gets its own Crawler: its own settings (the profile's delay and concurrency, its own
AutoThrottle, robots.txt and stats file), its own downloader slots and its own time limit
(CLOSESPIDER_TIMEOUT, so a paper that runs long closes cleanly and keeps its stats). The reactor,
the imports and the store's connection pool are what the papers share.

At most `parallel` papers crawl at once; as one ends the next starts, and the process ends with
the last. When a paper's crawl has ended (its stats file written) a line `DONE_MARKER <key>` goes
to standard error.

PLAN.json: {"parallel": N, "papers": [{"site": key, "arguments": {...}, "settings": {...}}]},
as `baotinh.jobs.crawl.run_spiders` writes it.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.utils.project import get_project_settings
from twisted.python.failure import Failure

from crawlers.spiders.news import spider_for_site

DONE_MARKER = "baotinh-batch: done"


def main(argv: list[str]) -> int:
    plan = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    base = get_project_settings()
    process = CrawlerProcess(base)
    waiting: list[dict[str, Any]] = list(plan["papers"])
    running = 0
    started: list[str] = []

    def start_next() -> None:
        nonlocal running
        paper = waiting.pop(0)
        settings = base.copy()
        settings.setdict(paper["settings"], priority="cmdline")
        # The first crawler installs the reactor, as CrawlerProcess does for the crawlers it makes.
        crawler = Crawler(spider_for_site(paper["site"]), settings, init_reactor=not started)
        started.append(paper["site"])
        running += 1
        process.crawl(crawler, **paper["arguments"]).addBoth(ended, paper["site"])

    def ended(result: Any, site: str) -> None:
        nonlocal running
        running -= 1
        if isinstance(result, Failure):  # the crawl could not start or crashed: say why
            logging.getLogger(__name__).error(
                "%s: the crawl failed: %s", site, result.getTraceback()
            )
        print(f"{DONE_MARKER} {site}", file=sys.stderr, flush=True)
        if waiting:
            start_next()
        elif not running:
            process.stop()
            from twisted.internet import reactor

            reactor.callLater(0, reactor.stop)

    for _ in range(min(int(plan["parallel"]), len(waiting))):
        start_next()
    if running:
        process.start(stop_after_crawl=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
