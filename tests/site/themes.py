"""Theme renderers: a site's articles and archives as the routes a real theme would serve."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import format_datetime
from html import escape

from tests.site.content import Article, Author, Site


@dataclass
class Page:
    body: str
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "text/html; charset=utf-8"


Routes = dict[str, Page | Callable[[dict[str, list[str]]], Page]]


def _human(article: Article) -> str:
    return article.published.strftime("%B %-d, %Y")


# -- WordPress free theme ("More From Author" family) ---------------------------------------------


def wp_url(site: Site, article: Article, slug: str | None = None) -> str:
    return f"{site.base_url}/{article.published:%Y/%m}/{slug or article.slug}/"


def wp_author_url(site: Site, author: Author) -> str:
    return f"{site.base_url}/author/{author.slug}/"


def _wp_post_id(site: Site, article: Article) -> int:
    return 100 + site.articles.index(article)


def _wp_byline(site: Site, article: Article) -> str:
    links = [
        f'<span class="author vcard"><a class="url fn n" href="{wp_author_url(site, a)}">{escape(a.name)}</a></span>'
        for a in article.authors
    ]
    return '<span class="byline"> by ' + " and ".join(links) + "</span>"


def _wp_shell(site: Site, title: str, head: str, body_class: str, main: str) -> str:
    recent = "".join(
        f'<li><a href="{wp_url(site, a)}">{escape(a.title)}</a></li>'
        for a in sorted(site.articles, key=lambda a: a.published, reverse=True)[:6]
    )
    return f"""<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)} &#8211; Field Notes</title>
{head}
<link rel="alternate" type="application/rss+xml" title="Field Notes &raquo; Feed" href="{site.base_url}/feed/">
</head>
<body class="{body_class}">
<div id="page" class="site">
<header id="masthead" class="site-header">
  <p class="site-title"><a href="{site.base_url}/" rel="home">Field Notes</a></p>
  <nav id="site-navigation" class="main-navigation"><ul>
    <li><a href="{site.base_url}/">Home</a></li>
    <li><a href="{site.base_url}/category/news/">News</a></li>
    <li><a href="{site.base_url}/2024/03/">March 2024</a></li>
  </ul></nav>
</header>
<div id="content" class="site-content">
<div id="primary" class="content-area"><main id="main" class="site-main">
{main}
</main></div>
<aside id="secondary" class="widget-area">
  <section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul>{recent}</ul></section>
  <section class="widget widget_tag_cloud"><h2 class="widget-title">Tags</h2><div class="tagcloud">
    <a href="{site.base_url}/tag/rivers/" class="tag-cloud-link">rivers</a>
    <a href="{site.base_url}/tag/maps/" class="tag-cloud-link">maps</a></div></section>
</aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info">Proudly powered by WordPress</div></footer>
</div>
</body>
</html>"""


def _wp_article(site: Site, article: Article, url: str, canonical: str | None) -> str:
    primary = article.authors[0]
    others = [a for a in site.primary(primary) if a is not article][:3]
    more = "".join(
        f'<li><a href="{wp_url(site, a)}?utm_source=more-from-author">{escape(a.title)}</a>'
        f' <span class="author">by {escape(primary.name)}</span></li>'
        for a in others
    )
    # The theme links one of them through the WordPress shortlink (/?p=ID), as some themes do.
    if others:
        more += f'<li><a href="{site.base_url}/?p={_wp_post_id(site, others[-1])}">{escape(others[-1].title)}</a></li>'
    related = "".join(
        f'<li><a href="{wp_url(site, a)}">{escape(a.title)}</a> <span class="byline">by '
        f'<a href="{wp_author_url(site, a.authors[0])}">{escape(a.authors[0].name)}</a></span></li>'
        for a in [a for a in site.articles if primary not in a.authors][:5]
    )
    paras = "\n".join(f"<p>{escape(p)}</p>" for p in article.body)
    iso = article.published.isoformat()
    post_id = _wp_post_id(site, article)
    head = (
        (f'<link rel="canonical" href="{canonical}">\n' if canonical else "")
        + f'<link rel="shortlink" href="{site.base_url}/?p={post_id}">\n'
        f'<meta property="og:type" content="article">\n'
        f'<meta property="og:title" content="{escape(article.title)}">\n'
        f'<meta property="article:published_time" content="{iso}">\n'
        f'<meta name="author" content="{escape(", ".join(a.name for a in article.authors))}">'
    )
    main = f"""<article id="post-{post_id}" class="post-{post_id} post type-post status-publish hentry">
