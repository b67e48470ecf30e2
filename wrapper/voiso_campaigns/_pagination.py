"""Auto-pagination: one planner, and a sync and an async driver around it.

``_PagePlan`` makes every decision (which page to ask for next, when to stop,
what to yield); the drivers only send requests and wait, with threads or with
asyncio tasks. Pages are requested by offset; the first page is fetched alone
to learn ``metadata.total``, then up to ``concurrency`` pages are in flight and
pages are still handed out in server order. At most ``concurrency`` pages are
held at once, so memory stays flat however long the listing is.

Offset paging over data that changes can shift items across a page boundary.
Items whose id was already yielded on the last two pages are dropped, so an
insert of up to ``page_size`` campaigns during a listing never yields an id
twice; a delete can make the server skip an item, which no offset-based
client can see.
"""

from __future__ import annotations

import collections
import contextlib
import logging
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import TYPE_CHECKING, TypeAlias

import attrs

from ._generated import Campaign

if TYPE_CHECKING:  # imported where used: asyncio alone costs ~14 ms of import time
    import asyncio
    import concurrent.futures

logger = logging.getLogger("voiso_campaigns")

#: Pages one listing may request before it ends with a warning (a total that keeps growing).
MAX_PAGES = 10_000

Request: TypeAlias = tuple[int, int]  # (offset, limit)
#: What one request yields: the campaigns and metadata.total.
PageData: TypeAlias = tuple[list[Campaign], int]


@attrs.frozen
class CampaignPage:
    """One page of campaigns, as one request returned it.

    Attributes:
        campaigns: The campaigns on this page, in server order.
        total: ``metadata.total``: how many campaigns match the request.
        limit: The ``limit`` the page was requested with.
        offset: The ``offset`` the page was requested with.
    """

    campaigns: list[Campaign]
    total: int
    limit: int
    offset: int

    @property
    def next_offset(self) -> int | None:
        """The offset of the following page, or None when this is the last page."""
        end = self.offset + len(self.campaigns)
        if not self.campaigns or len(self.campaigns) < self.limit or end >= self.total:
            return None
        return end


