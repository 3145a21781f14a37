"""The `baotinh` command."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from baotinh.jobs.crawl_settings import CrawlSettings, CrawlSettingsError, in_process_run
from baotinh.core.records import NO_TITLE

# Prefect reads its settings at import: route our own loggers into flow-run logs first.
os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "baotinh")
# No internet here, and no reason to report usage from an unattended service.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


def main(argv: Sequence[str] | None = None) -> int:
    # Progress from the plain functions (crawl progress, per-site results) is INFO.
    logging.getLogger("baotinh").setLevel(logging.INFO)
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help()
        return 2
    command = args.handler.__name__.lstrip("_").replace("_", "-")
    try:
        return args.handler(args)
    except BrokenPipeError:
        # `baotinh runs | head`: the reader has what it wanted. Python would otherwise complain
        # again when it flushes stdout at exit, so point stdout at nothing first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (InputError, CrawlSettingsError) as exc:
        print(f"baotinh {command}: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        if exc.filename is None:  # not a file the person named: a real fault, keep the traceback
            raise
        print(f"baotinh {command}: {exc.filename}: {exc.strerror.lower()}", file=sys.stderr)
        return 2
    except Exception as exc:
        from sqlalchemy.exc import SQLAlchemyError

        if isinstance(exc, SQLAlchemyError):
            return _store_failed(command, exc)
        raise


def _count(text: str) -> int:
    """A --limit: a whole number from 1 to a million (argparse turns the error into one line)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 1_000_000:
        raise argparse.ArgumentTypeError(f"{text} is not between 1 and 1000000")
    return value


