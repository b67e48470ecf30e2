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

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # loaded on first use: the pytest plugin imports this package in every run
    from ._data import complete_campaign, generate_campaign
    from ._fake import FakeServer, FakeVoisoAPI, RecordedRequest
    from ._fixture import VoisoFake, no_waits, running_fake
    from ._transport import FakeTransport
    from ._vcr import vcr_config

_HOMES = {
    "FakeServer": "_fake",
    "FakeTransport": "_transport",
    "FakeVoisoAPI": "_fake",
    "RecordedRequest": "_fake",
    "VoisoFake": "_fixture",
    "complete_campaign": "_data",
    "generate_campaign": "_data",
    "no_waits": "_fixture",
    "running_fake": "_fixture",
    "vcr_config": "_vcr",
}


if not TYPE_CHECKING:  # hidden from type checkers: a misspelt name is an error there

    def __getattr__(name: str) -> Any:
        import importlib

        if name not in _HOMES:
            raise AttributeError(f"module 'voiso_campaigns.testing' has no attribute {name!r}")
        value = getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    return sorted(__all__)


__all__ = [
    "FakeServer",
    "FakeTransport",
    "FakeVoisoAPI",
    "RecordedRequest",
    "VoisoFake",
    "complete_campaign",
    "generate_campaign",
    "no_waits",
    "running_fake",
    "vcr_config",
]
