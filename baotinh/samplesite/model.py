"""Load a sample site (``baotinh/samplesite/sites/<key>/articles.toml`` and
``articles/*.toml``) into records.

The records are the ground truth that tests compare crawled and extracted articles against, so
the loader validates the data hard: a typo in the TOML must fail here, not as a puzzling
extraction mismatch three stages later.
"""

from __future__ import annotations

import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Literal, NamedTuple

SAMPLE_SITES_DIR: Path = Path(__file__).resolve().parent / "sites"

VN_OFFSET = timedelta(hours=7)
BlockKind = Literal["p", "h2", "question"]
DateMeta = Literal["full", "ld-date-only", "none"]
DatelineStyle = Literal["weekday", "cap-nhat"]
FaultKind = Literal["http_404", "http_500", "empty_body"]

_DATE_META: frozenset[str] = frozenset({"full", "ld-date-only", "none"})
_DATELINE_STYLES: frozenset[str] = frozenset({"weekday", "cap-nhat"})
_FAULT_KINDS: frozenset[str] = frozenset({"http_404", "http_500", "empty_body"})
_ENCODINGS: frozenset[str] = frozenset({"utf-8", "windows-1258"})
_WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")


class SampleImage(NamedTuple):
    path: str  # "/images/2025/05/abc.jpg"
    caption: str


class Block(NamedTuple):
    kind: BlockKind
    text: str


class Section(NamedTuple):
    slug: str
    label: str
    path: str  # the section's first listing page, e.g. "/bg/chinh-tri/"


@dataclass(frozen=True)
class UrlScheme:
    """How one paper spells its URLs; format fields: section, id, slug, yyyy, mm, dd, page."""

    article: str = "/bg/{section}/{id}/{slug}.html"
    section: str = "/bg/{section}/"
    # Listing page 2 and later; may carry a query string ("/thoi-su?page={page}").
    listing_page: str = "/bg/{section}/trang-{page}.html"
    # Day archive pages listing everything published that day (a faster path for backfills).
    archive: str | None = None
    feed: str | None = "/rss/tin-moi.rss"
    feed_format: Literal["rss", "atom"] = "rss"
    sitemap: str = "/sitemap.xml"
    # Set: the sitemap is an index of one gzipped urlset per month at this path.
    monthly_sitemap: str | None = None
    listing_date_format: str = "%d/%m/%Y"
    # Other article schemes the same site serves, by name (a CMS that moved to a new scheme and
    # kept the old one, say); an article picks one with `url_scheme = "<name>"` in its TOML.
    article_variants: tuple[tuple[str, str], ...] = ()

    def article_pattern(self, variant: str | None) -> str:
        """The format of an article's path: the site's own, or the named variant."""
        if variant is None:
            return self.article
        for name, pattern in self.article_variants:
            if name == variant:
                return pattern
        raise ValueError(f"unknown url_scheme {variant!r}")


class Redesign(NamedTuple):
    """From `since` on, the paper prints its articles with `template` instead of article.html:
    a new layout of the same paper (baotinh.papers.profile.Layout), not a new site."""

    since: datetime
    template: str


def _date_fields(moment: datetime) -> dict[str, str]:
    return {"yyyy": f"{moment:%Y}", "mm": f"{moment:%m}", "dd": f"{moment:%d}"}


@dataclass(frozen=True)
class SampleArticle:
    """One real article of the sample site, as the page prints it and as the extractor should
    return it."""

    id: int
    slug: str
    section_slug: str
    section: str  # the human label the breadcrumb shows, e.g. "Chính trị"
    title: str
    lead: str  # without the "(BGĐT) - " prefix the page puts in front of it
    blocks: list[Block]
    published: datetime
    authors: list[str]  # people only, e.g. ["Hồng Nhung"]
    byline: str  # as printed, e.g. "Bài và ảnh: Hồng Nhung"
    tags: list[str]
    images: list[SampleImage]
    # "full": meta article:published_time and JSON-LD datePublished with time;
    # "ld-date-only": no meta, JSON-LD datePublished is a bare date; "none": neither.
    date_meta: DateMeta = "full"
    dateline_style: DatelineStyle = "weekday"
    encoding: str = "utf-8"  # or "windows-1258"
    gzip_body: bool = False  # body sent as gzip bytes without a Content-Encoding header
    path: str = ""  # set by the loader from the site's UrlScheme

    @property
    def paragraphs(self) -> list[str]:
        """Body text in order, subheadings and interview questions included."""
        return [block.text for block in self.blocks]

    @property
    def dateline(self) -> str:
        """The visible dateline: "Thứ Hai, 19/05/2025 - 06:37" or "Cập nhật: 06:37 | 19/05/2025"."""
        return format_dateline(self.published, self.dateline_style)

    @property
    def has_published_time_meta(self) -> bool:
        return self.date_meta == "full"

    def url(self, base_url: str) -> str:
        return base_url.rstrip("/") + self.path