class InputError(Exception):
    """Something the person gave the command is wrong; the message says what, in one line."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="baotinh",
        description="Nightly news ingestion for the Vietnamese provincial press.",
    )
    commands = parser.add_subparsers(metavar="COMMAND")

    extract = commands.add_parser("extract", help="extract one saved page and print it as JSON")
    extract.add_argument("path", help="a saved page: HTML, gzipped HTML, or gzip under .html")
    extract.add_argument("--url", help="the page's address (default: its canonical link)")
    extract.add_argument("--site", help="the site profile to use (default: guessed from the URL)")
    extract.set_defaults(handler=_extract)

    import_text = commands.add_parser(
        "import-text", help="store naive text scrapes of article pages (like the seeds)"
    )
    import_text.add_argument("paths", nargs="+", metavar="PATH", help="text dumps (.txt)")
    import_text.add_argument("--site", help="the paper (default: recognised from the text)")
    import_text.add_argument(
        "--url",
        help="the page's original address (one PATH only): the article's url, and where the dump"
        " is kept as a raw page (default: a text-import: address from the dump's text)",
    )
    import_text.set_defaults(handler=_import_text)

    runs = commands.add_parser("runs", help="the recorded crawl runs, newest first")
    runs.add_argument("--json", action="store_true", help="machine-readable output")
    runs.add_argument("--limit", type=_count, default=20)
    runs.add_argument("--site", help="only runs that crawled this paper (and only its line)")
    runs.set_defaults(handler=_runs)

    articles = commands.add_parser("articles", help="the newest stored articles")
    _add_filters(articles)
    articles.add_argument("--limit", type=_count, default=10)
    articles.add_argument("--json", action="store_true")
    articles.set_defaults(handler=_articles)

    search = commands.add_parser(
        "search", help="full-text search of stored articles (accents optional, best first)"
    )
    search.add_argument(
        "query", help='words, "a phrase" and prefix* (all must match; "dang bo" finds Đảng bộ)'
    )
    _add_filters(search)
    search.add_argument("--limit", type=_count, default=20)
    search.add_argument(
        "--rank-all",
        action="store_true",
        help="rank every match, not only the last few thousand stored (slow for common words)",
    )
    search.add_argument("--json", action="store_true", help="a JSON list of the hits")
    search.set_defaults(handler=_search)

    show = commands.add_parser(
        "show", help="one article in full: text, story, labels and evidence, versions, pages"
    )
    show.add_argument("article", metavar="ID|URL", help="an article id or any of its addresses")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=_show)

    export = commands.add_parser(
        "export", help="stored articles with text and labels to CSV, JSON lines or Parquet"
    )
    export.add_argument("query", nargs="?", help="only articles matching this search")
    export.add_argument("--format", required=True, choices=("csv", "jsonl", "parquet"))
    export.add_argument("--output", required=True, metavar="FILE")
    _add_filters(export)
    export.set_defaults(handler=_export)

    errors = commands.add_parser("errors", help="recorded crawl and extraction errors")
    errors.add_argument("--run", type=int, help="one run (default: the latest)")
    errors.set_defaults(handler=_errors)

    migrate = commands.add_parser("migrate", help="create or upgrade the database schema")
    migrate.set_defaults(handler=_migrate)

    crawl = commands.add_parser("crawl", help="run the nightly flow now")
    crawl.add_argument("--site", action="append", dest="sites", help="a site key (repeatable)")
    crawl.add_argument(
        "--mirror",
        action="append",
        default=[],
        metavar="DOMAIN=URL",
        help="fetch DOMAIN from a local copy at URL (e.g. a sample site)",
    )
    crawl.add_argument("--impolite", action="store_true", help="no delays (own mirrors only)")
    crawl.add_argument("--json", action="store_true", help="print the summary as JSON")
    crawl.set_defaults(handler=_crawl)

    backfill = commands.add_parser(
        "backfill", help="reach back to a date window (inclusive) on some or all sites"
    )
    backfill.add_argument("--since", required=True, help="first day, YYYY-MM-DD")
    backfill.add_argument("--until", required=True, help="last day, YYYY-MM-DD")
    backfill.add_argument("--site", action="append", dest="sites", help="a site key (repeatable)")
    backfill.add_argument("--refetch", action="store_true", help="fetch stored pages again")
    backfill.add_argument(
        "--reprocess", action="store_true", help="then re-extract the window's stored pages"
    )
    backfill.add_argument(
        "--redo", action="store_true", help="crawl months an earlier backfill already finished"
    )
    backfill.add_argument("--mirror", action="append", default=[], metavar="DOMAIN=URL")
    backfill.add_argument("--impolite", action="store_true", help="no delays (own mirrors only)")
    backfill.add_argument("--json", action="store_true", help="print the summary as JSON")
    backfill.set_defaults(handler=_backfill)

    reprocess = commands.add_parser(
        "reprocess", help="re-extract stored raw pages after an extractor upgrade (no crawling)"
    )
    reprocess.add_argument("--site", action="append", dest="sites", help="a site key (repeatable)")
    reprocess.add_argument(
        "--all", action="store_true", help="every stored page, not only outdated ones"
    )
    reprocess.add_argument(
        "--classify",
        action="store_true",
        help="label stored articles again (missing or older labels; every one with --all)"
        " instead of re-extracting pages",
    )
    reprocess.set_defaults(handler=_reprocess)

    classify = commands.add_parser(
        "classify",
        help="label articles from a JSON-lines file: topic, campaigns, documents, provinces",
    )
    classify.add_argument(
        "--input",
        required=True,
        metavar="FILE.jsonl",
        help='lines with "title" and "text" (optional "lead", "section"; other keys pass'
        ' through) ("-": stdin); prints each line without "text", with its labels (campaigns'
        " and provinces it is about, and those it only mentions)",
    )
    classify.add_argument(
        "--explain",
        action="store_true",
        help="also print the terms that decided the topic, and why each campaign and province"
        " is one the article is about or one it only mentions",
    )
    classify.set_defaults(handler=_classify)

    train = commands.add_parser(
        "train-topics", help="train the topic model (the project's corpus, sample sites, the store)"
    )
    train.add_argument(
        "--from-store",
        action="store_true",
        help="add the stored articles whose paper files them under a mapped section",
    )
    train.add_argument(
        "--output",
        help="where to write the model (default: a new topics-<time>.npz in BAOTINH_MODEL_DIR)",
    )
    train.add_argument(
        "--promote",
        action="store_true",
        help="make it the model in use if it scores no worse on the labelled set",
    )
    train.set_defaults(handler=_train_topics)

    cites = commands.add_parser(
        "cites", help='articles citing a document, by province and month ("Chỉ thị 05-CT/TW")'
    )
    cites.add_argument("ref", help='a document, e.g. "Chỉ thị 05-CT/TW" (or "chi thi so 05-ct/tu")')
    cites.add_argument("--json", action="store_true")
    cites.set_defaults(handler=_cites)

    topics = commands.add_parser("topics", help="the share of each topic among stored articles")
    topics.add_argument("--site", help="one paper")
    topics.set_defaults(handler=_topics)

    demo = commands.add_parser(
        "demo", help="serve the sample sites on 127.0.0.1 and run the nightly flow against them"
    )
    demo.add_argument("--port", type=int, default=0, help="sample server port (0: any free)")
    demo.set_defaults(handler=_demo)

    dedupe = commands.add_parser(
        "dedupe", help="group articles into stories: a JSON-lines file, or the store's backlog"
    )
    source = dedupe.add_mutually_exclusive_group(required=True)
    source.add_argument(
        "--input",
        metavar="FILE.jsonl",
        help='lines {"id", "title", "text"[, "url", "published"]} ("-": stdin); prints one'
        ' {"id", "cluster"} per line and touches no store',
    )
    source.add_argument(
        "--store", action="store_true", help="give stored articles without a story their story"
    )
    dedupe.add_argument(
        "--relations", action="store_true", help="also print relation, jaccard and containment"
    )
    dedupe.set_defaults(handler=_dedupe)

    serve = commands.add_parser(
        "serve",
        help="a real Prefect server with the deployments and a worker, until Ctrl-C",
    )
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=4200)
    serve.add_argument("--workers", type=int, default=1, help="process workers on this machine")
    serve.add_argument(
        "--no-worker", action="store_true", help="server and deployments only (workers elsewhere)"
    )
    serve.set_defaults(handler=_serve)

    probe = commands.add_parser(
        "probe",
        help="ask a paper's site what it serves and say where its profile disagrees",
    )
    probe.add_argument("target", metavar="KEY|URL", help="a paper's key, or an address on a site")
    probe.add_argument("--articles", type=_count, default=3, help="articles to extract (3)")
    probe.add_argument(
        "--mirror", action="append", default=[], metavar="DOMAIN=URL", help="fetch from a copy"
    )
    probe.add_argument("--json", action="store_true")
    probe.set_defaults(handler=_probe)

    sites = commands.add_parser("sites", help="the registered newspapers")
    shown = sites.add_mutually_exclusive_group()
    shown.add_argument("--json", action="store_true", help="every paper with its evidence")
    shown.add_argument("--markdown", action="store_true", help="the table of docs/papers.md")
    sites.set_defaults(handler=_sites)

    check_url = commands.add_parser(
        "check-url",
        help="which paper serves an address, whether it is an article (by which rule) and"
        " which layout applies; nothing is fetched",
    )
    check_url.add_argument("url")
    check_url.add_argument("--json", action="store_true", help="machine-readable output")
    check_url.set_defaults(handler=_check_url)
    return parser


def _extract(args: argparse.Namespace) -> int:
    from baotinh.extraction.html import ExtractionError, article_to_json, extract_article, read_saved_page
    from baotinh.papers import get_site, site_for_url

    url = args.url or f"file://{os.path.abspath(args.path)}"
    profile = get_site(args.site) if args.site else site_for_url(args.url or "")
    try:
        body = read_saved_page(args.path)
        if _is_text_dump(args.path, body):
            from baotinh.extraction.dumps import decode_text_dump, extract_text_dump

            article = extract_text_dump(decode_text_dump(body), profile)
        else:
            article = extract_article(body, url, profile)
    except ExtractionError as exc:
        print(json.dumps({"error": exc.kind, "message": str(exc)}, ensure_ascii=False))
        return 1
    result = article_to_json(article)
    if args.url:
        result["url"] = args.url
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


def _is_text_dump(path: str, body: bytes) -> bool:
    """A .txt scrape, or a file of another name whose content is not markup."""
    from baotinh.extraction.dumps import looks_like_html

    suffix = os.path.splitext(path)[1].lower()
    if suffix == ".txt":
        return True
    return suffix not in {".html", ".htm", ".gz"} and not looks_like_html(body)


def _import_text(args: argparse.Namespace) -> int:
    from baotinh.extraction.dumps import import_summary, import_text_dumps
    from baotinh.papers import get_site
    from db.migrate import upgrade

    if args.url is not None:
        if len(args.paths) != 1:
            print("baotinh import-text: --url names one page: give a single PATH", file=sys.stderr)
            return 2
        if not args.url.startswith(("http://", "https://")):
            print(f"baotinh import-text: --url {args.url!r} is not an http(s) URL", file=sys.stderr)
            return 2
    if args.site:
        try:
            get_site(args.site)
        except KeyError as exc:
            raise SystemExit(f"baotinh import-text: {exc.args[0]}") from None
    upgrade()
    outcomes = import_text_dumps(args.paths, site=args.site, url=args.url)
    print(import_summary(outcomes))
    return 1 if any(outcome.status == "failed" for outcome in outcomes) else 0


def _runs(args: argparse.Namespace) -> int:
    from baotinh.cli.report import RUN_COLUMNS, self_discovery_lines, table
    from db.engine import session_scope
    from db.filters import ArticleFilters, UnknownFilterValueError, resolve_filters
    from db.store import list_runs

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


def _add_filters(parser: argparse.ArgumentParser) -> None:
    """The filters `articles`, `search` and `export` share (db.filters.ArticleFilters)."""
    parser.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="first day (Vietnam)")
    parser.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="last day, included")
    parser.add_argument("--site", help="a paper's key (see `baotinh sites`)")
    parser.add_argument("--topic", help="a topic, e.g. chinh-tri")
    parser.add_argument(
        "--province", help="a province as it is now, or as named before the 2025 merger"
    )
    parser.add_argument("--campaign", help="a campaign tag, e.g. hoc-tap-lam-theo-bac")
    parser.add_argument(
        "--cites", metavar="DOC", help='a cited document, typed any way: "chi thi 05-ct/tw"'
    )
    parser.add_argument(
        "--mentioned",
        action="store_true",
        help="with --province or --campaign: also articles that only mention it (a hometown, a"
        " list, a passing reference), not only those about it",
    )


def _day(value: str) -> Any:
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a day (YYYY-MM-DD): {value!r}") from None


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


def _store_failed(command: str, exc: Exception) -> int:
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


def _articles(args: argparse.Namespace) -> int:
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
        return _store_failed("articles", exc)
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


def _search(args: argparse.Namespace) -> int:
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
        return _store_failed("search", exc)
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


def _show(args: argparse.Namespace) -> int:
    from sqlalchemy.exc import SQLAlchemyError

    from db.articles import article_detail, find_article_id
    from db.engine import session_scope

    try:
        with session_scope() as session:
            article_id = find_article_id(session, args.article)
            detail = article_detail(session, article_id) if article_id is not None else None
    except SQLAlchemyError as exc:
        return _store_failed("show", exc)
    if detail is None:
        print(f"baotinh show: no stored article is {args.article!r}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(detail, ensure_ascii=False, indent=2))
    else:
        from baotinh.cli.report import render_article

        print(render_article(detail))
    return 0


def _export(args: argparse.Namespace) -> int:
    import time
    from pathlib import Path

    from sqlalchemy.exc import SQLAlchemyError

    from baotinh.jobs.export import write_export
    from db.articles import export_batches
    from db.engine import session_scope

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
        return _store_failed("export", exc)
    except OSError as exc:
        print(f"baotinh export: cannot write {output}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    if tty:
        print(file=sys.stderr)
    seconds = time.perf_counter() - started
    print(f"Exported {total:,} articles to {output} in {seconds:.1f} s")
    return 0


def _errors(args: argparse.Namespace) -> int:
    from sqlalchemy import func, select

    from db.engine import session_scope
    from db.models import CrawlErrorRow, CrawlRun, Site

    with session_scope() as session:
        run_id = args.run or session.scalar(select(func.max(CrawlErrorRow.run_id)))
        if run_id is None:
            print("No run has recorded an error.")
            return 0
        run = session.get(CrawlRun, run_id)
        if run is None:
            latest = session.scalar(select(func.max(CrawlRun.id)))
            raise InputError(f"no run {run_id} (the latest is {latest or 'none yet'})")
        rows = session.execute(
            select(CrawlErrorRow, Site.key)
            .outerjoin(Site, Site.id == CrawlErrorRow.site_id)
            .where(CrawlErrorRow.run_id == run_id)
            .order_by(CrawlErrorRow.id)
        ).all()
        which = "" if args.run else ", the latest run with errors"
        print(
            f"Run {run.id} ({run.trigger}, {run.started_at:%Y-%m-%d %H:%M} UTC,"
            f" {run.status}{which}): {len(rows)} error(s)"
        )
        for error, key in rows:
            print(f"{key or '-':10}  {error.kind:16}  {error.url}\n{'':28}{error.message}")
    return 0


def _migrate(args: argparse.Namespace) -> int:
    from baotinh.cli.report import shown_url
    from db.settings import database_url

    if not _migrated(args, "migrate"):
        return 1
    print(f"Database at head: {shown_url(database_url())}")
    return 0


def _migrated(args: argparse.Namespace, command: str) -> bool:
    """Bring the store to the head revision; False, said in one line, if that fails."""
    from sqlalchemy.exc import SQLAlchemyError

    from baotinh.cli.report import one_line, shown_url
    from db.migrate import upgrade
    from db.settings import DATABASE_URL_ENV, default_database_url

    try:
        upgrade()
    except (SQLAlchemyError, OSError) as exc:
        where = shown_url(os.environ.get(DATABASE_URL_ENV) or default_database_url())
        _say_failed(args, command, f"cannot migrate the store at {where}: {one_line(exc)}")
        return False
    return True


def _say_failed(args: argparse.Namespace, command: str, error: str) -> None:
    """A failure in one line: a JSON object on stdout with --json, else a line on stderr."""
    if getattr(args, "json", False):
        print(json.dumps({"status": "failed", "error": error}, ensure_ascii=False))
    else:
        print(f"baotinh {command}: {error}", file=sys.stderr)


def _run_flow(call: Callable[[], Any]) -> dict[str, Any]:
    """Call a flow with return_state=True; its summary, or, if it did not end with one (it
    raised, crashed, was cancelled), {"status": "failed", "error": one line, "state": ...}."""
    from baotinh.cli.report import one_line

    try:
        state = call()
        result = state.result(raise_on_failure=False)
    except Exception as exc:  # noqa: BLE001 - whatever went wrong, the person gets one line
        return {"status": "failed", "error": one_line(exc), "state": None, "flow_run_id": None}
    if isinstance(result, dict) and "status" in result and "sites" in result:
        return result
    if isinstance(result, BaseException):
        error = one_line(result)
    else:
        error = one_line(state.message or f"the flow run ended {state.name} without a summary")
    flow_run_id = state.state_details.flow_run_id
    return {
        "status": "failed",
        "error": error,
        "state": state.name,
        "flow_run_id": str(flow_run_id) if flow_run_id else None,
    }


def _print_run(
    args: argparse.Namespace,
    command: str,
    summary: dict[str, Any],
    render: Callable[[dict[str, Any]], str],
) -> int:
    """A run's summary as JSON (--json) or as `render` makes it; 1 if the run failed."""
    from baotinh.cli.report import shown_url

    if summary.get("database_url"):
        summary = {**summary, "database_url": shown_url(summary["database_url"])}
    if "error" in summary:  # the flow ended without its summary
        if getattr(args, "json", False):
            print(json.dumps(summary, ensure_ascii=False, indent=2))
        else:
            state = (summary.get("state") or "failed").lower()
            print(f"baotinh {command}: the run {state}: {summary['error']}", file=sys.stderr)
        return 1
    if getattr(args, "json", False):
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(render(summary))
    return 0 if summary["status"] != "failed" else 1


