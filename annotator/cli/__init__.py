"""The command line: `main` builds the parser; one module per group of commands registers them."""
from annotator.cli.main import main

__all__ = ["main"]
