"""The PostgreSQL export read through one COPY: the label lists computed in the export's own
SELECT (a LATERAL subquery per label table), the rows streamed with `COPY (SELECT …) TO STDOUT
(FORMAT BINARY)` and parsed by psycopg as they come.

Why COPY: the server sends the rows without waiting to be asked for the next batch, and the
client parses them while it does; through a server-side cursor, 100,000 rows took 1.45–1.96 s,
through COPY 0.97–1.00 s (rows only, load 1.2). A COPY holds its connection until it ends, so
nothing else may be read on it in between: hence the label lists inside the SELECT, where the
cursor path (db.export_rows) reads them with a query per table and batch. Both give the lists
in the order db.articles.LABEL_LISTS documents (tests/test_export_rows.py compares them).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any

from sqlalchemy import func, select, true
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from db.articles import LABEL_LISTS
from db.models import Article, ArticleCampaign, ArticleDocRef, ArticleProvince


def with_label_lists(query: Any) -> Any:
    """`query` (a SELECT of articles) with LABEL_LISTS as columns after its own, in that order:
    each an array in its documented order, NULL when the article has none."""
    campaign = ArticleCampaign
    by_name = aggregate_order_by(campaign.campaign, campaign.campaign.collate("C"))
    campaigns = (
        select(
            func.array_agg(by_name).filter(campaign.salient).label("campaigns"),
            func.array_agg(by_name).filter(~campaign.salient).label("campaigns_mentioned"),
        )
        .where(campaign.article_id == Article.id)
        .lateral("export_campaigns")
    )
    refs = (
        select(
            func.array_agg(
                aggregate_order_by(ArticleDocRef.ref, ArticleDocRef.ref.collate("C"))
            ).label("doc_refs")
        )
        .where(ArticleDocRef.article_id == Article.id)
        .lateral("export_doc_refs")
    )
    # current_provinces: aligned with `provinces`, each current province as many times as it
    # has names there; `lists_from_copy` keeps the first of each. (Keeping only the first in
    # SQL, by a window over the article's provinces, doubled what the labels cost the server.)
    province = ArticleProvince
    order = (province.mentions.desc(), province.province.collate("C"))
    provinces = (
        select(
            func.array_agg(aggregate_order_by(province.province, *order))
            .filter(province.salient)
            .label("provinces"),
            func.array_agg(aggregate_order_by(province.current_province, *order))
            .filter(province.salient)
            .label("current_provinces"),
            func.array_agg(aggregate_order_by(province.province, *order))
            .filter(~province.salient)
            .label("provinces_mentioned"),
        )
        .where(province.article_id == Article.id)
        .lateral("export_provinces")
    )
    columns = {**campaigns.c, **refs.c, **provinces.c}
    return (
        query.add_columns(*(columns[name] for name in LABEL_LISTS))
        .outerjoin(campaigns, true())
        .outerjoin(refs, true())
        .outerjoin(provinces, true())
    )


def lists_from_copy(values: dict[str, list[Any]]) -> None:
    """The label list columns of a batch read from the COPY, as db.export_rows gives them: NULL
    (no such label) is the batch's one shared empty list, as in db.export_rows._label_lists,
    and current_provinces keeps the first of each."""
    empty: list[str] = []
    for name in LABEL_LISTS:
        values[name] = [empty if value is None else value for value in values[name]]
    values["current_provinces"] = [
        list(dict.fromkeys(value)) if len(value) > 1 else value
        for value in values["current_provinces"]
    ]


@contextmanager
def store_errors(statement: str) -> Iterator[None]:
    """The driver's errors, from a cursor of its own, raised as SQLAlchemy's, as the session's
    own queries raise them: what callers catch (the CLI says one line when the server goes
    away half way through an export)."""
    import psycopg

    try:
        yield
    except psycopg.Error as exc:
        raise DBAPIError(statement, None, exc, hide_parameters=True) from exc


def copied_rows(session: Session, query: Any, batch: int) -> Iterator[list[tuple[Any, ...]]]:
    """The rows of `query`, `batch` at a time, through `COPY (query) TO STDOUT (FORMAT BINARY)`
    on the session's own connection and transaction, columns of type text loaded as their
    UTF-8 bytes (see db.export_rows.ExportBatch). The parameters are merged into the statement
    by psycopg (a COPY takes none from the server's protocol).

    Closed before its end (the reader failed), the COPY is cancelled, which leaves the
    session's transaction failed: roll it back before using the session again."""
    from psycopg.types.string import ByteaBinaryLoader

    compiled = query.compile(
        dialect=session.get_bind().dialect, compile_kwargs={"render_postcompile": True}
    )
    statement = str(compiled)
    driver = session.connection().connection.driver_connection
    with store_errors(statement), driver.cursor(binary=True) as cursor:
        cursor.adapters.register_loader("text", ByteaBinaryLoader)
        # A binary COPY says nothing of its columns' types: ask the statement for them, with a
        # run that returns no row.
        cursor.execute(f"SELECT * FROM ({statement}) AS export LIMIT 0", compiled.params)
        types = [column.type_code for column in cursor.description or ()]
        # No JIT compilation: the lateral subqueries make the plan look expensive enough for
        # it, and it cost 0.26 s of the server's time an export, whatever its size (a tenth
        # of a store of 100,000), for a plan that is a walk along an index.
        cursor.execute("SELECT current_setting('jit'), set_config('jit', 'off', true)")
        jit = bytes(cursor.fetchone()[0]).decode()  # type: ignore[index]  # text as bytes, above
        with cursor.copy(f"COPY ({statement}) TO STDOUT (FORMAT BINARY)", compiled.params) as copy:
            copy.set_types(types)
            rows = copy.rows()
            while partition := list(islice(rows, batch)):
                yield partition
        cursor.execute("SELECT set_config('jit', %s, true)", (jit,))
