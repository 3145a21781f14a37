"""Commands that run the service: migrate, crawl, backfill, reprocess, demo, serve (the local
Prefect stack is `operations` and `local_prefect`)."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from collections.abc import Callable
from typing import Any

from baotinh.cli.common import InputError, parse_mirrors
from baotinh.jobs.crawl_settings import CrawlSettings, in_process_run


def cmd_migrate(args: argparse.Namespace) -> int:
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


def _crawl_settings(args: argparse.Namespace) -> CrawlSettings:
    """This machine's crawl settings (the same environment a worker reads), with the
    command's --mirror and --impolite on top."""
    settings = CrawlSettings.from_environment()
    return settings.but(
        mirrors={**settings.mirrors, **parse_mirrors(args.mirror)},
        polite=settings.polite and not args.impolite,
    )


def cmd_crawl(args: argparse.Namespace) -> int:
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


def cmd_backfill(args: argparse.Namespace) -> int:
    from datetime import date

    from baotinh.cli.local_prefect import LocalPrefectError, temporary_prefect_server
    from baotinh.cli.report import table
    from baotinh.jobs.backfill import validate_backfill_request

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


def cmd_reprocess(args: argparse.Namespace) -> int:
    from baotinh.cli.report import table
    from baotinh.extraction.html import EXTRACTOR_VERSION
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


def cmd_demo(args: argparse.Namespace) -> int:
    from pathlib import Path

    from baotinh.cli.report import run_summary, shown_url
    from baotinh.jobs.head_start import start_ahead
    from baotinh.samplesite import available_sites, serve
    from db.engine import get_engine
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
        # migrates the store, serves the sample sites, starts crawling them and imports the flow.
        with starting_prefect_server(prefect_home) as prefect:
            print(f"Database: {shown_url(database_url())} (migrating to head)", flush=True)
            if not _migrated(args, "demo"):
                return 1
            with serve(*keys, port=args.port) as server:
                print(f"Serving the sample sites of {', '.join(keys)} at {server}", flush=True)
                demo = CrawlSettings.from_environment().but(mirrors=server.mirrors, polite=False)
                # The papers are this command's own sample sites: their crawl starts now, while
                # Prefect starts, and the nightly flow takes it over (baotinh.jobs.head_start).
                engine = get_engine(database_url())
                head_start = start_ahead(engine, database_url(), keys, demo, "demo")
                try:
                    from flows.nightly import nightly  # Prefect's client: 1-2 s of imports

                    prefect.ready(papers=keys)
                    print("Running the nightly flow…", flush=True)
                    with in_process_run(demo, "demo", head_start=head_start):
                        summary = _run_flow(lambda: nightly(sites=keys, return_state=True))
                except LocalPrefectError as exc:
                    head_start.abandon(
                        engine, f"the local Prefect server did not start: {exc.detail}"
                    )
                    raise
                finally:
                    head_start.close()  # nothing left to stop, unless the flow failed early
    except LocalPrefectError as exc:
        return _prefect_failed(args, exc)
    print()
    return _print_run(args, "demo", summary, run_summary)


def cmd_serve(args: argparse.Namespace) -> int:
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


def _relabel(engine: object, sites: list[str | None], everything: bool) -> int:
    from baotinh.jobs.labelling import relabel
    from baotinh.labels.classify import classifier_version

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
