"""The date window of a crawl: open-ended for nightly runs, closed for backfills."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from baotinh.core.dates import VIETNAM

# A backfill asks for day archives one by one; past this many days a window is a mistake.
MAX_WINDOW_DAYS = 3 * 366


@dataclass(frozen=True)
class CrawlWindow:
    since: date | None = None
    until: date | None = None

    @classmethod
    def parse(cls, since: str | date | None, until: str | date | None) -> CrawlWindow:
        window = cls(_as_date(since), _as_date(until))
        if window.since and window.until:
            if window.until < window.since:
                raise ValueError(
                    f"the window ends ({window.until}) before it starts ({window.since})"
                )
            if (window.until - window.since).days > MAX_WINDOW_DAYS:
                raise ValueError(f"a window of more than {MAX_WINDOW_DAYS} days: split it")
        return window

    @property
    def is_backfill(self) -> bool:
        return self.since is not None or self.until is not None

    def _day(self, moment: datetime | date) -> date:
        if isinstance(moment, datetime):
            aware = moment if moment.tzinfo else moment.replace(tzinfo=VIETNAM)
            return aware.astimezone(VIETNAM).date()
        return moment

    def contains(self, moment: datetime | date | None) -> bool:
        """Unknown dates are in: only a known date can rule a page out."""
        if moment is None:
            return True
        day = self._day(moment)
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )

    def is_before(self, moment: datetime | date | None) -> bool:
        return moment is not None and self.since is not None and self._day(moment) < self.since

    def is_after(self, moment: datetime | date | None) -> bool:
        return moment is not None and self.until is not None and self._day(moment) > self.until

    def overlaps_month(self, year: int, month: int) -> bool:
        first = date(year, month, 1)
        last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
        return (self.since is None or last >= self.since) and (
            self.until is None or first <= self.until
        )

    def days(self) -> Iterator[date]:
        if self.since is None:
            return
        day, last = self.since, self.until or datetime.now(VIETNAM).date()
        while day <= last:
            yield day
            day += timedelta(days=1)


def _as_date(value: str | date | None) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
