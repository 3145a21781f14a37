"""``python -m baotinh.samplesite [KEY ...] --port 8765``: serve sample sites until Ctrl-C."""

from __future__ import annotations

import argparse

from .model import available_sites, load_site
from .server import SampleSiteServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m baotinh.samplesite", description="Serve local sample news sites."
    )
    parser.add_argument(
        "keys", nargs="*", help="sites under baotinh/samplesite/sites/ (default: all)"
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    args = parser.parse_args(argv)

    sites = [load_site(key) for key in (args.keys or available_sites())]
    server = SampleSiteServer(sites, args.host, args.port)
    # The first line is the address alone, so scripts can read it from the pipe.
    print(server.base_url, flush=True)
    for site in sites:
        print(f"{site.domain}: {site.name}, {len(site.articles)} articles", flush=True)
    mirrors = " ".join(f"--mirror {domain}={url}" for domain, url in server.mirrors.items())
    print(f"Crawl it with: baotinh crawl {mirrors}\nCtrl-C stops.", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
