"""Serve sample sites over HTTP on 127.0.0.1, one server for any number of papers.

Pages are written for the papers' real domains (canonical links, feeds and sitemaps say
https://baobacgiang.vn/...). The crawler reaches them through a local mirror: it connects to
this server and sends the real domain in the Host header (see crawlers.mirror), so everything it
stores carries the real URLs. A request for a paper's former domain is answered with a 301 to the
current one, as the real sites do after the 2025 mergers.

Like a real server, it sends ETag and Last-Modified and answers conditional requests with 304.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from .model import SampleSite, available_sites, load_site
from .render import TINY_JPEG, Response, build_routes

log = logging.getLogger("baotinh.samplesite")


class RequestRecord(NamedTuple):
    method: str
    host: str  # the Host header, port removed
    path: str  # the request target as sent, query string included
    status: int


class _SiteRoutes:
    def __init__(self, site: SampleSite) -> None:
        self.site = site
        self.routes = build_routes(site, site.base_url)
        self.images = frozenset(site.image_paths())
        # A page changes only when its bytes do, so the entity tag is their hash.
        self.etags = {
            target: '"' + hashlib.sha1(response.body).hexdigest()[:16] + '"'
            for target, response in self.routes.items()
        }
        self.last_modified = format_datetime(
            max(article.published for article in site.articles), usegmt=False
        )

    def respond(self, target: str) -> tuple[Response, str | None]:
        path = urlsplit(target).path
        for key in (target, path):
            if key in self.routes:
                return self.routes[key], key
        if path in self.images:
            return Response(200, "image/jpeg", TINY_JPEG), None
        return self.routes["__404__"], None


class SampleSiteServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer answering for every site in `sites`, chosen by the Host header.

    A request whose Host is none of the sites' domains (say, `127.0.0.1:PORT` typed into a
    browser) goes to the first site. `request_log` lists every request, appended before the
    response is written. `response_delay_s` (default 0) holds every answer back that long, for
    tests that need a crawl to take a while; it may be changed while the server runs.
    """

    daemon_threads = True
    # Do not wait for handler threads on close: a client holding a keep-alive connection open
    # must not be able to hang the test that stops the server.
    block_on_close = False

    def __init__(
        self,
        sites: list[SampleSite],
        host: str = "127.0.0.1",
        port: int = 0,
        response_delay_s: float = 0.0,
    ) -> None:
        super().__init__((host, port), _Handler)
        self.response_delay_s = response_delay_s
        self.sites = {site.domain: _SiteRoutes(site) for site in sites}
        self.default = next(iter(self.sites.values()))
        self.redirects = {former: site.domain for site in sites for former in site.former_domains}
        self.base_url = f"http://{host}:{self.server_port}"
        self.request_log: list[RequestRecord] = []
        self._log_lock = threading.Lock()

    @property
    def site(self) -> SampleSite:
        return self.default.site

    @property
    def mirrors(self) -> dict[str, str]:
        """Every domain this server answers for, mapped to its address: a crawler's mirror map."""
        domains = [*self.sites, *self.redirects]
        return {domain: self.base_url for domain in domains}

    def record(self, method: str, host: str, target: str, status: int) -> None:
        with self._log_lock:
            self.request_log.append(RequestRecord(method, host, target, status))

    def hits(self, path: str, host: str | None = None) -> int:
        """How many requests asked for `path` (query string ignored), on `host` if given."""
        with self._log_lock:
            return sum(
                urlsplit(r.path).path == path and (host is None or r.host == host)
                for r in self.request_log
            )

    def handle_error(self, request: object, client_address: object) -> None:
        # Clients that hang up mid-response (crawler shutdown, timeouts) are normal here.
        log.debug("error while serving %s", client_address, exc_info=True)


