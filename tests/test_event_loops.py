"""The async client on asyncio and on trio alike (issue 20, item 2), through anyio's
pytest plugin as a service's tests would run it: concurrency, cancellation, 429
back-off, the call deadline, the fake's transport and server; and what is left of
a loop that ends with the client still open (item 10).

Most of the async suite also runs on trio: the ``make_client`` and ``direct``
fixtures have a ``trio`` flavour (tests/conftest.py).
"""

from __future__ import annotations

import asyncio
import gc
import logging
import warnings
from collections.abc import Awaitable, Callable, Iterator

import anyio
import httpx
import pytest

from voiso_campaigns import AsyncVoisoClient, errors
from voiso_campaigns.testing import FakeVoisoAPI

from .conftest import KEY

pytestmark = pytest.mark.anyio


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def served() -> Iterator[tuple[FakeVoisoAPI, str]]:
    api = FakeVoisoAPI(count=95, latency=0.02)
    with api.serve() as server:
        yield api, server.base_url


def _failing_after_two_pages() -> FakeVoisoAPI:
    """400 campaigns, 50 ms a request, a 503 for every page after the second (pages of
    10): a page left running after its listing ends shows as its retries (3 each)."""

    def fail(api: FakeVoisoAPI, number: int) -> None:
        if int(api.requests[-1].params.get("offset", 0)) >= 20:
            api.fail_next(503)

    return FakeVoisoAPI(count=400, latency=0.05, on_request=fail)


async def _settled(api: FakeVoisoAPI) -> int:
    """The request count once those in flight have been answered (the fake counts a
    request when its latency is over), and their retries, if any, too."""
    await anyio.sleep(0.5)
    return api.request_count


async def test_concurrent_pages_arrive_in_order(served: tuple[FakeVoisoAPI, str]) -> None:
    """95 campaigns in pages of 10 at concurrency 4: all, in server order, 4 in flight."""
    api, url = served
    async with AsyncVoisoClient(KEY, base_url=url, max_concurrency=4) as client:
        ids = [c.id async for c in client.campaigns.list(page_size=10)]
        assert (await client.campaigns.get(3)).id == 3
    assert ids == [c["id"] for c in api.campaigns()]
    assert api.max_in_flight == 4


async def test_a_break_cancels_the_pages_in_flight() -> None:
    """After a break, the pages in flight are cancelled (none retries) and no request
    starts; no warning is left behind (trio warned of each async generator left
    unfinished)."""
    api = _failing_after_two_pages()
    with api.serve() as server, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        async with AsyncVoisoClient(KEY, base_url=server.base_url, max_concurrency=4) as client:
            async for campaign in client.campaigns.list(page_size=10):
                if campaign.id == 15:  # the second page: the next ones are in flight
                    break
            gc.collect()  # the listing is dropped: its tasks are cancelled
            at_break = api.request_count
            settled = await _settled(api)
        gc.collect()
    assert settled - at_break <= 4  # those in flight at the break, no more
    assert [str(w.message) for w in caught] == []


async def test_a_cancelled_listing_leaves_nothing_running() -> None:
    """Cancelled from outside (a timeout around the loop): the pages in flight are
    cancelled (none retries), and no request starts after it."""
    api = _failing_after_two_pages()
    with api.serve() as server:
        async with AsyncVoisoClient(KEY, base_url=server.base_url, max_concurrency=4) as client:
            with anyio.move_on_after(0.125) as scope:  # the second page is in
                async for _ in client.campaigns.list(page_size=10):
                    pass
            assert scope.cancelled_caught
            at_cancel = api.request_count
            settled = await _settled(api)
    assert settled - at_cancel <= 4  # those in flight at the cancel, no more


async def test_429s_are_waited_out_with_a_lower_concurrency(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """3 requests a second allowed, 4 sent at once: the 429s' Retry-After is waited (on
    the running loop's clock), concurrency is halved, and every campaign comes once."""
    from voiso_campaigns import _retry

    monkeypatch.setattr(_retry, "_no_waits", 0)  # real waits (the autouse no_waits() undone)
    api = FakeVoisoAPI(count=30, rate_limit=3, rate_limit_window=1.0)
    caplog.set_level(logging.INFO, logger="voiso_campaigns")
    with api.serve() as server:
        async with AsyncVoisoClient(KEY, base_url=server.base_url, max_concurrency=4) as client:
            ids = [c.id async for c in client.campaigns.list(page_size=5)]
    assert ids == list(range(1, 31))
    messages = [r.getMessage() for r in caplog.records]
    assert "rate limited: concurrency lowered to 2" in messages
    assert any(m.startswith("retrying GET") and "(HTTP 429)" in m for m in messages)


async def test_the_call_deadline_holds() -> None:
    """deadline=0.2 against a server answering in 1 s: APITimeoutError naming the deadline."""
    with FakeVoisoAPI(count=3, latency=1.0).serve() as server:
        async with AsyncVoisoClient(KEY, base_url=server.base_url, deadline=0.2) as client:
            with pytest.raises(errors.APITimeoutError, match="deadline"):
                await client.campaigns.get(1)


async def test_the_fakes_transport_serves_the_async_client() -> None:
    """FakeVoisoAPI.transport() in an httpx.AsyncClient, with latency: the fake's own sleep."""
    api = FakeVoisoAPI(count=12, latency=0.01)
    http = httpx.AsyncClient(transport=api.transport())
    async with AsyncVoisoClient(KEY, cluster_id="cc", http_client=http) as client:
        assert len([c async for c in client.campaigns.list(page_size=5)]) == 12
    await http.aclose()


def _asyncio_run(
    main: Callable[[AsyncVoisoClient], Awaitable[int]], client: AsyncVoisoClient
) -> int:
    return asyncio.run(main(client))  # type: ignore[arg-type]


def _trio_run(main: Callable[[AsyncVoisoClient], Awaitable[int]], client: AsyncVoisoClient) -> int:
    import trio

    return trio.run(main, client)


@pytest.mark.parametrize("run", [_asyncio_run, _trio_run], ids=["asyncio", "trio"])
def test_a_second_event_loop_leaves_no_socket_open(run: Callable[..., int]) -> None:
    """An AsyncVoisoClient left open at the end of asyncio.run() or trio.run(): its
    connections are closed as that loop shuts down, so the second run's documented
    VoisoError leaves no unclosed transport to the garbage collector."""
    with FakeVoisoAPI(count=5).serve() as server:
        client = AsyncVoisoClient(KEY, base_url=server.base_url)

        async def count(client: AsyncVoisoClient) -> int:
            return len([c async for c in client.campaigns.list()])

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            assert run(count, client) == 5
            with pytest.raises(errors.VoisoError, match="another event loop"):
                run(count, client)
            del client
            gc.collect()
    assert [str(w.message) for w in caught] == []
