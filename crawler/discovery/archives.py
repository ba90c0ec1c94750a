"""Author archive pages: the article links they list and their next pages. Pure functions."""

from __future__ import annotations

import re

from parsel import Selector

from crawler.discovery.markup import absolute_url, classes, is_noise, text_of, unique
from crawler.discovery.names import is_author_archive_url
from crawler.urls import normalize_url, same_site

_NEXT_TEXT = re.compile(
    r"^\s*(?:older\s+(?:posts|entries|articles)|next(?:\s+page)?|more\s+posts|load\s+more)\s*[\u203a\u00bb\u2192>]*\s*$"
    # Arrow-only links: single and double right angle quotes, arrows, angle brackets, ornaments
    r"|^\s*[\u203a\u00bb\u2192\u27e9\u232a\u276f]\s*$",
    re.IGNORECASE,
)



def archive_article_links(sel: Selector, base_url: str) -> list[str]:
    """Return the article links listed on an archive page, in page order, without sidebars or pagination."""
    root = sel.root
    containers = [
        el
        for el in root.iter("article", "div", "li", "section")
        if el.tag == "article"
        or classes(el) & {"post", "hentry", "type-post", "entry", "post-item", "article-item", "story"}
    ]
    links: list[str | None] = []
    for container in containers:
        if is_noise(container):
            continue
        anchors = container.xpath(
            ".//*[self::h1 or self::h2 or self::h3 or self::h4]//a[@href]"
            " | .//a[contains(concat(' ', normalize-space(@rel), ' '), ' bookmark ')]"
            " | .//*[contains(concat(' ', normalize-space(@class), ' '), ' entry-title ')]//a[@href]"
        )
        links.extend(absolute_url(a.get("href"), base_url) for a in anchors)
    if not links:
        main = root.xpath("//main | //*[@id='content' or @id='main']")
        for scope in main[:1]:
            for a in scope.xpath(".//*[self::h2 or self::h3]//a[@href]"):
                if not is_noise(a):
                    links.append(absolute_url(a.get("href"), base_url))
    return [
        url
        for url in unique(links)
        if same_site(url, base_url) and not is_author_archive_url(url) and url != normalize_url(base_url)
    ]


def next_page_links(sel: Selector, base_url: str) -> list[str]:
    """Return the archive's next-page links (``rel=next``, "Older posts", numbered pagination's next)."""
    hrefs = sel.xpath(
        "//link[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]/@href"
        " | //a[contains(concat(' ', normalize-space(@rel), ' '), ' next ')]/@href"
        " | //a[contains(concat(' ', normalize-space(@class), ' '), ' next ')]/@href"
        " | //*[contains(@class, 'nav-previous')]//a/@href"
    ).getall()
    for a in sel.root.iter("a"):
        if _NEXT_TEXT.match(text_of(a)):
            hrefs.append(a.get("href"))
    base = normalize_url(base_url)
    urls = unique(absolute_url(h, base_url) for h in hrefs)
    return [url for url in urls if url != base and same_site(url, base_url)]
