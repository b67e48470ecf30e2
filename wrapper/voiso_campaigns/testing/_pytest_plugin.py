"""The pytest plugin (entry point ``pytest11``): the ``voiso_fake`` fixture.

pytest loads this module in every project that has voiso-campaigns installed,
so it imports nothing heavy until the fixture is used.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ._fixture import VoisoFake


@pytest.fixture
def voiso_fake() -> Iterator[VoisoFake]:
    """A fake Voiso API served on 127.0.0.1 and a VoisoClient pointed at it."""
    from ._fixture import running_fake

    with running_fake() as fake:
        yield fake
