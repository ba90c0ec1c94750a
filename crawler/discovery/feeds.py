"""Author feeds, the site's feed and the WordPress REST API: finding them from a page, and reading them.

Pure functions over a parsel ``Selector`` or a response body; the spider does the requests.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlencode, urlsplit

import feedparser
from parsel import Selector

from crawler.discovery.authorpages import archive_base
from crawler.discovery.markup import absolute_url
from crawler.discovery.names import split_author_names
from crawler.discovery.pagemeta import page_meta
from crawler.urls import same_site

_WP_AUTHOR_CLASS = re.compile(r"^author-(\d+)$")
# A post's own REST resource: /wp-json/wp/v2/posts/4, or ?rest_route=/wp/v2/posts/4 with plain permalinks.
_POST_ROUTE = re.compile(r"/wp/v2/posts/\d+/?(?:$|&|\?(?!rest_route))")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")


@dataclass(frozen=True)
class FeedEntry:
    """One entry of a feed: its link and the author names it states (empty when it states none)."""

    url: str
    authors: tuple[str, ...] = ()


def wp_author_id(sel: Selector) -> int | None:
    """Return the WordPress author id of an author archive page (its ``<body class="author-N">``), if any."""
    for name in " ".join(sel.xpath("//body/@class").getall()).split():
        if match := _WP_AUTHOR_CLASS.match(name):
            return int(match.group(1))
    return None


def _alternates(sel: Selector) -> list[dict[str, str]]:
    """The attributes of the page's ``<link rel="alternate">`` tags (feeds, the REST resource, oEmbed)."""
    return [link for link in page_meta(sel).links() if "alternate" in (link.get("rel") or "").split()]


def author_feed_urls(sel: Selector, archive_url: str) -> list[str]:
    """Return the feeds of this author archive: advertised ones under its path or beside it (``/authors/x.xml``
    for ``/authors/x/``, Nikola's), else WordPress's ``<archive>/feed/``.

    The site-wide feed (``/feed/``) is not the author's and is never returned.
    """
    base = archive_base(archive_url)
    stem = urlsplit(base).path.rstrip("/")
    if not stem and not urlsplit(base).query:
        return []  # the site's index read as a blog of one author's: its feeds are the site's
    found = []
    for link in _alternates(sel):
        if (link.get("type") or "").lower() not in _FEED_TYPES:
            continue
        url = absolute_url(link.get("href"), archive_url)
        path = urlsplit(url).path if url else ""
        if url and same_site(url, archive_url) and path.startswith((stem + "/", stem + ".")) and url not in found:
            found.append(url)
    if not found and wp_author_id(sel) is not None:
        found.append(base.rstrip("/") + "/feed/")
    return found


# A comments feed ("Site » Comments Feed", a post's own "/feed/"), in the languages of the fixtures.
_COMMENTS = re.compile(r"comment|kommentar|reactions|r[ée]ponses|respuestas|risposte", re.IGNORECASE)


def site_feed_url(sel: Selector, page_url: str) -> str | None:
    """Return the site's own feed as an article page advertises it: its first RSS or Atom ``<link rel="alternate">``
    on the same site that is not a comments feed (nor the post's own, under its path)."""
    own = urlsplit(page_url).path.rstrip("/") + "/"
    for link in _alternates(sel):
        if (link.get("type") or "").lower() not in _FEED_TYPES or _COMMENTS.search(link.get("title") or ""):
            continue
        url = absolute_url(link.get("href"), page_url)
        if not url or not same_site(url, page_url):
            continue
        path = urlsplit(url).path
        if not _COMMENTS.search(path) and not (own != "/" and path.startswith(own)):
            return url
    return None


@dataclass(frozen=True)
class Feed:
    """A feed's entries, and the page it is the feed of (its channel's link: the site's or the blog's index)."""

    entries: list[FeedEntry]
    home: str | None = None
    #: An Atom feed's own authors, who wrote each entry that names nobody (RFC 4287, 4.2.1): Hexo's feed.
    authors: tuple[str, ...] = ()


def read_feed(body: bytes, base_url: str) -> Feed:
    """Parse an RSS/Atom feed (bytes, so feedparser never fetches anything): its entries and its home page."""
    parsed = feedparser.parse(body)
    entries = []
    for entry in parsed.entries:
        url = absolute_url(entry.get("link"), base_url)
        if not url:
            continue
        names: list[str] = []
        for author in entry.get("authors") or []:
            names.extend(split_author_names(author.get("name") or ""))
        if not names and entry.get("author"):
            names = split_author_names(entry["author"])
        entries.append(FeedEntry(url, tuple(names)))
    home = absolute_url(parsed.feed.get("link"), base_url)
    # An RSS channel's managingEditor is no author of its items: only Atom's feed-level author is.
    atom = (parsed.get("version") or "").startswith("atom")
    authors = [name for author in parsed.feed.get("authors") or []
               for name in split_author_names(author.get("name") or "")] if atom else []
    return Feed(entries, home if home and same_site(home, base_url) else None, tuple(authors))


def one_authors_site(
    entries: list[FeedEntry], theirs: Callable[[str], bool], owner: bool, feed_authors: tuple[str, ...] = ()
) -> bool:
    """Whether the site's feed shows a site of one author: no entry names anyone else, and one names them at
    least (or, where no entry names anyone, the Atom feed's own author is them, or the site is named after its
    owner)."""
    named = [name for entry in entries for name in entry.authors] or list(feed_authors)
    return all(theirs(name) for name in named) and (bool(named) or owner) and bool(entries)


