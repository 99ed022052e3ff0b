"""``python -m cli`` runs the ``vigie`` command (what the tests run in a subprocess)."""

from cli import main

main()
