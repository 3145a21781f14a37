"""Search, export and indexing cost on generated Vietnamese-like articles, both stores.

For cost, not quality. Articles are drawn from a word list written for this benchmark (the
common syllables of provincial news, below) followed by a tail of rarer generated syllables,
with Zipf frequencies: every listed word is common, so queries made of them are the expensive
kind (a one-word query matches over half the store; a search ranks the 5,000 stored last).

1. Load: `--sizes` articles (default 100 000) into a SQLite file and a throw-away PostgreSQL
   database, with their search documents (the same `baotinh.core.search` functions the ingest uses,
   run on both cores, written in batches). Generated articles are ~650 syllables long.
2. Search: `db.search.search` (ranking, the top 20, their snippets) for one-word and
   three-word queries of listed words, typed with accents and without; warm cache; p50/p95.
3. Export: `baotinh export --format parquet` in a child process at two sizes (a date window
   of about a tenth, then everything): articles per second, the child's CPU per article and its
   peak RSS, from the store `--export-backend` names (sqlite; none to skip), its articles
   labelled first (benchmarks/bench_labels.py). On PostgreSQL `--export-reads copy,cursor`
   measures the COPY read beside the cursor read it replaced, interleaved, `--export-rounds`
   times each.
4. Ingest: `upsert_article` with its `index_article` against `upsert_article` with the index
   call stubbed out, interleaved article by article, one transaction each; median per article.

    .venv/bin/python -m benchmarks.search_bench [--sizes 100000,1000000] [--backends sqlite]
    make bench-search

Loading a million articles takes most of an hour; `--keep NAME` keeps the stores (a SQLite file
NAME.sqlite3 in `--dir`, a PostgreSQL database baotinh_bench_NAME) and a later run with the same
name loads only the articles they lack (migrating them first), so a change is measured on the
same load. Drop them by hand when done (the run prints how). `ingest_index_bench --history N
--keep NAME` ingests into the same stores (and a copy of them without the index).

The last line sums it up as key=value pairs.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from itertools import accumulate
from pathlib import Path

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool

import db.store
from baotinh.core.records import ExtractedArticle
from baotinh.core.search import document_fields, fold, tsvector_literals
from baotinh.core.text import content_hash
from benchmarks.bench_labels import label_articles
from db.engine import make_engine, make_sessionmaker, session_scope
from db.migrate import upgrade
from db.search import matching_ids, parse_query, search

ROOT = Path(__file__).resolve().parents[1]

# The common syllables of provincial news, written for this benchmark.
_LISTED = """
đảng bộ chi ủy ban nhân dân tỉnh huyện xã thành phố phường thị trấn hội nghị đồng chí bí thư
chủ tịch phó trưởng cán công chức viên chính trị kinh tế văn hóa giáo dục y tế quốc phòng an ninh
nông thôn mới nghiệp sản xuất doanh hợp tác xây dựng đường giao thông cầu trường học bệnh viện
trạm lãnh đạo chỉ đạo thực hiện triển khai kế hoạch nghị quyết thị quyết định chương trình đề án
học tập làm theo tư tưởng đức phong cách hồ minh bác năm tháng ngày tuần quý kết quả đạt được
tăng giảm phát triển bền vững đầu vốn dự tổng mức tỷ đồng triệu người hộ gia đình thôn bản làng
phố khu dân cư lúa ngô chè vải thiều cây trồng vật nuôi chăn thủy lợi mùa vụ thu hoạch giá thị
trường hàng hóa xuất khẩu du lịch lễ hội di tích lịch sử truyền thống cách mạng chiến sĩ thanh
niên phụ nữ cựu binh mặt trận tổ quốc đoàn thể chuyển đổi số hành cải thủ tục trực tuyến dịch vụ
công an quân sự biên giới môi sinh rác thải nước sạch điện lưới khoa học ứng dụng công nghệ
sinh viên giáo viên học sinh khai giảng thi tốt nghiệp sức khỏe khám chữa dịch bệnh tiêm phòng
bảo hiểm xã hội chính sách nghèo hỗ trợ vay ngân hàng tín dụng thuế ngân sách thu chi tài chính
đất đai quy hoạch tài nguyên khoáng sản rừng trồng bảo vệ phòng cháy chữa thiên tai bão lũ
mưa lớn sạt lở khắc phục hậu quả cứu hộ thăm tặng quà tết nguyên đán trung thu khen thưởng
gương điển hình tiên tiến thi đua yêu nước sơ tổng kết đánh giá kiểm tra giám sát thanh tra
tham nhũng lãng phí tiêu cực kỷ luật vi phạm xử lý pháp luật tòa án viện kiểm sát tuyên truyền
phổ biến báo chí thông tin điện tử mạng sáng chiều tối nay qua tới sẽ đã đang và của cho với
trên dưới trong ngoài các những một hai ba bốn nhiều hơn cùng cũng như là có không được bị về
"""
WORDS = list(dict.fromkeys(_LISTED.split()))  # each once, in order of first appearance

_ONSETS = re.findall(r"\S+", "b c ch d đ g gi h k kh l m n ng nh p ph qu r s t th tr v x")
_RHYMES = re.findall(
    r"\S+",
    "a ai ao an ang anh at ach e em en eo i im in inh it o oi om on ong ot u ui um un ung ut",
)
_TONES = ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")


def _vocabulary() -> list[str]:
    listed = set(WORDS)
    tail = sorted(
        {
            unicodedata.normalize("NFC", onset + rhyme[0] + tone + rhyme[1:])
            for onset in _ONSETS
            for rhyme in _RHYMES
            for tone in _TONES
        }
        - listed
    )
    random.Random(7).shuffle(tail)
    return WORDS + tail


VOCAB = _vocabulary()
_CUMULATIVE = list(accumulate(1.0 / rank for rank in range(1, len(VOCAB) + 1)))
T0 = datetime(2024, 1, 1, tzinfo=UTC)
MINUTES_APART = 10
BATCH = 5000
# The ingest measurement stores articles generated from this number on, under /moi/ addresses,
# and deletes them when done, so that a kept store holds the loaded articles 0..N-1 only.
INGEST_FIRST = 10_000_000
LOADED_URLS = "https://baothu.example/tin/%"
INGESTED_URLS = "https://baothu.example/moi/%"


def generated(number: int) -> tuple[str, str, str]:
    """(title, lead, text) of article `number`; the same in any process."""
    rng = random.Random(number)

    def words(count: int) -> list[str]:
        return rng.choices(VOCAB, cum_weights=_CUMULATIVE, k=count)

    title = " ".join(words(rng.randint(7, 12))).capitalize()
    lead = " ".join(words(rng.randint(20, 30))).capitalize() + "."
    body = rng.randint(450, 750)
    cuts = sorted(rng.sample(range(30, body - 20), 4))
    flat = words(body)
    paragraphs = [flat[a:b] for a, b in zip([0, *cuts], [*cuts, body], strict=True)]
    return title, lead, "\n".join(" ".join(p).capitalize() + "." for p in paragraphs)


def published(number: int) -> datetime:
    return T0 + timedelta(minutes=MINUTES_APART * number)


def rows_for(span: tuple[int, int, str]) -> list[tuple]:
    """Articles [start, stop) ready to insert, with their search document (computed in a worker
    process: folding and tokenising are most of the cost)."""
    start, stop, dialect = span
    out = []
    for number in range(start, stop):
        title, lead, body = generated(number)
        url = f"https://baothu.example/tin/{number}.html"
        document = (
            document_fields(title, lead, body)
            if dialect == "sqlite"
            else tsvector_literals(title, lead, body)
        )
        out.append((number, url, title, lead, body, content_hash(title, body), document))
    return out


# --- loading -------------------------------------------------------------------------------------

_ARTICLE_COLUMNS = (
    "id, site_id, canonical_url, url, title, lead, text, published_at, published_date_only,"
    " authors, section, tags, images, language, content_hash, extractor_version, first_seen_at,"
    " last_seen_at, updated_at"
)


def load(engine: Engine, start: int, stop: int, pool: ProcessPoolExecutor) -> float:
    """Store articles [start, stop) with their search documents; returns seconds."""
    dialect = engine.dialect.name
    began = time.perf_counter()
    spans = [(s, min(s + BATCH, stop), dialect) for s in range(start, stop, BATCH)]
    with engine.connect() as connection:
        if dialect == "sqlite":
            connection.exec_driver_sql("PRAGMA cache_size=-2000000")
            connection.exec_driver_sql("PRAGMA synchronous=OFF")
        for rows in pool.map(rows_for, spans):
            articles, documents = [], []
            for number, url, title, lead, body, digest, document in rows:
                moment = published(number)
                articles.append(
                    {
                        "id": number,
                        "url": url,
                        "title": title,
                        "lead": lead,
                        "text": body,
                        "published": moment.replace(tzinfo=None) if dialect == "sqlite" else moment,
                        "hash": digest,
                    }
                )
                documents.append((number, *document))
            connection.execute(
                text(
                    f"INSERT INTO articles ({_ARTICLE_COLUMNS}) VALUES (:id, 1, :url, :url,"
                    " :title, :lead, :text, :published, false, '[]', NULL, '[]', '[]', 'vi',"
                    " :hash, 'bench', :published, :published, :published)"
                ),
                articles,
            )
            if dialect == "sqlite":
                connection.exec_driver_sql(
                    "INSERT INTO article_search (rowid, title, lead, body) VALUES (?, ?, ?, ?)",
                    documents,
                )
                connection.exec_driver_sql(
                    "INSERT INTO article_search_heading (rowid, title, lead) VALUES (?, ?, ?)",
                    [d[:3] for d in documents],
                )
            else:
                connection.execute(
                    text(
                        "INSERT INTO article_search (article_id, document, heading)"
                        " VALUES (:id, CAST(:document AS tsvector), CAST(:heading AS tsvector))"
                    ),
                    [{"id": d[0], "document": d[1], "heading": d[2]} for d in documents],
                )
            connection.commit()
            print(f"  … {rows[-1][0] + 1:>9,} articles", end="\r", flush=True, file=sys.stderr)
        if dialect == "sqlite":
            for fts in ("article_search", "article_search_heading"):
                connection.exec_driver_sql(f"INSERT INTO {fts}({fts}) VALUES('optimize')")
        else:
            connection.exec_driver_sql(
                "SELECT setval('articles_id_seq', (SELECT max(id) FROM articles))"
            )
        connection.commit()
    if dialect == "postgresql":
        vacuum(engine)
    print(" " * 30, end="\r", file=sys.stderr)
    return time.perf_counter() - began


def vacuum(engine: Engine) -> None:
    """VACUUM ANALYZE the tables a search reads (after a load, or a migration that rewrote them:
    the GIN bitmap would otherwise carry every dead row version too)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM ANALYZE articles")
        connection.exec_driver_sql("VACUUM ANALYZE article_search")


