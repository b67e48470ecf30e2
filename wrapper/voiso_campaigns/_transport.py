"""How one attempt reaches the network, below the retry loop (``_retry.RetryTransport``).

- **The body is read inside the attempt**, decoded, so a connection dropped or
  stalled mid-body is retried like one dropped before the headers, and a body
  is bounded on its decoded size while it is read (``max_response_size``): a
  huge body or a compression bomb is never held in memory. gzip and deflate are
  decoded here with zlib's output limit; the client asks for nothing else.
- **A cutoff per attempt**: a number ``timeout`` bounds one attempt from
  sending to the last body byte (the call's *deadline*, across attempts, is
  ``_retry``'s). Sync: the cutoff rides down in the request's per-phase
  timeouts (``Cutoff``), and every socket read and write of our own pool waits
  at most until it (``CutoffBackend``, given to httpcore's ``ConnectionPool``);
  a trickle of one byte a second cannot stretch it. Async: the attempt runs
  under anyio's ``fail_after``. With ``http_client=``, the cutoff is checked
  between body chunks only (that client's pool is not ours to change).
- **Fresh pools where the old ones cannot serve**: after ``os.fork()`` (the
  child gets its own pool; the parent's sockets are left alone) and, for the
  async client, in another event loop than the one that opened the pool.
- **Proxies from the environment** (``HTTPS_PROXY``, ``HTTP_PROXY``,
  ``ALL_PROXY``, ``NO_PROXY``), by httpx's own rules, as mounts.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
import weakref
import zlib
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any

import httpcore
import httpx

from ._internals import PooledTransport
from .errors import VoisoError

#: Set on a response whose body was cut at ``max_response_size``; its value is the limit.
TOO_LARGE = "voiso_campaigns.too_large"
#: What the client sends as Accept-Encoding: the encodings decoded (boundedly) here.
ACCEPT_ENCODING = "gzip, deflate"
_ENCODING_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})
_KEPT_EXTENSIONS = ("http_version", "reason_phrase")


class Cutoff(float):
    """A per-phase timeout in seconds that also carries ``at``, the ``time.monotonic()``
    by which its attempt must be over. The retry loop puts these in the request's
    ``extensions["timeout"]``, where httpcore reads each phase's timeout and hands it,
    as it is, to every socket operation: our network backend waits the lesser."""

    at: float

    def __new__(cls, seconds: float, at: float) -> Cutoff:
        self = super().__new__(cls, seconds)
        self.at = at
        return self


def with_cutoff(phases: Mapping[str, float | None], at: float) -> dict[str, Cutoff]:
    """httpx's per-phase timeouts, each bounded by an attempt's cutoff *at*."""
    left = at - time.monotonic()
    return {phase: Cutoff(left if t is None else t, at) for phase, t in phases.items()}


def _bounded(timeout: float | None) -> float | None:
    """*timeout* for one socket operation, shortened to its attempt's cutoff."""
    if not isinstance(timeout, Cutoff):
        return timeout
    remaining = timeout.at - time.monotonic()
    if remaining <= 0:
        raise httpcore.ReadTimeout("the request's total timeout has passed")
    return min(float(timeout), remaining)


