"""Plain-text scrapes: one clean article per dump, and `baotinh import-text` into the store.

The dumps here are our own, written in the shape of naive scrapes of the five papers' pages
(headline, dateline, sapo, photos as file names or keyword lines, captions, bylines, then the
page's lists, widgets and footer); none of their text comes from a real page.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unicodedata
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from baotinh.core.records import ExtractedArticle, Image
from baotinh.extraction.cleaning import clean_body_lines
from baotinh.extraction.dumps import (
    detect_site,
    extract_text_dump,
    looks_like_html,
    text_import_url,
)
from baotinh.extraction.html import article_to_json
from baotinh.extraction.pages import ExtractionError
from baotinh.papers import get_site
from db.engine import make_engine, session_scope
from db.models import Article, CrawlFrontier, RawPage, Site
from db.store import load_raw_page_body

# An interview in Báo Bắc Giang's shape: sapo prefix, the headline's words joined by commas
# under each photo (then the caption), questions and answers, "(thực hiện)" byline.
BACGIANG = """Đổi mới nội dung họp chi bộ ở khu dân cư
Cập nhật: 08:15 | 03/02/2021

\u00a0

(BGĐT) - Sau một năm đổi mới cách sinh hoạt, các chi bộ thôn, tổ dân phố của huyện Lục Ngạn \
có nhiều chuyển biến: đảng viên dự họp đông đủ hơn, phát biểu thẳng thắn hơn và mỗi kỳ họp \
đều bàn được một việc cụ thể của địa phương.

Đổi mới, nội dung, họp, chi bộ, khu dân cư

Đảng viên chi bộ thôn Đồng Cốc thảo luận tại buổi sinh hoạt định kỳ.

Báo Bắc Giang đã trò chuyện với bà Nguyễn Thị Hoa, Phó Bí thư Huyện ủy, về những kết \
quả bước đầu.

Xin bà cho biết điểm mới ở các buổi họp chi bộ năm qua là gì?

Điểm mới lớn nhất là mỗi kỳ sinh hoạt chọn một chuyên đề gắn với việc của thôn, như làm \
đường, giữ vệ sinh môi trường hay tiêu thụ vải thiều. Đảng viên được giao chuẩn bị trước nên \
buổi họp ngắn gọn mà vẫn có nội dung.

Đổi mới, nội dung, họp, chi bộ, khu dân cư

Bà Nguyễn Thị Hoa.

Những khó khăn nào vẫn còn, thưa bà?

Một số chi bộ có nhiều đảng viên cao tuổi nên việc dùng điện thoại thông minh còn chậm; ở nơi \
khác bí thư kiêm nhiều việc. Huyện đang mở các lớp bồi dưỡng ngắn ngày để tháo gỡ.

Xin cảm ơn bà!

Minh Khôi (thực hiện)

Đổi mới, nội dung, họp, chi bộ, khu dân cư
\u00a0
(2) Bình luận
Xếp theo: Mới nhất Hay nhất

