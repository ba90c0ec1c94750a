# The two commands a new user needs: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo test lint sysdeps clean bench-extraction bench-dedup bench-discovery bench-faults bench-crawl \
	bench-cluster bench-memory bench-authors bench-real bench-rules bench-recall bench-outside bench-speedab bench-truth \
	ghost docusaurus hexo

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip 'setuptools==80.9.0'
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(PY) -m tests.site.demo

lint: $(STAMP)
	$(VENV)/bin/ruff check .

# System packages the tests use: headless Chromium, to look at `scrapy report` as a person would, and a
# real redis-server for cluster mode. Installed with apt when missing and the machine allows it (root,
# Debian); otherwise say what is missing.
# A real WordPress for the discovery tests: Debian's wordpress with its three bundled themes, PHP and MariaDB.
WP_THEMES = $(foreach t,one two three,$(if $(wildcard /usr/share/wordpress/wp-content/themes/twentytwenty$(t)),,wordpress-theme-twentytwenty$(t)))
SYSDEPS = $(if $(shell command -v chromium-headless-shell || command -v chromium),,chromium-headless-shell) \
          $(if $(shell command -v redis-server),,redis-server) \
          $(if $(wildcard /usr/share/wordpress/wp-settings.php),,wordpress) $(WP_THEMES) \
          $(if $(shell command -v php),,php-cli) $(if $(shell php -m 2>/dev/null | grep -qx mysqli && echo y),,php-mysql) \
          $(if $(shell command -v mariadbd || test -x /usr/sbin/mariadbd && echo y),,mariadb-server) \
          $(JEKYLL) $(if $(shell command -v npm),,nodejs npm)
# A third real blog engine: Debian's Jekyll with its Minima theme and the feed and SEO plugins.
JEKYLL = $(if $(shell command -v jekyll),,jekyll) \
         $(if $(wildcard /usr/share/rubygems-integration/all/gems/minima-*),,jekyll-theme-minima) \
         $(if $(wildcard /usr/share/rubygems-integration/all/gems/jekyll-feed-*),,ruby-jekyll-feed) \
         $(if $(wildcard /usr/share/rubygems-integration/all/gems/jekyll-seo-tag-*),,ruby-jekyll-seo-tag)
sysdeps:
	@if [ -n "$(strip $(SYSDEPS))" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSDEPS) >/dev/null; \
	  else echo "the tests need: apt-get install $(strip $(SYSDEPS))" >&2; exit 1; fi; fi

# A real Ghost (Node.js, from the npm registry) for the discovery tests: the release's own package, its production
# dependencies installed from its own yarn.lock as Ghost's installer does; in .cache/ghost, once.
GHOST_VERSION = 5.130.4
GHOST_DIR = .cache/ghost
ghost: $(GHOST_DIR)/.installed
$(GHOST_DIR)/.installed: | sysdeps
	rm -rf $(GHOST_DIR) && mkdir -p $(GHOST_DIR)
	cd $(GHOST_DIR) && npm pack --silent ghost@$(GHOST_VERSION) >/dev/null && \
	  tar xzf ghost-$(GHOST_VERSION).tgz --strip-components=1 && rm ghost-$(GHOST_VERSION).tgz
	cd $(GHOST_DIR) && node -e 'const p=require("./package.json");delete p.devDependencies;require("fs").writeFileSync("package.json",JSON.stringify(p))'
	cd $(GHOST_DIR) && npx --yes yarn@1.22.22 install --production --ignore-optional --ignore-engines \
	  --non-interactive --network-timeout 600000 >install.log 2>&1 || { tail -30 install.log; exit 1; }
	touch $@

# A real Docusaurus blog (Node.js, from the npm registry): create-docusaurus's classic template and its packages, in
# .cache/docusaurus, once.
DOCUSAURUS_VERSION = 3.10.2
DOCUSAURUS_DIR = .cache/docusaurus
docusaurus: $(DOCUSAURUS_DIR)/.installed
$(DOCUSAURUS_DIR)/.installed: | sysdeps
	@node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a == 20 && b >= 19) ? 0 : 1)' \
	  || { echo "Docusaurus needs Node.js 20.19 or newer (this is $$(node --version))" >&2; exit 1; }
	rm -rf $(DOCUSAURUS_DIR) && mkdir -p .cache
	npx --yes create-docusaurus@$(DOCUSAURUS_VERSION) $(DOCUSAURUS_DIR) classic --javascript --skip-install >/dev/null
	cd $(DOCUSAURUS_DIR) && npm install --no-audit --no-fund >install.log 2>&1 || { tail -30 install.log; exit 1; }
	touch $@

