"""``python -m wardapp`` — same as the ``wardapp`` console script."""

import sys

from wardapp.cli import main

sys.exit(main())
