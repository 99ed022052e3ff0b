-- The archive schema of version 1 (Vigie 0.1, session 1), as SQLAlchemy created it in SQLite:
-- tests/archive/test_acts_store.py upgrades such an archive.
CREATE TABLE schema_version (
	version INTEGER NOT NULL, 
	applied_at DATETIME NOT NULL, 
	PRIMARY KEY (version)
);
CREATE TABLE sources (
	id INTEGER NOT NULL, 
	host VARCHAR(255) NOT NULL, 
	name VARCHAR(255), 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (host)
);
CREATE TABLE crawl_runs (
	id INTEGER NOT NULL, 
	started_at DATETIME NOT NULL, 
	finished_at DATETIME, 
	status VARCHAR(16) NOT NULL, 
	close_reason VARCHAR(64), 
	start_urls JSON NOT NULL, 
	pages_fetched INTEGER NOT NULL, 
	documents_new INTEGER NOT NULL, 
	documents_changed INTEGER NOT NULL, 
	documents_unchanged INTEGER NOT NULL, 
	documents_duplicate INTEGER NOT NULL, 
	documents_failed INTEGER NOT NULL, 
	needs_ocr INTEGER NOT NULL, 
	mentions JSON NOT NULL, 
	errors JSON NOT NULL, 
	error_samples JSON NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE documents (
	id INTEGER NOT NULL, 
	sha256 VARCHAR(64) NOT NULL, 
	source_id INTEGER NOT NULL, 
	content_type VARCHAR(255), 
	kind VARCHAR(16) NOT NULL, 
	size INTEGER NOT NULL, 
	filename VARCHAR(512), 
	title TEXT, 
	doc_type VARCHAR(32) NOT NULL, 
	date DATE, 
	date_source VARCHAR(32), 
	pages INTEGER NOT NULL, 
	text_length INTEGER NOT NULL, 
	extraction VARCHAR(32), 
	needs_ocr BOOLEAN NOT NULL, 
	error TEXT, 
	is_latest BOOLEAN NOT NULL, 
	tagged_with VARCHAR(32), 
	first_seen_at DATETIME NOT NULL, 
	last_seen_at DATETIME NOT NULL, 
	fetched_at DATETIME NOT NULL, 
	text TEXT NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (sha256), 
	FOREIGN KEY(source_id) REFERENCES sources (id)
);
CREATE INDEX ix_documents_date ON documents (date);
CREATE INDEX ix_documents_needs_ocr ON documents (needs_ocr);
CREATE INDEX ix_documents_tagged_with ON documents (tagged_with);
CREATE INDEX ix_documents_is_latest ON documents (is_latest);
CREATE INDEX ix_documents_source_id ON documents (source_id);
CREATE INDEX ix_documents_doc_type ON documents (doc_type);
CREATE TABLE document_urls (
	id INTEGER NOT NULL, 
	document_id INTEGER NOT NULL, 
	url TEXT NOT NULL, 
	first_seen_at DATETIME NOT NULL, 
	last_seen_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (document_id, url), 
	FOREIGN KEY(document_id) REFERENCES documents (id) ON DELETE CASCADE
);
CREATE INDEX ix_document_urls_url ON document_urls (url);
CREATE TABLE mentions (
	id INTEGER NOT NULL, 
	document_id INTEGER NOT NULL, 
	category VARCHAR(64) NOT NULL, 
	term TEXT NOT NULL, 
	matched TEXT NOT NULL, 
	start INTEGER NOT NULL, 
	"end" INTEGER NOT NULL, 
	page INTEGER, 
	context TEXT NOT NULL, 
	stance VARCHAR(16), 
	lexicon_version VARCHAR(32) NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(document_id) REFERENCES documents (id) ON DELETE CASCADE
);
CREATE INDEX ix_mentions_document_id ON mentions (document_id);
CREATE INDEX ix_mentions_category ON mentions (category);
