"""What the fake answers, and what its servers need of it: no import of the fake itself.

``_server`` and ``_transport`` serve any ``Answering`` (``FakeVoisoAPI`` is one),
so neither imports ``_fake`` and ``_fake`` imports them only when asked to serve.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager
from typing import Literal, Protocol

import attrs

Failure = int | Literal["reset", "lost"]
#: The connection is dropped before the request is processed.
RESET: Literal["reset"] = "reset"
#: The request is processed, then the connection dropped: its answer is lost.
LOST: Literal["lost"] = "lost"


@attrs.frozen
class Reply:
    """What the fake answers: a status, headers and a JSON body; or a dropped connection."""

    status: int
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()
    reset: bool = False


class Answering(Protocol):
    """What a server or transport asks of the fake it serves."""

    latency: float

    def handle(
        self, method: str, target: str, headers: Mapping[str, str], body: bytes = b""
    ) -> Reply: ...

    def in_flight(self) -> AbstractContextManager[None]: ...