@dataclass(frozen=True)
class SampleFault:
    """A URL the crawl reaches that is not a good article; ``kind`` matches CrawlError.kind."""

    path: str
    kind: FaultKind
    title: str = ""
    section: str = ""
    section_slug: str = ""
    lead: str = ""
    published: datetime | None = None

    def url(self, base_url: str) -> str:
        return base_url.rstrip("/") + self.path


@dataclass(frozen=True)
class SampleSite:
    key: str
    name: str  # "Báo Bắc Giang"
    domain: str  # the real domain the pages are written for, e.g. "baobacgiang.vn"
    source_code: str  # "BGĐT", printed as "(BGĐT) - " before every sapo
    root: Path  # baotinh/samplesite/sites/<key>
    sections: list[Section]
    articles: list[SampleArticle]  # oldest first
    faults: list[SampleFault]
    chrome_snippets: list[str]
    info: dict[str, Any] = field(default_factory=dict)  # the rest of [site]: footer, most_read...
    # Domains the paper used before; the sample server answers them with a 301 to `domain`.
    former_domains: tuple[str, ...] = ()
    urls: UrlScheme = field(default_factory=UrlScheme)
    redesigns: tuple[Redesign, ...] = ()  # oldest first
    robots_path: str = "/robots.txt"
    search_path: str = "/tim-kiem/"  # disallowed by robots.txt
    feed_size: int = 20
    page_size: int = 8

    @property
    def base_url(self) -> str:
        """Where the pages say they live; a crawler reaches it through a local mirror."""
        return f"https://{self.domain}"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def feed_path(self) -> str | None:
        return self.urls.feed

    @property
    def sitemap_path(self) -> str:
        return self.urls.sitemap

    @property
    def section_paths(self) -> list[str]:
        return [section.path for section in self.sections]

    def article_template(self, published: datetime) -> str:
        """The template of an article published at `published`: the latest redesign's from its
        day on, article.html before the first."""
        templates = [r.template for r in self.redesigns if r.since <= published]
        return templates[-1] if templates else "article.html"

    def article(self, id_or_path: int | str) -> SampleArticle:
        for article in self.articles:
            if id_or_path in (article.id, article.path):
                return article
        raise KeyError(id_or_path)

    def newest_first(self) -> list[SampleArticle]:
        return sorted(self.articles, key=lambda a: (a.published, a.id), reverse=True)

    def listing(self, section_slug: str) -> list[SampleArticle | SampleFault]:
        """Everything a section listing links to (faults included), newest first."""
        entries: list[SampleArticle | SampleFault] = [
            a for a in self.articles if a.section_slug == section_slug
        ]
        entries += [f for f in self.faults if f.section_slug == section_slug]
        return sorted(entries, key=_listing_key, reverse=True)

    def section(self, slug: str) -> Section:
        return next(section for section in self.sections if section.slug == slug)

    def listing_all(self) -> list[SampleArticle | SampleFault]:
        """Every article and fault, newest first."""
        return sorted([*self.articles, *self.faults], key=_listing_key, reverse=True)

    def listing_page_path(self, section_slug: str, page: int) -> str:
        pattern = self.urls.section if page == 1 else self.urls.listing_page
        return pattern.format(section=section_slug, page=page)

    def archive_path(self, day: datetime) -> str | None:
        return self.urls.archive.format(**_date_fields(day)) if self.urls.archive else None

    def monthly_sitemap_path(self, month: datetime) -> str | None:
        pattern = self.urls.monthly_sitemap
        return pattern.format(**_date_fields(month)) if pattern else None

    def listing_pages(self, section_slug: str) -> list[list[SampleArticle | SampleFault]]:
        entries = self.listing(section_slug)
        size = self.page_size
        return [entries[i : i + size] for i in range(0, len(entries), size)] or [[]]

    def image_paths(self) -> set[str]:
        """Every /images/... path the server answers with a JPEG."""
        paths = {image.path for article in self.articles for image in article.images}
        paths.add(self.info["logo"])
        paths.add(self.info["placeholder_image"])
        return paths


