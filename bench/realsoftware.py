"""Discovery on real blog software: recall, precision and requests per article, per site and author.

The sites are the tests' own (``tests/wordpress.py``: Debian's WordPress with each bundled theme, pretty
and plain permalinks, one that hides every byline and one whose author pages redirect home;
``tests/pelican_site.py``: Pelican's two themes; ``tests/jekyll_site.py``: Jekyll's Minima, whose only list of
an author's posts is the site's feed, and a blog of one author; ``tests/mkdocs_site.py``: Material for MkDocs'
blog, its author in a side column, its author pages numbered; ``tests/nikola_site.py``: Nikola's default theme,
an author's page a plain dated list; ``tests/ablog_site.py``: Sphinx with ABlog, its author in the theme's side
column; ``tests/ghost_site.py``: a real Ghost from the npm registry, its themes Source and Casper, a post shared by
two authors; ``tests/docusaurus_site.py``: Docusaurus's classic template, its pages linked without their trailing
slash; ``tests/hexo_site.py``: a blog of one author in Chinese on Hexo with the NexT theme), started on loopback.
Each author is crawled from one of their posts with a fresh corpus.

Usage: ``make bench-real`` or ``python -m bench.realsoftware``; results in ``bench/results/real_software.json``.
"""

from __future__ import annotations

import re
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

from bench import write_result


def score(want: set[str], got: set[str], requests: int) -> dict:
    """Recall, precision and requests per wanted article of one crawl."""
    hit = len(want & got)
    return {
        "articles": len(want),
        "recall": hit / len(want) if want else 1.0,
        "precision": hit / len(got) if got else 1.0,
        "requests": requests,
        "requests_per_article": requests / len(want) if want else 0.0,
    }


def _crawl(workdir: Path, seed: str) -> tuple[set[str], int, list[dict]]:
    from crawler.urls import normalize_url
    from tests.conftest import run_crawl

    result = run_crawl(workdir, 0, {"DOWNLOAD_DELAY": 0, "LOG_LEVEL": "WARNING"}, url=seed)
    got = {normalize_url(item["canonical_url"]).rstrip("/") for item in result.items}
    return got, int(result.stats.get("downloader/request_count", 0)), result.items


def texts_exact(items: list[dict], texts: dict[str, str]) -> dict:
    """Of the stored records, the share whose text is exactly their post's paragraphs (``texts``: by title), and
    the share of plain trafilatura's text of the same pages that is."""
    import urllib.request

    import trafilatura

    own = plain = 0
    for item in items:
        want = texts.get(item["title"])
        with urllib.request.urlopen(item["url"]) as page:  # the loopback site under test
            html = page.read()
        own += item["text"] == want
        plain += (trafilatura.extract(html, url=item["url"]) or "").strip() == want
    count = len(items) or 1
    return {"text_exact": own / count, "trafilatura_text_exact": plain / count}


def _paragraphs(posts: list[dict]) -> dict[str, str]:
    """Each static post's text, by title: its paragraphs, one a line."""
    return {post["title"]: "\n".join(post["paragraphs"]) for post in posts}


def _static_rows(
    label: str, posts: dict[str, set[str]], written: list[dict], tmp: Path, last: bool = False
) -> list[dict]:
    """One row per author of a static site: a crawl from their first post in URL order (or their last)."""
    from crawler.urls import normalize_url

    rows = []
    for name, urls in posts.items():
        want = {normalize_url(url).rstrip("/") for url in urls}
        got, requests, items = _crawl(Path(tempfile.mkdtemp(dir=tmp)), sorted(urls)[-1 if last else 0])
        rows.append({"site": label, "author": name} | score(want, got, requests)
                    | texts_exact(items, _paragraphs(written)))
    return rows


def _wordpress_rows(stack: ExitStack, work: Path) -> list[dict]:
    """Rows of the real WordPress sites: each bundled theme and permalink style, a theme that prints no byline,
    author pages switched off, and a blog of one author with author pages and the REST API switched off."""
    from crawler.urls import normalize_url
    from tests import test_wordpress
    from tests.wordpress import PLAIN, PRETTY, mariadb_server, wordpress_site

    sock = stack.enter_context(mariadb_server(work))
    posts = test_wordpress._posts()
    sites = [(f"WordPress {theme} {style}", theme, permalinks, test_wordpress.AUTHORS, {})
             for theme in test_wordpress.THEMES for style, permalinks in (("pretty", PRETTY), ("plain", PLAIN))]
    ada = {"ada-okafor": test_wordpress.AUTHORS["ada-okafor"]}
    sites += [
        ("WordPress twentytwentythree, no byline shown", "twentytwentythree", PRETTY, test_wordpress.AUTHORS,
         {"hide_author": True}),
        ("WordPress twentytwentyone, no author pages", "twentytwentyone", PRETTY, test_wordpress.AUTHORS,
         {"author_archives": False}),
        ("WordPress, one author, no author pages, no REST", "twentytwentyone", PRETTY, ada,
         {"author_archives": False, "rest_api": False}),
    ]
    texts = {post["title"]: "\n".join(re.findall(r"<p>(.*?)</p>", post["content"])) for post in posts}
    rows = []
    for label, theme, permalinks, authors, options in sites:
        theirs = [post for post in posts if post["author"] in authors]
        site = stack.enter_context(wordpress_site(work, sock, theme, permalinks, authors, theirs, **options))
        for slug, name in authors.items():
            want = {normalize_url(url).rstrip("/") for url in site.posts[slug]}
            got, requests, items = _crawl(Path(tempfile.mkdtemp(dir=work)), sorted(site.posts[slug])[0])
            rows.append({"site": label, "author": name} | score(want, got, requests) | texts_exact(items, texts))
    return rows


