"""The registry of newspapers: one module per paper, each exporting `PROFILE`.

Spiders, flows, the CLI and the tests all iterate over `SITES`; nothing else lists papers.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from collections.abc import Mapping
from functools import cache

from baotinh.core import urls
from baotinh.core.errors import ExtraSitesError
from baotinh.papers.profile import Evidence, Selectors, SiteProfile

_NOT_PROFILES = {"profile", "catalogue", "layouts"}


def _discover() -> dict[str, SiteProfile]:
    found: dict[str, SiteProfile] = {}
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        if module_info.name in _NOT_PROFILES:
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        profile: SiteProfile = module.PROFILE
        if profile.key in found:
            raise ValueError(f"two profiles share the key {profile.key!r}")
        found[profile.key] = profile
    return found


def _extra_profiles() -> dict[str, SiteProfile]:
    """Profiles from modules named in BAOTINH_EXTRA_SITES (comma-separated), each with PROFILE
    or a list PROFILES.

    For profiles that do not belong in the registry: the test suite's hostile site, a paper
    being developed outside the package, the benchmarks' synthetic papers.
    """
    found: dict[str, SiteProfile] = {}
    for name in filter(None, os.environ.get("BAOTINH_EXTRA_SITES", "").split(",")):
        try:
            module = importlib.import_module(name.strip())
        except ImportError as exc:
            if exc.name and exc.name.startswith("crawlers.sites"):
                # The registry was crawlers.sites until the packages were layered (issue 17).
                raise ExtraSitesError(
                    f"BAOTINH_EXTRA_SITES: {name.strip()} imports {exc.name}, which moved:"
                    " profiles are baotinh.papers now (SiteProfile, Selectors and Evidence from"
                    " baotinh.papers.profile)"
                ) from None
            raise ExtraSitesError(
                f"BAOTINH_EXTRA_SITES: cannot import {name.strip()}: {exc}"
            ) from None
        for profile in getattr(module, "PROFILES", None) or [module.PROFILE]:
            found[profile.key] = profile
    return found


SITES: dict[str, SiteProfile] = {**_discover(), **_extra_profiles()}


def get_site(key: str) -> SiteProfile:
    if key not in SITES:
        # BAOTINH_EXTRA_SITES may have been set after this module was first imported.
        SITES.update(_extra_profiles())
    try:
        return SITES[key]
    except KeyError:
        known = ", ".join(sorted(SITES)) or "none"
        raise KeyError(f"unknown site {key!r}; registered sites: {known}") from None


def enabled_sites() -> list[str]:
    """The keys of the papers the nightly run crawls, sorted."""
    return sorted(key for key, profile in SITES.items() if profile.enabled)


__all__ = [
    "SITES",
    "Evidence",
    "Selectors",
    "SiteProfile",
    "domain_successors",
    "enabled_sites",
    "get_site",
    "identity_key",
    "site_for_url",
]


def site_for_url(url: str) -> SiteProfile | None:
    """The one paper that `url` belongs to, if any.

    A paper's own domain wins over another paper's former domain: after a merger the successor
    lists the merged papers' domains as its former domains, but a merged paper that keeps its own
    profile (for its history) keeps its own addresses. A former domain no paper owns goes to the
    paper that lists it (tests check that no two papers list the same one).
    """
    from urllib.parse import urlsplit

    host = _bare(urlsplit(url).hostname or "")
    for profile in SITES.values():
        if host == _bare(profile.domain):
            return profile
    for profile in SITES.values():
        if host in {_bare(former) for former in profile.former_domains}:
            return profile
    return None


def _bare(host: str) -> str:
    return host.lower().removeprefix("www.")


def identity_key(url: str) -> str:
    """`baotinh.core.urls.identity_key` with the registry's mergers: an address on a merged
    paper's former domain keys as the successor's. What the store and the spiders use."""
    return urls.identity_key(url, domain_successors())


@cache
def domain_successors() -> dict[str, str]:
    mapping: dict[str, str] = {}
    for profile in SITES.values():
        for former in profile.former_domains:
            mapping[former.lower().removeprefix("www.")] = profile.domain.lower()
    return {host: _last_successor(host, mapping) for host in mapping}


def _last_successor(host: str, mapping: Mapping[str, str]) -> str:
    """Where a chain of mergers ends: baobacgiang.com.vn → baobacgiang.vn (Báo Bắc Giang's own
    move) → baobacninhtv.vn (the successor that lists baobacgiang.vn), so that an address on
    either old domain keys as the same article as the successor's (a 301 chain does that too)."""
    seen = {host}
    while (following := mapping.get(host)) is not None and following not in seen:
        seen.add(following)
        host = following
    return host
