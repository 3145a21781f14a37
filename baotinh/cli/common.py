"""What the command modules share: the error for bad input, and mirror pairs."""

from __future__ import annotations


class InputError(Exception):
    """Something the person gave the command is wrong; the message says what, in one line."""


def parse_mirrors(pairs: list[str]) -> dict[str, str]:
    mirrors: dict[str, str] = {}
    for pair in pairs:
        domain, _, url = pair.partition("=")
        if not url:
            raise SystemExit(f"--mirror wants DOMAIN=URL, got {pair!r}")
        mirrors[domain] = url
    return mirrors
