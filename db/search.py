"""Full-text search over stored articles, the same on SQLite and PostgreSQL.

Each article's title, lead and text are folded and tokenised in Python (`baotinh.core.search`) and
kept in `article_search`, in the same transaction as the article (`index_article`, called by
`db.store.upsert_article`):

- SQLite: an FTS5 table, rowid = article id, columns title, lead and body holding the folded
  tokens (unicode61 tokenizer, which then only splits on the spaces between them). A plain FTS5
  table keeps its own copy of those tokens: SQLite 3.40 has no contentless_delete (3.43), and a
  contentless table cannot drop a row without its old values. Ranking: bm25 with the title
  weighing 10, the lead 4, the text 1.
- PostgreSQL: a table (article_id, document tsvector) with a GIN index. The tsvector is written
  out by Python (`baotinh.core.search.tsvector_literal`), never parsed by PostgreSQL's text search
  parser, so both stores read exactly the same tokens; no extension (unaccent) is needed.
  Ranking: ts_rank, the title weighing A (1.0), the lead B (0.4), the text D (0.1).

The table is derived data: `index_all` rebuilds it (migration 0006 does, for articles stored
before it), and the migrations' comparison with the models leaves it out (`is_search_table`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    Select,
    any_,
    bindparam,
    cast,
    column,
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, TSQUERY
from sqlalchemy.orm import Session

from baotinh.core.dates import local_iso
from baotinh.core.search import Query, document_fields, parse_query, snippet, tsvector_literal
from db.filters import ArticleFilters
from db.models import Article, ArticleLabel, Site

SEARCH_TABLE = "article_search"
# FTS5 keeps its index in shadow tables named after the table.
_FTS5_SHADOWS = ("data", "idx", "content", "docsize", "config")
# bm25 weights of title, lead and body (FTS5); ts_rank's default weights do the same on
# PostgreSQL (A 1.0 for the title, B 0.4 for the lead, D 0.1 for the text).
_BM25 = f"bm25({SEARCH_TABLE}, 10.0, 4.0, 1.0)"
INDEX_BATCH = 1000
# How many matching articles a search ranks: the ones stored last (see `search`).
RANK_WINDOW = 5_000

ArticleRow = tuple[int, str, str | None, str]  # id, title, lead, text


def is_search_table(name: str | None) -> bool:
    """The search table and FTS5's shadow tables: derived data that is not in db.models."""
    return name == SEARCH_TABLE or name in {f"{SEARCH_TABLE}_{s}" for s in _FTS5_SHADOWS}


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic's include_name hook: compare everything but the search table."""
    return not (type_ == "table" and is_search_table(name))


# --- writing the index ---------------------------------------------------------------------------


def index_article(session: Session, article_id: int) -> None:
    """Index (again) one stored article as it is now; call it in the transaction that wrote it."""
    row = session.execute(
        select(Article.title, Article.lead, Article.text).where(Article.id == article_id)
    ).one_or_none()
    if row is not None:
        write_documents(session.connection(), [(article_id, row.title, row.lead, row.text)])


def write_documents(connection: Connection, rows: Sequence[ArticleRow]) -> None:
    """Replace the search documents of these articles."""
    if not rows:
        return
    if connection.dialect.name == "sqlite":
        connection.execute(
            text(f"DELETE FROM {SEARCH_TABLE} WHERE rowid = :id"), [{"id": row[0]} for row in rows]
        )
        connection.execute(
            text(
                f"INSERT INTO {SEARCH_TABLE} (rowid, title, lead, body)"
                " VALUES (:id, :title, :lead, :body)"
            ),
            [
                dict(
                    zip(("title", "lead", "body"), document_fields(*row[1:]), strict=True),
                    id=row[0],
                )
                for row in rows
            ],
        )
        return
    connection.execute(
        text(
            f"INSERT INTO {SEARCH_TABLE} (article_id, document)"
            " VALUES (:id, CAST(:document AS tsvector))"
            " ON CONFLICT (article_id) DO UPDATE SET document = excluded.document"
        ),
        [{"id": row[0], "document": tsvector_literal(*row[1:])} for row in rows],
    )


def index_all(connection: Connection, batch: int = INDEX_BATCH) -> int:
    """Index every stored article (plain SQL, so a migration can call it whatever the models
    say later); returns how many. Reads and writes in batches of `batch` articles."""
    done, last = 0, 0
    select_batch = text(
        "SELECT id, title, lead, text FROM articles WHERE id > :last ORDER BY id LIMIT :batch"
    )
    while True:
        rows = [
            tuple(row) for row in connection.execute(select_batch, {"last": last, "batch": batch})
        ]
        if not rows:
            return done
        write_documents(connection, rows)  # type: ignore[arg-type]
        done += len(rows)
        last = rows[-1][0]


# --- searching -----------------------------------------------------------------------------------


def matching(session: Session, query: Query) -> tuple[Any, ColumnElement[Any], ColumnElement[Any]]:
    """(the search table, its article id column, the match condition) for `query`."""
    if session.get_bind().dialect.name == "sqlite":
        fts = table(SEARCH_TABLE, column("rowid"))
        condition = text(f"{SEARCH_TABLE} MATCH :match").bindparams(match=query.fts5())
        return fts, fts.c.rowid, condition  # type: ignore[return-value]
    documents = table(SEARCH_TABLE, column("article_id"), column("document"))
    condition = documents.c.document.op("@@")(_tsquery(query))
    return documents, documents.c.article_id, condition


