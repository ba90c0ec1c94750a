"""docs/settings.md is generated from crawler/settings.py and up to date."""

from __future__ import annotations

import ast

from crawler.settingsdoc import OUT, SOURCE, render


def test_the_settings_reference_is_generated_and_current() -> None:
    page = render()
    assert OUT.read_text(encoding="utf-8") == page, "run `python -m crawler.settingsdoc`"
    # Every setting the module defines is in it, documented or listed as Scrapy's own.
    tree = ast.parse(SOURCE.read_text(encoding="utf-8"))
    names = [t.id for node in tree.body if isinstance(node, ast.Assign) for t in node.targets if t.id.isupper()]
    assert names and all(f"`{name}`" in page for name in names)
    assert "| `CORPUS_DB` | `data/corpus.sqlite3` |" in page and "(16 MiB)" in page
