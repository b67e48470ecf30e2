"""The package version, read from the installed distribution's metadata.

pyproject.toml is the only place the version is written.
"""

from importlib.metadata import version

__version__ = version("voiso-campaigns")