def _prefect_failed(args: argparse.Namespace, error: Exception) -> int:
    """The local Prefect server did not start: the progress line on stderr already says why and
    what to do; --json also gets it as an object. Exit code 2."""
    if getattr(args, "json", False):
        print(json.dumps({"status": "failed", "error": str(error)}, ensure_ascii=False))
    return 2


def _parse_mirrors(pairs: list[str]) -> dict[str, str]:
    mirrors: dict[str, str] = {}
    for pair in pairs:
        domain, _, url = pair.partition("=")
        if not url:
            raise SystemExit(f"--mirror wants DOMAIN=URL, got {pair!r}")
        mirrors[domain] = url
    return mirrors


def _crawl_settings(args: argparse.Namespace) -> CrawlSettings:
    """This machine's crawl settings (the same environment a worker reads), with the
    command's --mirror and --impolite on top."""
    settings = CrawlSettings.from_environment()
    return settings.but(
        mirrors={**settings.mirrors, **_parse_mirrors(args.mirror)},
        polite=settings.polite and not args.impolite,
    )


def _crawl(args: argparse.Namespace) -> int:
    from baotinh.cli.local_prefect import LocalPrefectError, starting_prefect_server
    from baotinh.cli.report import run_summary
    from baotinh.papers import SITES, enabled_sites

    unknown = sorted(set(args.sites or ()) - set(SITES))
    if unknown:
        raise SystemExit(
            f"baotinh crawl: unknown site(s) {', '.join(unknown)}; registered sites:"
            f" {', '.join(sorted(SITES))}"
        )
    settings = _crawl_settings(args)
    try:
        # The Prefect server starts while the store is migrated and the flow imported.
        with starting_prefect_server() as prefect:
            if not _migrated(args, "crawl"):
                return 1
            from flows.nightly import nightly

            prefect.ready(papers=args.sites or enabled_sites())
            with in_process_run(settings, "manual"):
                summary = _run_flow(lambda: nightly(sites=args.sites, return_state=True))
    except LocalPrefectError as exc:
        return _prefect_failed(args, exc)
    return _print_run(args, "crawl", summary, run_summary)