# --- measuring -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Probe:
    kind: str  # "1 word" / "3 words", "accents" / "no accents"
    query: str


def probes(count: int) -> list[Probe]:
    rng = random.Random(15)
    out = []
    for _ in range(count):
        one = rng.choice(WORDS)
        three = " ".join(rng.sample(WORDS, 3))
        out += [
            Probe("1 word, accents", one),
            Probe("1 word, no accents", fold(one)),
            Probe("3 words, accents", three),
            Probe("3 words, no accents", fold(three)),
        ]
    return out


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure_search(engine: Engine, queries: list[Probe]) -> dict[str, dict[str, float]]:
    session = make_sessionmaker(engine)()
    try:
        for probe in queries:  # warm the cache
            search(session, probe.query)
        timings: dict[str, list[float]] = {}
        matches: dict[str, list[int]] = {}
        for probe in queries:
            began = time.perf_counter()
            hits = search(session, probe.query)
            timings.setdefault(probe.kind, []).append((time.perf_counter() - began) * 1000)
            assert hits, f"no hit for {probe.query!r}"
        for probe in queries[: 4 * 10]:  # how much each kind of query matches (first 10 each)
            found = session.scalar(
                select(func.count()).select_from(
                    matching_ids(session, parse_query(probe.query)).subquery()
                )
            )
            matches.setdefault(probe.kind, []).append(found or 0)
    finally:
        session.close()
    report = {}
    every = [t for values in timings.values() for t in values]
    for kind, values in [*timings.items(), ("all", every)]:
        report[kind] = {
            "p50": statistics.median(values),
            "p95": percentile(values, 0.95),
            "max": max(values),
            "matches": statistics.median(matches.get(kind, [0])) if kind != "all" else 0,
        }
    return report


