"""Crawl benchmark over the local sample sites, politeness off.

Prints, in one invocation on this machine:
- crawl throughput (pages per second) of our spiders over every sample site, measured inside
  the crawl (Scrapy's elapsed time) and including each subprocess's start-up;
- `scrapy bench` (Scrapy's own local benchmark spider) run on the same machine, same invocation;
- the requests of a first and a second nightly run, and their ratio (goal: at most 5%).

    .venv/bin/python benchmarks/crawl.py [--sites bacgiang,haiphong] [--bench-seconds 10]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from baotinh.crawl import run_spider  # noqa: E402
from baotinh.samplesite import available_sites, serve  # noqa: E402
from crawlers.sites import get_site  # noqa: E402
from db.engine import make_engine, session_scope  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from db.store import start_run, sync_sites  # noqa: E402


def nightly(database_url: str, sites: list[str], mirrors: dict[str, str], log_dir: Path) -> dict:
    engine = make_engine(database_url)
    with session_scope(engine) as session:
        sync_sites(session, [get_site(key) for key in sites])
        run_id = start_run(session, "benchmark").id
    totals = {"requests": 0, "pages": 0, "elapsed": 0.0, "wall": 0.0}
    for key in sites:
        started = time.perf_counter()
        result = run_spider(
            key, run_id, database_url, mirrors=mirrors, polite=False, timeout_s=600, log_dir=log_dir
        )
        totals["wall"] += time.perf_counter() - started
        if not result.ok:
            raise SystemExit(f"{key}: crawl failed, see {result.log_path}")
        totals["requests"] += result.requests
        totals["pages"] += result.responses
        totals["elapsed"] += float(result.stats.get("elapsed_time_seconds", 0))
    return totals


def scrapy_bench(seconds: int) -> float:
    """Pages per second that `scrapy bench` reports (it logs pages per minute)."""
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "bench",
            "-s",
            f"CLOSESPIDER_TIMEOUT={seconds}",
            "-s",
            "LOGSTATS_INTERVAL=1",
        ],
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
        env={k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"},
    )
    rates = [
        int(m) for m in re.findall(r"Crawled \d+ pages \(at (\d+) pages/min\)", completed.stderr)
    ]
    # The first interval includes start-up; report the steady state.
    steady = rates[1:] or rates
    return (sum(steady) / len(steady) / 60) if steady else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", default=",".join(available_sites()))
    parser.add_argument("--bench-seconds", type=int, default=10)
    args = parser.parse_args()
    sites = [key for key in args.sites.split(",") if key]

    with tempfile.TemporaryDirectory(prefix="baotinh-bench-") as tmp:
        database_url = f"sqlite:///{tmp}/bench.sqlite3"
        upgrade(database_url)
        with serve(*sites) as server:
            first = nightly(database_url, sites, server.mirrors, Path(tmp))
            second = nightly(database_url, sites, server.mirrors, Path(tmp))
    bench = scrapy_bench(args.bench_seconds)

    print(f"sites: {', '.join(sites)} ({os.cpu_count()} cores)")
    print(f"{'':38}{'pages':>8}{'seconds':>10}{'pages/s':>10}")
    print(
        f"{'baotinh first nightly, inside crawls':38}{first['pages']:>8}"
        f"{first['elapsed']:>10.1f}{first['pages'] / first['elapsed']:>10.1f}"
    )
    print(
        f"{'baotinh first nightly, with start-up':38}{first['pages']:>8}"
        f"{first['wall']:>10.1f}{first['pages'] / first['wall']:>10.1f}"
    )
    print(f"{'scrapy bench (same machine, now)':38}{'':>8}{args.bench_seconds:>10}{bench:>10.1f}")
    ratio = second["requests"] / first["requests"]
    print(
        f"requests: first nightly {first['requests']}, second nightly {second['requests']}"
        f" = {ratio:.1%} of the first (goal: at most 5%)"
    )
    return 0 if ratio <= 0.05 else 1


if __name__ == "__main__":
    raise SystemExit(main())
