"""Vigie's Scrapy project: settings, the item, spiders, the crawl runner and the ``vigie`` CLI."""

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/vigie-surveillance/vigie"
