"""Search in bounded time: titles and leads indexed apart, PostgreSQL's GIN index by id bucket.

Why: a search ranked its window of matches with bm25 (SQLite) or ts_rank (PostgreSQL), and
both cost what the store holds, not what a search returns. FTS5's bm25 counts every article
holding each query word before it scores one (60 ms for a common word on a million articles);
PostgreSQL built the list of every match from its GIN index (~0.2 µs each) and read each ranked
document out of TOAST (~12 µs each). Issue 15 asks for 50 ms at a million articles. A search now
takes the newest matches straight from the index and ranks them by where the words are, in the
title or the lead, which needs those two fields apart and small (db/search.py):

- SQLite: `article_search_heading`, an FTS5 table of the folded title and lead (columnsize=0:
  no bm25 reads its sizes). Filled from `article_search`, which holds the same tokens.
- PostgreSQL: `article_search.heading`, the tsvector of the title (A) and lead (B), a few hundred
  bytes kept in the row, filled from the articles (folded in Python, as every search document
  is); and the GIN index becomes one on (article_id / 1024, document), so that the newest
  matches of a common word are read bucket by bucket instead of all of them. Indexing a plain
  integer in a GIN index takes btree_gin, a contrib extension (trusted since PostgreSQL 13: the
  database's owner may create it).

Downgrade drops the table, the column and the bucketed index, and builds the plain GIN index
again; btree_gin stays installed (other objects may use it; it costs nothing unused).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

BATCH = 1000


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE article_search_heading USING fts5("
            "title, lead, tokenize = 'unicode61 remove_diacritics 0', columnsize = 0)"
        )
        op.execute(
            "INSERT INTO article_search_heading (rowid, title, lead)"
            " SELECT rowid, title, lead FROM article_search"
        )
        return
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
    op.execute("ALTER TABLE article_search ADD COLUMN heading tsvector")
    _fill_headings(connection)
    op.execute("ALTER TABLE article_search ALTER COLUMN heading SET NOT NULL")
    op.drop_index("ix_article_search__document", table_name="article_search")
    op.execute(
        "CREATE INDEX ix_article_search__bucket_document ON article_search"
        " USING gin ((article_id / 1024), document)"
    )


def _fill_headings(connection: sa.Connection) -> None:
    """The heading tsvector of every indexed article, `BATCH` at a time."""
    from baotinh.core.search import heading_tsvector_literal

    read = sa.text(
        "SELECT a.id, a.title, a.lead FROM articles a"
        " JOIN article_search s ON s.article_id = a.id"
        " WHERE a.id > :last ORDER BY a.id LIMIT :batch"
    )
    write = sa.text(
        "UPDATE article_search s SET heading = CAST(v.heading AS tsvector)"
        " FROM unnest(CAST(:ids AS integer[]), CAST(:headings AS text[])) AS v(id, heading)"
        " WHERE s.article_id = v.id"
    )
    last = -(2**31)  # below any id (the search benchmark's first article is 0)
    while rows := connection.execute(read, {"last": last, "batch": BATCH}).all():
        connection.execute(
            write,
            {
                "ids": [row.id for row in rows],
                "headings": [heading_tsvector_literal(row.title, row.lead) for row in rows],
            },
        )
        last = rows[-1].id


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # Dropping the FTS5 table drops its shadow tables.
        op.execute("DROP TABLE article_search_heading")
        return
    op.drop_index("ix_article_search__bucket_document", table_name="article_search")
    op.create_index(
        "ix_article_search__document", "article_search", ["document"], postgresql_using="gin"
    )
    op.drop_column("article_search", "heading")
