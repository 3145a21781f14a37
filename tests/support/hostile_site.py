"""A small hostile news site for crawl tests: everything a real site can throw at a crawler.

Its profile is not in the registry; crawls that need it set BAOTINH_EXTRA_SITES to this module.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from baotinh.papers.profile import Selectors, SiteProfile

DOMAIN = "hostile.example"
MAX_LISTING_PAGES = 4
# The crawl under test runs with this cap; one page and one sitemap are made larger.
SIZE_CAP = 256 * 1024

PROFILE = SiteProfile(
    key="hostile_test",
    name="Báo Thử Nghiệm",
    domain=DOMAIN,
    provinces_before=("Thử Nghiệm",),
    feeds=("/feed.xml",),
    sitemaps=("/sitemap.xml", "/sitemap-big.xml"),
    sections=("/chuyen-muc/",),
    article_path=r"/(tin|private)/[a-z0-9-]+\.html",
    listing_page_path=r"/chuyen-muc/(\?page=\d+)?",
    max_listing_pages=MAX_LISTING_PAGES,
    selectors=Selectors(title="h1", body=".noi-dung"),
    download_delay=0,
)

PARAGRAPH = (
    "Đoạn văn thử nghiệm số {n} kể về một buổi họp thôn bàn việc làm đường bê tông, sửa "
    "kênh mương nội đồng và trồng thêm cây xanh dọc lối vào trường tiểu học của xã."
)


def article_page(number: int) -> bytes:
    body = "".join(f"<p>{PARAGRAPH.format(n=n)}</p>" for n in range(1, 5))
    return (
        f'<html lang="vi"><head><meta charset="utf-8"><title>Tin số {number}</title>'
        f'<link rel="canonical" href="https://{DOMAIN}/tin/bai-{number}.html"></head>'
        f'<body><h1>Tin thử nghiệm số {number}</h1><div class="noi-dung">{body}</div>'
        "</body></html>"
    ).encode()


BOMB_FEED = f"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>&d;&xxe;</title>
<item><title>Bài 1</title><link>https://{DOMAIN}/tin/bai-1.html</link></item>
<item><title>Bí mật</title><link>https://{DOMAIN}/private/bi-mat.html</link></item>
<item><title>Vòng lặp</title><link>https://{DOMAIN}/tin/vong-lap.html</link></item>
<item><title>Đi xa</title><link>https://{DOMAIN}/tin/di-xa.html</link></item>
<item><title>Quá lớn</title><link>https://{DOMAIN}/tin/qua-lon.html</link></item>
</channel></rss>""".encode()


def nested_index(level: int) -> bytes:
    return (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>https://{DOMAIN}/sitemap-{level + 1}.xml</loc></sitemap></sitemapindex>"
    ).encode()


def big_sitemap() -> bytes:
    rows = "".join(
        f"<url><loc>https://{DOMAIN}/tin/rac-{n}.html</loc></url>"
        for n in range(SIZE_CAP // 40 + 100)
    )
    return (
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{rows}</urlset>"
    ).encode()


def listing_page(page: int) -> bytes:
    # Every page links one more new article and the next page: it never ends by itself.
    return (
        f'<html><body><a href="/tin/trang-{page}.html">Tin trang {page}</a>'
        f'<a href="/chuyen-muc/?page={page + 1}">Trang sau</a></body></html>'
    ).encode()


class _Handler(BaseHTTPRequestHandler):
    server: HostileServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        path, query = parts.path, parts.query
        self.server.hits.append(self.path)
        if path == "/robots.txt":
            self._send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain")
        elif path == "/feed.xml":
            self._send(200, BOMB_FEED, "application/rss+xml")
        elif path == "/sitemap.xml":
            self._send(200, nested_index(0), "application/xml")
        elif nested := re.fullmatch(r"/sitemap-(\d+)\.xml", path):
            self._send(200, nested_index(int(nested[1])), "application/xml")
        elif path == "/sitemap-big.xml":
            self._send(200, big_sitemap(), "application/xml")
        elif path == "/tin/bai-1.html":
            self._send(200, article_page(1), "text/html; charset=utf-8")
        elif path.startswith("/tin/trang-"):
            self._send(200, article_page(int(path.split("-")[1].split(".")[0]) + 100), "text/html")
        elif path == "/tin/vong-lap.html":
            self._redirect(f"https://{DOMAIN}/tin/vong-lap-2.html")
        elif path == "/tin/vong-lap-2.html":
            self._redirect(f"https://{DOMAIN}/tin/vong-lap.html")
        elif path == "/tin/di-xa.html":
            self._redirect("https://somewhere-else.example/tin/di-xa.html")
        elif path == "/tin/qua-lon.html":
            self._send(
                200, b"<html><body>" + b"x" * (SIZE_CAP * 2) + b"</body></html>", "text/html"
            )
        elif path == "/chuyen-muc/":
            page = int(parse_qs(query).get("page", ["1"])[0])
            self._send(200, listing_page(page), "text/html")
        elif path == "/private/bi-mat.html":
            self._send(200, article_page(99), "text/html")
        else:
            self._send(404, b"not found", "text/plain")

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class HostileServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.hits: list[str] = []
        self.base_url = f"http://127.0.0.1:{self.server_port}"


@contextmanager
def serve_hostile() -> Iterator[HostileServer]:
    server = HostileServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
