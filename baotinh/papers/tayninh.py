"""Báo Tây Ninh, the paper of the Tây Ninh provincial Party committee.

On 1 July 2025 Long An and Tây Ninh were merged into a province named Tây Ninh: Báo Long An
(baolongan.vn, since April 2025 the joint Long An paper-and-broadcaster) printed its last issue
on 30 June and Báo Tây Ninh its first issue for the new province on 1 July, online at
baotayninh.vn. Both sites put articles at /<slug>-a<id>.html.
"""

from baotinh.papers.profile import Evidence, SiteProfile

_CRAWLER = "github:tammuoichanhoa/crawl_lastest_news"

PROFILE = SiteProfile(
    key="tayninh",
    name="Báo Tây Ninh",
    domain="baotayninh.vn",
    former_domains=("baolongan.vn",),
    provinces_before=("Tây Ninh", "Long An"),
    province_after="Tây Ninh",
    generic=True,
    article_path=r"/(?:[a-z0-9-]+/)*[a-z0-9-]+-a\d+\.html",
    evidence=(
        Evidence(
            "domain",
            f"{_CRAWLER}/config/sites/baotayninh.py@75f233f",
            "a news crawler's site config (January 2026) crawls https://www.baotayninh.vn",
        ),
        Evidence(
            "domain",
            "github:hailoc12/docbao/resources/configs/newspaper/bao_tay_ninh_dien_tu_full_content.yaml@41b0b0b",
            "'Báo Tây Ninh điện tử' at http://baotayninh.vn (config of 2019-2020)",
        ),
        Evidence(
            "name",
            "docs:https://thongtin.vietnam.vn/th/ban-in-bao-tay-ninh-ra-so-dau-tien-ngay-hop-nhat-tinh-moi-tuan-phat-hanh-5-ky",
            "1 July 2025: the printed Báo Tây Ninh publishes its first issue for the merged"
            " province; Báo Long An's last issue was on 30 June. The organ's own name after the"
            " merger (perhaps 'Báo và Phát thanh, Truyền hình Tây Ninh') was not found",
        ),
        Evidence(
            "former_domains",
            "docs:https://baolongan.vn/moi-ban-doc-don-doc-an-pham-long-an-cuoi-thang-9-2022-a142177.html",
            "a Báo Long An page on baolongan.vn, URL shape /<slug>-a<id>.html",
        ),
        Evidence("feeds", "unverified", "no public source shows a feed path; none set"),
        Evidence("sitemaps", "unverified", "no public source shows a sitemap path; none set"),
        Evidence(
            "article_path",
            f"{_CRAWLER}/config/sites/baotayninh.py@75f233f",
            "article URLs end in .html with a slug ending -a<id>.html (regex -a\\d+\\.html$)",
        ),
        Evidence(
            "article_path",
            "docs:https://baotayninh.vn/khat-vong-ve-hai-thanh-pho-tuong-lai-a169010.html",
            "a February 2024 article at the site root: /<slug>-a169010.html",
        ),
        Evidence(
            "selectors.body",
            "unverified",
            "the crawler's config names no body container; a 2019 config used"
            " .content-fck.slider-jsgallery (the generic selectors cover div#newscontents)",
        ),
    ),
)
