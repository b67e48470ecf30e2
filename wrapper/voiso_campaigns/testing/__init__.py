"""A faithful in-process fake of the Voiso campaigns endpoint, for tests.

Use it in-process (``fake.transport()`` as an httpx transport) or over real
HTTP on loopback (``fake.serve()``); the same object is behind both. With
pytest, the ``voiso_fake`` fixture (installed with this package) gives a
started server and a client pointed at it (``running_fake()`` does the same
as a context manager, without pytest)::

    def test_my_service(voiso_fake):
        voiso_fake.api.fail_next(503)
        assert len(list(voiso_fake.client.campaigns.list())) == 250
"""

from ._data import generate_campaign
from ._fake import FakeVoisoAPI, RecordedRequest
from ._fixture import VoisoFake, running_fake
from ._server import FakeServer
from ._transport import FakeTransport

__all__ = [
    "FakeServer",
    "FakeTransport",
    "FakeVoisoAPI",
    "RecordedRequest",
    "VoisoFake",
    "generate_campaign",
    "running_fake",
]
