"""Schema v1: sites, crawl runs and per-site crawls, raw pages, articles, crawl errors.

Why: the nightly ETL needs a store before anything can run. Raw pages are kept (gzip) so that a
better extractor or classifier can re-process history without crawling again; articles are keyed
on their canonical URL and carry a content hash, so re-runs upsert instead of duplicating; runs and
per-site crawls record what each night did, for the CLI and the Prefect UI. Dedupe clusters and
classifications come in later revisions as tables that reference articles.id.

Written by hand to match db/models.py; tests/test_db_migrations.py compares the two.

Revision ID: 0001
Revises:
Create Date: 2025-11-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Frozen copies of the model types: a migration must keep meaning what it meant when written.
JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
TIMESTAMP = sa.DateTime(timezone=True)
RUN_STATUS_CHECK = "status IN ('running', 'completed', 'partial', 'failed')"


def _count(name: str) -> sa.Column:
    return sa.Column(name, sa.Integer(), nullable=False, server_default=sa.text("0"))


def upgrade() -> None:
    op.create_table(
        "sites",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("domain", sa.String(255), nullable=False),
        sa.Column("former_domains", JSON, nullable=False),
        sa.Column("provinces", JSON, nullable=False),
        sa.Column("created_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sites"),
        sa.UniqueConstraint("key", name="uq_sites__key"),
    )

    op.create_table(
        "crawl_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", TIMESTAMP, nullable=False),
        sa.Column("finished_at", TIMESTAMP, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("trigger", sa.String(32), nullable=False),
        sa.Column("prefect_flow_run_id", sa.String(64), nullable=True),
        sa.Column("parameters", JSON, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_crawl_runs"),
        sa.CheckConstraint(RUN_STATUS_CHECK, name=op.f("ck_crawl_runs__status")),
    )
    op.create_index("ix_crawl_runs__started_at", "crawl_runs", ["started_at"])

    op.create_table(
        "site_crawls",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("started_at", TIMESTAMP, nullable=False),
        sa.Column("finished_at", TIMESTAMP, nullable=True),
        sa.Column("status", sa.String(16), nullable=False),
        _count("requests"),
        _count("pages"),
        _count("new_articles"),
        _count("updated_articles"),
        _count("duplicates"),
        _count("errors"),
        sa.PrimaryKeyConstraint("id", name="pk_site_crawls"),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["crawl_runs.id"],
            name="fk_site_crawls__run_id__crawl_runs",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name="fk_site_crawls__site_id__sites"),
        sa.UniqueConstraint("run_id", "site_id", name="uq_site_crawls__run_id_site_id"),
        sa.CheckConstraint(RUN_STATUS_CHECK, name=op.f("ck_site_crawls__status")),
    )
    op.create_index("ix_site_crawls__site_id", "site_crawls", ["site_id"])

    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("canonical_url", sa.Text(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("lead", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("published_at", TIMESTAMP, nullable=True),
        sa.Column("published_date_only", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("authors", JSON, nullable=False),
        sa.Column("section", sa.String(255), nullable=True),
        sa.Column("tags", JSON, nullable=False),
        sa.Column("images", JSON, nullable=False),
        sa.Column("language", sa.String(16), nullable=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("extractor_version", sa.String(64), nullable=False),
        sa.Column("first_seen_at", TIMESTAMP, nullable=False),
        sa.Column("last_seen_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name="fk_articles__site_id__sites"),
        sa.UniqueConstraint("canonical_url", name="uq_articles__canonical_url"),
    )
    op.create_index("ix_articles__site_id", "articles", ["site_id"])
    op.create_index("ix_articles__published_at", "articles", ["published_at"])
    op.create_index("ix_articles__content_hash", "articles", ["content_hash"])

    op.create_table(
        "raw_pages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("final_url", sa.Text(), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=False),
        sa.Column("headers", JSON, nullable=False),
        sa.Column("content_type", sa.String(255), nullable=True),
        sa.Column("fetched_at", TIMESTAMP, nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("body_hash", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_raw_pages"),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name="fk_raw_pages__site_id__sites"),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["crawl_runs.id"],
            name="fk_raw_pages__run_id__crawl_runs",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_raw_pages__article_id__articles",
            ondelete="SET NULL",
        ),
        sa.UniqueConstraint("final_url", "body_hash", name="uq_raw_pages__final_url_body_hash"),
        sa.CheckConstraint(
            "kind IN ('article', 'listing', 'feed', 'sitemap')", name=op.f("ck_raw_pages__kind")
        ),
    )
    op.create_index("ix_raw_pages__url", "raw_pages", ["url"])
    op.create_index("ix_raw_pages__site_id", "raw_pages", ["site_id"])
    op.create_index("ix_raw_pages__article_id", "raw_pages", ["article_id"])

    op.create_table(
        "crawl_errors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("site_id", sa.Integer(), nullable=True),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("http_status", sa.Integer(), nullable=True),
        sa.Column("occurred_at", TIMESTAMP, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_crawl_errors"),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["crawl_runs.id"],
            name="fk_crawl_errors__run_id__crawl_runs",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["site_id"], ["sites.id"], name="fk_crawl_errors__site_id__sites"),
    )
    op.create_index("ix_crawl_errors__run_id", "crawl_errors", ["run_id"])
    op.create_index("ix_crawl_errors__site_id", "crawl_errors", ["site_id"])


def downgrade() -> None:
    # Children before parents; dropping a table drops its indexes.
    for table in ("crawl_errors", "raw_pages", "articles", "site_crawls", "crawl_runs", "sites"):
        op.drop_table(table)
