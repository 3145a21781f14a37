"""The layout each article was extracted with.

Why: papers redesign their sites, and a profile now holds one dated layout per design
(`baotinh.papers.profile.Layout`); the extractor picks the one the page fits and says which, or says
none when the page fits no layout of its paper and generic extraction did the work. Keeping that
per article (`articles.layout`, the layout's version, NULL for none) lets an operator see, per
paper and night, how many pages came through without their layout: the first sign that a paper
changed its markup under us (the drift alarm counts exactly that). It also tells `reprocess`
which articles were extracted with a layout the profile no longer has, or with none, once a new
layout is added.

Existing articles get NULL: which layout would have applied is only known by extracting their
raw pages again, which `baotinh reprocess` does (the extractor version changed with this field).
A short string column, not a table of layouts: layouts live in the profiles (code), the store
only records the version name, as it does `extractor_version`.

Downgrade drops the column and with it the record of which layout each article had.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.add_column(sa.Column("layout", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("layout")
