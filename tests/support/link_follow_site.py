"""Báo Bắc Giang's sample copy seen as a site that offers no feed, no sitemap and no section
list: only its home page. Crawls that need it set BAOTINH_EXTRA_SITES to this module."""

from dataclasses import replace

from baotinh.papers.bacgiang import PROFILE as BACGIANG

PROFILE = replace(BACGIANG, key="bacgiang_links_only", feeds=(), sitemaps=(), sections=())
