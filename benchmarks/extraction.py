"""Extraction speed: ours beside plain trafilatura, and a batch on both cores against one.

Pages: every article page of the local sample sites (rendered in memory) plus the real pages
in ../shared/corpus when present (read here, never stored). Prints pages per second.

    .venv/bin/python benchmarks/extraction.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from baotinh.extract import ExtractionError, extract_article, read_saved_page  # noqa: E402
from baotinh.samplesite import available_sites, load_site  # noqa: E402
from baotinh.samplesite.render import build_routes  # noqa: E402
from crawlers.sites import SITES  # noqa: E402

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


def rate(function, batch: list[Page], rounds: int) -> float:
    for page in batch[:5]:
        function(page)  # warm caches and imports
    started = time.perf_counter()
    for _ in range(rounds):
        for page in batch:
            function(page)
    return len(batch) * rounds / (time.perf_counter() - started)


def parallel_rate(batch: list[Page], rounds: int, workers: int) -> float:
    work = batch * rounds
    with ProcessPoolExecutor(max_workers=workers) as pool:
        list(pool.map(ours, batch[: workers * 2]))  # start the workers before timing
        started = time.perf_counter()
        list(pool.map(ours, work, chunksize=8))
        return len(work) / (time.perf_counter() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    batch = pages()
    ours_rate = rate(ours, batch, args.rounds)
    plain_rate = rate(plain, batch, args.rounds)
    one_core = parallel_rate(batch, args.rounds, 1)
    cores = os.cpu_count() or 1
    all_cores = parallel_rate(batch, args.rounds, cores)
    print(f"{len(batch)} pages x {args.rounds} rounds, {cores} cores")
    print(
        f"one core   ours {ours_rate:7.1f} pages/s   plain trafilatura {plain_rate:7.1f} pages/s"
        f"   ratio {ours_rate / plain_rate:.2f} (goal >= 0.8)"
    )
    print(
        f"batch      1 worker {one_core:7.1f} pages/s   {cores} workers {all_cores:7.1f} pages/s"
        f"   speed-up {all_cores / one_core:.2f} (goal >= 1.7)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
