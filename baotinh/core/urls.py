"""URL canonicalisation: one spelling per article, so exact dedupe can key on it."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

_TRACKING_PREFIXES = ("utm_", "fb_", "ga_", "mc_")
_TRACKING_KEYS = {"fbclid", "gclid", "zarsrc", "zcid", "_gl", "ref", "source", "cmpid"}
_DEFAULT_PORTS = {"http": 80, "https": 443}


def canonicalize(url: str) -> str:
    """Lower-case scheme and host, no default port, no fragment, no tracking parameters."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{parts.port}"
    query = urlencode(
        [
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not key.lower().startswith(_TRACKING_PREFIXES) and key.lower() not in _TRACKING_KEYS
        ]
    )
    return urlunsplit((scheme, host, parts.path or "/", query, ""))


# --- identity: one key for every address an article is reachable at ----------------------------

# Host prefixes that serve the same article as the bare domain (desktop, mobile, AMP cache-style).
_HOST_VARIANTS = ("www.", "m.", "mobile.", "amp.")
# AMP paths: /amp/slug.html, /slug.html/amp, /slug.amp.html, /slug-amp.html is NOT one (a slug).
_AMP_SEGMENT = "amp"
_AMP_SUFFIXES = (".amp.html", ".amp.htm", ".amp")
_AMP_QUERY_KEYS = {"amp", "outputtype"}  # ?amp=1, ?outputType=amp
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


def identity_key(url: str, successors: Mapping[str, str]) -> str:
    """A comparison key under which every address of one article is the same string.

    Unlike `canonicalize` (a fetchable address, stored as ``articles.canonical_url`` and used by
    the spiders), the key need not be fetchable: it drops the scheme, the www./m./amp. host
    variants, AMP path and query markers, a trailing slash and the order of query parameters,
    and maps a former domain to its successor (`successors`: old host → new host), so an archive
    copy on an old domain, its mobile page and its AMP page all meet the original. The store and
    the spiders key with the registry's mergers: `baotinh.papers.identity_key`.
    """
    parts = urlsplit(canonicalize(url))
    host = parts.hostname or ""
    stripped = True
    while stripped:
        stripped = False
        for prefix in _HOST_VARIANTS:
            if host.startswith(prefix) and host.count(".") > 1:
                host, stripped = host[len(prefix) :], True
    host = successors.get(host, host)
    if parts.port:
        host = f"{host}:{parts.port}"

    segments = [s for s in unquote(parts.path).split("/") if s]
    if segments and segments[0] == _AMP_SEGMENT:
        segments = segments[1:]
    if segments and segments[-1] == _AMP_SEGMENT:
        segments = segments[:-1]
    if segments:
        for suffix in _AMP_SUFFIXES:
            if segments[-1].endswith(suffix) and len(segments[-1]) > len(suffix):
                # slug.amp.html → slug.html, slug.amp → slug
                segments[-1] = segments[-1][: -len(suffix)] + suffix.removeprefix(".amp")
                break
    path = quote("/" + "/".join(segments), safe=_PATH_SAFE)

    query = sorted(
        (key, value)
        for key, value in parse_qsl(parts.query, keep_blank_values=True)
        if not (key.lower() in _AMP_QUERY_KEYS and value.lower() in {"", "1", "true", "amp"})
    )
    return host + path + (f"?{urlencode(query)}" if query else "")
