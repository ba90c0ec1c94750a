"""The author spider's identity rules, on the spider object (no crawl)."""

from scrapy.utils.test import get_crawler

from crawler.discovery.blocks import MoreFromBlock
from crawler.discovery.identity import Byline
from crawler.spiders.author import AuthorSpider


def spider() -> AuthorSpider:
    s = AuthorSpider(urls="http://a.test/post/,http://b.test/post/")
    s._follow("http://a.test/post/", Byline("Jane Doe", "http://a.test/author/jane-doe/"))
    return s


def test_identity_is_per_site() -> None:
    s = spider()
    key = "a.test/author/jane-doe"
    assert s._followed_key(Byline("Jane Doe"), "http://a.test/other/") == key
    assert s._followed_key(Byline("jane  DOE"), "http://a.test/other/") == key
    assert s._followed_key(Byline("x", "http://a.test/author/jane-doe/"), "http://a.test/other/") == key
    # A namesake on another site is someone else.
    assert s._followed_key(Byline("Jane Doe"), "http://b.test/other/") is None


def test_more_from_blocks_belong_to_their_author() -> None:
    s = spider()
    page = "http://a.test/coauthored/"
    block = MoreFromBlock(("http://a.test/p/",))
    jane, john = Byline("Jane Doe"), Byline("John Roe")
    assert s._block_owner(block, [jane, john], None, page) == "a.test/author/jane-doe"
    # The theme shows the primary author's posts: on John's page with Jane second, not Jane's.
    assert s._block_owner(block, [john, jane], None, page) is None
    assert s._block_owner(MoreFromBlock(("http://a.test/p/",), "Jane Doe"), [john, jane], None, page) is not None
    assert s._block_owner(MoreFromBlock(("http://a.test/p/",), "Technology"), [jane], None, page) is None


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
