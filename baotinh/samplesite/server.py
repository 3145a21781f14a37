"""Serve a sample site over HTTP on 127.0.0.1 with the standard library's threaded server."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

from .model import SampleSite, load_site
from .render import TINY_JPEG, Response, build_routes

log = logging.getLogger("baotinh.samplesite")


class RequestRecord(NamedTuple):
    method: str
    path: str  # the request target as sent, query string included
    status: int


class SampleSiteServer(ThreadingHTTPServer):
    """A ThreadingHTTPServer that answers from a pre-rendered routing table.

    ``request_log`` lists every request as a :class:`RequestRecord`, appended before the response
    is written, so a client that has its answer also finds it in the log.
    """

    daemon_threads = True
    # Do not wait for handler threads on close: a client holding a keep-alive connection open
    # must not be able to hang the test that stops the server.
    block_on_close = False

    def __init__(self, site: SampleSite, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__((host, port), _Handler)
        self.site = site
        # Absolute URLs in pages (canonical, og:url, feed, sitemap) use the address actually
        # bound, so a crawler that follows them stays on this server.
        self.base_url = f"http://{host}:{self.server_port}"
        self.routes: dict[str, Response] = build_routes(site, self.base_url)
        self.images = frozenset(site.image_paths())
        self.request_log: list[RequestRecord] = []
        self._log_lock = threading.Lock()

    def record(self, method: str, target: str, status: int) -> None:
        with self._log_lock:
            self.request_log.append(RequestRecord(method, target, status))

    def hits(self, path: str) -> int:
        """How many requests asked for ``path`` (compared without the query string)."""
        with self._log_lock:
            return sum(urlsplit(r.path).path == path for r in self.request_log)

    def respond(self, target: str) -> Response:
        path = urlsplit(target).path
        response = self.routes.get(path)
        if response is not None:
            return response
        if path in self.images:
            return Response(200, "image/jpeg", TINY_JPEG)
        return self.routes["__404__"]

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
        response = self.server.respond(self.path)
        self.server.record(self.command, self.path, response.status)
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers:
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(response.body)

    def log_message(self, format: str, *args: object) -> None:
        # The default writes every request to stderr, which drowns test and crawl output.
        log.debug("%s - %s", self.address_string(), format % args)


class BaseURL(str):
    """The base URL of a running sample server, e.g. ``"http://127.0.0.1:43121"``.

    It is a plain ``str`` for everything that wants a URL, and also carries the server:

    - ``.requests``: the live request log, a list of ``RequestRecord(method, path, status)``;
    - ``.hits(path)``: how many requests asked for ``path`` (query string ignored);
    - ``.url(path)``: ``path`` joined to the base URL;
    - ``.site`` and ``.server``: the loaded :class:`SampleSite` and the server object.
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
    def requests(self) -> list[RequestRecord]:
        return self.server.request_log

    def hits(self, path: str) -> int:
        return self.server.hits(path)

    def url(self, path: str) -> str:
        return str(self) + "/" + path.lstrip("/")


@contextmanager
def serve(
    key: str = "bacgiang",
    port: int = 0,
    host: str = "127.0.0.1",
    *,
    root: Path | None = None,
) -> Iterator[BaseURL]:
    """Serve sample site ``key`` from a background thread for the duration of the ``with`` block.

    ``port=0`` (the default) picks a free port. Yields a :class:`BaseURL`, a ``str`` equal to
    ``"http://127.0.0.1:<port>"`` that also exposes the request log::

        with serve("bacgiang") as base_url:
            urllib.request.urlopen(base_url + "/robots.txt")
            assert base_url.hits("/robots.txt") == 1

    On exit the server is shut down and its thread joined.
    """
    server = SampleSiteServer(load_site(key, root), host, port)
    thread = threading.Thread(
        target=server.serve_forever,
        kwargs={"poll_interval": 0.05},
        name=f"samplesite-{key}",
        daemon=True,
    )
    thread.start()
    try:
        yield BaseURL(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
