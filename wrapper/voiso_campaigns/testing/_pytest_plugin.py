"""The pytest plugin (entry point ``pytest11``): the ``voiso_fake`` fixture.

Importing this module must stay cheap: pytest loads it in every project that
has voiso-campaigns installed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs
import pytest

if TYPE_CHECKING:
    from .._client import VoisoClient
    from ._fake import FakeVoisoAPI

#: The key the fixture's fake accepts and its client sends.
TEST_KEY = "test-key"


@attrs.frozen
class VoisoFake:
    """What the ``voiso_fake`` fixture gives a test.

    Attributes:
        api: The :class:`FakeVoisoAPI` being served (250 campaigns, seed 0).
        base_url: The served fake's URL on loopback.
        client: A :class:`VoisoClient` pointed at it with the test key.
    """

    api: FakeVoisoAPI
    base_url: str
    client: VoisoClient


@pytest.fixture
def voiso_fake() -> Iterator[VoisoFake]:
    """A fake Voiso API served on 127.0.0.1 and a client pointed at it."""
    from .._client import VoisoClient
    from ._fake import FakeVoisoAPI

    api = FakeVoisoAPI()
    with api.serve() as server, VoisoClient(TEST_KEY, base_url=server.base_url) as client:
        yield VoisoFake(api=api, base_url=server.base_url, client=client)