# How a PostgreSQL export reads its rows: "copy" (the export's own way, db.export_copy) or
# "cursor" (a server-side cursor and a query per label table and batch, what it did before).
_READS = {
    "copy": "",
    "cursor": "import functools, db.export_rows as rows\n"
    "rows.export_batches = functools.partial(rows.export_batches, copy=False)\n",
}


def measure_export(
    url: str, until: date | None, workdir: Path, read: str = "copy"
) -> dict[str, float]:
    """`baotinh export --format parquet` in a child process: rows, seconds, peak RSS."""
    output = workdir / f"export-{until or 'all'}.parquet"
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent this child was
    # forked from; VmHWM belongs to the program exec'd.
    script = (
        "import re, sys, time\n"
        "from baotinh.cli import main\n"
        "began, cpu = time.perf_counter(), time.process_time()\n"
        # Timed: the export imports its modules as it runs, and the cursor read's imports
        # them first.
        + _READS[read]
        + "code = main(sys.argv[1:])\n"
        "seconds, cpu = time.perf_counter() - began, time.process_time() - cpu\n"
        "status = open('/proc/self/status').read()\n"
        "peak = re.search(r'VmHWM:\\s+(\\d+) kB', status).group(1)\n"
        "print('RESULT', seconds, peak, code, cpu)\n"
    )
    args = ["export", "--format", "parquet", "--output", str(output)]
    if until is not None:
        args += ["--until", until.isoformat()]
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "BAOTINH_DATABASE_URL": url},
    )
    seconds, rss_kb, code, cpu = done.stdout.rsplit("RESULT", 1)[1].split()
    if code != "0":
        raise SystemExit(f"the export failed: {done.stderr.strip()[-500:]}")
    exported = int(re.search(r"Exported ([\d,]+) articles", done.stdout).group(1).replace(",", ""))
    return {
        "rows": exported,
        "seconds": float(seconds),
        "rows_per_s": exported / float(seconds),
        # CPU of the export process, both its threads (the database server's is apart): what an
        # article costs whatever else the machine runs.
        "cpu_us_per_row": float(cpu) / exported * 1e6,
        "rss_mb": int(rss_kb) / 1024,
        "file_mb": output.stat().st_size / 1e6,
    }


