"""The registry as a person reads it: `baotinh sites --json` and the table in docs/papers.md."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from baotinh.papers import SITES
from baotinh.papers.profile import SiteProfile

PAPERS_DOC_HEADER = """# Supported papers

Generated from the registry (`baotinh/papers/`) by `baotinh sites --markdown > docs/papers.md`;
a test fails when this file and the registry disagree. A *full* profile has a sample site or a
saved page and hand-written selectors; a *generic* one knows the paper's name, domains and
provinces and relies on self-discovery and generic extraction. *Evidence* counts the profile's
facts backed by a public source against all the facts it records (see each profile's module).
"""


def describe(profile: SiteProfile) -> dict[str, Any]:
    """One paper for `baotinh sites --json`."""
    return {
        "key": profile.key,
        "name": profile.name,
        "domain": profile.domain,
        "former_domains": list(profile.former_domains),
        "provinces_before": list(profile.provinces_before),
        "province_after": profile.province_after,
        "enabled": profile.enabled,
        "generic": profile.generic,
        "layouts": [
            {
                "version": layout.version,
                "since": layout.since.isoformat() if layout.since else None,
                "until": layout.until.isoformat() if layout.until else None,
                "markers": list(layout.markers),
            }
            for layout in profile.effective_layouts
        ],
        "evidence": [asdict(evidence) for evidence in profile.evidence],
    }


def papers_markdown() -> str:
    """docs/papers.md: one row per registered paper, by province after the merger."""
    rows = [
        "| Province (after 1 July 2025) | Paper | Key | Domain | Former domains | Provinces"
        " before | Profile | Evidence |",
        "|---|---|---|---|---|---|---|---|",
    ]
    ordered = sorted(SITES.values(), key=lambda p: (p.province_after or "", p.key))
    for profile in ordered:
        verified = sum(evidence.verified for evidence in profile.evidence)
        facts = len(profile.evidence)
        state = "" if profile.enabled else " (not crawled nightly)"
        cells = [
            profile.province_after or "",
            profile.name,
            f"`{profile.key}`",
            profile.domain,
            ", ".join(profile.former_domains),
            ", ".join(profile.provinces_before),
            ("generic" if profile.generic else "full") + state,
            f"{verified}/{facts}",
        ]
        rows.append("| " + " | ".join(cells) + " |")
    return PAPERS_DOC_HEADER + "\n" + "\n".join(rows) + "\n"
