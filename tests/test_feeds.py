"""Author feeds, the site's feed and the WordPress REST API: discovery and parsing, without a reactor."""

from __future__ import annotations

import json

from parsel import Selector

from crawler.discovery.authorpages import archive_author_id, archive_slug
from crawler.discovery.feeds import (
    author_feed_urls,
    oembed_author,
    oembed_url,
    one_authors_site,
    read_feed,
    rest_url,
    site_feed_url,
    site_routes,
    wp_author_id,
    wp_post_json_url,
    wp_post_links,
    wp_posts_url,
    wp_rest_root,
    wp_user,
    wp_user_id,
    wp_user_url,
)
from tests.site.content import JANE, wordpress_site
from tests.site.themes import render

BASE = "http://site.test"


def wp_site():
    site = wordpress_site()
    site.base_url = BASE
    return site, render(site)


def test_author_archive_gives_its_feed_id_and_rest_root() -> None:
    _, routes = wp_site()
    sel = Selector(text=routes["/author/jane-doe/"].body)
    # The archive advertises the site feed too; only the author's is returned.
    assert author_feed_urls(sel, f"{BASE}/author/jane-doe/") == [f"{BASE}/author/jane-doe/feed/"]
    assert wp_author_id(sel) == JANE.wp_id
    assert wp_rest_root(sel, f"{BASE}/author/jane-doe/") == f"{BASE}/wp-json/"
    expected = f"{BASE}/wp-json/wp/v2/posts?author=2&per_page=100&page=3&_fields=link"
    assert wp_posts_url(f"{BASE}/wp-json/", 2, 3) == expected


def test_an_authors_feed_beside_the_authors_page_is_theirs() -> None:
    head = ('<link rel="alternate" type="application/rss+xml" href="../../rss.xml">'
            '<link rel="alternate" type="application/rss+xml" href="../jane-doe.xml">'
            '<link rel="alternate" type="application/rss+xml" href="../jane-doe-jr.xml">')
    sel = Selector(text=f"<html><head>{head}</head><body></body></html>")
    # Nikola's /authors/x.xml beside /authors/x/: not the site's feed, nor another author's sharing the name's start.
    assert author_feed_urls(sel, f"{BASE}/authors/jane-doe/") == [f"{BASE}/authors/jane-doe.xml"]


def test_wordpress_feed_url_is_guessed_when_not_advertised() -> None:
    sel = Selector(text='<html><body class="archive author author-jane author-2"></body></html>')
    assert author_feed_urls(sel, f"{BASE}/author/jane/page/2/") == [f"{BASE}/author/jane/feed/"]
    assert author_feed_urls(Selector(text="<html><body></body></html>"), f"{BASE}/authors/bob") == []


def test_feed_entries_with_coauthors() -> None:
    site, routes = wp_site()
    entries = read_feed(routes["/author/jane-doe/feed/"].body.encode("utf-8"), f"{BASE}/author/jane-doe/feed/").entries
    assert len(entries) == len(site.by(JANE)) + 1  # and the repost
    coauthored = [e for e in entries if len(e.authors) == 2]
    assert {e.authors for e in coauthored} == {("Jane Doe", "John Roe"), ("John Roe", "Jane Doe")}
    assert all(e.url.startswith(BASE) for e in entries)
    assert read_feed(b"not a feed", BASE).entries == []


def test_rest_post_links_tolerate_junk() -> None:
    body = json.dumps([{"link": f"{BASE}/a/"}, {"link": "https://elsewhere.test/b/"}, "x", {"id": 3}]).encode()
    assert wp_post_links(body, f"{BASE}/wp-json/wp/v2/posts") == [f"{BASE}/a/"]
    assert wp_post_links(b'{"code": "rest_forbidden"}', BASE) == []
    assert wp_post_links(b"<html>", BASE) == []


def test_broken_attribute_names_do_not_stop_feed_discovery() -> None:
    # Found by hypothesis: a control character in a tag makes lxml refuse to list its attributes.
    html = ('<html><head><link rel="alternate" type="application/rss+xml"\x0b title="x"'
            ' href="http://fuzz.example/author/x/feed/"></head><body></body></html>')
    assert author_feed_urls(Selector(text=html), "http://fuzz.example/author/x/") == [
        "http://fuzz.example/author/x/feed/"
    ]


def test_plain_permalink_sites_publish_the_rest_api_under_rest_route() -> None:
    head = (
        '<link rel="https://api.w.org/" href="http://site.test/?rest_route=/">'
        '<link rel="alternate" type="application/json" href="http://site.test/?rest_route=/wp/v2/posts/12">'
    )
    sel = Selector(text=f"<html><head>{head}</head><body></body></html>")
    root = wp_rest_root(sel, f"{BASE}/?p=12")
    assert wp_post_json_url(sel, f"{BASE}/?p=12") == f"{BASE}/?rest_route=%2Fwp%2Fv2%2Fposts%2F12"
    assert wp_posts_url(root, 3, 1) == (
        f"{BASE}/?rest_route=%2Fwp%2Fv2%2Fposts&author=3&per_page=100&page=1&_fields=link"
    )
    assert rest_url(f"{BASE}/wp-json/", "wp/v2/users/3") == f"{BASE}/wp-json/wp/v2/users/3"
    assert wp_user_url(root, 3) == f"{BASE}/?rest_route=%2Fwp%2Fv2%2Fusers%2F3"


