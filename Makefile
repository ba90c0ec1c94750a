# The two commands a new user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo test lint sysdeps clean bench-extraction bench-dedup bench-discovery bench-faults bench-crawl

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(PY) -m tests.site.demo

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# System packages the tests use: headless Chromium, to look at `scrapy report` as a person would.
# Installed with apt when missing and the machine allows it (root, Debian); otherwise say what is missing.
sysdeps:
	@command -v chromium-headless-shell >/dev/null || command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell >/dev/null; \
	  else echo "the tests need headless Chromium: apt-get install chromium-headless-shell" >&2; exit 1; fi; }

test: lint sysdeps
	$(PY) -m pytest -q

# Extraction quality and speed, side by side with plain trafilatura, on ../shared's real pages.
bench-extraction: $(STAMP)
	$(PY) -m bench.extraction

# Near-duplicate precision/recall on variants of ../shared's real bodies; index speed and memory at 1M.
bench-dedup: $(STAMP)
	$(PY) -m bench.dedup

# Per-theme recall, precision and requests per article of discovery, on the fixture web served on loopback.
bench-discovery: $(STAMP)
	$(PY) -m bench.discovery

# SIGKILLed crawls resumed (records lost, duplicated, torn) and the hostile site's bad inputs, on loopback.
bench-faults: $(STAMP)
	$(PY) -m bench.faults

# Pages/s: fetch bound, extraction bound, the project's crawl (1 and all workers), trafilatura's CLI.
bench-crawl: $(STAMP)
	$(PY) -m bench.crawl

clean:
	rm -rf $(VENV) data/*.jsonl data/*.sqlite3* .pytest_cache .ruff_cache
