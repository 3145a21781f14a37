"""Scrapy settings for every baotinh spider. Per-site politeness comes from the site profile."""

import os

BOT_NAME = "baotinh"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

CONTACT_URL = os.environ.get("BAOTINH_CONTACT_URL", "https://github.com/baotinh/baotinh")
USER_AGENT = f"baotinh/0.1 (+{CONTACT_URL}; news archive of the Vietnamese provincial press)"

ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_DELAY = 1.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
# Items of one response processed side by side (Scrapy's default: 100). Our pipelines write to
# the store in turn and a page yields a few items, yet Scrapy starts that many asyncio tasks for
# every response: 8 cut the crawl's CPU by about 15% on 40 small papers (4.6-5.3 s against
# 5.6-5.9 s, nights alternated).
CONCURRENT_ITEMS = 8

DOWNLOAD_TIMEOUT = 30
# A news page is well under this; anything larger is refused and recorded, never stored.
DOWNLOAD_MAXSIZE = 10 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
REDIRECT_MAX_TIMES = 5

# No listening ports from a crawler that runs unattended.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
# Scrapy parses the source of every callback (inspect + ast) for each new spider class, to warn
# about generators that return a value: 16 ms per paper of a many-paper crawl, for a mistake our
# callbacks' tests would show. Off.
WARN_ON_GENERATOR_RETURN_VALUE = False
LOG_LEVEL = os.environ.get("BAOTINH_SCRAPY_LOG_LEVEL", "INFO")
FEED_EXPORT_ENCODING = "utf-8"

# A development cache: set BAOTINH_HTTPCACHE=1 to replay pages while working on a spider.
HTTPCACHE_ENABLED = os.environ.get("BAOTINH_HTTPCACHE") == "1"
HTTPCACHE_DIR = "httpcache"
HTTPCACHE_EXPIRATION_SECS = 24 * 3600

# Local mirrors (the sample sites) stand in for chosen domains: see crawlers.mirror.
BAOTINH_MIRRORS = os.environ.get("BAOTINH_MIRRORS", "")
DOWNLOAD_HANDLERS = {
    "http": "crawlers.mirror.LocalMirrorDownloadHandler",
    "https": "crawlers.mirror.LocalMirrorDownloadHandler",
}

DOWNLOADER_MIDDLEWARES = {
    # Runs after HttpCompressionMiddleware (590) has handled declared encodings.
    "crawlers.middlewares.StrayGzipMiddleware": 580,
    # Sees 3xx answers before RedirectMiddleware (600) acts on them.
    "crawlers.middlewares.RedirectGuardMiddleware": 650,
}

# One concern each; the order in which every item passes through them is this one.
ITEM_PIPELINES = {
    "crawlers.pipelines.StoreFrontierPipeline": 290,
    "crawlers.pipelines.StoreRawPagePipeline": 300,
    "crawlers.pipelines.StoreCrawlErrorPipeline": 310,
}

# How long writes wait out an unreachable store before the crawl gives up (crawlers.storage).
BAOTINH_STORE_WAIT_S = float(os.environ.get("BAOTINH_STORE_WAIT_S", "300"))

EXTENSIONS = {
    "crawlers.extensions.StatsFileExtension": 500,
}
