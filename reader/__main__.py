"""``python -m reader`` is the ``arabic-reader`` command."""

import sys

from reader.cli import main

if __name__ == "__main__":
    sys.exit(main())
