"""``python -m crawler`` runs the ``vigie`` command."""

from crawler.cli import main

main()
