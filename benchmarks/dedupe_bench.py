"""Dedupe cost per new article as history grows, and two ingest workers against one on PostgreSQL.

For cost, not quality: the text is generated Vietnamese-like text (syllables drawn from a Zipf
law), shaped into the cases that make dedupe expensive, not only unrelated singletons:

- singletons: unrelated articles, each its own story (most of history);
- stories of 1,000 members: copies of one article (re-led, cut, extended), one cluster each;
  one story below 200 thousand stored, then one per 100 thousand;
- dated notices: two daily templates (a power-cut notice with its date and a short list of
  places); every notice overlaps every earlier one like a reprint and is told apart only by the
  dates in its headline, so each is its own story; N/100 days per template, at most ten years;
- bulletins: one template whose body is the same every day, only the headline's date changing:
  one ever-growing story of exact copies (found through the body hash).

History is loaded in bulk, in the shape dedupe itself gives it (clusters, members, signatures,
band keys, with the per-key cap of the code under test when it has one), by its own connection
with loader settings; that engine is disposed before measuring. Measurements use a fresh engine
with the store's default settings (`db.engine.make_engine`).

1. Growth (SQLite file): at each size, `--sample` new articles of each kind (singleton; copy of a
   stored singleton from another paper; new member of a 1,000-member story; the next day's dated
   notice; the next day's bulletin), interleaved, go through the real path of a nightly ingest:
   `upsert_article`, then `db.stories.cluster_article_at`, one transaction each. Printed as each
   size finishes: dedupe time per article (median, p95), per kind, statements, outcomes, peak
   memory; at the end the ratio largest ÷ smallest (goal ≤ 1.5).
2. Two workers (PostgreSQL, `--pg-url`, a scratch database created and dropped): rounds of one
   worker ingesting `--pg-articles` articles against two workers ingesting as many each,
   alternating A B, B A, ... so that machine drift cancels; throughput ratio per pair and the
   median (goal ≥ 1.7). Each worker is its own paper: its own story and templates. Index bytes
   per article on PostgreSQL: the bulk-loaded history and what the measured ingests added.

The last line is `key=value ...` with the figures.

    .venv/bin/python -m benchmarks.dedupe_bench [--sizes 10000,1000000] [--sample 40]
        [--pg-history 20000] [--pg-rounds 6] [--pg-articles 150] [--skip-growth] [--skip-pg]
    make bench-dedupe
"""

from __future__ import annotations

import argparse
import copy as copy_module
import gc
import multiprocessing
import os
import queue
import re
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
import tracemalloc
import unicodedata
from collections import Counter, defaultdict, deque
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
from sqlalchemy import event, func, insert, select, text
from sqlalchemy.engine import Engine, make_url

import db.stories
from baotinh.core.records import ExtractedArticle
from baotinh.core.text import content_hash
from baotinh.core.urls import identity_key
from baotinh.stories.decision import BAND_KEY_CAP
from baotinh.stories.minhash import METHOD, fingerprint
from db.engine import make_engine, make_sessionmaker
from db.migrate import upgrade
from db.models import Article, StoryCluster, StoryMember
from db.store import sync_sites, upsert_article

BATCH = 20_000  # articles written per transaction by the loader
PART = 2_000  # articles computed per task on the pool
KINDS = ("singleton", "copy", "member", "notice", "bulletin")
STORY_MEMBERS = 1_000
DAY0 = datetime(2015, 1, 1, 1, 0, tzinfo=UTC)
T0 = datetime(2024, 1, 1, tzinfo=UTC)
DEDUPE_TABLES = ("story_band_keys", "story_members", "story_clusters")
DEFAULT_PG_URL = "postgresql+psycopg://127.0.0.1:5432/test"


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
    BenchSite("other", "Báo Khác", "khac.example"),
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


def _words(rng: np.random.Generator, count: int) -> list[str]:
    picks = np.minimum(np.searchsorted(CUMULATIVE, rng.random(count)), len(VOCAB) - 1)
    return VOCAB[picks].tolist()


def article_text(seed: int) -> tuple[str, str]:
    """(title, text) of generated article `seed`: same seed, same text, in any process."""
    rng = np.random.default_rng(seed)
    count = int(rng.integers(180, 320))
    words = _words(rng, count)
    cuts = sorted(rng.choice(np.arange(20, count - 10), size=4, replace=False))
    paragraphs = [" ".join(part) + "." for part in np.split(np.array(words), cuts)]
    return " ".join(words[:9]).capitalize(), "\n".join(p.capitalize() for p in paragraphs)


