"""What the search index costs the ingest as a whole: extract, dedupe, upsert, story, labels.

`benchmarks/search_bench.py` compares `upsert_article` with and without its `index_article`
call, the strictest ratio. This one measures the step the nightly run pays for: every article
page of every sample site, rendered as the sample server serves it, stored as a raw page and
ingested by `baotinh.jobs.ingest.ingest_pages`, once into a store that indexes and once into one
whose `index_article` is a no-op. Page by page, alternating which store goes first, one transaction
per page as the ingest does; after each round the pages' articles, stories and labels are
deleted again, so every round ingests into the same history.

    .venv/bin/python -m benchmarks.ingest_index_bench [--rounds 3] [--backends sqlite,postgresql]
        [--history 1000000 [--keep NAME] [--dir DIR]]

By default both stores start empty. `--history N` ingests into stores that already hold N
generated articles, the million of `search_bench` (its generator and loader, labelled by
`bench_labels`), to see what the index costs when its FTS5 segments or GIN index are large:

- "with": the store search_bench builds (`--keep NAME` is the same NAME, so a store loaded by
  `search_bench --keep NAME` is reused, and the other way round), its search tables filled;
- "without": a copy of it whose search tables are emptied (SQLite: dropped, made again empty
  and the file VACUUMed, as a store that never indexed; PostgreSQL: `CREATE DATABASE … TEMPLATE`,
  then TRUNCATE and VACUUM), so both hold the same articles and labels, and only one the index.
  Kept as NAME_plain (SQLite file in `--dir`, PostgreSQL database baotinh_bench_NAME_plain).

The generated history has no stories: the ingest's near-duplicate lookup finds no band keys
there, so the "without" side is cheaper than in a real store and the ratio errs high.
Without `--keep`, the stores are made in a temporary folder and databases and dropped at the end.

The last line sums it up as key=value pairs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, make_url, text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool

import db.store
from baotinh.core.records import FetchedPage
from baotinh.jobs.ingest import ingest_pages
from baotinh.papers import SiteProfile, get_site
from baotinh.samplesite import available_sites, load_site
from baotinh.samplesite.render import build_routes
from benchmarks.bench_labels import label_articles
from benchmarks.search_bench import (
    LOADED_URLS,
    Store,
    delete_ingested,
    load,
    postgres_store,
    prepare,
    sqlite_store,
    stored_articles,
    vacuum,
)
from db.engine import make_engine, session_scope
from db.models import Base
from db.search import HEADING_TABLE, SEARCH_TABLE
from db.store import store_raw_page, sync_sites

Pages = list[tuple[str, str, bytes]]


def article_pages() -> Pages:
    """(site, url, body) of every good article page of every sample site."""
    pages = []
    for key in available_sites():
        site = load_site(key)
        routes = build_routes(site, site.base_url)
        for article in site.articles:
            pages.append((key, site.base_url + article.path, routes[article.path].body))
    return pages


def stage_pages(engine: Engine, pages: Pages) -> list[int]:
    """Store `pages` as raw pages waiting to be ingested; their ids."""
    ids = []
    with session_scope(engine) as session:
        sync_sites(session, [get_site(key) for key in available_sites()])
        for key, page_url, body in pages:
            page = FetchedPage(key, page_url, page_url, 200, {}, body, datetime.now(UTC))
            ids.append(store_raw_page(session, page, None)[0])
    return ids


def forget_ingested(engine: Engine, history: int) -> None:
    """Delete what the ingest wrote, leaving the generated history (articles 0..history-1, their
    labels and search documents: all that search_bench writes besides the sites). Rows of the
    tables a generated history leaves empty (raw pages, stories, versions, the frontier) all go."""
    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name == "sites":
                continue
            if table.name == "articles":
                where = " WHERE id >= :history"
            elif "article_id" in table.c and not table.c.article_id.nullable:
                where = " WHERE article_id >= :history"
            else:
                where = ""
            connection.execute(text(f"DELETE FROM {table.name}{where}"), {"history": history})
        if engine.dialect.name == "sqlite":  # PostgreSQL's search rows went with their article
            for fts in (SEARCH_TABLE, HEADING_TABLE):
                connection.execute(
                    text(f"DELETE FROM {fts} WHERE rowid >= :history"), {"history": history}
                )


# --- the stores ----------------------------------------------------------------------------------


def has_search_rows(engine: Engine) -> bool:
    with engine.connect() as connection:
        return connection.scalar(text(f"SELECT 1 FROM {SEARCH_TABLE} LIMIT 1")) is not None


def copy_sqlite_without_index(source: Path, target: Path) -> None:
    """A copy of the SQLite store `source` whose search tables are empty, VACUUMed."""
    with sqlite3.connect(source) as connection:  # the WAL into the file, then copy the file
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    partial = target.with_suffix(".partial")
    shutil.copyfile(source, partial)
    connection = sqlite3.connect(partial, isolation_level=None)
    try:
        for fts in (SEARCH_TABLE, HEADING_TABLE):
            (create,) = connection.execute(
                "SELECT sql FROM sqlite_master WHERE name = ?", (fts,)
            ).fetchone()
            connection.execute(f"DROP TABLE {fts}")
            connection.execute(create)
        connection.execute("VACUUM")
    finally:
        connection.close()
    for leftover in ("-wal", "-shm"):  # an earlier copy's log would be replayed into this one
        Path(f"{target}{leftover}").unlink(missing_ok=True)
    partial.replace(target)


def copy_postgres_without_index(source: Store, name: str) -> Store:
    """A database `name` copied from `source`'s, its search table emptied."""
    admin = create_engine(
        make_url(source.url).set(database="postgres"),
        isolation_level="AUTOCOMMIT",
        poolclass=NullPool,
    )
    template = make_url(source.url).database
    with admin.connect() as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        # FILE_COPY: a checkpoint and a copy of the files, not the whole database through the WAL.
        connection.exec_driver_sql(
            f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY'
        )

    def drop() -> None:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()

    store = Store("postgresql", make_url(source.url).set(database=name).render_as_string(False))
    store.drop = drop
    engine = make_engine(store.url)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"TRUNCATE {SEARCH_TABLE}")
    vacuum(engine)
    engine.dispose()
    return store


