"""Publication dates as aware datetimes in Vietnam's time zone.

Vietnamese pages print day-first datelines in many shapes ("07:34, 24/05/2023",
"Cập nhật: 07:00 | 19/05/2018", "Thứ Hai, 19/05/2024 - 06:37", "19/05/2024 06:37 GMT+7");
meta tags and JSON-LD carry ISO 8601, sometimes without an offset.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

_DAY = r"(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})"
_TIME = r"(?P<hour>\d{1,2})[:hg](?P<minute>\d{2})(?::(?P<second>\d{2}))?"
_DAY_THEN_TIME = re.compile(_DAY + r"\s*(?:[-|,]|lúc)?\s*" + _TIME)
_TIME_THEN_DAY = re.compile(_TIME + r"\s*(?:[-|,]|ngày)?\s*(?:[^\d\s]+,?\s*)?" + _DAY)
_DAY_ONLY = re.compile(_DAY)
_GMT_OFFSET = re.compile(r"GMT\s*([+-]\d{1,2})")


def as_vietnam_time(moment: datetime) -> datetime:
    """An aware datetime in Asia/Ho_Chi_Minh; a naive one is taken to be local Vietnamese time."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=VIETNAM)
    return moment.astimezone(VIETNAM)


def parse_iso(value: str) -> datetime | date | None:
    """ISO 8601 from meta tags and JSON-LD; a bare date stays a date."""
    value = value.strip()
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return date.fromisoformat(value)
    # CMSs write "2026-03-07T08:52:11.000 +07:00": a space before the offset.
    value = re.sub(r"\s+([+-]\d{2}:?\d{2})$", r"\1", value)
    try:
        parsed = dateutil_parser.isoparse(value)
    except (ValueError, OverflowError):
        return None
    return as_vietnam_time(parsed)


def parse_dateline(text: str) -> datetime | date | None:
    """The first Vietnamese dateline in a piece of visible text."""
    for pattern in (_DAY_THEN_TIME, _TIME_THEN_DAY):
        match = pattern.search(text)
        if match:
            moment = _build(match)
            if moment is not None:
                return moment
    match = _DAY_ONLY.search(text)
    if match:
        try:
            return date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            return None
    return None


def _build(match: re.Match[str]) -> datetime | None:
    try:
        day = date(int(match["year"]), int(match["month"]), int(match["day"]))
        clock = time(int(match["hour"]), int(match["minute"]), int(match["second"] or 0))
    except ValueError:
        return None
    naive = datetime.combine(day, clock)
    offset = _GMT_OFFSET.search(match.string[match.end() : match.end() + 12])
    if offset and int(offset.group(1)) != 7:
        return naive.replace(tzinfo=timezone(timedelta(hours=int(offset.group(1))))).astimezone(
            VIETNAM
        )
    return naive.replace(tzinfo=VIETNAM)


def local_iso(moment: datetime | None) -> str | None:
    """An aware datetime as ISO 8601 in Asia/Ho_Chi_Minh, as analysts read times."""
    return moment.astimezone(VIETNAM).isoformat() if moment is not None else None


def to_iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    return value.isoformat()
