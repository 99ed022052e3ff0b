"""Item pipelines (one stage per module) and the plain functions they run.

The extraction functions (``detect``, ``html_text``, ``pdf_text``, ``office_text``,
``doctype``, ``extract``) work without Scrapy; the Scrapy stages (``extraction``,
``storage``) only schedule them and hand results to the archive.
"""
