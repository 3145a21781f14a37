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

With `"admit": "stdin"` in the plan, a paper of the plan waits until its key comes on a line of
standard input (its caller holds the paper's slot by then), and the process ends once its input
has ended and every admitted paper's crawl has: the caller starts the process first and admits
each paper as it takes its slot, so the process's own start-up (1-2 s) overlaps the slots'.

PLAN.json: {"parallel": N, "admit": "stdin"|"all", "papers": [{"site": key, "arguments": {...},
"settings": {...}}]}, as `baotinh.jobs.batch_crawl.BatchCrawl` writes it.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess
from scrapy.utils.project import get_project_settings
from scrapy.utils.reactor import install_reactor
from twisted.python.failure import Failure

from crawlers.spiders.news import spider_for_site

DONE_MARKER = "baotinh-batch: done"


def main(argv: list[str]) -> int:
    plan = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    base = get_project_settings()
    # Installed here rather than by the first crawler: papers may be admitted (from another
    # thread) before any crawler exists.
    install_reactor(base["TWISTED_REACTOR"], base["ASYNCIO_EVENT_LOOP"])
    from twisted.internet import reactor

    # Each paper's stats go to its own stats file (BAOTINH_STATS_FILE); dumped into the shared
    # log as well, they were half of its lines.
    base.set("STATS_DUMP", False, priority="cmdline")
    _log_component_lists_once()
    process = CrawlerProcess(base)
    papers = {paper["site"]: paper for paper in plan["papers"]}
    from_stdin = plan.get("admit") == "stdin"
    waiting: list[dict[str, Any]] = [] if from_stdin else list(plan["papers"])
    admitted: set[str] = set() if from_stdin else set(papers)
    parallel = max(int(plan["parallel"]), 1)
    running = 0
    input_ended = not from_stdin
    stopping = False
    log = logging.getLogger(__name__)

    def start(paper: dict[str, Any]) -> None:
        nonlocal running
        # The Crawler copies the settings it is given (a deep copy, 10-20 ms): the paper's own
        # go onto that copy, which stays open to changes until its crawl starts.
        crawler = Crawler(spider_for_site(paper["site"]), base)
        crawler.settings.setdict(paper["settings"], priority="cmdline")
        running += 1
        process.crawl(crawler, **paper["arguments"]).addBoth(ended, paper["site"])

    def go_on() -> None:
        """Start waiting papers while there is room; stop when nothing is left to crawl."""
        nonlocal stopping
        while waiting and running < parallel:
            start(waiting.pop(0))
        if input_ended and not waiting and not running and not stopping:
            stopping = True
            process.stop()
            reactor.callLater(0, reactor.stop)

    def admit(site: str) -> None:
        if site not in papers or site in admitted:
            log.error("%r is not a paper of this plan, or was admitted already", site)
            return
        admitted.add(site)
        waiting.append(papers[site])
        go_on()

    def end_of_input() -> None:
        nonlocal input_ended
        input_ended = True
        go_on()

    def ended(result: Any, site: str) -> None:
        nonlocal running
        running -= 1
        if isinstance(result, Failure):  # the crawl could not start or crashed: say why
            log.error("%s: the crawl failed: %s", site, result.getTraceback())
        print(f"{DONE_MARKER} {site}", file=sys.stderr, flush=True)
        go_on()

    def read_admissions() -> None:
        for line in sys.stdin:
            if line.strip():
                reactor.callFromThread(admit, line.strip())
        reactor.callFromThread(end_of_input)

    if from_stdin:
        threading.Thread(target=read_admissions, name="admissions", daemon=True).start()
    reactor.callWhenRunning(go_on)
    process.start(stop_after_crawl=False)
    return 0


class _FirstOfEach(logging.Filter):
    """Lets through the first record of each kind, drops the repeats.

    Every Crawler logs the components it enabled and the settings it overrides, a dozen lines
    each, the same for every paper but the stats file and mirrors (the plan file beside the log
    has each paper's settings). A shared log of 40 papers was 3,800 lines, most of them these,
    and every line goes through the pipe the caller reads: once per batch is enough.
    """

    def __init__(self) -> None:
        super().__init__()
        self._seen: set[tuple[str, str, str]] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno > logging.INFO:  # warnings and errors are each paper's own
            return True
        args = record.args if isinstance(record.args, dict) else {}
        kind = (record.name, str(record.msg), str(args.get("componentname", "")))
        if kind in self._seen:
            return False
        self._seen.add(kind)
        return True


def _log_component_lists_once() -> None:
    first_of_each = _FirstOfEach()
    for name in ("scrapy.middleware", "scrapy.crawler", "scrapy.addons"):
        logging.getLogger(name).addFilter(first_of_each)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
