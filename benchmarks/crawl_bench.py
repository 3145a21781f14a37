"""Crawl benchmark: many papers at once, the second night, throughput beside `scrapy bench`.

Politeness off, everything on 127.0.0.1, the nightly flow run in-process on a local Prefect
server started once (its start-up is not in any figure). Each night gets a fresh SQLite store.

1. Papers side by side: nights of 5 and of 40 synthetic papers (copies of one sample paper,
   each with its own domain and four articles of its own: `baotinh.samplesite.synthetic`),
   interleaved round by round (5, 40, then 40, 5, ...), so the machine's drift falls on both.
   The ratio of their wall times says what a paper costs beyond the first: 8x the papers in 2x
   the time would mean the fixed cost per paper is small against the night. The ratio also
   rises when the night's own fixed cost falls (the 5-paper night gets faster), so the seconds
   each paper beyond the fifth adds are printed beside it (`per_extra_paper_s`: its 16 pages
   fetched and 4 articles stored, politeness off). Beside the wall times, where each night's
   CPU went: the flow's own process (extraction, dedupe, labels, writes, the Prefect client),
   the crawl process(es) and the Prefect server, and what one more paper costs of each
   (`per_extra_paper_cpu_s`, all three): on two cores a night cannot take less than that sum
   over two per paper, nor less than the crawl's part alone.
2. Crawl throughput: pages fetched per second across the 40-paper night's crawl span (first
   spider opened to last spider closed, all papers together), beside `scrapy bench`'s steady
   state, which runs right after each 40-paper night: the pairs' ratios.
3. The second night: requests of a second nightly over the five sample papers against the first
   (goal: at most 5%).

    .venv/bin/python -m benchmarks.crawl_bench [--rounds 2] [--papers 5,40] [--bench-seconds 8]
    make bench

The last line sums it up as key=value pairs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

# The synthetic papers must be in the registry of this process and of every spider it starts.
os.environ["BAOTINH_EXTRA_SITES"] = ",".join(
    filter(None, [os.environ.get("BAOTINH_EXTRA_SITES"), "baotinh.samplesite.synthetic"])
)
os.environ.setdefault("BAOTINH_SYNTHETIC_PAPERS", "40")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")

from baotinh.jobs.crawl_settings import CrawlSettings, in_process_run
from baotinh.samplesite import available_sites, serve
from baotinh.samplesite.synthetic import synthetic_keys, synthetic_sites
from db.migrate import upgrade

ARTICLES_PER_SYNTHETIC_PAPER = 4
LOGSTATS = ("-s", "LOGSTATS_INTERVAL=1")


def night(keys: list[str], settings: CrawlSettings, workdir: Path, servers: list[int]) -> dict:
    """One nightly run over `keys` on a fresh store; its wall time, requests, pages, the span
    during which its spiders ran, and the CPU seconds of this process, of the crawl processes
    and of the Prefect server (`servers`, its process ids) while it ran."""
    from flows.nightly import nightly

    workdir.mkdir(parents=True)
    database_url = f"sqlite:///{workdir / 'store.sqlite3'}"
    upgrade(database_url)
    os.environ["BAOTINH_DATABASE_URL"] = database_url
    settings = settings.but(log_dir=workdir / "logs")
    cpu_before = _cpu_seconds(servers)
    started = time.perf_counter()
    with in_process_run(settings, "benchmark"):
        summary = nightly(sites=keys)
    wall = time.perf_counter() - started
    cpu = {part: after - cpu_before[part] for part, after in _cpu_seconds(servers).items()}
    failed = [site["site"] for site in summary["sites"] if site["status"] != "completed"]
    if failed:
        raise SystemExit(f"crawl failed for {', '.join(failed)}: see {settings.log_dir}")
    spans = [_crawl_span(path) for path in settings.log_dir.glob("run*.stats.json")]
    return {
        "wall": wall,
        "requests": sum(site["requests"] for site in summary["sites"]),
        "pages": sum(site["pages"] for site in summary["sites"]),
        "span": max(end for _, end in spans) - min(start for start, _ in spans),
        "cpu": cpu,
    }


def _cpu_seconds(servers: list[int]) -> dict[str, float]:
    """User + system seconds so far of this process (the flow: extraction, dedupe, labels,
    writes, the Prefect client), of its ended children (the crawl processes, each waited for
    at its night's end) and of the Prefect server's processes."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "flow": own.ru_utime + own.ru_stime,
        "crawl": children.ru_utime + children.ru_stime,
        "prefect": sum(_process_cpu(pid) for pid in servers),
    }


