"""Extraction: a page parsed once, in a worker process, into discovery's facts and its article record.

``worker`` is what runs in the pool and ``pool`` holds the pool for a crawl; ``record`` reads the
record (``metadata`` its fields, ``body`` the article text, ``boilerplate`` the cleaning rules);
``jobs`` feeds pages to the pool for ``scrapy extract`` and ``scrapy reextract``.
"""
