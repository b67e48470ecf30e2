"""Auto-pagination, for the sync and the async client alike."""

from __future__ import annotations

import contextvars
import logging
import threading
import time

import httpx
import pytest

from voiso_campaigns import CampaignPage
from voiso_campaigns._pagination import MAX_PAGES, _Pacer, _PagePlan
from voiso_campaigns.testing import FakeVoisoAPI
from voiso_campaigns_client.resources import LIST_CAMPAIGNS

from .conftest import MakeClient, Recorder, campaign, page_body, paged


@pytest.mark.parametrize("concurrency", [1, 4])
@pytest.mark.parametrize(
    ("count", "page_size", "requests"),
    [(0, 100, 1), (1, 100, 1), (100, 100, 1), (200, 100, 2), (250, 100, 3), (10, 3, 4)],
)
def test_walks_every_page(
    make_client: MakeClient, concurrency: int, count: int, page_size: int, requests: int
) -> None:
    """Every id once, in order, with as many requests as pages (total 0, exact multiple, short last page)."""
    server = paged(list(range(1, count + 1)))
    client = make_client(handler=server, max_concurrency=concurrency)
    ids = [c.id for c in client.list(page_size=page_size)]
    assert ids == list(range(1, count + 1))
    assert len(server.requests) == requests
    # Pages after the first are requested concurrently: each offset once, in any order.
    offsets = sorted(int(p["offset"]) for p in server.params())
    assert offsets == [i * page_size for i in range(requests)]


@pytest.mark.parametrize("concurrency", [1, 3])
def test_max_items_and_offset(make_client: MakeClient, concurrency: int) -> None:
    """max_items stops early and trims the last request's limit; offset skips."""
    server = paged(list(range(1, 501)))
    client = make_client(handler=server, max_concurrency=concurrency)
    ids = [c.id for c in client.list(page_size=100, offset=10, max_items=150)]
    assert ids == list(range(11, 161))
    assert server.params() == [
        {"limit": "100", "offset": "10"},
        {"limit": "50", "offset": "110"},
    ]


