"""A title without the site's name: "Headline | Site" -> "Headline". Pure functions over the title's text.

``crawler.extraction.titles`` reads the page's names for its site and chooses the headline; the parts of a
title that name the site, a section of it or a date are cut here.
"""

from __future__ import annotations

import re

from crawler.discovery.markup import TITLE_SEPARATORS
from crawler.extraction.boilerplate import CJK
from crawler.extraction.dateline import is_date

_WORD = re.compile(r"\w+")

# A title's first or last part that names no page: a section ("Blog", "News"), "Home".
_GENERIC_PARTS = frozenset({"archive", "archives", "blog", "home", "news"})
#: After these, an ``<h1>``'s short last part is a section ("… | Patient Education"); after a dash, its subtitle.
BARS = re.compile(r"[|\u00b7\u2022]")


def title_key(text: str) -> str:
    """A title's (or a name's) words run together, case-folded: what titles and site names are compared by."""
    return "".join(_WORD.findall(text.casefold()))


def strip_site_name(
    title: str, site_names: set[str], unnamed: re.Pattern[str] | None = None, headlines: frozenset[str] = frozenset()
) -> str:
    """``Headline | Site`` -> ``Headline``: drops first or last parts that name the site, and a short last part
    (after a separator ``unnamed`` matches, when given), unless the page's ``<h1>`` reads as it (``headlines``, their
    keys): "Zoll online - Fachmeldungen - Verkündung des Tabaksteuermodernisierungsgesetzes"."""
    title = _without_joined_site_name(_DANGLING.sub("", title), site_names)
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    parts = _beside_host_name(parts)
    # "Headline : Site | Tagline | Founded 2005": the site's name ends the headline's side (unless the first part is
    # the site's name too: "Site - Section » Headline").
    if title_key(parts[0]) not in site_names:
        parts = parts[: next((i for i, part in enumerate(parts[1:-1], 1) if title_key(part) in site_names),
                             len(parts))]
    # "Site » Blog Archive » Post" (WordPress's classic themes): the post follows.
    archive = [i for i, part in enumerate(parts[:-1]) if title_key(part) in {"blogarchive", "blogarchiv"}]
    parts = parts[archive[-1] + 1 :] if archive else parts
    not_headline = site_names | _GENERIC_PARTS
    # The site's name may span the last parts: "Headline | AOC media - Analyse Opinion Critique".
    ends = [k for k in range(2, len(parts)) if title_key("".join(parts[-k:])) in site_names]
    parts = parts[: -ends[0]] if ends else parts
    while len(parts) > 1 and (title_key(parts[-1]) in not_headline or _last_is_date(parts)):
        parts.pop()
    while len(parts) > 1 and (title_key(parts[0]) in not_headline or is_date(parts[0])):  # "23.01.2022 - Headline"
        parts.pop(0)
    short = len(parts) > 1 and title_words(parts[-1]) <= 4 and title_words(" ".join(parts[:-1])) >= 3 and \
        title_key(parts[-1]) not in headlines
    if short and (unnamed is None or unnamed.search(_separator_before(title, parts))):
        # "Headline - Short Brand": a short last part after a real phrase is the site, named or not.
        parts.pop()
        # "Headline | Section | Site": short parts after bars before it are the site's sections.
        while len(parts) > 1 and title_words(parts[-1]) <= 4 and title_words(" ".join(parts[:-1])) >= 3 and \
                BARS.search(_separator_before(title, parts)):
            parts.pop()
    return " ".join(parts) if len(parts) == 1 else _rejoin(title, parts)


# A separator at either end with nothing beyond it, where a CMS left a part empty: "National Rail Enquiries -".
_DANGLING = re.compile(r"^\s*[-|\u2013\u2014\u00b7\u2022\u00bb]+\s+|\s+[-|\u2013\u2014\u00b7\u2022\u00bb]+\s*$")


def _last_is_date(parts: list[str]) -> bool:
    """A date alone is no part of the headline ("Headline - 23.01.2022"), unless it ends a range with a number
    before it ("Wochenbericht 14. - 20. Januar 2022")."""
    return is_date(parts[-1]) and not _NUMBER_END.search(parts[-2])


_NUMBER_END = re.compile(r"\d\.?\s*$")


def _without_joined_site_name(title: str, site_names: set[str]) -> str:
    """``title`` without the site's name joined to it with no space around: by a dash or an underscore after
    Chinese sites' headlines ("标题-新华网"), by a bar at either end ("NEWS WEB EASY|見出し"); and without the
    section and name a Chinese portal joins by underscores, named or not ("标题_科技_腾讯网")."""
    cut = max(title.rfind("-"), title.rfind("_"))
    # After Chinese or Japanese text only: "University of Wisconsin-Stevens Point" is one name.
    if cut > 0 and _CJK_OR_WIDE.match(title[cut - 1]) and title_key(title[cut + 1 :]) in site_names:
        return _without_portal_parts(title[:cut])
    if _PORTAL_PARTS.search(title):
        return _without_portal_parts(title)
    if (joined := _JOINED_BAR.fullmatch(title)) is None:
        return title
    first, last = joined.groups()
    return last if title_key(first) in site_names else first if title_key(last) in site_names else title


# Chinese portals' "标题_科技_腾讯网": the headline, then its section and the site, each a few characters after an
# underscore.
_PORTAL_PARTS = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])_[\u4e00-\u9fff]{1,5}$")


def _without_portal_parts(title: str) -> str:
    """``title`` without the short parts a Chinese portal joins to its end by underscores (section, site)."""
    while (found := _PORTAL_PARTS.search(title)) and len(title[: found.start()]) >= 2 * len(found.group()):
        title = title[: found.start()]
    return title


# A title's text before and after its last bar that has no space on either side.
_JOINED_BAR = re.compile(r"(.*\S)\|(\S.*)", re.DOTALL)


_CJK_OR_WIDE = re.compile(r"[\u3000-\u303f\u3040-\u30ff\u4e00-\u9fff\uff00-\uffef]")


def title_words(text: str) -> float:
    """Words of ``text``, counting three Chinese or Japanese characters as one (a title's parts compared)."""
    spaced = sum(1 for token in text.split() if not CJK.search(token))
    return spaced + len(CJK.findall(text)) / 3


def _separator_before(title: str, parts: list[str]) -> str:
    """The separator in ``title`` between its last two ``parts``."""
    end = title.rfind(parts[-1])
    return title[title.rfind(parts[-2], 0, end) + len(parts[-2]) : end]


def _beside_host_name(parts: list[str]) -> list[str]:
    """The parts of a title on the headline's side of a host name ("Newegg.com", "petri-heil.ch"): the
    parts before it, or after it where it comes first (with, before it, only the site's name again)."""
    at = next((i for i, part in enumerate(parts) if _HOST_NAME.fullmatch(part.strip(" /|:"))), None)
    if at is None:
        return parts
    site = title_key(parts[at].strip(" /|:").removeprefix("www.").split(".")[0])
    before = [part for part in parts[:at] if title_key(part) != site]
    return before or parts[at + 1 :] or parts


# Not a file or a framework ("Node.js", "setup.py").
_HOST_NAME = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.(?!(?:js|ts|py|md|rs|go|sh|rb|php|html?)$)[a-z]{2,6}",
                        re.IGNORECASE)


def _rejoin(title: str, parts: list[str]) -> str:
    """The original text from the first kept part to the last (keeping its own separators)."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end] if 0 <= start < end else " ".join(parts)
