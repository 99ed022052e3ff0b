"""Workers on several machines, sharing one queue in the PostgreSQL archive.

The queue is procrastinate's (its own tables, applied by its schema manager, in the archive's
database): ``vigie crawl --enqueue`` puts one job per source in it, ``vigie ocr --enqueue`` one
per scan waiting for OCR, and every ``vigie worker`` takes jobs from it. A source's jobs carry
its slug as procrastinate's ``lock``, so one source is crawled by one worker at a time, and as
their ``queueing_lock``, so enqueuing twice does not add a second waiting job. A worker that
dies stops sending heartbeats; the others retry its jobs (``workers.tasks.retry_stalled``).
"""
