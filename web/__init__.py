"""Vigie's web interface: search, read the evidence, follow new mentions (``vigie serve``).

A FastAPI application with Jinja2 templates, in French, over a read-only archive. Views only
parse requests and render: searching, documents and overview counts come from ``search``.
"""
