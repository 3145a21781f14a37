"""Whether an article is about a province or campaign, or only mentions it.

Why: every province and campaign an article named was stored as a label, so "what happened in
Lạng Sơn" found every text with a Lạng Sơn hometown, company name or ranking list in it, and a
passing "… gắn với xây dựng nông thôn mới" tagged the campaign (issue 14). The classifier now
tells the ones an article is about from those it only mentions (baotinh.labels.places,
baotinh.labels.campaigns). Both are kept, in the same tables, told apart by `salient`: the analysts'
questions (db.labels, db.filters, the documented SQL) count the salient rows, and the mentions
stay queryable. A province or campaign is one or the other for an article, so the primary keys
do not change.

Rows written before are what the old classifier called labels: they are marked salient (the
server default), which is what they were taken for until now. The classifier version changes
with this release, so `baotinh reprocess --classify` labels them again and splits them.

Downgrade: the column is dropped from both tables, and the mentions with it (the old schema had
no place for them; their rows would read as labels).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

TABLES = ("article_provinces", "article_campaigns")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("salient", sa.Boolean(), server_default=sa.true(), nullable=False)
            )


def downgrade() -> None:
    for table in TABLES:
        op.execute(sa.text(f"DELETE FROM {table} WHERE NOT salient"))
        with op.batch_alter_table(table) as batch:
            batch.drop_column("salient")