def _process_cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _prefect_servers() -> list[int]:
    """The Prefect server this process started (`prefect server start`, its child): found in
    /proc, Linux only (elsewhere its CPU reads as 0)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except (OSError, ValueError, IndexError):
            continue
        if parent == os.getpid() and b"prefect" in command and b"server" in command:
            found.append(int(entry.name))
    return found


def _crawl_span(stats_file: Path) -> tuple[float, float]:
    """When the spider opened (its stats) and closed (the stats file is written on close)."""
    started = datetime.fromisoformat(json.loads(stats_file.read_text())["start_time"])
    return started.timestamp(), stats_file.stat().st_mtime


def scrapy_bench(seconds: int) -> float:
    """Pages per second that `scrapy bench` reports in its steady state (it logs pages per
    minute each second; the first interval, its start-up, is left out)."""
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "scrapy",
            "bench",
            "-s",
            f"CLOSESPIDER_TIMEOUT={seconds}",
            *LOGSTATS,
        ],
        capture_output=True,
        text=True,
        cwd=tempfile.gettempdir(),
        env={k: v for k, v in os.environ.items() if k != "SCRAPY_SETTINGS_MODULE"},
    )
    rates = [int(m) for m in re.findall(r"\(at (\d+) pages/min\)", completed.stderr)]
    steady = rates[1:] or rates
    return (sum(steady) / len(steady) / 60) if steady else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--papers", default="5,40", help="the two night sizes compared")
    parser.add_argument("--bench-seconds", type=int, default=8)
    args = parser.parse_args()
    few, many = (int(n) for n in args.papers.split(","))
    if many > int(os.environ["BAOTINH_SYNTHETIC_PAPERS"]):
        raise SystemExit(f"set BAOTINH_SYNTHETIC_PAPERS to at least {many}")
    from baotinh.cli.local_prefect import temporary_prefect_server

    base = CrawlSettings.from_environment().but(polite=False)
    print(
        f"{os.cpu_count()} cores; {base.parallel_papers} papers at a time"
        f" (BAOTINH_PARALLEL_PAPERS); synthetic papers of {ARTICLES_PER_SYNTHETIC_PAPER} articles",
        flush=True,
    )
    synthetic = synthetic_sites(many, articles=ARTICLES_PER_SYNTHETIC_PAPER)
    ratios, crawl_ratios, per_paper, per_paper_cpu = [], [], [], []
    with (
        tempfile.TemporaryDirectory(prefix="baotinh-bench-") as tmp,
        temporary_prefect_server(Path(tmp) / "prefect"),
        serve(extra_sites=synthetic) as server,
    ):
        settings = base.but(mirrors=server.mirrors)
        keys = synthetic_keys(many)
        servers = _prefect_servers()
        for round_ in range(args.rounds):
            walls = {}
            order = (few, many) if round_ % 2 == 0 else (many, few)
            for count in order:
                result = night(keys[:count], settings, Path(tmp) / f"r{round_}-{count}", servers)
                walls[count] = result
                print(
                    f"round {round_ + 1}: {count:3} papers: {result['wall']:6.1f} s wall,"
                    f" {result['pages']} pages, crawls ran {result['span']:.1f} s",
                    flush=True,
                )
            bench = scrapy_bench(args.bench_seconds)
            ours = walls[many]["pages"] / walls[many]["span"]
            ratios.append(walls[many]["wall"] / walls[few]["wall"])
            crawl_ratios.append(ours / bench)
            # What one more paper (its pages fetched, its articles stored) adds to a night.
            per_paper.append((walls[many]["wall"] - walls[few]["wall"]) / (many - few))
            print(
                f"round {round_ + 1}: each paper beyond {few} adds {per_paper[-1]:.3f} s;"
                f" {many} / {few} papers wall = {ratios[-1]:.2f};"
                f" crawl {ours:.1f} pages/s vs scrapy bench {bench:.1f} = {crawl_ratios[-1]:.2f}",
                flush=True,
            )
            extra = {
                part: (walls[many]["cpu"][part] - walls[few]["cpu"][part]) / (many - few)
                for part in walls[many]["cpu"]
            }
            per_paper_cpu.append(sum(extra.values()))
            cores = os.cpu_count() or 1
            print(
                f"round {round_ + 1}: CPU of each paper beyond {few}:"
                + ",".join(f" {part} {seconds * 1000:.0f} ms" for part, seconds in extra.items())
                + f"; {per_paper_cpu[-1] * 1000:.0f} ms in all, over {cores} cores at best"
                f" {per_paper_cpu[-1] / cores * 1000:.0f} ms of wall",
                flush=True,
            )

    with (
        tempfile.TemporaryDirectory(prefix="baotinh-bench-") as tmp,
        temporary_prefect_server(Path(tmp) / "prefect"),
    ):
        sample = [key for key in available_sites() if key != "laocai"][:5]
        with serve(*sample) as server:
            from flows.nightly import nightly

            database_url = f"sqlite:///{tmp}/store.sqlite3"
            upgrade(database_url)
            os.environ["BAOTINH_DATABASE_URL"] = database_url
            settings = base.but(mirrors=server.mirrors, log_dir=Path(tmp) / "logs")
            with in_process_run(settings, "benchmark"):
                first = nightly(sites=sample)
                second = nightly(sites=sample)
    requests = [sum(site["requests"] for site in run["sites"]) for run in (first, second)]
    second_night = requests[1] / requests[0]
    print(
        f"second night over {', '.join(sample)}: {requests[1]} requests against {requests[0]}"
        f" = {second_night:.1%} (goal: at most 5%)"
    )
    figures = {
        f"papers_{many}_vs_{few}_wall": statistics.median(ratios),
        "per_extra_paper_s": statistics.median(per_paper),
        "per_extra_paper_cpu_s": statistics.median(per_paper_cpu),
        "crawl_vs_scrapy_bench": statistics.median(crawl_ratios),
        "second_night_requests": second_night,
        "parallel_papers": base.parallel_papers,
    }
    print(" ".join(f"{key}={value:.3g}" for key, value in figures.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