<header class="entry-header">
  <h1 class="entry-title">{escape(article.title)}</h1>
  <div class="entry-meta">
    <span class="posted-on">Posted on <a href="{url}" rel="bookmark"><time class="entry-date published" datetime="{iso}">{_human(article)}</time></a></span>
    {_wp_byline(site, article)}
  </div>
</header>
<div class="entry-content">
{paras}
</div>
<footer class="entry-footer"><span class="cat-links">Posted in <a href="{site.base_url}/category/news/" rel="category tag">News</a></span>
<span class="tags-links">Tagged <a href="{site.base_url}/tag/rivers/" rel="tag">rivers</a></span></footer>
</article>
<div class="single-author-posts">
  <h3 class="widget-title">More From Author</h3>
  <ul>{more}</ul>
</div>
<div class="related-posts"><h3 class="related-title">Related Posts</h3><ul>{related}</ul></div>
<div id="comments" class="comments-area"><h2 class="comments-title">One thought</h2>
<ol class="comment-list"><li class="comment"><article class="comment-body">
  <footer class="comment-meta"><div class="comment-author vcard"><b class="fn"><a href="https://commenter.example/" rel="external nofollow ugc" class="url">Max Commenter</a></b></div></footer>
  <div class="comment-content"><p>Thanks for writing this, very useful.</p></div>
</article></li></ol></div>"""
    body_class = f"post-template-default single single-post postid-{post_id} single-format-standard"
    return _wp_shell(site, article.title, head, body_class, main)


def _wp_archive(site: Site, author: Author, page: int, entries: list[tuple[Article, str]], pages: int) -> str:
    items = "\n".join(
        f"""<article class="post type-post status-publish hentry">
