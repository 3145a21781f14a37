"""db.resilience without a server: which errors count as an outage, the waits, the redaction.

tests/test_store_outage.py does the same against a real PostgreSQL that is stopped and started.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
import time

import psycopg
import pytest
from psycopg import errors as pg_errors
from sqlalchemy import exc as sa_exc
from sqlalchemy import text

from db.engine import make_engine, session_scope
from db.resilience import (
    OutageLog,
    StoreUnavailable,
    describe_error,
    is_store_unreachable,
    redact,
    run_with_store_retry,
)

REFUSED = (
    'connection failed: connection to server at "127.0.0.1", port 5432 failed: Connection refused'
    "\n\tIs the server running on that host and accepting TCP/IP connections?"
)


def wrapped(orig: BaseException, cls: type[sa_exc.DBAPIError] = sa_exc.OperationalError):
    return cls("SELECT 1", {}, orig)


@pytest.mark.parametrize(
    "error",
    [
        psycopg.OperationalError(REFUSED),
        psycopg.OperationalError(
            'connection failed: connection to server at "127.0.0.1", port 5432 failed:'
            " FATAL:  the database system is starting up"
        ),
        psycopg.OperationalError("consuming input failed: server closed the connection"),
        psycopg.OperationalError("the connection is closed"),
        pg_errors.AdminShutdown("terminating connection due to administrator command"),
        pg_errors.CannotConnectNow("the database system is shutting down"),
        pg_errors.ConnectionFailure("connection failure"),
    ],
    ids=lambda e: type(e).__name__,
)
def test_outages_are_unreachable(error: Exception) -> None:
    assert is_store_unreachable(error)
    assert is_store_unreachable(wrapped(error))


@pytest.mark.parametrize(
    "error",
    [
        wrapped(pg_errors.UndefinedTable('relation "x" does not exist'), sa_exc.ProgrammingError),
        wrapped(pg_errors.UniqueViolation("duplicate key"), sa_exc.IntegrityError),
        wrapped(pg_errors.DeadlockDetected("deadlock detected")),
        wrapped(pg_errors.QueryCanceled("canceling statement due to statement timeout")),
        wrapped(
            psycopg.OperationalError(
                'connection failed: ... FATAL:  password authentication failed for user "x"'
            )
        ),
        wrapped(psycopg.OperationalError('connection failed: FATAL:  database "x" does not exist')),
        wrapped(sqlite3.OperationalError("database is locked")),
        wrapped(sqlite3.OperationalError("unable to open database file")),
        wrapped(psycopg.InterfaceError("misuse")),
        ValueError("not a database error"),
    ],
    ids=lambda e: str(getattr(e, "orig", e)).split()[0],
)
def test_other_errors_are_not(error: Exception) -> None:
    assert not is_store_unreachable(error)


def test_an_invalidated_connection_is_unreachable_whatever_the_driver_said() -> None:
    error = sa_exc.InterfaceError(
        "SELECT 1", {}, psycopg.InterfaceError("x"), connection_invalidated=True
    )
    assert error.connection_invalidated
    assert is_store_unreachable(error)


def test_sqlite_locked_is_raised_at_once(tmp_path) -> None:
    """A real "database is locked" (busy timeout shortened): not an outage, no retry."""
    url = f"sqlite:///{tmp_path / 'locked.sqlite3'}"
    holder = sqlite3.connect(tmp_path / "locked.sqlite3")
    holder.execute("CREATE TABLE t (x INTEGER)")
    holder.execute("BEGIN EXCLUSIVE")
    engine = make_engine(url, connect_args={"timeout": 0.1})
    log = OutageLog()

    def work() -> None:
        with session_scope(engine) as session:
            session.execute(text("PRAGMA busy_timeout=100"))
            session.execute(text("INSERT INTO t VALUES (1)"))

    try:
        with pytest.raises(sa_exc.OperationalError, match="database is locked"):
            run_with_store_retry(work, budget_s=30, log=log)
    finally:
        engine.dispose()
        holder.close()
    assert log.waits == 0


def test_waits_double_and_the_budget_ends_on_time() -> None:
    attempts: list[float] = []
    messages: list[str] = []
    log = OutageLog()

    def work() -> None:
        attempts.append(time.monotonic())
        raise wrapped(psycopg.OperationalError(REFUSED))

    with pytest.raises(StoreUnavailable) as raised:
        run_with_store_retry(work, budget_s=2, on_wait=messages.append, log=log)
    gaps = [b - a for a, b in itertools.pairwise(attempts)]
    assert gaps == pytest.approx([0.5, 1.0, 0.5], abs=0.3)  # the last one ends at the budget
    assert re.match(
        r"store unreachable for 2\.\d s \(4 attempts, budget 2 s\): ", str(raised.value)
    )
    assert str(raised.value).endswith(
        "OperationalError: connection failed: connection to server"
        ' at "127.0.0.1", port 5432 failed: Connection refused'
    )
    assert raised.value.attempts == 4 and 2 <= raised.value.waited_s < 2.5
    assert len(messages) == log.waits == 3
    assert messages[0].endswith("attempt 2 in 0.5 s (waited 0.0 s of 2 s)")
    assert log.calls_gave_up == 1 and log.summary().endswith("1 gave up")


def test_recovery_is_logged() -> None:
    log = OutageLog()
    failures = iter([psycopg.OperationalError(REFUSED)] * 2)

    def work() -> str:
        error = next(failures, None)
        if error is not None:
            raise wrapped(error)
        return "done"

    assert run_with_store_retry(work, budget_s=10, log=log) == "done"
    assert run_with_store_retry(lambda: "quick", budget_s=10, log=log) == "quick"
    assert log.waits == 2 and log.calls_waited == 1 and log.calls_recovered == 1
    assert 1.4 < log.unreachable_s < 2.5
    assert log.summary() == (
        f"the store was unreachable for {log.unreachable_s:.1f} s; 1 write waited (2 waits)"
    )


def test_overlapping_windows_are_counted_once() -> None:
    log = OutageLog(windows=[(10.0, 20.0), (12.0, 25.0), (30.0, 31.0)])
    assert log.unreachable_s == pytest.approx(16.0)
    assert OutageLog().summary() == "the store was reachable throughout"


def test_passwords_are_redacted() -> None:
    assert redact("postgresql+psycopg://bao:s3cr%40t@db:5432/x failed") == (
        "postgresql+psycopg://bao:***@db:5432/x failed"
    )
    assert redact("host=db password=s3cret user=bao") == "host=db password=*** user=bao"
    assert redact("password = 'se cr\\'et' user=bao") == "password = *** user=bao"
    assert redact("postgresql://db/x and http://example.org/a:b") == (
        "postgresql://db/x and http://example.org/a:b"
    )
    error = wrapped(psycopg.OperationalError("bad dsn postgresql://u:hunter2@h/d\nsecond line"))
    assert describe_error(error) == "OperationalError: bad dsn postgresql://u:***@h/d"