def member_text(story: int, index: int) -> tuple[str, str]:
    """Member `index` of story `story`: the story's article re-led, cut by a paragraph, or with a
    paragraph added (member 0 is the original)."""
    title, body = article_text(900_000_000 + story)
    if index == 0:
        return title, body
    rng = np.random.default_rng((story, index))
    paragraphs = body.split("\n")
    if index % 3 == 1:
        paragraphs.pop(int(rng.integers(1, len(paragraphs))))
    lead = " ".join(_words(rng, int(rng.integers(8, 20)))).capitalize() + "."
    if index % 3 == 2:
        paragraphs.append(" ".join(_words(rng, 30)).capitalize() + ".")
    return f"{title} ({index})", "\n".join([lead, *paragraphs])


def _day(day: int) -> str:
    moment = DAY0 + timedelta(days=day)
    return f"{moment.day}/{moment.month}/{moment.year}"


def notice_text(template: int, day: int) -> tuple[str, str]:
    """Day `day` of dated template `template`: the same boilerplate every day around the day's
    date and a short list of places (different papers' templates differ)."""
    rng = np.random.default_rng(800_000_000 + template)
    sentences = [" ".join(_words(rng, 14)).capitalize() + "." for _ in range(8)]
    places = " ".join(_words(np.random.default_rng((template, day)), 16))
    date = _day(day)
    title = f"Lịch tạm ngừng cung cấp điện số {template} ngày {date}"
    body = "\n".join(
        [
            f"{sentences[0]} Ngày {date}, {sentences[1]}",
            f"Khu vực: {places}.",
            " ".join(sentences[2:6]),
            f"{sentences[6]} Thời gian {date}. {sentences[7]}",
        ]
    )
    return title, body


def bulletin_text(template: int, day: int) -> tuple[str, str]:
    """Day `day` of bulletin `template`: the same body every day, the date only in the headline."""
    _, body = article_text(700_000_000 + template)
    return f"Bản tin thời tiết {template} ngày {_day(day)}", body


@dataclass(frozen=True)
class Spec:
    """One article to generate: its kind, group (story or template), index in it, number."""

    kind: str
    group: int
    index: int
    number: int  # unique: the address and, for singletons, the text


def spec_article(spec: Spec, site: str) -> tuple[str, str, str, datetime]:
    """(url, title, text, published) of a spec."""
    if spec.kind == "singleton":
        title, body = article_text(spec.number)
        published = T0 + timedelta(seconds=30 * spec.number)
    elif spec.kind == "copy":  # spec.group: the singleton copied
        title, body = article_text(spec.group)
        paragraphs = body.split("\n")
        # Two copies of one source stay two articles (not one content hash): the number.
        lead = f"Theo Báo Thử, bản tin {spec.number}"
        body = "\n".join([lead, *paragraphs[: max(2, len(paragraphs) - 1)]])
        title = f"Tin đăng lại {spec.number}: {title}"
        published = T0 + timedelta(days=3_000, seconds=spec.number)
    elif spec.kind == "member":
        title, body = member_text(spec.group, spec.index)
        published = T0 + timedelta(hours=spec.group, minutes=spec.index)
    elif spec.kind == "notice":
        title, body = notice_text(spec.group, spec.index)
        published = DAY0 + timedelta(days=spec.index, minutes=spec.group)
    else:
        title, body = bulletin_text(spec.group, spec.index)
        published = DAY0 + timedelta(days=spec.index, minutes=30 + spec.group)
    return f"https://{site}.example/tin/{spec.number}.html", title, body, published


# --- the shape of history ----------------------------------------------------------------------