def _listing_key(entry: SampleArticle | SampleFault) -> tuple[datetime, str]:
    assert entry.published is not None
    return (entry.published, entry.path)


def format_dateline(published: datetime, style: DatelineStyle) -> str:
    if style == "cap-nhat":
        return f"Cập nhật: {published:%H:%M} | {published:%d/%m/%Y}"
    return f"{_WEEKDAYS[published.weekday()]}, {published:%d/%m/%Y - %H:%M}"


def available_sites(root: Path | None = None) -> list[str]:
    """Keys of the papers that have a sample copy."""
    return sorted(path.parent.name for path in (root or SAMPLE_SITES_DIR).glob("*/articles.toml"))


def load_site(key: str, root: Path | None = None) -> SampleSite:
    """Parse ``<root>/<key>/articles.toml`` (root defaults to SAMPLE_SITES_DIR) and validate it."""
    site_root = (root or SAMPLE_SITES_DIR) / key
    with (site_root / "articles.toml").open("rb") as fh:
        data = tomllib.load(fh)
    _check_nfc(data, "articles.toml")
    # More articles may live in articles/*.toml, so several people can write content at once.
    for part in sorted((site_root / "articles").glob("*.toml")):
        with part.open("rb") as fh:
            more = tomllib.load(fh)
        _check_nfc(more, part.name)
        data.setdefault("articles", []).extend(more.get("articles", []))
        data.setdefault("faults", []).extend(more.get("faults", []))

    info = dict(data["site"])
    if info.pop("key") != key:
        raise ValueError(f"{site_root}: [site].key does not match the directory name")
    url_fields = dict(info.pop("urls", {}))
    # TOML has no null: a paper without a feed says feed = "".
    if url_fields.get("feed") == "":
        url_fields["feed"] = None
    url_fields["article_variants"] = tuple(url_fields.pop("article_variants", {}).items())
    urls = UrlScheme(**url_fields)
    sections = [
        Section(s["slug"], s["label"], urls.section.format(section=s["slug"], page=1))
        for s in info.pop("sections")
    ]
    labels = {s.slug: s.label for s in sections}
    chrome = list(info.pop("chrome_snippets"))
    redesigns = tuple(
        Redesign(_aware(r["since"], "[[site.redesigns]]"), r["template"])
        for r in info.pop("redesigns", [])
    )
    if list(redesigns) != sorted(redesigns):
        raise ValueError(f"{site_root}: [[site.redesigns]] must be listed oldest first")

    articles = [_load_article(raw, labels, urls) for raw in data["articles"]]
    articles.sort(key=lambda a: (a.published, a.id))
    faults = [_load_fault(raw, labels, urls) for raw in data.get("faults", [])]

    site = SampleSite(
        key=key,
        name=info.pop("name"),
        domain=info.pop("domain"),
        former_domains=tuple(info.pop("former_domains", ())),
        source_code=info.pop("source_code"),
        root=site_root,
        sections=sections,
        articles=articles,
        faults=faults,
        chrome_snippets=chrome,
        urls=urls,
        redesigns=redesigns,
        page_size=int(info.pop("page_size", 8)),
        info=info,
    )
    _check_site(site)
    return site


def _entry_path(raw: dict[str, Any], urls: UrlScheme, published: datetime) -> str:
    return urls.article_pattern(raw.get("url_scheme")).format(
        section=raw["section"], id=int(raw["id"]), slug=raw["slug"], **_date_fields(published)
    )


