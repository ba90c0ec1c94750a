"""tagDiv themes (Newspaper, Newsmag): the "MORE FROM AUTHOR" tab that is filled only by an AJAX POST.

The related-posts block renders its "Related" tab (any author) in the page; its author tab is a link
to ``#`` that makes the theme POST ``action=td_ajax_block`` with ``td_filter_value=
td_related_more_from_author`` to ``admin-ajax.php``. The block's settings (``atts``, a JSON string
holding ``live_filter_cur_post_author``) are printed in an inline script. Pure functions; the
spider sends the request.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from parsel import Selector

from crawler.discovery.markup import absolute_url
from crawler.urls import same_site

AUTHOR_TAB = "td_related_more_from_author"
_AJAX_URL = re.compile(r"""\btd_ajax_url\s*=\s*["']([^"']+)["']""")
_NONCE = re.compile(r"""\btdBlockNonce\s*=\s*["']([^"']*)["']""")


@dataclass(frozen=True)
class AuthorTab:
    """A tagDiv block with a "More from author" tab: what its AJAX request needs."""

    block_id: str
    atts: str
    block_type: str
    column_number: str
    author_id: int | None
    ajax_url: str
    nonce: str | None = None

    def form(self, page: int = 1) -> dict[str, str]:
        """The POST form of one page of the author tab, as the theme's script sends it."""
        form = {
            "action": "td_ajax_block",
            "td_atts": self.atts,
            "td_block_id": self.block_id,
            "td_column_number": self.column_number,
            "td_current_page": str(page),
            "block_type": self.block_type,
            "td_filter_value": AUTHOR_TAB,
            "td_user_action": "",
        }
        if self.nonce is not None:
            form["td_magic_token"] = self.nonce
        return form


def _script_value(scripts: str, block_id: str, name: str) -> str | None:
    match = re.search(rf"""block_{re.escape(block_id)}\.{name}\s*=\s*(['"])(.*?)\1\s*;""", scripts, re.DOTALL)
    return match.group(2) if match else None


def author_tabs(sel: Selector, page_url: str) -> list[AuthorTab]:
    """Return the page's tagDiv blocks that have a "More from author" tab (none on other themes)."""
    block_ids = sel.xpath(f'//a[@data-td_filter_value="{AUTHOR_TAB}"]/@data-td_block_id').getall()
    if not block_ids:
        return []
    scripts = "\n".join(sel.xpath("//script[not(@src)]/text()").getall())
    ajax = _AJAX_URL.search(scripts)
    ajax_url = absolute_url(ajax.group(1).replace("\\/", "/"), page_url) if ajax else None
    if not ajax_url or not same_site(ajax_url, page_url):
        parts = urlsplit(page_url)
        ajax_url = f"{parts.scheme}://{parts.netloc}/wp-admin/admin-ajax.php"
    nonce = _NONCE.search(scripts)
    tabs = []
    for block_id in dict.fromkeys(block_ids):
        atts = _script_value(scripts, block_id, "atts")
        if atts is None:
            continue
        try:
            settings = json.loads(atts)
        except ValueError:
            continue
        author = settings.get("live_filter_cur_post_author") if isinstance(settings, dict) else None
        author_id = int(author) if isinstance(author, int | str) and str(author).isdigit() else None
        tabs.append(
            AuthorTab(
                block_id=block_id,
                atts=atts,
                block_type=_script_value(scripts, block_id, "block_type") or "td_block_related_posts",
                column_number=_script_value(scripts, block_id, "td_column_number") or "3",
                author_id=author_id,
                ajax_url=ajax_url,
                nonce=nonce.group(1) if nonce else None,
            )
        )
    return tabs


def tab_links(body: bytes, base_url: str) -> tuple[list[str], bool]:
    """Return the article links of an author-tab AJAX answer and whether it has a next page."""
    try:
        data = json.loads(body)
    except ValueError:
        return [], False
    if not isinstance(data, dict) or not isinstance(data.get("td_data"), str):
        return [], False
    sel = Selector(text=data["td_data"] or "<div></div>")
    hrefs = sel.xpath(
        "//*[contains(concat(' ', normalize-space(@class), ' '), ' entry-title ')]//a/@href"
        " | //a[contains(concat(' ', normalize-space(@rel), ' '), ' bookmark ')]/@href"
    ).getall()
    links = []
    for href in hrefs:
        url = absolute_url(href, base_url)
        if url and same_site(url, base_url) and url not in links:
            links.append(url)
    return links, data.get("td_hide_next") is False
