"""Writes ride out a real PostgreSQL outage (a private cluster stopped and started again).

No mocks: tests/support/pg_cluster.py initdb's a throw-away cluster per test; the shared test
server is never touched.
"""

from __future__ import annotations

import re
import secrets
import time
import traceback
from collections.abc import Callable

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, ProgrammingError

from db.engine import make_engine, session_scope
from db.migrate import upgrade
from db.models import CrawlRun
from db.resilience import OutageLog, StoreUnavailable, is_store_unreachable, run_with_store_retry
from db.runs import start_run
from tests.support.pg_cluster import PostgresCluster

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

OUTAGE_S = 5  # the 15 s outage of a whole crawl: tests/test_interruptions_e2e.py
WRITES = 40


def _write_run(engine: Engine, key: str, during: Callable[[], None] = lambda: None) -> int:
    """One crawl run with trigger `key`, in its own session; a no-op if it is already stored.

    Looking first keeps a retry from duplicating a write whose COMMIT landed but whose answer was
    lost with the connection.
    """
    with session_scope(engine) as session:
        existing = session.scalar(select(CrawlRun.id).where(CrawlRun.trigger == key))
        if existing is not None:
            return existing
        run = start_run(session, key)
        during()
        return run.id


def test_writes_survive_an_outage(throwaway_postgres: PostgresCluster) -> None:
    cluster = throwaway_postgres
    url = cluster.create_database("baotinh")
    upgrade(url)
    engine = make_engine(url)
    log = OutageLog()
    messages: list[str] = []
    outages = []

    def stop_mid_transaction() -> None:
        # The run is flushed (INSERT sent) but not committed when the server goes down.
        if not outages:
            outages.append(cluster.outage(OUTAGE_S))

    try:
        ids = []
        for i in range(WRITES):
            during = stop_mid_transaction if i == WRITES // 2 else (lambda: None)
            ids.append(
                run_with_store_retry(
                    lambda i=i, during=during: _write_run(engine, f"outage-{i}", during),
                    budget_s=60,
                    on_wait=messages.append,
                    log=log,
                )
            )
        outages[0].join()
        with session_scope(engine) as session:
            triggers = session.scalars(select(CrawlRun.trigger).order_by(CrawlRun.id)).all()
    finally:
        engine.dispose()

    assert triggers == [f"outage-{i}" for i in range(WRITES)]  # none lost, none twice
    assert len(set(ids)) == WRITES
    down = outages[0].duration_s
    assert down is not None and OUTAGE_S <= down < OUTAGE_S + 30
    # Measured from the failed COMMIT to the retry that worked: the real outage plus at most one
    # wait (8 s) and the slack of a busy machine.
    assert OUTAGE_S <= log.unreachable_s <= down + 8 + 5, (log, messages)
    assert log.calls_waited == 1 and log.calls_recovered == 1 and log.calls_gave_up == 0
    assert log.waits == len(messages) >= 4  # 0.5 + 1 + 2 + 4 s before the server is back
    # The session the fast stop terminated, then the refused connection attempts.
    assert (
        "terminating connection due to administrator command" in messages[0]
        or "server closed the connection" in messages[0]
    )
    assert any("Connection refused" in message for message in messages)
    assert log.summary().startswith(f"the store was unreachable for {log.unreachable_s:.1f} s")
    print(f"\n{log.summary()}; server down {down:.1f} s")
    for message in messages:
        print("  ", message)


def test_a_retry_gets_a_fresh_connection_without_pre_ping(
    throwaway_postgres: PostgresCluster,
) -> None:
    """A pooled connection the restart killed fails once; the retry connects anew."""
    cluster = throwaway_postgres
    url = cluster.create_database("baotinh")
    engine = make_engine(url, pool_pre_ping=False, pool_size=2)
    pids: list[int] = []

    def backend_pid() -> int:
        with session_scope(engine) as session:
            pid = session.scalar(text("SELECT pg_backend_pid()"))
            pids.append(pid)
            return pid

    log = OutageLog()
    try:
        before = run_with_store_retry(backend_pid, budget_s=30, log=log)
        cluster.restart()
        after = run_with_store_retry(backend_pid, budget_s=30, log=log)
    finally:
        engine.dispose()
    assert after != before
    assert log.waits == 1 and log.calls_recovered == 1
    assert "AdminShutdown" in (log.last_error or "")


def test_the_budget_is_honoured_and_the_password_never_shown(
    throwaway_postgres: PostgresCluster,
) -> None:
    cluster = throwaway_postgres
    password = f"pw-{secrets.token_hex(8)}"
    url = cluster.url_for("postgres", password=password)  # trust auth: accepted and ignored
    engine = make_engine(url)
    messages: list[str] = []
    log = OutageLog()

    def work() -> int:
        with session_scope(engine) as session:
            return session.scalar(text("SELECT 1"))

    try:
        assert run_with_store_retry(work, budget_s=3, log=log) == 1
        cluster.stop()
        started = time.monotonic()
        with pytest.raises(StoreUnavailable) as raised:
            run_with_store_retry(work, budget_s=3, on_wait=messages.append, log=log)
        elapsed = time.monotonic() - started
    finally:
        engine.dispose()

    assert 3 <= elapsed < 30
    error = raised.value
    message = str(error)
    assert "\n" not in message
    assert re.match(r"store unreachable for 3\.\d s \(\d+ attempts, budget 3 s\): ", message)
    assert "Connection refused" in message
    assert error.attempts >= 3  # at 0, 0.5, 1.5 and 3 s, unless an attempt itself was slow
    assert is_store_unreachable(error.__cause__)
    everything = [message, *messages, log.last_error or "", log.summary()]
    everything.append("".join(traceback.format_exception(error)))
    assert not [text_ for text_ in everything if password in text_]
    assert log.calls_gave_up == 1


def test_sql_and_integrity_errors_are_raised_at_once(throwaway_postgres: PostgresCluster) -> None:
    url = throwaway_postgres.create_database("baotinh")
    upgrade(url)
    engine = make_engine(url)
    calls = 0
    log = OutageLog()

    def bad_table() -> None:
        nonlocal calls
        calls += 1
        with session_scope(engine) as session:
            session.execute(text("SELECT * FROM no_such_table"))

    def duplicate_id() -> None:
        nonlocal calls
        calls += 1
        with session_scope(engine) as session:
            session.add(CrawlRun(id=1, trigger="dup"))

    try:
        started = time.monotonic()
        with pytest.raises(ProgrammingError):
            run_with_store_retry(bad_table, budget_s=30, log=log)
        assert calls == 1
        run_with_store_retry(duplicate_id, budget_s=30, log=log)
        with pytest.raises(IntegrityError):
            run_with_store_retry(duplicate_id, budget_s=30, log=log)
        assert calls == 3
        assert time.monotonic() - started < 10
        with session_scope(engine) as session:
            assert session.scalar(select(func.count()).select_from(CrawlRun)) == 1
    finally:
        engine.dispose()
    assert log.waits == 0 and log.calls_waited == 0
