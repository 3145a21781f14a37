"""Ride out a PostgreSQL outage: retry a unit of store work while the server is unreachable.

    log = OutageLog()
    run_id = run_with_store_retry(lambda: write_one(engine, item), budget_s=120, log=log)
    print(log.summary())   # "the store was unreachable for 15.5 s; 1 write waited (5 waits)"

`work` must open its own session (``with session_scope(engine) as session: ...``), so that every
attempt starts on a fresh connection: SQLAlchemy invalidates a connection that failed with a
disconnect, together with every pooled connection opened before it, and PostgreSQL engines made by
`db.engine.make_engine` ping a pooled connection before handing it out.

`work` must also be safe to run twice. A connection lost while COMMIT is in flight leaves the
outcome unknown: the write may have landed. Work that inserts should look for its own row first
(by a natural key) or use INSERT ... ON CONFLICT DO NOTHING.

What counts as "unreachable" (see `is_store_unreachable`): the PostgreSQL server refuses or drops
the connection, is starting up, shutting down or in recovery, or terminated the session (fast
shutdown). SQL errors, integrity errors, deadlocks, serialization failures, statement timeouts,
authentication and "database does not exist" errors are raised at once. SQLite never counts: an
embedded file has no outage, and "database is locked" has already waited the connection's busy
timeout (db.engine.SQLITE_BUSY_TIMEOUT_MS); waiting longer would hide a stuck writer.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import exc as sa_exc

T = TypeVar("T")

FIRST_DELAY_S = 0.5
MAX_DELAY_S = 8.0

# SQLSTATEs that mean the session or the server is gone: class 08 (connection exception),
# admin_shutdown (fast/immediate stop terminated the session), crash_shutdown, cannot_connect_now
# (starting up, shutting down, in recovery).
_UNREACHABLE_SQLSTATE_PREFIXES = ("08",)
_UNREACHABLE_SQLSTATES = {"57P01", "57P02", "57P03"}

# A failed connection attempt carries no SQLSTATE in psycopg 3 ("connection failed: ...: FATAL:
# ..."). Most such failures are an outage (refused, reset, timed out, starting up, host name not
# resolving while DNS follows a failover, too many clients); these are configuration errors, and
# waiting would only delay them.
_PERMANENT_CONNECT_FAILURES = re.compile(
    r"authentication failed|no password supplied|no pg_hba\.conf entry|does not exist"
    r"|not permitted to log in|permission denied|invalid (?:connection option|sslmode)",
    re.IGNORECASE,
)


class StoreUnavailable(Exception):
    """The store stayed unreachable for the whole retry budget."""

    def __init__(self, message: str, *, waited_s: float, attempts: int) -> None:
        super().__init__(message)
        self.waited_s = waited_s
        self.attempts = attempts


@dataclass
class OutageLog:
    """What the retries saw; one log may be shared by many calls (and threads).

    `unreachable_s` is the union of the calls' outage windows (first failed attempt → the attempt
    that succeeded or gave up), so writers waiting side by side are not counted twice. It is an
    upper bound: the server may have been back up to one delay (≤ MAX_DELAY_S) before the retry.
    """

    waits: int = 0  # sleeps before a retry, over all calls
    calls_waited: int = 0  # calls that failed at least once
    calls_recovered: int = 0  # ... and then succeeded
    calls_gave_up: int = 0  # ... and raised StoreUnavailable (other errors are counted in neither)
    last_error: str | None = None  # first line, password redacted
    windows: list[tuple[float, float]] = field(default_factory=list)  # time.monotonic() pairs
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    @property
    def unreachable_s(self) -> float:
        with self._lock:
            spans = sorted(self.windows)
        total = 0.0
        current_start: float | None = None
        current_end = 0.0
        for start, end in spans:
            if current_start is None or start > current_end:
                if current_start is not None:
                    total += current_end - current_start
                current_start, current_end = start, end
            else:
                current_end = max(current_end, end)
        if current_start is not None:
            total += current_end - current_start
        return total

    def summary(self) -> str:
        if not self.calls_waited:
            return "the store was reachable throughout"
        writes = "write" if self.calls_waited == 1 else "writes"
        waits = "wait" if self.waits == 1 else "waits"
        text = (
            f"the store was unreachable for {self.unreachable_s:.1f} s; "
            f"{self.calls_waited} {writes} waited ({self.waits} {waits})"
        )
        if self.calls_gave_up:
            text += f"; {self.calls_gave_up} gave up"
        return text

    def _record_wait(self, error: str) -> None:
        with self._lock:
            self.waits += 1
            self.last_error = error

    def _record_call(self, start: float, end: float, outcome: str) -> None:
        with self._lock:
            self.windows.append((start, end))
            self.calls_waited += 1
            if outcome == "recovered":
                self.calls_recovered += 1
            elif outcome == "gave up":
                self.calls_gave_up += 1


def run_with_store_retry(
    work: Callable[[], T],
    *,
    budget_s: float,
    on_wait: Callable[[str], None] | None = None,
    log: OutageLog | None = None,
) -> T:
    """Return `work()`, calling it again while it fails because the store is unreachable.

    Waits 0.5 s, 1 s, 2 s, 4 s, then 8 s between attempts, for at most `budget_s` counted from
    the first failure; the last wait is shortened so that the final attempt happens at the
    budget's end. Then raises StoreUnavailable (from the last error). Any other error is raised
    at once. `on_wait` gets a one-line message before each wait; `log` collects the outage.

    The budget is checked between attempts: an attempt that hangs (a host that drops packets)
    lasts as long as the driver lets it; set connect_timeout in the URL for such networks.
    """
    if budget_s < 0:
        raise ValueError(f"budget_s must be >= 0, not {budget_s}")
    first_failure: float | None = None
    attempts = 0
    delay = FIRST_DELAY_S
    while True:
        attempts += 1
        try:
            result = work()
        except Exception as exc:
            if not is_store_unreachable(exc):
                if first_failure is not None and log is not None:
                    log._record_call(first_failure, time.monotonic(), "other error")
                raise
            now = time.monotonic()
            if first_failure is None:
                first_failure = now
            waited = now - first_failure
            error = describe_error(exc)
            remaining = budget_s - waited
            if remaining <= 0:
                if log is not None:
                    with log._lock:
                        log.last_error = error
                    log._record_call(first_failure, now, "gave up")
                raise StoreUnavailable(
                    f"store unreachable for {waited:.1f} s ({attempts} attempts, budget"
                    f" {budget_s:g} s): {error}",
                    waited_s=waited,
                    attempts=attempts,
                ) from exc
            pause = min(delay, remaining)
            if log is not None:
                log._record_wait(error)
            if on_wait is not None:
                on_wait(
                    f"store unreachable ({error}); attempt {attempts + 1} in {pause:.1f} s"
                    f" (waited {waited:.1f} s of {budget_s:g} s)"
                )
            time.sleep(pause)
            delay = min(delay * 2, MAX_DELAY_S)
            continue
        if first_failure is not None and log is not None:
            log._record_call(first_failure, time.monotonic(), "recovered")
        return result


def is_store_unreachable(exc: BaseException) -> bool:
    """True when `exc` means the database server could not be reached or dropped the session."""
    if isinstance(exc, sa_exc.DisconnectionError):
        return True
    if isinstance(exc, sa_exc.DBAPIError):
        # SQLAlchemy asked the dialect: the DBAPI connection is closed or broken.
        if exc.connection_invalidated:
            return True
        return _driver_error_unreachable(exc.orig)
    return _driver_error_unreachable(exc)


def _driver_error_unreachable(error: BaseException | None) -> bool:
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return False
    if not isinstance(error, psycopg.OperationalError):
        # psycopg.InterfaceError is misuse (or a missing libpq), not an outage; SQLite's
        # OperationalError is never an outage (see the module docstring).
        return False
    sqlstate = getattr(error, "sqlstate", None)
    if sqlstate:
        return sqlstate.startswith(_UNREACHABLE_SQLSTATE_PREFIXES) or (
            sqlstate in _UNREACHABLE_SQLSTATES
        )
    # No SQLSTATE: a failed connection attempt ("connection failed: ... Connection refused",
    # "... FATAL:  the database system is starting up"), or the client noticed the socket is gone
    # ("server closed the connection unexpectedly", "consuming input failed", "the connection is
    # closed").
    return not _PERMANENT_CONNECT_FAILURES.search(str(error))


# postgresql://user:secret@host, password=secret / password='se cret' (libpq conninfo),
# PGPASSWORD=secret.
_URL_PASSWORD = re.compile(r"(?P<keep>[a-z][a-z0-9+.-]*://[^:/?#@\s]*:)[^@\s/]*(?=@)", re.I)
_CONNINFO_PASSWORD = re.compile(
    r"(?P<keep>\b(?:password|pgpassword)\s*=\s*)(?:'(?:[^'\\]|\\.)*'|\S+)", re.I
)


def redact(text: str) -> str:
    """`text` with passwords in URLs and conninfo strings replaced by ***."""
    text = _URL_PASSWORD.sub(r"\g<keep>***", text)
    return _CONNINFO_PASSWORD.sub(r"\g<keep>***", text)


def describe_error(exc: BaseException) -> str:
    """The driver's first line for `exc` (not SQLAlchemy's wrapper), password redacted."""
    inner = exc.orig if isinstance(exc, sa_exc.DBAPIError) and exc.orig is not None else exc
    lines = [line.strip() for line in str(inner).strip().splitlines() if line.strip()]
    first = lines[0] if lines else ""
    return redact(f"{type(inner).__name__}: {first}" if first else type(inner).__name__)