def _load_article(raw: dict[str, Any], labels: dict[str, str], urls: UrlScheme) -> SampleArticle:
    where = f"article {raw.get('id')!r}"
    try:
        authors = list(raw["authors"])
        byline = raw.get("byline") or " - ".join(authors)
        article = SampleArticle(
            id=int(raw["id"]),
            slug=raw["slug"],
            section_slug=raw["section"],
            section=labels[raw["section"]],
            title=raw["title"],
            lead=raw["lead"],
            blocks=[_load_block(item) for item in raw["paragraphs"]],
            published=_aware(raw["published"], where),
            authors=authors,
            byline=byline,
            tags=list(raw.get("tags", [])),
            images=[
                SampleImage("/images/" + img["file"].lstrip("/"), img["caption"])
                for img in raw["images"]
            ],
            date_meta=raw.get("date_meta", "full"),
            dateline_style=raw.get("dateline", "weekday"),
            encoding=raw.get("encoding", "utf-8"),
            gzip_body=bool(raw.get("gzip_body", False)),
            path=_entry_path(raw, urls, _aware(raw["published"], where)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"{where}: {exc!r}") from exc
    problems = []
    if article.date_meta not in _DATE_META:
        problems.append(f"date_meta {article.date_meta!r}")
    if article.dateline_style not in _DATELINE_STYLES:
        problems.append(f"dateline {article.dateline_style!r}")
    if article.encoding not in _ENCODINGS:
        problems.append(f"encoding {article.encoding!r}")
    if not article.authors or any(name not in article.byline for name in article.authors):
        problems.append("every author must appear in the byline")
    if not 1 <= len(article.images) <= 3:
        problems.append("1 to 3 images")
    if not article.lead or article.lead.startswith("("):
        problems.append("lead must be given without the source prefix")
    if sum(b.kind == "p" for b in article.blocks) < 4:
        problems.append("at least 4 body paragraphs")
    if problems:
        raise ValueError(f"{where}: " + "; ".join(problems))
    return article


def _load_block(item: str | dict[str, str]) -> Block:
    # Plain strings are paragraphs; {h2 = "..."} is a subheading, {q = "..."} an interview question.
    if isinstance(item, str):
        return Block("p", item)
    if len(item) == 1 and "h2" in item:
        return Block("h2", item["h2"])
    if len(item) == 1 and "q" in item:
        return Block("question", item["q"])
    raise ValueError(f"unknown paragraph form {item!r}")


def _load_fault(raw: dict[str, Any], labels: dict[str, str], urls: UrlScheme) -> SampleFault:
    if raw["kind"] not in _FAULT_KINDS:
        raise ValueError(f"fault {raw.get('id')!r}: unknown kind {raw['kind']!r}")
    return SampleFault(
        path=_entry_path(raw, urls, _aware(raw["published"], f"fault {raw.get('id')!r}")),
        kind=raw["kind"],
        title=raw["title"],
        section=labels[raw["section"]],
        section_slug=raw["section"],
        lead=raw.get("lead", ""),
        published=_aware(raw["published"], f"fault {raw.get('id')!r}"),
    )


def _aware(value: object, where: str) -> datetime:
    # TOML offset date-times arrive as aware datetimes; the site's clock is Vietnam's (+07:00).
    if not isinstance(value, datetime) or value.utcoffset() != VN_OFFSET:
        raise ValueError(f"{where}: published must be a TOML date-time with offset +07:00")
    return value


def _check_nfc(value: object, where: str) -> None:
    # Sample text is the ground truth; decomposed text would make every comparison flaky.
    if isinstance(value, str):
        if unicodedata.normalize("NFC", value) != value:
            raise ValueError(f"{where}: text is not NFC: {value[:60]!r}")
    elif isinstance(value, dict):
        for k, v in value.items():
            _check_nfc(v, f"{where}.{k}")
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _check_nfc(v, f"{where}[{i}]")


def _check_site(site: SampleSite) -> None:
    paths = [a.path for a in site.articles] + [f.path for f in site.faults]
    if len(set(paths)) != len(paths):
        raise ValueError(f"{site.key}: duplicate article or fault paths")
    ids = [a.id for a in site.articles]
    if len(set(ids)) != len(ids):
        raise ValueError(f"{site.key}: duplicate article ids")
    for article in site.articles:
        text = "\n".join([article.title, article.lead, *article.paragraphs])
        leaked = [s for s in site.chrome_snippets if s in text]
        if leaked:
            raise ValueError(f"article {article.id}: contains chrome snippets {leaked}")
    for article_id in site.info.get("most_read", []):
        site.article(article_id)
