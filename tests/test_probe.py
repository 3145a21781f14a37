"""`baotinh probe` against sample sites served over HTTP on 127.0.0.1, as it asks a real one."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from baotinh.cli import main
from baotinh.jobs.probe import probe, profile_for
from baotinh.papers import SITES, get_site
from baotinh.samplesite import load_site
from tests.support.crawling import serving


@pytest.fixture(scope="module")
def sites():
    with serving(load_site("langson"), load_site("laocai")) as server:
        yield server


def test_a_profile_that_matches_its_site_agrees_on_every_check(sites) -> None:
    report = probe(get_site("langson"), sites.mirrors)
    assert report.disagreements == []
    kinds = [check.what.split()[0] for check in report.checks]
    assert kinds[:2] == ["robots.txt", "home"]
    assert "sitemap" in kinds and kinds.count("article") == 3
    assert all(check.ok for check in report.checks), report.text()
    articles = [check for check in report.checks if check.what.startswith("article")]
    assert all("layout default" in check.detail for check in articles)


def test_a_minimal_profile_learns_what_the_site_announces(sites) -> None:
    # Báo Lào Cai's profile knows its domain only: the site names its feed in the home page's
    # <link rel=alternate>, its sitemap in robots.txt, and its articles say so in their pages.
    report = probe(get_site("laocai"), sites.mirrors)
    said = "\n".join(report.disagreements)
    assert "announces feed /rss/home.rss, not in the profile" in said
    assert "robots.txt names sitemap /sitemaps.xml, not in the profile" in said
    assert "3 page(s) that say they are articles" in said
    assert "the profile has no article pattern for" in said
    articles = [check for check in report.checks if check.what.startswith("article")]
    assert len(articles) == 3 and all(check.ok for check in articles), report.text()


def test_a_wrong_guess_is_named_with_what_to_correct(sites, monkeypatch) -> None:
    wrong = replace(
        get_site("langson"),
        feeds=("/rss/tin-moi.rss",),
        article_path=r"/[a-z0-9-]+/[a-z0-9-]+-\d+\.html",  # sections in the path: the old guess
    )
    monkeypatch.setitem(SITES, "langson", wrong)
    report = probe(wrong, sites.mirrors)
    said = "\n".join(report.disagreements)
    assert "the profile's feed /rss/tin-moi.rss gives no entries" in said
    assert "no link on the home page matches the article pattern (e.g. /" in said
    assert "no URL of sitemap /sitemap.xml matches the article pattern" in said
    assert (
        "page(s) that say they are articles (og:type, JSON-LD or a dated address) the article"
        in said
    )


def test_probe_at_the_command_line_exits_1_on_disagreement_and_reads_a_url(
    sites, capsys: pytest.CaptureFixture[str]
) -> None:
    mirrors = [
        arg for domain, url in sites.mirrors.items() for arg in ("--mirror", f"{domain}={url}")
    ]
    assert main(["probe", "https://baolangson.vn/any-page.html", *mirrors]) == 0
    assert "The profile agrees with what the site serves." in capsys.readouterr().out
    assert main(["probe", "laocai", "--json", "--articles", "1", *mirrors]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["site"] == "laocai" and report["disagreements"]
    assert main(["probe", "nope"]) == 2
    assert "neither a registered paper" in capsys.readouterr().err


def test_an_address_of_no_registered_paper_gets_a_generic_profile_of_its_host() -> None:
    profile = profile_for("https://www.baomoi.example/tin/abc.html")
    assert (profile.key, profile.domain, profile.generic) == (
        "baomoi.example",
        "baomoi.example",
        True,
    )
    assert profile_for("baolaocai.vn").key == "laocai"
    assert profile_for("https://baoyenbai.com.vn/x").key == "laocai"  # a former domain
