"""HTTP validators for conditional requests to feeds and sitemaps.

Why: a nightly crawl should cost the papers almost nothing when nothing changed. Keeping each
feed's and sitemap's ETag and Last-Modified lets the spider ask "anything new?" and get a bodiless
304; keeping them in the store (not on the crawler's disk) makes that work after a restart and on
any machine that runs the crawl.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "http_validators",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("etag", sa.String(255), nullable=True),
        sa.Column("last_modified", sa.String(64), nullable=True),
        sa.Column("checked_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name="fk_http_validators__site_id__sites"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_http_validators"),
        sa.UniqueConstraint("url", name="uq_http_validators__url"),
    )
    op.create_index("ix_http_validators__site_id", "http_validators", ["site_id"])


def downgrade() -> None:
    op.drop_index("ix_http_validators__site_id", table_name="http_validators")
    op.drop_table("http_validators")