def _ghost_rows(stack: ExitStack, work: Path) -> list[dict]:
    """Rows of the real Ghost site, one theme after the other: each author crawled from their first post of their
    own, the post they share with another author counted in both authors' sets."""
    from crawler.urls import normalize_url
    from tests import test_ghost
    from tests.ghost_site import THEMES, ghost_site
    from tests.wordpress import mariadb_server

    own = work / "ghost"  # a database server of its own, beside WordPress's
    own.mkdir()
    sock = stack.enter_context(mariadb_server(own))
    site = stack.enter_context(ghost_site(own, sock, test_ghost._posts()))
    rows = []
    for theme in THEMES:
        site.activate(theme)
        for name, urls in site.posts.items():
            if name not in test_ghost.AUTHORS:
                continue  # the site owner's welcome post
            seed = site.first_own_post(name)
            want = {normalize_url(url).rstrip("/") for url in urls}
            got, requests, items = _crawl(Path(tempfile.mkdtemp(dir=work)), seed)
            rows.append({"site": f"Ghost {theme}", "author": name} | score(want, got, requests)
                        | texts_exact(items, _paragraphs(test_ghost._posts())))
    return rows


def run() -> list[dict]:
    from tests import test_ablog, test_docusaurus, test_hexo, test_jekyll, test_mkdocs, test_nikola, test_pelican
    from tests.ablog_site import ablog_site
    from tests.docusaurus_site import docusaurus_site
    from tests.hexo_site import hexo_site
    from tests.jekyll_site import jekyll_site
    from tests.mkdocs_site import mkdocs_site
    from tests.nikola_site import nikola_site
    from tests.pelican_site import THEMES as PELICAN_THEMES
    from tests.pelican_site import pelican_site
    from tests.static_blog import tide_posts

    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        work = Path(tmp)
        rows = _wordpress_rows(stack, work)
        rows += _ghost_rows(stack, work)
        for theme in PELICAN_THEMES:
            site = stack.enter_context(pelican_site(work, theme, test_pelican._posts()))
            rows += _static_rows(f"Pelican {theme}", site.posts, test_pelican._posts(), work, last=True)
        site = stack.enter_context(jekyll_site(work, test_jekyll._posts()))
        rows += _static_rows("Jekyll minima (no author pages)", site.posts, test_jekyll._posts(), work)
        own = tide_posts(test_jekyll.OWN_BLOG, with_time=False)
        site = stack.enter_context(jekyll_site(work / "own", own))
        rows += _static_rows("Jekyll minima, one author's blog", site.posts, own, work)
        site = stack.enter_context(mkdocs_site(work, test_mkdocs._posts()))
        rows += _static_rows("MkDocs Material blog", site.posts, test_mkdocs._posts(), work)
        site = stack.enter_context(nikola_site(work, test_nikola._posts()))
        rows += _static_rows("Nikola bootblog4", site.posts, test_nikola._posts(), work, last=True)
        site = stack.enter_context(ablog_site(work, test_ablog._posts()))
        rows += _static_rows("Sphinx ABlog alabaster", site.posts, test_ablog._posts(), work)
        site = stack.enter_context(docusaurus_site(work, test_docusaurus._posts()))
        rows += _static_rows("Docusaurus classic", site.posts, test_docusaurus._posts(), work)
        site = stack.enter_context(hexo_site(work, test_hexo.POSTS))
        rows += _static_rows("Hexo NexT, one author, Chinese", site.posts, test_hexo.POSTS, work)
    return rows


def main() -> int:
    rows = run()
    print(f"{'site':<48}{'author':<20}{'articles':>9}{'recall':>8}{'precision':>10}{'req/article':>12}"
          f"{'text exact':>11}{'(trafilatura)':>14}")
    for row in rows:
        print(f"{row['site']:<48}{row['author']:<20}{row['articles']:>9}{row['recall']:>8.3f}{row['precision']:>10.3f}"
              f"{row['requests_per_article']:>12.2f}{row['text_exact']:>11.3f}{row['trafilatura_text_exact']:>14.3f}")
    write_result("real_software", {"rows": rows})
    return 0


if __name__ == "__main__":
    sys.exit(main())
