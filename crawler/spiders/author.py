"""The ``author`` spider: from one article, every article its author has on the site."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import scrapy
from scrapy.http import HtmlResponse, Response

from crawler.discovery.asked import AskedFor
from crawler.discovery.authorpages import archive_base, is_author_archive_url
from crawler.discovery.followed import FollowedAuthors
from crawler.discovery.identity import Byline
from crawler.discovery.pagefacts import PageFacts
from crawler.downloadermiddlewares.skipknown import ARTICLE_META, PREVIOUS_PAGE_LINKS_META, KnownToTheCorpus
from crawler.extraction.pool import PagePool
from crawler.extraction.worker import PageAnalysis, read_facts
from crawler.items import PageItem
from crawler.seeds import parse_seeds
from crawler.spiders import OPTIONAL
from crawler.spiders.hubs import HubRequests
from crawler.spiders.probes import SeedProbes
from crawler.spiders.seeding import SEED_META, SeedOutcomes
from crawler.urls import site_of

#: The followed author a request is for, ``[key, name, archive URL]``, and the author's held-back feeds:
#: another cluster worker, or a resumed crawl, may handle the response without having seen the seed.
FOLLOWED_META = "followed_author"
HELD_FEEDS_META = "held_feeds"


def _no_record(analysis: PageAnalysis) -> str:
    return (analysis.error or "no article").replace("_", " ") + (f": {analysis.message}" if analysis.message else "")


class AuthorSpider(SeedOutcomes, SeedProbes, HubRequests, scrapy.Spider):
    """Follow only same-author links: "More From Author" blocks, the author archive and its pagination."""

    name = "author"

    def __init__(
        self,
        url: str | None = None,
        urls: str | None = None,
        urls_file: str | None = None,
        coauthors: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        # No seed is an error (checked by the crawl command), except for a cluster worker joining a crawl.
        self.seeds = parse_seeds(url, urls, urls_file) if (url or urls or urls_file) else []
        #: Follow every author of a co-authored seed, not only its primary (first) author.
        self.follow_coauthors = coauthors.lower() in {"1", "true", "yes", "on"}
        self.followed = FollowedAuthors()
        self.max_links = 0
        #: What was asked for already: URLs, archive pages and probes per author, feeds held back.
        self.asked = AskedFor(max_archive_pages=100)

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> AuthorSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.asked.max_archive_pages = crawler.settings.getint("AUTHOR_MAX_ARCHIVE_PAGES")
        spider.max_links = crawler.settings.getint("AUTHOR_MAX_LINKS_PER_PAGE")
        return spider

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for seed in self.seeds:  # normalised by parse_seeds
            if is_author_archive_url(seed):
                key = self._follow(seed, Byline("", archive_base(seed)))
                if request := self._archive_request(archive_base(seed), key, page=1):
                    self.crawler.stats.inc_value("seeds/requested")
                    request.meta[SEED_META] = True
                    yield request
            else:
                yield self._seed_request(seed)

    # -- bookkeeping -------------------------------------------------------------------------

    def _inc(self, name: str) -> None:
        self.crawler.stats.inc_value(f"discovery/{name}")

    def _follow(self, page_url: str, author: Byline) -> str:
        key, new = self.followed.follow(page_url, author)
        if new:
            self.logger.info("Following author %s (%s)", author.name or key, key)
        return key

    def _request_for(
        self, key: str, stat: str, url: str, callback: Any, request_class: type = scrapy.Request, **kwargs: Any
    ) -> scrapy.Request:
        """A request on behalf of the followed author ``key``: counted as ``discovery/<stat>`` and stamped with
        what this spider knows of the author (the one way the spider makes its requests for an author)."""
        self._inc(stat)
        return self._stamp(request_class(url, callback=callback, **kwargs), key)

    def _stamp(self, request: scrapy.Request, key: str) -> scrapy.Request:
        """Carry what this spider knows of the followed author ``key`` in the request itself."""
        author = self.followed.get(key)
        if author is not None:
            request.meta[FOLLOWED_META] = [key, author.name, author.url]
        held = self.asked.held_feeds(key)
        if held:
            request.meta[HELD_FEEDS_META] = list(held)
        return request

    def _adopt(self, meta: dict[str, Any]) -> None:
        """Learn the followed author a request carries (one made by another worker or an earlier run)."""
        followed = meta.get(FOLLOWED_META)
        if not followed:
            return
        key, name, url = followed
        self.followed.adopt(key, name, url)
        self.asked.adopt_feeds(key, meta.get(HELD_FEEDS_META) or [])

    def _archive_request(
        self, url: str, key: str, page: int, after: list[str] | None = None, dont_filter: bool = False
    ) -> scrapy.Request | None:
        """Request an archive page, unless already asked for; ``after`` is the article list of the page before it.

        ``dont_filter``: a page Scrapy may have fetched already for another reason (a redirect's target)."""
        # Pages are counted per author, not by depth: branching "next" links cannot multiply them.
        if self.asked.archive_budget_spent(key) or not self.asked.first_time(url):
            return None
        self.asked.count_archive_page(key)
        return self._request_for(
            key, "archive_pages_requested", url, self.parse_archive,
            cb_kwargs={"key": key, "archive": archive_base(url), "page": page},
            meta={PREVIOUS_PAGE_LINKS_META: after} if after else {}, errback=self._archive_failed,
            dont_filter=dont_filter,
        )

    def _archive_failed(self, failure: Any) -> Iterator[scrapy.Request]:
        """An archive page that could not be read (404, timeout): its author's feeds stand in."""
        if isinstance(failure.value, KnownToTheCorpus):  # paging stopped: nothing new since the page before
            return
        self._inc("archive_pages_failed")
        if failure.request.meta.get(SEED_META):
            self._seed_failed(failure)
        self._adopt(failure.request.meta)
        yield from self._release_feeds(failure.request.cb_kwargs["key"])

    def _article_request(self, url: str, key: str, via: str) -> scrapy.Request | None:
        """Request an article page, unless already asked for."""
        if not self.asked.first_time(url):
            return None
        # Under `scrapy watch` the HTTP cache keeps hubs and feeds (they change); an article is fetched once.
        return self._request_for(
            key, f"article_requests/{via}", url, self.parse_article, cb_kwargs={"via": via, "key": key},
            meta={ARTICLE_META: True, "dont_cache": True}, errback=self._article_failed,
        )

    def _article_failed(self, failure: Any) -> None:
        """A page that could not be fetched (HTTP error, timeout, too large, refused): counted, one log line."""
        error = failure.value
        if isinstance(error, KnownToTheCorpus):  # skipped as known: counted by the middleware as success
            self.logger.debug("Not fetched again: %s", failure.request.url)
            return
        response = getattr(error, "response", None)
        reason = f"http_{response.status}" if response is not None else type(error).__name__
        self._inc(f"article_failed/{reason}")
        self.logger.warning("Article not fetched: %s (%s)", failure.request.url, reason)

    # -- callbacks ---------------------------------------------------------------------------

    async def _read_page(self, response: HtmlResponse, via: str) -> tuple[PageAnalysis, PageFacts]:
        """The page parsed once, in a worker process: its record and what discovery needs, off the reactor."""
        analysis = await PagePool.of(self.crawler).analyze(response.text, response.url, via)
        facts = analysis.facts
        if facts is None and analysis.error in {"timeout", "worker_died"}:
            # Extraction stopped before discovery's facts were read: read them alone, in a worker still
            # (a page that took a worker down would take the reactor with it), under the pool's guard.
            facts = await self.off_reactor(read_facts, response.text, response.url)
        return analysis, facts or PageFacts()

    async def parse_article(self, response: Response, via: str, key: str | None) -> AsyncIterator[Any]:
        """An article page: read it once in the extraction pool, emit it, follow its author's archive and blocks."""
        if not isinstance(response, HtmlResponse):
            self._inc("not_html")
            if key is None:
                self._seed_outcome(response.url, "not an HTML page")
            return
        self._adopt(response.meta)
        if key is not None and response.meta.get("redirect_urls"):
            origin = response.meta["redirect_urls"][0]
            if site_of(response.url) != site_of(origin):  # an article link that lands on another site
                self._inc("redirected_offsite")
                self.logger.info("Article %s redirected to another site (%s); not kept", origin, response.url)
                return
        analysis, facts = await self._read_page(response, via)
        byline = facts.byline
        if key is None:
            self._seed_outcome(response.url, None if analysis.record or byline else _no_record(analysis))
            if not byline and (probe := self.seed_probe(facts, response.url)):
                yield probe
            for author in byline if self.follow_coauthors else byline[:1]:
                self._follow(response.url, author)
        elif byline and not any(self.followed.key_of(a, response.url) for a in byline):
            # Listed as the author's, but the byline names someone else: not this author's article.
            self._inc("author_mismatch")
            return

        yield PageItem(url=response.url, html="", discovered_via=via, analysis=analysis)

        for author in byline:
            followed = self.followed.key_of(author, response.url)
            if followed and author.url and (request := self._archive_request(author.url, followed, page=1)):
                yield request
        for block in facts.blocks:
            owner = self.followed.block_owner(block, byline, key, response.url)
            if owner is None:
                self._inc("more_from_blocks_skipped")
                continue
            for link in self._capped(block.links):
                if request := self._article_request(link, owner, "more-from-author"):
                    yield request
        if byline:
            for request in self._ajax_and_rest_probes(response.url, facts, byline[0]):
                yield request

    def _ajax_and_rest_probes(self, page_url: str, facts: PageFacts, primary: Byline) -> Iterator[scrapy.Request]:
        """Once per followed author: the tagDiv author tab; and, with no archive to read, the REST API, else the
        site's feed."""
        owner = self.followed.key_of(primary, page_url)
        if owner is None:  # a co-authored post whose primary author is someone else: the tab lists theirs
            return
        has_archive = bool(primary.url or (self.followed.get(owner) or primary).url)
        root = facts.rest_root
        if facts.tabs and not self.asked.tab_asked(owner):
            for tab in facts.tabs:
                yield self._tab_request(tab, owner, page=1, paginate=not has_archive)
                if not has_archive and tab.author_id is not None:
                    self.asked.probe_rest(owner)
                    yield self._rest_request(root, tab.author_id, owner, page=1)
        if not has_archive and not self.asked.rest_probed(owner):
            post = facts.post_json
            if post:
                self.asked.probe_rest(owner)
                yield self._request_for(owner, "rest_post_requested", post, self.parse_rest_post,
                                        cb_kwargs={"key": owner, "root": root, "site_feed": facts.site_feed},
                                        meta=dict(OPTIONAL))
        if not has_archive and not facts.tabs and not facts.post_json and facts.site_feed:
            yield from self._site_feed_request(facts.site_feed, owner, site_owner=primary.source == "owner")
