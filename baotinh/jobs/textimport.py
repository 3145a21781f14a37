"""Text dumps into the store: each dump kept as a raw page of kind "text" (so `reprocess`
re-extracts it like a crawled page), its article upserted, joined to its story and labelled.
Reading a dump is `baotinh.extraction.dumps`; this is the store's half."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import Engine

from baotinh.core.dates import VIETNAM
from baotinh.core.records import NO_TITLE, ExtractedArticle, FetchedPage
from baotinh.extraction.decoding import read_capped
from baotinh.extraction.dumps import (
    decode_text_dump,
    detect_site,
    extract_text_page,
    text_import_url,
)
from baotinh.extraction.pages import ExtractionError
from baotinh.jobs.labelling import label_new_article
from baotinh.papers import SITES, get_site
from db.engine import session_scope
from db.store import store_raw_page, sync_sites, upsert_article
from db.stories import assign_story


@dataclass
class ImportOutcome:
    """What happened to one dump: stored (new/updated/unchanged/duplicate) or failed."""

    path: str
    status: str
    site: str | None = None
    article: ExtractedArticle | None = None
    message: str = ""


def import_text_dumps(
    paths: Iterable[str | Path],
    site: str | None = None,
    engine: Engine | None = None,
    url: str | None = None,
) -> list[ImportOutcome]:
    """Keep each dump as a raw page of kind "text" and upsert its article, one transaction per
    file; `baotinh reprocess` re-extracts these pages like crawled ones.

    `url` is the page's original address (one dump only): the raw page is stored under it and
    it becomes the article's url. Without it, the synthetic text-import address is used.
    The database must be migrated. A dump whose paper cannot be told (and no `site` given), or
    that holds no article, is reported as failed; the others are stored all the same.
    """
    paths = list(paths)
    if url is not None and len(paths) != 1:
        raise ValueError("an original address (url) names one dump, not several")
    forced = get_site(site) if site else None
    with session_scope(engine) as session:
        sync_sites(session, SITES.values())
    outcomes: list[ImportOutcome] = []
    for path in paths:
        name = str(path)
        try:
            data = read_capped(path)
            text = decode_text_dump(data)
            key = forced.key if forced else detect_site(text)
            if key is None:
                outcomes.append(
                    ImportOutcome(name, "failed", message="paper not recognised: pass --site")
                )
                continue
            profile = get_site(key)
            address = url or text_import_url(key, text)
            article = extract_text_page(data, profile, address)
        except (OSError, ExtractionError) as exc:
            outcomes.append(ImportOutcome(name, "failed", message=str(exc)))
            continue
        now = datetime.now(UTC)
        dump = FetchedPage(
            site=key,
            url=address,
            final_url=address,
            status=200,  # not fetched: the column wants a status, and the dump is a whole page
            headers={"content-type": "text/plain", "x-baotinh-import": Path(path).name},
            body=data,
            fetched_at=now,
            kind="text",
        )
        with session_scope(engine) as session:
            raw_page_id, _ = store_raw_page(session, dump, run_id=None)
            status = upsert_article(session, key, article, seen_at=now, raw_page_id=raw_page_id)
            if status in ("new", "updated"):
                # Imported text joins its story and is labelled like a crawled article.
                assign_story(session, article.canonical_url)
                label_new_article(session, article.canonical_url)
        outcomes.append(ImportOutcome(name, status, site=key, article=article))
    return outcomes


def import_summary(outcomes: Sequence[ImportOutcome]) -> str:
    """A few readable lines per file, then the counts."""
    lines: list[str] = []
    for outcome in outcomes:
        lines.append(f"{outcome.status:10} {outcome.site or '-':10} {outcome.path}")
        article = outcome.article
        if article is None:
            lines.append(f"{'':21} {outcome.message}")
            continue
        published = article.published
        if isinstance(published, datetime):
            when = published.astimezone(VIETNAM).strftime("%Y-%m-%d %H:%M")
        else:
            when = published.isoformat() if published else "no date"
        lines.append(f"{'':21} {article.title or NO_TITLE}")
        authors = ", ".join(article.authors) or "no author named"
        section = f" · {article.section}" if article.section else ""
        if article.series_part:
            section += f" · {article.series_part}"
        lines.append(
            f"{'':21} {when} · {authors}{section} · {len(article.text)} chars"
            f" · {article.canonical_url}"
        )
    counts: dict[str, int] = {}
    for outcome in outcomes:
        counts[outcome.status] = counts.get(outcome.status, 0) + 1
    tally = ", ".join(f"{count} {status}" for status, count in sorted(counts.items()))
    lines.append(f"{len(outcomes)} file(s): {tally or 'nothing to import'}")
    return "\n".join(lines)
