"""Dedupe cost at 10 thousand, 100 thousand and 1 million stored articles (SQLite file).

For cost, not quality: the corpus is generated Vietnamese-like text (syllables drawn from a
Zipf law), so unrelated articles share next to no shingles. What it shows is how the cost of
checking a NEW article grows with the history behind it:

1. History is loaded in bulk (the efficient path: fingerprints computed on both cores, rows
   written with executemany, band keys sorted per batch so the B-tree is filled in key order),
   into the real tables: articles, story_clusters, story_members, story_band_keys. Each
   generated article is its own story, which is what dedupe decides for unrelated texts.
2. At each size, a sample of new articles goes through the real per-article path of a nightly
   ingest: `upsert_article`, then `db.stories.cluster_article_at` (exact look-ups, one indexed
   band-key look-up, signature filter, verification on texts loaded from the store, writes),
   one transaction each, as `baotinh.ingest` does. A third of them are copies of random stored
   articles (cut, re-headed, on another paper): they must find their story at every size.

Printed per size: dedupe time per new article (median and p95), the whole ingest transaction,
peak memory allocated while clustering one article (tracemalloc, median and max), candidates
per look-up, copies found, and the persisted index size; then the ratios largest/smallest.

    .venv/bin/python benchmarks/dedupe_bench.py [--sizes 10000,100000,1000000] [--sample 300]
    make bench-dedupe
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import statistics
import sys
import tempfile
import time
import tracemalloc
import unicodedata
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import func, select  # noqa: E402

import db.stories  # noqa: E402
from baotinh.dedupe import METHOD, fingerprint  # noqa: E402
from baotinh.records import ExtractedArticle  # noqa: E402
from baotinh.text import content_hash  # noqa: E402
from baotinh.urls import identity_key  # noqa: E402
from db.engine import make_engine, make_sessionmaker  # noqa: E402
from db.migrate import upgrade  # noqa: E402
from db.models import Article, StoryCluster  # noqa: E402
from db.store import sync_sites, upsert_article  # noqa: E402

BATCH = 25_000
KEYS_PER_WRITE = 8_000_000  # band keys (125 000 articles) per sorted write
T0 = datetime(2024, 1, 1, tzinfo=UTC)
INDEX_OBJECTS = ("story_band_keys", "story_members", "story_clusters")


@dataclass(frozen=True)
class BenchSite:
    key: str
    name: str
    domain: str
    former_domains: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()


SITES = (
    BenchSite("bench", "Báo Thử", "baothu.example"),
    BenchSite("copy", "Báo Chép", "chep.example"),
)


# --- synthetic text ------------------------------------------------------------------------------

_ONSETS = (
    *re.findall(r"\S+", "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x"),
    "",
)
_RHYMES = re.findall(
    r"\S+",
    "a ai ao au ay âu ây e eo ê êu i ia iu o oa oai oe oi ô ôi ơ ơi u ua uê ui uy ưa ưi ươi an ang"
    " anh ăn ăng ân âng en ên ênh in inh on ong ôn ông ơn un ung ưng ươn ương at ac ach ăt ăc ât"
    " âc et êt êch it ich ot oc ôt ôc ơt ut uc ưt ưc ươt ươc iêt iên iêng uôn uông",
)
_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")


def _vocabulary() -> tuple[np.ndarray, np.ndarray]:
    words = sorted(
        {
            unicodedata.normalize("NFC", onset + rhyme[0] + tone + rhyme[1:])
            for onset in _ONSETS
            for rhyme in _RHYMES
            for tone in _TONES[:4]
        }
    )
    weights = 1.0 / np.arange(1, len(words) + 1) ** 1.05
    return np.array(words), np.cumsum(weights / weights.sum())


VOCAB, CUMULATIVE = _vocabulary()


def article_text(number: int) -> tuple[str, str]:
    """(title, text) of generated article `number`: same number, same text, in any process."""
    rng = np.random.default_rng(number)
    count = int(rng.integers(180, 320))
    picks = np.minimum(np.searchsorted(CUMULATIVE, rng.random(count)), len(VOCAB) - 1)
    words = VOCAB[picks]
    cuts = sorted(rng.choice(np.arange(20, count - 10), size=4, replace=False))
    paragraphs = [" ".join(part) + "." for part in np.split(words, cuts)]
    return " ".join(words[:9]).capitalize(), "\n".join(p.capitalize() for p in paragraphs)


def history_rows(span: tuple[int, int]) -> tuple[list[tuple], np.ndarray]:
    """Articles [start, stop) as ready-to-insert values: computed in a worker process, so the
    main process only writes (fingerprints, hashes and identity keys are most of the cost)."""
    rows, keys = [], []
    for number in range(*span):
        title, text = article_text(number)
        fp = fingerprint(text)
        url = f"https://baothu.example/tin/{number}.html"
        # SQLite's stored form of UTCDateTime (naive UTC): see db.types.
        moment = (T0 + timedelta(minutes=number)).replace(tzinfo=None).isoformat(" ")
        rows.append(
            (
                (url, url, title, text, moment, content_hash(title, text), moment, moment),
                (fp.body_hash, identity_key(url, {}), fp.size, fp.signature_bytes()),
            )
        )
        keys.append(fp.band_keys)
    return rows, np.array(keys, dtype=np.int64)


# --- loading history in bulk --------------------------------------------------------------------

# Raw executemany: the efficient batch path on SQLite (the ORM's per-row work would dominate).
_INSERT_ARTICLE = (
    "INSERT INTO articles (id, site_id, canonical_url, url, title, text, published_at,"
    " published_date_only, authors, section, tags, images, language, content_hash,"
    " extractor_version, first_seen_at, last_seen_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, 0, '[]', NULL, '[]', '[]', 'vi', ?, 'bench', ?, ?, ?)"
)
_INSERT_CLUSTER = (
    "INSERT INTO story_clusters (id, canonical_article_id, created_at, updated_at)"
    " VALUES (?, ?, ?, ?)"
)
_INSERT_MEMBER = (
    "INSERT INTO story_members (article_id, cluster_id, relation, jaccard, containment,"
    " body_hash, url_key, shingles, signature, method, updated_at)"
    " VALUES (?, ?, 'canonical', 1.0, 1.0, ?, ?, ?, ?, ?, ?)"
)


def load_history(engine, start: int, stop: int, site_id: int, pool: ProcessPoolExecutor) -> None:
    spans = [(s, min(s + BATCH, stop)) for s in range(start, stop, BATCH)]
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(" ")
    pending_keys: list[np.ndarray] = []
    pending_ids: list[np.ndarray] = []
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA cache_size=-4000000")  # 4 GB while loading
        for done, (rows, keys) in enumerate(pool.map(history_rows, spans), start=1):
            # Ids after whatever is stored (measured articles took ids between the sizes).
            first_article = connection.scalar(select(func.max(Article.id))) or 0
            first_cluster = connection.scalar(select(func.max(StoryCluster.id))) or 0
            articles, clusters, members = [], [], []
            for offset, (article, member) in enumerate(rows, start=1):
                article_id, cluster_id = first_article + offset, first_cluster + offset
                articles.append((article_id, site_id, *article, now))
                clusters.append((cluster_id, article_id, now, now))
                members.append((article_id, cluster_id, *member, METHOD, now))
            connection.exec_driver_sql(_INSERT_ARTICLE, articles)
            connection.exec_driver_sql(_INSERT_CLUSTER, clusters)
            connection.exec_driver_sql(_INSERT_MEMBER, members)
            pending_keys.append(keys.ravel())
            pending_ids.append(
                np.repeat(
                    np.arange(first_article + 1, first_article + 1 + len(rows)), keys.shape[1]
                )
            )
            if sum(len(k) for k in pending_keys) >= KEYS_PER_WRITE or done == len(spans):
                _write_band_keys(
                    connection, np.concatenate(pending_keys), np.concatenate(pending_ids)
                )
                pending_keys, pending_ids = [], []
            connection.commit()
            print(f"  … {first_article + len(rows):>9,} articles stored", end="\r", flush=True)
    print(" " * 40, end="\r")


def _write_band_keys(connection, keys: np.ndarray, ids: np.ndarray) -> None:
    # Sorted and in big groups, new keys land on each B-tree page together instead of one
    # random page write per key: the difference between minutes and an hour at 64M rows.
    order = np.lexsort((ids, keys))
    # The DBAPI cursor of the same connection and transaction: it takes an iterator, so the
    # millions of (key, id) pairs are never all built as Python tuples at once.
    cursor = connection.connection.cursor()
    try:
        cursor.executemany(
            "INSERT INTO story_band_keys VALUES (?, ?)",
            zip(keys[order].tolist(), ids[order].tolist(), strict=True),
        )
    finally:
        cursor.close()


# --- measuring new articles --------------------------------------------------------------------


@dataclass
class Measure:
    size: int
    dedupe_ms: list[float]
    ingest_ms: list[float]
    peak_kib: list[float]
    candidates: list[int]
    copies: int
    copies_found: int
    index_bytes: int


def new_articles(
    first: int, count: int, stored: int
) -> Iterator[tuple[str, ExtractedArticle, bool]]:
    """Fresh articles, and every third one a copy (cut, re-headed) of a stored article."""
    rng = np.random.default_rng(first)
    for number in range(first, first + count):
        if number % 3 == 0:
            source = int(rng.integers(0, stored))
            title, text = article_text(source)
            paragraphs = text.split("\n")
            text = "\n".join(["Theo Báo Thử", *paragraphs[: max(2, len(paragraphs) - 1)]])
            title, site, copy = f"Tin đăng lại: {title}", "copy", True
        else:
            title, text = article_text(number)
            site, copy = "bench", False
        url = f"https://{'chep' if copy else 'baothu'}.example/tin/{number}.html"
        published = T0 + timedelta(minutes=number)
        yield (
            site,
            ExtractedArticle(
                url=url,
                canonical_url=url,
                title=title,
                text=text,
                published=published,
                language="vi",
                content_hash=content_hash(title, text),
                extractor_version="bench",
            ),
            copy,
        )


def measure(engine, size: int, sample: int, first_new: int) -> Measure:
    sessions = make_sessionmaker(engine)
    counted: list[int] = []
    original = db.stories.StoreIndex.with_band_keys

    def counting(self, keys):
        found = original(self, keys)
        counted.append(len(set(found)))
        return found

    db.stories.StoreIndex.with_band_keys = counting
    dedupe_ms, ingest_ms, peaks = [], [], []
    copies = found = 0
    try:
        for index, (site, article, copy) in enumerate(new_articles(first_new, sample, size)):
            gc.collect()
            trace = index % 3 == 1  # memory on a third of the sample; time on the rest
            start = time.perf_counter()
            with sessions() as session:
                upsert_article(session, site, article, seen_at=article.published)
                if trace:
                    tracemalloc.start()
                began = time.perf_counter()
                result = db.stories.cluster_article_at(session, article.canonical_url)
                took = time.perf_counter() - began
                if trace:
                    peaks.append(tracemalloc.get_traced_memory()[1] / 1024)
                    tracemalloc.stop()
                session.commit()
            if not trace:
                dedupe_ms.append(took * 1000)
                ingest_ms.append((time.perf_counter() - start) * 1000)
            copies += copy
            found += copy and result.outcome == "joined"
    finally:
        db.stories.StoreIndex.with_band_keys = original
    return Measure(size, dedupe_ms, ingest_ms, peaks, counted, copies, found, index_bytes(engine))


def index_bytes(engine) -> int:
    """Bytes of the dedupe tables and their indexes in the SQLite file (dbstat)."""
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(
            "SELECT name, SUM(pgsize) FROM dbstat WHERE name IN"
            " (SELECT name FROM sqlite_master WHERE tbl_name IN ('story_band_keys',"
            " 'story_members', 'story_clusters')) GROUP BY name"
        ).all()
    return sum(size for _, size in rows)


def _q(values: list[float], q: float) -> float:
    return float(np.quantile(values, q)) if values else float("nan")


def report(results: list[Measure]) -> None:
    print(
        f"\n{'stored':>10} {'dedupe ms':>10} {'p95':>7} {'ingest ms':>10} {'peak KiB':>9}"
        f" {'max':>7} {'cand.':>6} {'copies':>9} {'index MB':>9} {'B/article':>10}"
    )
    for r in results:
        print(
            f"{r.size:>10,} {statistics.median(r.dedupe_ms):>10.2f} {_q(r.dedupe_ms, 0.95):>7.2f}"
            f" {statistics.median(r.ingest_ms):>10.2f} {statistics.median(r.peak_kib):>9.0f}"
            f" {max(r.peak_kib):>7.0f} {statistics.mean(r.candidates):>6.2f}"
            f" {r.copies_found:>4}/{r.copies:<4} {r.index_bytes / 1e6:>9.1f}"
            f" {r.index_bytes / r.size:>10.0f}"
        )
    small, large = results[0], results[-1]
    time_ratio = statistics.median(large.dedupe_ms) / statistics.median(small.dedupe_ms)
    memory_ratio = statistics.median(large.peak_kib) / statistics.median(small.peak_kib)
    print(
        f"\nlargest/smallest ({large.size:,} / {small.size:,} stored): dedupe time per new article"
        f" ×{time_ratio:.2f}, peak memory per new article ×{memory_ratio:.2f} (goal ≤ 1.5)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--sample", type=int, default=300, help="new articles measured per size")
    parser.add_argument("--db", help="SQLite file (default: a temporary one, removed afterwards)")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))

    folder = tempfile.TemporaryDirectory(prefix="baotinh-dedupe-bench-")
    path = Path(args.db) if args.db else Path(folder.name) / "bench.sqlite3"
    if path.exists():
        raise SystemExit(f"{path} exists: the benchmark starts from an empty store")
    url = f"sqlite:///{path}"
    upgrade(url)
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        site_ids = sync_sites(session, SITES)
        session.commit()
    print(f"Store: {path}  ({os.cpu_count()} cores, method {METHOD})")

    results = []
    stored = 0
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for size in sizes:
            loading = time.perf_counter()
            load_history(engine, stored, size, site_ids["bench"], pool)
            stored = size
            print(f"{size:>10,} stored in {time.perf_counter() - loading:6.1f} s; measuring…")
            results.append(measure(engine, size, args.sample, first_new=10_000_000 + size))
            with engine.connect() as connection:
                total = connection.scalar(select(func.count()).select_from(Article))
            print(f"{'':>10} {total:,} articles now in the store")
    report(results)
    elapsed = time.perf_counter() - started
    print(f"\nSQLite file: {path.stat().st_size / 1e9:.2f} GB; total {elapsed:.0f} s")
    engine.dispose()
    folder.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
