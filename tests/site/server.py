"""Serve the fixture web on loopback: one real HTTP server (and port) per site."""

from __future__ import annotations

import argparse
import hashlib
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from tests.site.content import Site, fixture_sites
from tests.site.themes import Page, Routes, render


@dataclass
class ServedSite:
    """A site being served: its content, its routes and a log of the paths requested."""

    site: Site
    server: ThreadingHTTPServer
    routes: Routes = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    #: (time.monotonic(), path) of every GET, in arrival order.
    log: list[tuple[float, str]] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return self.site.base_url


def _handler(served: ServedSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            served.hits[self.path] += 1
            served.log.append((time.monotonic(), self.path))
            path, _, query = self.path.partition("?")
            page = served.routes.get(self.path) or served.routes.get(path)
            if callable(page):  # a dynamic route, e.g. the REST API: answers from the query string
                page = page(parse_qs(query))
            self._answer(page)

        def do_POST(self) -> None:
            served.hits["POST " + self.path] += 1
            length = int(self.headers.get("Content-Length") or 0)
            form = parse_qs(self.rfile.read(length).decode("utf-8", "replace"))
            page = served.routes.get("POST " + self.path.partition("?")[0])
            self._answer(page(form) if callable(page) else page)

        def _answer(self, page: Page | None) -> None:
            if page is None:
                body, status, ctype, headers = b"<h1>Not found</h1>", 404, "text/html", {}
            else:
                body, status = page.body.encode("utf-8"), page.status
                ctype, headers = page.content_type, dict(page.headers)
            if status == 200 and self.command == "GET":
                # Validators, as real servers send them: a repeat visit can ask "changed since?".
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                headers.setdefault("ETag", etag)
                if self.headers.get("If-None-Match") == etag:
                    served.hits["304 " + self.path] += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


class QuietServer(ThreadingHTTPServer):
    """A threading HTTP server that does not print a traceback when a client hangs up (killed crawls do)."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _bind(handler: type[BaseHTTPRequestHandler], port: int) -> ThreadingHTTPServer:
    try:
        return QuietServer(("127.0.0.1", port), handler)
    except OSError:
        if port == 0:
            raise
        return QuietServer(("127.0.0.1", 0), handler)


@contextmanager
def serve(sites: list[Site] | None = None, ports: list[int] | None = None) -> Iterator[dict[str, ServedSite]]:
    """Serve each site on its own loopback port (``ports`` if free, else any); yield them by name; stop them."""
    sites = sites if sites is not None else fixture_sites()
    served: dict[str, ServedSite] = {}
    threads = []
    try:
        for index, site in enumerate(sites):
            holder = ServedSite(site, server=None)  # type: ignore[arg-type]
            server = _bind(_handler(holder), ports[index] if ports and index < len(ports) else 0)
            server.daemon_threads = True
            holder.server = server
            site.base_url = f"http://127.0.0.1:{server.server_address[1]}"
            holder.routes = render(site)
            thread = threading.Thread(target=server.serve_forever, name=f"site-{site.name}", daemon=True)
            thread.start()
            served[site.name] = holder
            threads.append(thread)
        yield served
    finally:
        for holder in served.values():
            holder.server.shutdown()
            holder.server.server_close()


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve the fixture web on loopback until interrupted.")
    parser.parse_args()
    with serve() as served:
        for name, holder in served.items():
            print(f"{name}: {holder.base_url}/", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
