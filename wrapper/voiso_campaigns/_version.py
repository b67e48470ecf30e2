"""The package version, read from the installed distribution's metadata.

pyproject.toml is the only place the version is written.
"""

import functools


@functools.cache
def version() -> str:
    """The installed distribution's version (importlib.metadata costs ms: read on first use)."""
    from importlib.metadata import version as distribution_version

    return distribution_version("voiso-campaigns")
