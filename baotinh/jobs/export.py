"""Writing exported articles: CSV, JSON lines or Parquet, one batch at a time.

The rows come from `db.articles.export_batches` (EXPORT_COLUMNS). Each writer takes a batch and
forgets it: CSV and JSON lines are written as they come, Parquet as one row group per batch, so
memory stays that of one batch whatever the size of the export. Lists (authors, tags, campaigns,
documents, provinces) are lists in JSON lines and Parquet, joined with "; " in CSV; times are ISO
8601 in Asia/Ho_Chi_Minh (Parquet: timestamps with that zone).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

from baotinh.core.dates import local_iso
from db.articles import EXPORT_COLUMNS, LIST_COLUMNS

FORMATS = ("csv", "jsonl", "parquet")
LIST_SEPARATOR = "; "
_TIMES = ("published_at", "first_seen_at", "last_seen_at")
_STATISTICS = ("id", "site", "published_at", "topic", "story_id", *_TIMES[1:])


class BatchWriter(Protocol):
    def write(self, rows: list[dict[str, Any]]) -> None: ...
    def close(self) -> None: ...


def _iso(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for name in _TIMES:
        out[name] = local_iso(out[name])
    return out


class JsonLinesWriter:
    def __init__(self, path: Path) -> None:
        self.file = path.open("w", encoding="utf-8")

    def write(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            self.file.write(json.dumps(_iso(row), ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.file.close()


class CsvWriter:
    def __init__(self, path: Path) -> None:
        # utf-8-sig: spreadsheet programs then read the Vietnamese right.
        self.file = path.open("w", encoding="utf-8-sig", newline="")
        self.writer = csv.DictWriter(self.file, fieldnames=EXPORT_COLUMNS)
        self.writer.writeheader()

    def write(self, rows: list[dict[str, Any]]) -> None:
        for row in rows:
            out = _iso(row)
            for name in LIST_COLUMNS:
                out[name] = LIST_SEPARATOR.join(out[name])
            self.writer.writerow(out)

    def close(self) -> None:
        self.file.close()


def parquet_schema() -> Any:
    import pyarrow as pa

    timestamp = pa.timestamp("us", tz="Asia/Ho_Chi_Minh")
    types = {
        "id": pa.int64(),
        "published_at": timestamp,
        "first_seen_at": timestamp,
        "last_seen_at": timestamp,
        "published_date_only": pa.bool_(),
        "topic_confidence": pa.float64(),
        "story_id": pa.int64(),
        **{name: pa.list_(pa.string()) for name in LIST_COLUMNS},
    }
    return pa.schema([(name, types.get(name, pa.string())) for name in EXPORT_COLUMNS])


class ParquetWriter:
    def __init__(self, path: Path) -> None:
        import pyarrow.parquet as pq

        self.schema = parquet_schema()
        # Statistics (min and max per row group) only for the short columns: the footer keeps
        # them for every row group, and those of the texts would grow with the export.
        self.writer = pq.ParquetWriter(
            str(path), self.schema, compression="zstd", write_statistics=list(_STATISTICS)
        )

    def write(self, rows: list[dict[str, Any]]) -> None:
        import pyarrow as pa

        columns = {name: [row[name] for row in rows] for name in EXPORT_COLUMNS}
        self.writer.write_table(pa.Table.from_pydict(columns, schema=self.schema))

    def close(self) -> None:
        self.writer.close()


def open_writer(fmt: str, path: Path) -> BatchWriter:
    writers: dict[str, Callable[[Path], BatchWriter]] = {
        "csv": CsvWriter,
        "jsonl": JsonLinesWriter,
        "parquet": ParquetWriter,
    }
    if fmt not in writers:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    return writers[fmt](path)


def write_export(
    batches: Iterable[list[dict[str, Any]]],
    fmt: str,
    path: Path,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write every batch to `path` in `fmt`; returns the number of rows."""
    writer = open_writer(fmt, path)
    total = 0
    try:
        for rows in batches:
            writer.write(rows)
            total += len(rows)
            if progress is not None:
                progress(total)
    finally:
        writer.close()
    return total
