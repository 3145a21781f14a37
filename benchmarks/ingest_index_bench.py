"""What the search index costs the ingest as a whole: extract, dedupe, upsert, story, labels.

`benchmarks/search_bench.py` compares `upsert_article` with and without its `index_article`
call, the strictest ratio. This one measures the step the nightly run pays for: every article
page of every sample site, rendered as the sample server serves it, stored as a raw page and
ingested by `baotinh.jobs.ingest.ingest_pages`, once into a store that indexes and once into one
whose `index_article` is a no-op. Page by page, alternating which store goes first, one transaction
per page as the ingest does; SQLite files in a temporary folder.

    .venv/bin/python -m benchmarks.ingest_index_bench [--rounds 3]

The last line sums it up as key=value pairs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import Engine

import db.store
from baotinh.core.records import FetchedPage
from baotinh.jobs.ingest import ingest_pages
from baotinh.papers import SiteProfile, get_site
from baotinh.samplesite import available_sites, load_site
from baotinh.samplesite.render import build_routes
from db.engine import make_engine, session_scope
from db.migrate import upgrade
from db.store import store_raw_page, sync_sites


def article_pages() -> list[tuple[str, str, bytes]]:
    """(site, url, body) of every good article page of every sample site."""
    pages = []
    for key in available_sites():
        site = load_site(key)
        routes = build_routes(site, site.base_url)
        for article in site.articles:
            pages.append((key, site.base_url + article.path, routes[article.path].body))
    return pages


def prepared_store(
    folder: Path, name: str, pages: list[tuple[str, str, bytes]]
) -> tuple[Engine, list[int]]:
    """A migrated store holding `pages` as raw pages, waiting to be ingested."""
    url = f"sqlite:///{folder / name}.sqlite3"
    upgrade(url)
    engine = make_engine(url)
    ids = []
    with session_scope(engine) as session:
        sync_sites(session, [get_site(key) for key in available_sites()])
        for key, page_url, body in pages:
            page = FetchedPage(key, page_url, page_url, 200, {}, body, datetime.now(UTC))
            ids.append(store_raw_page(session, page, None)[0])
    return engine, ids


REAL_INDEX = db.store.index_article


def ingest_one(engine: Engine, profile: SiteProfile, raw_page_id: int, indexing: bool) -> float:
    """Milliseconds to ingest one stored page, with the search index or with it stubbed out."""
    db.store.index_article = REAL_INDEX if indexing else (lambda *args: None)
    try:
        started = time.perf_counter()
        ingest_pages(engine, profile, [raw_page_id], None)
        return (time.perf_counter() - started) * 1000
    finally:
        db.store.index_article = REAL_INDEX


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="fresh store pairs to ingest into")
    args = parser.parse_args()
    pages = article_pages()
    with_ms: list[float] = []
    without_ms: list[float] = []
    for round_number in range(args.rounds):
        with tempfile.TemporaryDirectory(prefix="baotinh-ingest-bench-") as tmp:
            indexed, indexed_ids = prepared_store(Path(tmp), "indexed", pages)
            plain, plain_ids = prepared_store(Path(tmp), "plain", pages)
            for number, (key, _, _) in enumerate(pages):
                profile = get_site(key)
                runs = [
                    (with_ms, indexed, indexed_ids[number], True),
                    (without_ms, plain, plain_ids[number], False),
                ]
                # Alternate which goes first, so neither always finds the caches warm.
                if (number + round_number) % 2:
                    runs.reverse()
                for figures, engine, page_id, indexing in runs:
                    figures.append(ingest_one(engine, profile, page_id, indexing))
            indexed.dispose()
            plain.dispose()
        print(
            f"round {round_number + 1}: {len(pages)} pages;"
            f" so far median {statistics.median(with_ms):.2f} ms with the index,"
            f" {statistics.median(without_ms):.2f} ms without (load {os.getloadavg()[0]:.2f})",
            flush=True,
        )
    ratio = statistics.median(with_ms) / statistics.median(without_ms)
    print(
        f"ingest per article (extract, dedupe, upsert, story, labels): median"
        f" {statistics.median(with_ms):.2f} ms with the search index,"
        f" {statistics.median(without_ms):.2f} ms without: ×{ratio:.2f} (goal ≤ 1.2;"
        f" load {os.getloadavg()[0]:.2f})"
    )
    print(
        f"pages={len(pages)} rounds={args.rounds} with_ms={statistics.median(with_ms):.2f}"
        f" without_ms={statistics.median(without_ms):.2f} ingest_index_ratio={ratio:.2f}"
        f" load={os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
