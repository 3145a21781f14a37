"""Extraction speed: ours beside plain trafilatura, and a batch on both cores against one.

Pages: every article page of the local sample sites (rendered in memory) plus the real pages
in ../shared/corpus when present (read here, never stored).

Both comparisons are interleaved so that the drift of a shared machine falls on both sides:
round by round the order alternates (ours then plain, plain then ours; one worker then two, two
then one), each round timing the whole page set once per side, and the ratio is taken within
each round (the median of the rounds is reported, with their range). The worker pools are
started and warmed before the first round and kept for all of them. Partial results are printed
as each round finishes; the last line is `key=value ...`.

    .venv/bin/python -m benchmarks.extraction_bench [--rounds 6]
    make bench-extraction
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import trafilatura

from baotinh.extraction.decoding import read_saved_page
from baotinh.extraction.html import extract_article
from baotinh.extraction.pages import ExtractionError
from baotinh.papers import SITES
from baotinh.samplesite import available_sites, load_site
from baotinh.samplesite.render import build_routes

ROOT = Path(__file__).resolve().parents[1]

CORPUS = ROOT.parent / "shared" / "corpus"

Page = tuple[bytes, str, str | None]  # body, url, site key


def pages() -> list[Page]:
    found: list[Page] = []
    for key in available_sites():
        site = load_site(key)
        routes = build_routes(site, site.base_url)
        found += [(routes[a.path].body, site.base_url + a.path, key) for a in site.articles]
    if CORPUS.is_dir():
        for path in sorted(CORPUS.rglob("*.htm*")) + sorted(CORPUS.rglob("*.html.gz")):
            if "article" in path.name or path.name.endswith(".html.gz"):
                found.append((read_saved_page(str(path)), f"https://example.vn/{path.stem}", None))
    return found


def ours(page: Page) -> int:
    body, url, key = page
    try:
        return len(extract_article(body, url, SITES.get(key) if key else None).text)
    except ExtractionError:
        return 0


def plain(page: Page) -> int:
    body, url, _ = page
    return len(trafilatura.extract(body, url=url) or "")


def in_process(function: Callable[[Page], int], batch: list[Page]) -> float:
    """Pages per second of `function` over the batch, in this process."""
    started = time.perf_counter()
    for page in batch:
        function(page)
    return len(batch) / (time.perf_counter() - started)


def on_pool(pool: ProcessPoolExecutor, batch: list[Page], workers: int) -> float:
    """Pages per second of `ours` over the batch on a pool of `workers` processes."""
    # Small chunks: the slowest worker's last chunk is what the other waits for.
    chunksize = max(1, len(batch) // (workers * 8))
    started = time.perf_counter()
    list(pool.map(ours, batch, chunksize=chunksize))
    return len(batch) / (time.perf_counter() - started)


def _spread(values: list[float]) -> str:
    return f"median ×{statistics.median(values):.2f} (rounds {min(values):.2f}–{max(values):.2f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=6, help="interleaved rounds per comparison")
    args = parser.parse_args()
    batch = pages()
    cores = os.cpu_count() or 1
    load_start = os.getloadavg()[0]
    print(
        f"{len(batch)} pages, {args.rounds} interleaved rounds, {cores} cores, load average"
        f" {load_start:.2f}",
        flush=True,
    )
    for page in batch[:5]:
        ours(page)  # warm caches and imports
        plain(page)

    rates: dict[str, list[float]] = {"ours": [], "plain": []}
    ratios: list[float] = []
    for round_ in range(args.rounds):
        order = ("ours", "plain") if round_ % 2 == 0 else ("plain", "ours")
        for name in order:
            rates[name].append(in_process(ours if name == "ours" else plain, batch))
        ratios.append(rates["ours"][-1] / rates["plain"][-1])
        print(
            f"  round {round_ + 1} ({' then '.join(order)}): ours {rates['ours'][-1]:6.1f}"
            f" pages/s, plain trafilatura {rates['plain'][-1]:6.1f} pages/s, ×{ratios[-1]:.2f}",
            flush=True,
        )
    print(f"ours ÷ plain trafilatura, one core: {_spread(ratios)} (goal ≥ 0.8)", flush=True)

    workers = min(2, cores)
    speedups: list[float] = []
    pool_rates: dict[int, list[float]] = {1: [], workers: []}
    with ProcessPoolExecutor(max_workers=1) as one, ProcessPoolExecutor(workers) as many:
        pools = {1: one, workers: many}
        for count, pool in pools.items():
            list(pool.map(ours, batch[: count * 4]))  # start and warm every worker
        for round_ in range(args.rounds):
            order = (1, workers) if round_ % 2 == 0 else (workers, 1)
            for count in order:
                pool_rates[count].append(on_pool(pools[count], batch, count))
            speedups.append(pool_rates[workers][-1] / pool_rates[1][-1])
            print(
                f"  round {round_ + 1} ({' then '.join(map(str, order))} workers): 1 worker"
                f" {pool_rates[1][-1]:6.1f} pages/s, {workers} workers"
                f" {pool_rates[workers][-1]:6.1f} pages/s, ×{speedups[-1]:.2f}",
                flush=True,
            )
    print(f"{workers} workers ÷ 1: {_spread(speedups)} (goal ≥ 1.7)", flush=True)
    figures = {
        "pages": len(batch),
        "rounds": args.rounds,
        "ours_pages_s": round(statistics.median(rates["ours"]), 1),
        "plain_pages_s": round(statistics.median(rates["plain"]), 1),
        "ours_vs_plain": round(statistics.median(ratios), 2),
        "one_worker_pages_s": round(statistics.median(pool_rates[1]), 1),
        "two_workers_pages_s": round(statistics.median(pool_rates[workers]), 1),
        "two_vs_one_workers": round(statistics.median(speedups), 2),
        "load_average_start": round(load_start, 2),
        "load_average_end": round(os.getloadavg()[0], 2),
    }
    print(" ".join(f"{key}={value}" for key, value in figures.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
