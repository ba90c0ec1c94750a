"""The record's headline: the page's ``<h1>``, else its metadata title without the site's name.

Pure functions over a parsel ``Selector``; ``crawler.extraction.record`` calls them on the same parse as the body.
The names the page gives its site are read here; ``crawler.extraction.sitename`` cuts them out of a title.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml.html import HtmlElement
from parsel import Selector

from crawler.discovery.markup import TITLE_SEPARATORS, home_link_texts, is_noise, is_post_body
from crawler.discovery.pagemeta import page_meta
from crawler.discovery.pagescan import page_scan
from crawler.extraction.boilerplate import CJK
from crawler.extraction.headline import headline_text, is_kicker
from crawler.extraction.sitename import BARS, strip_site_name, title_key, title_words

_WORD = re.compile(r"\w+")


def page_title(sel: Selector, url: str | None = None) -> str | None:
    """Return the headline: the page's ``<h1>``, else its metadata title without the site's name.

    ``og:title`` and ``<title>`` are written for search engines and share cards ("Headline | Site",
    a reworded headline); the ``<h1>`` is what the reader sees above the article.
    """
    return page_headline(sel, url)[0]


#: A site's name is at most this many words, and characters: a longer part of the title is not one
#: ("Verkündung des Tabaksteuermodernisierungsgesetzes" is three words).
SITE_NAME_WORDS, SITE_NAME_CHARS = 3, 32


def page_headline(sel: Selector, url: str | None = None) -> tuple[str | None, HtmlElement | None]:
    """``page_title``, and the ``<h1>`` it was read from (None when it came from the metadata)."""
    meta_title = _meta_title(sel)
    site_names = _site_names(sel, url) | _host_keys(url)
    # "Headline - Site": the short parts after the first name the site; an <h1> that reads so is the site's logo.
    # A long one is the headline after its kicker ("Corona-Pandemie - „Es kommt auch darauf an, …“").
    tail_parts = {title_key(part) for part in TITLE_SEPARATORS.split(meta_title or "")[1:]
                  if title_words(part) <= SITE_NAME_WORDS and len(part.strip()) <= SITE_NAME_CHARS}
    h1s = [(h1, headline_text(h1)) for h1 in sel.root.iter("h1")]
    # A first <h1> that reads so is the site's logo: its text names the site ("Muffin Grundrezept : Muffin Rezepte").
    first = next((key for _, text in h1s if (key := title_key(text))), None)
    site_names |= tail_parts & {first}
    # <h1 class="strapline">: the topic line, the headline below it; nor is an <h1> in a noise area the headline.
    # Nor is one in the post's body: a section's heading (a Blogger post's <h1>s under its <h3> title).
    candidates = [(h1, text) for h1, text in h1s if not (is_noise(h1) or is_kicker(h1) or _in_post_body(h1))]
    # With no other <h1>, one set as the breadcrumb trail's last crumb (noise by its class) is the headline.
    candidates = candidates or [(h1, text) for h1, text in h1s if _in_breadcrumbs(h1)]
    # Compared without the site's name: an <h1> that shares only that with it is not the headline.
    headlines = frozenset(title_key(text) for _, text in candidates) - site_names
    bare_title = strip_site_name(meta_title, site_names, headlines=headlines) if meta_title else None
    others = [strip_site_name(title, site_names, headlines=headlines) for title in _other_titles(sel, meta_title)]
    headline, h1 = _headline(candidates, bare_title, site_names | tail_parts, others)
    if headline and bare_title and title_key(headline) != title_key(bare_title) and \
            _titled_below(sel.root, h1, title_key(bare_title)):
        headline, h1 = None, None  # a blog's or a section's <h1>, the post's title in an <h2>/<h3> under it
    if headline:
        # An <h1>'s short last part after a dash is its subtitle ("- tips and tricks"); after a bar, a section.
        return (strip_site_name(headline, site_names, BARS) if TITLE_SEPARATORS.search(headline) else headline), h1
    return (_part_headed(sel.root, meta_title) if meta_title and not h1s else None) or bare_title, None


#: A part of the title a heading reads as is the headline when it has this many words or more.
HEADED_PART_WORDS = 3


def _in_breadcrumbs(h1: HtmlElement) -> bool:
    """Whether ``h1`` sits in a breadcrumb trail (an ancestor's class or id names it)."""
    return any(_CRUMBS.search(f"{up.get('class', '')} {up.get('id', '')}") for up in h1.iterancestors())


_CRUMBS = re.compile(r"breadcrumb", re.IGNORECASE)


def _in_post_body(h1: HtmlElement) -> bool:
    """Whether ``h1`` heads a section of the post's body (``articleBody``, ``post-body``) whose title a heading
    before that body gives (Blogger's ``<h3 class="post-title">``); not one marked as the headline."""
    if h1.get("itemprop") == "headline":
        return False
    body = next((up for up in h1.iterancestors() if is_post_body(up)), None)
    return body is not None and any(
        "title" in (el.get("class") or "") or el.get("itemprop") in {"name", "headline"}
        for before in body.itersiblings(preceding=True) for el in before.iter("h2", "h3"))


def _part_headed(root: HtmlElement, title: str) -> str | None:
    """The part of a title of several parts that an ``<h2>`` or ``<h3>`` of a page with no ``<h1>`` reads as: the
    post's title, where an older theme heads it so ("Gregory Szorc's Digital Home | Mercurial's Journey to ...")."""
    parts = [part.strip() for part in TITLE_SEPARATORS.split(title)]
    if len(parts) < 2:
        return None
    keys = {title_key(part): part for part in parts if title_words(part) >= HEADED_PART_WORDS}
    return next((keys[key] for el in root.iter("h2", "h3") if (key := title_key(headline_text(el))) in keys), None)


def metadata_title(sel: Selector, url: str | None = None) -> str | None:
    """The title the page's metadata gives, without the site's names its metadata, logo link and address give: what
    ``page_headline`` compares the page's ``<h1>`` with."""
    meta_title = _meta_title(sel)
    return strip_site_name(meta_title, _site_names(sel, url) | _host_keys(url)) if meta_title else None


def _meta_title(sel: Selector) -> str | None:
    """The title the page's metadata gives: ``og:title``, ``twitter:title``, JSON-LD ``headline``, ``<title>``.

    One of them is at times another page's or a description (a site-wide share text): the first that
    another of them agrees with is taken, else the first.
    """
    meta = page_meta(sel)
    tagged = (_first_text(meta.contents(tag)) for tag in (("property", "og:title"), ("name", "twitter:title")))
    candidates = [text for text in tagged if text]
    if not candidates:
        candidates.extend([text] if (text := _first_text(_jsonld_headlines(sel))) else [])
    candidates.extend([meta.title] if meta.title else [])
    words = [set(_WORD.findall(text.casefold())) for text in candidates]
    chosen = next((candidates[i] for i, own in enumerate(words) if any(
        len(own & other) * 2 >= min(len(own), len(other)) for j, other in enumerate(words) if j != i)), None)
    chosen = chosen or (candidates[0] if candidates else None)
    # A quotation mark left unescaped in a meta tag's content ends it there: "… califica a Biden de "incapacitado"".
    if chosen and meta.title.startswith(chosen) and meta.title[len(chosen):].lstrip()[:1] in _QUOTES:
        return meta.title
    return chosen


_QUOTES = frozenset('"\u201c\u201e\u00ab')


def _other_titles(sel: Selector, meta_title: str | None) -> list[str]:
    """The page's ``<title>`` and JSON-LD ``headline``s other than ``meta_title``."""
    headlines = [" ".join(headline.split()) for headline in _jsonld_headlines(sel)]
    return [title for title in dict.fromkeys([page_meta(sel).title.strip(), *headlines])
            if title and title != meta_title]


def _jsonld_headlines(sel: Selector) -> list[str]:
    """The ``headline`` of each of the page's JSON-LD objects that has one."""
    return [obj["headline"] for obj in page_meta(sel).jsonld if isinstance(obj.get("headline"), str)]


def _first_text(values: list[str]) -> str | None:
    """The first of ``values`` with any text, its spacing collapsed."""
    return next((" ".join(value.split()) for value in values if value.strip()), None)


def _headline(
    h1s: list[tuple[HtmlElement, str]], meta_title: str | None, not_headlines: set[str], others: list[str]
) -> tuple[str | None, HtmlElement | None]:
    """The ``<h1>`` of the page's candidate ``h1s`` (each with its ``headline_text``) that reads as the headline (the
    only one, or the one closest to the metadata title, else to the page's ``others`` titles), and its text."""
    found = []
    for h1, text in h1s:
        if (len(text) >= 8 or CJK.search(text)) and title_words(text) >= 2 and len(text) <= 300 and \
                title_key(text) not in not_headlines \
                and not _not_a_headline(text):
            found.append((text, h1))
    if not found or not meta_title:
        return found[0] if len(found) == 1 else (None, None)
    # An <h1> that shares no word with the metadata title is the site's name or a section heading, unless the
    # metadata title is a site-wide share text ("Blog post >> Visit our blog") and another of the page's titles
    # shares words with the <h1>.
    words = _long_words(meta_title)
    closest = _closest(found, words)
    if closest is not None or not words:
        return found[closest or 0]
    closest = _closest(found, {word for title in others for word in _long_words(title)})
    return found[closest] if closest is not None else (None, None)


#: A text of this many words or more that holds sentences is a description, not a headline.
DESCRIPTION_WORDS = 20
# A sentence's end inside the text (not an abbreviation's, "U.S. Army"), and a period ending it.
_SENTENCES = re.compile(r"(?<![A-Z])[.!?]\s+[A-Z].*[.!]$")


def _not_a_headline(text: str) -> bool:
    """An ``<h1>`` that introduces what follows ("Erik Demaine's Folding and Unfolding:"), or a description of
    the page in sentences ("Learn which renovations pay off? Get expert tips. We'll help you ...")."""
    return text.endswith(":") or (len(text.split()) >= DESCRIPTION_WORDS and _SENTENCES.search(text) is not None)


def _long_words(text: str) -> set[str]:
    return {word for word in _WORD.findall(text.casefold()) if len(word) >= 4}


def _closest(found: list[tuple[str, HtmlElement]], words: set[str]) -> int | None:
    """The index of the first text of ``found`` sharing most of ``words``; None when none shares one."""
    shared, best = max((len(words & set(_WORD.findall(text.casefold()))), -i) for i, (text, _) in enumerate(found))
    return -best if shared else None


def _site_names(sel: Selector, url: str | None) -> set[str]:
    """The site's name as the page gives it: its meta tags, and the text of links to its home page (the logo)."""
    names = page_meta(sel).contents(
        ("property", "og:site_name"), ("name", "application-name"), ("name", "apple-mobile-web-app-title")
    )
    names += home_link_texts(page_scan(sel).links, url)
    return {key for key in (title_key(name) for name in names) if key}


def _host_keys(url: str | None) -> set[str]:
    """The labels of the page's host that may be the site's name in its title: "BMAS - Headline" at bmas.de
    (not the suffix's: not the last label, nor "com" in "example.com.au", nor "www" or one of two letters)."""
    labels = (urlsplit(url).hostname or "").split(".")[:-1] if url else []
    return {label.replace("-", "") for label in labels if len(label) > 2 and label not in _NOT_SITE_LABELS}


_NOT_SITE_LABELS = frozenset({"www", "com", "net", "org", "gov", "edu"})


#: A ``<p>`` of this many words is a paragraph of the article, not a line of the header (a date, a byline).
PARAGRAPH_WORDS = 8


def _titled_below(root: HtmlElement, h1: HtmlElement, key: str) -> bool:
    """Whether an ``<h2>`` or ``<h3>`` after ``h1``, with no paragraph between them, reads as the metadata title
    (``key``). After a paragraph, such a heading heads a section of the article ("What is social commerce?")."""
    after = False
    for el in root.iter("h1", "h2", "h3", "p"):
        if el is h1:
            after = True
        elif after and el.tag == "p" and title_words(el.text_content() or "") >= PARAGRAPH_WORDS:
            return False
        elif after and el.tag != "h1" and title_key(headline_text(el)) == key:
            return True
    return False
