"""Reading a text dump line by line: the headline, the lead, datelines and bylines, captions
under image markers, series markers, sources, and the body (`baotinh.extraction.dumps` decodes the
dump and builds the article from what is read here)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from baotinh.core.dates import parse_dateline
from baotinh.core.records import Image
from baotinh.extraction.bylines import parse_byline
from baotinh.extraction.cleaning import (
    CREDITED_CAPTION,
    GENERIC_LEAD_PREFIX,
    SERIES_NOTE,
)

# A line at least this long is a paragraph of prose: never a label, a teaser or a caption.
PROSE_CHARS = 160

# Headlines on these papers stay under two lines of print; a longer first line is already text.
HEADLINE_MAX_CHARS = 200

# Captions are a sentence or two; longer lines after an image are text that follows it.
CAPTION_MAX_CHARS = 200

# Datelines, bylines and source lines are short; a longer line holding a date is a sentence.
META_MAX_CHARS = 80

# A section label is a few words ("Chính trị", "Xây dựng Đảng").
LABEL_MAX_WORDS = 6
LABEL_MAX_CHARS = 50
_IMAGE_FILE = re.compile(r"^\S+\.(?:jpe?g|png|gif|webp)$", re.IGNORECASE)

# Headings that open a list of teaser headlines; after the article has begun, the short lines
# under them are links to other articles, not text, until a paragraph of prose resumes (an inline
# "related" box sits between two paragraphs).
_LIST_HEADING = re.compile(
    r"^(?:tin cùng chuyên mục|đừng bỏ lỡ|các tin khác|tin khác|tin liên quan|bài liên quan|"
    r"tin mới(?: nhất)?|mới nhất|xem nhiều(?: nhất)?|đọc nhiều(?: nhất)?|tin nổi bật|"
    r"có thể bạn quan tâm)[.:]?$",
    re.IGNORECASE,
)

# Comment widgets and the site footer come after the article, never inside it: once the text has
# begun, nothing after them is read, not even a dateline (readers' comments carry their own).
_PAGE_END = re.compile(
    r"^(?:\(\d+\)\s*bình luận|(?:gửi )?bình luận|phản hồi|ý kiến bạn đọc|xếp theo\b|"
    r"bình luận mới vừa|tổng biên tập|tòa soạn|toà soạn|cơ quan chủ quản|giấy phép|\(\*\))",
    re.IGNORECASE,
)

# Links to the parts of a multi-part report ("Kỳ I: …", "Bài 2: …"), printed above the text;
# the one whose name is the headline's is this article's part.
_SERIES_PART = re.compile(
    r"^(?P<marker>(?:kỳ|bài|phần)\s+(?:[ivxlc]+|\d+))\s*[:.–-]\s*(?P<name>\S.*)$", re.IGNORECASE
)

# The part named in the headline: "Nông thôn mới - Bài 2: …", "Kỳ II: …".
_SERIES_IN_TITLE = re.compile(
    r"(?:^|[\s:|–—-])(?P<marker>(?:kỳ|bài|phần)\s+(?:[ivxlc]+|\d+))\b\s*[:.–—-]\s*\S",
    re.IGNORECASE,
)

# Notes on a series part ("(Tiếp theo)", "(Tiếp theo và hết)", "(Còn nữa)") and captions that
# end in a photo credit: chrome to baotinh.extraction.cleaning, kept here as fields.
_SERIES_NOTE = re.compile(f"^{SERIES_NOTE}$", re.IGNORECASE)
_CREDITED_CAPTION = re.compile(f"^{CREDITED_CAPTION}$", re.IGNORECASE)

# What a byline line starts or ends with; a bare name is only trusted as the article's last line.
_BYLINE_MARK = re.compile(
    r"^(?:bài\s*(?:(?:và|,|/|&)\s*ảnh)?|tin\s*(?:(?:và|,)\s*ảnh)?|video|clip|thực hiện|"
    r"nhóm phóng viên|phóng viên|nhóm pv|tác giả|người viết)\s*:\s*\S"
    r"|\((?:thực hiện|tổng hợp|lược dịch|dịch|ghi)\)\s*$",
    re.IGNORECASE,
)

# "Theo TTXVN", "Nguồn: Báo Nhân Dân": where the text came from, never an author.
_SOURCE_LINE = re.compile(r"^(?:theo|nguồn)\s*:?\s+(?P<source>\S.*)$", re.IGNORECASE)
_SOURCE_NAME = re.compile(r"^(?:báo|tạp chí|đài|cổng thông tin|thông tấn xã)\b", re.IGNORECASE)

# Date and time tokens of a dateline, and the words printed around them.
_DATE_TOKEN = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{1,2}[:hg]\d{2}(?::\d{2})?")
_DATE_LABEL = re.compile(
    r"cập nhật(?: lúc)?|ngày đăng|đăng(?: lúc| ngày)?|xuất bản|lúc|ngày|"
    r"thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ nhật|\(?gmt\s*[+-]?\s*\d{1,2}\)?",
    re.IGNORECASE,
)
_BREADCRUMB = re.compile(r"\s+(?:>|»|›|/)\s+")


def prepare_lines(text: str) -> list[str]:
    """Non-empty lines, spaces folded, with blocks the scrape glued together split apart."""
    prepared: list[str] = []
    for raw in text.replace("\u00a0", " ").replace("\u200b", "").splitlines():
        line = " ".join(raw.split())
        if line:
            prepared.extend(_split_glued_caps(line))
    return prepared


def _split_glued_caps(line: str) -> list[str]:
    """Split an all-capitals block glued onto a line ("… Ngọc ÁnhBÁO X ĐIỆN TỬ").

    A naive scrape drops the break between the byline and the footer masthead; a lower-case
    letter followed directly by a run of capitalised words to the end of the line is that seam.
    """
    for index in range(1, len(line)):
        if line[index - 1].islower() and line[index].isupper():
            rest = line[index:].split()
            if len(rest) >= 2 and all(len(word) >= 2 and word.isupper() for word in rest):
                return [line[:index].rstrip(), line[index:]]
    return [line]


def _words(line: str) -> list[str]:
    return re.findall(r"[^\W_]+", line.casefold())


def _is_headline(line: str) -> bool:
    # Headlines carry no closing full stop; running text does.
    return len(line) <= HEADLINE_MAX_CHARS and not line.endswith((".", "…", ",", ";", ":"))


def _is_heading(line: str) -> bool:
    """A subheading inside the text: short, capitalised, not a sentence or a question."""
    return (
        len(line) <= 100
        and len(line.split()) <= 15
        and (line[0].isupper() or line[0].isdigit())
        and not line.endswith((".", "…", ",", ";", ":", "?", "!"))
    )


def _is_prose(line: str) -> bool:
    # Teaser headlines and sapos in lists are cut with an ellipsis; a paragraph is not.
    return len(line) >= PROSE_CHARS and not line.endswith(("…", "..."))


def _is_section_label(line: str) -> bool:
    return (
        len(line) <= LABEL_MAX_CHARS
        and len(line.split()) <= LABEL_MAX_WORDS
        and _is_headline(line)
        and not any(ch.isdigit() for ch in line)
    )


def _is_keyword_line(line: str, title: str) -> bool:
    """The headline's words joined by commas, printed as alt text under every photo."""
    parts = [part.strip() for part in line.split(",")]
    if not title or len(parts) < 3 or not all(1 <= len(part.split()) <= 4 for part in parts):
        return False
    return set(_words(line)) <= set(_words(title)) and line != title


