import sys

from cchc_desktop.app import main

sys.exit(main())