def composition(size: int) -> dict[tuple[str, int], int]:
    """How many articles of each group a history of `size` articles holds."""
    stories = 1 if size < 200_000 else size // 100_000
    days = min(size // 100, 3_650)
    groups = {("member", s): STORY_MEMBERS for s in range(stories)}
    groups |= {("notice", t): days for t in range(2)}
    groups[("bulletin", 0)] = days
    groups[("singleton", 0)] = size - sum(groups.values())
    return groups


@dataclass
class History:
    """What is stored: counts per group, the clusters of grouped stories, the next number."""

    counts: Counter = field(default_factory=Counter)
    clusters: dict[tuple[str, int], int] = field(default_factory=dict)
    singletons: list[int] = field(default_factory=list)  # numbers of stored singletons
    next_number: int = 0
    band_counts: Counter = field(default_factory=Counter)  # rows per band key of grouped kinds

    def take(self) -> int:
        self.next_number += 1
        return self.next_number

    def specs_to(self, size: int) -> list[Spec]:
        """The articles that take history from its current size to `size`: the first member of
        each new group first (it is the story's canonical member), the rest shuffled."""
        heads, rest = [], []
        for (kind, group), target in composition(size).items():
            for index in range(self.counts[(kind, group)], target):
                spec = Spec(kind, group, index, self.take())
                (heads if index == 0 and kind in ("member", "bulletin") else rest).append(spec)
            self.counts[(kind, group)] = max(self.counts[(kind, group)], target)
        order = np.random.default_rng(size).permutation(len(rest))
        return heads + [rest[i] for i in order]


def history_rows(specs: Sequence[Spec]) -> list[tuple[Spec, dict, dict, list[int]]]:
    """Article values, member values and band keys of `specs`, computed in a worker process."""
    rows = []
    for spec in specs:
        url, title, body, published = spec_article(spec, "baothu")
        fp = fingerprint(body)
        article = {
            "canonical_url": url,
            "url": url,
            "title": title,
            "text": body,
            "published_at": published,
            "published_date_only": False,
            "authors": [],
            "tags": [],
            "images": [],
            "language": "vi",
            "content_hash": content_hash(title, body),
            "extractor_version": "bench",
            "first_seen_at": published,
            "last_seen_at": published,
            "updated_at": published,
        }
        member = {
            "body_hash": fp.body_hash,
            "url_key": identity_key(url, {}),
            "shingles": fp.size,
            "signature": fp.signature_bytes(),
            "method": METHOD,
            "updated_at": published,
        }
        rows.append((spec, article, member, fp.band_keys))
    return rows


def load_history(
    engine: Engine, history: History, size: int, site_id: int, pool: ProcessPoolExecutor
) -> None:
    """Bulk-load history up to `size` articles through `engine` (the loader's own)."""
    specs = history.specs_to(size)
    waiting = deque(specs[i : i + PART] for i in range(0, len(specs), PART))
    computing: deque = deque()
    stored = 0
    with engine.connect() as connection:
        while waiting or computing:
            # Two batches computed ahead on the pool, not all of history held in memory.
            while waiting and len(computing) < 2 * BATCH // PART:
                computing.append(pool.submit(history_rows, waiting.popleft()))
            rows = []
            for _ in range(min(BATCH // PART, len(computing))):
                rows.extend(computing.popleft().result())
            _write_rows(connection, history, rows, site_id)
            connection.commit()
            stored += len(rows)
            print(f"  … {stored:>9,} of {len(specs):,} stored", end="\r", flush=True)
    print(" " * 60, end="\r")


def _write_rows(connection, history: History, rows, site_id: int) -> None:
    first_article = connection.scalar(select(func.max(Article.id))) or 0
    first_cluster = connection.scalar(select(func.max(StoryCluster.id))) or 0
    articles, clusters, members, keys = [], [], [], []
    for offset, (spec, article, member, band_keys) in enumerate(rows, start=1):
        article_id = first_article + offset
        articles.append({"id": article_id, "site_id": site_id, **article})
        group = (spec.kind, spec.group)
        grouped = spec.kind in ("member", "bulletin")
        if grouped and group in history.clusters:
            cluster_id, relation = (
                history.clusters[group],
                ("exact" if spec.kind == "bulletin" else "reprint"),
            )
        else:
            first_cluster += 1
            cluster_id, relation = first_cluster, "canonical"
            clusters.append(
                {
                    "id": cluster_id,
                    "canonical_article_id": article_id,
                    "created_at": article["updated_at"],
                    "updated_at": article["updated_at"],
                }
            )
            if grouped:
                history.clusters[group] = cluster_id
        if spec.kind == "singleton":
            history.singletons.append(spec.number)
        members.append(
            {
                "article_id": article_id,
                "cluster_id": cluster_id,
                "relation": relation,
                "jaccard": 1.0 if relation in ("canonical", "exact") else 0.8,
                "containment": 1.0 if relation in ("canonical", "exact") else 0.9,
                **member,
            }
        )
        if BAND_KEY_CAP is not None and spec.kind != "singleton":
            # What the code under test stores: a key already held by the cap's worth of
            # articles is not stored again (singletons' keys are unique: no need to count).
            kept = [k for k in band_keys if history.band_counts[k] < BAND_KEY_CAP]
            history.band_counts.update(kept)
            band_keys = kept
        keys.extend((key, article_id) for key in band_keys)
    connection.execute(insert(Article), articles)
    if clusters:
        connection.execute(insert(StoryCluster), clusters)
    connection.execute(insert(StoryMember), members)
    if connection.dialect.name == "postgresql":
        # Ids were given explicitly: move the sequences past them for the ingests to come.
        for table in ("articles", "story_clusters"):
            connection.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                    f" (SELECT max(id) FROM {table}))"
                )
            )
    keys.sort()
    if connection.dialect.name == "postgresql":
        cursor = connection.connection.dbapi_connection.cursor()
        with cursor, cursor.copy("COPY story_band_keys (band_key, article_id) FROM STDIN") as copy:
            for row in keys:
                copy.write_row(row)
    else:
        cursor = connection.connection.cursor()
        try:
            cursor.executemany("INSERT OR IGNORE INTO story_band_keys VALUES (?, ?)", keys)
        finally:
            cursor.close()


def new_store(url: str) -> dict[str, int]:
    """Migrate an empty store and register the bench papers; their ids."""
    upgrade(url)
    engine = make_engine(url)
    with make_sessionmaker(engine)() as session:
        site_ids = sync_sites(session, SITES)
        session.commit()
    engine.dispose()
    return site_ids


def loader_engine(url: str) -> Engine:
    """The bulk loader's engine: big cache, no fsync (SQLite). Disposed before measuring."""
    engine = make_engine(url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _fast(dbapi_connection, _record) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA cache_size=-2000000")
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.close()

    return engine


# --- measuring new articles --------------------------------------------------------------------


def new_specs(history: History, count_per_kind: int, seed: int, groups: dict) -> list[Spec]:
    """New articles of every kind, interleaved. `groups`: kind → group numbers to draw from."""
    rng = np.random.default_rng(seed)
    specs = []
    for _ in range(count_per_kind):
        for kind in KINDS:
            number = history.take()
            if kind == "singleton":
                specs.append(Spec(kind, 0, 0, number))
            elif kind == "copy":
                source = history.singletons[int(rng.integers(0, len(history.singletons)))]
                specs.append(Spec(kind, source, 0, number))
            else:
                group = groups[kind][int(rng.integers(0, len(groups[kind])))]
                index = history.counts[(kind, group)]
                history.counts[(kind, group)] += 1
                specs.append(Spec(kind, group, index, number))
    return specs


def site_of(spec: Spec) -> str:
    return "copy" if spec.kind == "copy" else "bench"


def ingest(
    session, spec: Spec, site: str, statements: list[int] | None = None
) -> tuple[float, int, db.stories.Clustered]:
    """Store one new article and give it its story: (seconds in dedupe, statements dedupe sent
    when `statements` is the engine's running count, result)."""
    url, title, body, published = spec_article(spec, {"bench": "baothu"}.get(site, site))
    article = ExtractedArticle(
        url=url,
        canonical_url=url,
        title=title,
        text=body,
        published=published,
        language="vi",
        content_hash=content_hash(title, body),
        extractor_version="bench",
    )
    upsert_article(session, site, article, seen_at=published)
    sent = statements[0] if statements else 0
    began = time.perf_counter()
    result = db.stories.cluster_article_at(session, url)
    took = time.perf_counter() - began
    return took, (statements[0] - sent if statements else 0), result


@dataclass
class Measure:
    size: int
    dedupe_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    ingest_ms: list[float] = field(default_factory=list)
    statements: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    outcomes: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    peak_kib: list[float] = field(default_factory=list)
    index_bytes: int = 0

    def all_ms(self) -> list[float]:
        return [ms for values in self.dedupe_ms.values() for ms in values]


class Probe:
    """New articles through the real path on one store: a fresh engine with default settings,
    the store's history (to make articles that join its stories) and what was measured."""

    def __init__(self, url: str, history: History, size: int) -> None:
        self.engine = make_engine(url)
        self.counter = [0]
        event.listen(self.engine, "before_cursor_execute", self._count)
        self.sessions = make_sessionmaker(self.engine)
        self.history = history
        self.groups = {
            kind: sorted(g for (k, g) in composition(size) if k == kind)
            for kind in ("member", "notice", "bulletin")
        }
        self.result = Measure(size)

    def _count(self, *_args) -> None:
        self.counter[0] += 1

    def specs(self, count_per_kind: int, seed: int) -> list[Spec]:
        # One more of each kind: the first of each kind warms caches and compiled statements.
        return new_specs(self.history, count_per_kind + 1, seed, self.groups)

    def run(self, spec: Spec, position: int) -> None:
        """Ingest one article, recording its costs unless it is a warm-up."""
        gc.collect()
        trace = position % 7 == 3  # memory on a seventh of the sample; time on the rest
        start = time.perf_counter()
        with self.sessions() as session:
            if trace:
                tracemalloc.start()
            took, statements, clustered = ingest(session, spec, site_of(spec), self.counter)
            if trace:
                self.result.peak_kib.append(tracemalloc.get_traced_memory()[1] / 1024)
                tracemalloc.stop()
            session.commit()
        if position < len(KINDS):
            return
        if not trace:
            self.result.dedupe_ms[spec.kind].append(took * 1000)
            self.result.ingest_ms.append((time.perf_counter() - start) * 1000)
        self.result.statements[spec.kind].append(statements)
        self.result.outcomes[spec.kind][clustered.outcome] += 1

    def close(self) -> Measure:
        self.result.index_bytes = index_bytes(self.engine)
        self.engine.dispose()
        return self.result


def measure(url: str, history: History, size: int, sample: int) -> Measure:
    """`sample` new articles per kind through the real path, on a fresh default engine."""
    probe = Probe(url, history, size)
    for position, spec in enumerate(probe.specs(sample, seed=size)):
        probe.run(spec, position)
    return probe.close()


def measure_interleaved(probes: list[Probe], sample: int) -> list[Measure]:
    """The same as `measure` on several stores at once, article by article in turn (the order
    alternating), so that a busy machine's drift falls on every store alike."""
    specs = [probe.specs(sample, seed=7 + n) for n, probe in enumerate(probes)]
    for position in range(len(specs[0])):
        turn = probes if position % 2 == 0 else probes[::-1]
        for probe in turn:
            probe.run(specs[probes.index(probe)][position], position)
    return [probe.close() for probe in probes]


def index_bytes(engine: Engine) -> int:
    """Bytes of the dedupe tables with their indexes (SQLite: dbstat; PostgreSQL: relation
    sizes including indexes and TOAST)."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            return sum(
                connection.scalar(
                    text("SELECT pg_total_relation_size(CAST(:t AS regclass))"), {"t": t}
                )
                for t in DEDUPE_TABLES
                if connection.scalar(text("SELECT to_regclass(:t)"), {"t": t}) is not None
            )
        return int(
            connection.exec_driver_sql(
                "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name IN (SELECT name FROM"
                " sqlite_master WHERE tbl_name IN ('story_band_keys', 'story_members',"
                " 'story_clusters'))"
            ).scalar()
        )


def _q(values: Sequence[float], q: float) -> float:
    return float(np.quantile(values, q)) if values else float("nan")


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def print_measure(m: Measure, stored: int, loaded_s: float | None) -> None:
    every = m.all_ms()
    print(
        f"{m.size:>10,} stored ({f'loaded in {loaded_s:.0f} s' if loaded_s else 'in turns'}):"
        " dedupe per article median"
        f" {_median(every):.2f} ms, p95 {_q(every, 0.95):.2f} ms; whole ingest transaction"
        f" {_median(m.ingest_ms):.2f} ms; peak memory {_median(m.peak_kib):.0f} KiB (max"
        f" {max(m.peak_kib, default=0):.0f}); dedupe index {m.index_bytes / 1e6:.1f} MB,"
        f" {m.index_bytes / stored:.0f} B/article"
    )
    for kind in KINDS:
        outcomes = ", ".join(f"{k} {v}" for k, v in sorted(m.outcomes[kind].items()))
        print(
            f"{'':>12}{kind:>10}: {_median(m.dedupe_ms[kind]):7.2f} ms (p95"
            f" {_q(m.dedupe_ms[kind], 0.95):7.2f}), {_median(m.statements[kind]):.0f}"
            f" statements; {outcomes}"
        )
    sys.stdout.flush()


def growth(args: argparse.Namespace) -> dict[str, float]:
    sizes = sorted(int(s) for s in args.sizes.split(","))
    folder = tempfile.TemporaryDirectory(prefix="baotinh-dedupe-bench-")
    path = Path(args.db) if args.db else Path(folder.name) / "bench.sqlite3"
    if path.exists():
        raise SystemExit(f"{path} exists: the benchmark starts from an empty store")
    url = f"sqlite:///{path}"
    site_ids = new_store(url)
    print(
        f"Growth on SQLite ({path}), {os.cpu_count()} cores, method {METHOD}, band-key cap"
        f" {BAND_KEY_CAP}; {args.sample} new articles of each kind per size",
        flush=True,
    )
    history = History()
    results: list[Measure] = []
    snapshot: tuple[str, History, int] | None = None
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        for size in sizes:
            plan = composition(size)
            print(
                f"{size:>10,}: {plan[('singleton', 0)]:,} singletons,"
                f" {sum(1 for k, _ in plan if k == 'member')} stories of {STORY_MEMBERS:,},"
                f" 2 dated notices and 1 bulletin of {plan[('bulletin', 0)]:,} days each",
                flush=True,
            )
            loading = time.perf_counter()
            loader = loader_engine(url)
            load_history(loader, history, size, site_ids["bench"], pool)
            loader.dispose()  # nothing of the loader's settings reaches the measurement
            loaded = time.perf_counter() - loading
            results.append(measure(url, history, size, args.sample))
            print_measure(results[-1], size, loaded)
            if snapshot is None and len(sizes) > 1:
                # The smallest store is kept as it is now, to be measured again beside the
                # largest one, in turns.
                small_path = path.with_name("smallest.sqlite3")
                with sqlite3.connect(path) as source, sqlite3.connect(small_path) as copy:
                    source.backup(copy)
                snapshot = (f"sqlite:///{small_path}", copy_module.deepcopy(history), size)
    small, large = results[0], results[-1]
    sequential = _median(large.all_ms()) / _median(small.all_ms())
    print(
        f"\ndedupe per article, {large.size:,} ÷ {small.size:,} stored, one size after the"
        f" other: ×{sequential:.2f}; per kind: {_kind_ratios(large, small)}",
        flush=True,
    )
    ratio = sequential
    if snapshot is not None:
        print(
            f"again in turns, article by article ({args.sample} of each kind per store, load"
            f" {os.getloadavg()[0]:.2f}):",
            flush=True,
        )
        small, large = measure_interleaved(
            [Probe(*snapshot), Probe(url, history, large.size)], args.sample
        )
        for measured in (small, large):
            print_measure(measured, measured.size, None)
        ratio = _median(large.all_ms()) / _median(small.all_ms())
        print(
            f"dedupe per article, {large.size:,} ÷ {small.size:,} stored, in turns:"
            f" ×{ratio:.2f} (goal ≤ 1.5); per kind: {_kind_ratios(large, small)}",
            flush=True,
        )
    print(f"SQLite file: {path.stat().st_size / 1e9:.2f} GB", flush=True)
    folder.cleanup()
    figures = {
        "growth_sizes": f"{small.size}:{large.size}",
        "dedupe_ms_small": round(_median(small.all_ms()), 2),
        "dedupe_ms_large": round(_median(large.all_ms()), 2),
        "dedupe_large_vs_small": round(ratio, 2),
        "dedupe_large_vs_small_one_after_other": round(sequential, 2),
        "sqlite_index_bytes_per_article": round(large.index_bytes / large.size),
    }
    for kind in KINDS:
        figures[f"{kind}_ms_large"] = round(_median(large.dedupe_ms[kind]), 2)
    return figures


def _kind_ratios(large: Measure, small: Measure) -> str:
    return ", ".join(
        f"{kind} ×{_median(large.dedupe_ms[kind]) / _median(small.dedupe_ms[kind]):.2f}"
        for kind in KINDS
    )


# --- two workers on PostgreSQL -----------------------------------------------------------------


def _worker(url: str, specs: list[Spec], site: str, barrier, results) -> None:
    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    with engine.connect():
        pass  # connect before the clock starts
    barrier.wait()
    started, cpu = time.perf_counter(), time.process_time()
    for spec in specs:
        with sessions() as session:
            ingest(session, spec, site)
            session.commit()
    results.put((started, time.perf_counter(), time.process_time() - cpu))
    engine.dispose()


@dataclass
class Round:
    """One mode's run: throughput, and what limited it."""

    rate: float  # articles per second, all workers together
    cpu_ms: float  # worker CPU (this side of the connection) per article
    cores: float  # CPU the workers used, in cores (CPU seconds per wall second)
    lock_waits: float  # share of samples in which a worker's backend waited for a lock


def run_workers(url: str, batches: list[tuple[list[Spec], str]]) -> Round:
    """len(batches) worker processes started together, each ingesting its batch."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(len(batches)), context.Queue()
    workers = [
        context.Process(target=_worker, args=(url, specs, site, barrier, results))
        for specs, site in batches
    ]
    for worker in workers:
        worker.start()
    waits = Counter()
    sampling = threading.Event()
    sampler = threading.Thread(target=_sample_waits, args=(url, waits, sampling), daemon=True)
    sampler.start()
    spans = []
    while len(spans) < len(workers):
        try:
            spans.append(results.get(timeout=5))
        except queue.Empty:
            if any(w.exitcode not in (None, 0) for w in workers):
                for w in workers:
                    w.kill()
                raise SystemExit("a worker failed: see its traceback above") from None
    sampling.set()
    sampler.join()
    for worker in workers:
        worker.join()
        if worker.exitcode != 0:
            raise SystemExit(f"a worker failed (exit code {worker.exitcode})")
    wall = max(end for _, end, _ in spans) - min(start for start, _, _ in spans)
    count = sum(len(specs) for specs, _ in batches)
    cpu = sum(used for _, _, used in spans)
    return Round(count / wall, cpu / count * 1000, cpu / wall, waits["lock"] / max(1, waits["all"]))


def _sample_waits(url: str, waits: Counter, done: threading.Event) -> None:
    """Every 20 ms, what the workers' backends are doing (lock waits against everything)."""
    engine = make_engine(url, isolation_level="AUTOCOMMIT")
    query = text(
        "SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE datname ="
        " current_database() AND pid <> pg_backend_pid() AND state IN ('active',"
        " 'idle in transaction')"
    )
    with engine.connect() as connection:
        while not done.wait(0.02):
            for (locked,) in connection.execute(query):
                waits["all"] += 1
                waits["lock"] += bool(locked)
    engine.dispose()


def parallel(args: argparse.Namespace) -> dict[str, float]:
    admin = make_engine(args.pg_url, isolation_level="AUTOCOMMIT")
    name = f"baotinh_dedupe_bench_{os.getpid()}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(args.pg_url).set(database=name).render_as_string(hide_password=False)
    try:
        site_ids = new_store(url)
        # Two papers' worth of groups: each worker ingests its own story and templates.
        history = History()
        plan = composition(args.pg_history)
        loader = loader_engine(url)
        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            load_history(loader, history, args.pg_history, site_ids["bench"], pool)
            extra = [Spec("member", 1, i, history.take()) for i in range(STORY_MEMBERS)]
            extra += [Spec("bulletin", 1, i, history.take()) for i in range(plan[("bulletin", 0)])]
            rows = [r for part in pool.map(history_rows, [extra]) for r in part]
        with loader.connect() as connection:
            _write_rows(connection, history, rows, site_ids["bench"])
            connection.commit()
        history.counts[("member", 1)] = STORY_MEMBERS
        history.counts[("bulletin", 1)] = plan[("bulletin", 0)]
        loader.dispose()
        engine = make_engine(url)
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            # What autovacuum would have done after a load this size (visibility map, stats).
            connection.execute(text("VACUUM ANALYZE"))
            stored = connection.scalar(select(func.count()).select_from(Article))
        bulk_bytes = index_bytes(engine)
        print(
            f"\nTwo workers on PostgreSQL ({name}): {stored:,} articles loaded in bulk"
            f" (two stories of {STORY_MEMBERS:,}, two dated notices and two bulletins of"
            f" {plan[('bulletin', 0)]:,} days); dedupe index {bulk_bytes / stored:.0f} B/article"
            " as bulk-loaded",
            flush=True,
        )
        paper = [
            {"member": [w], "notice": [w], "bulletin": [w]} for w in range(2)
        ]  # worker w: story w, template w, bulletin w
        before_bytes, before_count = bulk_bytes, stored
        ratios: list[float] = []
        rounds: dict[int, list[Round]] = {1: [], 2: []}
        for round_ in range(args.pg_rounds):
            order = (1, 2) if round_ % 2 == 0 else (2, 1)
            for workers in order:
                batches = []
                for w in range(workers):
                    groups = paper[w if workers == 2 else round_ % 2]
                    count = args.pg_articles // len(KINDS)
                    specs = new_specs(history, count, round_ * 10 + w, groups)
                    batches.append((specs, ("bench", "other")[w]))
                rounds[workers].append(run_workers(url, batches))
            one, two = rounds[1][-1], rounds[2][-1]
            ratios.append(two.rate / one.rate)
            print(
                f"  round {round_ + 1} ({'A B' if order == (1, 2) else 'B A'}): one worker"
                f" {one.rate:6.1f} articles/s ({one.cores:.2f} cores), two workers"
                f" {two.rate:6.1f} articles/s ({two.cores:.2f} cores, lock waits"
                f" {two.lock_waits:.1%}), ×{ratios[-1]:.2f}; load {os.getloadavg()[0]:.2f}",
                flush=True,
            )
        with engine.connect() as connection:
            after_count = connection.scalar(select(func.count()).select_from(Article))
        after_bytes = index_bytes(engine)
        engine.dispose()
        grown = (after_bytes - before_bytes) / (after_count - before_count)
        speedup = statistics.median(ratios)
        one_rate = _median([r.rate for r in rounds[1]])
        print(
            f"two workers ÷ one: ×{speedup:.2f} (median of {len(ratios)} interleaved pairs;"
            f" pairs {min(ratios):.2f}–{max(ratios):.2f}; goal ≥ 1.7); one worker"
            f" {one_rate:.1f} articles/s. Worker CPU per article: one worker"
            f" {_median([r.cpu_ms for r in rounds[1]]):.1f} ms, two workers"
            f" {_median([r.cpu_ms for r in rounds[2]]):.1f} ms; cores the workers got: one"
            f" {_median([r.cores for r in rounds[1]]):.2f}, two"
            f" {_median([r.cores for r in rounds[2]]):.2f}; backends waiting on a lock with two"
            f" workers: {_median([r.lock_waits for r in rounds[2]]):.1%} of samples."
            f" Dedupe index grew {grown:.0f} B per ingested article"
            f" ({after_count - before_count:,} articles)",
            flush=True,
        )
        return {
            "pg_two_vs_one_workers": round(speedup, 2),
            "pg_one_worker_articles_s": round(one_rate, 1),
            "pg_two_workers_cores": round(_median([r.cores for r in rounds[2]]), 2),
            "pg_lock_waits": round(_median([r.lock_waits for r in rounds[2]]), 3),
            "pg_index_bytes_per_article_bulk": round(bulk_bytes / stored),
            "pg_index_bytes_per_ingested_article": round(grown),
        }
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--sample", type=int, default=40, help="new articles per kind and size")
    parser.add_argument("--db", help="SQLite file (default: a temporary one, removed afterwards)")
    parser.add_argument(
        "--pg-url", default=os.environ.get("BAOTINH_TEST_POSTGRES_URL", DEFAULT_PG_URL)
    )
    parser.add_argument("--pg-history", type=int, default=20_000)
    parser.add_argument("--pg-rounds", type=int, default=6)
    parser.add_argument(
        "--pg-articles", type=int, default=150, help="articles per worker and round"
    )
    parser.add_argument("--skip-growth", action="store_true")
    parser.add_argument("--skip-pg", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    figures: dict[str, object] = {}
    if not args.skip_growth:
        figures |= growth(args)
    if not args.skip_pg:
        figures |= parallel(args)
    figures["load_average_end"] = round(os.getloadavg()[0], 2)
    figures["total_s"] = round(time.perf_counter() - started)
    print(" ".join(f"{key}={value}" for key, value in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
