"""A scriptable HTTP/1.1 server on loopback that misbehaves on purpose.

Each connection answers one request (``Connection: close``) with the next
behaviour in its script: a function of the socket and the request's text. The
last behaviour repeats. Every loop is bounded, and the server stops with its
context manager.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

Behaviour = Callable[[socket.socket, str], None]


def head(status: int, length: int | None, extra: str = "") -> bytes:
    lines = [f"HTTP/1.1 {status} X", "Content-Type: application/json", "Connection: close"]
    if length is not None:
        lines.append(f"Content-Length: {length}")
    return ("\r\n".join(lines) + "\r\n" + extra + "\r\n").encode()


def answer(status: int, body: bytes, extra: str = "") -> Behaviour:
    """A complete, well-formed answer."""

    def behave(conn: socket.socket, _: str) -> None:
        conn.sendall(head(status, len(body), extra))
        conn.sendall(body)  # not joined: a huge body is not copied

    return behave


def drop_mid_body(body: bytes) -> Behaviour:
    """Promise the whole body, send half of it, then close the connection."""

    def behave(conn: socket.socket, _: str) -> None:
        conn.sendall(head(200, len(body)) + body[: len(body) // 2])

    return behave


def stall_mid_body(body: bytes, seconds: float) -> Behaviour:
    """Send half the body, then nothing for *seconds*."""

    def behave(conn: socket.socket, _: str) -> None:
        conn.sendall(head(200, len(body)) + body[: len(body) // 2])
        time.sleep(seconds)

    return behave


def trickle(body: bytes, per_second: float, limit_seconds: float = 15.0) -> Behaviour:
    """The headers, then the body one byte at a time (bounded to *limit_seconds*)."""

    def behave(conn: socket.socket, _: str) -> None:
        conn.sendall(head(200, len(body)))
        started = time.monotonic()
        for byte in body:
            if time.monotonic() - started > limit_seconds:
                return
            conn.sendall(bytes([byte]))
            time.sleep(1 / per_second)

    return behave


class HostileServer:
    """Serves *script* on 127.0.0.1; ``requests`` holds each request's first line."""

    def __init__(self, script: Sequence[Behaviour]) -> None:
        self._script = list(script)
        self.requests: list[str] = []
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.1)
        self.base_url = f"http://127.0.0.1:{self._sock.getsockname()[1]}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            data = b""
            try:
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    data += chunk
                text = data.decode("latin-1")
                index = len(self.requests)
                self.requests.append(text.split("\r\n", 1)[0])
                self._script[min(index, len(self._script) - 1)](conn, text)
            except OSError:
                pass  # the client went away: part of the game

    def __enter__(self) -> HostileServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sock.close()


@contextmanager
def hostile(*script: Behaviour) -> Iterator[HostileServer]:
    with HostileServer(script) as server:
        yield server
