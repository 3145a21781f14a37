"""Labels: each article's topic, campaign tags, cited documents and provinces.

Why: analysts ask "how did each province's paper cover Chỉ thị 05-CT/TW this month", "which
new-countryside articles came out of Lạng Sơn", "what share of a paper is politics". The topic is
one per article (article_labels, with the classifier version that produced it, so a reprocess
finds stale labels); campaigns, cited documents and provinces are many per article and each gets
its own table keyed by (article, value), so each of those questions is a join on indexed columns
that reads the same on SQLite and PostgreSQL, with no JSON operators. Provinces keep both the
name the article used and the province it is part of after the 2025 merger.

Written by hand to match db/models.py; tests/test_db_migrations.py compares the two.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from db.types import JSONType

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)


def _article_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["article_id"],
        ["articles.id"],
        name=f"fk_{table}__article_id__articles",
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "article_labels",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(32), nullable=False),
        sa.Column("topic_confidence", sa.Float(), nullable=False),
        sa.Column("topic_by_section", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("topic_evidence", JSONType, nullable=False),
        sa.Column("classifier_version", sa.String(128), nullable=False),
        sa.Column("labelled_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("article_id", name="pk_article_labels"),
        _article_fk("article_labels"),
    )
    op.create_index("ix_article_labels__topic", "article_labels", ["topic"])
    op.create_index(
        "ix_article_labels__classifier_version", "article_labels", ["classifier_version"]
    )

    op.create_table(
        "article_campaigns",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("campaign", sa.String(64), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "campaign", name="pk_article_campaigns"),
        _article_fk("article_campaigns"),
    )
    op.create_index("ix_article_campaigns__campaign", "article_campaigns", ["campaign"])

    op.create_table(
        "article_doc_refs",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(128), nullable=False),
        sa.Column("doc_type", sa.String(32), nullable=False),
        sa.Column("number", sa.String(16), nullable=True),
        sa.Column("code", sa.String(64), nullable=True),
        sa.Column("issuer", sa.String(255), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=True),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "ref", name="pk_article_doc_refs"),
        _article_fk("article_doc_refs"),
    )
    op.create_index("ix_article_doc_refs__ref", "article_doc_refs", ["ref"])

    op.create_table(
        "article_provinces",
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("province", sa.String(64), nullable=False),
        sa.Column("current_province", sa.String(64), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("via", sa.String(96), nullable=False),
        sa.PrimaryKeyConstraint("article_id", "province", name="pk_article_provinces"),
        _article_fk("article_provinces"),
    )
    op.create_index(
        "ix_article_provinces__current_province", "article_provinces", ["current_province"]
    )


def downgrade() -> None:
    # Dropping a table drops its indexes.
    op.drop_table("article_provinces")
    op.drop_table("article_doc_refs")
    op.drop_table("article_campaigns")
    op.drop_table("article_labels")
