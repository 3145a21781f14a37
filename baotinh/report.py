"""What a person reads after a run: a per-site table and where to look next."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import make_url

_COLUMNS = (
    ("site", "site"),
    ("status", "status"),
    ("requests", "requests"),
    ("pages", "pages"),
    ("new_articles", "new"),
    ("updated_articles", "updated"),
    ("unchanged_articles", "unchanged"),
    ("duplicates", "duplicates"),
    ("errors", "errors"),
)


def table(rows: list[dict[str, Any]], columns: tuple[tuple[str, str], ...] = _COLUMNS) -> str:
    header = [title for _, title in columns]
    body = [[str(row.get(key, "")) for key, _ in columns] for row in rows]
    widths = [max(len(cell) for cell in column) for column in zip(header, *body, strict=False)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.ljust(width) if index < 2 else cell.rjust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        )

    return "\n".join(
        [line(header), line(["-" * width for width in widths])] + [line(cells) for cells in body]
    )


def run_summary(summary: dict[str, Any]) -> str:
    sites = summary["sites"]
    new = sum(site["new_articles"] for site in sites)
    updated = sum(site["updated_articles"] for site in sites)
    errors = sum(site["errors"] for site in sites)
    lines = [
        f"Run {summary['run_id']}: {summary['status']}",
        "",
        table(sites),
        "",
    ]
    for site in sites:
        if site.get("problem"):
            lines.append(f"  {site['site']}: {site['problem']}")
    if new == 0 and updated == 0:
        lines.append("Nothing new: every article found was already stored (0 rows added).")
    else:
        lines.append(f"{new} new and {updated} updated article(s) stored.")
    if errors:
        lines.append(f"{errors} error(s) recorded: `baotinh errors --run {summary['run_id']}`.")
    lines += ["", *where_to_look(summary["database_url"])]
    return "\n".join(lines)


def where_to_look(database_url: str) -> list[str]:
    url = make_url(database_url)
    place = url.database if url.get_backend_name() == "sqlite" else url.render_as_string()
    lines = [f"Database: {place}", "Look inside:"]
    lines += [
        "  baotinh runs                 the recorded runs, newest first (--json for machines)",
        "  baotinh articles --limit 10  the newest stored articles",
        "  baotinh errors               what went wrong, page by page",
    ]
    if url.get_backend_name() == "sqlite":
        lines.append(f"  sqlite3 {place} 'select title, published_at from articles limit 5'")
    return lines