def matching_ids(session: Session, query: Query) -> Select[Any]:
    """SELECT of the ids of the articles that match `query` (for `Article.id.in_(...)`)."""
    return _matches(session, query, None)[2]


def _matches(
    session: Session, query: Query, allowed: Select[Any] | None
) -> tuple[Any, ColumnElement[Any], Select[Any]]:
    """(search table, its article id column, SELECT of the ids matching `query` among the
    `allowed` ones)."""
    source, article_id, condition = matching(session, query)
    ids = select(article_id).select_from(source).where(condition)
    if allowed is not None:
        ids = ids.where(article_id.in_(allowed))
    return source, article_id, ids


def _tsquery(query: Query) -> ColumnElement[Any]:
    return cast(bindparam("tsquery", query.tsquery()), TSQUERY)


class Hits(list[dict[str, Any]]):
    """The hits of a search, best first; `windowed` when more articles matched than were
    ranked (RANK_WINDOW)."""

    windowed: bool = False


def search(
    session: Session,
    query: str | Query,
    filters: ArticleFilters | None = None,
    limit: int = 20,
    window: int | None = RANK_WINDOW,
) -> Hits:
    """The best `limit` articles for `query` that pass `filters`, best first: id, url, title,
    published_at (ISO 8601, Asia/Ho_Chi_Minh), site, topic, score and a snippet of the original
    text with the matches «marked». Raises baotinh.core.search.EmptyQueryError for an empty query.

    Ranked are the `window` matching articles stored last (None: every match): ranking costs
    a few microseconds per match, and a query of common words matches most of the store."""
    if isinstance(query, str):
        query = parse_query(query)
    allowed = None
    if filters is not None and filters.any():
        allowed = filters.apply(select(Article.id))
    if session.get_bind().dialect.name == "sqlite":
        scores, windowed = _rank_sqlite(session, query, allowed, limit, window)
    else:
        scores, windowed = _rank_postgresql(session, query, allowed, limit, window)
    details = {row.id: row for row in _details(session, scores)}
    hits = Hits(
        {
            "id": row.id,
            "url": row.canonical_url,
            "title": row.title,
            "published_at": local_iso(row.published_at),
            "site": row.key,
            "topic": row.topic,
            "score": round(scores[row.id], 6),
            "snippet": snippet(query, row.text, row.lead, row.title),
        }
        for row in (details[hit] for hit in scores if hit in details)
    )
    hits.windowed = windowed
    return hits


# Ranked on the search table alone: article rows (long texts) are read for the hits only, and
# filters come in as one uncorrelated IN over the articles they allow.


def _rank_sqlite(
    session: Session, query: Query, allowed: Select[Any] | None, limit: int, window: int | None
) -> tuple[dict[int, float], bool]:
    _, article_id, base = _matches(session, query, allowed)
    outside = None
    if window is not None:
        # FTS5 walks a doclist backwards cheaply: the newest match outside the window, if any.
        outside = session.scalar(base.order_by(article_id.desc()).offset(window).limit(1))
    score = literal_column(_BM25)  # negative; lower is better
    ranked = base.add_columns(score.label("score"))
    if outside is not None:
        ranked = ranked.where(article_id > outside)
    ranked = ranked.order_by(score, article_id.desc()).limit(limit)
    rows = session.execute(ranked).all()
    return {row[0]: -float(row.score) for row in rows}, outside is not None


def _rank_postgresql(
    session: Session, query: Query, allowed: Select[Any] | None, limit: int, window: int | None
) -> tuple[dict[int, float], bool]:
    documents, article_id, base = _matches(session, query, allowed)
    score = func.ts_rank(documents.c.document, _tsquery(query))
    if window is None:
        ranked = base.add_columns(score.label("score"))
        windowed = False
    else:
        # The window's ids from the GIN index (no document read), then one ts_rank per id: a
        # document is read once, not once to match and again to rank.
        ids = _bitmap_scalars(session, base.order_by(article_id.desc()).limit(window + 1))
        windowed = len(ids) > window
        ranked = (
            select(article_id, score.label("score"))
            .select_from(documents)
            .where(article_id == any_(cast(bindparam("window_ids", ids[:window]), ARRAY(Integer))))
        )
    ranked = ranked.order_by(score.desc(), article_id.desc()).limit(limit)
    rows = session.execute(ranked).all()
    return {row[0]: float(row.score) for row in rows}, windowed


def _bitmap_scalars(session: Session, query: Select[Any]) -> list[Any]:
    """`query`'s values, read through the GIN index. The planner counts nothing for reading a
    document out of line to test a match, so for a common word it walks the primary key or the
    table and reads every document (~4 µs each); the GIN bitmap reads none. The settings last
    until the savepoint is rolled back, which undoes nothing else (the query only reads)."""
    savepoint = session.begin_nested()
    try:
        session.execute(text("SET LOCAL enable_seqscan = off"))
        session.execute(text("SET LOCAL enable_indexscan = off"))
        return list(session.scalars(query))
    finally:
        savepoint.rollback()


def _details(session: Session, ids: Iterable[int]) -> list[Any]:
    ids = list(ids)
    if not ids:
        return []
    return list(
        session.execute(
            select(
                Article.id,
                Article.canonical_url,
                Article.title,
                Article.lead,
                Article.text,
                Article.published_at,
                Site.key,
                ArticleLabel.topic,
            )
            .join(Site, Site.id == Article.site_id)
            .outerjoin(ArticleLabel, ArticleLabel.article_id == Article.id)
            .where(Article.id.in_(ids))
        )
    )