class _PagePlan:
    """Which pages to request and what to yield, for one listing; no I/O."""

    def __init__(
        self, *, offset: int, page_size: int, max_items: int | None, concurrency: int
    ) -> None:
        self.page_size = page_size
        self.concurrency = concurrency
        self._next = offset
        self._end = None if max_items is None else offset + max_items
        self._total: int | None = None
        self._requested = 0
        self._remaining = max_items
        self.done = max_items == 0
        # Ids yielded on the last two pages: the de-duplication window.
        self._window: collections.deque[set[int]] = collections.deque(maxlen=2)

    def next_request(self, in_flight: int) -> Request | None:
        """The (offset, limit) to request now, or None to wait for an answer first."""
        if self.done or in_flight >= self.concurrency:
            return None
        if self._total is None:
            if in_flight:  # fan out only once the first page has told the total
                return None
        elif self._next >= self._total:
            return None
        if self._end is not None and self._next >= self._end:
            return None
        if self._requested >= MAX_PAGES:
            if not in_flight:
                logger.warning("listing stopped after %d pages (the page limit)", MAX_PAGES)
                self.done = True
            return None
        limit = self.page_size if self._end is None else min(self.page_size, self._end - self._next)
        request = (self._next, limit)
        self._next += limit
        self._requested += 1
        return request

    def on_rate_limited(self) -> None:
        """A 429 arrived: fewer pages in flight for the rest of this listing."""
        if self.concurrency > 1:
            self.concurrency = max(1, self.concurrency // 2)
            logger.info("rate limited: concurrency lowered to %d", self.concurrency)

    def accept(self, request: Request, campaigns: list[Campaign], total: int) -> CampaignPage:
        """Take the answer to *request* (in request order); the page to hand out."""
        offset, limit = request
        self._total = total
        count = len(campaigns)
        if count < limit or offset + count >= total:
            self.done = True
            if offset + count < total:
                logger.warning(
                    "listing ended early: a %s page at offset %d, metadata.total is %d",
                    "short" if count else "empty",
                    offset,
                    total,
                )
        fresh = self._unseen(campaigns)
        if self._remaining is not None:
            fresh = fresh[: self._remaining]
            self._remaining -= len(fresh)
            self.done = self.done or self._remaining == 0
        return CampaignPage(campaigns=fresh, total=total, limit=limit, offset=offset)

    def _unseen(self, campaigns: list[Campaign]) -> list[Campaign]:
        """*campaigns* less the ids yielded on the last two pages (or earlier on this one)."""
        ids = {c.id for c in campaigns}
        if len(ids) < len(campaigns) or not all(ids.isdisjoint(seen) for seen in self._window):
            # Rare: data shifted under us. Filter item by item.
            seen = set().union(*self._window)
            fresh = []
            for c in campaigns:
                if c.id not in seen:
                    seen.add(c.id)
                    fresh.append(c)
            campaigns, ids = fresh, {c.id for c in fresh}
        self._window.append(ids)
        return campaigns


Fetch: TypeAlias = Callable[[int, int, Callable[[], None]], PageData]
AsyncFetch: TypeAlias = Callable[[int, int, Callable[[], None]], Awaitable[PageData]]


def _run_now(fn: Fetch, *args: object) -> concurrent.futures.Future[PageData]:
    """A finished future: sequential listings need no thread."""
    import concurrent.futures

    future: concurrent.futures.Future[PageData] = concurrent.futures.Future()
    try:
        future.set_result(fn(*args))  # type: ignore[arg-type]
    except BaseException as exc:
        future.set_exception(exc)
    return future


def iter_pages(plan: _PagePlan, fetch: Fetch) -> Generator[CampaignPage, None, None]:
    """Drive *plan* with threads (``concurrency > 1``) or in the caller's thread."""
    import concurrent.futures

    pool = (
        concurrent.futures.ThreadPoolExecutor(plan.concurrency, thread_name_prefix="voiso-page")
        if plan.concurrency > 1
        else None
    )
    submit = pool.submit if pool is not None else _run_now
    in_flight: collections.deque[tuple[Request, concurrent.futures.Future[PageData]]] = (
        collections.deque()
    )
    try:
        while True:
            while (request := plan.next_request(len(in_flight))) is not None:
                in_flight.append((request, submit(fetch, *request, plan.on_rate_limited)))
            if not in_flight:
                return
            request, future = in_flight.popleft()
            yield plan.accept(request, *future.result())
            if plan.done:
                return
    finally:
        if pool is not None:
            # Abandoned pages (an early break, an error) are not waited for.
            pool.shutdown(wait=False, cancel_futures=True)


async def aiter_pages(plan: _PagePlan, fetch: AsyncFetch) -> AsyncGenerator[CampaignPage, None]:
    """Drive *plan* with asyncio tasks."""
    import asyncio

    in_flight: collections.deque[tuple[Request, asyncio.Future[PageData]]] = collections.deque()
    try:
        while True:
            while (request := plan.next_request(len(in_flight))) is not None:
                in_flight.append(
                    (request, asyncio.ensure_future(fetch(*request, plan.on_rate_limited)))
                )
            if not in_flight:
                return
            request, pending = in_flight.popleft()
            yield plan.accept(request, *(await pending))
            if plan.done:
                return
    finally:
        for _, task in in_flight:
            task.cancel()
        if in_flight:
            await asyncio.gather(*(t for _, t in in_flight), return_exceptions=True)


class CampaignListing:
    """Every campaign matching a ``list()`` call, fetched lazily page by page.

    Iterate it for campaigns, or call :meth:`pages` for :class:`CampaignPage`
    objects. Nothing is requested before iteration starts; each iteration
    starts the listing again from its first page.
    """

    def __init__(self, new_plan: Callable[[], _PagePlan], fetch: Fetch) -> None:
        self._new_plan = new_plan
        self._fetch = fetch

    def __iter__(self) -> Iterator[Campaign]:
        # Closed explicitly so an early break cancels the pages still in flight.
        with contextlib.closing(self.pages()) as pages:
            for page in pages:
                yield from page.campaigns

    def pages(self) -> Generator[CampaignPage, None, None]:
        """Iterate page by page instead of campaign by campaign."""
        return iter_pages(self._new_plan(), self._fetch)


class AsyncCampaignListing:
    """The async counterpart of :class:`CampaignListing`: use ``async for``."""

    def __init__(self, new_plan: Callable[[], _PagePlan], fetch: AsyncFetch) -> None:
        self._new_plan = new_plan
        self._fetch = fetch

    async def __aiter__(self) -> AsyncIterator[Campaign]:
        # `async for` does not close what it iterates: close it so tasks are cancelled.
        pages = self.pages()
        try:
            async for page in pages:
                for campaign in page.campaigns:
                    yield campaign
        finally:
            await pages.aclose()

    def pages(self) -> AsyncGenerator[CampaignPage, None]:
        """Iterate page by page instead of campaign by campaign."""
        return aiter_pages(self._new_plan(), self._fetch)