class _Handler(BaseHTTPRequestHandler):
    server: SampleSiteServer
    protocol_version = "HTTP/1.1"  # keep-alive, like a real server; every answer has a length
    server_version = "nginx"
    sys_version = ""
    timeout = 15  # idle keep-alive connections give up their thread eventually

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def _answer(self, send_body: bool) -> None:
        host = (self.headers.get("Host") or "").split(":")[0].lower()
        if host in self.server.redirects:
            location = f"https://{self.server.redirects[host]}{self.path}"
            self._send(
                host,
                Response(301, "text/plain; charset=utf-8", b""),
                send_body,
                extra=(("Location", location),),
            )
            return
        routes = self.server.sites.get(host, self.server.default)
        response, key = routes.respond(self.path)
        validators: tuple[tuple[str, str], ...] = ()
        if response.status == 200 and key is not None:
            etag = routes.etags[key]
            validators = (("ETag", etag), ("Last-Modified", routes.last_modified))
            if self._not_modified(etag, routes.last_modified):
                self._send(host, Response(304, response.content_type, b""), False, validators)
                return
        self._send(host, response, send_body, validators)

    def _not_modified(self, etag: str, last_modified: str) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:
            return etag in [tag.strip() for tag in if_none_match.split(",")]
        since = self.headers.get("If-Modified-Since")
        if since:
            try:
                return parsedate_to_datetime(since) >= parsedate_to_datetime(last_modified)
            except (TypeError, ValueError):
                return False
        return False

    def _send(
        self,
        host: str,
        response: Response,
        send_body: bool,
        extra: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.server.record(self.command, host, self.path, response.status)
        if self.server.response_delay_s > 0:
            time.sleep(self.server.response_delay_s)
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body) if response.status != 304 else 0))
        for name, value in (*response.headers, *extra):
            self.send_header(name, value)
        self.end_headers()
        if send_body and response.status != 304:
            self.wfile.write(response.body)

    def log_message(self, format: str, *args: object) -> None:
        # The default writes every request to stderr, which drowns test and crawl output.
        log.debug("%s - %s", self.address_string(), format % args)


class BaseURL(str):
    """The address of a running sample server, e.g. ``"http://127.0.0.1:43121"``.

    It is a plain ``str`` for everything that wants a URL, and also carries the server:

    - ``.mirrors``: {domain: address} for every paper served, the crawler's mirror map;
    - ``.requests``: the live request log, a list of ``RequestRecord``;
    - ``.hits(path, host=None)``: how many requests asked for ``path`` (query string ignored);
    - ``.site`` (the first paper served) and ``.server``.
    """

    server: SampleSiteServer

    def __new__(cls, server: SampleSiteServer) -> BaseURL:
        self = super().__new__(cls, server.base_url)
        self.server = server
        return self

    @property
    def site(self) -> SampleSite:
        return self.server.site

    @property
    def mirrors(self) -> dict[str, str]:
        return self.server.mirrors

    @property
    def requests(self) -> list[RequestRecord]:
        return self.server.request_log

    def hits(self, path: str, host: str | None = None) -> int:
        return self.server.hits(path, host)


@contextmanager
def serve(
    *keys: str,
    port: int = 0,
    host: str = "127.0.0.1",
    root: Path | None = None,
    response_delay_s: float = 0.0,
    extra_sites: Sequence[SampleSite] = (),
) -> Iterator[BaseURL]:
    """Serve the sample sites `keys` (default: all of them) from a background thread.

    ``extra_sites`` adds sites already loaded; given alone, only they are served.
    ``port=0`` (the default) picks a free port; ``response_delay_s`` holds every answer back
    that long (a slow site). Yields a :class:`BaseURL`::

        with serve("bacgiang") as server:
            crawl(mirrors=server.mirrors)
            assert server.hits("/robots.txt") == 1

    On exit the server is shut down and its thread joined.
    """
    if keys or not extra_sites:
        sites = [load_site(key, root) for key in (keys or available_sites(root))]
    else:
        sites = []
    sites += extra_sites  # already loaded (the benchmarks' synthetic papers)
    server = SampleSiteServer(sites, host, port, response_delay_s)
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name="samplesite",
        daemon=True,
    )
    thread.start()
    try:
        yield BaseURL(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
