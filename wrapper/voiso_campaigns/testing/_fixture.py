"""What the ``voiso_fake`` pytest fixture gives a test (no pytest import here)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import attrs

from .._client import VoisoClient
from .._retry import no_waits
from ._fake import FakeVoisoAPI

__all__ = ["TEST_KEY", "VoisoFake", "no_waits", "running_fake"]

#: The key the fixture's fake accepts and its client sends.
TEST_KEY = "test-key"


@attrs.frozen
class VoisoFake:
    """A served fake and a client pointed at it.

    Attributes:
        api: The :class:`FakeVoisoAPI` being served (250 campaigns, seed 0).
        base_url: The served fake's URL on loopback.
        client: A :class:`VoisoClient` pointed at it with the test key.
    """

    api: FakeVoisoAPI
    base_url: str
    client: VoisoClient


@contextmanager
def running_fake(api: FakeVoisoAPI | None = None) -> Iterator[VoisoFake]:
    """Serve *api* (default: a new FakeVoisoAPI) on 127.0.0.1 with a client pointed at it."""
    api = FakeVoisoAPI() if api is None else api
    with api.serve() as server, VoisoClient(TEST_KEY, base_url=server.base_url) as client:
        yield VoisoFake(api=api, base_url=server.base_url, client=client)
