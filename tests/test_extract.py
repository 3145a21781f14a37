"""The extractor on pages we write here: encodings, gzip, chrome, and pages that hold no article."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from baotinh.extraction.decoding import decode_body
from baotinh.extraction.html import extract_article
from baotinh.extraction.pages import ExtractionError
from baotinh.papers import get_site
from baotinh.samplesite.cp1258 import encode_cp1258

PARAGRAPHS = [
    "Sáng 12/3, Ban Thường vụ Huyện ủy Yên Dũng tổ chức hội nghị sơ kết việc thực hiện chuyên đề"
    " học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm 2025.",
    "Theo báo cáo, toàn huyện có 126 mô hình, cách làm hay được biểu dương; nhiều chi bộ đưa nội"
    " dung học tập vào sinh hoạt định kỳ hằng tháng.",
    "Phát biểu kết luận, đồng chí Bí thư Huyện ủy đề nghị các cấp ủy tiếp tục gắn việc học tập với"
    " giải quyết những việc khó, việc mới ở cơ sở.",
]


def page(charset: str = "utf-8", body: str | None = None) -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in PARAGRAPHS) if body is None else body
    return f"""<!DOCTYPE html><html lang="vi"><head><meta charset="{charset}">
<title>Yên Dũng sơ kết chuyên đề học tập và làm theo Bác | Báo Bắc Giang</title>
<link rel="canonical" href="https://baobacgiang.com.vn/bg/chinh-tri/100/yen-dung.html?utm_source=x">
<meta property="article:published_time" content="2025-03-12T08:15:00+07:00">
</head><body>
<nav><a href="/">Trang chủ</a><a href="/bg/chinh-tri/">Chính trị</a></nav>
<div class="breadcrumb"><a href="/">Trang chủ</a> › <a href="/bg/chinh-tri/">Chính trị</a></div>
<h1>Yên Dũng sơ kết chuyên đề học tập và làm theo Bác</h1>
<div class="article-date">Thứ Tư, 12/03/2025 - 08:15</div>
<div class="sapo">(BGĐT) - Huyện Yên Dũng biểu dương 126 mô hình học và làm theo Bác.</div>
<div class="article-body">{paragraphs}
<figure><img src="/images/2025/03/hoi-nghi.jpg">
<figcaption>Quang cảnh hội nghị.</figcaption></figure>
<div class="share-bar">Chia sẻ</div></div>
<div class="article-author">Bài và ảnh: Ngọc Lan</div>
<div class="comments"><h3>Bình luận</h3><p>(0) Bình luận</p>
<p>Xếp theo: Mới nhất Hay nhất</p></div>
<div class="related"><h3>TIN CÙNG CHUYÊN MỤC</h3>
<a href="/bg/chinh-tri/99/x.html">Tin khác về hội nghị</a></div>
<footer>Tổng biên tập: Nguyễn Văn Bình. Tòa soạn: số 1 đường Hoàng Văn Thụ.</footer>
</body></html>"""


PROFILE = get_site("bacgiang")


def test_fields_from_a_provincial_article_page() -> None:
    article = extract_article(page().encode(), "https://baobacgiang.com.vn/bg/x", PROFILE)
    assert article.title == "Yên Dũng sơ kết chuyên đề học tập và làm theo Bác"
    assert article.lead == "Huyện Yên Dũng biểu dương 126 mô hình học và làm theo Bác."
    assert article.text.split("\n") == PARAGRAPHS
    assert article.published.isoformat() == "2025-03-12T08:15:00+07:00"
    assert article.authors == ["Ngọc Lan"]
    assert article.section == "Chính trị"
    assert article.canonical_url == "https://baobacgiang.com.vn/bg/chinh-tri/100/yen-dung.html"
    assert [image.caption for image in article.images] == ["Quang cảnh hội nghị."]
    assert article.language == "vi"


def test_windows_1258_page_decodes_to_the_same_article() -> None:
    body = encode_cp1258(page("windows-1258"))
    assert body.decode("cp1258") != page()  # really the half-composed windows-1258 form
    article = extract_article(body, "https://baobacgiang.com.vn/bg/x", PROFILE)
    assert article.text.split("\n") == PARAGRAPHS
    assert article.authors == ["Ngọc Lan"]


def test_gzip_bytes_are_inflated_whatever_the_headers_say() -> None:
    assert decode_body(gzip.compress(page().encode()), "text/html") == page()


def test_a_page_with_an_empty_article_body_is_not_an_article() -> None:
    with pytest.raises(ExtractionError) as raised:
        extract_article(page(body="").encode(), "https://baobacgiang.com.vn/bg/x", PROFILE)
    assert raised.value.kind == "empty_body"


@pytest.mark.parametrize(
    "markup",
    ["", "<html><head><script>var a = 1;</script></head><body><script>x()</script></body></html>"],
)
def test_empty_and_script_only_pages_are_clear_errors(markup: str) -> None:
    with pytest.raises(ExtractionError) as raised:
        extract_article(markup.encode(), "https://example.vn/x", None)
    assert raised.value.kind == "empty_body"


def test_truncated_html_still_extracts_what_is_there() -> None:
    markup = page()
    cut = markup[: markup.index("<figure>")]
    article = extract_article(cut.encode(), "https://baobacgiang.com.vn/bg/x", PROFILE)
    assert article.text.split("\n") == PARAGRAPHS


def test_extract_command_on_gzip_saved_under_an_html_name(tmp_path: Path) -> None:
    saved = tmp_path / "trang.html"
    saved.write_bytes(gzip.compress(page().encode()))
    url = "https://baobacgiang.com.vn/bg/chinh-tri/100/yen-dung.html"
    completed = subprocess.run(
        [sys.executable, "-m", "baotinh.cli", "extract", str(saved), "--url", url],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(completed.stdout)
    assert set(result) >= {
        "url",
        "title",
        "lead",
        "text",
        "published",
        "authors",
        "section",
        "tags",
        "language",
    }
    assert result["url"] == url
    assert result["published"] == "2025-03-12T08:15:00+07:00"
    assert result["authors"] == ["Ngọc Lan"]
    assert result["text"].split("\n") == PARAGRAPHS


def test_a_site_name_is_never_an_author() -> None:
    markup = page().replace(
        "</head>",
        '<meta property="og:site_name" content="Tin Tỉnh Nhà">'
        '<meta name="author" content="Tin Tỉnh Nhà">'
        '<script type="application/ld+json">{"@type": "NewsArticle",'
        ' "author": {"@type": "Organization", "name": "Baomautinh"}}</script></head>',
    )
    markup = markup.replace("https://baobacgiang.com.vn/bg/chinh-tri", "https://baomautinh.vn/tin")
    # No printed byline: only the metadata names anyone, and it names the site.
    markup = markup.replace('<div class="article-author">Bài và ảnh: Ngọc Lan</div>', "")
    article = extract_article(markup.encode(), "https://baomautinh.vn/tin/100/x.html", None)
    assert article.authors == []


def test_utf8_declared_as_iso_8859_1_is_read_as_utf8() -> None:
    body = page("iso-8859-1").encode("utf-8")
    article = extract_article(
        body, "https://baobacgiang.com.vn/bg/x", PROFILE, "text/html; charset=ISO-8859-1"
    )
    assert article.text.split("\n") == PARAGRAPHS


def test_mixed_nfc_and_nfd_text_comes_out_composed() -> None:
    import unicodedata

    decomposed = page().replace(PARAGRAPHS[1], unicodedata.normalize("NFD", PARAGRAPHS[1]))
    article = extract_article(decomposed.encode(), "https://baobacgiang.com.vn/bg/x", PROFILE)
    assert article.text.split("\n") == PARAGRAPHS


def test_a_twenty_megabyte_page_is_refused_with_a_clear_error() -> None:
    huge = page().replace("</body>", "<p>" + "chữ " * 5_500_000 + "</p></body>").encode()
    assert len(huge) > 20_000_000
    with pytest.raises(ExtractionError) as raised:
        extract_article(huge, "https://baobacgiang.com.vn/bg/x", PROFILE)
    assert raised.value.kind == "too_large"


def test_a_listing_page_is_recognised_and_not_stored_as_an_article() -> None:
    teasers = "".join(
        f'<li><h3><a href="/bg/kinh-te/{n}/bai-so-{n}.html">Tin kinh tế số {n} trong tuần</a></h3>'
        f"<p>{PARAGRAPHS[n % 3]}</p></li>"
        for n in range(20)
    )
    listing = (
        '<html lang="vi"><head><meta property="og:type" content="website">'
        '<link rel="canonical" href="https://baobacgiang.com.vn/bg/kinh-te/"></head>'
        f"<body><h1>Kinh tế</h1><ul>{teasers}</ul></body></html>"
    )
    for profile in (PROFILE, None):
        with pytest.raises(ExtractionError) as raised:
            extract_article(listing.encode(), "https://baobacgiang.com.vn/bg/kinh-te/", profile)
        assert raised.value.kind == "not_article"
