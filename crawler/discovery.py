"""Same-author link discovery on a parsed page: pure functions over a parsel ``Selector``.

Everything here works on the raw page, before extraction: trafilatura drops the
elements (class names containing ``author`` or ``related``) that carry these links.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import urljoin

from lxml import etree
from parsel import Selector

from crawler.authors import AUTHORISH_HREF, archive_base, is_author_archive_url, name_key, split_author_names
from crawler.urls import is_http_url, normalize_url, same_site


@dataclass(frozen=True)
class Byline:
    """A person named as an author of the page, with the author archive URL when linked."""

    name: str
    url: str | None = None


@dataclass(frozen=True)
class MoreFromBlock:
    """A "More From Author" block: the article links it lists and, when its heading names one, whose they are."""

    links: tuple[str, ...]
    author_name: str | None = None


# Theme classes of server-rendered "More From Author" blocks.
MORE_FROM_CLASSES = frozenset(
    {
        "single-author-posts",
        "author-posts",
        "more-from-author",
        "more-by-author",
        "author-more-posts",
        "more-author-posts",
        "posts-by-author",
        "author-related-posts",
    }
)

# Headings of "More From Author" blocks. A named heading ("More by Jane Doe") only counts
# when the name matches a byline author: "More from Technology" is a category, not a person.
_APOS = "['\u2019]"
# "More from this author" in English, French, German, Spanish, Portuguese and Italian.
_GENERIC_HEADING = re.compile(
    "^(?:"
    r"(?:more|other|also)\s+(?:posts|articles|stories|entries)?\s*(?:from|by)\s+(?:(?:this|the)\s+)?"
    r"(?:author|writer|columnist)s?\b"
    rf"|(?:plus|autres?)\s+(?:d{_APOS}|de\s+|des\s+)?(?:articles?|billets?|publications?)?\s*"
    rf"(?:de\s+|du\s+|de\s+l{_APOS})?(?:cet\s+|l{_APOS})?auteur|(?:articles?\s+)?du\s+m[êe]me\s+auteur"
    r"|(?:mehr|weitere)\s+(?:artikel|beitr[äa]ge|texte)?\s*(?:vom|von\s+diesem|des|dieses)\s+autors?"
    r"|artikel\s+(?:dieses|des)\s+autors"
    r"|(?:m[áa]s|otros)\s+(?:art[íi]culos|entradas|posts)?\s*(?:del|de\s+este|de\s+la|de\s+esta)\s+autora?"
    r"|del\s+mismo\s+autor"
    r"|(?:mais|outros)\s+(?:artigos|posts|textos)?\s*(?:do|deste|da|desta)\s+autora?|do\s+mesmo\s+autor"
    rf"|(?:altro|altri|pi[ùu])\s+(?:articoli)?\s*(?:dell{_APOS}|dall{_APOS}|dello|di\s+questo|da\s+questo)\s*autore"
    r"|dello\s+stesso\s+autore"
    ")",
    re.IGNORECASE,
)
# A heading that names the author: "More by Jane Doe", "Plus de Jeanne Dupont", "Weitere Artikel von ...".
_NAMED_HEADING = re.compile(
    r"^(?:(?:more|other)\s+(?:posts|articles|stories|entries|writing)?\s*(?:from|by)"
    r"|also\s+by"
    r"|(?:plus|autres\s+articles)\s+de"
    r"|(?:mehr|weitere\s+(?:artikel|beitr[äa]ge))\s+von"
    r"|(?:m[áa]s|otros\s+art[íi]culos|m[áa]s\s+art[íi]culos)\s+de"
    r"|(?:mais|outros\s+artigos|mais\s+artigos)\s+de"
    r"|(?:altri\s+articoli|altro|pi[ùu])\s+di"
    r")\s+(?P<name>.+?)\s*[:.]?$",
    re.IGNORECASE,
)
_RELATED = re.compile(r"\brelated\b", re.IGNORECASE)

# Ancestors that never hold the page's own byline or article list.
_NOISE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:sidebar|widget|comments?|related|share|sharing|newsletter|footer-widgets|"
    r"trending|popular|recent-posts|tagcloud|tag-cloud|breadcrumbs?)(?:$|[\s_-])",
    re.IGNORECASE,
)
_NOISE_TAGS = frozenset({"aside", "nav", "footer"})
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")

_NEXT_TEXT = re.compile(
    r"^\s*(?:older\s+(?:posts|entries|articles)|next(?:\s+page)?|more\s+posts|load\s+more)\s*[\u203a\u00bb\u2192>]*\s*$"
    r"|^\s*[\u203a\u00bb\u2192]\s*$",
    re.IGNORECASE,
)


def _classes(el: etree._Element) -> set[str]:
    return set((el.get("class") or "").lower().split())


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _is_noise(el: etree._Element, blocks: Iterable[etree._Element] = ()) -> bool:
    """True when ``el`` sits inside a sidebar, navigation, comment, related or "more from" block."""
    block_set = set(blocks)
    for anc in el.iterancestors():
        if anc in block_set:
            return True
        if anc.tag in _NOISE_TAGS and not _classes(anc) & {"entry-footer", "post-footer", "entry-meta"}:
            return True
        if _NOISE_CLASS.search(anc.get("class") or "") or _NOISE_CLASS.search(anc.get("id") or ""):
            return True
    return False


def absolute_url(href: str | None, base_url: str) -> str | None:
    """Return ``href`` resolved against ``base_url`` and normalized, or None when it is not an http(s) link."""
    if not href:
        return None
    href = href.strip()
    if href.startswith(("#", "javascript:", "mailto:", "tel:")):
        return None
    try:
        url = urljoin(base_url, href)
        return normalize_url(url) if is_http_url(url) else None
    except ValueError:  # e.g. "http://[bad": a malformed link is no link
        return None


def _unique(urls: Iterable[str | None]) -> list[str]:
    seen: dict[str, None] = {}
    for url in urls:
        if url and url not in seen:
            seen[url] = None
    return list(seen)


def jsonld_objects(sel: Selector) -> Iterator[dict]:
    """Yield every JSON-LD object of the page, including those nested in ``@graph``."""
    for raw in sel.xpath('//script[@type="application/ld+json"]/text()').getall():
        try:
            data = json.loads(raw)
        except ValueError:
            continue
        stack = [data]
        while stack:
            obj = stack.pop()
            if isinstance(obj, list):
                stack.extend(obj)
            elif isinstance(obj, dict):
                yield obj
                stack.extend(v for k, v in obj.items() if k in {"@graph", "mainEntity"})


def _jsonld_authors(sel: Selector, base_url: str) -> list[Byline]:
    found: list[Byline] = []
    for obj in jsonld_objects(sel):
        types = obj.get("@type")
        types = types if isinstance(types, list) else [types]
        if not any(isinstance(t, str) and t.endswith(("Article", "Posting")) for t in types):
            continue
        authors = obj.get("author") or []
        authors = authors if isinstance(authors, list) else [authors]
        # An outlet listed beside its reporters ("Condé Nast") is not an author; alone, it is the byline.
        people = [a for a in authors if not (isinstance(a, dict) and a.get("@type") == "Organization")]
        for author in people or authors:
            if isinstance(author, str):
                found.extend(Byline(name) for name in split_author_names(author))
            elif isinstance(author, dict) and isinstance(author.get("name"), str):
                url = author.get("url") if isinstance(author.get("url"), str) else None
                found.extend(Byline(name, absolute_url(url, base_url)) for name in split_author_names(author["name"]))
    return found


def more_from_author_blocks(sel: Selector, base_url: str) -> list[MoreFromBlock]:
    """Find the page's "More From Author" blocks, by theme class or heading text; never "Related" blocks."""
    return [block for _, block in more_from_elements(sel, base_url)]


