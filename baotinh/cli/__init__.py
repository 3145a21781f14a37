"""The `baotinh` command."""

from __future__ import annotations

import gc
import logging
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from baotinh.cli.common import InputError
from baotinh.core.errors import ExtraSitesError
from baotinh.jobs.crawl_settings import CrawlSettingsError

# Prefect reads its settings at import: route our own loggers into flow-run logs first.
os.environ.setdefault("PREFECT_LOGGING_EXTRA_LOGGERS", "baotinh")
# No internet here, and no reason to report usage from an unattended service.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")


def run() -> NoReturn:
    """The `baotinh` command: `main`, then exit."""
    code = main()
    # What is left at exit is the operating system's to free: Python's own teardown of the
    # objects Prefect and pydantic leave (hundreds of thousands) took half a second after every
    # command that ran a flow. Files and logs are flushed at exit as before; only the final
    # garbage collections pass over what is frozen.
    gc.freeze()
    sys.exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    # Progress from the plain functions (crawl progress, per-site results) is INFO.
    logging.getLogger("baotinh").setLevel(logging.INFO)
    from baotinh.cli.parser import build_parser
    from baotinh.cli.store_views import store_failed

    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "handler"):
        parser.print_help()
        return 2
    command = args.handler.__name__.removeprefix("cmd_").replace("_", "-")
    try:
        return args.handler(args)
    except BrokenPipeError:
        # `baotinh runs | head`: the reader has what it wanted. Python would otherwise complain
        # again when it flushes stdout at exit, so point stdout at nothing first.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except (InputError, CrawlSettingsError, ExtraSitesError) as exc:
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
            return store_failed(command, exc)
        raise
