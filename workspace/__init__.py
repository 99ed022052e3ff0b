"""The group's own data: accounts, reviews of the evidence, saved searches and their alerts.

It lives in a database of its own (the *workspace*), apart from the crawled archive, which the
web interface only ever reads: a review or an alert can never change or lose what was crawled,
and the archive can be rebuilt, copied or served read-only without them. ``workspace.db`` says
where the workspace is and opens it; ``workspace.models`` holds its tables.
"""

# Every module that declares tables on ``WorkspaceBase``, imported here so that its metadata
# (``create_all`` of a new workspace, the migrations' comparison) always holds them all.
from workspace import alerts, models, reviews, sessions  # noqa: F401
