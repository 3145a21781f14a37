"""Báo Quảng Ngãi, the paper of the Quảng Ngãi provincial Party committee.

In May 2025 the provincial broadcaster was merged into Báo Quảng Ngãi, which kept its name; on
1 July 2025 Kon Tum was merged into Quảng Ngãi and Báo Kon Tum (baokontum.com.vn) took the name
Báo Quảng Ngãi. The paper publishes at baoquangngai.vn; articles end in -<id>.htm.
"""

from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_CRAWLER = "github:tammuoichanhoa/crawl_lastest_news"

PROFILE = SiteProfile(
    key="quangngai",
    name="Báo Quảng Ngãi",
    domain="baoquangngai.vn",
    former_domains=("baokontum.com.vn",),
    provinces_before=("Quảng Ngãi", "Kon Tum"),
    province_after="Quảng Ngãi",
    generic=True,
    # A slug ending in -<id>.htm; Báo Kon Tum's archive has the same with .html. Section pages
    # carry no id.
    article_path=r"/(?:[a-z0-9-]+/)*[a-z0-9-]+-\d+\.html?",
    selectors=Selectors(body="#content", lead="p.sapo, #body .sapo", drop=(".same",)),
    evidence=(
        Evidence(
            "domain",
            f"{_CRAWLER}/config/sites/baoquangngai.py@75f233f",
            "a news crawler's site config (January 2026) crawls https://baoquangngai.vn",
        ),
        Evidence(
            "domain",
            "github:hailoc12/docbao/resources/configs/newspaper/bao_dien_tu_quang_ngai_full_content.yaml@41b0b0b",
            "'Báo điện tử Quảng Ngãi' at http://baoquangngai.vn (config of 2019-2020)",
        ),
        Evidence(
            "name",
            "docs:https://www.baokontum.com.vn/xa-hoi/mot-hanh-trinh-khep-lai-de-mo-ra-chang-duong-moi-48330.html",
            "30 June 2025: from 1 July Báo Kon Tum takes the name Báo Quảng Ngãi in print and"
            " online. Later than, and contradicting, the general rule of 27 June 2025 ('Báo và"
            " Phát thanh, Truyền hình <place>'): the unit's own, later word is kept",
        ),
        Evidence(
            "name",
            "docs:https://baomoi.net.vn/sap-nhap-bao-quang-ngai-voi-dai-phat-thanh-va-truyen-hinh-quang-ngai-c52294837.epi",
            "May 2025: the broadcaster was merged into Báo Quảng Ngãi, which kept its name",
        ),
        Evidence(
            "former_domains",
            "github:hailoc12/docbao/resources/configs/newspaper/baokontum_com_vn.yaml@41b0b0b",
            "'Báo Kon Tum' crawled at http://baokontum.com.vn (config of 2019-2020)",
        ),
        Evidence(
            "former_domains",
            "docs:https://www.baokontum.com.vn/xa-hoi/mot-hanh-trinh-khep-lai-de-mo-ra-chang-duong-moi-48330.html",
            "Báo Kon Tum's farewell article of 30 June 2025 on www.baokontum.com.vn, URL shape"
            " /<section>/<slug>-<id>.html",
        ),
        Evidence("feeds", "unverified", "no public source shows a feed path; none set"),
        Evidence("sitemaps", "unverified", "no public source shows a sitemap path; none set"),
        Evidence(
            "article_path",
            f"{_CRAWLER}/config/sites/baoquangngai.py@75f233f",
            "article URLs end in .htm with a slug ending -<id>.htm (regex -\\d+\\.htm$)",
        ),
        Evidence(
            "selectors.body",
            f"{_CRAWLER}/crawler/site_configs/baoquangngai.vn.yml@75f233f",
            "main container '#content', with the related block '.same' excluded",
        ),
        Evidence(
            "selectors.lead",
            f"{_CRAWLER}/config/sites/baoquangngai.py@75f233f",
            "sapo in 'p.sapo' or '#body .sapo'",
        ),
    ),
)
