"""Politeness comes from settings and each site's profile, not from hope."""

from __future__ import annotations

import pytest
from scrapy.crawler import Crawler
from scrapy.utils.project import get_project_settings

from baotinh.papers import SITES
from crawlers.spiders import news


@pytest.fixture
def project_settings(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SCRAPY_SETTINGS_MODULE", "crawlers.settings")
    return get_project_settings()


@pytest.mark.parametrize("key", list(SITES))
def test_each_spider_takes_delay_and_concurrency_from_its_profile(key, project_settings) -> None:
    spider_class = getattr(news, "".join(p.title() for p in key.split("_")) + "Spider")
    crawler = Crawler(spider_class, project_settings)
    profile = SITES[key]
    assert crawler.settings.getfloat("DOWNLOAD_DELAY") == profile.download_delay
    assert crawler.settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == profile.concurrent_requests


def test_robots_autothrottle_and_an_honest_user_agent(project_settings) -> None:
    assert project_settings.getbool("ROBOTSTXT_OBEY")
    assert project_settings.getbool("AUTOTHROTTLE_ENABLED")
    user_agent = project_settings.get("USER_AGENT")
    assert user_agent.startswith("baotinh/") and "+http" in user_agent


def test_contact_url_in_the_user_agent_comes_from_settings(monkeypatch) -> None:
    import importlib

    import crawlers.settings

    monkeypatch.setenv("BAOTINH_CONTACT_URL", "https://example.org/lien-he")
    try:
        reloaded = importlib.reload(crawlers.settings)
        assert "+https://example.org/lien-he" in reloaded.USER_AGENT
    finally:
        monkeypatch.delenv("BAOTINH_CONTACT_URL")
        importlib.reload(crawlers.settings)
