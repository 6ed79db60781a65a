"""`python -m ntm_analysis` is `ntm-report`."""

import sys

from ntm_analysis.cli import main

sys.exit(main())
