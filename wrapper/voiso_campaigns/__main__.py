"""``python -m voiso_campaigns`` runs the command line."""

import sys

from ._cli import main

sys.exit(main())
