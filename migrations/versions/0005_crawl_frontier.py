"""The crawl frontier, runs that say when they crashed, and earlier versions of articles.

Why: a nightly service run by nobody must converge. Before this, what a crawl had found but not
yet fetched lived only in the spider's memory, and a feed or sitemap that answered 304 the next
night hid it for good: a killed crawl, a backfill that read the sitemap for one month, a store
outage each left holes that every later run reported as "completed, 0 new". Now:

- `crawl_frontier` keeps every article URL a crawl discovers with its state (discovered,
  fetched, stored, retry, failed, gone), attempts, last error and when to try next. A crawl
  takes pending work from it first; validators only let it skip re-discovery.
- `crawl_runs` gains host, pid and heartbeat, so a later run can tell a dead run from a live
  one and mark it "crashed" (a new status, on runs and site crawls), with a note saying what
  it left pending.
- `site_crawls` gains the frontier's counts, so "completed, 0 new" can no longer hide a hole.
- `article_versions` keeps what an article said before the paper edited it.

The frontier is filled from history, so an existing store converges too: stored articles are
"stored", raw pages never turned into articles are "fetched" (the next run extracts them),
permanent errors are "gone", and transient ones "retry". URL keys are computed with
`baotinh.core.urls.identity_key` as it is today (the spider uses the same function).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from db.types import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TIMESTAMP = sa.DateTime(timezone=True)
OLD_STATUSES = ("running", "completed", "partial", "failed")
NEW_STATUSES = (*OLD_STATUSES, "crashed")
FRONTIER_STATES = ("discovered", "fetched", "stored", "retry", "failed", "gone")
PERMANENT_ERRORS = ("http_404", "http_410", "empty_body", "not_article")
TRANSIENT_ERRORS = ("http_500", "http_502", "http_503", "http_504", "timeout", "connection")
SITE_CRAWL_COUNTS = ("discovered", "fetched", "stored", "pending", "retrying", "failed")


def _status_check(statuses: tuple[str, ...]) -> str:
    return f"status IN ({', '.join(repr(s) for s in statuses)})"


def _set_statuses(statuses: tuple[str, ...]) -> None:
    for table in ("crawl_runs", "site_crawls"):
        with op.batch_alter_table(table) as batch:
            # op.f: the name as written, not run through the naming convention again.
            batch.drop_constraint(op.f(f"ck_{table}__status"), type_="check")
            batch.create_check_constraint(op.f(f"ck_{table}__status"), _status_check(statuses))


def upgrade() -> None:
    op.create_table(
        "crawl_frontier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_id", sa.Integer(), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("url_key", sa.Text(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("published_hint", TIMESTAMP, nullable=True),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("next_attempt_at", TIMESTAMP, nullable=True),
        sa.Column("discovered_at", TIMESTAMP, nullable=False),
        sa.Column("updated_at", TIMESTAMP, nullable=False),
        sa.Column("discovered_run_id", sa.Integer(), nullable=True),
        sa.Column("last_run_id", sa.Integer(), nullable=True),
        sa.Column("raw_page_id", sa.Integer(), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            f"state IN ({', '.join(repr(s) for s in FRONTIER_STATES)})",
            name=op.f("ck_crawl_frontier__state"),
        ),
        sa.ForeignKeyConstraint(
            ["site_id"], ["sites.id"], name="fk_crawl_frontier__site_id__sites"
        ),
        sa.ForeignKeyConstraint(
            ["discovered_run_id"],
            ["crawl_runs.id"],
            name="fk_crawl_frontier__discovered_run_id__crawl_runs",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["last_run_id"],
            ["crawl_runs.id"],
            name="fk_crawl_frontier__last_run_id__crawl_runs",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["raw_page_id"],
            ["raw_pages.id"],
            name="fk_crawl_frontier__raw_page_id__raw_pages",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_crawl_frontier__article_id__articles",
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_crawl_frontier"),
        sa.UniqueConstraint("url_key", name="uq_crawl_frontier__url_key"),
    )
    op.create_index("ix_crawl_frontier__site_id_state", "crawl_frontier", ["site_id", "state"])
    op.create_index("ix_crawl_frontier__last_run_id", "crawl_frontier", ["last_run_id"])

    op.create_table(
        "article_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("lead", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("seen_from", TIMESTAMP, nullable=False),
        sa.Column("superseded_at", TIMESTAMP, nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_article_versions__article_id__articles",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_article_versions"),
        sa.UniqueConstraint(
            "article_id", "version", name="uq_article_versions__article_id_version"
        ),
    )

    with op.batch_alter_table("crawl_runs") as batch:
        batch.add_column(sa.Column("host", sa.String(255), nullable=True))
        batch.add_column(sa.Column("pid", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("heartbeat_at", TIMESTAMP, nullable=True))
        batch.add_column(sa.Column("note", sa.Text(), nullable=True))
    with op.batch_alter_table("site_crawls") as batch:
        for name in SITE_CRAWL_COUNTS:
            batch.add_column(
                sa.Column(name, sa.Integer(), server_default=sa.text("0"), nullable=False)
            )
    _set_statuses(NEW_STATUSES)
    _fill_frontier_from_history()


def downgrade() -> None:
    connection = op.get_bind()
    # The old schema has no "crashed": such runs read as failed, which they were.
    for table in ("crawl_runs", "site_crawls"):
        connection.execute(
            sa.text(f"UPDATE {table} SET status = 'failed' WHERE status = 'crashed'")
        )
    _set_statuses(OLD_STATUSES)
    with op.batch_alter_table("site_crawls") as batch:
        for name in reversed(SITE_CRAWL_COUNTS):
            batch.drop_column(name)
    with op.batch_alter_table("crawl_runs") as batch:
        for name in ("note", "heartbeat_at", "pid", "host"):
            batch.drop_column(name)
    op.drop_table("article_versions")
    op.drop_index("ix_crawl_frontier__last_run_id", table_name="crawl_frontier")
    op.drop_index("ix_crawl_frontier__site_id_state", table_name="crawl_frontier")
    op.drop_table("crawl_frontier")


def _fill_frontier_from_history() -> None:
    """One row per article URL the store already knows, in the state history implies.

    Read in Python, one pass per source: identity keys are a Python function. The first state
    a key gets wins, in the order stored, fetched, gone, retry.
    """
    from baotinh.papers import identity_key

    connection = op.get_bind()
    now = datetime.now(UTC)
    rows: dict[str, dict] = {}

    def add(key_urls: tuple[str, ...], site_id: int | None, **values: object) -> None:
        if site_id is None:
            return
        keys = [identity_key(url) for url in key_urls if url]
        if not keys or any(key in rows for key in keys):
            return
        rows[keys[0]] = {
            "site_id": site_id,
            "url": key_urls[0],
            "url_key": keys[0],
            "source": "store",
            "discovered_at": now,
            "updated_at": now,
            "attempts": 0,
            **values,
        }

    for article_id, site_id, canonical_url, url in connection.execute(
        sa.text("SELECT id, site_id, canonical_url, url FROM articles ORDER BY id")
    ):
        add((canonical_url, url), site_id, state="stored", article_id=article_id)
    for page_id, site_id, url, final_url, article_id in connection.execute(
        sa.text(
            "SELECT id, site_id, url, final_url, article_id FROM raw_pages"
            " WHERE kind = 'article' ORDER BY id DESC"
        )
    ):
        state = "stored" if article_id is not None else "fetched"
        add((url, final_url), site_id, state=state, raw_page_id=page_id, article_id=article_id)
    permanent = ", ".join(repr(kind) for kind in PERMANENT_ERRORS)
    transient = ", ".join(repr(kind) for kind in TRANSIENT_ERRORS)
    for site_id, url, kind, message in connection.execute(
        sa.text(
            "SELECT site_id, url, kind, message FROM crawl_errors"
            f" WHERE kind IN ({permanent}) ORDER BY id DESC"
        )
    ):
        add((url,), site_id, state="gone", last_error=f"{kind}: {message}", attempts=1)
    for site_id, url, kind, message in connection.execute(
        sa.text(
            "SELECT site_id, url, kind, message FROM crawl_errors"
            f" WHERE kind IN ({transient}) ORDER BY id DESC"
        )
    ):
        add(
            (url,),
            site_id,
            state="retry",
            last_error=f"{kind}: {message}",
            attempts=1,
            next_attempt_at=now,
        )
    # A page that failed to extract for good is gone, not waiting.
    gone_keys = {
        identity_key(url)
        for (url,) in connection.execute(
            sa.text(f"SELECT url FROM crawl_errors WHERE kind IN ({permanent})")
        )
    }
    for key, row in rows.items():
        if row["state"] == "fetched" and key in gone_keys:
            row["state"] = "gone"

    frontier = sa.table(
        "crawl_frontier",
        *(sa.column(name) for name in ("site_id", "url", "url_key", "state", "source")),
        sa.column("attempts"),
        sa.column("last_error"),
        # Typed, so SQLite gets naive UTC like every other timestamp of the store.
        sa.column("next_attempt_at", UTCDateTime()),
        sa.column("discovered_at", UTCDateTime()),
        sa.column("updated_at", UTCDateTime()),
        sa.column("raw_page_id"),
        sa.column("article_id"),
    )
    columns = [c.name for c in frontier.columns]
    batch = [{name: row.get(name) for name in columns} for row in rows.values()]
    for start in range(0, len(batch), 1000):
        connection.execute(frontier.insert(), batch[start : start + 1000])