def load_average() -> str:
    """The machine's load (1-minute average, as `uptime` prints it): the two cores are shared,
    and every figure moves with what else runs."""
    return f"load {os.getloadavg()[0]:.2f}"


def measure_ingest(engine: Engine, first: int, pairs: int) -> dict[str, float]:
    """Per article: upsert_article + index_article (A) against upsert_article alone (B),
    alternating, each in its own transaction as the ingest does. The ratio is of the medians;
    the means' ratio beside it counts the occasional slow commit too (an FTS5 segment merge, a
    GIN pending-list flush)."""
    real = db.store.index_article
    with_index, without = [], []
    for n in range(pairs * 2):
        number = first + n
        title, lead, body = generated(number)
        article = ExtractedArticle(
            url=f"https://baothu.example/moi/{number}.html",
            canonical_url=f"https://baothu.example/moi/{number}.html",
            title=title,
            lead=lead,
            text=body,
            published=published(number),
            content_hash=content_hash(title, body),
        )
        indexed = n % 2 == 0
        db.store.index_article = real if indexed else (lambda *args: None)
        try:
            began = time.perf_counter()
            with session_scope(engine) as session:
                db.store.upsert_article(session, "bench", article, datetime.now(UTC))
            (with_index if indexed else without).append((time.perf_counter() - began) * 1000)
        finally:
            db.store.index_article = real
    a, b = statistics.median(with_index), statistics.median(without)
    mean_ratio = statistics.mean(with_index) / statistics.mean(without)
    return {"with_ms": a, "without_ms": b, "ratio": a / b, "mean_ratio": mean_ratio}


# --- stores --------------------------------------------------------------------------------------


@dataclass
class Store:
    name: str
    url: str
    drop: Callable[[], None] | None = None


def sqlite_store(workdir: Path, keep: str | None) -> Store:
    if keep is None:
        return Store("sqlite", f"sqlite:///{workdir / 'search-bench.sqlite3'}")
    path = workdir / f"{keep}.sqlite3"
    print(f"sqlite: kept in {path} (rm it when done)")
    return Store("sqlite", f"sqlite:///{path}")


