"""The site's owner as the author of a page that names nobody: a personal site, named after the person who
writes it ("Polly Barks" at pollybarks.com, "Pierce Freeman" at pierce.dev, in its title, its logo, its feed's
name or its copyright line).

Pure functions; ``crawler.discovery.identity`` hears this voice last.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from lxml import etree
from parsel import Selector

from crawler.discovery.givennames import starts_with_given_name
from crawler.discovery.markup import TITLE_SEPARATORS, classes, home_link_texts, once_per_page
from crawler.discovery.pagemeta import page_meta
from crawler.discovery.pagescan import page_scan
from crawler.discovery.voices import Vote

_COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-\u2013]\s*\d{4})?)?\s*,?\s*([^.,|\n]{3,40})", re.I)
# Two capitalised words, or three with an initial between: "Polly Barks", "Melissa K. Norris" (three words in
# full name a brand more often: "Arla Foods Ingredients").
_NAME = re.compile(r"^[A-Z][^\W\d_A-Z][\w'\u2019-]*(?:\s+[A-Z]\.)?\s+[A-Z][^\W\d_A-Z][\w'\u2019-]*$")
_POSSESSOR = re.compile(r"['\u2019]s\s.*$")
# Academic titles before the name: "Dr. Alexander Klier", "Prof. Dr. Jane Doe".
_TITLES = re.compile(r"^(?:(?:dr|prof|mag)\.\s*)+", re.IGNORECASE)
# Articles, which begin a title ("El Universal", "Le Monde", "The Verge") and no name.
_ARTICLES = frozenset("the el la le les los las lo il der die das de het".split())
# Hosts of institutions, whose names are their namesakes' ("Columbia University", "Park University").
_INSTITUTION_LABELS = frozenset("gov edu ac mil".split())
# Labels of a host that name no one: "www.", "blog.", the suffix's "co." in "example.co.uk".
_NOT_OWNER_LABELS = frozenset("www blog blogs news co com org net".split())


def owner_votes(sel: Selector, base_url: str) -> list[Vote]:
    """The site's own name, where it is a person's whose name its address spells (the whole name, or the given
    name or the surname alone): the author of a personal site's post that names nobody."""
    labels = _owner_labels(base_url)
    return _owner_votes(sel, _site_names(sel, base_url), labels) if labels else []


def _owner_votes(sel: Selector, site_names: list[str], labels: set[str]) -> list[Vote]:
    for name in site_names:
        # "Gregory Szorc's Digital Home", "Jane Doe's Blog": the possessor names the site's owner.
        name = _TITLES.sub("", _POSSESSOR.sub("", " ".join(name.split())))
        if _owners(name, labels):
            return [Vote(name, None, "owner", 50_000, ())]
    return tagline_votes(_page_taglines(sel))


def owner_names(sel: Selector, base_url: str) -> list[str]:
    """The names a first name alone in the byline may be completed to: the owner's (``owner_votes``), and a site
    name's first two words where the address spells them whole ("Brett Larkin Yoga" at brettlarkin.com; as
    the owner's voice, such a name is too often a brand's: "Austin Hardware" at austinhardware.com)."""
    labels = _owner_labels(base_url)
    if not labels:
        return []
    site_names = _site_names(sel, base_url)
    names = [vote.name for vote in _owner_votes(sel, site_names, labels)]
    for name in site_names:
        first_two = " ".join(name.split()[:2])
        if first_two != " ".join(name.split()) and _owners(first_two, labels) and _spelled_whole(first_two, labels):
            names.append(first_two)
    return names


def tagline_votes(taglines: list[etree._Element]) -> list[Vote]:
    """The person a blog's ``taglines`` say writes it, whatever its address: "by Eric Ries", "Mike Woodward's
    thoughts on AI"."""
    for el in taglines:
        text = " ".join(" ".join(el.itertext()).split())
        found = (len(text) <= TAGLINE_CHARS and _TAGLINE_BY.match(text)) or _TAGLINE_OF.match(text)
        name = found.group(1) if found else ""
        if _NAME.match(name) and name.split()[0].casefold() not in _ARTICLES and starts_with_given_name(name):
            return [Vote(name, None, "owner", 50_000, ())]
    return []


