"""The `commonplan` command."""

from commonplan.cli.app import main

__all__ = ["main"]