def _block_links(elements: Iterable[etree._Element], base_url: str) -> tuple[str, ...]:
    links = []
    for el in elements:
        anchors = [el] if el.tag == "a" else el.iter("a")
        for a in anchors:
            url = absolute_url(a.get("href"), base_url)
            if url and same_site(url, base_url) and not is_author_archive_url(url):
                links.append(url)
    return tuple(_unique(links))


def _heading_kind(text: str) -> tuple[bool, str | None]:
    """Return (is a "more from" heading, the author name it gives)."""
    if not text or len(text) > 80 or _RELATED.search(text):
        return False, None
    if _GENERIC_HEADING.match(text):
        return True, None
    match = _NAMED_HEADING.match(text)
    if match:
        return True, match.group("name").strip()
    return False, None


def more_from_elements(sel: Selector, base_url: str) -> list[tuple[etree._Element, MoreFromBlock]]:
    """Return each "More From Author" block with its element, so callers can also prune it."""
    root = sel.root
    found: list[tuple[etree._Element, MoreFromBlock]] = []
    claimed: set[etree._Element] = set()

    for el in root.iter():
        if not isinstance(el.tag, str) or el in claimed:
            continue
        if _classes(el) & MORE_FROM_CLASSES:
            name = None
            for heading in el.iter(*_HEADINGS):
                _, name = _heading_kind(_text(heading))
                break
            links = _block_links([el], base_url)
            if links:
                found.append((el, MoreFromBlock(links, name)))
                claimed.update(el.iter())

    for heading in root.iter(*_HEADINGS):
        if heading in claimed:
            continue
        is_block, name = _heading_kind(_text(heading))
        if not is_block:
            continue
        # The block is what follows the heading up to the next heading; if the heading is
        # wrapped (div.title > h3), climb one or two levels and look again.
        anchor = heading
        for _ in range(3):
            siblings = []
            for sib in anchor.itersiblings():
                if not isinstance(sib.tag, str):
                    continue
                if sib.tag in _HEADINGS:
                    break
                siblings.append(sib)
            links = _block_links(siblings, base_url)
            if links:
                container = anchor.getparent() if anchor is not heading else heading.getparent()
                found.append((container, MoreFromBlock(links, name)))
                claimed.update(e for s in siblings for e in s.iter())
                break
            parent = anchor.getparent()
            if parent is None or parent.tag in {"body", "main", "article"}:
                break
            anchor = parent
    return found