def postgres_exists(source: Store, name: str) -> bool:
    admin = create_engine(make_url(source.url), poolclass=NullPool)
    with admin.connect() as connection:
        found = connection.scalar(
            text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
        )
    admin.dispose()
    return found is not None


def history_ready(url: str, history: int) -> bool:
    """Whether a "without" store holds the history and no search rows."""
    engine = make_engine(url)
    try:
        forget_ingested(engine, history)
        return stored_articles(engine) == history and not has_search_rows(engine)
    finally:
        engine.dispose()


@contextmanager
def store_pair(
    backend: str, history: int, workdir: Path, keep: str | None, pool: ProcessPoolExecutor
) -> Iterator[tuple[Engine, Engine]]:
    """(with, without): two migrated stores holding the same `history` generated articles, the
    first with its search documents, the second none; dropped on the way out unless kept."""
    indexed = sqlite_store(workdir, keep) if backend == "sqlite" else postgres_store(keep)
    if indexed is None:
        raise SystemExit("PostgreSQL is not reachable")
    drops: list[Callable[[], None]] = [indexed.drop] if indexed.drop else []
    try:
        engine = prepare(indexed)
        delete_ingested(engine)  # search_bench's own, if it stopped half way
        forget_ingested(engine, history)
        stored = stored_articles(engine)
        if stored > history:
            raise SystemExit(
                f"{backend}: the kept store holds {stored:,} articles, not {history:,}"
            )
        if stored < history:
            print(f"{backend}: loading articles {stored:,}–{history - 1:,}", flush=True)
            print(f"  … in {load(engine, stored, history, pool):.0f} s", flush=True)
        labelled = label_articles(engine, LOADED_URLS)
        print(f"{backend}: {history:,} generated articles, {labelled:,} labelled now", flush=True)
        engine.dispose()
        plain_name = f"{keep or 'ingest-bench'}_plain"
        if backend == "sqlite":
            source = Path(make_url(indexed.url).database or "")
            target = workdir / f"{plain_name}.sqlite3"
            plain = Store("sqlite", f"sqlite:///{target}")
            if not (keep and target.exists() and history_ready(plain.url, history)):
                print(f"sqlite: copying the store without its index to {target}", flush=True)
                copy_sqlite_without_index(source, target)
            elif keep:
                print(f"sqlite: reusing {target} (rm it when done)")
        else:
            name = f"{make_url(indexed.url).database}_plain"
            plain = Store(
                "postgresql", make_url(indexed.url).set(database=name).render_as_string(False)
            )
            if not (keep and postgres_exists(indexed, name) and history_ready(plain.url, history)):
                print(f"postgresql: copying the database without its index to {name}", flush=True)
                plain = copy_postgres_without_index(indexed, name)
                if keep:
                    plain.drop = None
            if keep:
                print(f'postgresql: kept in database {name} (DROP DATABASE "{name}" when done)')
        if plain.drop:
            drops.append(plain.drop)
        with_index, without = prepare(indexed), prepare(plain)
        try:
            yield with_index, without
        finally:
            for engine in (with_index, without):
                forget_ingested(engine, history)
                engine.dispose()
    finally:
        for drop in drops:
            drop()


