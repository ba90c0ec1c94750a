"""A large static fixture web built from the shared benchmark's real pages, for the speed benchmark.

Page ``i`` is real page ``i % 181`` under ``/a/<i>.html``, written by author ``i % authors``. Each
page's own author signals (JSON-LD, rel=author, meta author) are removed; a byline linking the
author archive and a "More from this author" block (the author's next articles) are added; every
third word of each text gets a copy-specific suffix, in any language, so every copy is a distinct
article to deduplication and no line of it repeats across copies (which site-level template
learning would rightly take for the site's template). Each author has a paginated archive at
``/author/<k>/``.
"""

from __future__ import annotations

import argparse
import gzip
import re
from pathlib import Path

_JSONLD = re.compile(r"<script[^>]*application/ld\+json[^>]*>.*?</script>", re.IGNORECASE | re.DOTALL)
_META_AUTHOR = re.compile(r"<meta[^>]+name=[\"']author[\"'][^>]*>", re.IGNORECASE)
_REL_AUTHOR = re.compile(r"\brel=[\"']?author[\"']?", re.IGNORECASE)
_BODY_OPEN = re.compile(r"<body[^>]*>", re.IGNORECASE)
_TEXT = re.compile(r">([^<]+)<")
_WORD = re.compile(r"\w+")
PER_PAGE = 10
#: The shared benchmark's real pages (read from ../shared, never copied into the repository).
DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "article-extraction"
_FIRST = ["Ada", "Bruno", "Chiara", "Dmitri", "Elena", "Farid", "Greta", "Hugo", "Ines", "Jonas"]
_LAST = ["Keller", "Lopez", "Moreau", "Nakamura", "Okafor", "Petrov", "Quinn", "Rossi", "Svensson", "Tanaka"]


def author_name(k: int) -> str:
    """A plausible byline name for author ``k`` (names with digits are not taken for people)."""
    return f"{_FIRST[k % len(_FIRST)]} {_LAST[(k // len(_FIRST)) % len(_LAST)]}"


def load_pages(data: Path) -> list[str]:
    """The real pages of the shared benchmark, decoded, in a stable order."""
    pages = []
    for path in sorted((data / "html").glob("*.html.gz")):
        pages.append(gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace"))
    return pages


def _distinct(html: str, copy: int) -> str:
    """Give the page's text copy-specific words (every third word of each text), so copies do not shingle alike."""
    if copy == 0:
        return html

    def mark(text: str) -> str:
        count = iter(range(1 << 30))
        return _WORD.sub(lambda w: f"{w.group(0)}{copy}" if next(count) % 3 == 0 else w.group(0), text)

    return _TEXT.sub(lambda m: ">" + mark(m.group(1)) + "<", html)


def article_path(i: int) -> str:
    return f"/a/{i}.html"


def build_web(root: Path, pages: list[str], count: int, authors: int) -> dict[str, list[int]]:
    """Write ``count`` article pages and the author archives under ``root``; return each author's pages."""
    by_author: dict[str, list[int]] = {}
    for i in range(count):
        by_author.setdefault(str(i % authors), []).append(i)
    (root / "a").mkdir(parents=True, exist_ok=True)
    for i in range(count):
        author = str(i % authors)
        mine = by_author[author]
        at = mine.index(i)
        more = [mine[(at + step) % len(mine)] for step in (1, 2, 3)]
        html = _distinct(pages[i % len(pages)], i // len(pages))
        html = _REL_AUTHOR.sub("", _META_AUTHOR.sub("", _JSONLD.sub("", html)))
        name = author_name(int(author))
        byline = f'<p class="byline">By <a rel="author" href="/author/{author}/">{name}</a></p>'
        block = (
            '<section class="more-from-author"><h2>More from this author</h2><ul>'
            + "".join(f'<li><a href="{article_path(j)}">Article {j}</a></li>' for j in more)
            + "</ul></section>"
        )
        match = _BODY_OPEN.search(html)
        html = html[: match.end()] + byline + html[match.end():] if match else byline + html
        html = html.replace("</body>", block + "</body>") if "</body>" in html else html + block
        (root / "a" / f"{i}.html").write_text(html, encoding="utf-8")
    for author, mine in by_author.items():
        pages_count = -(-len(mine) // PER_PAGE)
        for n in range(1, pages_count + 1):
            chunk = mine[(n - 1) * PER_PAGE : n * PER_PAGE]
            items = "".join(f'<article class="post"><h2><a href="{article_path(j)}">Article {j}</a></h2></article>'
                            for j in chunk)
            nxt = ""
            if n < pages_count:
                nxt = f'<a class="next" rel="next" href="/author/{author}/page/{n + 1}/">Older posts</a>'
            folder = root / "author" / author / ("" if n == 1 else f"page/{n}")
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "index.html").write_text(
                f"<!doctype html><html><head><title>{author_name(int(author))}</title></head><body><main>"
                f"<h1>{author_name(int(author))}</h1>{items}{nxt}</main></body></html>",
                encoding="utf-8",
            )
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n", encoding="utf-8")
    return by_author


def bench_setup(
    argv: list[str] | None, doc: str, pages: int, authors: int, flags: dict[str, str] | None = None
) -> tuple[argparse.Namespace, list[str]]:
    """Parse a web benchmark's arguments (``--pages``, ``--authors``, ``--data``, ``flags``) and load the real pages.

    Exits with a one-line error when ``--data`` holds none.
    """
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--pages", type=int, default=pages)
    parser.add_argument("--authors", type=int, default=authors)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    for flag, help_text in (flags or {}).items():
        parser.add_argument(flag, action="store_true", help=help_text)
    args = parser.parse_args(argv)
    real = load_pages(args.data)
    if not real:
        raise SystemExit(f"error: no pages under {args.data / 'html'}")
    return args, real