def wp_rest_root(sel: Selector, page_url: str) -> str:
    """Return the WordPress REST root: the page's ``<link rel="https://api.w.org/">``, else ``/wp-json/``."""
    href = next((link.get("href") for link in page_meta(sel).links() if link.get("rel") == "https://api.w.org/"), None)
    root = absolute_url(href, page_url) if href else None
    if root and same_site(root, page_url):
        return root if root.endswith("/") or "rest_route=" in root else root + "/"
    parts = urlsplit(page_url)
    return f"{parts.scheme}://{parts.netloc}/wp-json/"


def site_routes(html: str, page_url: str) -> tuple[str | None, str | None]:
    """The WordPress REST root a page advertises (``<link rel="https://api.w.org/">``; None on a site without
    one) and the site's feed (``site_feed_url``)."""
    sel = Selector(text=html, base_url=page_url)
    advertised = any(link.get("rel") == "https://api.w.org/" for link in page_meta(sel).links())
    return (wp_rest_root(sel, page_url) if advertised else None), site_feed_url(sel, page_url)


def rest_url(root: str, route: str, params: dict | None = None) -> str:
    """Return the URL of a REST ``route`` ("wp/v2/posts") under ``root``: ``/wp-json/`` or, with plain
    permalinks, ``/?rest_route=/``."""
    if "rest_route=" in root:
        parts = urlsplit(root)
        query = urlencode({"rest_route": f"/{route}", **(params or {})})
        return f"{parts.scheme}://{parts.netloc}{parts.path}?{query}"
    query = urlencode(params or {})
    return f"{root}{route}" + (f"?{query}" if query else "")


def wp_posts_url(root: str, author_id: int, page: int, per_page: int = 100) -> str:
    """Return the REST URL of one page of an author's posts (links only)."""
    return rest_url(root, "wp/v2/posts", {"author": author_id, "per_page": per_page, "page": page, "_fields": "link"})


def wp_post_links(body: bytes, base_url: str) -> list[str]:
    """Return the post links of a ``wp/v2/posts`` response; anything that is not a list of posts gives none."""
    try:
        posts = json.loads(body)
    except ValueError:
        return []
    if not isinstance(posts, list):
        return []
    links = (absolute_url(post.get("link"), base_url) for post in posts if isinstance(post, dict))
    return [link for link in links if link and same_site(link, base_url)]


def wp_post_json_url(sel: Selector, page_url: str) -> str | None:
    """Return the page's own REST resource (``<link rel="alternate" type="application/json">`` to ``wp/v2/posts/N``)."""
    for link in _alternates(sel):
        if (link.get("type") or "").lower() != "application/json":
            continue
        url = absolute_url(link.get("href"), page_url)
        if url and same_site(url, page_url) and _POST_ROUTE.search(unquote(url)):
            return url
    return None


def wp_post_author(body: bytes) -> int | None:
    """Return the ``author`` id of a ``wp/v2/posts/N`` response, or None when it has none."""
    try:
        post = json.loads(body)
    except ValueError:
        return None
    author = post.get("author") if isinstance(post, dict) else None
    return author if isinstance(author, int) and not isinstance(author, bool) and author > 0 else None


def wp_user_url(root: str, user_id: int) -> str:
    """Return the REST URL of a WordPress user (``wp/v2/users/ID``: name, slug and the author archive link)."""
    return rest_url(root, f"wp/v2/users/{user_id}")


def wp_user(body: bytes, base_url: str) -> tuple[str, str | None] | None:
    """Return (name, author archive URL) from a ``wp/v2/users/ID`` response, or None when it is not one."""
    try:
        user = json.loads(body)
    except ValueError:
        return None
    if not isinstance(user, dict) or not isinstance(user.get("name"), str) or not user["name"].strip():
        return None
    link = absolute_url(user.get("link"), base_url) if isinstance(user.get("link"), str) else None
    return user["name"].strip(), link if link and same_site(link, base_url) else None


def wp_user_id(body: bytes) -> int | None:
    """The id of the one user a ``wp/v2/users?slug=x`` response lists, or None."""
    try:
        users = json.loads(body)
    except ValueError:
        return None
    if not isinstance(users, list) or len(users) != 1 or not isinstance(users[0], dict):
        return None
    user_id = users[0].get("id")
    return user_id if isinstance(user_id, int) and not isinstance(user_id, bool) else None


def oembed_url(sel: Selector, page_url: str) -> str | None:
    """Return the page's own oEmbed endpoint (``<link rel="alternate" type="application/json+oembed">``)."""
    for link in _alternates(sel):
        if (link.get("type") or "").lower() == "application/json+oembed":
            url = absolute_url(link.get("href"), page_url)
            if url and same_site(url, page_url):
                return url
    return None


def oembed_author(body: bytes, base_url: str) -> tuple[str, str | None] | None:
    """Return (author_name, author_url on this site) from an oEmbed answer, or None when it names nobody."""
    try:
        answer = json.loads(body)
    except ValueError:
        return None
    if not isinstance(answer, dict) or not isinstance(answer.get("author_name"), str):
        return None
    name = answer["author_name"].strip()
    link = answer.get("author_url")
    url = absolute_url(link, base_url) if isinstance(link, str) else None
    return (name, url if url and same_site(url, base_url) else None) if name else None