# A real Hexo blog (Node.js, from the npm registry) in Chinese, with the NexT theme: Hexo, NexT and the plugins Hexo's
# own starter lists, in .cache/hexo, once.
HEXO_DIR = .cache/hexo
HEXO_PACKAGES = hexo@8.1.2 hexo-theme-next@8.29.0 hexo-renderer-marked@7.0.1 hexo-renderer-stylus@3.0.1 \
	hexo-generator-index@4.0.0 hexo-generator-archive@2.0.0 hexo-generator-category@2.0.0 hexo-generator-tag@2.0.0 \
	hexo-generator-feed@3.0.0
hexo: $(HEXO_DIR)/.installed
$(HEXO_DIR)/.installed: | sysdeps
	@node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a == 20 && b >= 19) ? 0 : 1)' \
	  || { echo "Hexo needs Node.js 20.19 or newer (this is $$(node --version))" >&2; exit 1; }
	rm -rf $(HEXO_DIR) && mkdir -p $(HEXO_DIR)
	echo '{"name": "hexo-site", "private": true, "hexo": {"version": "8.1.2"}}' > $(HEXO_DIR)/package.json
	cd $(HEXO_DIR) && npm install --no-audit --no-fund $(HEXO_PACKAGES) >install.log 2>&1 || { tail -30 install.log; exit 1; }
	touch $@

# Two pytest processes, each test file kept whole on one (a module's shared crawl runs once).
PYTEST_WORKERS ?= 2

test: lint sysdeps ghost docusaurus hexo
	$(PY) -m pytest -q -n $(PYTEST_WORKERS) --dist loadfile

# Extraction quality and speed, side by side with plain trafilatura, on both of ../shared's sets of real pages.
bench-extraction: $(STAMP)
	$(PY) -m bench.extraction
	$(PY) -m bench.extraction --data ../shared/benchmarks/wcxb-dev
	$(PY) -m bench.figures

# What each extraction rule adds on each set: one rule switched off at a time.
bench-rules: $(STAMP)
	$(PY) -m bench.rules
	$(PY) -m bench.figures

# Real pages outside both shared sets: the evaluation pages of clones of adbar/trafilatura and adbar/htmldate
# (TRAFILATURA_REPO=... HTMLDATE_REPO=...), beside those libraries; optionally the test pages of clones of
# mozilla/readability and postlight/parser (READABILITY_REPO=... POSTLIGHT_REPO=...), and WCXB's held-out test split
# (WCXB_REPO=..., a clone of Murrough-Foley/web-content-extraction-benchmark), beside trafilatura.
bench-outside: $(STAMP)
	$(PY) -m bench.outside
	$(PY) -m bench.figures

# The working tree's extraction time against BASE's (a commit), paired page by page on wcxb-dev.
bench-speedab: $(STAMP)
	$(PY) -m bench.speedab --base $(BASE) --data ../shared/benchmarks/wcxb-dev

# Where body recall goes on wcxb-dev: the truth's words each extractor cuts, by kind of element; WCXB's snippets.
bench-recall: $(STAMP)
	$(PY) -m bench.recall
	$(PY) -m bench.figures

# Author, date, title and the author's page on ../shared's real pages, beside trafilatura's extract_metadata.
bench-authors: $(STAMP)
	$(PY) -m bench.authors
	$(PY) -m bench.figures

# What wcxb-dev's truth asks that no one reading of the pages gives: the ceiling over bench-authors' figures; the
# same questions asked of other sets' truths where their clones are given (WCXB_REPO, TRAFILATURA_REPO, POSTLIGHT_REPO,
# HTMLDATE_REPO, as for bench-outside).
bench-truth: $(STAMP)
	$(PY) -m bench.truth
	$(PY) -m bench.figures

# Recall, precision and requests per article on real WordPress (every bundled theme) and Pelican, on loopback.
bench-real: $(STAMP) sysdeps ghost docusaurus hexo
	$(PY) -m bench.realsoftware
	$(PY) -m bench.figures

# Near-duplicate precision/recall on variants of ../shared's real bodies; index speed and memory at 1M.
bench-dedup: $(STAMP)
	$(PY) -m bench.dedup

# Per-theme recall, precision and requests per article of discovery, on the fixture web served on loopback.
bench-discovery: $(STAMP)
	$(PY) -m bench.discovery

# SIGKILLed crawls resumed (records lost, duplicated, torn) and the hostile site's bad inputs, on loopback.
bench-faults: $(STAMP)
	$(PY) -m bench.faults
	$(PY) -m bench.figures

# Pages/s: fetch bound, extraction bound, the project's crawl (1 and all workers), trafilatura's CLI.
bench-crawl: $(STAMP)
	$(PY) -m bench.crawl

# Peak RSS of the crawl process over a 50,000-page crawl (JOBDIR on), sampled every 10,000 pages.
bench-memory: $(STAMP)
	$(PY) -m bench.memory

# 1, 2 and 4 cluster workers (and one SIGKILLed) against the single-process crawl, on a real redis-server.
bench-cluster: $(STAMP) sysdeps
	$(PY) -m bench.cluster

clean:
	rm -rf $(VENV) data/*.jsonl data/*.sqlite3* .pytest_cache .ruff_cache
