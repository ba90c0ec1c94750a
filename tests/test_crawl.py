"""End-to-end: real crawls through Scrapy against the fixture web on loopback."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import timedelta

from crawler.extraction.body import content_hash
from crawler.urls import normalize_url
from tests.conftest import assert_exactly_author, expected, solo
from tests.site.content import ANA, BOB, CARLA, JANE, JOHN, Article, paragraphs
from tests.site.server import ServedSite
from tests.site.themes import article_url, render


def test_wordpress_theme_finds_exactly_the_authors_articles(web: dict[str, ServedSite], crawl) -> None:
    wp = web["wp"]
    result = crawl(url=article_url(wp.site, solo(wp.site, JANE)) + "?utm_source=newsletter&fbclid=x")

    assert_exactly_author(result, wp.site, JANE)
    vias = {item["discovered_via"] for item in result.items}
    assert {"seed", "more-from-author", "author-archive"} <= vias
    # The repost (same body, no canonical) and the /?p=ID shortlinks (canonical) were fetched and dropped.
    assert result.stats["dedup/dropped/content"] == 1
    assert result.stats["dedup/dropped/url"] >= 1
    assert result.stats["dedup/dropped"] == result.stats["dedup/dropped/content"] + result.stats["dedup/dropped/url"]
    # Traps were never followed: sidebar, tag cloud, categories, date archives, other authors' archives.
    for path in wp.hits:
        assert not path.startswith(("/tag/", "/category/", "/author/john-roe", "/author/ana-lima", "/2024/03/?")), path
        assert path != "/2024/03/"
    assert all(ANA.name not in item["authors"] for item in result.items)
    # Tracking parameters never reach the server; the seed is fetched once, under its clean URL.
    assert not any("utm_" in path or "fbclid" in path for path in wp.hits)
    assert wp.hits[article_url(wp.site, solo(wp.site, JANE)).removeprefix(wp.base_url)] == 1
    # Every archive page was read, each once; with the archive read to its end and the REST API
    # answering, the author feed (her newest posts, all on the archive) was not needed.
    assert wp.hits["/author/jane-doe/"] == 1
    assert wp.hits["/author/jane-doe/page/3/"] == 1
    assert wp.hits["/author/jane-doe/feed/"] == 0 and result.stats["discovery/rest_pages_requested"] == 1


def test_blog_theme_finds_exactly_the_authors_articles(web: dict[str, ServedSite], crawl) -> None:
    blog = web["blog"]
    result = crawl(url=article_url(blog.site, solo(blog.site, BOB)))

    assert_exactly_author(result, blog.site, BOB)
    assert {"seed", "more-from-author", "author-archive"} <= {i["discovered_via"] for i in result.items}
    assert blog.hits["/authors/bob-smith?page=2"] == 1
    assert blog.hits["/authors/carla-diaz"] == 0
    # The co-authored post lists both authors, in byline order.
    coauthored = [i for i in result.items if len(i["authors"]) == 2]
    assert [i["authors"] for i in coauthored] == [[BOB.name, CARLA.name]]
    # The syndicated copy (cut short, lightly edited, no canonical) was merged as a near-duplicate.
    assert result.stats["dedup/dropped/near"] == 1
    assert "dedup/dropped/content" not in result.stats
    post = next(a for a in blog.site.articles if a.repost_slug)
    pair = {normalize_url(article_url(blog.site, post)), normalize_url(article_url(blog.site, post, post.repost_slug))}
    with sqlite3.connect(result.db) as db:
        rows = db.execute(
            "SELECT d.url, d.reason, a.canonical_url FROM duplicates d JOIN articles a ON a.id = d.article_id"
        ).fetchall()
    assert len(rows) == 1 and rows[0][1] == "near" and {rows[0][0], rows[0][2]} == pair


def test_records_hold_the_article_and_nothing_else(web: dict[str, ServedSite], crawl) -> None:
    sites = {s.site.base_url: s.site for s in web.values()}
    seeds = [article_url(s.site, solo(s.site, a)) for s, a in ((web["wp"], JANE), (web["blog"], BOB))]
    result = crawl(urls=",".join(seeds))
    assert len(result.items) == 10 + 7

    other_titles = {a.title for s in sites.values() for a in s.articles}
    for item in result.items:
        site = next(s for base, s in sites.items() if item["url"].startswith(base))
        article = next(a for a in site.articles if normalize_url(article_url(site, a)) == item["canonical_url"]
                       or (a.repost_slug and a.repost_slug in item["canonical_url"]))
        assert item["title"] == article.title
        assert item["authors"] == [a.name for a in article.authors]
        assert item["published"] == article.published.isoformat()
        assert item["language"] == "en"
        assert item["site"] == site.base_url.removeprefix("http://")
        assert item["author_url"].endswith(f"/{article.authors[0].slug}/") or item["author_url"].endswith(
            f"/authors/{article.authors[0].slug}"
        )
        # The whole body, in order, and nothing from "More From Author", related posts, sidebar or comments.
        body = article.repost_body() if article.repost_slug and article.repost_slug in item["url"] else article.body
        assert item["text"].split() == " ".join(body).split()
        for title in other_titles - {article.title}:
            assert title not in item["text"]
        assert "Max Commenter" not in item["text"] and "Thanks for writing" not in item["text"]
        assert item["word_count"] == len(re.findall(r"\w+", " ".join(body)))
        assert item["content_hash"] == content_hash(item["text"])
        assert item["crawled_at"].endswith("+00:00")

    # The SQLite store holds exactly what the JSONL feed got.
    with sqlite3.connect(result.db) as db:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = db.execute("SELECT canonical_url, authors, text FROM articles").fetchall()
    assert {(r[0], tuple(json.loads(r[1])), r[2]) for r in rows} == {
        (i["canonical_url"], tuple(i["authors"]), i["text"]) for i in result.items
    }


def test_second_run_adds_nothing_and_says_so(web: dict[str, ServedSite], crawl) -> None:
    seed = article_url(web["blog"].site, solo(web["blog"].site, BOB))
    first = crawl(url=seed)
    second = crawl(url=seed)

    assert len(first.items) == 7
    assert second.items == []
    assert second.stats.get("item_scraped_count", 0) == 0
    # Only the seed and the archive's first page are fetched again: every article on that page is
    # known, so paging stops there, and the known articles linked from the two are not fetched.
    assert second.stats["dedup/dropped/url"] == 1
    assert second.stats["dedup/archive_paging_stopped"] == 1
    assert second.stats["dedup/skipped_known_url"] == 4
    blog = web["blog"]
    for article in blog.site.by(BOB):
        path = article_url(blog.site, article).removeprefix(blog.base_url)
        assert blog.hits[path] == (2 if article_url(blog.site, article) == seed else 1), path
    assert blog.hits["/authors/bob-smith"] == 2
    assert blog.hits["/authors/bob-smith?page=2"] == 1
    assert (
        "Nothing new: 4 known articles were not fetched again; 1 article pages fetched are already in the corpus."
        in second.log
    )
    assert "New articles: 7" in first.log
    with sqlite3.connect(first.db) as db:
        assert db.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 7


def test_coauthored_seed_follows_its_primary_author_unless_asked(web: dict[str, ServedSite], crawl) -> None:
    wp = web["wp"]
    seed = next(a for a in wp.site.articles if a.authors == [JOHN, JANE])
    primary_only = crawl(url=article_url(wp.site, seed))
    assert primary_only.urls_by(JOHN.name) == expected(wp.site, JOHN)[0]
    assert {i["canonical_url"] for i in primary_only.items} == expected(wp.site, JOHN)[0]

    both = crawl(settings={"CORPUS_DB": str(primary_only.db) + ".2"}, url=article_url(wp.site, seed), coauthors="1")
    assert both.urls_by(JOHN.name) == expected(wp.site, JOHN)[0]
    must, either = expected(wp.site, JANE)
    found = both.urls_by(JANE.name)
    assert must <= found and len(found & either) == 1 and found <= must | either


def test_author_archive_as_seed(web: dict[str, ServedSite], crawl) -> None:
    wp = web["wp"]
    result = crawl(url=f"{wp.base_url}/author/jane-doe/")
    assert_exactly_author(result, wp.site, JANE)


def test_seeds_from_a_file(web: dict[str, ServedSite], crawl, tmp_path) -> None:
    seeds = tmp_path / "seeds.txt"
    seeds.write_text(
        f"# authors I follow\n{article_url(web['blog'].site, solo(web['blog'].site, CARLA))}\n\n", encoding="utf-8"
    )
    result = crawl(urls_file=str(seeds))
    assert result.urls_by(CARLA.name) == expected(web["blog"].site, CARLA)[0]
    assert len(result.items) == 4


def test_duplicates_are_remembered_and_not_fetched_again(web: dict[str, ServedSite], crawl) -> None:
    wp = web["wp"]
    seed = article_url(wp.site, solo(wp.site, JANE))
    first = crawl(url=seed)
    with sqlite3.connect(first.db) as db:
        rows = db.execute(
            "SELECT d.url, d.reason, a.canonical_url, d.canonical_url, a.url FROM duplicates d"
            " JOIN articles a ON a.id = d.article_id"
        ).fetchall()
    assert len(rows) == first.stats["dedup/dropped"]
    for url, reason, stored, canonical, kept_url in rows:
        if reason == "url":  # merged into the article with the same canonical URL, fetched at another address
            assert stored == canonical and url != kept_url
        else:  # the repost: same body, merged into the original (or the other way round)
            assert reason == "content" and "republished-" in url + stored
    hits_before = dict(wp.hits)
    second = crawl(url=seed)
    assert second.items == []
    refetched = {path for path, n in wp.hits.items() if n > hits_before.get(path, 0)}
    # The seed and the hubs (Jane's archive pages, her feed, the REST API); no article, shortlink or repost.
    hubs = {p for p in refetched if p.startswith(("/author/jane-doe/", "/wp-json/"))}
    assert refetched == {seed.removeprefix(wp.base_url), "/robots.txt"} | hubs
    assert second.stats["dedup/skipped_known_url"] >= len(first.items) - 1
    # Skipping what is known is success: no failure counted, nothing logged above DEBUG.
    assert not any(key.startswith("discovery/article_failed/") for key in second.stats)
    assert "Article not fetched" not in second.log and "WARNING" not in second.log


def test_feed_and_rest_find_what_archive_paging_does_not(web: dict[str, ServedSite], crawl) -> None:
    wp = web["wp"]
    # One archive page only: the rest must come from the author feed and the REST API.
    result = crawl(settings={"AUTHOR_MAX_ARCHIVE_PAGES": 1}, url=article_url(wp.site, solo(wp.site, JANE)))
    assert_exactly_author(result, wp.site, JANE)
    assert wp.hits["/author/jane-doe/page/2/"] == 0
    assert wp.hits["/author/jane-doe/feed/"] == 1
    assert any(path.startswith("/wp-json/wp/v2/posts?author=2&") for path in wp.hits)
    assert wp.hits["/feed/"] == 0  # the site-wide feed is everyone's
    assert result.stats["discovery/feeds_requested"] == 1
    assert result.stats["discovery/rest_pages_requested"] == 1


def test_failing_archive_page_brings_in_the_feed(web: dict[str, ServedSite], crawl) -> None:
    wp = web["wp"]
    del wp.routes["/author/jane-doe/page/2/"]  # a 404 in the middle of the archive
    result = crawl(url=article_url(wp.site, solo(wp.site, JANE)))
    assert_exactly_author(result, wp.site, JANE)
    assert result.stats["discovery/archive_pages_failed"] == 1
    assert wp.hits["/author/jane-doe/feed/"] == 1


def test_blocked_rest_api_is_not_an_error(web: dict[str, ServedSite], crawl) -> None:
    wp = web["wp"]
    wp.site.rest_status = 401
    result = crawl(url=article_url(wp.site, solo(wp.site, JANE)))
    assert_exactly_author(result, wp.site, JANE)
    assert result.stats["discovery/rest_unavailable"] == 1
    # The closed API is no error. Other errors a loaded machine may log (once, in CI, an unknown one) are
    # printed for the record, not counted against the API.
    errors = [line for line in result.log.splitlines() if " ERROR: " in line]
    print("\n".join(errors))
    assert not [line for line in errors if "wp-json" in line or "401" in line], errors
    assert any(path.startswith("/wp-json/") for path in wp.hits)  # it was asked, and answered 401


def test_repeat_crawl_finds_a_new_article_and_stops_paging_after_it(web: dict[str, ServedSite], crawl) -> None:
    wp = web["wp"]
    seed = article_url(wp.site, solo(wp.site, JANE))
    first = crawl(url=seed)
    # Jane publishes a new post; the site's archive and feeds now start with it.
    newest = max(a.published for a in wp.site.articles)
    wp.site.articles.append(
        Article("jane-brand-new", "Brand New: notes by Jane", [JANE], newest + timedelta(days=3), paragraphs("new"))
    )
    wp.routes = render(wp.site)
    hits_before = dict(wp.hits)
    second = crawl(url=seed)

    assert [item["title"] for item in second.items] == ["Brand New: notes by Jane"]
    assert len(first.items) == 10
    # Page 1 had the new post, page 2 had nothing new: page 3 is not read again.
    assert wp.hits["/author/jane-doe/page/2/"] == hits_before["/author/jane-doe/page/2/"] + 1
    assert wp.hits["/author/jane-doe/page/3/"] == hits_before["/author/jane-doe/page/3/"]
    assert second.stats["dedup/archive_paging_stopped"] == 1
