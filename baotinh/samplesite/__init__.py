"""Local sample copies of provincial newspaper sites, for tests and the offline demo.

The service cannot reach the internet, so crawls in tests and demos run against these sites:
invented articles, rendered with the structure of the real papers (site chrome, comment widgets,
related lists, feeds, sitemaps) and a few deliberately broken URLs.

    from baotinh.samplesite import load_site, serve

    site = load_site("bacgiang")          # the ground truth, no server needed
    with serve("bacgiang") as base_url:   # a str, plus .requests / .hits(path) / .url(path)
        ...

Run one by hand with ``python -m baotinh.samplesite bacgiang --port 8765``.
"""

from .cp1258 import encode_cp1258
from .model import (
    SAMPLE_SITES_DIR,
    Block,
    SampleArticle,
    SampleFault,
    SampleImage,
    SampleSite,
    Section,
    available_sites,
    load_site,
)
from .server import BaseURL, RequestRecord, SampleSiteServer, serve

__all__ = [
    "SAMPLE_SITES_DIR",
    "BaseURL",
    "Block",
    "RequestRecord",
    "SampleArticle",
    "SampleFault",
    "SampleImage",
    "SampleSite",
    "SampleSiteServer",
    "Section",
    "available_sites",
    "encode_cp1258",
    "load_site",
    "serve",
]