# --- measuring -----------------------------------------------------------------------------------

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


def measure(
    with_index: Engine, without: Engine, pages: Pages, rounds: int, history: int
) -> tuple[list[float], list[float]]:
    """Milliseconds per page (with, without), `rounds` times every page, interleaved."""
    with_ms: list[float] = []
    without_ms: list[float] = []
    for round_number in range(rounds):
        indexed_ids, plain_ids = stage_pages(with_index, pages), stage_pages(without, pages)
        for number, (key, _, _) in enumerate(pages):
            profile = get_site(key)
            runs = [
                (with_ms, with_index, indexed_ids[number], True),
                (without_ms, without, plain_ids[number], False),
            ]
            # Alternate which goes first, so neither always finds the caches warm.
            if (number + round_number) % 2:
                runs.reverse()
            for figures, engine, page_id, indexing in runs:
                figures.append(ingest_one(engine, profile, page_id, indexing))
        for engine in (with_index, without):
            forget_ingested(engine, history)
        print(
            f"  round {round_number + 1}: {len(pages)} pages; so far median"
            f" {statistics.median(with_ms):.2f} ms with the index,"
            f" {statistics.median(without_ms):.2f} ms without (load {os.getloadavg()[0]:.2f})",
            flush=True,
        )
    return with_ms, without_ms


def run(args: argparse.Namespace, pages: Pages) -> Iterator[tuple[str, str]]:
    if args.dir:
        Path(args.dir).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="baotinh-ingest-bench-", dir=args.dir) as tmp:
        # A kept store goes where search_bench keeps its own, so that either reuses the other's.
        workdir = Path(args.dir or tempfile.gettempdir()) if args.keep else Path(tmp)
        with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
            for backend in args.backends.split(","):
                with store_pair(backend, args.history, workdir, args.keep, pool) as stores:
                    print(f"{backend}: measuring (load {os.getloadavg()[0]:.2f})", flush=True)
                    with_ms, without_ms = measure(*stores, pages, args.rounds, args.history)
                a, b = statistics.median(with_ms), statistics.median(without_ms)
                means = statistics.mean(with_ms) / statistics.mean(without_ms)
                print(
                    f"{backend}, history {args.history:,}: ingest per article (extract, dedupe,"
                    f" upsert, story, labels): median {a:.2f} ms with the search index,"
                    f" {b:.2f} ms without: ×{a / b:.2f} (means ×{means:.2f}; goal ≤ 1.2;"
                    f" load {os.getloadavg()[0]:.2f})",
                    flush=True,
                )
                yield f"{backend}_with_ms", f"{a:.2f}"
                yield f"{backend}_without_ms", f"{b:.2f}"
                yield f"{backend}_ratio", f"{a / b:.2f}"
                yield f"{backend}_mean_ratio", f"{means:.2f}"
                yield f"{backend}_load", f"{os.getloadavg()[0]:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="times every page is ingested")
    parser.add_argument("--backends", default="sqlite", help="sqlite, postgresql or both")
    parser.add_argument("--history", type=int, default=0, help="generated articles already stored")
    parser.add_argument("--keep", metavar="NAME", help="keep the stores; reuse them if they exist")
    parser.add_argument("--dir", help="where the SQLite files go (default: the temp folder)")
    args = parser.parse_args()
    pages = article_pages()
    load_start = os.getloadavg()[0]
    figures = {"history": str(args.history), "pages": str(len(pages)), "rounds": str(args.rounds)}
    figures.update(run(args, pages))
    figures["load_start"] = f"{load_start:.2f}"
    figures["load_end"] = f"{os.getloadavg()[0]:.2f}"
    print(" ".join(f"{key}={value}" for key, value in figures.items()))


if __name__ == "__main__":
    main()
