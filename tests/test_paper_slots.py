"""The per-paper slots of a many-paper crawl (flows.slots.PaperSlots) on a real Prefect server:
taken in one pass, a busy one left out after the wait, released one by one, and the holds
recorded as the events Prefect's own `concurrency()` emits."""

from __future__ import annotations

import threading
import time
import uuid
from datetime import datetime
from pathlib import Path

import pytest

from flows.slots import PaperSlots


def _limits(*names: str) -> None:
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        for name in names:
            client.upsert_global_concurrency_limit_by_name(name, limit=1)


def _holds(name: str) -> list[tuple[datetime, datetime]]:
    """(acquired, released) pairs the server recorded for the limit `name`."""
    from prefect.client.orchestration import get_client

    with get_client(sync_client=True) as client:
        response = client.request(
            "POST",
            "/events/filter",
            json={
                "filter": {
                    "event": {"prefix": ["prefect.concurrency-limit."]},
                    "resource": {"labels": {"prefect.resource.name": [name]}},
                },
                "limit": 50,
            },
        )
    events = response.json()["events"]
    acquired = {e["id"]: e["occurred"] for e in events if e["event"].endswith(".acquired")}
    return [
        (datetime.fromisoformat(acquired[e["follows"]]), datetime.fromisoformat(e["occurred"]))
        for e in events
        if e["event"].endswith(".released") and e.get("follows") in acquired
    ]


def _free(name: str) -> bool:
    """Whether another holder can take `name` now."""
    with PaperSlots(lease_s=60, warn=lambda _: None) as other:
        return other.take([name], wait_s=0) == [name]


@pytest.mark.slow
def test_slots_are_taken_together_released_one_by_one_and_recorded(
    prefect_harness: None,
) -> None:
    from prefect.events.worker import EventsWorker

    tag = uuid.uuid4().hex[:8]
    a, b, missing = (f"crawl-site-{tag}-{x}" for x in ("a", "b", "missing"))
    _limits(a, b)
    warnings: list[str] = []

    with PaperSlots(lease_s=60, warn=warnings.append) as slots:
        # A name without a limit holds nothing and is taken, as with Prefect's concurrency().
        assert slots.take([a, missing, b], wait_s=1) == [a, missing, b]
        assert slots.unlimited == [missing]
        assert any(missing in warning for warning in warnings)

        # Another run waits for the wait it was given, then leaves the paper out.
        with PaperSlots(lease_s=60, warn=warnings.append) as other:
            started = time.monotonic()
            assert other.take([a], wait_s=0.6) == []
            assert time.monotonic() - started >= 0.6

        slots.release(a)
        slots.release(a)  # a second release does nothing
        assert _free(a)
        assert not _free(b)  # still held: its paper is still crawling
    assert _free(b)  # given back when the block ends

    EventsWorker.drain_all()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and (len(_holds(a)), len(_holds(b))) != (2, 2):
        time.sleep(0.5)
    # Each slot was held twice, by us and then by the probe that found it free, in turn.
    for name in (a, b):
        (ours_from, ours_to), (probe_from, probe_to) = sorted(_holds(name))
        assert ours_from <= ours_to <= probe_from <= probe_to


@pytest.mark.slow
def test_a_slot_freed_while_another_run_waits_is_taken_within_the_wait(
    prefect_harness: None,
) -> None:
    name = f"crawl-site-{uuid.uuid4().hex[:8]}"
    _limits(name)
    with PaperSlots(lease_s=60, warn=lambda _: None) as first:
        assert first.take([name], wait_s=0) == [name]
        with PaperSlots(lease_s=60, warn=lambda _: None) as second:
            threading.Timer(0.3, first.release, args=(name,)).start()
            assert second.take([name], wait_s=10) == [name]


@pytest.mark.slow
def test_a_paper_another_run_is_crawling_waits_and_the_others_do_not(
    prefect_harness: None, sqlite_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Of two papers, one's slot is held elsewhere: the batch process crawls the other at once
    and the run crawls the held one on its own once the slot is free (released here 8 s on)."""
    from prefect.client.orchestration import get_client

    from baotinh.jobs.crawl_settings import CrawlSettings, in_process_run
    from baotinh.samplesite import load_site, serve
    from flows.nightly import nightly, site_slot_name

    monkeypatch.setenv("BAOTINH_DATABASE_URL", sqlite_url)
    keys = ["langson", "bacgiang"]
    _limits(*(site_slot_name(key) for key in keys))
    try:
        with (
            serve(*keys) as server,
            PaperSlots(lease_s=60, warn=lambda _: None) as elsewhere,
        ):
            assert elsewhere.take([site_slot_name("bacgiang")], wait_s=0)
            threading.Timer(8, elsewhere.release, args=(site_slot_name("bacgiang"),)).start()
            settings = CrawlSettings(
                mirrors=server.mirrors, polite=False, retries=0, log_dir=tmp_path
            )
            with in_process_run(settings, "test"):
                summary = nightly(sites=keys)
    finally:
        with get_client(sync_client=True) as client:
            for key in keys:
                client.delete_global_concurrency_limit_by_name(site_slot_name(key))

    assert [site["site"] for site in summary["sites"]] == keys
    for site in summary["sites"]:
        assert site["status"] == "completed", site
        assert site["new_articles"] == len(load_site(site["site"]).articles)
    run_id = summary["run_id"]
    (together,) = tmp_path.glob(f"run{run_id}-papers-*.log")
    assert "baotinh-batch: done langson" in together.read_text()
    assert "baotinh-batch: done bacgiang" not in together.read_text()
    assert (tmp_path / f"run{run_id}-bacgiang.log").exists()  # crawled on its own, after
