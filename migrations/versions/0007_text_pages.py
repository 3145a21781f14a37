"""Imported text dumps kept as raw pages; headline-less articles; series parts and captions.

Why: `baotinh import-text` stored only the article it extracted from a dump, so `baotinh
reprocess` could not re-extract it after an extractor upgrade, and what the extractor dropped
(the photos' captions, the series marker) was lost for good. Now:

- `raw_pages.kind` may be "text": the dump's bytes as read, under the address given with
  `--url` (else the synthetic text-import address). Reprocess sends these pages through the text
  extractor, the others through the HTML one.
- `articles.title` (and `article_versions.title`, its copy) may be NULL: a dump scraped without
  its headline has none, and an empty string posed as one.
- `articles.series_part`: the part of a multi-part report, as printed ("Kỳ II", "Bài 2
  (Tiếp theo)", "(Tiếp theo và hết)"). A column, not a JSON key: it is one short value per
  article that an analyst filters on.
- Captions stay in the existing `images` JSON, with a null url when the dump names no photo
  file: a caption belongs to its photo, the HTML extractor already stores captions there, and a
  reader of images then has one place to look. A separate `captions` list would duplicate the
  HTML path's captions or split them by extractor. No schema change is needed for that.

Downgrade: NULL titles become '' (the old schema's "no headline"); text raw pages are deleted
(the old code would run the HTML extractor on them), their articles stay as imported articles
were before; `series_part` is dropped with its values; captions with a null url stay in
`images` (the old code passes that JSON through as is).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

OLD_KINDS = ("article", "listing", "feed", "sitemap")
NEW_KINDS = (*OLD_KINDS, "text")


def _kind_check(kinds: tuple[str, ...]) -> str:
    return f"kind IN ({', '.join(repr(k) for k in kinds)})"


def _set_kinds(kinds: tuple[str, ...]) -> None:
    with op.batch_alter_table("raw_pages") as batch:
        # op.f: the name as written, not run through the naming convention again.
        batch.drop_constraint(op.f("ck_raw_pages__kind"), type_="check")
        batch.create_check_constraint(op.f("ck_raw_pages__kind"), _kind_check(kinds))


def upgrade() -> None:
    _set_kinds(NEW_KINDS)
    with op.batch_alter_table("articles") as batch:
        batch.alter_column("title", existing_type=sa.Text(), nullable=True)
        batch.add_column(sa.Column("series_part", sa.String(255), nullable=True))
    with op.batch_alter_table("article_versions") as batch:
        batch.alter_column("title", existing_type=sa.Text(), nullable=True)
    # What the old schema stored for "no headline".
    op.execute("UPDATE articles SET title = NULL WHERE title = ''")
    op.execute("UPDATE article_versions SET title = NULL WHERE title = ''")


def downgrade() -> None:
    op.execute("DELETE FROM raw_pages WHERE kind = 'text'")
    _set_kinds(OLD_KINDS)
    op.execute("UPDATE articles SET title = '' WHERE title IS NULL")
    op.execute("UPDATE article_versions SET title = '' WHERE title IS NULL")
    with op.batch_alter_table("article_versions") as batch:
        batch.alter_column("title", existing_type=sa.Text(), nullable=False)
    with op.batch_alter_table("articles") as batch:
        batch.drop_column("series_part")
        batch.alter_column("title", existing_type=sa.Text(), nullable=False)
