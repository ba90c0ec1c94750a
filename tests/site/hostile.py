"""A site that misbehaves on purpose, on loopback: bad markup, charsets, sizes, errors, loops, stalls, traps.

Every bad page is linked from the seed's "More from this author" block, so a normal crawl meets them all.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from crawler.downloadermiddlewares.addresses import is_ip_literal
from crawler.downloadermiddlewares.privateaddresses import PrivateAddressMiddleware
from tests.site.content import paragraphs
from tests.site.hostile_archives import archive_page
from tests.site.server import QuietServer

AUTHOR = "Hana Sato"


def article(title: str, body: list[str], more: list[str] = (), charset: str = "utf-8", head: str = "") -> str:
    links = "".join(f'<li><a href="{href}">{href}</a></li>' for href in more)
    paras = "".join(f"<p>{p}</p>" for p in body)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="{charset}"><title>{title}</title>{head}</head><body>'
        f'<article><h1>{title}</h1><p class="byline">By <a rel="author" href="/author/hana-sato/">{AUTHOR}</a></p>'
        f'<div class="entry-content">{paras}</div></article>'
        f'<section><h2>More from this author</h2><ul>{links}</ul></section></body></html>'
    )


#: Body text that survives each charset: Japanese for Shift_JIS, accented Latin for Windows-1252.
JAPANESE = "東京の図書館では、古い地図と港の記録が静かに保管されている。" * 3
LATIN = "Café crème, naïve façade and œuvres: a résumé of the coöperative\u2019s year."

#: Paths of the bad pages, and what must become of each.
GOOD = {"/sjis", "/cp1252", "/bom", "/malformed", "/truncated", "/ratelimited"}
BAD = {
    "/binary", "/pdf", "/huge", "/bomb", "/empty", "/gone404", "/gone410", "/err500", "/loop-a",
    "/offsite", "/stall", "/private/secret", "/to-metadata", "/to-loopback",
}


@dataclass
class Hostile:
    server: ThreadingHTTPServer
    other_port: int
    hits: Counter[str] = field(default_factory=Counter)
    times: dict[str, list[float]] = field(default_factory=dict)
    nested: int = 2000  # entries of the nested archive
    huge: int = 10_000  # links of the huge archive page (half a megabyte)
    links: int = 10_000  # links on the article of links (about 20 bytes each)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"


def _routes(h: Hostile) -> dict[str, Callable[[BaseHTTPRequestHandler], None]]:
    def send(status: int, body: bytes, ctype: str = "text/html; charset=utf-8", **headers: str):
        def answer(req: BaseHTTPRequestHandler) -> None:
            req.send_response(status)
            req.send_header("Content-Type", ctype)
            req.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                req.send_header(name.replace("_", "-"), value)
            req.end_headers()
            req.wfile.write(body)

        return answer

    def text(page: str) -> list[str]:
        return paragraphs(f"hostile{page}", 4)  # each page its own body: copies would be merged as duplicates

    seed = article("Harbour ledgers", text("/seed"), sorted(GOOD | BAD)).encode()
    big = article("Too big", ["x" * 1000] * 3000).encode()  # ~3 MB, over the test's DOWNLOAD_MAXSIZE
    sjis = article("Shift_JIS page", [JAPANESE, *text("/sjis")], charset="shift_jis").encode("shift_jis")
    cp1252 = article("Windows-1252 page", [LATIN, *text("/cp1252")], charset="windows-1252").encode("cp1252")
    bomb = gzip.compress(b"<html><body>" + b"A" * (64 * 1024 * 1024) + b"</body></html>")

    def ratelimited(req: BaseHTTPRequestHandler) -> None:
        if h.hits["/ratelimited"] == 1:
            send(429, b"slow down", "text/plain", Retry_After="1")(req)
        else:
            send(200, article("Rate limited, then fine", text("/ratelimited")).encode())(req)

    def stall(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "text/html")
        req.send_header("Content-Length", "100000")
        req.end_headers()
        req.wfile.write(b"<html><body><p>This page never finishes")
        req.wfile.flush()
        time.sleep(8)  # longer than the test's DOWNLOAD_TIMEOUT

    return {
        "/seed": send(200, seed),
        "/robots.txt": send(200, b"User-agent: *\nDisallow: /private/\n", "text/plain"),
        "/sjis": send(200, sjis, "text/html"),
        # The header says nothing of the charset; the page's meta says windows-1252.
        "/cp1252": send(200, cp1252, "text/html"),
        "/bom": send(200, b"\xef\xbb\xbf" + article("BOM page", ["Byte order mark: ✓ fine.", *text("/bom")]).encode(),
                     "text/html"),
        "/malformed": send(200, ("<html><body><article><h1>Malformed<p>" + "</div>".join(text("/malformed"))
                                 + f"<p class=byline>By <a rel=author href=/author/hana-sato/>{AUTHOR}</a>"
                                 + "<table><td><p>unclosed").encode()),
        "/truncated": send(200, article("Truncated page", text("/truncated")).encode()[:-300]),
        "/binary": send(200, bytes(range(256)) * 200),
        "/pdf": send(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "application/pdf"),
        "/huge": send(200, big),
        "/bomb": send(200, bomb, Content_Encoding="gzip"),
        "/empty": send(200, b""),
        "/gone404": send(404, b"<h1>Not found</h1>"),
        "/gone410": send(410, b"<h1>Gone</h1>"),
        "/err500": send(500, b"<h1>Oops</h1>"),
        "/ratelimited": ratelimited,
        "/loop-a": send(302, b"", Location="/loop-b"),
        "/loop-b": send(302, b"", Location="/loop-a"),
        "/offsite": send(302, b"", Location=f"http://localhost:{h.other_port}/elsewhere"),
        "/stall": stall,
        "/private/secret": send(200, article("Disallowed", text("/private")).encode()),
        "/to-metadata": send(302, b"", Location="http://169.254.169.254/latest/meta-data/"),
        "/to-loopback": send(302, b"", Location=f"http://127.0.0.1:{h.other_port}/admin"),
    }


def _html(page: bytes) -> Callable[[BaseHTTPRequestHandler], None]:
    def answer(req: BaseHTTPRequestHandler) -> None:
        req.send_response(200)
        req.send_header("Content-Type", "text/html; charset=utf-8")
        req.send_header("Content-Length", str(len(page)))
        req.end_headers()
        req.wfile.write(page)

    return answer


@contextmanager
def serve_hostile(nested: int = 2000, huge: int = 10_000, links: int = 10_000) -> Iterator[Hostile]:
    """Serve the hostile site, plus a second local server it redirects to (which must never be reached).

    ``nested``, ``huge`` and ``links`` size the hostile archives and the article of links
    (``tests.site.hostile_archives``).
    """
    other = QuietServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    holder = Hostile(server=None, other_port=other.server_address[1], nested=nested, huge=huge,  # type: ignore[arg-type]
                     links=links)
    other_hits: Counter[str] = Counter()

    class Other(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            other_hits[self.path] += 1
            body = article("Somebody else's site", paragraphs("other" + self.path, 4)).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    other.RequestHandlerClass = Other
    routes: dict[str, Callable[[BaseHTTPRequestHandler], None]] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            holder.hits[self.path] += 1
            holder.times.setdefault(self.path, []).append(time.monotonic())
            route = routes.get(self.path)
            if route is None and (page := archive_page(self.path, holder)) is not None:
                route = _html(page)
            if route is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            with suppress(BrokenPipeError, ConnectionResetError):
                route(self)

        def log_message(self, *args: object) -> None:
            pass

    server = QuietServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    other.daemon_threads = True
    holder.server = server
    holder.other_hits = other_hits  # type: ignore[attr-defined]
    routes.update(_routes(holder))
    for srv in (server, other):
        threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        yield holder
    finally:
        for srv in (server, other):
            srv.shutdown()
            srv.server_close()


class FirstAnswerPublic(PrivateAddressMiddleware):
    """The address guard as a rebinding DNS fools it: every name looks public when checked before
    the download. Only the resolver's check at connection time stands between the crawl and the
    private address the name resolves to then."""

    async def resolves_to_public(self, host: str, port: int) -> bool:
        return True if not is_ip_literal(host) else await super().resolves_to_public(host, port)
