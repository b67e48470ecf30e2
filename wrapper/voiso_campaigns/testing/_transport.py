"""The fake served in-process: an httpx transport for sync and async clients."""

from __future__ import annotations

import time

import anyio
import httpx

from ._reply import Answering, Reply


def _to_response(request: httpx.Request, reply: Reply) -> httpx.Response:
    if reply.reset:
        raise httpx.RemoteProtocolError(
            "Server disconnected without sending a response.", request=request
        )
    headers = [("Content-Type", "application/json; charset=utf-8"), *reply.headers]
    return httpx.Response(reply.status, headers=headers, content=reply.body, request=request)


def _target(request: httpx.Request) -> str:
    return request.url.raw_path.decode("ascii")


class FakeTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Answers requests from a :class:`FakeVoisoAPI` without a socket.

    Works for ``httpx.Client`` and ``httpx.AsyncClient`` alike; latency is
    slept with ``time.sleep``, or anyio's (asyncio or trio).
    """

    def __init__(self, api: Answering) -> None:
        self.api = api

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with self.api.in_flight():
            if self.api.latency:
                time.sleep(self.api.latency)
            reply = self.api.handle(
                request.method, _target(request), request.headers, request.read()
            )
        return _to_response(request, reply)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        with self.api.in_flight():
            if self.api.latency:
                await anyio.sleep(self.api.latency)
            body = await request.aread()
            reply = self.api.handle(request.method, _target(request), request.headers, body)
        return _to_response(request, reply)
