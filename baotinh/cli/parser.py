"""The `baotinh` command line: every command, its options and the handler that runs it."""

from __future__ import annotations

import argparse
from typing import Any

from baotinh.cli.offline import (
    cmd_check_url,
    cmd_classify,
    cmd_dedupe,
    cmd_extract,
    cmd_import_text,
    cmd_probe,
    cmd_sites,
    cmd_train_topics,
)
from baotinh.cli.service import (
    cmd_backfill,
    cmd_crawl,
    cmd_demo,
    cmd_migrate,
    cmd_reprocess,
    cmd_serve,
)
from baotinh.cli.store_views import (
    cmd_articles,
    cmd_cites,
    cmd_errors,
    cmd_export,
    cmd_runs,
    cmd_search,
    cmd_show,
    cmd_topics,
)


def _count(text: str) -> int:
    """A --limit: a whole number from 1 to a million (argparse turns the error into one line)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 1_000_000:
        raise argparse.ArgumentTypeError(f"{text} is not between 1 and 1000000")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="baotinh",
        description="Nightly news ingestion for the Vietnamese provincial press.",
    )
    commands = parser.add_subparsers(metavar="COMMAND")

    extract = commands.add_parser("extract", help="extract one saved page and print it as JSON")
    extract.add_argument("path", help="a saved page: HTML, gzipped HTML, or gzip under .html")
    extract.add_argument("--url", help="the page's address (default: its canonical link)")
    extract.add_argument("--site", help="the site profile to use (default: guessed from the URL)")
    extract.set_defaults(handler=cmd_extract)

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
    import_text.set_defaults(handler=cmd_import_text)

    runs = commands.add_parser("runs", help="the recorded crawl runs, newest first")
    runs.add_argument("--json", action="store_true", help="machine-readable output")
    runs.add_argument("--limit", type=_count, default=20)
    runs.add_argument("--site", help="only runs that crawled this paper (and only its line)")
    runs.set_defaults(handler=cmd_runs)

    articles = commands.add_parser("articles", help="the newest stored articles")
    _add_filters(articles)
    articles.add_argument("--limit", type=_count, default=10)
    articles.add_argument("--json", action="store_true")
    articles.set_defaults(handler=cmd_articles)

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
    search.set_defaults(handler=cmd_search)

    show = commands.add_parser(
        "show", help="one article in full: text, story, labels and evidence, versions, pages"
    )
    show.add_argument("article", metavar="ID|URL", help="an article id or any of its addresses")
    show.add_argument("--json", action="store_true")
    show.set_defaults(handler=cmd_show)

    export = commands.add_parser(
        "export", help="stored articles with text and labels to CSV, JSON lines or Parquet"
    )
    export.add_argument("query", nargs="?", help="only articles matching this search")
    export.add_argument("--format", required=True, choices=("csv", "jsonl", "parquet"))
    export.add_argument("--output", required=True, metavar="FILE")
    _add_filters(export)
    export.set_defaults(handler=cmd_export)

    errors = commands.add_parser("errors", help="recorded crawl and extraction errors")
    errors.add_argument("--run", type=int, help="one run (default: the latest)")
    errors.set_defaults(handler=cmd_errors)

    migrate = commands.add_parser("migrate", help="create or upgrade the database schema")
    migrate.set_defaults(handler=cmd_migrate)

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
    crawl.set_defaults(handler=cmd_crawl)

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
    backfill.set_defaults(handler=cmd_backfill)

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
    reprocess.set_defaults(handler=cmd_reprocess)

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
    classify.set_defaults(handler=cmd_classify)

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
    train.set_defaults(handler=cmd_train_topics)

    cites = commands.add_parser(
        "cites", help='articles citing a document, by province and month ("Chỉ thị 05-CT/TW")'
    )
    cites.add_argument("ref", help='a document, e.g. "Chỉ thị 05-CT/TW" (or "chi thi so 05-ct/tu")')
    cites.add_argument("--json", action="store_true")
    cites.set_defaults(handler=cmd_cites)

    topics = commands.add_parser("topics", help="the share of each topic among stored articles")
    topics.add_argument("--site", help="one paper")
    topics.set_defaults(handler=cmd_topics)

    demo = commands.add_parser(
        "demo", help="serve the sample sites on 127.0.0.1 and run the nightly flow against them"
    )
    demo.add_argument("--port", type=int, default=0, help="sample server port (0: any free)")
    demo.set_defaults(handler=cmd_demo)

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
    dedupe.set_defaults(handler=cmd_dedupe)

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
    serve.set_defaults(handler=cmd_serve)

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
    probe.set_defaults(handler=cmd_probe)

    sites = commands.add_parser("sites", help="the registered newspapers")
    shown = sites.add_mutually_exclusive_group()
    shown.add_argument("--json", action="store_true", help="every paper with its evidence")
    shown.add_argument("--markdown", action="store_true", help="the table of docs/papers.md")
    sites.set_defaults(handler=cmd_sites)

    check_url = commands.add_parser(
        "check-url",
        help="which paper serves an address, whether it is an article (by which rule) and"
        " which layout applies; nothing is fetched",
    )
    check_url.add_argument("url")
    check_url.add_argument("--json", action="store_true", help="machine-readable output")
    check_url.set_defaults(handler=cmd_check_url)
    return parser


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
