"""What a person reads after a run: a per-site table and where to look next."""

from __future__ import annotations

import os
import re
import shutil
import sys
from typing import Any

from sqlalchemy.engine import make_url

from baotinh.core.records import NO_TITLE

# The crawl frontier after a run: nothing found is forgotten, so "0 new" cannot hide a hole.
FRONTIER_COLUMNS = (
    ("discovered", "discovered"),
    ("fetched", "fetched"),
    ("stored", "stored"),
    ("pending", "pending"),
    ("retrying", "retrying"),
    ("failed", "gave up"),
)

_COLUMNS = (
    ("site", "site"),
    ("status", "status"),
    ("requests", "requests"),
    ("new_articles", "new"),
    ("updated_articles", "updated"),
    ("unchanged_articles", "unchanged"),
    ("duplicates", "duplicates"),
    ("outside_window", "outside window"),
    ("errors", "errors"),
    *FRONTIER_COLUMNS,
    ("top_topics", "top topics"),
)

# `baotinh runs`: one line per paper of each run.
RUN_COLUMNS = (
    ("site", "site"),
    ("status", "status"),
    ("requests", "requests"),
    ("new_articles", "new"),
    ("updated_articles", "updated"),
    ("errors", "errors"),
    *FRONTIER_COLUMNS,
)


