"""Render every page of a sample site into a routing table of ready HTTP responses.

Pages depend only on the site data and the base URL, so they are rendered once when the server
starts; request handling is then a dictionary lookup, which keeps concurrent requests trivially
safe and fast.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from .cp1258 import encode_cp1258
from .model import SampleArticle, SampleFault, SampleImage, SampleSite, Section, format_dateline

RELATED_COUNT = 5
MOST_READ_COUNT = 5
HOME_LATEST_COUNT = 10
HOME_SECTION_COUNT = 3

# A 1x1 grey baseline JPEG (SOI, JFIF, flat quantisation table, one-code Huffman tables, one
# all-zero block, EOI): enough for a crawler that downloads or sniffs images.
TINY_JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb0043000101010101010101010101010101010101010101"
    "01010101010101010101010101010101010101010101010101010101010101010101010101010101ffc0000b08"
    "0001000101011100ffc40014000100000000000000000000000000000000ffc4001410010000000000000000"
    "0000000000000000ffda0008010100003f003fffd9"
)


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Teaser:
    """A link to another page as listings and sidebars show it."""

    title: str
    path: str
    date: str
    teaser: str = ""
    thumb: str = ""


@dataclass(frozen=True)
class BodyItem:
    kind: str  # "p" | "h2" | "question" | "figure"
    text: str = ""
    image: SampleImage | None = None


def make_environment(site: SampleSite) -> Environment:
    env = Environment(
        loader=FileSystemLoader(site.templates_dir),
        autoescape=select_autoescape(["html", "xml", "rss"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["vn_date"] = lambda dt: f"{dt:%d/%m/%Y}"
    env.filters["vn_datetime"] = lambda dt: f"{dt:%d/%m/%Y %H:%M}"
    env.filters["rfc822"] = format_datetime
    env.filters["iso"] = datetime.isoformat
    return env


def build_routes(site: SampleSite, base_url: str) -> dict[str, Response]:
    """Every path the site answers, mapped to its response. Images are not included (the server
    answers any of ``site.image_paths()`` with :data:`TINY_JPEG`)."""
    base_url = base_url.rstrip("/")
    env = make_environment(site)
    env.globals.update(
        site=site,
        base_url=base_url,
        sections=site.sections,
        footer=site.info["footer"],
        most_read=_most_read(site),
    )
    routes: dict[str, Response] = {}

    def html(path: str, template: str, status: int = 200, **context: Any) -> None:
        body = env.get_template(template).render(charset="utf-8", **context)
        routes[path] = Response(status, "text/html; charset=utf-8", body.encode("utf-8"))

    for article in site.articles:
        routes[article.path] = _article_response(env, site, article, base_url)

    not_found = {"heading": "Không tìm thấy trang", "message": site.info["not_found_message"]}
    for fault in site.faults:
        if fault.kind == "http_404":
            html(fault.path, "error.html", 404, canonical=None, **not_found)
        elif fault.kind == "http_500":
            html(
                fault.path,
                "error.html",
                500,
                canonical=None,
                heading="Lỗi máy chủ",
                message=site.info["server_error_message"],
            )
        else:
            assert fault.published is not None
            template = site.article_template(fault.published)
            html(fault.path, template, **_empty_article_context(site, fault, base_url))
    html("__404__", "error.html", 404, canonical=None, **not_found)

    for section in site.sections:
        pages = site.listing_pages(section.slug)
        for number, entries in enumerate(pages, start=1):
            path = site.listing_page_path(section.slug, number)
            context = _listing_context(site, section, number, pages, entries)
            html(path, "listing.html", canonical=base_url + path, **context)
        # Old links to page 1 spelled as a numbered page, and to the section without its slash,
        # still resolve, as on the real sites: both redirect to the canonical first page.
        first = base_url + section.path
        aliases = {site.urls.listing_page.format(section=section.slug, page=1)}
        if section.path.endswith("/") and len(section.path) > 1:
            aliases.add(section.path.rstrip("/"))
        for alias in aliases - {section.path}:
            routes[alias] = Response(301, "text/plain; charset=utf-8", b"", (("Location", first),))

    if site.urls.archive:
        days = sorted({entry.published.date() for entry in [*site.articles, *site.faults]})
        for day in days:
            entries = [e for e in site.listing_all() if e.published.date() == day]
            path = site.archive_path(entries[0].published)
            html(
                path,
                "archive.html",
                canonical=base_url + path,
                page_kind="archive",
                day=day,
                items=[_teaser(site, e, site.info["placeholder_image"]) for e in entries],
            )

    newest = site.newest_first()
    html(
        "/",
        "home.html",
        canonical=base_url + "/",
        latest=[_teaser(site, a) for a in newest[:HOME_LATEST_COUNT]],
        section_blocks=[
            (s, [_teaser(site, a) for a in newest if a.section_slug == s.slug][:HOME_SECTION_COUNT])
            for s in site.sections
        ],
    )
    html(
        site.search_path,
        "error.html",
        canonical=base_url + site.search_path,
        heading="Tìm kiếm",
        message="Nhập từ khóa để tìm kiếm bài viết.",
    )

    if site.urls.feed:
        if site.urls.feed_format == "atom":
            template, content_type = "feed.atom", "application/atom+xml; charset=utf-8"
        else:
            template, content_type = "feed.rss", "application/rss+xml; charset=utf-8"
        feed = env.get_template(template).render(items=newest[: site.feed_size])
        routes[site.urls.feed] = Response(200, content_type, feed.encode())
    routes.update(_sitemaps(env, site, base_url))
    robots = env.get_template("robots.txt").render()
    routes[site.robots_path] = Response(200, "text/plain; charset=utf-8", robots.encode())
    return routes


def _article_response(
    env: Environment, site: SampleSite, article: SampleArticle, base_url: str
) -> Response:
    context = _article_context(site, article, base_url)
    template = env.get_template(site.article_template(article.published))
    if article.encoding == "windows-1258":
        text = template.render(charset="windows-1258", **context)
        # A CMS writes characters outside its charset as references; Vietnamese text never
        # needs that, the JSON-LD and chrome only might.
        body = encode_cp1258(text, errors="xmlcharrefreplace")
        content_type = "text/html; charset=windows-1258"
    else:
        body = template.render(charset="utf-8", **context).encode()
        content_type = "text/html; charset=utf-8"
    if article.gzip_body:
        # The misconfigured-server case: compressed bytes, but no Content-Encoding header and
        # not even a charset, so a client that trusts the headers sees binary "HTML".
        return Response(200, "text/html", gzip.compress(body, mtime=0))
    return Response(200, content_type, body)


def _article_context(site: SampleSite, article: SampleArticle, base_url: str) -> dict[str, Any]:
    canonical = article.url(base_url)
    images_abs = [base_url + image.path for image in article.images]
    ld: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
        "headline": article.title,
        "description": article.lead,
        "image": images_abs,
        "articleSection": article.section,
        "keywords": ", ".join(article.tags),
        "inLanguage": "vi",
        "author": [{"@type": "Person", "name": name} for name in article.authors],
        "publisher": {
            "@type": "Organization",
            "name": site.name,
            "logo": {"@type": "ImageObject", "url": base_url + site.info["logo"]},
        },
    }
    if article.date_meta == "full":
        ld["datePublished"] = ld["dateModified"] = article.published.isoformat()
    elif article.date_meta == "ld-date-only":
        ld["datePublished"] = article.published.date().isoformat()
    return {
        "page_kind": "article",
        "canonical": canonical,
        "title": article.title,
        "lead": article.lead,
        "description": f"({site.source_code}) - {article.lead}",
        "section": site.section(article.section_slug),
        "dateline": article.dateline,
        "published_iso": article.published.isoformat() if article.has_published_time_meta else None,
        "byline": article.byline,
        "tags": article.tags,
        "og_image": images_abs[0],
        "keyword_line": ", ".join(article.tags),
        "body": _interleave(article),
        "ld_json": _json_for_script([ld]),
        "related": _related(site, article.section_slug, exclude=article.path),
        "most_read_here": [t for t in _most_read(site) if t.path != article.path][:MOST_READ_COUNT],
    }


def _empty_article_context(site: SampleSite, fault: SampleFault, base_url: str) -> dict[str, Any]:
    # The CMS lost this article's content: the page keeps its chrome and headline, nothing else.
    assert fault.published is not None
    return {
        "page_kind": "article",
        "canonical": fault.url(base_url),
        "title": fault.title,
        "lead": "",
        "description": "",
        "section": site.section(fault.section_slug),
        "dateline": format_dateline(fault.published, "weekday"),
        "published_iso": None,
        "byline": "",
        "tags": [],
        "og_image": base_url + site.info["placeholder_image"],
        "keyword_line": "",
        "body": [],
        "ld_json": None,
        "related": _related(site, fault.section_slug, exclude=fault.path),
        "most_read_here": _most_read(site)[:MOST_READ_COUNT],
    }


def _interleave(article: SampleArticle) -> list[BodyItem]:
    # The paper prints the first photo straight under the sapo and spreads the others through
    # the text; photos never come after the last paragraph.
    blocks = article.blocks
    slots: dict[int, list[SampleImage]] = {0: [article.images[0]]}
    for k, image in enumerate(article.images[1:], start=1):
        at = min(len(blocks) - 1, max(1, round(k * len(blocks) / len(article.images))))
        slots.setdefault(at, []).append(image)
    items: list[BodyItem] = []
    for index, block in enumerate(blocks):
        items += [BodyItem("figure", image=image) for image in slots.get(index, [])]
        items.append(BodyItem(block.kind, text=block.text))
    return items


def _teaser(site: SampleSite, entry: SampleArticle | SampleFault, placeholder: str = "") -> Teaser:
    assert entry.published is not None
    date = entry.published.strftime(site.urls.listing_date_format)
    href = entry.path
    # Content migrated from a merged paper keeps its old absolute links, which now redirect.
    legacy = site.info.get("former_domain_links_before")
    if legacy and site.former_domains and entry.published < legacy:
        href = f"https://{site.former_domains[0]}{entry.path}"
    if isinstance(entry, SampleArticle):
        return Teaser(entry.title, href, date, entry.lead, entry.images[0].path)
    return Teaser(entry.title, href, date, entry.lead, placeholder)


def _sitemaps(env: Environment, site: SampleSite, base_url: str) -> dict[str, Response]:
    entries = sorted(
        [*site.articles, *site.faults], key=lambda e: (e.published, e.path), reverse=True
    )
    urlset = env.get_template("sitemap.xml")
    xml = "application/xml; charset=utf-8"
    if not site.urls.monthly_sitemap:
        return {site.sitemap_path: Response(200, xml, urlset.render(entries=entries).encode())}
    # One gzipped urlset per month behind an index, newest month first, as large papers do.
    months: dict[str, list[SampleArticle | SampleFault]] = {}
    for entry in entries:
        months.setdefault(site.monthly_sitemap_path(entry.published) or "", []).append(entry)
    legacy = site.info.get("former_domain_links_before")

    def month_base(month: list[SampleArticle | SampleFault]) -> str:
        # The merged paper's old months still list its old addresses, which now redirect.
        if legacy and site.former_domains and month[0].published < legacy:
            return f"https://{site.former_domains[0]}"
        return base_url

    responses = {
        path: Response(
            200,
            "application/x-gzip",
            gzip.compress(
                urlset.render(entries=month, base_url=month_base(month)).encode(), mtime=0
            ),
        )
        for path, month in months.items()
    }
    index = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path, month in months.items():
        index.append(
            f"<sitemap><loc>{base_url}{path}</loc>"
            f"<lastmod>{max(e.published for e in month).isoformat()}</lastmod></sitemap>"
        )
    index.append("</sitemapindex>")
    responses[site.sitemap_path] = Response(200, xml, ("\n".join(index) + "\n").encode())
    return responses


def _related(site: SampleSite, section_slug: str, exclude: str) -> list[Teaser]:
    others = [
        a for a in site.newest_first() if a.section_slug == section_slug and a.path != exclude
    ]
    return [_teaser(site, a) for a in others[:RELATED_COUNT]]


def _most_read(site: SampleSite) -> list[Teaser]:
    return [
        _teaser(site, site.article(article_id)) for article_id in site.info.get("most_read", [])
    ]


def _listing_context(
    site: SampleSite,
    section: Section,
    number: int,
    pages: list[list[SampleArticle | SampleFault]],
    entries: list[SampleArticle | SampleFault],
) -> dict[str, Any]:
    def page_path(n: int) -> str:
        return site.listing_page_path(section.slug, n)

    return {
        "page_kind": "listing",
        "section": section,
        "page_number": number,
        "page_path": page_path(number),
        "page_links": [(n, page_path(n)) for n in range(1, len(pages) + 1)],
        "prev_path": page_path(number - 1) if number > 1 else None,
        "next_path": page_path(number + 1) if number < len(pages) else None,
        "items": [_teaser(site, e, site.info["placeholder_image"]) for e in entries],
    }


def _json_for_script(value: object) -> Markup:
    # ensure_ascii=False keeps the Vietnamese readable, as real CMSs print it; "</" must not
    # close the <script> element early.
    text = json.dumps(value, ensure_ascii=False, indent=2).replace("</", "<\\/")
    return Markup(text)
