"""When a seed page names nobody: one probe to the site's own API says who wrote it.

A mixin of the author spider (its callbacks must be the spider's methods for Scrapy to call them and
for requests to survive a JOBDIR or a cluster's queue). The order: the page's oEmbed endpoint
(``author_name`` and ``author_url`` in one answer), else WordPress's REST post resource and then
``wp/v2/users/ID``. What they find is followed like a byline: by its archive when there is one,
else through the REST API's post list.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from crawler.discovery.authorpages import archive_base, is_author_archive_url
from crawler.discovery.feeds import oembed_author, wp_post_author, wp_user, wp_user_url
from crawler.discovery.identity import Byline
from crawler.discovery.pagefacts import PageFacts
from crawler.spiders import OPTIONAL


class SeedProbes:
    """The spider's probes for a seed whose page names no author."""

    def seed_probe(self, facts: PageFacts, page_url: str) -> scrapy.Request | None:
        """The first probe for a seed that names nobody, or None (and a warning) when the site offers none."""
        kwargs = {"root": facts.rest_root, "post": facts.post_json, "page_url": page_url}
        if facts.oembed:
            self._inc("oembed_requested")
            return scrapy.Request(facts.oembed, self.parse_seed_oembed, cb_kwargs=kwargs, meta=dict(OPTIONAL))
        if facts.post_json:
            return self._rest_post_probe(**kwargs)
        self._no_author(page_url)
        return None

    def _rest_post_probe(self, root: str, post: str | None, page_url: str) -> scrapy.Request | None:
        if not post:
            self._no_author(page_url)
            return None
        self._inc("rest_post_requested")
        return scrapy.Request(post, self.parse_seed_rest_post, cb_kwargs={"root": root, "page_url": page_url},
                              meta=dict(OPTIONAL))

    def _no_author(self, page_url: str) -> None:
        self._inc("seed_without_author")
        self.logger.warning("No author found on seed %s; only the seed is kept", page_url)

    def parse_seed_oembed(self, response: Response, root: str, post: str | None, page_url: str) -> Iterator[Any]:
        """The seed's oEmbed answer: the author's name and page; else the REST resource, if any."""
        found = oembed_author(response.body, page_url) if response.status < 400 else None
        archive = found[1] if found and found[1] and is_author_archive_url(found[1]) else None
        if found and (archive or not post):
            yield from self._follow_found(response.url, found[0], archive, root, None)
        elif request := self._rest_post_probe(root, post, page_url):
            yield request

    def parse_seed_rest_post(self, response: Response, root: str, page_url: str) -> Iterator[Any]:
        """The seed's ``wp/v2/posts/N`` resource: who its ``author`` id is."""
        author_id = wp_post_author(response.body) if response.status < 400 else None
        if author_id is None:
            self._no_author(page_url)
            return
        yield scrapy.Request(wp_user_url(root, author_id), self.parse_seed_rest_user, meta=dict(OPTIONAL),
                             cb_kwargs={"root": root, "author_id": author_id})

    def parse_seed_rest_user(self, response: Response, root: str, author_id: int) -> Iterator[Any]:
        """The seed author's ``wp/v2/users/ID``: their name and archive; else their posts by id alone."""
        user = wp_user(response.body, response.url) if response.status < 400 else None
        name, archive = user if user else (f"user {author_id}", None)
        archive = archive if archive and is_author_archive_url(archive) else None
        yield from self._follow_found(response.url, name, archive, root, author_id)

    def _follow_found(
        self, url: str, name: str, archive: str | None, root: str, author_id: int | None
    ) -> Iterator[Any]:
        """Follow the author a probe found: through their archive, else their REST post list."""
        key = self._follow(url, Byline(name, archive_base(archive) if archive else None, "probe"))
        if archive and (request := self._archive_request(archive_base(archive), key, page=1)):
            yield request
        elif not archive and author_id is not None:
            yield self._rest_request(root, author_id, key, page=1)
