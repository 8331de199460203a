"""The package's error hierarchy.

Each class carries the process exit code the CLI uses for it, and every
message names the input it is about and, where there is one, the fix.
"Nothing reused" is a result, not an error, and never raised.
"""

from __future__ import annotations


class UnspinError(Exception):
    """Base class: a failure a user can act on, printed as one line."""

    exit_code = 1


class InputError(UnspinError):
    """An input could not be read or holds no article text."""

    exit_code = 2


class FetchError(InputError):
    """A URL could not be fetched, or was refused as unsafe."""


class StoreError(UnspinError):
    """The store could not be opened or is of an unknown schema."""

    exit_code = 3


class MissingDependencyError(UnspinError):
    """An optional part was asked for whose packages are not installed."""

    exit_code = 4