def test_users_and_oembed_answers_name_the_author_and_their_page() -> None:
    user = {"id": 3, "name": "Bram Visser", "slug": "bram-visser", "link": f"{BASE}/author/bram-visser/"}
    assert wp_user(json.dumps(user).encode(), BASE) == ("Bram Visser", f"{BASE}/author/bram-visser/")
    assert wp_user(json.dumps({**user, "link": "https://elsewhere.test/u/3"}).encode(), BASE) == ("Bram Visser", None)
    assert wp_user(b'{"code": "rest_user_invalid_id"}', BASE) is None
    assert wp_user(b"<html>blocked</html>", BASE) is None
    embed = {"version": "1.0", "author_name": "Bram Visser", "author_url": f"{BASE}/author/bram-visser/"}
    assert oembed_author(json.dumps(embed).encode(), BASE) == ("Bram Visser", f"{BASE}/author/bram-visser/")
    assert oembed_author(json.dumps({"version": "1.0", "author_name": " "}).encode(), BASE) is None
    sel = Selector(text='<html><head><link rel="alternate" type="application/json+oembed" '
                        f'href="{BASE}/wp-json/oembed/1.0/embed?url=x"></head></html>')
    assert oembed_url(sel, f"{BASE}/p/") == f"{BASE}/wp-json/oembed/1.0/embed?url=x"


def test_the_sites_feed_is_the_first_that_is_not_a_comments_feed() -> None:
    def feed(*links: str) -> str | None:
        head = "".join(f'<link rel="alternate" {link}>' for link in links)
        return site_feed_url(Selector(text=f"<html><head>{head}</head><body></body></html>"), BASE + "/2024/post/")

    rss, atom = 'type="application/rss+xml"', 'type="application/atom+xml"'
    # WordPress: the site's feed, its comments feed, the post's own comments feed (under its path).
    assert feed(f'{rss} title="Site &raquo; Feed" href="/feed/"',
                f'{rss} title="Site &raquo; Comments Feed" href="/comments/feed/"') == BASE + "/feed/"
    assert feed(f'{rss} title="Post Comments Feed" href="/2024/post/feed/"', f'{atom} href="/feed.xml"') == (
        BASE + "/feed.xml")
    assert feed(f'{rss} title="Kommentare" href="/k.xml"') is None
    # Not a feed, or another site's.
    assert feed('type="application/json" href="/wp-json/wp/v2/posts/4"', f'{rss} href="http://other.test/f"') is None


def _atom(home: str, *authors: str) -> bytes:
    entries = "".join(
        f'<entry><link href="{BASE}/p{i}/"/>{f"<author><name>{name}</name></author>" if name else ""}</entry>'
        for i, name in enumerate(authors)
    )
    return (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><link href="{home}" rel="alternate"'
            f' type="text/html"/>{entries}</feed>').encode()


def test_a_feed_names_the_page_it_is_the_feed_of() -> None:
    assert read_feed(_atom(f"{BASE}/blog/", "Jane Doe"), f"{BASE}/feed.xml").home == f"{BASE}/blog/"
    assert read_feed(_atom("https://elsewhere.example/", "Jane Doe"), f"{BASE}/feed.xml").home is None


def test_a_site_of_one_author_by_its_feed() -> None:
    def jane(name: str) -> bool:
        return name == "Jane Doe"

    def entries(*authors: str) -> list:
        return read_feed(_atom(BASE, *authors), f"{BASE}/feed.xml").entries

    assert one_authors_site(entries("Jane Doe", "Jane Doe", ""), jane, owner=False)
    assert not one_authors_site(entries("Jane Doe", "John Roe"), jane, owner=False)  # a site of several
    assert not one_authors_site(entries("", ""), jane, owner=False)  # names nobody: could be anyone's
    assert one_authors_site(entries("", ""), jane, owner=True)  # ...unless the site is named after her
    assert not one_authors_site([], jane, owner=True)
    # Hexo's Atom feed names its author once, for the feed: each entry that names nobody is hers (RFC 4287).
    for feed_author, hers in (("Jane Doe", True), ("John Roe", False)):
        body = _atom(BASE, "", "").replace(b"<entry>", f"<author><name>{feed_author}</name></author><entry>".encode(),
                                           1)
        feed = read_feed(body, f"{BASE}/atom.xml")
        assert feed.authors == (feed_author,)
        assert one_authors_site(feed.entries, jane, owner=False, feed_authors=feed.authors) is hers
    # An RSS channel's managing editor is not the author of its items.
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><link>https://example.com/</link>'
           b"<managingEditor>jane@example.com (Jane Doe)</managingEditor><item><link>https://example.com/p/</link>"
           b"</item></channel></rss>")
    assert read_feed(rss, f"{BASE}/rss.xml").authors == ()


def test_the_rest_users_lookup_of_an_author_page() -> None:
    assert archive_slug(f"{BASE}/author/jane-doe/") == "jane-doe"
    assert archive_slug(f"{BASE}/blog/authors/jane/page/2/") == "jane"
    assert archive_slug(f"{BASE}/?author=3") is None and archive_author_id(f"{BASE}/?author=3") == 3
    assert archive_author_id(f"{BASE}/author/jane-doe/") is None
    assert wp_user_id(b'[{"id": 3, "name": "Jane Doe", "slug": "jane-doe"}]') == 3
    assert wp_user_id(b"[]") is None and wp_user_id(b'{"code": "rest_forbidden"}') is None
    assert wp_user_id(b"<html>") is None
    feed = f'<link rel="alternate" type="application/rss+xml" href="{BASE}/feed/">'
    wordpress = f'<html><head><link rel="https://api.w.org/" href="{BASE}/wp-json/">{feed}</head><body></body></html>'
    assert site_routes(wordpress, f"{BASE}/") == (f"{BASE}/wp-json/", f"{BASE}/feed/")
    assert site_routes("<html><head></head><body>Home</body></html>", f"{BASE}/") == (None, None)
