"""``python -m wardapp`` — same as the ``wardapp`` console script."""

import sys

from wardapp.cli import main

if __name__ == "__main__":
    sys.exit(main())
