"""Entry point for ``python -m geo``."""

import sys

from geo.cli import main

if __name__ == "__main__":
    sys.exit(main())
