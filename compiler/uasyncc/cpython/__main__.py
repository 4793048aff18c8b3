"""``python -m uasyncc.cpython APP.py [--virtual-time]``: see runner.py."""

import sys

from .runner import main

if __name__ == "__main__":
    sys.exit(main())