@dataclass
class _Metadata:
    published: datetime | date | None = None
    authors: list[str] = field(default_factory=list)
    source: str | None = None


@dataclass
class DumpReading:
    """One pass over a dump's lines, in page order, sorting each into a field, the text or out."""

    lines: list[str]
    rules: re.Pattern[str]
    site_names: tuple[str, ...]
    lead_prefix: str | None
    title: str = ""
    section: str | None = None
    lead: str | None = None
    body: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    dates: list[datetime | date] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    series_marker: str | None = None  # this article's part, "Kỳ II"
    series_notes: list[str] = field(default_factory=list)  # "(Tiếp theo và hết)"

    def series_part(self) -> str | None:
        parts = dict.fromkeys(filter(None, [self.series_marker, *self.series_notes]))
        return " ".join(parts) or None

    def _caption(self, in_slot: bool, caption: str) -> None:
        """Keep a caption; in the slot under an image file, it is that photo's."""
        last = self.images[-1] if self.images else None
        if in_slot and last is not None and last.url is not None and last.caption is None:
            self.images[-1] = Image(url=last.url, caption=caption)
        else:
            self.images.append(Image(url=None, caption=caption))

    def published(self) -> datetime | date | None:
        # A dateline with a time beats a bare day (a source line often prints only the day).
        with_time = [moment for moment in self.dates if isinstance(moment, datetime)]
        if with_time:
            return with_time[0]
        return self.dates[0] if self.dates else None

    def read(self) -> None:
        lines = self.lines
        position = self._headline()
        in_title = _SERIES_IN_TITLE.search(self.title)
        if in_title:
            self.series_marker = in_title["marker"]
        expect_caption = False  # the line after an image marker is its caption
        in_list = False  # under a related-news heading: teasers until prose resumes
        started = False  # the sapo or a paragraph of prose has been read
        seen_heading = False  # a subheading has been read (no sapo after one)
        while position < len(lines):
            line = lines[position]
            following = lines[position + 1] if position + 1 < len(lines) else None
            position += 1

            if _IMAGE_FILE.match(line) or _is_keyword_line(line, self.title):
                if _IMAGE_FILE.match(line) and not in_list:
                    # The photo, captioned by the next line if that is a caption.
                    self.images.append(Image(url=line))
                expect_caption = True
                continue
            caption_slot, expect_caption = expect_caption, False
            if not in_list and _SERIES_NOTE.match(line):
                self.series_notes.append(line)
                continue
            if self.rules.match(line):
                if started and _PAGE_END.match(line):
                    break
                if started and _LIST_HEADING.match(line):
                    in_list = True
                elif not in_list and _CREDITED_CAPTION.match(line):
                    self._caption(caption_slot, line)
                continue
            if in_list:
                # Teasers may print their own datelines and authors: not this article's.
                if not _is_prose(line):
                    continue
                in_list = False
            metadata = self._metadata(line)
            if metadata is not None:
                self._record(metadata)
                # A source line closes the article: the page's lists follow it.
                if metadata.source and started:
                    in_list = True
                continue
            if following == line and len(line) <= CAPTION_MAX_CHARS:
                # A caption printed twice (alt text and caption): neither copy is text.
                position += 1
                self._caption(caption_slot, line)
                continue
            if caption_slot and len(line) <= CAPTION_MAX_CHARS:
                self._caption(caption_slot, line)
                continue
            if not started:
                part = _SERIES_PART.match(line)
                if part:
                    # Links to a series' parts; the one the headline names is this article.
                    name = part["name"].strip()
                    if self.series_marker is None and self.title and name in self.title:
                        self.series_marker = part["marker"]
                    continue
                if len(line) >= 15 and line in self.title:
                    continue  # the headline's tail repeated
                if self.lead is None and not seen_heading:
                    lead = self._strip_lead_prefix(line)
                    if lead != line or len(line) >= PROSE_CHARS:
                        self.lead = lead
                        started = True
                        continue
                    if (
                        not self.body
                        and line.endswith(".")
                        and following is not None
                        and _is_heading(following)
                    ):
                        # A short sentence straight under the headline and before a
                        # subheading is the opening photo's caption: a sapo leads into text.
                        self._caption(False, line)
                        continue
            if _is_heading(line):
                seen_heading = True
            if len(line) >= PROSE_CHARS:
                started = True
            self.body.append(line)
        self._trailing_byline()

    def _headline(self) -> int:
        """Read the section label and headline at the top; return the first line after them."""
        lines = self.lines
        start = 0
        while start < len(lines) and self.rules.match(lines[start]):
            start += 1  # a menu or "Trang chủ" printed above the headline
        if start >= len(lines):
            return start
        first = lines[start]
        second = lines[start + 1] if start + 1 < len(lines) else ""
        crumbs = _BREADCRUMB.split(first)
        if len(crumbs) > 1 and all(_is_section_label(crumb) for crumb in crumbs):
            self.section = crumbs[-1]
            start += 1
            first, second = second, lines[start + 1] if start + 1 < len(lines) else ""
        elif (
            _is_section_label(first)
            and _is_headline(second)
            and len(second) > len(first)
            and self._metadata(second) is None
            and not _SERIES_PART.match(second)
        ):
            # Many layouts print the section's name above the headline.
            self.section = first
            start += 1
            first = second
        if first and _is_headline(first):
            self.title = first
            return start + 1
        # The dump starts with running text: the page's headline was not captured.
        return start

    def _strip_lead_prefix(self, line: str) -> str:
        stripped = line
        if self.lead_prefix:
            stripped = re.sub("^" + self.lead_prefix, "", stripped)
        return GENERIC_LEAD_PREFIX.sub("", stripped).strip()

    def _metadata(self, line: str) -> _Metadata | None:
        """A dateline, byline or source line, read into fields; None for anything else."""
        if len(line) > META_MAX_CHARS:
            return None
        moment = parse_dateline(line) if _DATE_TOKEN.search(line) else None
        if moment is not None:
            rest = _DATE_LABEL.sub(" ", _DATE_TOKEN.sub(" ", line))
            rest = " ".join(rest.split()).strip(" |,:;-–—()")
            if not rest:
                return _Metadata(published=moment)
            if self._is_source(rest):
                return _Metadata(published=moment, source=rest)
            people = parse_byline(rest, self.site_names)
            if people and not any(ch.isdigit() for ch in rest) and len(rest.split()) <= 10:
                return _Metadata(published=moment, authors=people)
            return None
        source = _SOURCE_LINE.match(line)
        if source and self._is_source_name(source["source"]):
            return _Metadata(source=source["source"].rstrip(". "))
        if _BYLINE_MARK.search(line):
            people = parse_byline(line, self.site_names)
            if people:
                return _Metadata(authors=people)
        return None

    def _is_source(self, text: str) -> bool:
        folded = text.casefold()
        if any(folded == name.casefold() for name in self.site_names):
            return True
        return bool(_SOURCE_NAME.match(text)) and len(text.split()) <= 8

    def _is_source_name(self, text: str) -> bool:
        # "Theo TTXVN", "Theo Báo Nhân Dân": a capitalised name, not "Theo đó, …".
        words = text.rstrip(". ").split()
        return (
            1 <= len(words) <= 8
            and "," not in text
            and all(word[0].isupper() or word[0].isdigit() for word in words)
        )

    def _record(self, metadata: _Metadata) -> None:
        if metadata.published is not None:
            self.dates.append(metadata.published)
        for person in metadata.authors:
            if person not in self.authors:
                self.authors.append(person)
        if metadata.source:
            self.sources.append(metadata.source)

    def _trailing_byline(self) -> None:
        """A bare name (or "Theo …") closing the text is its byline (or source), not a line."""
        while len(self.body) > 1:
            last = self.body[-1]
            source = _SOURCE_LINE.match(last)
            if source and len(last) <= META_MAX_CHARS and self._is_source_name(source["source"]):
                self.sources.append(source["source"].rstrip(". "))
            elif _is_name_line(last, self.site_names):
                self.authors.extend(p for p in parse_byline(last) if p not in self.authors)
            else:
                return
            self.body.pop()


def _is_name_line(line: str, site_names: tuple[str, ...]) -> bool:
    """One or a few people's names and nothing else: "Minh Hà", "Hoàng Lan - Đức Thắng"."""
    if len(line) > 60 or any(ch in line for ch in '.!?:;"“”()'):
        return False
    people = parse_byline(line, site_names)
    named = [word for person in people for word in _words(person)]
    return bool(people) and named == [word for word in _words(line) if word != "và"]
