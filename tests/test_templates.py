"""Site-level template learning: blocks a site repeats on many pages are dropped from its bodies."""

from __future__ import annotations

import asyncio
import json
import re
import sqlite3

from crawler.extraction.body import content_hash
from pipelines.corpus.database import Corpus
from pipelines.template_blocks import block_key, block_keys, strip_blocks
from tests.conftest import scrapy_on
from tests.site.content import JANE
from tests.site.server import ServedSite
from tests.site.themes import article_url, render

SIGNOFF = "Jane Doe writes about rivers and towns for the Gazette; her newsletter arrives every Friday."


def test_block_keys_ignore_spacing_case_and_short_lines() -> None:
    text = "Conclusion\nThe same   block of text here.\nAnother block of real text.\nthe same block of TEXT here."
    keys = block_keys(text, min_words=4)
    assert keys == [block_key("The same block of text here."), block_key("Another block of real text.")]
    assert strip_blocks(text, {keys[0]}, min_words=4) == "Conclusion\nAnother block of real text."
    assert strip_blocks(text, set(), min_words=4) == text


def test_a_page_counts_once_per_site(tmp_path) -> None:
    corpus = Corpus(tmp_path / "c.sqlite3")
    keys = block_keys(f"{SIGNOFF}\nA paragraph only this page has in it.", min_words=4)
    assert corpus.learn_blocks("a.example", "https://a.example/1", keys) == (True, dict.fromkeys(keys, 1))
    # The same page fetched again, and another site with the same block, do not add to the count.
    assert corpus.learn_blocks("a.example", "https://a.example/1", keys) == (False, dict.fromkeys(keys, 1))
    assert corpus.learn_blocks("b.example", "https://b.example/1", keys[:1]) == (True, {keys[0]: 1})
    assert corpus.learn_blocks("a.example", "https://a.example/2", keys[:1]) == (True, {keys[0]: 2})
    assert corpus.site_boilerplate("a.example", 2) == {keys[0]}
    assert corpus.site_boilerplate("b.example", 2) == set()
    corpus.close()


def test_a_crawl_learns_the_sites_signoff_and_cleans_every_body(web: dict[str, ServedSite], crawl) -> None:
    wp = web["wp"]
    janes = [a for a in wp.site.articles if JANE in a.authors]
    bodies = {a.slug: list(a.body) for a in janes}
    for article in janes:
        article.body = [*article.body, SIGNOFF]
    wp.routes = render(wp.site)
    seed = article_url(wp.site, janes[0])

    result = crawl(url=seed)

    assert len(result.items) == len(janes) >= 6
    # The first pages are written to the feed before the block is known (4, with the default of 5 pages).
    assert sum(SIGNOFF in item["text"] for item in result.items) == 4
    assert result.stats["template/blocks_learned"] == 1
    assert result.stats["template/stored_cleaned"] == 4
    # Every page fetched after that is trimmed on arrival (duplicates dropped later included).
    assert result.stats["template/pages_trimmed"] >= len(janes) - 4
    assert "Site templates: 1 repeated lines learned; dropped from " in result.log
    assert "pages as they came and from 4 stored ones" in result.log
    # The corpus holds every body without it, and nothing else is lost.
    with sqlite3.connect(result.db) as db:
        rows = db.execute("SELECT title, text, word_count, content_hash FROM articles").fetchall()
    assert len(rows) == len(janes)
    for title, text, words, digest in rows:
        article = next(a for a in janes if a.title == title)
        assert text.split() == " ".join(bodies[article.slug]).split()
        assert digest == content_hash(text) and words == len(re.findall(r"\w+", text))

    # The next run fetches nothing new: the seed, fetched again, is cleaned on arrival and is known.
    second = crawl(url=seed)
    assert second.items == [] and second.stats["dedup/dropped/url"] == 1
    # Re-extraction from the kept pages drops the learned template too: nothing to change.
    out = scrapy_on(result.db, "reextract")
    assert out.returncode == 0, out.stderr
    assert f"0 records changed, {len(janes)} unchanged" in out.stdout


def test_off_when_min_pages_is_zero(web: dict[str, ServedSite], crawl) -> None:
    wp = web["wp"]
    janes = [a for a in wp.site.articles if JANE in a.authors]
    for article in janes:
        article.body = [*article.body, SIGNOFF]
    wp.routes = render(wp.site)
    result = crawl(settings={"TEMPLATE_MIN_PAGES": 0}, url=article_url(wp.site, janes[0]))
    assert all(SIGNOFF in item["text"] for item in result.items) and result.items
    assert not any(key.startswith("template/") for key in json.loads(json.dumps(result.stats)))


def test_stage_counts_a_block_learned_once_and_cleans_what_it_stored(tmp_path) -> None:
    from scrapy.utils.test import get_crawler

    from pipelines.template import TemplatePipeline

    settings = {"CORPUS_DB": str(tmp_path / "c.sqlite3"), "TEMPLATE_MIN_PAGES": 2, "TEMPLATE_MIN_WORDS": 4}
    crawler = get_crawler(settings_dict=settings)
    stage = TemplatePipeline.from_crawler(crawler)
    stage.open_spider()

    def item(n: int) -> dict:
        text = f"Page {n} has a paragraph of its very own here.\n{SIGNOFF}"
        return {"site": "a.example", "canonical_url": f"https://a.example/{n}", "text": text}

    first = stage.apply(item(1))
    assert SIGNOFF in first["text"]
    stage.corpus.add({**first, "url": first["canonical_url"], "authors": [], "word_count": 1,
                      "content_hash": content_hash(first["text"]), "discovered_via": "seed", "crawled_at": "now"})
    second = stage.apply(item(2))
    assert second["text"] == "Page 2 has a paragraph of its very own here."
    assert second["content_hash"] == content_hash(second["text"]) and second["word_count"] == 10
    stage.apply(item(2))  # the same page again: counted once, learned once
    assert stage.apply({"text": SIGNOFF}) == {"text": SIGNOFF}  # no site or URL: left to validation
    assert crawler.stats.get_value("template/blocks_learned") == 1
    assert crawler.stats.get_value("template/pages_trimmed") == 2
    asyncio.run(stage.close_spider())
    assert crawler.stats.get_value("template/stored_cleaned") == 1
    stored = Corpus(settings["CORPUS_DB"])
    assert [text for _, text in stored.site_texts("a.example")] == ["Page 1 has a paragraph of its very own here."]
    stored.close()
