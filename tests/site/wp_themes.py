"""Four more WordPress markups, modelled on real ones: tagDiv Newspaper, a Twenty-series block theme,
a classic theme with Jetpack related posts, and a headless front end that only the REST API describes."""

from __future__ import annotations

import json
from collections.abc import Callable
from html import escape
from urllib.parse import urlencode

from tests.site.content import Article, Author, Site
from tests.site.themes import Page, Routes, _human, _wp_feed, _wp_post_id, _wp_rest_posts, wp_author_url

#: The nonce tagDiv prints into every page and checks on its AJAX endpoint.
TD_NONCE = "f00dcafe42"


def _head(site: Site, article: Article, canonical: str) -> str:
    return (
        f'<link rel="canonical" href="{canonical}">\n'
        f'<meta property="og:title" content="{escape(article.title)}">\n'
        f'<meta property="article:published_time" content="{article.published.isoformat()}">\n'
        f'<link rel="https://api.w.org/" href="{site.base_url}/wp-json/">'
    )


def _doc(title: str, head: str, body_class: str, body: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="en-US">\n<head>\n<meta charset="UTF-8">\n<title>{escape(title)}</title>\n'
        f'{head}\n</head>\n<body class="{body_class}">\n{body}\n</body>\n</html>'
    )


def _paras(body: list[str]) -> str:
    return "\n".join(f"<p>{escape(p)}</p>" for p in body)


def _single_class(site: Site, article: Article) -> str:
    return f"post-template-default single single-post postid-{_wp_post_id(site, article)} single-format-standard"