<header class="entry-header"><h2 class="entry-title"><a href="{url}" rel="bookmark">{escape(a.title)}</a></h2>
<div class="entry-meta">{_wp_byline(site, a)}</div></header>
<div class="entry-summary"><p>{escape(a.body[0][:160])}&hellip;</p></div></article>"""
        for a, url in entries
    )
    base = wp_author_url(site, author)
    numbers = "".join(
        f'<span aria-current="page" class="page-numbers current">{n}</span>'
        if n == page
        else f'<a class="page-numbers" href="{base if n == 1 else f"{base}page/{n}/"}">{n}</a>'
        for n in range(1, pages + 1)
    )
    head = (
        f'<link rel="alternate" type="application/rss+xml" title="Field Notes &raquo; Posts by {escape(author.name)} Feed"'
        f' href="{base}feed/">\n<link rel="https://api.w.org/" href="{site.base_url}/wp-json/">\n'
    )
    if page < pages:
        numbers += f'<a class="next page-numbers" href="{base}page/{page + 1}/">Next</a>'
        head += f'<link rel="next" href="{base}page/{page + 1}/">'
    main = f"""<header class="page-header"><h1 class="page-title">Author: <span class="vcard">{escape(author.name)}</span></h1></header>
{items}
<nav class="navigation pagination" aria-label="Posts"><div class="nav-links">{numbers}</div></nav>"""
    body_class = f"archive author author-{author.slug} author-{author.wp_id}"
    return _wp_shell(site, author.name, head, body_class, main)


def _wp_feed(site: Site, title: str, entries: list[tuple[Article, str]]) -> Page:
    """An RSS 2.0 feed as WordPress renders it (co-authors as several dc:creator, as Co-Authors Plus does)."""
    items = "".join(
        f"<item><title>{escape(a.title)}</title><link>{url}</link>"
        + "".join(f"<dc:creator><![CDATA[{au.name}]]></dc:creator>" for au in a.authors)
        + f"<pubDate>{format_datetime(a.published)}</pubDate><guid isPermaLink=\"false\">{url}</guid></item>"
        for a, url in entries
    )
    body = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<channel><title>{escape(title)}</title><link>{site.base_url}/</link><description>Field Notes</description>"
        f"{items}</channel></rss>"
    )
    return Page(body, content_type="application/rss+xml; charset=UTF-8")


def _wp_rest_posts(site: Site, query: dict[str, list[str]], url_of: Callable[[Site, Article], str] = wp_url) -> Page:
    """``/wp-json/wp/v2/posts?author=ID&per_page=N&page=P``: the author's posts (WordPress's one author field)."""
    if site.rest_status != 200:
        error = {"code": "rest_forbidden", "message": "Sorry, you are not allowed to do that.", "data": {"status": 401}}
        return Page(json.dumps(error), status=site.rest_status, content_type="application/json")
    try:
        author_id = int(query.get("author", ["0"])[0])
        per_page = min(100, int(query.get("per_page", ["10"])[0]))
        page = int(query.get("page", ["1"])[0])
    except ValueError:
        return Page('{"code": "rest_invalid_param"}', status=400, content_type="application/json")
    posts = sorted(
        (a for a in site.articles if a.authors[0].wp_id == author_id), key=lambda a: a.published, reverse=True
    )
    pages = max(1, -(-len(posts) // per_page))
    if page > pages:
        return Page('{"code": "rest_post_invalid_page_number"}', status=400, content_type="application/json")
    chunk = posts[(page - 1) * per_page : page * per_page]
    headers = {"X-WP-Total": str(len(posts)), "X-WP-TotalPages": str(pages)}
    body = json.dumps([{"id": _wp_post_id(site, a), "author": author_id, "link": url_of(site, a)} for a in chunk])
    return Page(body, headers=headers, content_type="application/json")


def wpfree_routes(site: Site) -> Routes:
    routes: Routes = {}
    for article in site.articles:
        url = wp_url(site, article)
        page = Page(_wp_article(site, article, url, canonical=url))
        routes[url.removeprefix(site.base_url)] = page
        routes[f"/?p={_wp_post_id(site, article)}"] = page
        if article.repost_slug:
            repost = wp_url(site, article, article.repost_slug)
            routes[repost.removeprefix(site.base_url)] = Page(_wp_article(site, article, repost, canonical=None))
    for author in site.authors:
        entries: list[tuple[Article, str]] = []
        for article in site.by(author):
            entries.append((article, wp_url(site, article)))
            if article.repost_slug:
                entries.append((article, wp_url(site, article, article.repost_slug)))
        pages = max(1, -(-len(entries) // site.per_page))
        for n in range(1, pages + 1):
            chunk = entries[(n - 1) * site.per_page : n * site.per_page]
            path = f"/author/{author.slug}/" + (f"page/{n}/" if n > 1 else "")
            routes[path] = Page(_wp_archive(site, author, n, chunk, pages))
        routes[f"/author/{author.slug}/feed/"] = _wp_feed(site, f"Posts by {author.name}", entries)
    routes["/feed/"] = _wp_feed(site, "Field Notes", [(a, wp_url(site, a)) for a in site.articles])
    routes["/wp-json/wp/v2/posts"] = lambda query: _wp_rest_posts(site, query)
    listing = "".join(f'<h2><a href="{wp_url(site, a)}">{escape(a.title)}</a></h2>' for a in site.articles)
    for path in ("/", "/category/news/", "/tag/rivers/", "/tag/maps/", "/2024/03/"):
        routes[path] = Page(_wp_shell(site, "Field Notes", "", "home blog", listing))
    return routes


# -- Hand-written non-WordPress blog ----------------------------------------------------------------


def blog_url(site: Site, article: Article, slug: str | None = None) -> str:
    return f"{site.base_url}/posts/{slug or article.slug}"


def blog_author_url(site: Site, author: Author) -> str:
    return f"{site.base_url}/authors/{author.slug}"


def _blog_shell(title: str, head: str, main: str) -> str:
    return f"""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{escape(title)} | Slow Reading</title>
{head}
</head>
<body>
<div class="top"><a href="/">Slow Reading</a> &middot; <a href="/about">About</a> &middot; <a href="/archive">Archive</a></div>
<main>
{main}
</main>
<div class="bottom"><p>&copy; Slow Reading. Written by people, for people.</p></div>
</body>
</html>"""


def _blog_article(site: Site, article: Article, body: list[str]) -> str:
    primary = article.authors[0]
    others = [a for a in site.primary(primary) if a is not article][:4]
    more = "".join(f'<li><a href="/posts/{a.slug}">{escape(a.title)}</a></li>' for a in others)
    elsewhere = "".join(
        f'<li><a href="/posts/{a.slug}">{escape(a.title)}</a></li>' for a in site.articles if primary not in a.authors
    )
    byline = " and ".join(f'<a href="/authors/{a.slug}">{escape(a.name)}</a>' for a in article.authors)
    ld = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": article.title,
        "datePublished": article.published.isoformat(),
        "author": [
            {"@type": "Person", "name": a.name, "url": blog_author_url(site, a)} for a in article.authors
        ],
    }
    paras = "\n".join(f"<p>{escape(p)}</p>" for p in body)
    main = f"""<div class="main-column">
