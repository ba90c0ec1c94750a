"""The record's JSON Schema: generated from the dataclass, committed, and true of real output."""

import json

import jsonschema
import pytest

from crawler.items import RECORD_FIELDS, SCHEMA_PATH, record_json_schema
from tests.site.content import BOB
from tests.site.themes import article_url


def test_committed_schema_is_the_generated_one() -> None:
    # If this fails, the record changed: run `python -m crawler.items` and commit the schema.
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == record_json_schema()
    assert list(record_json_schema()["properties"]) == RECORD_FIELDS


def test_crawl_output_validates(web, crawl) -> None:
    blog = web["blog"]
    result = crawl(url=article_url(blog.site, blog.site.primary(BOB)[-1]))
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert result.items
    for item in result.items:
        jsonschema.validate(item, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**result.items[0], "word_count": "many"}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**result.items[0], "html_z": None}, schema)  # never exported
