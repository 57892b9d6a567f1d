"""python -m directory: the command-line interface."""

import sys

from directory.cli import main

sys.exit(main())
