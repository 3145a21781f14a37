"""Full-text search over stored articles, the same on SQLite and PostgreSQL.

Each article's title, lead and text are folded and tokenised in Python (`baotinh.core.search`) and
kept in `article_search`, in the same transaction as the article (`index_article`, called by
`db.store.upsert_article`):

- SQLite: an FTS5 table, rowid = article id, columns title, lead and body holding the folded
  text, which its unicode61 tokenizer splits into exactly the tokens of
  `baotinh.core.search.tokens` (`document_fields`), and a second, small one,
  `article_search_heading`, with the title and lead alone (migration 0011). A plain FTS5 table
  keeps its own copy of those tokens: SQLite 3.40 has no contentless_delete (3.43), and a
  contentless table cannot drop a row without its old values.
- PostgreSQL: a table (article_id, document tsvector, heading tsvector) with a GIN index on
  (article_id / 1024, document) (btree_gin, migration 0011). The tsvectors are written out by
  Python (`baotinh.core.search.tsvector_literals`), never parsed by PostgreSQL's text search
  parser, so both stores read exactly the same tokens; no unaccent is needed.

A search takes the `window` matching articles stored last (every match with window=None) and
ranks them by where the query's words are (`baotinh.core.search.TITLE_WEIGHT`, LEAD_WEIGHT: each
word in the title, else the lead; the whole query as a phrase there), equal scores newest first.
Both steps cost the same whatever the size of the store:

- the window comes from the index in id order: FTS5 walks its lists backwards from the newest
  article; PostgreSQL asks the GIN index for the matches in the newest id buckets (1,024 ids
  each), more buckets at each step until the window is full, so it never builds the list of
  every match of a common word (~0.17 µs each: 100 ms for a word in 60% of a million
  articles);
- the score reads only titles and leads: SQLite asks the small heading table which of the
  window's articles have each word there; PostgreSQL checks the heading tsvector, a few hundred
  bytes in the row beside the id, while the large document stays in TOAST.

bm25 (FTS5) and ts_rank (PostgreSQL) ranked until migration 0011, weighing how often the words
occur; neither fits: FTS5's bm25 first counts every article holding each query word (its IDF,
~60 ns an article: 60 ms for a word every article has, on a million), and ts_rank reads each
ranked document out of line (~12 µs each).

The tables are derived data: `index_all` rebuilds them (migration 0006 did for the articles
stored before it; 0011 fills the headings), and the migrations' comparison with the models
leaves them out (`is_search_table`).

The module is a little over the usual size: the SQLite and PostgreSQL paths of each step are
kept side by side, so that a change to one is made to the other.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    bindparam,
    case,
    cast,
    column,
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.orm import Session

from baotinh.core.dates import local_iso
from baotinh.core.search import (
    LEAD_WEIGHT,
    TITLE_WEIGHT,
    Query,
    document_fields,
    parse_query,
    snippet,
    tsvector_literals,
)
from db.filters import ArticleFilters
from db.models import Article, ArticleLabel, Site

SEARCH_TABLE = "article_search"
# SQLite: the title and lead again, in a small FTS5 table of their own (see the module's text).
HEADING_TABLE = "article_search_heading"
# FTS5 keeps its index in shadow tables named after the table.
_FTS5_SHADOWS = ("data", "idx", "content", "docsize", "config")
INDEX_BATCH = 1000
# How many matching articles a search ranks: the ones stored last (see `search`).
RANK_WINDOW = 5_000
# PostgreSQL: the GIN index holds article_id / ID_BUCKET beside the document (migration 0011).
ID_BUCKET = 1024
# PostgreSQL: the planner's settings while a search reads the index (see _rank_postgresql).
_SEARCH_SETTINGS = {"enable_seqscan": "off", "enable_indexscan": "off", "work_mem": "16MB"}
# PostgreSQL: how many steps of newest buckets, each four times wider than the one before,
# before a rare query's remaining matches are read from the index in one go instead.
_BUCKET_STEPS = 3

ArticleRow = tuple[int, str | None, str | None, str]  # id, title, lead, text


def is_search_table(name: str | None) -> bool:
    """The search tables and FTS5's shadow tables: derived data that is not in db.models."""
    return name in {
        table
        for base in (SEARCH_TABLE, HEADING_TABLE)
        for table in (base, *(f"{base}_{shadow}" for shadow in _FTS5_SHADOWS))
    }


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic's include_name hook: compare everything but the search table."""
    return not (type_ == "table" and is_search_table(name))


