"""Writing exported articles: CSV, JSON lines or Parquet, one batch at a time.

The batches come from `db.articles.export_batches` (EXPORT_COLUMNS, column by column). Each
writer takes a batch and forgets it: CSV and JSON lines are written row by row as they come,
Parquet a column at a time, in row groups of ROW_GROUP_ROWS, so memory stays that of a row group
whatever the size of the export. Lists (authors, tags, campaigns, documents, provinces) are
lists in JSON lines and Parquet, joined with "; " in CSV; times are ISO 8601 in
Asia/Ho_Chi_Minh (Parquet: timestamps with that zone).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any, Protocol

from baotinh.core.dates import local_iso
from db.articles import EXPORT_COLUMNS, LABEL_LISTS, LIST_COLUMNS

FORMATS = ("csv", "jsonl", "parquet")
LIST_SEPARATOR = "; "
_TIMES = ("published_at", "first_seen_at", "last_seen_at")
_STATISTICS = ("id", "site", "published_at", "topic", "story_id", *_TIMES[1:])


class RowBatch(Protocol):
    """A batch of rows: db.articles.ExportBatch, or a list of row dicts."""

    def __len__(self) -> int: ...
    def __iter__(self) -> Iterator[dict[str, Any]]: ...


class BatchWriter(Protocol):
    def write(self, rows: RowBatch) -> None: ...
    def close(self) -> None: ...


def _iso(row: dict[str, Any]) -> dict[str, Any]:
    out = dict(row)
    for name in _TIMES:
        out[name] = local_iso(out[name])
    return out


class JsonLinesWriter:
    def __init__(self, path: Path) -> None:
        self.file = path.open("w", encoding="utf-8")

    def write(self, rows: RowBatch) -> None:
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

    def write(self, rows: RowBatch) -> None:
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


# Parquet dictionary-encodes the columns that repeat a few values; for the others (texts,
# addresses) it would hash every value only to give up on a page of distinct ones.
_DICTIONARY = ("site", "section", "language", "topic", "story_relation", *LABEL_LISTS)


# Rows per Parquet row group. The footer keeps ~20 kB of metadata per row group until the file
# is closed, so row groups of one 1,000-article batch made a million-article export hold ~20 MB
# more than a small one; 10,000 articles (~45 MB of text before compression) keep that under
# 2 MB a million, and are a size Parquet readers like better.
ROW_GROUP_ROWS = 10_000


class ParquetWriter:
    def __init__(self, path: Path, row_group_rows: int = ROW_GROUP_ROWS) -> None:
        import pyarrow.parquet as pq

        self.schema = parquet_schema()
        self.row_group_rows = row_group_rows
        self.pending: list[Any] = []  # Arrow record batches of the row group being filled
        self.pending_rows = 0
        # Statistics (min and max per row group) only for the short columns: the footer keeps
        # them for every row group, and those of the texts would grow with the export.
        self.writer = pq.ParquetWriter(
            str(path),
            self.schema,
            compression="zstd",
            use_dictionary=list(_DICTIONARY),
            write_statistics=list(_STATISTICS),
        )
        # A full row group is compressed and written on a thread of its own (Arrow works
        # outside Python's lock) while the next one fills: written in line, it held up the
        # batches behind it for as long as it took, ten batches' worth of reading.
        self.flusher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="parquet-writer")
        self.flushing: Future[None] | None = None

    def write(self, rows: RowBatch) -> None:
        """Each column converted to Arrow in one call (db.articles.ExportBatch comes column by
        column already); a row group is written once `row_group_rows` have come."""
        import pyarrow as pa

        columns = getattr(rows, "columns", None)
        encoded = getattr(rows, "encoded", frozenset())
        if columns is None:
            listed = list(rows)
            columns = {name: [row[name] for row in listed] for name in EXPORT_COLUMNS}
        arrays = [
            # UTF-8 bytes as they are: a view, no copy into Python strings and back.
            pa.array(columns[field.name], type=pa.binary()).view(pa.string())
            if field.name in encoded
            else pa.array(columns[field.name], type=field.type)
            for field in self.schema
        ]
        self.pending.append(pa.RecordBatch.from_arrays(arrays, schema=self.schema))
        self.pending_rows += len(arrays[0])
        if self.pending_rows >= self.row_group_rows:
            self._flush()

    def _flush(self) -> None:
        """Hand the filled row group to the flusher, once the one before is written (row groups
        go to the file in order; at most one waits while the next fills)."""
        import pyarrow as pa

        if not self.pending:
            return
        table = pa.Table.from_batches(self.pending, schema=self.schema)
        self.pending, self.pending_rows = [], 0
        if self.flushing is not None:
            self.flushing.result()
        self.flushing = self.flusher.submit(
            self.writer.write_table, table, row_group_size=table.num_rows
        )

    def close(self) -> None:
        try:
            self._flush()
            if self.flushing is not None:
                self.flushing.result()
        finally:
            self.flusher.shutdown(wait=True)
            self.writer.close()


def open_writer(fmt: str, path: Path, row_group_rows: int = ROW_GROUP_ROWS) -> BatchWriter:
    writers: dict[str, Callable[[Path], BatchWriter]] = {
        "csv": CsvWriter,
        "jsonl": JsonLinesWriter,
        "parquet": lambda path: ParquetWriter(path, row_group_rows),
    }
    if fmt not in writers:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    return writers[fmt](path)


def write_export(
    batches: Iterable[RowBatch],
    fmt: str,
    path: Path,
    progress: Callable[[int], None] | None = None,
    row_group_rows: int = ROW_GROUP_ROWS,
) -> int:
    """Write every batch to `path` in `fmt`; returns the number of rows; `progress` is called
    with the number the writer has taken so far after each batch; `row_group_rows`: Parquet's.

    A batch is written on a second thread while the next one is read (and a Parquet row group
    compressed on a third, see ParquetWriter): the database driver reading rows and Arrow
    compressing them work outside Python's lock, so an export uses both cores when it can have
    them. At most two batches are held at once, and two row groups."""
    writer = open_writer(fmt, path, row_group_rows)
    total = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="export-writer") as pool:
        pending: tuple[Future[None], int] | None = None
        try:
            for rows in batches:
                if pending is not None:
                    total = _written(pending, progress)
                pending = (pool.submit(writer.write, rows), total + len(rows))
            if pending is not None:
                total = _written(pending, progress)
        finally:
            if pending is not None:
                pending[0].cancel()
                wait([pending[0]])
            writer.close()
    return total


def _written(pending: tuple[Future[None], int], progress: Callable[[int], None] | None) -> int:
    """Wait for a batch to be written (its error, if any, is raised here); the new total."""
    future, total = pending
    future.result()
    if progress is not None:
        progress(total)
    return total
