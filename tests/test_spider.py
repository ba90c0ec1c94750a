"""The followed authors' identity rules, and the spider's once-only requests (no crawl)."""

from scrapy.utils.test import get_crawler

from crawler.discovery.asked import AskedFor
from crawler.discovery.blocks import MoreFromBlock
from crawler.discovery.followed import FollowedAuthors
from crawler.discovery.identity import Byline
from crawler.spiders.author import AuthorSpider


def followed() -> FollowedAuthors:
    authors = FollowedAuthors()
    authors.follow("http://a.test/post/", Byline("Jane Doe", "http://a.test/author/jane-doe/"))
    return authors


def test_identity_is_per_site() -> None:
    authors = followed()
    key = "a.test/author/jane-doe"
    assert authors.key_of(Byline("Jane Doe"), "http://a.test/other/") == key
    assert authors.key_of(Byline("jane  DOE"), "http://a.test/other/") == key
    assert authors.key_of(Byline("x", "http://a.test/author/jane-doe/"), "http://a.test/other/") == key
    # A namesake on another site is someone else.
    assert authors.key_of(Byline("Jane Doe"), "http://b.test/other/") is None


def test_a_first_name_alone_is_the_followed_full_name_it_begins() -> None:
    authors = FollowedAuthors()
    key, _ = authors.follow("http://a.test/post/", Byline("Nils Pickert"))  # completed from the author box
    assert authors.key_of(Byline("Nils"), "http://a.test/feed/") == key  # the feed's dc:creator
    assert authors.key_of(Byline("Nils Holm"), "http://a.test/feed/") is None
    assert authors.key_of(Byline("Nil"), "http://a.test/feed/") is None


def test_an_author_followed_from_their_archive_takes_the_bylines_name() -> None:
    authors, archive = FollowedAuthors(), "http://a.test/author/jane-doe/"
    key, new = authors.follow(archive, Byline("", archive))
    assert new and authors.follow(archive, Byline("", archive))[1] is False
    assert authors.key_of(Byline("Jane Doe", "http://a.test/author/jane-doe/"), "http://a.test/p/") == key
    assert authors.get(key) == Byline("Jane Doe", "http://a.test/author/jane-doe/")


def test_more_from_blocks_belong_to_their_author() -> None:
    authors = followed()
    page = "http://a.test/coauthored/"
    block = MoreFromBlock(("http://a.test/p/",))
    named = MoreFromBlock(("http://a.test/p/",), "Jane Doe")
    jane, john = Byline("Jane Doe"), Byline("John Roe")
    assert authors.block_owner(block, [jane, john], None, page) == "a.test/author/jane-doe"
    # The theme shows the primary author's posts: on John's page with Jane second, not Jane's.
    assert authors.block_owner(block, [john, jane], None, page) is None
    assert authors.block_owner(named, [john, jane], None, page) is not None
    assert authors.block_owner(MoreFromBlock(("http://a.test/p/",), "Technology"), [jane], None, page) is None
    # No byline on the page: the block is the author the crawl came for.
    assert authors.block_owner(block, [], "a.test/author/jane-doe", page) == "a.test/author/jane-doe"


def test_a_link_already_asked_for_is_not_requested_again() -> None:
    s = AuthorSpider.from_crawler(get_crawler(AuthorSpider), urls="http://a.test/post/")
    s._follow("http://a.test/post/", Byline("Jane Doe", "http://a.test/author/jane-doe/"))
    key = "a.test/author/jane-doe"
    first = s._article_request("http://a.test/p/1/", key, "more-from-author")
    assert first is not None and first.url == "http://a.test/p/1/"
    # Found again on the next page, or through the archive: the scheduler never sees it.
    assert s._article_request("http://a.test/p/1/", key, "author-archive") is None
    assert s._article_request("http://a.test/p/2/", key, "author-archive") is not None
    assert s._archive_request("http://a.test/author/jane-doe/", key, page=1) is not None
    assert s._archive_request("http://a.test/author/jane-doe/", key, page=1) is None
    assert s.crawler.stats.get_value("discovery/article_requests/more-from-author") == 1
    assert s.crawler.stats.get_value("discovery/article_requests/author-archive") == 1


