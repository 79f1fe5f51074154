"""``python -m policyschema``: the command line."""

from .cli import main

raise SystemExit(main())