class _CutoffStream(httpcore.NetworkStream):
    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _bounded(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _bounded(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        tls = self._stream.start_tls(ssl_context, server_hostname, _bounded(timeout))
        return _CutoffStream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class CutoffBackend(httpcore.NetworkBackend):
    """httpcore's sync backend whose socket I/O ends at the attempt's cutoff, and which
    can shut down every socket it opened."""

    def __init__(self) -> None:
        self._backend = httpcore.SyncBackend()
        self._lock = threading.Lock()
        self._streams: weakref.WeakSet[httpcore.NetworkStream] = weakref.WeakSet()

    def _opened(self, stream: httpcore.NetworkStream) -> httpcore.NetworkStream:
        with self._lock:
            self._streams.add(stream)
        return stream

    def shutdown(self) -> None:
        """Shut down every socket still open, waking any thread blocked reading one.

        Closing a socket wakes no thread blocked on it (Linux), and frees its
        number for the next socket opened; shutting it down ends the wait at
        once with an end of stream and keeps the number until it is closed.
        """
        with self._lock:
            streams = list(self._streams)
        for stream in streams:
            sock = stream.get_extra_info("socket")
            if sock is not None:
                with contextlib.suppress(OSError):  # already closed, or never connected
                    sock.shutdown(socket.SHUT_RDWR)

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        stream = self._backend.connect_tcp(
            host, port, _bounded(timeout), local_address, socket_options
        )
        return self._opened(_CutoffStream(stream))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        stream = self._backend.connect_unix_socket(path, _bounded(timeout), socket_options)
        return self._opened(_CutoffStream(stream))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


#: httpx's default pool limits (``httpx.HTTPTransport``'s): 100 connections, 20 kept alive.
_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)


def http_transport(proxy: str | None) -> PooledTransport:
    """httpx's sync transport over an httpcore pool whose sockets honour the cutoff."""
    backend = CutoffBackend()
    common: dict[str, Any] = {
        "ssl_context": httpx.create_ssl_context(),
        "network_backend": backend,
        "max_connections": _LIMITS.max_connections,
        "max_keepalive_connections": _LIMITS.max_keepalive_connections,
        "keepalive_expiry": _LIMITS.keepalive_expiry,
    }
    if proxy is None:
        return PooledTransport(httpcore.ConnectionPool(**common), backend)
    # As httpx.HTTPTransport(proxy=...) builds it, with our backend.
    via = httpx.Proxy(proxy)
    url = httpcore.URL(
        scheme=via.url.raw_scheme,
        host=via.url.raw_host,
        port=via.url.port,
        target=via.url.raw_path,
    )
    pool: httpcore.ConnectionPool
    if via.url.scheme in ("socks5", "socks5h"):
        pool = httpcore.SOCKSProxy(proxy_url=url, proxy_auth=via.raw_auth, **common)
    else:
        pool = httpcore.HTTPProxy(
            proxy_url=url,
            proxy_auth=via.raw_auth,
            proxy_headers=via.headers.raw,
            proxy_ssl_context=via.ssl_context,
            **common,
        )
    return PooledTransport(pool, backend)


def shutdown_sockets(transport: object) -> None:
    """Shut down the sockets of a transport made by ``http_transport`` (others: nothing)."""
    if isinstance(transport, PooledTransport) and isinstance(transport.backend, CutoffBackend):
        transport.backend.shutdown()


def async_http_transport(proxy: str | None, ssl_context: Any) -> httpx.AsyncHTTPTransport:
    """httpx's async transport, with an SSL context made beforehand: a pool is made on
    a loop's first request, and loading the CA bundle there blocks the loop ~30 ms."""
    return httpx.AsyncHTTPTransport(verify=ssl_context, proxy=proxy)


def environment_proxies() -> dict[str, str | None]:
    """URL pattern -> proxy URL (None: no proxy), from the environment, by httpx's rules."""
    import ipaddress
    import urllib.request

    info = urllib.request.getproxies()
    mounts: dict[str, str | None] = {}
    for scheme in ("http", "https", "all"):
        if info.get(scheme):
            url = info[scheme]
            mounts[f"{scheme}://"] = url if "://" in url else f"http://{url}"
    for host in (h.strip() for h in info.get("no", "").split(",")):
        if host == "*":
            return {}
        if not host:
            continue
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            address = None
        if "://" in host:
            mounts[host] = None
        elif address is not None:
            mounts[f"all://[{host}]" if address.version == 6 else f"all://{host}"] = None
        elif host.lower() == "localhost":
            mounts[f"all://{host}"] = None
        else:
            mounts[f"all://*{host}"] = None
    return mounts


class Renewing:
    """The inner transport of one retry transport, made anew in a forked child.

    A transport made by *factory* belongs to the process that made it: a forked
    child gets a fresh one, and drops the parent's without closing it (closing
    would touch sockets the parent still uses). An async transport also belongs
    to the event loop that first used it: its connections cannot serve another
    loop, nor be closed from one, so use from a second loop is a clear error.
    """

    def __init__(self, factory: Callable[[], Any] | None, transport: Any = None) -> None:
        self._factory = factory
        self._lock = threading.Lock()
        self._pid: int | None = None
        self._loop: weakref.ref[Any] | None = None
        self._transport = transport
        self._made: list[Any] = []

    def _current(self, loop: object) -> bool:
        same_loop = (
            self._loop is None if loop is None else self._loop is not None and self._loop() is loop
        )
        return self._pid == os.getpid() and same_loop

    def get(self, loop: object = None) -> Any:
        """The transport for this process (and event loop *loop*, for async)."""
        if self._factory is None or self._current(loop):
            return self._transport
        with self._lock:
            if not self._current(loop):
                if self._pid == os.getpid() and self._loop is not None:
                    raise VoisoError(
                        "this AsyncVoisoClient's connections belong to another event loop "
                        "(an earlier asyncio.run() or trio.run()?): make one client per event "
                        "loop, or use it inside one `async with` block"
                    )
                if self._pid is not None and self._pid != os.getpid():
                    self._made = []
                self._transport = self._factory()
                self._made.append(self._transport)
                self._pid = os.getpid()
                self._loop = None if loop is None else weakref.ref(loop)
        return self._transport

    @property
    def owned(self) -> bool:
        """Whether the transports are this package's (made here), not a caller's client."""
        return self._factory is not None

    def made(self) -> list[Any]:
        """Every transport to close: those this process made, or the one given."""
        return list(self._made) if self._factory is not None else [self._transport]


# --- bounded, decoded bodies ----------------------------------------------------------


class _Decoder:
    """gzip/deflate/identity decoding with an output limit, so a bomb never inflates."""

    def __init__(self, encoding: str) -> None:
        self._zlib: Any = None
        self._deflate = encoding == "deflate"
        if encoding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS | 16)
        elif self._deflate:
            self._zlib = zlib.decompressobj()

    def decode(self, data: bytes, room: int) -> tuple[bytes, bool]:
        """(decoded bytes, whether more than *room* bytes came out)."""
        if self._zlib is None:
            return data, len(data) > room
        try:
            out = self._zlib.decompress(data, room + 1)
        except zlib.error:
            if not self._deflate:
                raise
            # deflate is sent raw by some servers, zlib-wrapped by others (as httpx allows).
            self._deflate = False
            self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
            out = self._zlib.decompress(data, room + 1)
        return out, len(out) > room or bool(self._zlib.unconsumed_tail)


