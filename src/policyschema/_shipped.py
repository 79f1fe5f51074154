"""Where the shipped files are: in the installed package, or in the repository during development.

The wheel carries the top-level ``examples/`` and ``schemas/`` directories as
``policyschema/_data/examples`` and ``policyschema/_data/schemas`` (hatch ``force-include`` in
pyproject.toml: one source, no second copy that can drift). An editable install or a checkout has no
``_data``; then the repository's own directories are used.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["data_dir"]

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The directory of shipped ``name`` files ("examples" or "schemas")."""
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    checkout = _PACKAGE.parent.parent / name  # src/policyschema -> the repository root
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"the shipped {name} are missing: neither {installed} nor {checkout} exists")
