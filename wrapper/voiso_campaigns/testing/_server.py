"""The fake served over real HTTP on a loopback address, in a background thread."""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any, Generic, Self, TypeVar

from ._reply import Answering

A = TypeVar("A", bound=Answering)

#: How a client hanging up shows on the server's side.
_DISCONNECTED = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)


def _check_loopback(host: str) -> None:
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise ValueError(
            f"host must be a loopback address such as 127.0.0.1 or ::1, got {host!r}: "
            "the fake accepts a well-known test key and must not be reachable from elsewhere"
        )


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real API would
    # Headers and body go out in separate writes: without TCP_NODELAY, Nagle's
    # algorithm and the client's delayed ACK add ~40 ms to every response.
    disable_nagle_algorithm = True
    server: _HTTPServer

    def __getattr__(self, name: str) -> Any:
        # Every method (TRACE and unregistered tokens too: http.server looks for
        # do_<METHOD>) reaches the fake, which answers 405 with Allow where the spec
        # declares none: never http.server's HTML 501 page.
        if name.startswith("do_"):
            return self._serve
        raise AttributeError(name)

    def _serve(self) -> None:
        api = self.server.api
        headers = {k.lower(): v for k, v in self.headers.items()}
        with api.in_flight():
            if api.latency:
                time.sleep(api.latency)
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length) if length > 0 else b""
            reply = api.handle(self.command, self.path, headers, body)
        if reply.reset:
            self.close_connection = True
            self.connection.shutdown(socket.SHUT_RDWR)
            return
        self.send_response(reply.status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(reply.body)))
        for name, value in reply.headers:
            self.send_header(name, value)
        try:
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(reply.body)
        except _DISCONNECTED:  # the client went away mid-answer: nothing to report
            self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: a test server's access log is noise


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128
    api: Answering

    def handle_error(self, request: Any, client_address: Any) -> None:
        # socketserver prints a traceback for any error; a client that hangs up
        # (reset, broken pipe) is ordinary for a test server, and stays quiet.
        if not isinstance(sys.exc_info()[1], _DISCONNECTED):
            super().handle_error(request, client_address)


class _HTTPServer6(_HTTPServer):
    address_family = socket.AF_INET6


class Server(Generic[A]):
    """A running fake; use as a context manager, or call :meth:`close`.

    Attributes:
        base_url: Where it listens, e.g. ``http://127.0.0.1:54321``.
    """

    def __init__(self, api: A, host: str = "127.0.0.1", port: int = 0) -> None:
        _check_loopback(host)
        server_class = _HTTPServer6 if ":" in host else _HTTPServer
        self.api = api
        self._httpd = server_class((host, port), _Handler)
        self._httpd.api = api
        bound_host, bound_port = self._httpd.server_address[:2]
        text = bound_host.decode() if isinstance(bound_host, bytes) else str(bound_host)
        shown = f"[{text}]" if ":" in text else text
        self.base_url = f"http://{shown}:{bound_port}"
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self._thread.start()

    def close(self) -> None:
        """Stop serving and free the port."""
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
