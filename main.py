"""Start CCHC Desk: `python main.py` does what the `cchc` command does."""

import sys

from cchc_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
