"""Stories: near-duplicate clusters of articles, and the LSH index that finds them.

Why: papers reprint each other and the wires, cut stories short, add a paragraph the next day
and leave archives on former domains; an analyst must count a story once. A copy published next
month has to find its story without re-reading history, so what dedupe needs is persisted:
each article's fingerprint (normalised body hash, URL identity key, MinHash signature) and its
place in a story (story_members), the stories with their canonical member (story_clusters), and
the LSH band keys (story_band_keys), whose primary key makes checking a new article one indexed
look-up. Band keys are derived data, 64 rows per article, so that table carries only its primary
key (WITHOUT ROWID on SQLite, no foreign key and so no second index for a cascade).

Written by hand to match db/models.py; tests/test_db_migrations.py compares the two.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)
RELATION_CHECK = "relation IN ('canonical', 'exact', 'reprint', 'partial', 'update')"


def upgrade() -> None:
    op.create_table(
        "story_clusters",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("canonical_article_id", sa.Integer(), nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_story_clusters"),
        sa.ForeignKeyConstraint(
            ["canonical_article_id"],
            ["articles.id"],
            name="fk_story_clusters__canonical_article_id__articles",
        ),
        sa.UniqueConstraint("canonical_article_id", name="uq_story_clusters__canonical_article_id"),
    )

    op.create_table(
        "story_members",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("cluster_id", sa.Integer(), nullable=False),
        sa.Column("relation", sa.String(16), nullable=False),
        sa.Column("jaccard", sa.Float(), nullable=False),
        sa.Column("containment", sa.Float(), nullable=False),
        sa.Column("body_hash", sa.String(64), nullable=False),
        sa.Column("url_key", sa.Text(), nullable=True),
        sa.Column("shingles", sa.Integer(), nullable=False),
        sa.Column("signature", sa.LargeBinary(), nullable=False),
        sa.Column("method", sa.String(64), nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("article_id", name="pk_story_members"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_story_members__article_id__articles",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["story_clusters.id"],
            name="fk_story_members__cluster_id__story_clusters",
            ondelete="CASCADE",
        ),
        # op.f: the name is final; the naming convention would prefix it a second time.
        sa.CheckConstraint(RELATION_CHECK, name=op.f("ck_story_members__relation")),
    )
    op.create_index("ix_story_members__cluster_id", "story_members", ["cluster_id"])
    op.create_index("ix_story_members__body_hash", "story_members", ["body_hash"])
    op.create_index("ix_story_members__url_key", "story_members", ["url_key"])

    op.create_table(
        "story_band_keys",
        sa.Column("band_key", sa.BigInteger(), nullable=False, autoincrement=False),
        sa.Column("article_id", sa.Integer(), nullable=False, autoincrement=False),
        sa.PrimaryKeyConstraint("band_key", "article_id", name="pk_story_band_keys"),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("story_band_keys")
    # Dropping a table drops its indexes; members before the clusters they reference.
    op.drop_table("story_members")
    op.drop_table("story_clusters")
