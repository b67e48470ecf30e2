"""The one place that relies on names httpx, httpcore or anyio do not make public.

- **httpx's pool.** ``HTTPTransport`` takes no network backend, and builds its
  httpcore pool in ``__init__``. So the pool is built with httpcore's public
  constructor (``ConnectionPool(network_backend=...)``, ``_transport.http_transport``)
  and handed to httpx's transport here, which keeps httpx's own request and
  response handling and its error mapping: httpx reads its pool from ``_pool``,
  set by its ``__init__``, which is all that ``__init__`` does (httpx 0.27 to 0.29).
- **Modules imported on first use.** anyio (from 4.16 on) and httpcore import
  their event-loop backends when a loop first uses them: inside the loop, where
  an import blocks it. ``preload_backends`` imports them beforehand, by name.

Tested at the dependency floors, on the lock and on the newest releases
(``make matrix``): ``tests/test_reliability.py`` fails if the backend is
bypassed, ``tests/test_imports.py`` if a first request imports anything.
"""

from __future__ import annotations

import contextlib
import importlib
import sys

import httpcore
import httpx

__all__ = ["PooledTransport", "preload_backends"]


class PooledTransport(httpx.HTTPTransport):
    """httpx's sync transport over a pool the caller built; *backend* is the pool's."""

    def __init__(self, pool: httpcore.ConnectionPool, backend: httpcore.NetworkBackend) -> None:
        # Not super().__init__(): that would build (and leak) a pool of its own.
        self._pool = pool
        self.backend = backend


#: What a running asyncio or trio loop imports on first use, by the loop's module name.
_BACKENDS = {
    "asyncio": ("anyio._backends._asyncio", "httpcore._backends.anyio"),
    # trio's getaddrinfo encodes the host name with the stdlib's idna codec.
    "trio": ("anyio._backends._trio", "httpcore._backends.trio", "encodings.idna"),
}


def preload_backends() -> None:
    """Import the event-loop backends of anyio and httpcore (trio's only where trio is)."""
    for loop, modules in _BACKENDS.items():
        if loop in sys.modules or loop == "asyncio":
            for name in modules:
                with contextlib.suppress(ImportError):  # moved or gone in some release
                    importlib.import_module(name)
