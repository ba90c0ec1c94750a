"""The author spider's identity rules, on the spider object (no crawl)."""

from crawler.discovery import Byline, MoreFromBlock
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
