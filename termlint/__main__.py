"""`python -m termlint` entry point."""

from termlint.cli import main

raise SystemExit(main())
