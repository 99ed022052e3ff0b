"""The archive's migrations (Alembic), shipped with Vigie and run by ``archive.schema``.

A revision is a schema version: ``versions/000N_*.py`` makes version N from version N-1, and
``archive.db.SCHEMA_VERSION`` is the newest. ``0001`` is the first schema Vigie released
(``tests/archive/schema_v1.sql``); ``0002`` to ``0005`` are the steps that older Vigies made by
hand, written again here so that their archives upgrade in place.

A schema change is three things: the models (``archive/models.py``, or a field of the contract
in ``archive/records.py``), one revision here, and ``SCHEMA_VERSION`` one higher.
``tests/archive/test_migrations.py`` holds them together: running every revision from an empty
database gives, on SQLite and on PostgreSQL, the schema that the models create. Alembic's own
command line drafts a revision from that difference (configured in ``pyproject.toml``; the
archive is ``VIGIE_DB``'s):

    VIGIE_DB=dev.db alembic revision --autogenerate --rev-id 0006 -m "what it adds"

Write the types with ``archive.sqltypes`` (as the models do), never import the models (a
revision is the schema of its day), and mind SQLite: Alembic's batch mode rebuilds a table for
anything but adding columns and indexes, and rebuilding ``documents`` or ``mentions`` drops the
full-text index's triggers (``search/index.py``), which the next search then lacks.
"""
