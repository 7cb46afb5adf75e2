"""``python -m evidence.audit`` (``make audit``): write the audit CSV, or say clearly why not."""

import sys

from evidence.audit.render import main

sys.exit(main())