def table(rows: list[dict[str, Any]], columns: tuple[tuple[str, str], ...] = _COLUMNS) -> str:
    header = [title for _, title in columns]
    body = [[str(row.get(key, "")) for key, _ in columns] for row in rows]
    widths = [max(len(cell) for cell in column) for column in zip(header, *body, strict=False)]

    numeric = [all(row[i].isdigit() for row in body) and bool(body) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(
            cell.rjust(width) if is_number else cell.ljust(width)
            for cell, width, is_number in zip(cells, widths, numeric, strict=True)
        ).rstrip()

    return "\n".join(
        [line(header), line(["-" * width for width in widths])] + [line(cells) for cells in body]
    )


def run_summary(summary: dict[str, Any]) -> str:
    sites = summary["sites"]
    new = sum(site["new_articles"] for site in sites)
    updated = sum(site["updated_articles"] for site in sites)
    errors = sum(site["errors"] for site in sites)
    lines = [
        f"Run {summary['run_id']} ({summary.get('trigger', 'nightly')}): {summary['status']}",
        "",
        table(sites),
        "",
    ]
    for site in sites:
        if site.get("problem"):
            lines.append(f"  {site['site']}: {site['problem']}")
    lines += self_discovery_lines(sites)
    pending = sum(site.get("pending", 0) for site in sites)
    if new == 0 and updated == 0 and pending == 0:
        lines.append("Nothing new: every article found was already stored (0 articles added).")
    else:
        lines.append(f"{new} new and {updated} updated article(s) stored.")
    if pending:
        retrying = sum(site.get("retrying", 0) for site in sites)
        waiting = [
            f"{pending - retrying} for the next run" if pending > retrying else "",
            f"{retrying} for a retry once their back-off has passed" if retrying else "",
        ]
        lines.append(
            f"{pending} article URL(s) wait in the frontier: {', '.join(filter(None, waiting))}."
        )
    if errors:
        lines.append(f"{errors} error(s) recorded: {command()} errors --run {summary['run_id']}")
    lines += ["", *where_to_look(summary["database_url"])]
    return "\n".join(lines)


def self_discovery_lines(sites: list[dict[str, Any]]) -> list[str]:
    """What each paper's crawl found that its profile does not say, so the profile can be
    corrected (the line starts with the paper's key)."""
    found = [site["self_discovery"] for site in sites if site.get("self_discovery")]
    if not found:
        return []
    return ["Found by self-discovery (correct the profiles in baotinh/papers/):"] + [
        f"  {line}" for line in found
    ]


def command() -> str:
    """How the person reading can call baotinh again: bare when it is on PATH."""
    if shutil.which("baotinh"):
        return "baotinh"
    invoked = sys.argv[0] if sys.argv and sys.argv[0].endswith("baotinh") else ".venv/bin/baotinh"
    return os.path.relpath(invoked) if os.path.isabs(invoked) else invoked


def shown_url(database_url: str) -> str:
    """A database URL as a person may see it: the password, if any, as ***."""
    try:
        return make_url(database_url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - never echo what we could not parse: it may hold a secret
        return "(a database URL that does not parse)"


# user:password@ in any URL in a message (drivers and libraries quote URLs in their errors).
_CREDENTIALS = re.compile(r"(://[^/\s:@]*:)[^@\s/]+@")


def one_line(error: BaseException | str, limit: int = 400) -> str:
    """An error as one line for a person: its message's lines joined (for a SQLAlchemy error,
    the driver's message, without the statement and the background link), at most `limit`
    characters, any URL password as ***."""
    if isinstance(error, BaseException):
        cause = getattr(error, "orig", None) or error  # SQLAlchemy wraps the driver's error
        text = f"{type(cause).__name__}: {cause}".rstrip(": ")
    else:
        text = error
    line = _CREDENTIALS.sub(r"\1***@", " ".join(text.split()))
    return line if len(line) <= limit else line[: limit - 1] + "…"


def where_to_look(database_url: str) -> list[str]:
    url = make_url(database_url)
    place = url.database if url.get_backend_name() == "sqlite" else shown_url(database_url)
    lines = [f"Database: {place}", "Look inside:"]
    lines += [
        f"  {command()} runs                 the recorded runs, newest first (--json for machines)",
        f"  {command()} articles --limit 10  the newest stored articles",
        f"  {command()} errors               what went wrong, page by page",
        f"  {command()} topics               what the stored articles are about",
        f'  {command()} cites "Chỉ thị 05-CT/TW"  who cited it, by province and month',
    ]
    if url.get_backend_name() == "sqlite":
        lines.append(f"  sqlite3 {place} 'select title, published_at from articles limit 5'")
    return lines


def render_article(detail: dict[str, Any]) -> str:
    """`baotinh show`: one article (db.articles.article_detail) for a person to read."""

    def when(iso: str | None) -> str:
        return iso[:16].replace("T", " ") if iso else "—"

    title = detail["title"] or NO_TITLE
    lines = [
        title,
        "=" * min(len(title), 100),
        f"id {detail['id']} · {detail['site']} ({detail['site_name']}) · published"
        f" {when(detail['published_at'])}{' (day only)' if detail['published_date_only'] else ''}"
        " (Asia/Ho_Chi_Minh)",
        f"section {detail['section'] or '—'} · authors {', '.join(detail['authors']) or '—'}"
        f" · tags {', '.join(detail['tags']) or '—'} · language {detail['language'] or '—'}",
        *([f"series {detail['series_part']}"] if detail.get("series_part") else []),
        f"URL {detail['canonical_url']}"
        + (f" (fetched as {detail['url']})" if detail["url"] != detail["canonical_url"] else ""),
        f"first seen {when(detail['first_seen_at'])} · last seen {when(detail['last_seen_at'])}"
        f" · extractor {detail['extractor_version'] or '—'}",
        "",
    ]
    if detail["lead"]:
        lines += [detail["lead"], ""]
    lines += [detail["text"], ""]

    story = detail["story"]
    if story is None:
        lines.append("Story: none yet (`baotinh dedupe --store` gives it one)")
    else:
        lines.append(f"Story {story['id']} ({len(story['members'])} member(s)):")
        lines.append(
            table(
                [
                    {
                        **member,
                        "mark": "→" if member["this"] else "",
                        "similarity": f"{member['jaccard']:.2f} / {member['containment']:.2f}",
                        "published": when(member["published_at"]),
                        "title": member["title"] or NO_TITLE,
                    }
                    for member in story["members"]
                ],
                (
                    ("mark", ""),
                    ("id", "id"),
                    ("relation", "relation"),
                    ("similarity", "jaccard / containment"),
                    ("site", "site"),
                    ("published", "published"),
                    ("title", "title"),
                ),
            )
        )
    lines.append("")

    labels = detail["labels"]
    if labels is None:
        lines.append("Labels: none yet (`baotinh reprocess --classify`)")
    else:
        how = "; by section" if labels["topic_by_section"] else ""
        lines.append(f"Labels ({labels['classifier_version']}):")
        lines.append(
            f"  topic      {labels['topic']} ({labels['topic_confidence']:.2f}{how})"
            f" · evidence: {', '.join(labels['topic_evidence']) or '—'}"
        )
        for campaign in labels["campaigns"]:
            role = "campaign  " if campaign.get("salient", True) else "mentions  "
            lines.append(f"  {role} {campaign['campaign']} · evidence: {campaign['evidence']}")
        for ref in labels["doc_refs"]:
            extra = ", ".join(filter(None, (ref["issuer"], ref["issued_on"])))
            lines.append(
                f"  cites      {ref['ref']} ×{ref['mentions']}" + (f" ({extra})" if extra else "")
            )
        for place in labels["provinces"]:
            now = (
                f" → {place['current_province']}"
                if place["current_province"] != place["province"]
                else ""
            )
            role = "province  " if place.get("salient", True) else "mentions  "
            lines.append(
                f"  {role} {place['province']}{now} ×{place['mentions']} · via {place['via']}"
            )
    lines.append("")

    versions = detail["versions"]
    if versions:
        lines.append(f"Earlier versions ({len(versions)}; the text above is the latest):")
        for version in versions:
            lines.append(
                f"  v{version['version']}  {when(version['seen_from'])} → "
                f"{when(version['superseded_at'])}  {version['title'] or NO_TITLE}"
                f" ({len(version['text'])} chars)"
            )
    else:
        lines.append("Earlier versions: none")
    lines.append("")

    pages = detail["raw_pages"]
    lines.append(f"Raw pages ({len(pages)}):")
    for page in pages:
        moved = f" → {page['final_url']}" if page["final_url"] != page["url"] else ""
        run = f" · run {page['run_id']}" if page["run_id"] is not None else ""
        lines.append(
            f"  #{page['id']}  {page['http_status']}  {when(page['fetched_at'])}  {page['url']}"
            f"{moved}{run}"
        )
    if not pages:
        lines.append("  none (stored without a page)")
    return "\n".join(lines)
