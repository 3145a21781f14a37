"""From a fetched page or a text dump to an article record.

`html` (a paper's page → `ArticleRecord`, with its layout's selectors and trafilatura for the rest),
`pages` (raw bytes: gzip sniffing, JSON-LD), `cleaning` and `bylines` (what is not the article),
`dumps` (plain-text dumps), `discovery` (article links in feeds, sitemaps and section pages).
Kept free of heavy imports at package level: the spider imports `pages` and `discovery`.
"""