def test_empty_page_before_total_ends_with_a_warning(
    make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    """A server claiming more than it returns does not make the listing loop."""

    def answer(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        return httpx.Response(200, json=page_body([1, 2] if offset == 0 else [], 1000))

    server = Recorder(answer)
    client = make_client(handler=server, max_concurrency=1)
    with caplog.at_level(logging.WARNING, logger="voiso_campaigns"):
        assert [c.id for c in client.list(page_size=2)] == [1, 2]
    assert len(server.requests) == 2
    assert "empty page at offset 2" in caplog.text


def test_short_page_ends_the_listing(
    make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    """A page shorter than its limit is the last one, even if total says otherwise."""
    server = paged([1, 2, 3], total=50)
    client = make_client(handler=server, max_concurrency=1)
    with caplog.at_level(logging.WARNING, logger="voiso_campaigns"):
        assert [c.id for c in client.list(page_size=10)] == [1, 2, 3]
    assert len(server.requests) == 1
    assert "short page" in caplog.text


def test_total_that_changes_midway_is_followed(make_client: MakeClient) -> None:
    """The newest metadata.total decides when to stop (here it grows from 4 to 6)."""
    data = list(range(1, 7))
    totals = iter([4, 6, 6, 6])

    def answer(request: httpx.Request) -> httpx.Response:
        offset, limit = int(request.url.params["offset"]), int(request.url.params["limit"])
        return httpx.Response(200, json=page_body(data[offset : offset + limit], next(totals)))

    client = make_client(handler=Recorder(answer), max_concurrency=1)
    assert [c.id for c in client.list(page_size=2)] == [1, 2, 3, 4, 5, 6]


def test_page_cap_stops_a_total_that_keeps_growing(
    make_client: MakeClient, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A total that never stops growing hits the page cap and ends with a warning."""
    monkeypatch.setattr("voiso_campaigns._pagination.MAX_PAGES", 5)

    def answer(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        return httpx.Response(200, json=page_body([offset + 1], offset + 10))

    server = Recorder(answer)
    client = make_client(handler=server, max_concurrency=1)
    with caplog.at_level(logging.WARNING, logger="voiso_campaigns"):
        assert len(client.list(page_size=1)) == 5
    assert len(server.requests) == 5
    assert "page limit" in caplog.text
    assert MAX_PAGES == 10_000


def test_concurrent_fetching_keeps_server_order(make_client: MakeClient) -> None:
    """Pages answered out of order (later pages faster) are still yielded in order."""
    data = list(range(1, 1001))
    in_flight, peak, lock = [0], [0], threading.Lock()

    def answer(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params["offset"])
        with lock:
            in_flight[0] += 1
            peak[0] = max(peak[0], in_flight[0])
        time.sleep(0.002 * ((1000 - offset) % 7))  # jitter the answer order
        with lock:
            in_flight[0] -= 1
        return httpx.Response(200, json=page_body(data[offset : offset + 100], 1000))

    client = make_client(handler=Recorder(answer), max_concurrency=4)
    assert [c.id for c in client.list()] == data
    if not client.is_async:  # MockTransport answers async requests one at a time
        assert 1 < peak[0] <= 4


def test_concurrency_limit_is_respected_over_http(make_client: MakeClient) -> None:
    """At most max_concurrency requests reach the server at once."""
    api = FakeVoisoAPI(count=1000, latency=0.01)
    client = make_client(api.transport(), max_concurrency=3)
    assert [c.id for c in client.list()] == list(range(1, 1001))
    assert api.max_in_flight <= 3
    if client.is_async:  # the fake's async path sleeps with asyncio: requests overlap
        assert api.max_in_flight == 3


def test_inserts_while_paging_yield_no_id_twice(make_client: MakeClient) -> None:
    """Campaigns inserted before the current offset shift items, but no id is yielded twice."""

    def insert_two(api: FakeVoisoAPI, number: int) -> None:
        if number in (2, 3):  # after the first and second page: two new low-id campaigns each
            for new_id in (-number * 2, -number * 2 - 1):
                api.insert(campaign(new_id))

    api = FakeVoisoAPI(count=300, on_request=insert_two)
    client = make_client(api.transport(), max_concurrency=1)
    ids = [c.id for c in client.list()]
    assert len(ids) == len(set(ids))
    assert set(range(1, 301)) <= set(ids)


def test_pages_view(make_client: MakeClient) -> None:
    """pages() gives CampaignPage objects with total, limit, offset and next_offset."""
    client = make_client(handler=paged(list(range(1, 251))))
    pages = client.pages(page_size=100)
    assert [(p.offset, p.limit, len(p.campaigns), p.next_offset) for p in pages] == [
        (0, 100, 100, 100),
        (100, 100, 100, 200),
        (200, 100, 50, None),
    ]
    assert all(p.total == 250 for p in pages)


def test_list_page_is_one_request(make_client: MakeClient) -> None:
    """list_page sends one request and reports next_offset."""
    server = paged(list(range(1, 101)))
    client = make_client(handler=server)
    page = client.list_page(limit=20, offset=40)
    assert [c.id for c in page.campaigns] == list(range(41, 61))
    assert (page.total, page.limit, page.offset, page.next_offset) == (100, 20, 40, 60)
    assert len(server.requests) == 1
    last = client.list_page(limit=20, offset=80)
    assert last.next_offset is None


def test_early_break_stops_fetching(make_client: MakeClient) -> None:
    """Stopping after the first campaign does not fetch the remaining pages."""
    server = paged(list(range(1, 1001)))
    client = make_client(handler=server, max_concurrency=1)
    assert client.first().id == 1
    assert len(server.requests) == 1


def test_each_iteration_starts_over(make_client: MakeClient) -> None:
    """Iterating a listing twice lists twice (the listing holds no results)."""
    server = paged([1, 2, 3])
    client = make_client(handler=server)
    listing = client.client.campaigns.list()
    if client.is_async:

        async def twice() -> list[int]:
            return [c.id async for c in listing] + [c.id async for c in listing]  # type: ignore[union-attr]

        assert client.run(twice()) == [1, 2, 3, 1, 2, 3]
    else:
        assert [c.id for c in listing] + [c.id for c in listing] == [1, 2, 3, 1, 2, 3]  # type: ignore[union-attr]


# --- the planner alone -------------------------------------------------------------


def test_plan_fans_out_only_after_the_first_page() -> None:
    """The first page is requested alone; then up to `concurrency` at once."""
    plan = _PagePlan(LIST_CAMPAIGNS, offset=0, page_size=10, max_items=None, concurrency=3)
    assert plan.next_request(0) == (0, 10)
    assert plan.next_request(1) is None
    page = plan.accept((0, 10), [_c(i) for i in range(1, 11)], 45)
    assert isinstance(page, CampaignPage)
    assert not plan.done
    assert [plan.next_request(n) for n in range(4)] == [(10, 10), (20, 10), (30, 10), None]


def test_plan_rate_limit_halves_concurrency() -> None:
    """Each 429 halves the pages in flight, down to one."""
    plan = _PagePlan(LIST_CAMPAIGNS, offset=0, page_size=10, max_items=None, concurrency=8)
    plan.on_rate_limited(None)
    assert plan.concurrency == 4
    plan.on_rate_limited(None)
    plan.on_rate_limited(None)
    plan.on_rate_limited(None)
    assert plan.concurrency == 1


def test_pacer_after_rate_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """No wait before any 429; then Retry-After pauses, and the observed rate paces sends."""
    now = [100.0]
    monkeypatch.setattr("voiso_campaigns._pagination.time.monotonic", lambda: now[0])
    pacer = _Pacer()
    assert pacer.send_delay() == 0.0
    pacer.on_rate_limited(2.0)  # first 429: pause 2 s, no pace known yet
    assert pacer.send_delay() == 2.0
    now[0] = 102.0
    for _ in range(9):
        pacer.send_delay()
    now[0] = 103.3
    pacer.on_rate_limited(0.0)  # 10 paced sends + 1 transport retry in 3.3 s: 0.3 s apart, +20%
    gaps = [pacer.send_delay() for _ in range(3)]
    assert gaps == pytest.approx([0.0, 0.36, 0.72])
    now[0] = 110.0
    pacer.on_rate_limited(None)  # paced already: 20% wider, not re-measured
    assert pacer.interval == pytest.approx(0.432)


def test_plan_rate_limit_reaches_the_pacer() -> None:
    """The plan hands each 429 to its pacer: sends wait for Retry-After."""
    plan = _PagePlan(LIST_CAMPAIGNS, offset=0, page_size=10, max_items=None, concurrency=2)
    plan.on_rate_limited(5.0)
    assert plan.concurrency == 1
    assert 4.0 < plan.pacer.send_delay() <= 5.0


def test_plan_deduplicates_within_the_window() -> None:
    """An id seen on the previous page is not yielded again."""
    plan = _PagePlan(LIST_CAMPAIGNS, offset=0, page_size=3, max_items=None, concurrency=1)
    plan.next_request(0)
    assert [c.id for c in plan.accept((0, 3), [_c(1), _c(2), _c(3)], 9).campaigns] == [1, 2, 3]
    plan.next_request(0)
    assert [c.id for c in plan.accept((3, 3), [_c(3), _c(4), _c(5)], 9).campaigns] == [4, 5]


def _c(i: int):  # type: ignore[no-untyped-def]
    from voiso_campaigns import Campaign

    return Campaign.from_dict(campaign(i))


REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("zz_request_id", default="unset")


@pytest.mark.parametrize("concurrency", [1, 4])
def test_pages_are_fetched_in_the_callers_context(
    make_client: MakeClient, concurrency: int
) -> None:
    """A context variable the caller set (a trace span, a request id) reaches every page's
    request, whatever thread or task fetches it."""
    seen: list[str] = []
    server = paged(list(range(1, 51)))

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(REQUEST_ID.get())
        return server(request)

    client = make_client(handler=answer, max_concurrency=concurrency)
    token = REQUEST_ID.set("req-42")
    try:
        assert len(client.list(page_size=10)) == 50
    finally:
        REQUEST_ID.reset(token)
    assert seen == ["req-42"] * 5