def _backfill(args: argparse.Namespace) -> int:
    from datetime import date

    from baotinh.jobs.backfill import validate_backfill_request
    from baotinh.cli.local_prefect import LocalPrefectError, temporary_prefect_server
    from baotinh.cli.report import table

    try:
        since, until = date.fromisoformat(args.since), date.fromisoformat(args.until)
        validate_backfill_request(since, until, args.sites)
    except ValueError as exc:
        raise SystemExit(f"baotinh backfill: {exc}") from None
    settings = _crawl_settings(args)
    if not _migrated(args, "backfill"):
        return 1
    from flows.backfill import backfill

    try:
        with temporary_prefect_server(), in_process_run(settings, "backfill"):
            summary = _run_flow(
                lambda: backfill(
                    start=since,
                    end=until,
                    sites=args.sites,
                    refetch=args.refetch,
                    reprocess=args.reprocess,
                    redo_done_chunks=args.redo,
                    return_state=True,
                )
            )
    except LocalPrefectError as exc:
        return _prefect_failed(args, exc)

    def render(summary: dict[str, Any]) -> str:
        columns = (
            ("site", "site"),
            ("status", "status"),
            ("chunks_done", "months done"),
            ("chunks", "months"),
            ("requests", "requests"),
            ("pages", "pages"),
            ("new_articles", "new"),
            ("duplicates", "duplicates"),
            ("errors", "errors"),
            ("discovered", "discovered"),
            ("pending", "pending"),
            ("retrying", "retrying"),
            ("failed", "gave up"),
        )
        note = f" ({summary['note']})" if summary.get("note") else ""
        return f"Backfill {since}..{until}: {summary['status']}{note}\n\n" + table(
            summary["sites"], columns
        )

    return _print_run(args, "backfill", summary, render)