# --- writing the index ---------------------------------------------------------------------------


def index_article(
    session: Session,
    article_id: int,
    fields: tuple[str | None, str | None, str] | None = None,
) -> None:
    """Index (again) one stored article as it is now; call it in the transaction that wrote it.
    `fields` (title, lead, text), when the caller has them, saves reading the row back."""
    if fields is None:
        row = session.execute(
            select(Article.title, Article.lead, Article.text).where(Article.id == article_id)
        ).one_or_none()
        if row is None:
            return
        fields = (row.title, row.lead, row.text)
    write_documents(session.connection(), [(article_id, *fields)])


def write_documents(
    connection: Connection, rows: Sequence[ArticleRow], headings: bool = True
) -> None:
    """Replace the search documents of these articles. `headings=False` writes the schema of
    migration 0006, which had no heading table or column yet (migration 0011 adds and fills
    them)."""
    if not rows:
        return
    if connection.dialect.name == "sqlite":
        documents = [(row[0], *document_fields(*row[1:])) for row in rows]
        # FTS5 replaces a row with the same rowid: one statement per table, no DELETE first.
        # Straight to the driver, in the transaction SQLAlchemy has open on it: this runs for
        # every article stored, and SQLAlchemy's statement handling cost as much as the insert.
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.executemany(
                f"INSERT OR REPLACE INTO {SEARCH_TABLE} (rowid, title, lead, body)"
                " VALUES (?, ?, ?, ?)",
                documents,
            )
            if headings:
                cursor.executemany(
                    f"INSERT OR REPLACE INTO {HEADING_TABLE} (rowid, title, lead) VALUES (?, ?, ?)",
                    [document[:3] for document in documents],
                )
        finally:
            cursor.close()
        return
    literals = [(row[0], *tsvector_literals(*row[1:])) for row in rows]
    if headings:
        statement = (
            f"INSERT INTO {SEARCH_TABLE} (article_id, document, heading)"
            " VALUES (%s, CAST(%s AS tsvector), CAST(%s AS tsvector))"
            " ON CONFLICT (article_id) DO UPDATE"
            " SET document = excluded.document, heading = excluded.heading"
        )
    else:
        statement = (
            f"INSERT INTO {SEARCH_TABLE} (article_id, document)"
            " VALUES (%s, CAST(%s AS tsvector))"
            " ON CONFLICT (article_id) DO UPDATE SET document = excluded.document"
        )
        literals = [literal[:2] for literal in literals]
    # Straight to the driver too, in SQLAlchemy's transaction (see above); one article, the
    # ingest's case, as a plain execute: psycopg runs a list of parameters, even of one, in its
    # pipeline mode, which costs more than the insert.
    driver = connection.connection.driver_connection
    with driver.cursor() as cursor:  # type: ignore[union-attr]
        if len(literals) == 1:
            cursor.execute(statement, literals[0])
        else:
            cursor.executemany(statement, literals)


def index_all(connection: Connection, batch: int = INDEX_BATCH, headings: bool = True) -> int:
    """Index every stored article (plain SQL, so a migration can call it whatever the models
    say later); returns how many. Reads and writes in batches of `batch` articles;
    `headings` as in `write_documents`."""
    done, last = 0, -(2**31)  # below any id
    select_batch = text(
        "SELECT id, title, lead, text FROM articles WHERE id > :last ORDER BY id LIMIT :batch"
    )
    while True:
        rows = [
            tuple(row) for row in connection.execute(select_batch, {"last": last, "batch": batch})
        ]
        if not rows:
            return done
        write_documents(connection, rows, headings)  # type: ignore[arg-type]
        done += len(rows)
        last = rows[-1][0]


# --- searching -----------------------------------------------------------------------------------


def matching(session: Session, query: Query) -> tuple[Any, ColumnElement[Any], ColumnElement[Any]]:
    """(the search table, its article id column, the match condition) for `query`."""
    if session.get_bind().dialect.name == "sqlite":
        fts = table(SEARCH_TABLE, column("rowid"))
        condition = text(f"{SEARCH_TABLE} MATCH :match").bindparams(match=query.fts5())
        return fts, fts.c.rowid, condition  # type: ignore[return-value]
    documents = table(SEARCH_TABLE, column("article_id"), column("document"), column("heading"))
    condition = documents.c.document.op("@@")(_tsquery(query.tsquery(), "tsquery"))
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


