"""Subcommands of `kb`, one module each."""