def _reprocess(args: argparse.Namespace) -> int:
    from baotinh.extraction.html import EXTRACTOR_VERSION
    from baotinh.cli.report import table
    from baotinh.jobs.reprocess import reprocess_site
    from baotinh.papers import SITES
    from db.engine import get_engine
    from db.migrate import upgrade

    upgrade()
    engine = get_engine()
    if args.classify:
        return _relabel(engine, args.sites or [None], everything=args.all)
    rows = []
    for key in args.sites or sorted(SITES):
        counts = reprocess_site(engine, key, everything=args.all)
        rows.append({"site": key, **vars(counts)})
        print(f"{key}: {counts.pages} stored page(s) re-extracted", flush=True)
    print(f"\nExtractor {EXTRACTOR_VERSION}:")
    print(
        table(
            rows,
            (
                ("site", "site"),
                ("pages", "pages"),
                ("new", "new"),
                ("updated", "updated"),
                ("unchanged", "unchanged"),
                ("errors", "errors"),
            ),
        )
    )
    return 0


def _demo(args: argparse.Namespace) -> int:
    from pathlib import Path

    from baotinh.cli.report import run_summary, shown_url
    from baotinh.samplesite import available_sites, serve
    from db.settings import database_url

    # The demo keeps Prefect's local state beside its database, not in the home folder.
    os.environ.setdefault("PREFECT_HOME", os.path.abspath("var/prefect"))
    prefect_home = Path(os.environ["PREFECT_HOME"])
    # Prefect creates its home without parents, and warns on a fresh checkout (no var/ yet).
    prefect_home.mkdir(parents=True, exist_ok=True)
    from baotinh.cli.local_prefect import LocalPrefectError, starting_prefect_server

    keys = available_sites()
    try:
        # The Prefect server starts (its imports and database: 4-10 s) while this process
        # migrates the store, imports the flow and serves the sample sites.
        with starting_prefect_server(prefect_home) as prefect:
            print(f"Database: {shown_url(database_url())} (migrating to head)", flush=True)
            if not _migrated(args, "demo"):
                return 1
            from flows.nightly import nightly

            with serve(*keys, port=args.port) as server:
                print(f"Serving the sample sites of {', '.join(keys)} at {server}", flush=True)
                prefect.ready(papers=keys)
                print("Running the nightly flow…", flush=True)
                demo = CrawlSettings.from_environment().but(mirrors=server.mirrors, polite=False)
                with in_process_run(demo, "demo"):
                    summary = _run_flow(lambda: nightly(sites=keys, return_state=True))
    except LocalPrefectError as exc:
        return _prefect_failed(args, exc)
    print()
    return _print_run(args, "demo", summary, run_summary)