def byline_authors(
    sel: Selector, base_url: str, blocks: list[tuple[etree._Element, MoreFromBlock]] | None = None
) -> list[Byline]:
    """Return the page's own authors, in byline order, ignoring names in sidebars and "More From" blocks.

    ``blocks`` is ``more_from_elements(sel, base_url)`` when the caller already has it.
    """
    if blocks is None:
        blocks = more_from_elements(sel, base_url)
    block_elements = [el for el, _ in blocks]
    candidates: list[Byline] = []
    root = sel.root
    # Cheap selection first: only these few anchors are resolved, normalized and checked.
    for a in root.iter("a"):
        href = a.get("href") or ""
        rel_author = "author" in (a.get("rel") or "").lower().split()
        if not (rel_author or AUTHORISH_HREF.search(href)):
            continue
        url = absolute_url(href, base_url)
        linked_archive = url is not None and is_author_archive_url(url) and same_site(url, base_url)
        # A byline's other links (sections, home page, share buttons) are not people.
        if (rel_author or linked_archive) and not _is_noise(a, block_elements):
            for name in split_author_names(_text(a)):
                candidates.append(Byline(name, archive_base(url) if linked_archive else None))

    candidates.extend(_jsonld_authors(sel, base_url))
    if not candidates:
        # The weakest source: sites put their publisher there too.
        for content in sel.xpath('//meta[@name="author"]/@content').getall():
            candidates.extend(Byline(name) for name in split_author_names(content))

    merged: dict[str, Byline] = {}
    for cand in candidates:
        key = name_key(cand.name)
        if not key:
            continue
        known = merged.get(key)
        if known is None:
            merged[key] = cand
        elif known.url is None and cand.url:
            merged[key] = Byline(known.name, cand.url)
    return list(merged.values())


def archive_article_links(sel: Selector, base_url: str) -> list[str]:
    """Return the article links listed on an archive page, in page order, without sidebars or pagination."""
    root = sel.root
    containers = [
        el
        for el in root.iter("article", "div", "li", "section")
        if el.tag == "article"
        or _classes(el) & {"post", "hentry", "type-post", "entry", "post-item", "article-item", "story"}
    ]
    links: list[str | None] = []
    for container in containers:
        if _is_noise(container):
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
                if not _is_noise(a):
                    links.append(absolute_url(a.get("href"), base_url))
    return [
        url
        for url in _unique(links)
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
        if _NEXT_TEXT.match(_text(a)):
            hrefs.append(a.get("href"))
    base = normalize_url(base_url)
    urls = _unique(absolute_url(h, base_url) for h in hrefs)
    return [url for url in urls if url != base and same_site(url, base_url)]
