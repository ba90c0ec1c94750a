"""The Scrapy project: settings, items, spiders, commands, and the pure discovery and extraction logic."""
