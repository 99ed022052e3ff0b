"""Full-text search over the archive (SQLite FTS5). Filled in by issue 4; depends only on archive."""