TIN CÙNG CHUYÊN MỤC
Lục Nam ra quân bê tông hóa đường làng
Hiệp Hòa trao thẻ bảo hiểm y tế cho hộ cận nghèo
"""

# Báo Hải Phòng's shape, scraped without its headline: the dump opens with the sapo; captions
# end in a photo credit; a source line with the day closes the article, then teasers of other
# stories (cut with an ellipsis) and a cookie banner.
HAIPHONG = """Sau hai năm thực hiện, phong trào xây dựng khu dân cư văn minh ở quận Lê Chân \
đã lan tới từng ngõ phố; nhiều khoảng đất trống trước đây đầy rác nay thành sân chơi chung \
của người dân…
Từ những việc nhỏ
Mỗi sáng chủ nhật, các tổ dân phố của phường Dư Hàng Kênh cùng dọn vệ sinh ngõ xóm, trồng \
thêm cây xanh và sơn lại tường rào. Ban đầu chỉ vài hộ tham gia, đến nay gần như nhà nào cũng \
có người ra góp sức.
Người dân phường Dư Hàng Kênh dọn vệ sinh ngõ phố vào sáng chủ nhật. Ảnh: Hoàng Yến
Lan tỏa trong cộng đồng
Từ cách làm của một phường, quận đã nhân rộng ra toàn bộ các phường còn lại, gắn với việc bình \
xét gia đình văn hóa hằng năm và biểu dương các tổ dân phố làm tốt trước toàn quận.
Báo Hải Phòng 05/09/2019
Sáng 12/10, thành phố sơ kết việc số hóa hồ sơ một cửa ở các phường…
Chiều 11/10, đoàn công tác của thành phố làm việc với huyện Thủy Nguyên về…
Trang web này sử dụng cookie để nâng cao trải nghiệm của bạn.
Đồng ý
"""

# Hànộimới's shape: section label over the headline, reporter and time on one line, an image
# file name and its caption, dash-marked interview, comment counter and a "don't miss" box.
HANOIMOI = """Giáo dục

Trường học xanh ở ngoại thành: học sinh tự tay trồng vườn rau sạch

Thu Trang 14/03/2022 - 09:20

Từ đầu năm học, nhiều trường tiểu học ở huyện Gia Lâm dành một góc sân làm vườn rau để học \
sinh tự gieo hạt, tưới nước và thu hoạch; rau được đưa vào bữa ăn bán trú của chính các em.

Nói chuyện với Hànộimới, hiệu trưởng một trường cho biết mô hình giúp học sinh gần \
gũi với thiên nhiên hơn.

truong-hoc-xanh-vuon-rau..jpg
Học sinh lớp 4 chăm sóc vườn rau của trường.

Mỗi lớp một luống rau

- Việc chăm sóc vườn được phân công ra sao?

- Mỗi lớp nhận một luống, tự chia nhau lịch tưới theo tuần. Giáo viên chỉ hướng dẫn cách \
bón phân hữu cơ và ghi chép nhật ký vườn, còn lại các em tự làm và tự rút kinh nghiệm.

- Xin cảm ơn cô!

(0) Bình luận
Đừng bỏ lỡ
Trường học xanh ở ngoại thành: học sinh tự tay trồng vườn rau sạch
Hà Nội mở thêm tuyến buýt điện nối các khu đô thị mới

Bản quyền thuộc về Báo Hànộimới.
"""

# Báo Nam Định's shape: second part of a series (link to part one, series note, this part's
# heading), caption printed twice, byline glued to the footer masthead, editorial footer.
NAMDINH = """Nông thôn mới ở Hải Hậu - Bài 2: Giữ gìn cảnh quan làng quê

07:05, 11/08/2020

Bài 1: Những con đường hoa ven đê

(Tiếp theo)

Bài 2: Giữ gìn cảnh quan làng quê

 Sau khi đạt chuẩn nông thôn mới, nhiều xã của huyện Hải Hậu chuyển sang giữ gìn và làm đẹp \
cảnh quan, coi đây là việc thường xuyên của từng xóm chứ không phải phong trào nhất thời.

Ở xã Hải Anh, mỗi xóm nhận chăm sóc một đoạn đường hoa, cắt tỉa hằng tuần và thay cây theo \
mùa. Kinh phí do người dân tự góp, xã hỗ trợ giống cây và phân bón.

Đường hoa tại xóm 5, xã Hải Anh.
Đường hoa tại xóm 5, xã Hải Anh.

Nhờ cách làm bền bỉ ấy, cảnh quan làng quê ngày càng sạch đẹp, người dân thêm gắn bó với \
quê hương và tự hào khi đón khách về thăm./.

Bài và ảnh: Quốc HưngBÁO NAM ĐỊNH ĐIỆN TỬ

Tổng biên tập: Vũ Văn Nam

Tòa soạn: Số 1 đường Hùng Vương, TP Nam Định

