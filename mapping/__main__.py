"""``python -m mapping`` runs the command line."""

from .cli import main

main()
