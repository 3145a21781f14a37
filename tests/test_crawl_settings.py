"""How crawls run comes from the worker's environment (or an in-process caller), never from a
run's parameters; a setting that cannot be read is named in one line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from baotinh.jobs.crawl_settings import (
    CrawlSettings,
    CrawlSettingsError,
    current_settings,
    in_process_run,
    in_process_trigger,
)
from flows.pull import enter_home


def test_an_unconfigured_worker_crawls_politely_with_the_defaults() -> None:
    settings = CrawlSettings.from_environment({})
    assert settings == CrawlSettings()
    assert settings.polite and settings.mirrors == {}
    assert settings.log_dir == Path("var/logs")


def test_a_worker_reads_every_setting_from_its_environment() -> None:
    settings = CrawlSettings.from_environment(
        {
            "BAOTINH_MIRRORS": '{"baobacgiang.vn": "http://127.0.0.1:8701"}',
            "BAOTINH_POLITE": "off",
            "BAOTINH_CRAWL_TIMEOUT_S": "900",
            "BAOTINH_CRAWL_RETRIES": "0",
            "BAOTINH_RETRY_DELAY_S": "2.5",
            "BAOTINH_LOG_DIR": "/srv/baotinh/logs",
        }
    )
    assert settings == CrawlSettings(
        mirrors={"baobacgiang.vn": "http://127.0.0.1:8701"},
        polite=False,
        timeout_s=900,
        retries=0,
        retry_delay_s=2.5,
        log_dir=Path("/srv/baotinh/logs"),
    )


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("BAOTINH_POLITE", "maybe", "BAOTINH_POLITE='maybe' is neither"),
        ("BAOTINH_CRAWL_RETRIES", "two", "BAOTINH_CRAWL_RETRIES='two' is not a whole number"),
        ("BAOTINH_CRAWL_RETRIES", "-1", "BAOTINH_CRAWL_RETRIES='-1' is below 0"),
        ("BAOTINH_CRAWL_TIMEOUT_S", "0", "BAOTINH_CRAWL_TIMEOUT_S='0' is below 1"),
        ("BAOTINH_MIRRORS", "{nope", "BAOTINH_MIRRORS is not JSON"),
        ("BAOTINH_MIRRORS", '{"a.vn": "ftp://x"}', "must map domains to http(s) addresses"),
        ("BAOTINH_MIRRORS", '["a.vn"]', "must map domains to http(s) addresses"),
    ],
)
def test_a_setting_that_cannot_be_read_is_named_in_one_line(
    variable: str, value: str, message: str
) -> None:
    with pytest.raises(CrawlSettingsError) as raised:
        CrawlSettings.from_environment({variable: value})
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_an_in_process_caller_sets_the_settings_and_trigger_only_inside_its_block(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BAOTINH_CRAWL_RETRIES", "5")
    mine = CrawlSettings(polite=False, retries=0)
    with in_process_run(mine, "demo"):
        assert current_settings() is mine
        assert in_process_trigger() == "demo"
    assert current_settings().retries == 5
    assert in_process_trigger() is None


def test_the_pull_step_moves_a_run_into_the_workers_home_and_creates_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "srv" / "baotinh"
    monkeypatch.setenv("BAOTINH_HOME", str(home))
    monkeypatch.chdir(tmp_path)
    assert enter_home() == {"directory": str(home)}
    assert Path(os.getcwd()) == home