#: Longer than this, a tagline is a paragraph about the site, not its byline (a possessive first is read anyway).
TAGLINE_CHARS = 160

# What may be one, in document order: a class holding the words (a cheap test; ``_is_tagline`` decides).
_TAGLINE_CANDIDATES = etree.XPath(
    "//*[contains(@class, 'site-description')] | //*[contains(@class, 'descriptionwrapper')]"
    "/*[contains(@class, 'description')]"
)


def _is_tagline(el: etree._Element) -> bool:
    """A site's tagline: WordPress's ``site-description``, Blogger's header ``description`` (in its
    ``descriptionwrapper``)."""
    parent = el.getparent()
    return "site-description" in classes(el) or (
        "description" in classes(el) and parent is not None and "descriptionwrapper" in classes(parent))


#: The page's taglines (``_is_tagline``), found once per page.
_page_taglines = once_per_page(lambda root: [el for el in _TAGLINE_CANDIDATES(root) if _is_tagline(el)])

_TAGLINE_BY = re.compile(r"^(?:a\s+(?:blog|site|newsletter)\s+)?by\s+([^,.;:|]+?)\s*$", re.IGNORECASE)
_TAGLINE_OF = re.compile(r"^([^,.;:|']+?)['\u2019]s\s+\w")


def is_owner_name(name: str, base_url: str) -> bool:
    """Whether ``name`` is a person's that the site's address spells: the owner's, not a brand's."""
    return _owners(" ".join(name.split()), _owner_labels(base_url))


def _owners(name: str, labels: set[str]) -> bool:
    return bool(labels and _NAME.match(name) and name.split()[0].casefold() not in _ARTICLES
                and starts_with_given_name(name) and _spelled_by(name, labels))


def _owner_labels(url: str) -> set[str]:
    """The labels of the host that could spell a name: not the suffix, not "www" nor "blog"."""
    labels = (urlsplit(url).hostname or "").split(".")
    if _INSTITUTION_LABELS.intersection(labels):
        return set()
    labels = labels[:-1]
    return {label.replace("-", "") for label in labels if label not in _NOT_OWNER_LABELS}


def _spelled_by(name: str, labels: set[str]) -> bool:
    words = ["".join(ch for ch in word.casefold() if ch.isalpha()) for word in name.split()]
    return "".join(words) in labels or any(len(word) >= 4 and word in labels for word in (words[0], words[-1]))


def _spelled_whole(name: str, labels: set[str]) -> bool:
    return "".join(ch for ch in name.casefold() if ch.isalpha()) in labels


def _site_names(sel: Selector, base_url: str) -> list[str]:
    """What the page calls its site: ``og:site_name``, the ends of its ``<title>``, its home link (the logo), its
    feeds' titles, its copyright line's holder, the person its "About …" link names, its tagline."""
    meta = page_meta(sel)
    names = meta.contents(("property", "og:site_name"), ("name", "application-name"))
    parts = TITLE_SEPARATORS.split(meta.title.strip())
    if len(parts) > 1:
        names += [parts[-1], parts[0]]
    names += [link.get("title", "") for link in meta.links() if "xml" in link.get("type", "")]
    names += home_link_texts(page_scan(sel).links, base_url)
    names += [match.group(1) for match in _COPYRIGHT.finditer(_footer_text(sel.root))]
    names += [" ".join(link.text_content().split())[len("About "):] for link in _ABOUT_LINKS(sel.root)]
    names += [" ".join(" ".join(el.itertext()).split()) for el in _page_taglines(sel)]  # the tagline: a name alone
    return names


# The menu's link to the about page, "About Melissa Neill": a site's about page is its owner's.
_ABOUT_LINKS = etree.XPath(
    "//a[contains(@href, 'about') and starts-with(normalize-space(.), 'About ')]"
)


def _footer_text(root: etree._Element) -> str:
    footers = list(root.iter("footer"))
    return " ".join(" ".join(footer.itertext()) for footer in footers[-2:])