def _archive_routes(
    site: Site,
    url_of: Callable[[Site, Article], str],
    render_page: Callable[[Site, Author, int, list[Article], int], str],
) -> Routes:
    """``/author/<slug>/`` and ``page/N/`` for every author (co-authored posts listed for each), and their feeds."""
    routes: Routes = {}
    for author in site.authors:
        articles = site.by(author)
        pages = max(1, -(-len(articles) // site.per_page))
        for n in range(1, pages + 1):
            chunk = articles[(n - 1) * site.per_page : n * site.per_page]
            path = f"/author/{author.slug}/" + (f"page/{n}/" if n > 1 else "")
            routes[path] = Page(render_page(site, author, n, chunk, pages))
        feed = [(a, url_of(site, a)) for a in articles[:10]]  # WordPress's default: the newest ten
        routes[f"/author/{author.slug}/feed/"] = _wp_feed(site, f"Posts by {author.name}", feed)
    routes["/feed/"] = _wp_feed(site, site.name, [(a, url_of(site, a)) for a in site.articles[-10:]])
    routes["/wp-json/wp/v2/posts"] = lambda query: _wp_rest_posts(site, query, url_of)
    return routes


def _traps(site: Site, url_of: Callable[[Site, Article], str], shell: Callable[[str], str]) -> Routes:
    """Home, category, tag and date archives: every author's posts, never to be followed."""
    listing = "".join(f'<h2 class="entry-title"><a href="{url_of(site, a)}">{escape(a.title)}</a></h2>' for a in site.articles)
    return {path: Page(shell(listing)) for path in ("/", "/category/business/", "/tag/markets/", "/2024/05/")}


def _archive_head(site: Site, author: Author, page: int, pages: int) -> str:
    base = wp_author_url(site, author)
    head = (
        f'<link rel="alternate" type="application/rss+xml" title="{escape(site.name)} &raquo; Posts by '
        f'{escape(author.name)} Feed" href="{base}feed/">\n<link rel="https://api.w.org/" href="{site.base_url}/wp-json/">'
    )
    if page < pages:
        head += f'\n<link rel="next" href="{base}page/{page + 1}/">'
    return head


def _archive_class(author: Author) -> str:
    return f"archive author author-{author.slug} author-{author.wp_id}"


# -- tagDiv Newspaper: the "MORE FROM AUTHOR" tab is filled by an AJAX POST --------------------------


def td_url(site: Site, article: Article, slug: str | None = None) -> str:
    return f"{site.base_url}/{article.published:%Y/%m/%d}/{slug or article.slug}/"


def _td_module(site: Site, article: Article) -> str:
    url = td_url(site, article)
    return (
        '<div class="td-related-span4"><div class="td_module_related_posts td-animation-stack td_mod_related_posts">'
        f'<div class="td-module-image"><div class="td-module-thumb"><a href="{url}" rel="bookmark" class="td-image-wrap"'
        f' title="{escape(article.title)}"></a></div></div><div class="item-details"><h3 class="entry-title td-module-title">'
        f'<a href="{url}" rel="bookmark" title="{escape(article.title)}">{escape(article.title)}</a></h3></div></div></div>'
    )


def _td_shell(site: Site, title: str, head: str, body_class: str, main: str) -> str:
    script = (
        f'<script>var td_ajax_url="{site.base_url.replace("/", chr(92) + "/")}\\/wp-admin\\/admin-ajax.php'
        f'?td_theme_name=Newspaper&v=12.6.5"; var tdBlockNonce="{TD_NONCE}"; var tdBlocksArray = [];</script>'
    )
    header = (
        f'<div class="td-header-wrap"><div class="td-header-menu-wrap"><ul class="sf-menu">'
        f'<li><a href="{site.base_url}/">Home</a></li><li><a href="{site.base_url}/category/business/">Business</a></li>'
        f'<li><a href="{site.base_url}/2024/05/">May 2024</a></li></ul></div></div>'
    )
    trending = "".join(f'<a href="{td_url(site, a)}">{escape(a.title)}</a>' for a in site.articles[:4])
    footer = f'<div class="td-footer-wrap"><div class="td-trending-now-wrapper">{trending}</div></div>'
    return _doc(title, head + "\n" + script, body_class + " td-standard-pack global-block-template-1", header + main + footer)


def _td_article(site: Site, article: Article) -> str:
    primary = article.authors[0]
    post_id = _wp_post_id(site, article)
    byline = "".join(
        f'<div class="td-post-author-name"><div class="td-author-by">By</div> <a href="{wp_author_url(site, a)}">'
        f'{escape(a.name)}</a><div class="td-author-line"> - </div></div>'
        for a in article.authors
    )
    related = [a for a in site.articles if primary not in a.authors][:3]
    block = "tdi_77"
    atts = {
        "limit": 3, "ajax_pagination": "next_prev", "live_filter": "cur_post_same_categories",
        "td_ajax_filter_type": "td_custom_related", "class": block, "td_column_number": 3,
        "block_type": "td_block_related_posts", "live_filter_cur_post_id": post_id,
        "live_filter_cur_post_author": str(primary.wp_id), "tdc_css_class": block,
    }
    script = (
        f'<script>var block_{block} = new tdBlock();\nblock_{block}.id = "{block}";\n'
        f"block_{block}.atts = '{json.dumps(atts, separators=(',', ':'))}';\n"
        f'block_{block}.td_column_number = "3";\nblock_{block}.block_type = "td_block_related_posts";\n'
        f'block_{block}.post_count = "3";\ntdBlocksArray.push(block_{block});</script>'
    )
    main = f"""<article id="post-{post_id}" class="post-{post_id} post type-post status-publish td-post-template-default">
<div class="td-post-header"><ul class="td-category"><li class="entry-category"><a href="{site.base_url}/category/business/">Business</a></li></ul>
<header class="td-post-title"><h1 class="entry-title">{escape(article.title)}</h1>
<div class="td-module-meta-info">{byline}<span class="td-post-date"><time class="entry-date updated td-module-date" datetime="{article.published.isoformat()}">{_human(article)}</time></span></div>
</header></div>
<div class="td-post-content tagdiv-type">
{_paras(article.body)}
</div>
</article>
<div class="td_block_wrap td_block_related_posts {block} td_with_ajax_pagination td-pb-border-top td_block_template_1" data-td-block-uid="{block}">
{script}
<h4 class="td-related-title td-block-title"><a id="tdi_78" class="td-related-left td-cur-simple-item" data-td_filter_value="" data-td_block_id="{block}" href="#">RELATED ARTICLES</a><a id="tdi_79" class="td-related-right" data-td_filter_value="td_related_more_from_author" data-td_block_id="{block}" href="#">MORE FROM AUTHOR</a></h4>
<div id="{block}" class="td_block_inner"><div class="td-related-row">{"".join(_td_module(site, a) for a in related)}</div></div>
<div class="td-next-prev-wrap"><a href="#" class="td-ajax-prev-page ajax-page-disabled" id="prev-page-{block}" data-td_block_id="{block}">&lsaquo;</a><a href="#" class="td-ajax-next-page" id="next-page-{block}" data-td_block_id="{block}">&rsaquo;</a></div>
</div>"""
    url = td_url(site, article)
    return _td_shell(site, article.title, _head(site, article, url), _single_class(site, article), main)


def _td_ajax(site: Site, form: dict[str, list[str]]) -> Page:
    """``admin-ajax.php``, ``action=td_ajax_block``: one page of a block, as JSON with its HTML in ``td_data``."""

    def field(name: str) -> str:
        return form.get(name, [""])[0]

    if field("action") != "td_ajax_block":
        return Page("0", status=400, content_type="text/html")
    if field("td_magic_token") != TD_NONCE:
        return Page("-1", status=403, content_type="text/html")
    try:
        atts = json.loads(field("td_atts"))
        page = int(field("td_current_page") or 1)
        current = int(atts["live_filter_cur_post_id"])
        author_id = int(atts["live_filter_cur_post_author"])
    except (ValueError, KeyError, TypeError):
        return Page("0", status=400, content_type="text/html")
    limit = int(atts.get("limit", 3))
    if field("td_filter_value") == "td_related_more_from_author":
        posts = [a for a in site.articles if a.authors[0].wp_id == author_id and _wp_post_id(site, a) != current]
    else:  # the "Related" tab: same category, any author
        posts = [a for a in site.articles if _wp_post_id(site, a) != current]
    posts.sort(key=lambda a: a.published, reverse=True)
    chunk = posts[(page - 1) * limit : page * limit]
    data = {
        "td_data": '<div class="td-related-row">' + "".join(_td_module(site, a) for a in chunk) + "</div>",
        "td_block_id": field("td_block_id"),
        "td_hide_prev": page == 1,
        "td_hide_next": page * limit >= len(posts),
    }
    return Page(json.dumps(data), content_type="application/json; charset=UTF-8")


def _td_archive(site: Site, author: Author, page: int, articles: list[Article], pages: int) -> str:
    modules = "".join(
        f'<div class="td-block-span6"><div class="td_module_1 td_module_wrap"><h3 class="entry-title td-module-title">'
        f'<a href="{td_url(site, a)}" rel="bookmark">{escape(a.title)}</a></h3></div></div>'
        for a in articles
    )
    base = wp_author_url(site, author)
    nav = f'<a href="{base}page/{page + 1}/"><i class="td-icon-menu-right"></i></a>' if page < pages else ""
    main = (
        f'<div class="td-ss-main-content"><div class="td-page-header"><h1 class="entry-title td-page-title">'
        f'<span>{escape(author.name)}</span></h1></div><div class="td-block-row">{modules}</div>'
        f'<div class="page-nav td-pb-padding-side">{nav}</div></div>'
    )
    return _td_shell(site, author.name, _archive_head(site, author, page, pages), _archive_class(author), main)


def tagdiv_routes(site: Site) -> Routes:
    routes: Routes = {td_url(site, a).removeprefix(site.base_url): Page(_td_article(site, a)) for a in site.articles}
    routes.update(_archive_routes(site, td_url, _td_archive))
    routes["POST /wp-admin/admin-ajax.php"] = lambda form: _td_ajax(site, form)
    routes.update(_traps(site, td_url, lambda listing: _td_shell(site, site.name, "", "home", listing)))
    return routes


# -- Twenty Twenty-Four: block theme, byline link, author archive and feed; REST switched off ----------


def twenty_url(site: Site, article: Article, slug: str | None = None) -> str:
    return f"{site.base_url}/{slug or article.slug}/"


def _tt_shell(site: Site, title: str, head: str, body_class: str, main: str) -> str:
    header = (
        f'<header class="wp-block-template-part"><p class="wp-block-site-title"><a href="{site.base_url}/" rel="home">'
        f'{escape(site.name)}</a></p><nav class="wp-block-navigation"><a href="{site.base_url}/2024/05/">May</a></nav></header>'
    )
    return _doc(title, head, body_class + " wp-embed-responsive", f'<div class="wp-site-blocks">{header}{main}</div>')


def _tt_article(site: Site, article: Article) -> str:
    index = site.articles.index(article)
    # Post navigation: the previous and next posts of the whole site, whoever wrote them.
    navigation = "".join(
        f'<div class="post-navigation-link-{side} wp-block-post-navigation-link"><a href="{twenty_url(site, other)}"'
        f' rel="{side[:4]}">{escape(other.title)}</a></div>'
        for side, other in (("previous", site.articles[index - 1]), ("next", site.articles[(index + 1) % len(site.articles)]))
    )
    authors = "".join(
        f'<div class="wp-block-post-author-name"><a href="{wp_author_url(site, a)}" target="_self"'
        f' class="wp-block-post-author-name__link">{escape(a.name)}</a></div>'
        for a in article.authors
    )
    main = f"""<main class="wp-block-group">
<h1 class="wp-block-post-title">{escape(article.title)}</h1>
<div class="wp-block-group post-meta"><div class="wp-block-post-date"><time datetime="{article.published.isoformat()}">{_human(article)}</time></div>
<p>by</p>{authors}</div>
<div class="entry-content wp-block-post-content">
{_paras(article.body)}
</div>
<nav class="wp-block-group" aria-label="Posts">{navigation}</nav>
</main>"""
    head = _head(site, article, twenty_url(site, article))
    return _tt_shell(site, article.title, head, _single_class(site, article), main)


def _tt_archive(site: Site, author: Author, page: int, articles: list[Article], pages: int) -> str:
    items = "".join(
        f'<li class="wp-block-post post type-post status-publish"><h2 class="wp-block-post-title">'
        f'<a href="{twenty_url(site, a)}" target="_self">{escape(a.title)}</a></h2></li>'
        for a in articles
    )
    base = wp_author_url(site, author)
    nav = f'<a href="{base}page/{page + 1}/" class="wp-block-query-pagination-next">Next Page</a>' if page < pages else ""
    main = (
        f'<main class="wp-block-group"><h1 class="wp-block-query-title">Author: {escape(author.name)}</h1>'
        f'<div class="wp-block-query"><ul class="wp-block-post-template">{items}</ul>'
        f'<nav class="wp-block-query-pagination" aria-label="Pagination">{nav}</nav></div></main>'
    )
    return _tt_shell(site, author.name, _archive_head(site, author, page, pages), _archive_class(author), main)


def twenty_routes(site: Site) -> Routes:
    routes: Routes = {twenty_url(site, a).removeprefix(site.base_url): Page(_tt_article(site, a)) for a in site.articles}
    routes.update(_archive_routes(site, twenty_url, _tt_archive))
    routes.update(_traps(site, twenty_url, lambda listing: _tt_shell(site, site.name, "", "home blog", listing)))
    return routes


# -- A classic theme with Jetpack related posts (any author) and an author bio box --------------------


def jetpack_url(site: Site, article: Article, slug: str | None = None) -> str:
    return f"{site.base_url}/{article.published:%Y/%m/%d}/{slug or article.slug}/"


def _jp_article(site: Site, article: Article) -> str:
    primary = article.authors[0]
    url = jetpack_url(site, article)
    related = [a for a in site.articles if a is not article][:3]  # Jetpack picks by content, not by author
    items = "".join(
        f'<div class="jp-relatedposts-post jp-relatedposts-post{i}" data-post-id="{_wp_post_id(site, a)}">'
        f'<h4 class="jp-relatedposts-post-title"><a class="jp-relatedposts-post-a" href="{jetpack_url(site, a)}?'
        f'{urlencode({"relatedposts_hit": 1, "relatedposts_origin": _wp_post_id(site, article), "relatedposts_position": i})}"'
        f' title="{escape(a.title)}">{escape(a.title)}</a></h4></div>'
        for i, a in enumerate(related)
    )
    byline = " and ".join(
        f'<span class="author vcard"><a class="url fn n" href="{wp_author_url(site, a)}">{escape(a.name)}</a></span>'
        for a in article.authors
    )
    main = f"""<main id="main" class="site-main">
<article id="post-{_wp_post_id(site, article)}" class="post type-post status-publish hentry">
<header class="entry-header"><h1 class="entry-title">{escape(article.title)}</h1></header>
<div class="entry-content">
{_paras(article.body)}
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3>
<div class="jp-relatedposts-items jp-relatedposts-items-visual">{items}</div></div>
</div>
<div class="author-info"><div class="author-description"><h2 class="author-title"><span class="author-heading">Author:</span> {escape(primary.name)}</h2>
<p class="author-bio">Writes about markets and towns. <a class="author-link" href="{wp_author_url(site, primary)}" rel="author">View all posts by {escape(primary.name)}</a></p></div></div>
<footer class="entry-footer"><span class="byline">{byline}</span> <span class="posted-on"><time class="entry-date published" datetime="{article.published.isoformat()}">{_human(article)}</time></span></footer>
</article>
</main>"""
    return _doc(article.title, _head(site, article, url), _single_class(site, article), main)


def _jp_archive(site: Site, author: Author, page: int, articles: list[Article], pages: int) -> str:
    items = "".join(
        f'<article class="post type-post hentry"><header class="entry-header"><h2 class="entry-title">'
        f'<a href="{jetpack_url(site, a)}" rel="bookmark">{escape(a.title)}</a></h2></header></article>'
        for a in articles
    )
    base = wp_author_url(site, author)
    nav = f'<div class="nav-previous"><a href="{base}page/{page + 1}/">Older posts</a></div>' if page < pages else ""
    main = f'<main id="main" class="site-main"><header class="page-header"><h1 class="page-title">Author: {escape(author.name)}</h1></header>{items}<nav class="navigation posts-navigation">{nav}</nav></main>'
    return _doc(author.name, _archive_head(site, author, page, pages), _archive_class(author), main)


def jetpack_routes(site: Site) -> Routes:
    routes: Routes = {jetpack_url(site, a).removeprefix(site.base_url): Page(_jp_article(site, a)) for a in site.articles}
    routes.update(_archive_routes(site, jetpack_url, _jp_archive))
    routes.update(_traps(site, jetpack_url, lambda listing: _doc(site.name, "", "home", f"<main>{listing}</main>")))
    return routes


# -- A headless front end: byline names, no archive, no feed; the WordPress REST API behind it --------


def headless_url(site: Site, article: Article, slug: str | None = None) -> str:
    return f"{site.base_url}/stories/{slug or article.slug}"


def _hl_article(site: Site, article: Article) -> str:
    post_id = _wp_post_id(site, article)
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "datePublished": article.published.isoformat(),
        "author": [{"@type": "Person", "name": a.name} for a in article.authors],
    }
    head = (
        _head(site, article, headless_url(site, article))
        + f'\n<link rel="alternate" type="application/json" href="{site.base_url}/wp-json/wp/v2/posts/{post_id}">'
        + f'\n<script type="application/ld+json">{json.dumps(ld)}</script>'
    )
    latest = "".join(f'<li><a href="{headless_url(site, a)}">{escape(a.title)}</a></li>' for a in site.articles[-4:])
    main = f"""<div id="__next"><header><a href="/">{escape(site.name)}</a></header>
<main><article><h1>{escape(article.title)}</h1>
<p class="story-meta">By {" and ".join(escape(a.name) for a in article.authors)} &middot; {_human(article)}</p>
<div class="story-body">
{_paras(article.body)}
</div></article>
<aside class="latest"><h2>Latest stories</h2><ul>{latest}</ul></aside></main></div>"""
    return _doc(article.title, head, "", main)


def _hl_post(site: Site, article: Article) -> Page:
    body = {"id": _wp_post_id(site, article), "author": article.authors[0].wp_id, "link": headless_url(site, article)}
    return Page(json.dumps(body), content_type="application/json")


def headless_routes(site: Site) -> Routes:
    routes: Routes = {}
    for article in site.articles:
        routes[headless_url(site, article).removeprefix(site.base_url)] = Page(_hl_article(site, article))
        routes[f"/wp-json/wp/v2/posts/{_wp_post_id(site, article)}"] = _hl_post(site, article)
    routes["/wp-json/wp/v2/posts"] = lambda query: _wp_rest_posts(site, query, headless_url)
    listing = "".join(f'<h2><a href="{headless_url(site, a)}">{escape(a.title)}</a></h2>' for a in site.articles)
    routes["/"] = Page(_doc(site.name, "", "", f"<main>{listing}</main>"))
    return routes


THEMES = {
    "tagdiv": (tagdiv_routes, td_url),
    "twenty": (twenty_routes, twenty_url),
    "jetpack": (jetpack_routes, jetpack_url),
    "headless": (headless_routes, headless_url),
}