def test_what_was_asked_for_is_asked_once_and_feeds_wait_until_released() -> None:
    asked = AskedFor(max_archive_pages=2)
    assert asked.first_time("http://a.test/x") and not asked.first_time("http://a.test/x")
    for _ in range(2):
        assert not asked.archive_budget_spent("jane")
        asked.count_archive_page("jane")
    assert asked.archive_budget_spent("jane") and not asked.archive_budget_spent("bob")
    asked.hold_feeds("jane", ["http://a.test/author/jane/feed/"])
    assert asked.held_feeds("jane") == ["http://a.test/author/jane/feed/"]
    assert asked.release_feeds("jane") == ["http://a.test/author/jane/feed/"] and asked.held_feeds("jane") == []
    asked.adopt_feeds("jane", ["http://a.test/author/jane/feed/"])  # released here: not held again
    assert asked.held_feeds("jane") == []
    asked.adopt_feeds("bob", ["http://a.test/author/bob/feed/"])  # held by another worker: held here too
    assert asked.held_feeds("bob") == ["http://a.test/author/bob/feed/"]
    assert not asked.tab_asked("jane") and asked.tab_asked("jane")
    assert not asked.rest_probed("jane")
    asked.probe_rest("jane")
    assert asked.rest_probed("jane")
    assert not AskedFor(0).archive_budget_spent("jane")  # 0: no bound


def test_an_author_with_no_archive_is_read_from_the_sites_feed_once() -> None:
    from scrapy.http import Request, Response

    from crawler.discovery.pagefacts import PageFacts

    s = AuthorSpider.from_crawler(get_crawler(AuthorSpider), urls="http://a.test/post/")
    jane = Byline("Jane Doe")
    key = s._follow("http://a.test/post/", jane)
    facts = PageFacts(byline=[jane], site_feed="http://a.test/feed.xml")
    [feed] = list(s._ajax_and_rest_probes("http://a.test/post/", facts, jane))
    assert feed.url == "http://a.test/feed.xml"
    assert feed.cb_kwargs == {"key": key, "via": "site-feed", "site_owner": False}
    assert list(s._ajax_and_rest_probes("http://a.test/other/", facts, jane)) == []  # once per author
    # The owner of a site named after them: the feed's request says so (their posts name nobody).
    s = AuthorSpider.from_crawler(get_crawler(AuthorSpider), urls="http://a.test/post/")
    owner = Byline("Jane Doe", None, "owner")
    s._follow("http://a.test/post/", owner)
    [feed] = list(s._ajax_and_rest_probes("http://a.test/post/", PageFacts(byline=[owner], site_feed=feed.url), owner))
    assert feed.cb_kwargs["site_owner"] is True
    # A page with its REST resource asks that first; a closed API hands over to the site's feed.
    s = AuthorSpider.from_crawler(get_crawler(AuthorSpider), urls="http://a.test/post/")
    key = s._follow("http://a.test/post/", jane)
    facts = PageFacts(byline=[jane], post_json="http://a.test/wp-json/wp/v2/posts/4", site_feed="http://a.test/feed/")
    [probe] = list(s._ajax_and_rest_probes("http://a.test/post/", facts, jane))
    assert probe.url.endswith("/wp/v2/posts/4")
    closed = Response(probe.url, status=401, request=Request(probe.url, meta=probe.meta))
    [feed] = list(s.parse_rest_post(closed, **probe.cb_kwargs))
    assert feed.url == "http://a.test/feed/" and s.crawler.stats.get_value("discovery/rest_unavailable") == 1
    # An author with an archive is read from it, not from the site's feed.
    s = AuthorSpider.from_crawler(get_crawler(AuthorSpider), urls="http://a.test/post/")
    archived = Byline("Jane Doe", "http://a.test/author/jane-doe/")
    s._follow("http://a.test/post/", archived)
    facts = PageFacts(byline=[archived], site_feed="http://a.test/feed.xml")
    assert list(s._ajax_and_rest_probes("http://a.test/post/", facts, archived)) == []
