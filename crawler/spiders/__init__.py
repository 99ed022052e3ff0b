"""Spiders: the generic focused spider, and (later) platform bases and per-source spiders."""