Điện thoại: 0228 000 000; Email: toasoan@example.vn
"""

# Báo Lạng Sơn's shape: no paper marker, no dateline, no byline; the opening photo's caption
# sits under the headline, before the first subheading.
LANGSON = """Lạng Sơn mở rộng vùng trồng hồi theo hướng hữu cơ
Nông dân xã Hữu Kiên thu hái hồi vụ mùa.
Quy hoạch vùng nguyên liệu

Các huyện Văn Quan, Bình Gia và Chi Lăng rà soát lại diện tích hồi, chọn những đồi có cây cho \
quả ổn định để chuyển sang canh tác hữu cơ, không dùng phân bón và thuốc trừ cỏ hóa học.

Liên kết tiêu thụ

Hợp tác xã đứng ra ký hợp đồng với doanh nghiệp chế biến tinh dầu, bảo đảm giá thu mua ổn định \
cho nông dân trong ít nhất ba vụ liên tiếp.

Phản hồi

Các tin khác

Mới nhất
"""


def lines_of(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


def test_interview_dump_keeps_questions_and_answers_and_drops_photo_chrome() -> None:
    article = extract_text_dump(BACGIANG)

    assert article.title == "Đổi mới nội dung họp chi bộ ở khu dân cư"
    assert article.lead is not None and article.lead.startswith("Sau một năm đổi mới")
    assert article.published == datetime.fromisoformat("2021-02-03T08:15:00+07:00")
    assert article.published.utcoffset().total_seconds() == 7 * 3600
    assert article.authors == ["Minh Khôi"]
    body = lines_of(article.text)
    assert body[0].startswith("Báo Bắc Giang đã trò chuyện")
    assert "Xin bà cho biết điểm mới ở các buổi họp chi bộ năm qua là gì?" in body
    assert "Những khó khăn nào vẫn còn, thưa bà?" in body
    assert body[-1] == "Xin cảm ơn bà!"
    for chrome in (
        "Đổi mới, nội dung",  # keyword line under the photos
        "thảo luận tại buổi sinh hoạt định kỳ",  # caption
        "Bà Nguyễn Thị Hoa.",  # caption
        "Minh Khôi",
        "Bình luận",
        "Mới nhất",
        "TIN CÙNG CHUYÊN MỤC",
        "Lục Nam ra quân",  # teaser under the related list
        "(BGĐT)",
        "Cập nhật",
    ):
        assert chrome not in article.text, chrome
    assert article.extractor_version.endswith("+text.1")
    # The captions are not text, but they are kept (the dump names no photo file).
    assert article.images == [
        Image(None, "Đảng viên chi bộ thôn Đồng Cốc thảo luận tại buổi sinh hoạt định kỳ."),
        Image(None, "Bà Nguyễn Thị Hoa."),
    ]
    assert article.series_part is None


def test_headless_dump_keeps_the_sapo_as_lead_and_reads_the_source_line() -> None:
    article = extract_text_dump(HAIPHONG)

    # No headline was scraped: the importer says so instead of promoting the sapo.
    assert article.title == ""
    assert article.lead is not None and article.lead.startswith("Sau hai năm thực hiện")
    assert article.published == date(2019, 9, 5)
    # A photographer credited in a caption is not the article's author; the caption is kept.
    assert article.authors == []
    assert article.images == [Image(None, lines_of(HAIPHONG)[3])]
    assert lines_of(article.text) == [
        "Từ những việc nhỏ",
        lines_of(HAIPHONG)[2],
        "Lan tỏa trong cộng đồng",
        lines_of(HAIPHONG)[5],
    ]
    assert article.canonical_url.startswith("text-import://haiphong/")


def test_section_label_and_reporter_dateline_become_fields() -> None:
    article = extract_text_dump(HANOIMOI)

    assert article.section == "Giáo dục"
    assert article.title == "Trường học xanh ở ngoại thành: học sinh tự tay trồng vườn rau sạch"
    assert article.published == datetime.fromisoformat("2022-03-14T09:20:00+07:00")
    assert article.authors == ["Thu Trang"]
    assert article.lead is not None and article.lead.startswith("Từ đầu năm học")
    body = lines_of(article.text)
    assert body == [
        "Nói chuyện với Hànộimới, hiệu trưởng một trường cho biết mô hình giúp học sinh"
        " gần gũi với thiên nhiên hơn.",
        "Mỗi lớp một luống rau",
        "- Việc chăm sóc vườn được phân công ra sao?",
        body[3],
        "- Xin cảm ơn cô!",
    ]
    assert body[3].startswith("- Mỗi lớp nhận một luống")
    assert "buýt điện" not in article.text
    assert article.images == [
        Image("truong-hoc-xanh-vuon-rau..jpg", "Học sinh lớp 4 chăm sóc vườn rau của trường.")
    ]
    assert "Bản quyền" not in article.text


def test_series_links_doubled_caption_and_glued_masthead_are_not_text_but_fields() -> None:
    article = extract_text_dump(NAMDINH)

    assert article.title == "Nông thôn mới ở Hải Hậu - Bài 2: Giữ gìn cảnh quan làng quê"
    assert article.published == datetime.fromisoformat("2020-08-11T07:05:00+07:00")
    assert article.authors == ["Quốc Hưng"]
    assert article.lead is not None and article.lead.startswith("Sau khi đạt chuẩn")
    body = lines_of(article.text)
    assert len(body) == 2
    assert body[0].startswith("Ở xã Hải Anh")
    assert body[1].endswith("khi đón khách về thăm./.")
    for chrome in ("Bài 1", "Bài 2", "(Tiếp theo)", "Đường hoa tại xóm 5", "ĐIỆN TỬ", "Tòa soạn"):
        assert chrome not in article.text, chrome
    # This article's part (named by the headline) and the series note, as printed; the link to
    # part one is not this article's marker. The doubled caption is kept once.
    assert article.series_part == "Bài 2 (Tiếp theo)"
    assert article.images == [Image(None, "Đường hoa tại xóm 5, xã Hải Anh.")]


def test_series_marker_from_a_part_link_and_a_closing_note() -> None:
    dump = (
        "Giữ nghề gốm cổ bên sông\n"
        "Kỳ I: Những lò gốm cuối cùng\n"
        "Kỳ II: Giữ nghề gốm cổ bên sông\n"
        "Làng gốm ven sông chỉ còn bảy lò đỏ lửa, phần lớn do những người thợ đã ngoài sáu mươi"
        " tuổi giữ lại, khi lớp trẻ lần lượt rời làng lên thành phố tìm việc làm khác.\n"
        "Hợp tác xã đang mở lớp truyền nghề miễn phí vào các buổi tối, mỗi khóa mười học viên,"
        " và tìm đầu ra cho sản phẩm qua các cửa hàng quà lưu niệm trong tỉnh.\n"
        "Người thợ cả của làng cho biết, chỉ cần mỗi năm có thêm vài người theo nghề đến nơi đến"
        " chốn thì tiếng bàn xoay ở bến sông này sẽ còn vang lên thêm nhiều năm nữa.\n"
        "(Tiếp theo và hết)\n"
    )
    article = extract_text_dump(dump, get_site("namdinh"))
    assert article.series_part == "Kỳ II (Tiếp theo và hết)"
    assert "Kỳ" not in article.text and "Tiếp theo" not in article.text


def test_caption_under_the_headline_is_not_the_sapo() -> None:
    article = extract_text_dump(LANGSON)

    assert article.title == "Lạng Sơn mở rộng vùng trồng hồi theo hướng hữu cơ"
    assert article.lead is None
    assert article.published is None
    assert article.authors == []
    assert article.images == [Image(None, "Nông dân xã Hữu Kiên thu hái hồi vụ mùa.")]
    assert lines_of(article.text) == [
        "Quy hoạch vùng nguyên liệu",
        lines_of(LANGSON)[3],
        "Liên kết tiêu thụ",
        lines_of(LANGSON)[5],
    ]


@pytest.mark.parametrize(
    ("dump", "site"),
    [
        (BACGIANG, "bacgiang"),  # sapo prefix and the paper's name
        (HAIPHONG, "haiphong"),  # source line
        (HANOIMOI, "hanoimoi"),  # named in the text and the copyright line
        (NAMDINH, "namdinh"),  # footer masthead in capitals
        (LANGSON, "langson"),  # no marker: the province the headline names
    ],
)
def test_detect_site_from_markers_in_the_text(dump: str, site: str) -> None:
    assert detect_site(dump) == site


def test_detect_site_gives_up_on_a_tie() -> None:
    tied = "Hợp tác giữa Lạng Sơn và Nam Định\nHai tỉnh ký kết chương trình hợp tác du lịch.\n"
    assert detect_site(tied) is None
    assert detect_site("Một dòng chữ không nói gì về tờ báo nào.") is None


def test_two_profiles_of_one_paper_do_not_hide_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    from baotinh import papers as sites

    variant = replace(get_site("bacgiang"), key="bacgiang_redesign")
    monkeypatch.setitem(sites.SITES, variant.key, variant)
    assert detect_site(BACGIANG) == "bacgiang"


def test_closing_name_is_an_author_and_theo_is_a_source() -> None:
    story = (
        "Thôn Đông nạo vét kênh mương\n"
        "Người dân trong thôn đã góp hơn ba trăm ngày công để nạo vét kênh mương trước mùa mưa,"
        " bảo đảm nước tưới cho toàn bộ diện tích lúa vụ mùa của xã trong năm nay.\n"
        "Xã hỗ trợ máy xúc và nhiên liệu, còn các hộ góp công theo số khẩu; công trình xong"
        " trước kế hoạch hai tuần và được nghiệm thu ngay trong tháng.\n"
    )
    named = extract_text_dump(story + "Lan Hương\n")
    assert named.authors == ["Lan Hương"]
    assert "Lan Hương" not in named.text
    assert named.text.endswith("ngay trong tháng.")

    sourced = extract_text_dump(story + "Theo TTXVN\n")
    assert sourced.authors == []
    assert "TTXVN" not in sourced.text


def test_inline_related_box_is_skipped_and_comments_end_the_article() -> None:
    dump = (
        "Xã miền núi có điểm bưu điện văn hóa mới\n"
        "Ngọc Mai 02/06/2020 - 10:05\n"
        "Điểm bưu điện văn hóa xã vừa được sửa sang, có thêm tủ sách, máy tính nối mạng và góc"
        " đọc cho thiếu nhi, trở thành nơi sinh hoạt chung của bà con các thôn vùng cao.\n"
        "Tin liên quan\n"
        "Khai trương tủ sách cộng đồng ở bản Phìn Hồ\n"
        "Mai Anh 01/06/2020 - 09:00\n"
        "Mỗi tuần, cán bộ bưu điện mở cửa thêm vào buổi tối để học sinh nội trú tới đọc sách,"
        " người lớn tra cứu giá nông sản và làm thủ tục hành chính trực tuyến với sự hướng dẫn.\n"
        "Thư viện số\n"
        "Ảnh: Tuấn Minh\n"
        "Sắp tới, xã sẽ đề nghị huyện bổ sung thêm đầu sách về kỹ thuật chăn nuôi và trồng dược"
        " liệu, những chủ đề mà bà con hỏi nhiều nhất trong mấy tháng qua.\n"
        "(3) Bình luận\n"
        "Độc giả Lê Văn Bình 03/06/2020 - 07:00\n"
        "Mong các xã khác cũng có mô hình như vậy để con em chúng tôi có chỗ đọc sách vào buổi"
        " tối, nhất là trong những tháng nghỉ hè dài ngày ở vùng cao xa trung tâm.\n"
    )
    article = extract_text_dump(dump)

    assert article.authors == ["Ngọc Mai"]
    assert article.published == datetime.fromisoformat("2020-06-02T10:05:00+07:00")
    body = lines_of(article.text)
    assert [line[:12] for line in body] == ["Mỗi tuần, cá", "Thư viện số", "Sắp tới, xã "]
    for chrome in ("Phìn Hồ", "Mai Anh", "Tuấn Minh", "Bình luận", "Lê Văn Bình", "Mong các xã"):
        assert chrome not in article.text, chrome


def test_empty_or_chrome_only_dumps_are_clear_errors() -> None:
    with pytest.raises(ExtractionError) as raised:
        extract_text_dump(" \n\u00a0\n")
    assert raised.value.kind == "empty_body"
    with pytest.raises(ExtractionError) as raised:
        extract_text_dump("Tiêu đề\n(0) Bình luận\nĐừng bỏ lỡ\nMới nhất\n")
    assert raised.value.kind == "empty_body"


def test_the_address_of_a_dump_is_stable_across_typography() -> None:
    decomposed = unicodedata.normalize("NFD", HAIPHONG).replace(" ", "  ")
    assert text_import_url("haiphong", HAIPHONG) == text_import_url("haiphong", decomposed)
    assert extract_text_dump(decomposed).canonical_url == extract_text_dump(HAIPHONG).canonical_url
    assert text_import_url("haiphong", HAIPHONG) != text_import_url("haiphong", BACGIANG)


def test_a_given_profile_wins_over_detection() -> None:
    article = extract_text_dump(LANGSON, get_site("namdinh"))
    assert article.canonical_url.startswith("text-import://namdinh/")


def test_text_dumps_decode_from_utf8_or_windows_1258() -> None:
    from baotinh.extraction.dumps import decode_text_dump
    from baotinh.samplesite.cp1258 import encode_cp1258

    assert decode_text_dump(LANGSON.encode("utf-8-sig")) == LANGSON
    assert decode_text_dump(encode_cp1258(LANGSON)) == LANGSON
    nfd = unicodedata.normalize("NFD", LANGSON).encode()
    assert decode_text_dump(nfd) == LANGSON


def test_looks_like_html() -> None:
    assert looks_like_html(b"<!DOCTYPE html><html><body><p>x</p></body></html>")
    assert looks_like_html(b"\n  <div class='a'>x</div>")
    assert not looks_like_html(BACGIANG.encode())


@pytest.mark.parametrize(
    ("line", "chrome"),
    [
        ("Nông dân thu hoạch lúa trên cánh đồng mẫu lớn. Ảnh: Minh Đức", True),
        ("Quang cảnh buổi lễ. (Ảnh: Thanh Hà)", True),
        ("(Tiếp theo và hết)", True),
        ("(Còn nữa)", True),
        ("BÁO TỈNH NHÀ ĐIỆN TỬ", True),
        ("Báo cáo tình hình sản xuất vụ đông", False),
        ("Ảnh: Tuấn Minh", True),
        ("(Ảnh: TTXVN)", True),
        ("Đoàn viên ghi lại nhiều hình ảnh: trẻ em vui chơi, cụ già tập dưỡng sinh.", False),
    ],
)
def test_cleaning_rules_for_captions_series_notes_and_mastheads(line: str, chrome: bool) -> None:
    assert (clean_body_lines([line]) == []) is chrome


# --- the command --------------------------------------------------------------------------------


def baotinh(
    *args: str, database_url: str | None = None, check: bool = True
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ}
    if database_url:
        env["BAOTINH_DATABASE_URL"] = database_url
    return subprocess.run(
        [sys.executable, "-m", "baotinh.cli", *args],
        capture_output=True,
        text=True,
        check=check,
        env=env,
    )


def test_extract_command_reads_a_text_dump_with_the_same_keys(tmp_path: Path) -> None:
    dump = tmp_path / "trang.txt"
    dump.write_text(HANOIMOI, encoding="utf-8")
    unnamed = tmp_path / "trang.dump"  # no .txt suffix: recognised as not being markup
    unnamed.write_text(HANOIMOI, encoding="utf-8")

    html_keys = set(
        article_to_json(ExtractedArticle(url="u", canonical_url="u", title="", text=""))
    )
    for path in (dump, unnamed):
        result = json.loads(baotinh("extract", str(path)).stdout)
        assert set(result) == html_keys
        assert result["published"] == "2022-03-14T09:20:00+07:00"
        assert result["authors"] == ["Thu Trang"]
        assert result["section"] == "Giáo dục"
        assert result["url"].startswith("text-import://hanoimoi/")


def count_articles(database_url: str) -> dict[str, int]:
    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            rows = session.execute(
                select(Site.key, func.count(Article.id))
                .join(Article, Article.site_id == Site.id)
                .group_by(Site.key)
            ).all()
        return dict(rows)
    finally:
        engine.dispose()


def test_import_text_stores_each_dump_once(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    paths = []
    for name, dump in (("a.txt", BACGIANG), ("b.txt", HAIPHONG), ("c.txt", NAMDINH)):
        paths.append(tmp_path / name)
        paths[-1].write_text(dump, encoding="utf-8")

    first = baotinh("import-text", *map(str, paths), database_url=database_url).stdout
    assert "3 file(s): 3 new" in first
    assert "bacgiang" in first and "Minh Khôi" in first and "2021-02-03 08:15" in first
    assert "(no title)" in first and "2019-09-05" in first
    assert count_articles(database_url) == {"bacgiang": 1, "haiphong": 1, "namdinh": 1}

    # Again, and once more as a re-encoded copy: nothing new.
    copy = tmp_path / "a-copy.txt"
    copy.write_text(unicodedata.normalize("NFD", BACGIANG), encoding="utf-8")
    second = baotinh("import-text", *map(str, paths), str(copy), database_url=database_url)
    assert "4 file(s): 4 unchanged" in second.stdout
    assert count_articles(database_url) == {"bacgiang": 1, "haiphong": 1, "namdinh": 1}

    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            stored = session.scalars(select(Article).order_by(Article.id)).all()
            assert [article.authors for article in stored] == [["Minh Khôi"], [], ["Quốc Hưng"]]
            assert stored[0].published_at == datetime.fromisoformat("2021-02-03T08:15:00+07:00")
            assert stored[1].published_date_only is True
            assert all(article.canonical_url.startswith("text-import://") for article in stored)
            assert "TIN CÙNG CHUYÊN MỤC" not in stored[0].text
            # No headline in the dump: NULL, not "".
            assert stored[1].title is None
            assert stored[2].series_part == "Bài 2 (Tiếp theo)"
            assert stored[2].images == [
                {"url": None, "caption": "Đường hoa tại xóm 5, xã Hải Anh."}
            ]
            # Each dump is kept as it was read, as a raw page of its article; the re-encoded copy
            # is a second page of the same article.
            pages = session.scalars(select(RawPage).order_by(RawPage.id)).all()
            assert [page.kind for page in pages] == ["text"] * 4
            assert [page.article_id for page in pages] == [
                stored[0].id,
                stored[1].id,
                stored[2].id,
                stored[0].id,
            ]
            assert load_raw_page_body(pages[0]) == paths[0].read_bytes()
            assert pages[1].url == pages[1].final_url == stored[1].canonical_url
    finally:
        engine.dispose()

    from baotinh.cli import main

    monkeypatch.setenv("BAOTINH_DATABASE_URL", database_url)
    assert main(["articles"]) == 0
    assert "(no title)" in capsys.readouterr().out


def test_import_text_reports_an_unrecognised_paper_and_stores_the_rest(
    database_url: str, tmp_path: Path
) -> None:
    paragraph = (
        "Ngày hội đọc sách thu hút hàng nghìn học sinh tới thư viện tỉnh, nhiều em lần đầu được"
        " gặp gỡ tác giả và nghe kể về quá trình viết một cuốn truyện thiếu nhi."
    )
    anonymous = tmp_path / "la.txt"
    closing = "Thư viện sẽ tổ chức ngày hội mỗi quý, luân phiên tại các huyện miền núi của tỉnh."
    anonymous.write_text(f"Ngày hội đọc sách\n{paragraph}\n{closing}\n", encoding="utf-8")
    known = tmp_path / "ls.txt"
    known.write_text(LANGSON, encoding="utf-8")

    failed = baotinh(
        "import-text", str(anonymous), str(known), database_url=database_url, check=False
    )
    assert failed.returncode == 1
    assert "paper not recognised: pass --site" in failed.stdout
    assert count_articles(database_url) == {"langson": 1}

    forced = baotinh("import-text", "--site", "namdinh", str(anonymous), database_url=database_url)
    assert "new" in forced.stdout and "namdinh" in forced.stdout
    assert count_articles(database_url) == {"langson": 1, "namdinh": 1}

    unknown = baotinh("import-text", "--site", "nope", str(anonymous), check=False)
    assert unknown.returncode != 0 and "unknown site 'nope'" in unknown.stderr


ORIGINAL = "https://baonamdinh.vn/xa-hoi/202008/nong-thon-moi-hai-hau-bai-2-123456/?utm_source=zalo"


def test_import_text_with_url_keeps_the_dump_and_reprocess_extracts_it_again(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from baotinh.cli import main
    from baotinh.core.urls import canonicalize
    from baotinh.jobs.reprocess import reprocess_site

    dump = tmp_path / "nd.txt"
    dump.write_bytes(NAMDINH.encode("utf-8-sig"))
    monkeypatch.setenv("BAOTINH_DATABASE_URL", database_url)
    assert main(["import-text", "--url", ORIGINAL, str(dump)]) == 0
    assert "1 file(s): 1 new" in capsys.readouterr().out

    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            article = session.scalars(select(Article)).one()
            page = session.scalars(select(RawPage)).one()
            assert article.url == ORIGINAL
            assert article.canonical_url == canonicalize(ORIGINAL)
            assert "utm_source" not in article.canonical_url
            assert (page.kind, page.url, page.final_url) == ("text", ORIGINAL, ORIGINAL)
            assert load_raw_page_body(page) == dump.read_bytes()
            assert page.article_id == article.id
            # Pretend an older extractor made it, and made it worse.
            article.extractor_version = "0.9.0+text.0"
            article.series_part = None
            article.images = []

        counts = reprocess_site(engine, "namdinh")
        assert (counts.pages, counts.updated, counts.new) == (1, 1, 0)
        with session_scope(engine) as session:
            article = session.scalars(select(Article)).one()
            assert article.extractor_version.endswith("+text.1")
            assert article.series_part == "Bài 2 (Tiếp theo)"
            assert article.images == [{"url": None, "caption": "Đường hoa tại xóm 5, xã Hải Anh."}]
            assert article.url == ORIGINAL
            # A text page has no place in the crawl frontier, before or after.
            assert session.scalars(select(CrawlFrontier)).all() == []
        # Up to date: nothing to do.
        assert reprocess_site(engine, "namdinh").pages == 0
    finally:
        engine.dispose()


def test_import_text_url_names_a_single_dump(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from baotinh.cli import main

    paths = [tmp_path / "a.txt", tmp_path / "b.txt"]
    for path in paths:
        path.write_text(LANGSON, encoding="utf-8")
    assert main(["import-text", "--url", ORIGINAL, *map(str, paths)]) == 2
    refused = capsys.readouterr().err
    assert refused.count("\n") == 1 and "single PATH" in refused
