"""What a crawl's self-discovery found, kept with the paper's part of the run; and what each
saved feed or sitemap validator belongs to.

Why: a profile that is wrong or minimal still crawls (feeds announced by the home page, sitemaps
named by robots.txt, pages recognised as articles by their semantics), and the crawl says what
it found that the profile does not ("laocai: found feed /rss/home.rss not in the profile; 18
article(s) recognised by page semantics …"). That line belongs where the operator reads each
paper's night: `site_crawls.self_discovery`, beside its counts, so `baotinh runs`, the run
summary and the nightly artifact show it. One text column, NULL when self-discovery found
nothing.

`http_validators.kind` ("feed" or "sitemap") lets the next night ask directly, conditionally, for
a feed or sitemap self-discovery found, instead of reading the home page and robots.txt again to
find it: a paper known only by its domain then costs a night what a configured one does. NULL
for rows saved before (they are only validators, as they were).

Downgrade: both columns are dropped, with the reports (the counts and validators stay).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("site_crawls") as batch:
        batch.add_column(sa.Column("self_discovery", sa.Text(), nullable=True))
    with op.batch_alter_table("http_validators") as batch:
        batch.add_column(sa.Column("kind", sa.String(16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("http_validators") as batch:
        batch.drop_column("kind")
    with op.batch_alter_table("site_crawls") as batch:
        batch.drop_column("self_discovery")
