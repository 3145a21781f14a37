"""The per-paper slots of a many-paper crawl: one lease per paper, taken in one pass over the
papers and released one by one, each as its paper's crawl ends.

Prefect's `concurrency()` context starts a service (a thread, an event loop and an API client)
for each set of limit names and a renewal thread for each lease: measured on two cores, 80-150 ms
per slot taken and 45-65 ms per slot released, 6 s of a 40-paper night spent on slots alone. The
same API calls made in turn on one client cost about 7 ms and 5 ms. `PaperSlots` makes them on
one client, renews every lease it holds from one thread, and emits the events `concurrency()`
emits (`prefect.concurrency-limit.acquired` / `.released`, the release following its
acquisition), so the UI and the tests read the holds the same way.

As with `concurrency()`, a name without a limit on the server (an ephemeral server, the test
harness) holds nothing and counts as taken.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from types import TracebackType
from typing import Any
from uuid import UUID

import httpx

# Renew a lease when this share of it has passed (Prefect's own renewal fraction).
RENEWAL_FRACTION = 0.75
# How often slots another run holds are asked for again while `take` waits.
RETRY_S = 0.5
# How soon a lease whose renewal failed is renewed again (a lease lasts a minute).
RENEW_RETRY_S = 2.0


@dataclass
class _Held:
    lease_id: UUID
    limits: list[Any]  # prefect's MinimalConcurrencyLimitResponse
    acquired: dict[UUID, Any]  # limit id → the acquisition event (None when events are off)


class PaperSlots:
    """Slots of global concurrency limits held one lease each, for a block:

    with PaperSlots(lease_s=60, warn=logger.warning) as slots:
        free = slots.take(["crawl-site-a", "crawl-site-b"], wait_s=5)
        ...
        slots.release("crawl-site-a")   # from any thread; the rest at the block's end
    """

    def __init__(self, lease_s: float, warn: Callable[[str], None]) -> None:
        self.lease_s = lease_s
        self.warn = warn
        self.unlimited: list[str] = []  # names taken without a limit on the server
        self._held: dict[str, _Held] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._client: Any = None
        self._renewer: threading.Thread | None = None

    def __enter__(self) -> PaperSlots:
        from prefect.client.orchestration import get_client

        self._client = get_client(sync_client=True)
        self._client.__enter__()
        self._renewer = threading.Thread(
            target=self._renew, name="paper-slots-renewal", daemon=True
        )
        self._renewer.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        try:
            for name in list(self._held):
                self.release(name)
        finally:
            self._stop.set()
            if self._renewer is not None:
                self._renewer.join(timeout=10)
            self._client.__exit__(exc_type, exc, traceback)

    def take(self, names: Iterable[str], wait_s: float) -> list[str]:
        """The names whose slot is now held (or that have no limit), in the order given; see
        `take_each`."""
        return list(self.take_each(names, wait_s))

    def take_each(self, names: Iterable[str], wait_s: float) -> Iterator[str]:
        """Yield each name as soon as its slot is held (or if it has no limit). Each is asked
        for once, in the order given; those another run holds are asked for again, together,
        until `wait_s` has passed since the first, and left out if still held."""
        deadline = time.monotonic() + wait_s
        busy = []
        for name in names:
            if self._try(name):
                yield name
            else:
                busy.append(name)
        while busy:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            time.sleep(min(RETRY_S, left))
            for name in list(busy):
                if self._try(name):
                    busy.remove(name)
                    yield name
        if self.unlimited:
            self.warn(
                f"no concurrency limit on this server for {len(self.unlimited)} paper slot(s)"
                f" ({', '.join(self.unlimited[:3])}{', …' if len(self.unlimited) > 3 else ''}):"
                " those papers are crawled without one"
            )

    def release(self, name: str) -> None:
        """Give back `name`'s slot if it is held (from any thread; a second call does nothing).
        A release the server refuses is said and left to the lease's expiry."""
        with self._lock:
            held = self._held.pop(name, None)
            if held is None:
                return
            try:
                self._client.release_concurrency_slots_with_lease(held.lease_id)
            except Exception as exc:  # noqa: BLE001 - the lease frees the slot by itself
                self.warn(
                    f"{name}: slot not released ({exc}); it frees itself within {self.lease_s:g} s"
                )
        self._emit("released", held)

    def _try(self, name: str) -> bool:
        from prefect.client.schemas.responses import MinimalConcurrencyLimitResponse

        with self._lock:
            try:
                response = self._client.increment_concurrency_slots_with_lease(
                    names=[name], slots=1, mode="concurrency", lease_duration=self.lease_s
                )
            except httpx.HTTPStatusError as exc:
                if exc.response.status_code == httpx.codes.LOCKED:
                    return False
                raise
            body = response.json()
            limits = [MinimalConcurrencyLimitResponse.model_validate(x) for x in body["limits"]]
            if not limits:
                self.unlimited.append(name)
                return True
            held = self._held[name] = _Held(UUID(body["lease_id"]), limits, {})
        held.acquired = self._emit("acquired", held)
        return True

    def _emit(self, phase: str, held: _Held) -> dict[UUID, Any]:
        """The events Prefect's `concurrency()` emits for a lease, one per limit."""
        from prefect.events import RelatedResource, emit_event

        emitted = {}
        for limit in held.limits:
            emitted[limit.id] = emit_event(
                f"prefect.concurrency-limit.{phase}",
                resource={
                    "prefect.resource.id": f"prefect.concurrency-limit.{limit.id}",
                    "prefect.resource.name": limit.name,
                    "slots-acquired": "1",
                    "limit": str(limit.limit),
                },
                related=[
                    RelatedResource.model_validate(
                        {
                            "prefect.resource.id": f"prefect.concurrency-limit.{other.id}",
                            "prefect.resource.role": "concurrency-limit",
                        }
                    )
                    for other in held.limits
                    if other.id != limit.id
                ],
                follows=held.acquired.get(limit.id),
            )
        return emitted

    def _renew(self) -> None:
        """Renew every held lease before it lapses, until the block ends; after a refused or
        failed renewal, try again within seconds. A lease that lapses is said, and the crawl
        goes on (as `concurrency()` does by default)."""
        wait = self.lease_s * RENEWAL_FRACTION
        while not self._stop.wait(wait):
            failed = 0
            with self._lock:
                for name, held in list(self._held.items()):
                    try:
                        self._client.renew_concurrency_lease(
                            lease_id=held.lease_id, lease_duration=self.lease_s
                        )
                    except Exception as exc:  # noqa: BLE001 - one failed renewal ends nothing
                        failed += 1
                        self.warn(f"{name}: slot lease not renewed ({exc}); trying again")
            wait = RENEW_RETRY_S if failed else self.lease_s * RENEWAL_FRACTION
