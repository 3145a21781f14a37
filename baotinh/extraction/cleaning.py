"""Line-level cleaning of what trafilatura leaves in a body.

Each rule names one kind of page chrome seen on Vietnamese news pages (see DESIGN.md); a site
profile adds its own lines. Cleaning only ever removes whole lines, never rewrites text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A dateline in brackets before the lead, "(Báo X) - ...", "(LS) – ...": any paper's.
GENERIC_LEAD_PREFIX = re.compile(r"^\((?:[^()]{2,20})\)\s*[-–—]\s*")

# Photo captions that end in a photo credit ("… ceremony. Ảnh: Name"): a naive scrape prints
# the caption as a paragraph; the credit after a full stop is what tells it from prose. Chrome in
# the text; the text importer keeps them as captions.
CREDITED_CAPTION = r".{1,250}[.!?…]\s*(?:[-–]\s*)?\(?ảnh\s*:\s*[^.,;:!?()]{2,40}\)?"
# Series notes printed above or below one part of a multi-part report; chrome in the text, the
# text importer keeps them in `series_part`.
SERIES_NOTE = r"\((?:tiếp theo(?: và hết| kỳ trước| số trước)?|còn nữa|hết)\)"

_CHROME_LINES = [
    # comment widgets
    r"bình luận mới vừa được thêm vào.*",
    r"xếp theo\s*:?\s*mới nhất\s*hay nhất",
    r"\(\d+\)\s*bình luận",
    r"(?:gửi )?bình luận",
    r"phản hồi",
    r"ý kiến bạn đọc",
    # related and most-read lists
    r"tin cùng chuyên mục",
    r"đừng bỏ lỡ",
    r"các tin khác",
    r"tin liên quan",
    r"mới nhất",
    r"xem nhiều nhất",
    r"đọc nhiều nhất",
    r"tin mới",
    # cookie banners and site chrome
    r"this website uses cookies.*",
    r"trang web này sử dụng cookie.*",
    r"read more",
    r"đồng ý",
    r"\(\*\)\s*không sao chép dưới mọi hình thức.*",
    r"tổng biên tập\s*:.*",
    r"phó tổng biên tập\s*:.*",
    r"tòa soạn\s*:.*",
    r"toà soạn\s*:.*",
    r"điện thoại\s*:.*",
    r"email\s*:.*",
    r"cơ quan chủ quản\s*:.*",
    r"giấy phép.*số.*",
    r"chia sẻ",
    r"in bài viết",
    # artefacts
    r"\S+\.(?:jpe?g|png|gif|webp)",
    CREDITED_CAPTION,
    SERIES_NOTE,
    # the paper's masthead repeated in the footer ("BÁO … ĐIỆN TỬ")
    r"báo [^.,:;!?()]{2,30} điện tử",
    # a photo credit standing on its own line under an image ("Ảnh: Name", "(Ảnh: TTXVN)")
    r"\(?ảnh\s*:\s*[^.,;:!?()]{2,40}\)?",
]


def compile_rules(extra_lines: Iterable[str] = ()) -> re.Pattern[str]:
    patterns = [*_CHROME_LINES, *extra_lines]
    return re.compile(r"^(?:" + "|".join(patterns) + r")[.:]?$", re.IGNORECASE)


DEFAULT_RULES = compile_rules()


def clean_body_lines(
    lines: Iterable[str],
    rules: re.Pattern[str] = DEFAULT_RULES,
    drop_exact: Iterable[str] = (),
) -> list[str]:
    """Drop chrome lines, the lead or title when repeated in the body, and doubled captions."""
    unwanted = {" ".join(line.split()).casefold() for line in drop_exact if line}
    kept: list[str] = []
    for raw in lines:
        line = " ".join(raw.split())
        if not line or rules.match(line) or line.casefold() in unwanted:
            continue
        if kept and kept[-1] == line:
            continue
        kept.append(line)
    return kept
