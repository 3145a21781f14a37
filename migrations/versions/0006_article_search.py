"""Full-text search: `article_search`, folded title, lead and text of every article.

Why: analysts could count articles but not find them, and text typed without accents, as
Vietnamese users often type it, found nothing. Each article's words are folded in Python (accents
off, đ → d, lower case; `baotinh.core.search`) and indexed by the store: an FTS5 table on SQLite, a
tsvector with a GIN index on PostgreSQL (see db/search.py). The ingest keeps it current in the
article's own transaction; this migration indexes the articles stored before it.

PostgreSQL needs no extension: the text is folded before it reaches the database, so unaccent
(available, and trusted since PostgreSQL 13) is not used. The table is derived data and not in
db/models.py; migrations/env.py and the model comparison leave it out (db.search.include_name).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-13
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    from db.search import index_all

    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE article_search USING fts5("
            "title, lead, body, tokenize = 'unicode61 remove_diacritics 0')"
        )
    else:
        op.create_table(
            "article_search",
            sa.Column("article_id", sa.Integer(), nullable=False),
            sa.Column("document", postgresql.TSVECTOR(), nullable=False),
            sa.ForeignKeyConstraint(
                ["article_id"],
                ["articles.id"],
                name="fk_article_search__article_id__articles",
                ondelete="CASCADE",
            ),
            sa.PrimaryKeyConstraint("article_id", name="pk_article_search"),
        )
        op.create_index(
            "ix_article_search__document",
            "article_search",
            ["document"],
            postgresql_using="gin",
        )
    # The heading table (SQLite) and column (PostgreSQL) came later: migration 0011 fills them.
    index_all(connection, headings=False)


def downgrade() -> None:
    # Dropping the FTS5 table drops its shadow tables; the PostgreSQL table takes its index.
    op.drop_table("article_search")
