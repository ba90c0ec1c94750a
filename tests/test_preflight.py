"""Settings checked before a crawl: every project default passes, and the documented off-values too."""

from __future__ import annotations

import pytest
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from crawler.preflight import PreflightError, check_settings


def test_the_project_defaults_and_documented_off_values_pass() -> None:
    settings = get_project_settings()
    check_settings(settings)
    # "0 means no limit / off", as settings.md says of these.
    for name in ("AUTHOR_MAX_ARCHIVE_PAGES", "AUTHOR_MAX_LINKS_PER_PAGE", "EXTRACTION_WORKERS",
                 "EXTRACTION_WORKER_MEMORY_MB", "TEMPLATE_MIN_PAGES", "EXTRACTION_TIME_LIMIT", "RETRY_TIMES"):
        settings.set(name, 0, priority="cmdline")
    check_settings(settings)


def test_a_value_of_the_wrong_kind_or_below_its_range_is_named() -> None:
    with pytest.raises(PreflightError, match=r"setting NEAR_DUP_THRESHOLD: '1\.5' is over 1"):
        check_settings(Settings({"NEAR_DUP_THRESHOLD": "1.5"}))
    with pytest.raises(PreflightError, match="setting GC_FREEZE: 'maybe' is not True or False"):
        check_settings(Settings({"GC_FREEZE": "maybe"}))