<h1>{escape(article.title)}</h1>
<p class="byline">Written by {byline} &middot; <span class="date">{_human(article)}</span></p>
<div class="body">
{paras}
</div>
<section class="further">
  <h2>More from this author</h2>
  <ul>{more}</ul>
</section>
<section class="more-stories">
  <h2>You might also like</h2>
  <ul>{elsewhere}</ul>
</section>
</div>"""
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    return _blog_shell(article.title, head, main)


def _blog_archive(site: Site, author: Author, page: int, entries: list[tuple[Article, str]], pages: int) -> str:
    items = "\n".join(
        f'<h2><a href="/posts/{slug}">{escape(a.title)}</a></h2><p>{escape(a.body[0][:120])}...</p>'
        for a, slug in entries
    )
    base = f"/authors/{author.slug}"
    head, pager = "", ""
    if page < pages:
        head = f'<link rel="next" href="{base}?page={page + 1}">'
        pager = f'<p class="pager"><a href="{base}?page={page + 1}">Older posts &rarr;</a></p>'
    main = f"<h1>{escape(author.name)}</h1>\n<p>Writes about places and records.</p>\n{items}\n{pager}"
    return _blog_shell(author.name, head, main)


def plainblog_routes(site: Site) -> Routes:
    routes: Routes = {}
    for article in site.articles:
        routes[f"/posts/{article.slug}"] = Page(_blog_article(site, article, article.body))
        if article.repost_slug:
            routes[f"/posts/{article.repost_slug}"] = Page(_blog_article(site, article, article.repost_body()))
    for author in site.authors:
        entries = [(a, a.slug) for a in site.by(author)]
        entries += [(a, a.repost_slug) for a in site.by(author) if a.repost_slug]
        pages = max(1, -(-len(entries) // site.per_page))
        for n in range(1, pages + 1):
            chunk = entries[(n - 1) * site.per_page : n * site.per_page]
            path = f"/authors/{author.slug}" + (f"?page={n}" if n > 1 else "")
            routes[path] = Page(_blog_archive(site, author, n, chunk, pages))
    listing = "".join(f'<h2><a href="/posts/{a.slug}">{escape(a.title)}</a></h2>' for a in site.articles)
    for path in ("/", "/archive", "/about"):
        routes[path] = Page(_blog_shell("Slow Reading", "", listing))
    return routes


THEMES: dict[str, tuple[Callable[[Site], Routes], Callable[..., str]]] = {
    "wpfree": (wpfree_routes, wp_url),
    "plainblog": (plainblog_routes, blog_url),
}


def _theme(name: str) -> tuple[Callable[[Site], Routes], Callable[..., str]]:
    if name not in THEMES:
        from tests.site import wp_themes  # registers the other WordPress themes

        THEMES.update(wp_themes.THEMES)
    return THEMES[name]


def article_url(site: Site, article: Article, slug: str | None = None) -> str:
    """The URL at which ``site``'s theme serves ``article`` (or its copy under ``slug``)."""
    return _theme(site.theme)[1](site, article, slug)


def render(site: Site) -> Routes:
    """All routes of ``site`` (its ``base_url`` must be set), plus ``/robots.txt``."""
    routes = _theme(site.theme)[0](site)
    # WordPress's own default: the admin is disallowed, its AJAX endpoint is not.
    robots = "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n"
    routes["/robots.txt"] = Page(robots, content_type="text/plain")
    return routes
