"""What a crawl's self-discovery found, kept with the paper's part of the run.

Why: a profile that is wrong or minimal still crawls (feeds announced by the home page, sitemaps
named by robots.txt, pages recognised as articles by their semantics), and the crawl says what
it found that the profile does not ("laocai: found feed /rss/home.rss not in the profile; 18
article(s) recognised by page semantics …"). That line belongs where the operator reads each
paper's night: `site_crawls`, beside its counts, so `baotinh runs`, the run summary and the
nightly artifact show it. One text column, NULL when self-discovery found nothing.

Downgrade: the column is dropped with its reports (the counts stay).

Revision ID: 0008s
Revises: 0007
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008s"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("site_crawls") as batch:
        batch.add_column(sa.Column("self_discovery", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("site_crawls") as batch:
        batch.drop_column("self_discovery")
