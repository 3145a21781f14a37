"""``python -m baotinh.samplesite bacgiang --port 8765``: serve a sample site until Ctrl-C."""

from __future__ import annotations

import argparse

from .model import load_site
from .server import SampleSiteServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m baotinh.samplesite", description="Serve a local sample news site."
    )
    parser.add_argument("key", nargs="?", default="bacgiang", help="site under sample_sites/")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    args = parser.parse_args(argv)

    site = load_site(args.key)
    server = SampleSiteServer(site, args.host, args.port)
    # The first line is the base URL alone, so scripts can read it from the pipe.
    print(server.base_url, flush=True)
    print(
        f"{site.name}: {len(site.articles)} articles, {len(site.faults)} fault URLs; "
        f"feed {server.base_url}{site.feed_path}, sitemap {server.base_url}{site.sitemap_path}. "
        "Ctrl-C stops.",
        flush=True,
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
