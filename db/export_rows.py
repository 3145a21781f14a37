"""Stored articles as export rows, a batch at a time: the columns read as the driver gives them
(texts as bytes, PostgreSQL in binary from a server-side cursor), times and JSON lists a column
at a time, labels by one query per table for the batch (`baotinh.jobs.export` writes them)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Integer,
    LargeBinary,
    String,
    Text,
    any_,
    bindparam,
    cast,
    func,
    select,
    type_coerce,
)
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from baotinh.core.search import Query
from db.articles import EXPORT_COLUMNS, LABEL_LISTS, narrowed
from db.export_copy import copied_rows, lists_from_copy, store_errors, with_label_lists
from db.filters import ArticleFilters
from db.labels import bytewise
from db.models import (
    Article,
    ArticleCampaign,
    ArticleDocRef,
    ArticleLabel,
    ArticleProvince,
    Site,
    StoryMember,
)

EXPORT_BATCH = 1000


class ExportBatch:
    """Exported articles, column by column: `columns` maps each of EXPORT_COLUMNS to a list of
    values (times as aware datetimes, list columns as lists; the empty label lists of a batch
    are one shared list: read them, do not change them), except that the columns named in
    `encoded` hold UTF-8 bytes as the store keeps them: a Parquet writer copies them as they
    are (decoding the texts to Python strings and encoding them again was a third of an
    export's time). `values` and iterating give strings; each row is a dict."""

    def __init__(self, columns: dict[str, list[Any]], encoded: frozenset[str]) -> None:
        self.columns = columns
        self.encoded = encoded

    def __len__(self) -> int:
        return len(self.columns["id"])

    def values(self, name: str) -> list[Any]:
        """One column as Python values (texts decoded)."""
        column = self.columns[name]
        if name not in self.encoded:
            return column
        return [None if value is None else value.decode("utf-8") for value in column]

    def __iter__(self) -> Iterator[dict[str, Any]]:
        names = list(self.columns)
        for values in zip(*(self.values(name) for name in names), strict=True):
            yield dict(zip(names, values, strict=True))


# The columns the article query reads, in order; the label lists are read per batch.
_QUERIED = tuple(name for name in EXPORT_COLUMNS if name not in LABEL_LISTS)
_TIMES = ("published_at", "first_seen_at", "last_seen_at")
_JSON_LISTS = ("authors", "tags")


def export_batches(
    session: Session,
    filters: ArticleFilters | None = None,
    text: Query | None = None,
    batch: int = EXPORT_BATCH,
    copy: bool = True,
) -> Iterator[ExportBatch]:
    """Every article that passes `filters` (and matches `text`), `batch` rows at a time, in id
    order (publication order with --since/--until): EXPORT_COLUMNS, times as aware datetimes,
    list columns as lists.

    Plain values all the way: the rows come as the driver reads them (no ORM objects, no
    per-value type processing: texts stay UTF-8 bytes, times and JSON lists are converted a
    column at a time). On PostgreSQL the rows, label lists included, come through one COPY
    (db.export_copy); with `copy` false, and on SQLite, from a cursor, and the label lists of
    a batch from one query per label table with the batch's ids as one parameter (the path the
    COPY's is checked against). Closed before its end, a COPY export leaves the session's
    transaction failed: roll it back."""
    sqlite = session.get_bind().dialect.name == "sqlite"

    def raw(column: Any, name: str) -> Any:
        # SQLite: texts as BLOBs (their UTF-8 bytes), times and JSON as their stored text.
        # PostgreSQL (read in binary, see _postgresql_rows): JSON as text, the rest as it is.
        if sqlite:
            stored = cast(column, LargeBinary) if name in _SQLITE_ENCODED else column
            return type_coerce(stored, String).label(name)
        if name in _JSON_LISTS:
            return cast(column, Text).label(name)
        return column.label(name)

    query = (
        select(
            Article.id,
            Site.key.label("site"),
            raw(Article.url, "url"),
            raw(Article.canonical_url, "canonical_url"),
            raw(Article.published_at, "published_at"),
            Article.published_date_only,
            raw(Article.title, "title"),
            raw(Article.lead, "lead"),
            raw(Article.text, "text"),
            raw(Article.authors, "authors"),
            Article.section,
            raw(Article.tags, "tags"),
            Article.language,
            ArticleLabel.topic,
            ArticleLabel.topic_confidence,
            StoryMember.cluster_id.label("story_id"),
            StoryMember.relation.label("story_relation"),
            raw(Article.first_seen_at, "first_seen_at"),
            raw(Article.last_seen_at, "last_seen_at"),
        )
        .join(Site, Site.id == Article.site_id)
        .outerjoin(ArticleLabel, ArticleLabel.article_id == Article.id)
        .outerjoin(StoryMember, StoryMember.article_id == Article.id)
    )
    filters = filters or ArticleFilters()
    # A date window reads the articles through the index on published_at, in its order; the
    # whole store in id order, which is the order of the table itself.
    dated = filters.since is not None or filters.until is not None
    order = (Article.published_at, Article.id) if dated else (Article.id,)
    query = narrowed(session, query, filters, text).order_by(*order)
    if sqlite:
        # Core, not the ORM session's execute: rows as the driver gives them.
        result = session.connection().execute(query, execution_options={"yield_per": batch})
        partitions: Iterator[Any] = result.partitions()
        encoded = _SQLITE_ENCODED
    elif copy:
        partitions = copied_rows(session, with_label_lists(query), batch)
        encoded = _POSTGRESQL_ENCODED
    else:
        partitions = _postgresql_rows(session, query, batch)
        encoded = _POSTGRESQL_ENCODED
    copied = copy and not sqlite
    names = (*_QUERIED, *LABEL_LISTS) if copied else _QUERIED
    for partition in partitions:
        values = dict(zip(names, map(list, zip(*partition, strict=True)), strict=True))
        if sqlite:
            for name in _TIMES:
                values[name] = _times(values[name])
        for name in _JSON_LISTS:
            values[name] = _json_lists(values[name])
        if copied:
            lists_from_copy(values)
        else:
            values.update(_label_lists(session, values["id"], sqlite))
        yield ExportBatch({name: values[name] for name in EXPORT_COLUMNS}, encoded)


# The columns whose UTF-8 bytes come as they are (see ExportBatch): on SQLite the long texts,
# read as BLOBs; on PostgreSQL every column of type text (see _postgresql_rows).
_SQLITE_ENCODED = frozenset({"title", "lead", "text"})
_POSTGRESQL_ENCODED = frozenset({"url", "canonical_url", "title", "lead", "text"})


def _postgresql_rows(session: Session, query: Any, batch: int) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of `query`, `batch` at a time, from a server-side cursor on the session's own
    connection and transaction, read in PostgreSQL's binary format with columns of type text
    loaded as their UTF-8 bytes: the server sends texts and times as they are stored, and
    nothing is decoded into Python strings only to be encoded again for Parquet. SQLAlchemy
    has no switch for psycopg's binary cursors, so the statement is compiled here; its
    parameters need no conversion (strings, numbers and aware datetimes, which psycopg sends as
    they are)."""
    from psycopg.types.string import ByteaBinaryLoader

    compiled = query.compile(
        dialect=session.get_bind().dialect, compile_kwargs={"render_postcompile": True}
    )
    driver = session.connection().connection.driver_connection
    statement = str(compiled)
    with store_errors(statement), driver.cursor(name="baotinh_export", binary=True) as cursor:
        cursor.adapters.register_loader("text", ByteaBinaryLoader)
        cursor.execute(statement, compiled.params)
        while rows := cursor.fetchmany(batch):
            yield rows


def _times(stored: list[str | None]) -> list[datetime | None]:
    """SQLite's UTC text ("2025-06-01 01:00:00.000000") as aware datetimes (one call each:
    datetime.replace costs more than the parsing)."""
    return [None if value is None else datetime.fromisoformat(value + "+00:00") for value in stored]


def _json_lists(stored: list[str | bytes | None]) -> list[list[Any]]:
    """JSON lists stored as text (bytes from PostgreSQL), parsed in one call for the whole
    batch (a call per value costs more than the parsing); NULL is an empty list."""
    if any(isinstance(value, bytes) for value in stored):
        parsed = json.loads(b"[" + b",".join([value or b"null" for value in stored]) + b"]")
    else:
        parsed = json.loads("[" + ",".join([value or "null" for value in stored]) + "]")
    return [value or [] for value in parsed]


def _label_lists(session: Session, ids: list[int], sqlite: bool) -> dict[str, list[list[str]]]:
    """LABEL_LISTS of the articles `ids`, in their order: one query per label table. Each list
    in the order db.articles.LABEL_LISTS gives."""
    if sqlite:
        each = func.json_each(bindparam("batch_ids", json.dumps(ids))).table_valued("value")

        def among(column: Any) -> Any:
            return column.in_(select(each.c.value))
    else:
        # One array literal: psycopg writes out a list parameter value by value, in Python.
        literal = "{" + ",".join(map(str, ids)) + "}"

        def among(column: Any) -> Any:
            return column == any_(cast(bindparam("batch_ids", literal), ARRAY(Integer)))

    def byname(column: Any) -> Any:
        return bytewise(column, "sqlite" if sqlite else "postgresql")

    lists: dict[str, dict[int, list[str]]] = {name: defaultdict(list) for name in LABEL_LISTS}
    for article_id, campaign, salient in session.execute(
        select(ArticleCampaign.article_id, ArticleCampaign.campaign, ArticleCampaign.salient)
        .where(among(ArticleCampaign.article_id))
        .order_by(ArticleCampaign.article_id, byname(ArticleCampaign.campaign))
    ):
        lists["campaigns" if salient else "campaigns_mentioned"][article_id].append(campaign)
    for article_id, ref in session.execute(
        select(ArticleDocRef.article_id, ArticleDocRef.ref)
        .where(among(ArticleDocRef.article_id))
        .order_by(ArticleDocRef.article_id, byname(ArticleDocRef.ref))
    ):
        lists["doc_refs"][article_id].append(ref)
    for article_id, province, current, salient in session.execute(
        select(
            ArticleProvince.article_id,
            ArticleProvince.province,
            ArticleProvince.current_province,
            ArticleProvince.salient,
        )
        .where(among(ArticleProvince.article_id))
        .order_by(
            ArticleProvince.article_id,
            ArticleProvince.mentions.desc(),
            byname(ArticleProvince.province),
        )
    ):
        if not salient:
            lists["provinces_mentioned"][article_id].append(province)
            continue
        lists["provinces"][article_id].append(province)
        if current not in lists["current_provinces"][article_id]:
            lists["current_provinces"][article_id].append(current)
    # The lists of the few articles that have labels; for the others, one empty list per
    # column and batch, shared (read it, do not change it): a new one for each was the most
    # expensive line of the export.
    position = {article_id: index for index, article_id in enumerate(ids)}
    columns = {}
    for name, found in lists.items():
        column: list[list[str]] = [[]] * len(ids)
        for article_id, values in found.items():
            column[position[article_id]] = values
        columns[name] = column
    return columns
