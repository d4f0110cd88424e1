"""`python -m annotator` runs the command line."""
from __future__ import annotations

from annotator.cli import main

raise SystemExit(main())
