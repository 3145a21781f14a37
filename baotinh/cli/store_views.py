"""Commands that read the store for a person: runs, errors, articles, search, show, export,
cites, topics."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from baotinh.cli.common import InputError
from baotinh.core.records import NO_TITLE


def cmd_runs(args: argparse.Namespace) -> int:
    from baotinh.cli.report import RUN_COLUMNS, self_discovery_lines, table
    from db.engine import session_scope
    from db.filters import ArticleFilters, UnknownFilterValueError, resolve_filters
    from db.runs import list_runs

    with session_scope() as session:
        try:
            if args.site:
                resolve_filters(session, ArticleFilters(site=args.site))
        except UnknownFilterValueError as exc:
            print(f"baotinh runs: {exc.args[0]}", file=sys.stderr)
            return 2
        runs = list_runs(session, limit=args.limit, site=args.site)
    if args.json:
        print(json.dumps(runs, ensure_ascii=False, indent=2))
        return 0
    if not runs:
        if args.site:
            print(f"No runs recorded for {args.site}.")
        else:
            print("No runs recorded yet: `baotinh demo` or `baotinh crawl` makes one.")
        return 0
    for run in runs:
        started = _local_time(run["started_at"])
        finished = _local_time(run["finished_at"]) if run["finished_at"] else "…"
        print(
            f"Run {run['id']} ({run['trigger']}) {run['status']}: {started} → {finished}"
            " (Asia/Ho_Chi_Minh)"
        )
        if run.get("note"):
            print(f"  {run['note']}")
        rows = [{"site": key, **values} for key, values in run["sites"].items()]
        print(table(rows, RUN_COLUMNS))
        for line in self_discovery_lines(rows):
            print(line)
        print()
    return 0


def _local_time(iso: str) -> str:
    from datetime import datetime

    from baotinh.core.dates import VIETNAM

    return datetime.fromisoformat(iso).astimezone(VIETNAM).strftime("%Y-%m-%d %H:%M:%S")


def _resolved_filters(session: Any, args: argparse.Namespace, command: str) -> Any:
    """The command's filters, checked against the store; None, said in one line, if one names
    nothing the store knows."""
    from db.filters import ArticleFilters, UnknownFilterValueError, resolve_filters

    filters = ArticleFilters(
        since=args.since,
        until=args.until,
        site=args.site,
        topic=args.topic,
        province=args.province,
        campaign=args.campaign,
        cites=args.cites,
        mentioned=args.mentioned,
    )
    try:
        return resolve_filters(session, filters)
    except UnknownFilterValueError as exc:
        print(f"baotinh {command}: {exc.args[0]}", file=sys.stderr)
        return None


def _parsed_query(text: str, command: str) -> Any:
    """The parsed search query; None, said in one line, if it has nothing to search for."""
    from baotinh.core.search import EmptyQueryError, parse_query

    try:
        return parse_query(text)
    except EmptyQueryError as exc:
        print(f"baotinh {command}: {exc}", file=sys.stderr)
        return None


def store_failed(command: str, exc: Exception) -> int:
    """One line on a store that cannot be read, with the likely fix; the password hidden."""
    from baotinh.cli.report import one_line, shown_url
    from db.settings import database_url

    problem = one_line(exc)
    if any(sign in problem for sign in ("no such table", "does not exist", "UndefinedTable")):
        hint = "is it migrated? `baotinh migrate`"
    else:
        hint = "is the database server running, and is BAOTINH_DATABASE_URL right?"
    print(
        f"baotinh {command}: cannot read the store at {shown_url(database_url())}: {problem}"
        f" ({hint})",
        file=sys.stderr,
    )
    return 2


def cmd_articles(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from db.articles import list_articles
    from db.engine import session_scope

    try:
        with session_scope() as session:
            filters = _resolved_filters(session, args, "articles")
            if filters is None:
                return 2
            items = list_articles(session, filters, limit=args.limit)
    except SQLAlchemyError as exc:
        return store_failed("articles", exc)
    if args.json:
        print(json.dumps(items, ensure_ascii=False, indent=2))
        return 0
    for item in items:
        authors = ", ".join(item["authors"]) or "—"
        title = item["title"] or NO_TITLE
        print(f"{(item['published'] or '')[:16]:16}  {item['site']:10}  {title}")
        print(
            f"{'':16}  {'':10}  {item['section'] or '—'} · {item['topic'] or 'unlabelled'}"
            f" · {authors} · {item['chars']} chars · id {item['id']}"
        )
    if not items:
        print("No article matches." if filters.any() else "No articles stored yet.")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from db.engine import session_scope
    from db.search import RANK_WINDOW, search

    query = _parsed_query(args.query, "search")
    if query is None:
        return 2
    try:
        with session_scope() as session:
            filters = _resolved_filters(session, args, "search")
            if filters is None:
                return 2
            window = None if args.rank_all else RANK_WINDOW
            hits = search(session, query, filters, limit=args.limit, window=window)
    except SQLAlchemyError as exc:
        return store_failed("search", exc)
    if hits.windowed:
        print(
            f"baotinh search: more than {RANK_WINDOW:,} articles match; these are the best of the"
            f" {RANK_WINDOW:,} stored last (narrow it with --since/--until/--site or more words,"
            " or --rank-all)",
            file=sys.stderr,
        )
    if args.json:
        print(json.dumps(hits, ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print(f"No article matches {args.query!r}.")
        return 0
    for number, hit in enumerate(hits, start=1):
        published = (hit["published_at"] or "undated")[:16].replace("T", " ")
        print(f"{number:>3}. {hit['title'] or NO_TITLE}")
        print(f"     id {hit['id']} · {hit['site']} · {published} · {hit['topic'] or 'unlabelled'}")
        print(f"     {hit['url']}")
        print(f"     {hit['snippet']}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from db.articles import article_detail, find_article_id
    from db.engine import session_scope

    try:
        with session_scope() as session:
            article_id = find_article_id(session, args.article)
            detail = article_detail(session, article_id) if article_id is not None else None
    except SQLAlchemyError as exc:
        return store_failed("show", exc)
    if detail is None:
        print(f"baotinh show: no stored article is {args.article!r}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(detail, ensure_ascii=False, indent=2))
    else:
        from baotinh.cli.report import render_article

        print(render_article(detail))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    import time
    from pathlib import Path

    from sqlalchemy.exc import SQLAlchemyError

    from baotinh.jobs.export import write_export
    from db.engine import session_scope
    from db.export_rows import export_batches

    query = None
    if args.query is not None:
        query = _parsed_query(args.query, "export")
        if query is None:
            return 2
    output = Path(args.output)
    started = time.perf_counter()
    tty = sys.stderr.isatty()

    def progress(total: int) -> None:
        if tty:
            print(f"\r  {total:,} articles…", end="", file=sys.stderr, flush=True)
        elif total % 10_000 == 0:
            print(f"  {total:,} articles…", file=sys.stderr, flush=True)

    try:
        with session_scope() as session:
            filters = _resolved_filters(session, args, "export")
            if filters is None:
                return 2
            total = write_export(
                export_batches(session, filters, query), args.format, output, progress
            )
    except SQLAlchemyError as exc:
        return store_failed("export", exc)
    except OSError as exc:
        print(f"baotinh export: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if tty:
        print(file=sys.stderr)
    seconds = time.perf_counter() - started
    print(f"Exported {total:,} articles to {output} in {seconds:.1f} s")
    return 0


def cmd_errors(args: argparse.Namespace) -> int:
    from db.engine import session_scope
    from db.runs import latest_run_id, run_errors

    with session_scope() as session:
        run_id = args.run or latest_run_id(session, with_errors=True)
        if run_id is None:
            print("No run has recorded an error.")
            return 0
        found = run_errors(session, run_id)
        if found is None:
            latest = latest_run_id(session)
            raise InputError(f"no run {run_id} (the latest is {latest or 'none yet'})")
        run, rows = found
        which = "" if args.run else ", the latest run with errors"
        print(
            f"Run {run.id} ({run.trigger}, {run.started_at:%Y-%m-%d %H:%M} UTC,"
            f" {run.status}{which}): {len(rows)} error(s)"
        )
        for error, key in rows:
            print(f"{key or '-':10}  {error.kind:16}  {error.url}\n{'':28}{error.message}")
    return 0


def cmd_cites(args: argparse.Namespace) -> int:
    from baotinh.cli.report import table
    from db.engine import session_scope
    from db.labels import citations_by_province_and_month, resolve_doc_ref

    with session_scope() as session:
        # Typed any way ("chi thi 05-ct/tw"), read as the store writes it ("Chỉ thị 05-CT/TW").
        ref = resolve_doc_ref(session, args.ref)
        rows = citations_by_province_and_month(session, ref)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif not rows:
        print(f"No stored article cites {ref}.")
    else:
        print(f"Articles citing {ref}, by province (as it is now) and month:")
        print(table(rows, (("month", "month"), ("province", "province"), ("articles", "articles"))))
    return 0


def cmd_topics(args: argparse.Namespace) -> int:
    from baotinh.cli.report import table
    from db.engine import session_scope
    from db.labels import topic_shares

    with session_scope() as session:
        rows = topic_shares(session, args.site)
    for row in rows:
        row["share"] = f"{row['share']:.1%}"
    print(table(rows, (("topic", "topic"), ("articles", "articles"), ("share", "share"))))
    return 0