def _serve(args: argparse.Namespace) -> int:
    import signal
    import socket
    import time
    from pathlib import Path

    from baotinh.cli import operations
    from baotinh.cli.report import shown_url
    from baotinh.papers import SITES
    from db.migrate import upgrade
    from db.settings import database_url

    exposed = operations.exposure_problem(args.host, os.environ)
    if exposed:
        raise InputError(exposed)
    prefect_home = Path(os.environ.get("BAOTINH_PREFECT_HOME") or "var/prefect").absolute()
    prefect_home.mkdir(parents=True, exist_ok=True)
    with socket.socket() as probe:
        if probe.connect_ex((args.host, args.port)) == 0:
            raise SystemExit(f"baotinh serve: {args.host}:{args.port} is taken: pass --port")
    api_url = f"http://{args.host}:{args.port}/api"
    env = operations.prefect_env(
        api_url, prefect_home, os.environ.get("BAOTINH_PREFECT_DATABASE_URL") or None
    )
    webhook = os.environ.get("BAOTINH_ALERT_WEBHOOK_URL") or None
    log_dir = Path("var/logs").absolute()
    log_dir.mkdir(parents=True, exist_ok=True)

    print(f"Store: {shown_url(database_url())} (migrating to head)", flush=True)
    upgrade()
    # A service manager stops `serve` with SIGTERM: stop the server and the workers as Ctrl-C does.
    signal.signal(signal.SIGTERM, _interrupt)
    processes = []
    server_log = open(log_dir / "prefect-server.log", "a", encoding="utf-8")  # noqa: SIM115
    try:
        print(
            f"Prefect server: {shown_url(env['PREFECT_API_DATABASE_CONNECTION_URL'])}", flush=True
        )
        server = operations.start_server(args.host, args.port, env, server_log)
        processes.append(server)
        operations.wait_until_healthy(api_url, process=server)
        operations.configure(api_url, sorted(SITES), webhook)
        if not webhook:
            print(
                "No BAOTINH_ALERT_WEBHOOK_URL: failed runs and alarms show in the UI"
                " (runs list, event feed) but are not sent anywhere",
                flush=True,
            )
        operations.deploy(env, server_log)
        workers = 0 if args.no_worker else args.workers
        for number in range(1, workers + 1):
            name = f"{socket.gethostname()}-{number}"
            worker_log = open(log_dir / f"prefect-worker-{number}.log", "a", encoding="utf-8")  # noqa: SIM115
            processes.append(operations.start_worker(name, env, worker_log))
        if not operations.is_loopback(args.host):
            print(
                f"Listening on {args.host}: the API asks for {operations.AUTH_STRING_ENV}"
                " (basic auth; the password is not shown)",
                flush=True,
            )
        print(
            f"\nPrefect UI: http://{args.host}:{args.port}  (API {api_url})\n"
            f"Deployments: nightly (01:30 Asia/Ho_Chi_Minh), backfill, backfill-chunk, reprocess\n"
            f"Work pool {operations.WORK_POOL!r}: {workers} worker(s) here; "
            f"logs in {log_dir}\nCtrl-C stops everything.",
            flush=True,
        )
        while all(process.poll() is None for process in processes):
            time.sleep(1)
        print("baotinh serve: a Prefect process exited; stopping", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        for process in reversed(processes):
            operations.stop(process)
        server_log.close()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _probe(args: argparse.Namespace) -> int:
    """Exit 0 when the site serves what the profile says, 1 where they disagree."""
    from baotinh.jobs.probe import probe, profile_for

    try:
        profile = profile_for(args.target)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    report = probe(profile, _parse_mirrors(args.mirror), articles=args.articles)
    print(
        json.dumps(report.as_dict(), ensure_ascii=False, indent=2) if args.json else report.text()
    )
    return 1 if report.disagreements else 0


def _sites(args: argparse.Namespace) -> int:
    from baotinh.papers import SITES
    from baotinh.papers.catalogue import describe, papers_markdown

    if args.json:
        print(json.dumps([describe(p) for p in SITES.values()], ensure_ascii=False, indent=2))
        return 0
    if args.markdown:
        print(papers_markdown(), end="")
        return 0
    for profile in SITES.values():
        provinces = " + ".join(profile.provinces_before)
        after = f" → {profile.province_after}" if profile.province_after else ""
        print(f"{profile.key:12} {profile.name:24} {profile.domain:28} {provinces}{after}")
    return 0


def _check_url(args: argparse.Namespace) -> int:
    from baotinh.cli.checkurl import check_url, describe

    check = check_url(args.url)
    print(json.dumps(check.to_json(), ensure_ascii=False) if args.json else describe(check))
    return 0


def _dedupe(args: argparse.Namespace) -> int:
    if args.store:
        from db.engine import session_scope
        from db.migrate import upgrade
        from db.stories import cluster_stored_articles

        upgrade()
        with session_scope() as session:
            counts = cluster_stored_articles(session)
        print(json.dumps(counts) if counts else "Every stored article already has its story.")
        return 0

    from baotinh.stories.dedupe import cluster_records

    records = _read_json_lines(args.input)
    try:
        results = cluster_records(records)
    except ValueError as exc:
        print(f"baotinh dedupe: {args.input}: {exc}", file=sys.stderr)
        return 2
    for result in results:
        if not args.relations:
            result = {"id": result["id"], "cluster": result["cluster"]}
        print(json.dumps(result, ensure_ascii=False))
    return 0


def _read_json_lines(path: str) -> list[dict]:
    """The objects of a JSON-lines file ("-": stdin); InputError naming the line if one is bad."""
    stream = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    records = []
    number = 0
    with stream:
        try:
            for number, line in enumerate(stream, start=1):  # noqa: B007 (read in except)
                if not line.strip():
                    continue
                records.append(_json_object(line))
        except UnicodeDecodeError:
            raise InputError(f"{path}: line {number + 1} is not UTF-8") from None
        except (ValueError, RecursionError) as exc:
            raise InputError(f"{path}:{number}: {exc}") from None
    return records


def _json_object(line: str) -> dict:
    try:
        record = json.loads(line)
    except RecursionError:
        raise ValueError("nested too deep to be an article") from None
    if not isinstance(record, dict):
        raise ValueError("not a JSON object")
    return record


def _classify(args: argparse.Namespace) -> int:
    from baotinh.labels.classify import classify
    from baotinh.labels.topics import load_model

    records = _read_json_lines(args.input)
    model = load_model()
    for number, record in enumerate(records, start=1):
        if not isinstance(record.get("title"), str) or not isinstance(record.get("text"), str):
            print(
                f'baotinh classify: {args.input}: object {number} needs "title" and "text" strings',
                file=sys.stderr,
            )
            return 2
        labels = classify(
            record["title"],
            record["text"],
            lead=record.get("lead"),
            section=record.get("section"),
            model=model,
        ).as_dict()
        if not args.explain:
            labels.pop("topic_evidence")
            labels.pop("why")
        out = {key: value for key, value in record.items() if key != "text"}
        print(json.dumps({**out, **labels}, ensure_ascii=False), flush=True)
    return 0


def _relabel(engine: object, sites: list[str | None], everything: bool) -> int:
    from baotinh.labels.classify import classifier_version
    from baotinh.jobs.labelling import relabel

    total = errors = 0
    for key in sites:
        counts = relabel(
            engine, key, everything=everything, progress=lambda line: print(line, flush=True)
        )
        print(
            f"{key or 'all papers'}: {counts.labelled} article(s) labelled, {counts.errors} failed"
        )
        total += counts.labelled
        errors += counts.errors
    print(f"Classifier {classifier_version()}: {total} labelled, {errors} failed.")
    return 1 if errors else 0


def _train_topics(args: argparse.Namespace) -> int:
    from pathlib import Path

    from baotinh.jobs.retrain import judge, train_candidate
    from baotinh.labels.topics import TopicModel

    engine = None
    if args.from_store:
        from db.engine import get_engine

        engine = get_engine()
    path = train_candidate(engine, output=Path(args.output) if args.output else None)
    model = TopicModel.load(path)
    sources = ", ".join(f"{n} {source}" for source, n in sorted(model.trained_on.items()))
    print(f"Trained {model.version} on {sources}; {model.size} terms.")
    print(f"Wrote {path}.")
    if args.promote:
        result = judge(path)
        print(f"{result.reason}.")
        if result.promoted:
            print("Label stored articles with it: baotinh reprocess --classify")
    else:
        print(f"Use it with BAOTINH_TOPIC_MODEL={path}, or train again with --promote.")
    return 0


def _cites(args: argparse.Namespace) -> int:
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


def _topics(args: argparse.Namespace) -> int:
    from baotinh.cli.report import table
    from db.engine import session_scope
    from db.labels import topic_shares

    with session_scope() as session:
        rows = topic_shares(session, args.site)
    for row in rows:
        row["share"] = f"{row['share']:.1%}"
    print(table(rows, (("topic", "topic"), ("articles", "articles"), ("share", "share"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