def postgres_store(keep: str | None) -> Store | None:
    server = (
        os.environ.get("BAOTINH_TEST_POSTGRES_URL") or "postgresql+psycopg://127.0.0.1:5432/test"
    )
    admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    name = f"baotinh_bench_{keep or secrets.token_hex(4)}"
    try:
        with admin.connect() as connection:
            exists = connection.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            )
            if keep is None or not exists:
                connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except Exception as exc:  # noqa: BLE001 - say why and go on with SQLite
        print(f"PostgreSQL skipped: {str(exc).splitlines()[0]}")
        return None

    def drop() -> None:
        with admin.connect() as connection:
            connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()

    if keep is not None:
        print(f'postgresql: kept in database {name} (DROP DATABASE "{name}" when done)')
    url = admin.url.set(database=name).render_as_string(hide_password=False)
    return Store("postgresql", url, None if keep else drop)


def stored_articles(engine: Engine) -> int:
    """How many generated articles the store holds: a kept store is loaded on from there."""
    with engine.connect() as connection:
        return connection.scalar(
            text("SELECT count(*) FROM articles WHERE canonical_url LIKE :loaded"),
            {"loaded": LOADED_URLS},
        )


def delete_ingested(engine: Engine) -> None:
    """Take the ingest measurement's articles out again (PostgreSQL's search rows go with them,
    by their foreign key; SQLite's FTS5 rows are deleted by hand)."""
    with engine.begin() as connection:
        ids = list(
            connection.scalars(
                text("SELECT id FROM articles WHERE canonical_url LIKE :ingested"),
                {"ingested": INGESTED_URLS},
            )
        )
        if not ids:
            return
        if engine.dialect.name == "sqlite":
            for fts in ("article_search", "article_search_heading"):
                connection.exec_driver_sql(
                    f"DELETE FROM {fts} WHERE rowid = ?", [(id_,) for id_ in ids]
                )
        connection.execute(
            text("DELETE FROM articles WHERE canonical_url LIKE :ingested"),
            {"ingested": INGESTED_URLS},
        )


def prepare(store: Store) -> Engine:
    upgrade(store.url)
    engine = make_engine(store.url)
    with session_scope(engine) as session:
        session.execute(
            text(
                "INSERT INTO sites (id, key, name, domain, former_domains, provinces, created_at)"
                " VALUES (1, 'bench', 'Báo Thử', 'baothu.example', '[]', '[]', :now)"
                " ON CONFLICT DO NOTHING"
            ),
            {
                "now": datetime.now(UTC).replace(tzinfo=None)
                if store.name == "sqlite"
                else datetime.now(UTC)
            },
        )
        if store.name == "postgresql":  # the id given above: the sequence goes on past it
            session.execute(text("SELECT setval('sites_id_seq', (SELECT max(id) FROM sites))"))
    return engine


def size_label(size: int) -> str:
    return f"{size // 1_000_000}M" if size % 1_000_000 == 0 else f"{size // 1000}k"