def _decoder_for(response: httpx.Response) -> _Decoder | None:
    encoding = response.headers.get("content-encoding", "identity").strip().lower()
    if encoding in ("", "identity", "gzip", "x-gzip", "deflate"):
        return _Decoder(encoding)
    return None  # anything else (not asked for): httpx decodes it, chunk by chunk


class _Body:
    def __init__(self, limit: int, cutoff: float | None) -> None:
        self.limit = limit
        self.cutoff = cutoff
        self.chunks: list[bytes] = []
        self.size = 0
        self.too_large = False

    def add(self, data: bytes, overflow: bool) -> bool:
        """Keep *data*; False once the limit is passed (the rest is not read)."""
        if self.cutoff is not None and time.monotonic() > self.cutoff:
            raise httpx.ReadTimeout("the request's total timeout has passed")
        room = self.limit - self.size
        if overflow or len(data) > room:
            self.chunks.append(data[:room])
            self.size = self.limit
            self.too_large = True
            return False
        self.chunks.append(data)
        self.size += len(data)
        return True

    def response(self, original: httpx.Response) -> httpx.Response:
        """The answer with its decoded body, and no headers describing the encoding."""
        headers = [
            (k, v) for k, v in original.headers.multi_items() if k.lower() not in _ENCODING_HEADERS
        ]
        extensions = {
            k: original.extensions[k] for k in _KEPT_EXTENSIONS if k in original.extensions
        }
        if self.too_large:
            extensions[TOO_LARGE] = self.limit
        return httpx.Response(
            original.status_code,
            headers=headers,
            content=b"".join(self.chunks),
            extensions=extensions,
        )


def _in_memory(response: httpx.Response) -> bool:
    try:
        response.content  # noqa: B018 - raises when the body is still to be streamed
    except httpx.ResponseNotRead:
        return False
    return True


def read_body(response: httpx.Response, limit: int, cutoff: float | None) -> httpx.Response:
    """Read *response*'s body (decoded, at most *limit* bytes, by *cutoff*) and close it."""
    body = _Body(limit, cutoff)
    if _in_memory(response):  # a test's mock transport: nothing left to stream
        body.add(response.content, False)
        return body.response(response)
    decoder = _decoder_for(response)
    try:
        if decoder is None:
            for data in response.iter_bytes():
                if not body.add(data, False):
                    break
        else:
            for raw in response.iter_raw():
                data, overflow = decoder.decode(raw, limit - body.size)
                if not body.add(data, overflow):
                    break
    finally:
        response.close()
    return body.response(response)


async def aread_body(response: httpx.Response, limit: int, cutoff: float | None) -> httpx.Response:
    """The async ``read_body``."""
    body = _Body(limit, cutoff)
    if _in_memory(response):
        body.add(response.content, False)
        return body.response(response)
    decoder = _decoder_for(response)
    chunks: AsyncIterator[bytes] = (
        response.aiter_bytes() if decoder is None else response.aiter_raw()
    )
    try:
        async for raw in chunks:
            data, overflow = (
                (raw, False) if decoder is None else decoder.decode(raw, limit - body.size)
            )
            if not body.add(data, overflow):
                break
    finally:
        await response.aclose()
    return body.response(response)
