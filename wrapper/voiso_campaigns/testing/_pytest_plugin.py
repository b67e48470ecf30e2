"""The pytest plugin (entry point ``pytest11``): the ``voiso_fake`` fixture and marker.

pytest loads this module in every project that has voiso-campaigns installed,
so it imports nothing heavy until the fixture is used (the package's own
``__init__`` modules load their names on first access).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from ._fixture import VoisoFake


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "voiso_fake(**options): configure the voiso_fake fixture's FakeVoisoAPI "
        "(count, seed, campaigns, latency, rate_limit, failures, api_keys, ...)",
    )


@pytest.fixture
def voiso_fake(request: pytest.FixtureRequest) -> Iterator[VoisoFake]:
    """A fake Voiso API served on 127.0.0.1 and a VoisoClient pointed at it.

    ``@pytest.mark.voiso_fake(count=10, failures=[503])`` passes its keyword
    arguments to ``FakeVoisoAPI``. Retries happen as the client is configured
    but never wait (``no_waits()``, for this test only).
    """
    from ._fake import FakeVoisoAPI
    from ._fixture import no_waits, running_fake

    marker = request.node.get_closest_marker("voiso_fake")
    options = dict(marker.kwargs) if marker is not None else {}
    with (
        no_waits(),
        running_fake(FakeVoisoAPI(**options)) as fake,
    ):
        yield fake