def _tsquery(literal: str, name: str) -> ColumnElement[Any]:
    return cast(bindparam(name, literal), TSQUERY)


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

    Ranked are the `window` matching articles stored last (None: every match), by where the
    query's words are: the score counts, for each word, TITLE_WEIGHT if the title has it, else
    LEAD_WEIGHT if the lead has it, and for the whole query as a phrase (several words) as
    much again per word; equal scores newest first. Only the hits' rows are read from
    `articles`, for their snippets."""
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
            "score": scores[row.id],
            "snippet": snippet(query, row.text, row.lead, row.title),
        }
        for row in (details[hit] for hit in scores if hit in details)
    )
    hits.windowed = windowed
    return hits


# Ranked on the search tables alone: article rows (long texts) are read for the hits only, and
# filters come in as one uncorrelated IN over the articles they allow.


def _rank_sqlite(
    session: Session, query: Query, allowed: Select[Any] | None, limit: int, window: int | None
) -> tuple[dict[int, int], bool]:
    _, article_id, base = _matches(session, query, allowed)
    oldest = None
    if window is not None:
        # FTS5 walks a doclist backwards cheaply: the newest match outside the window, if any.
        outside = session.scalar(base.order_by(article_id.desc()).offset(window).limit(1))
        oldest = None if outside is None else outside + 1
    score = _heading_score_sqlite(query, oldest)
    ranked = base.add_columns(score.label("score"))
    if oldest is not None:
        ranked = ranked.where(article_id >= oldest)
    ranked = ranked.order_by(score.desc(), article_id.desc()).limit(limit)
    return {row[0]: int(row.score) for row in session.execute(ranked)}, oldest is not None


def _heading_score_sqlite(query: Query, oldest: int | None) -> ColumnElement[int]:
    """The score (see `search`) of each FTS5 row, from the heading table: one set of the
    window's ids per term and field, each read from that term's short heading list (the
    window's stretch of it), then looked up for each row."""
    heading = table(HEADING_TABLE, column("rowid"))
    rowid = literal_column(f"{SEARCH_TABLE}.rowid")

    def having(name: str, match: str) -> ColumnElement[bool]:
        ids = select(heading.c.rowid).where(
            text(f"{HEADING_TABLE} MATCH :{name}").bindparams(bindparam(name, match))
        )
        if oldest is not None:
            ids = ids.where(heading.c.rowid >= oldest)
        return rowid.in_(ids)

    parts = []
    for number, (term, times) in enumerate(query.heading_checks()):
        where = case(
            (having(f"heading_{number}_title", "{title} : " + term.fts5()), TITLE_WEIGHT),
            (having(f"heading_{number}_lead", "{lead} : " + term.fts5()), LEAD_WEIGHT),
            else_=0,
        )
        parts.append(where * times if times > 1 else where)
    return sum(parts[1:], parts[0])


def _rank_postgresql(
    session: Session, query: Query, allowed: Select[Any] | None, limit: int, window: int | None
) -> tuple[dict[int, int], bool]:
    documents, article_id, condition = matching(session, query)
    matches = select(article_id, documents.c.heading).select_from(documents).where(condition)
    if allowed is not None:
        matches = matches.where(article_id.in_(allowed))
    # The planner counts nothing for reading a document out of line to test a match, so it
    # would walk the primary key (or the table) and read every document (~12 µs each) where
    # the GIN index reads none: sequential and index scans are off for these queries, and they
    # get the memory to sort a step's rows (up to twice the window with their ~400-byte
    # headings, which went to disk past the default 4 MB). One round trip sets them (for this
    # transaction, as SET LOCAL would) and reads the newest id through the primary key, planned
    # before they apply; one more puts them back. (A failed query fails the transaction, and
    # the settings go with it.)
    before = session.execute(
        select(
            select(func.max(article_id)).scalar_subquery(),
            *(func.current_setting(name) for name in _SEARCH_SETTINGS),
            *(func.set_config(name, value, True) for name, value in _SEARCH_SETTINGS.items()),
        )
    ).one()
    newest, previous = before[0], before[1 : 1 + len(_SEARCH_SETTINGS)]
    if newest is None:
        best: list[Any] = []
    elif window is None:
        best = session.execute(_ranked(matches, query, None, limit)).all()
    else:
        best = _newest_ranked(session, matches, query, newest, window, limit)
    session.execute(
        select(
            *(
                func.set_config(name, value, True)
                for name, value in zip(_SEARCH_SETTINGS, previous, strict=True)
            )
        )
    )
    windowed = window is not None and bool(best) and best[0].found > window
    return {row.article_id: int(row.score) for row in best}, windowed


def _ranked(matches: Select[Any], query: Query, window: int | None, limit: int) -> Select[Any]:
    """The best `limit` (article id, score, found) of the `window` newest rows of `matches`
    (of all of them with window=None), best first, `found` being how many rows were read (at
    most window + 1: one more says that more matched). Scored are the rows kept, not every
    match the index gave, and only the best leave the server."""
    article_id = matches.selected_columns[0]
    if window is not None:
        matches = matches.order_by(article_id.desc()).limit(window + 1)
    rows = matches.subquery()
    scored = select(
        rows.c.article_id,
        _heading_score_postgresql(rows.c.heading, query).label("score"),
        func.row_number().over(order_by=rows.c.article_id.desc()).label("newest"),
        func.count().over().label("found"),
    ).subquery()
    ranked = select(scored.c.article_id, scored.c.score, scored.c.found)
    if window is not None:
        ranked = ranked.where(scored.c.newest <= window)
    return ranked.order_by(scored.c.score.desc(), scored.c.article_id.desc()).limit(limit)


def _newest_ranked(
    session: Session, matches: Select[Any], query: Query, newest: int, window: int, limit: int
) -> list[Any]:
    """`_ranked` of the `window` newest rows of `matches`, in bounded time: the GIN index is
    asked for the matches from a bucket on to the newest, one window's worth of ids at first,
    then as many as the matches found so far say the window needs (each step reading its
    predecessor's buckets again); after _BUCKET_STEPS steps the query is rare, and its newest
    matches come from its words' lists alone, short by then. Only `>=` on the bucket: btree_gin
    reads a `<=` bound from the first bucket up, every article of the store."""
    # Written as the index has it, the divisor inline: the planner matches expressions, and a
    # parameter would not be the index's constant.
    bucket = literal_column(f"({SEARCH_TABLE}.article_id / {ID_BUCKET})")
    ids = window + 1  # how many of the newest ids to read: one window's worth at first
    for _ in range(_BUCKET_STEPS):
        low = max(0, (newest + 1 - ids) // ID_BUCKET)
        best = session.execute(_ranked(matches.where(bucket >= low), query, window, limit)).all()
        found = best[0].found if best else 0
        if found > window or low == 0:
            return best
        read = newest + 1 - low * ID_BUCKET
        # As many ids as the share of matches so far says the window needs, and a quarter
        # more; at most 16 times more when too few matches came to say it.
        wanted = (window + 1) * read / max(found, 1) * 1.25
        if found < 20:
            wanted = min(wanted, 16 * read)
        ids = max(2 * read, math.ceil(wanted))
    return session.execute(_ranked(matches, query, window, limit)).all()


def _heading_score_postgresql(heading: ColumnElement[Any], query: Query) -> ColumnElement[int]:
    """The score (see `search`) from the heading tsvector (title A, lead B), in the row: a word
    restricted to weight A is a word of the title. Rows whose heading has none of the words,
    most of them, are settled by one test."""
    parts = []
    for number, (term, times) in enumerate(query.heading_checks()):
        where = case(
            (heading.op("@@")(_tsquery(term.tsquery("A"), f"heading_{number}_a")), TITLE_WEIGHT),
            (heading.op("@@")(_tsquery(term.tsquery("B"), f"heading_{number}_b")), LEAD_WEIGHT),
            else_=0,
        )
        parts.append(where * times if times > 1 else where)
    anywhere = " | ".join(term.tsquery() for term in query.terms)
    return case(
        (heading.op("@@")(_tsquery(anywhere, "heading_any")), sum(parts[1:], parts[0])),
        else_=0,
    )


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
