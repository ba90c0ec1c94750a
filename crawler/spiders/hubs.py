"""The author spider's hubs: the author's archive pages, feeds, the WordPress REST API, tagDiv's AJAX tab.

A mixin of the author spider, like ``crawler.spiders.probes``: its callbacks are the spider's methods,
so that their requests survive a JOBDIR and a cluster's shared queue. The parsing is in
``crawler.discovery`` (feeds, tagdiv); this is the glue that makes and answers the requests.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from typing import Any, TypeVar
from urllib.parse import urljoin

import scrapy
from scrapy.http import HtmlResponse, Response

from crawler.discovery.archives import ArchivePage, read_archive
from crawler.discovery.authorpages import archive_author_id, archive_slug, same_archive
from crawler.discovery.feeds import (
    Feed,
    one_authors_site,
    read_feed,
    rest_url,
    site_routes,
    wp_post_author,
    wp_post_links,
    wp_posts_url,
    wp_user_id,
)
from crawler.discovery.identity import Byline
from crawler.discovery.tagdiv import AuthorTab, tab_links
from crawler.extraction.pool import PagePool, WorkerDied, WorkerStuck
from crawler.spiders import OPTIONAL
from crawler.spiders.seeding import SEED_META
from crawler.urls import same_site

T = TypeVar("T")


class HubRequests:
    """Archives, feeds, the REST API and tagDiv's tab: requested for a followed author, read as hubs."""

    async def parse_archive(self, response: Response, key: str, archive: str, page: int) -> AsyncIterator[Any]:
        """An author archive page: a hub. Follow its article links and its best next page."""
        if not isinstance(response, HtmlResponse):
            self._inc("not_html")
            return
        self._adopt(response.meta)
        if not same_archive(response.url, archive):
            # e.g. an archive that 301s to the home page: its links are not the author's.
            self._inc("archive_redirected_away")
            self.logger.info("Archive %s redirected to %s; not followed", archive, response.url)
            if response.meta.get(SEED_META):
                self._seed_outcome(archive, f"redirected to {response.url}")
            async for request in self._archive_elsewhere(response, archive, key):
                yield request
            return
        read = await self.off_reactor(read_archive, response.text, response.url, self.max_links, page == 1)
        if read is None:
            for request in self._release_feeds(key):
                yield request
            return
        if response.meta.get(SEED_META):
            self._seed_outcome(response.url)
        if read.capped:
            self._inc("page_link_cap_reached")
        for link in read.links:
            if request := self._article_request(link, key, "author-archive"):
                yield request
        next_page = next((link for link in read.next_pages if same_archive(link, archive)), None)
        if page == 1 and read.links and not next_page:
            # The whole archive on one page: a feed or the REST API would list the same posts again.
            self._inc("archive_complete_on_first_page")
        elif page == 1:
            for request in self._feed_and_rest_requests(read, response.url, key):
                yield request
            if not read.links:  # an archive the parser cannot list (a script renders it, say)
                for request in self._release_feeds(key):
                    yield request
        if next_page and self.asked.archive_budget_spent(key):
            self._inc("archive_page_cap_reached")
            for request in self._release_feeds(key):
                yield request
        elif next_page and (request := self._archive_request(next_page, key, page=page + 1, after=read.links)):
            yield request

    async def _archive_elsewhere(self, response: HtmlResponse, archive: str, key: str) -> AsyncIterator[Any]:
        """An author's page that sends readers elsewhere (WordPress with author archives switched off, as SEO
        plugins offer): their posts from the REST API, the user found by the page's slug or id; else the feeds
        and the site's feed (the page it sent to advertises both)."""
        root, site_feed = await self.off_reactor(site_routes, response.text, response.url) or (None, None)
        author_id, slug = archive_author_id(archive), archive_slug(archive)
        if root is None or (author_id is None and slug is None) or self.asked.rest_probed(key):
            for request in self._no_rest(key, site_feed):
                yield request
            return
        self.asked.probe_rest(key)
        if author_id is not None:
            yield self._rest_request(root, author_id, key, page=1, site_feed=site_feed)
            return
        yield self._request_for(key, "rest_users_requested", rest_url(root, "wp/v2/users", {"slug": slug}),
                                self.parse_rest_user, cb_kwargs={"key": key, "root": root, "site_feed": site_feed},
                                meta=dict(OPTIONAL))

    def parse_rest_user(
        self, response: Response, key: str, root: str, site_feed: str | None = None
    ) -> Iterator[scrapy.Request]:
        """``wp/v2/users?slug=x``: the user's posts, page by page; the feeds where the API is closed."""
        self._adopt(response.meta)
        author_id = wp_user_id(response.body) if response.status < 400 else None
        if author_id is None:
            self._inc("rest_unavailable")
            yield from self._no_rest(key, site_feed)
            return
        yield self._rest_request(root, author_id, key, page=1, site_feed=site_feed)

    def _no_rest(self, key: str, site_feed: str | None) -> Iterator[scrapy.Request]:
        """Where an author has neither a page nor the REST API: their feeds, and the site's."""
        yield from self._release_feeds(key)
        if site_feed:
            yield from self._site_feed_request(site_feed, key)

    def _feed_and_rest_requests(self, archive: ArchivePage, url: str, key: str) -> Iterator[scrapy.Request]:
        """The REST API at once when the archive gives the author id; the feeds only when they can add something.

        Read to its end, the archive lists everything a feed does (a feed holds the newest ten or so),
        so feeds are held back and requested when the REST API is not there or answers 4xx, when an
        archive page fails, when the archive lists no links, or when paging stops at the page cap.
        """
        feeds = archive.feeds or []
        if archive.author_id is None:
            yield from self._feed_requests(feeds, key)
            return
        self.asked.hold_feeds(key, feeds)
        yield self._rest_request(archive.rest_root, archive.author_id, key, page=1)

    def _feed_requests(self, feeds: list[str], key: str) -> Iterator[scrapy.Request]:
        for feed in feeds:
            yield self._request_for(key, "feeds_requested", feed, self.parse_feed, cb_kwargs={"key": key},
                                    meta=dict(OPTIONAL))

    def _release_feeds(self, key: str) -> Iterator[scrapy.Request]:
        yield from self._feed_requests(self.asked.release_feeds(key), key)

    async def off_reactor(self, fn: Callable[..., T], *args: Any) -> T | None:
        """``fn(*args)`` in the extraction pool, so that no hub's markup is parsed on the reactor.

        None when it could not be read there (a worker lost or stuck, a page over the worker's memory,
        the crawl stopping): counted, and the hub is skipped.
        """
        try:
            return await PagePool.of(self.crawler).run(fn, *args)
        except (WorkerDied, WorkerStuck, MemoryError) as exc:
            self._inc(f"hub_unread/{type(exc).__name__}")
        except Exception as exc:  # a bug in a reader must cost one hub, not the crawl
            self._inc("hub_unread/error")
            self.logger.error("Could not read %s with %s: %r", args[1] if len(args) > 1 else "", fn.__name__, exc)
        return None

    def _capped(self, links: list[T]) -> list[T]:
        """The first ``AUTHOR_MAX_LINKS_PER_PAGE`` of a hub's links; a cut is counted."""
        if self.max_links and len(links) > self.max_links:
            self._inc("page_link_cap_reached")
            return links[: self.max_links]
        return links

    def _more_pages(self, page: int) -> bool:
        """Whether a hub read page by page (the REST API, tagDiv's tab) may go past ``page``."""
        limit = self.asked.max_archive_pages
        return not limit or page < limit

    def _rest_request(
        self, root: str, author_id: int, key: str, page: int, site_feed: str | None = None
    ) -> scrapy.Request:
        """A page of the author's posts from the REST API (``site_feed``: the last resort where it is closed)."""
        cb_kwargs = {"key": key, "root": root, "author_id": author_id, "page": page}
        return self._request_for(key, "rest_pages_requested", wp_posts_url(root, author_id, page), self.parse_rest,
                                 cb_kwargs=cb_kwargs | ({"site_feed": site_feed} if site_feed else {}),
                                 meta=dict(OPTIONAL))

    def _tab_request(self, tab: AuthorTab, key: str, page: int, paginate: bool) -> scrapy.Request:
        return self._request_for(
            key, "tagdiv_tab_requests", tab.ajax_url, self.parse_tab, request_class=scrapy.FormRequest,
            formdata=tab.form(page), cb_kwargs={"key": key, "tab": tab, "page": page, "paginate": paginate},
            meta=dict(OPTIONAL),
        )

    async def parse_tab(
        self, response: Response, key: str, tab: AuthorTab, page: int, paginate: bool
    ) -> AsyncIterator[Any]:
        """A tagDiv "More from author" tab, as its AJAX answer: the author's posts (a page of them)."""
        self._adopt(response.meta)
        if response.status >= 400:
            self._inc("tagdiv_tab_unavailable")
            return
        read = await self.off_reactor(tab_links, response.body, response.url)
        if read is None:
            return
        links, has_next = read
        for link in self._capped(links):
            if request := self._article_request(link, key, "more-from-author"):
                yield request
        if has_next and paginate and self._more_pages(page):
            yield self._tab_request(tab, key, page + 1, paginate)

    def parse_rest_post(self, response: Response, key: str, root: str, site_feed: str | None = None) -> Iterator[Any]:
        """A page's own ``wp/v2/posts/N`` resource: its ``author`` id opens the author's post list; where the API is
        closed, the site's feed stands in."""
        self._adopt(response.meta)
        if response.status >= 400:
            self._inc("rest_unavailable")
            if site_feed:
                yield from self._site_feed_request(site_feed, key)
            return
        author_id = wp_post_author(response.body)
        if author_id is not None:
            yield self._rest_request(root, author_id, key, page=1)

    def _site_feed_request(self, feed: str, key: str, site_owner: bool = False) -> Iterator[scrapy.Request]:
        """The site's own feed, once per author with no archive: its newest posts, the author's among them.

        ``site_owner``: the author is the owner of a site named after them (their posts name nobody)."""
        if not self.asked.site_feed_asked(key):  # one feed for several authors of the site: not filtered as a duplicate
            yield self._request_for(key, "site_feeds_requested", feed, self.parse_feed,
                                    cb_kwargs={"key": key, "via": "site-feed", "site_owner": site_owner},
                                    meta=dict(OPTIONAL), dont_filter=True)

    async def parse_feed(
        self, response: Response, key: str, via: str = "author-feed", site_owner: bool = False
    ) -> AsyncIterator[scrapy.Request]:
        """An author feed, or the site's: a hub. Follow the entries that are the followed author's (or name nobody;
        their page's byline decides); on a site that is the author's alone, its index too."""
        self._adopt(response.meta)
        if response.status >= 400:
            self._inc("feed_unavailable")
            return
        feed = await self.off_reactor(read_feed, response.body, response.url) or Feed([])

        def theirs(name: str) -> bool:
            return self.followed.key_of(Byline(name), response.url) == key

        for entry in self._capped(feed.entries):
            if entry.authors and not any(theirs(name) for name in entry.authors):
                self._inc("feed_entries_other_author")
                continue
            if same_site(entry.url, response.url) and (request := self._article_request(entry.url, key, via)):
                yield request
        site_is_theirs = via == "site-feed" and one_authors_site(feed.entries, theirs, site_owner, feed.authors)
        if site_is_theirs and (request := self._site_index_request(feed, response.url, key)):
            yield request

    def _site_index_request(self, feed: Feed, feed_url: str, key: str) -> scrapy.Request | None:
        """The site's index (the page its feed is of), read as the author's archive: a personal blog with no author
        page, whose feed holds only its newest posts."""
        # Not filtered as a duplicate: the home page may have been fetched as where an author page redirected.
        request = self._archive_request(feed.home or urljoin(feed_url, "/"), key, page=1, dont_filter=True)
        if request is not None:
            self._inc("site_index_followed")
        return request

    async def parse_rest(
        self, response: Response, key: str, root: str, author_id: int, page: int, site_feed: str | None = None
    ) -> AsyncIterator[Any]:
        """A page of ``wp/v2/posts?author=ID``: a hub. 401/403/404 mean the API is not available here."""
        self._adopt(response.meta)
        if response.status >= 400:
            self._inc("rest_unavailable")
            for request in self._no_rest(key, site_feed):
                yield request
            return
        for link in self._capped(await self.off_reactor(wp_post_links, response.body, response.url) or []):
            if request := self._article_request(link, key, "wp-rest"):
                yield request
        try:
            total = int(response.headers.get(b"X-WP-TotalPages", b"1"))
        except ValueError:
            total = 1
        if page < total and self._more_pages(page):
            yield self._rest_request(root, author_id, key, page + 1, site_feed)