def run(args: argparse.Namespace) -> Iterator[tuple[str, str]]:
    sizes = [int(s) for s in args.sizes.split(",")]
    queries = probes(args.queries)
    if args.dir:
        Path(args.dir).mkdir(parents=True, exist_ok=True)  # the stores and exports go there
    if args.keep is not None:
        workdir = Path(args.dir or tempfile.gettempdir())
    else:
        workdir = Path(tempfile.mkdtemp(prefix="baotinh-search-bench-", dir=args.dir))
    print(
        f"Work folder: {workdir}  ({os.cpu_count()} cores, {len(WORDS)} listed words,"
        f" {len(VOCAB)} in the vocabulary)"
    )
    with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
        for backend in args.backends.split(","):
            store = (
                sqlite_store(workdir, args.keep)
                if backend == "sqlite"
                else postgres_store(args.keep)
            )
            if store is None:
                continue
            try:
                engine = prepare(store)
                delete_ingested(engine)  # a run that stopped half way may have left some
                stored = stored_articles(engine)
                if stored and backend == "postgresql":
                    vacuum(engine)
                for size in sizes:
                    if backend == "postgresql" and size > args.postgres_max:
                        print(f"{backend}: {size:,} skipped (--postgres-max {args.postgres_max:,})")
                        continue
                    if size < stored:
                        print(f"{backend}: {size:,} skipped (the kept store holds {stored:,})")
                        continue
                    seconds = load(engine, stored, size, pool) if size > stored else 0.0
                    stored = size
                    label = f"{backend}_{size_label(size)}"
                    print(
                        f"\n{backend}, {size:,} articles (stored with their search documents in"
                        f" {seconds:.0f} s)"
                    )
                    report = measure_search(engine, queries)
                    print(
                        f"  {'query':22}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}  matches (median)"
                        f"  [{load_average()} after]"
                    )
                    for kind, f in report.items():
                        print(
                            f"  {kind:22}{f['p50']:9.1f}{f['p95']:9.1f}{f['max']:9.1f}"
                            f"  {f['matches']:,.0f}"
                        )
                    yield f"{label}_search_p50_ms", f"{report['all']['p50']:.1f}"
                    yield f"{label}_search_p95_ms", f"{report['all']['p95']:.1f}"
                ingest = measure_ingest(engine, INGEST_FIRST, args.ingest_pairs)
                delete_ingested(engine)
                print(
                    f"  ingest per article: {ingest['with_ms']:.2f} ms with the index,"
                    f" {ingest['without_ms']:.2f} ms without (×{ingest['ratio']:.2f}, means"
                    f" ×{ingest['mean_ratio']:.2f}; {args.ingest_pairs} of each, interleaved;"
                    f" {load_average()})"
                )
                yield f"{backend}_ingest_ratio", f"{ingest['ratio']:.2f}"
                yield f"{backend}_ingest_mean_ratio", f"{ingest['mean_ratio']:.2f}"
                yield f"{backend}_ingest_ms", f"{ingest['with_ms']:.2f}"
                if backend == args.export_backend:
                    labelled = label_articles(engine, LOADED_URLS)
                    print(f"  labels: {labelled:,} articles labelled for the export")
                    small_until = (published(stored // 10) - timedelta(days=1)).date()
                    reads = args.export_reads.split(",") if backend == "postgresql" else ["copy"]
                    measures = [
                        (which, until, read)
                        for _ in range(args.export_rounds)
                        for which, until in (("small", small_until), ("large", None))
                        for read in reads
                    ]
                    for which, until, read in measures:
                        figures = measure_export(store.url, until, workdir, read)
                        if len(reads) > 1:
                            which = f"{which}_{read}"
                        print(
                            f"  export {which}: {figures['rows']:,} articles to Parquet in"
                            f" {figures['seconds']:.1f} s ({figures['rows_per_s']:,.0f}/s;"
                            f" {figures['cpu_us_per_row']:.0f} µs of CPU each),"
                            f" peak RSS {figures['rss_mb']:.0f} MB,"
                            f" file {figures['file_mb']:.0f} MB; {load_average()}"
                        )
                        yield f"export_{which}_rows", str(figures["rows"])
                        yield f"export_{which}_rows_per_s", f"{figures['rows_per_s']:.0f}"
                        yield f"export_{which}_rss_mb", f"{figures['rss_mb']:.0f}"
                        yield f"export_{which}_cpu_us", f"{figures['cpu_us_per_row']:.0f}"
                engine.dispose()
            finally:
                if store.drop is not None:
                    store.drop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000", help="store sizes, comma-separated")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--postgres-max", type=int, default=100_000, help="largest PostgreSQL size")
    parser.add_argument("--queries", type=int, default=50, help="queries of each of the 4 kinds")
    parser.add_argument("--ingest-pairs", type=int, default=500)
    parser.add_argument("--export-backend", default="sqlite", help="where the export is measured")
    parser.add_argument(
        "--export-reads",
        default="copy",
        help="PostgreSQL: copy, cursor, or both (copy,cursor: interleaved)",
    )
    parser.add_argument("--export-rounds", type=int, default=1, help="each export this often")
    parser.add_argument("--dir", help="where the SQLite file goes (default: the temp folder)")
    parser.add_argument(
        "--keep", metavar="NAME", help="keep the stores under this name; reuse them if they exist"
    )
    args = parser.parse_args()
    began, load_start = time.perf_counter(), os.getloadavg()[0]
    print(f"Started at {load_average()}")
    figures = dict(run(args))
    figures["total_s"] = f"{time.perf_counter() - began:.0f}"
    figures["load_start"] = f"{load_start:.2f}"
    figures["load_end"] = f"{os.getloadavg()[0]:.2f}"
    print()
    print(" ".join(f"{key}={value}" for key, value in figures.items()))


if __name__ == "__main__":
    main()
