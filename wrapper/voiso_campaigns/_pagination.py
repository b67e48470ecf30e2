"""Auto-pagination of any operation the spec declares paginated (``x-pagination``).

One planner, and a sync and an async driver around it.

``_PagePlan`` makes every decision (which page to ask for next, when to stop,
what to yield); the drivers send requests and wait, with threads or with
event-loop tasks (asyncio or trio), pace them after 429s, and parse each answer when its turn comes,
in the consuming thread. Pages are requested by offset; the first page is fetched alone
to learn ``metadata.total``, then up to ``concurrency`` pages are in flight and
pages are still handed out in server order. A new request starts as soon as
any answer arrives; the queue holds ``concurrency + 1`` pages at most (in
flight, or answered and waiting their turn), so at most ``concurrency`` pages
are buffered and memory stays flat however long the listing is.

Offset paging over data that changes can shift items across a page boundary.
Items whose key (``x-pagination.key``, e.g. ``id``) was already yielded on the
last two pages are dropped, so an insert of up to ``page_size`` items during a
listing never yields one twice; a delete can make the server skip an item, which no offset-based
client can see.
"""

from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import contextvars
import logging
import queue
import threading
import time
from collections.abc import (
    AsyncGenerator,
    AsyncIterator,
    Awaitable,
    Callable,
    Generator,
    Iterator,
    Mapping,
)
from typing import Any, Generic, TypeAlias, TypeVar

import anyio
import attrs
import httpx

from . import _aio
from ._generated import Paginated
from ._retry import ABANDONED, ON_RATE_LIMITED, waits_skipped

logger = logging.getLogger("voiso_campaigns")

#: Pages one listing may request before it ends with a warning (a total that keeps growing).
MAX_PAGES = 10_000
#: Pages held beyond those in flight: answered early, waiting for their turn in order.
BUFFER_EXTRA = 1
#: After rate limiting, requests are spaced this much wider than the observed accepted rate.
PACE_MARGIN = 1.2

Request: TypeAlias = tuple[int, int]  # (offset, limit)
#: What one request yields: the items and the total.
PageData: TypeAlias = tuple[list[Any], int]
ItemT = TypeVar("ItemT")
PageT = TypeVar("PageT")


class _Pacer:
    """When to send the next request of a listing that has met a rate limit.

    Nothing waits until a 429 arrives. Then nothing is sent before its
    ``Retry-After`` has passed. At the second 429, requests start being spaced
    ``PACE_MARGIN`` wider than the rate the server accepted between the first
    two (the transport's own retries counted); each later 429 widens that
    spacing by the same factor. A listing so settles under a rate limit instead
    of hitting it once per window. Shared by a listing's threads or tasks.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last_429: float | None = None
        self._paced_since_429 = self._unpaced_since_429 = 0
        self._resume_at = self._next_slot = self.interval = 0.0

    def on_rate_limited(self, retry_after: float | None) -> None:
        now = time.monotonic()
        with self._lock:
            if retry_after:
                self._resume_at = max(self._resume_at, now + retry_after)
            if self._last_429 is None:
                self._last_429 = now
            elif self._paced_since_429:  # a new window, not the same burst of 429s
                if self.interval:
                    # Already paced: the window edges drifted. Slow down a little;
                    # re-measuring now would count the Retry-After pause as rate.
                    self.interval *= PACE_MARGIN
                else:
                    sent = self._paced_since_429 + self._unpaced_since_429
                    self.interval = PACE_MARGIN * (now - self._last_429) / sent
                self._last_429, self._paced_since_429, self._unpaced_since_429 = now, 0, 0
            # The transport retries this request itself, unpaced: count that send too.
            self._unpaced_since_429 += 1

    def send_delay(self) -> float:
        """Seconds to wait before sending the next request: 0 until a 429 is seen."""
        if self._last_429 is None:
            return 0.0
        with self._lock:
            now = time.monotonic()
            start = max(now, self._resume_at, self._next_slot)
            self._next_slot = start + self.interval
            self._paced_since_429 += 1
            return start - now


class _PagePlan(Generic[PageT]):
    """Which pages to request and what to yield, for one listing of *op*; no I/O."""

    def __init__(
        self,
        op: Paginated[Any, PageT],
        *,
        offset: int,
        page_size: int,
        max_items: int | None,
        concurrency: int,
    ) -> None:
        self._page = op.page
        self._key = op.key
        self.page_size = page_size
        self.concurrency = concurrency
        self._next = offset
        self._end = None if max_items is None else offset + max_items
        self._total: int | None = None
        self._requested = 0
        self._remaining = max_items
        self.done = max_items == 0
        self.pacer = _Pacer()
        # Keys yielded on the last two pages: the de-duplication window.
        self._window: collections.deque[set[Any]] = collections.deque(maxlen=2)

    def next_request(self, in_flight: int, queued: int | None = None) -> Request | None:
        """The (offset, limit) to request now, or None to wait for an answer first.

        *in_flight* counts requests not yet answered; *queued* (default: the
        same) also counts answered pages not yet accepted.
        """
        queued = in_flight if queued is None else queued
        if self.done or in_flight >= self.concurrency:
            return None
        if self._total is None:
            if queued:  # fan out only once the first page has told the total
                return None
        elif self._next >= self._total:
            return None
        if self._end is not None and self._next >= self._end:
            return None
        if self._requested >= MAX_PAGES:
            if not queued:
                logger.warning("listing stopped after %d pages (the page limit)", MAX_PAGES)
                self.done = True
            return None
        limit = self.page_size if self._end is None else min(self.page_size, self._end - self._next)
        request = (self._next, limit)
        self._next += limit
        self._requested += 1
        return request

    def on_rate_limited(self, retry_after: float | None) -> None:
        """A 429 arrived: half the pages in flight from now on, and pacing (``_Pacer``)."""
        if self.concurrency > 1:
            self.concurrency = max(1, self.concurrency // 2)
            logger.info("rate limited: concurrency lowered to %d", self.concurrency)
        self.pacer.on_rate_limited(retry_after)

    def accept(self, request: Request, items: list[Any], total: int) -> PageT:
        """Take the answer to *request* (in request order); the page to hand out."""
        offset, limit = request
        self._total = total
        count = len(items)
        if count < limit or offset + count >= total:
            self.done = True
            if offset + count < total:
                logger.warning(
                    "listing ended early: a %s page at offset %d, metadata.total is %d",
                    "short" if count else "empty",
                    offset,
                    total,
                )
        fresh = items if self._key is None else self._unseen(items, self._key)
        if self._remaining is not None:
            fresh = fresh[: self._remaining]
            self._remaining -= len(fresh)
            self.done = self.done or self._remaining == 0
        return self._page(fresh, total, limit, offset)

    def _unseen(self, items: list[Any], key: str) -> list[Any]:
        """*items* less those whose key was yielded on the last two pages (or before on this)."""
        keys = {getattr(item, key) for item in items}
        if len(keys) < len(items) or not all(keys.isdisjoint(seen) for seen in self._window):
            # Rare: data shifted under us. Filter item by item.
            seen = set().union(*self._window)
            fresh = []
            for item in items:
                if (value := getattr(item, key)) not in seen:
                    seen.add(value)
                    fresh.append(item)
            items, keys = fresh, {getattr(item, key) for item in fresh}
        self._window.append(keys)
        return items


# fetch(offset, limit, extensions): one page's answer, plain I/O; *extensions* travel
# down with its request to the retry loop (``_retry``): the plan's 429 listener, and
# for worker threads the listing's abandoned event. parse(answer): its items and
# total. Pages are fetched in worker threads or tasks and parsed where they are
# consumed: the items' objects are all made in one thread, which keeps the allocator
# from holding memory per thread (resident memory when streaming 100,000 campaigns at
# concurrency 4: +10 MB, not +25).
Extensions: TypeAlias = Mapping[str, Any]
Fetch: TypeAlias = Callable[[int, int, Extensions], httpx.Response]
AsyncFetch: TypeAlias = Callable[[int, int, Extensions], Awaitable[httpx.Response]]
Parse: TypeAlias = Callable[[httpx.Response], PageData]
# A page request, as the drivers run it: (offset, limit) -> answer.
_Get: TypeAlias = Callable[[int, int], httpx.Response]
_AsyncGet: TypeAlias = Callable[[int, int], Awaitable[httpx.Response]]


def _pacing_delay(plan: _PagePlan[Any]) -> float:
    """The plan's wait before a request; none inside ``no_waits()``, like backoff."""
    delay = plan.pacer.send_delay()
    return 0.0 if delay <= 0 or waits_skipped() else delay


def _paced(plan: _PagePlan[Any], fetch: Fetch, extensions: Extensions) -> _Get:
    """*fetch*, waiting for the plan's pace first; its 429s are told to the plan."""
    extensions = {**extensions, ON_RATE_LIMITED: plan.on_rate_limited}

    def fetch_page(offset: int, limit: int) -> httpx.Response:
        if delay := _pacing_delay(plan):
            time.sleep(delay)
        return fetch(offset, limit, extensions)

    return fetch_page


def _apaced(plan: _PagePlan[Any], fetch: AsyncFetch) -> _AsyncGet:
    """The async ``_paced`` (a cancelled task needs no abandoned event)."""
    extensions = {ON_RATE_LIMITED: plan.on_rate_limited}

    async def fetch_page(offset: int, limit: int) -> httpx.Response:
        if delay := _pacing_delay(plan):
            await anyio.sleep(delay)
        return await fetch(offset, limit, extensions)

    return fetch_page


def _run_now(fn: _Get, offset: int, limit: int) -> concurrent.futures.Future[httpx.Response]:
    """A finished future: sequential listings need no thread."""
    future: concurrent.futures.Future[httpx.Response] = concurrent.futures.Future()
    try:
        future.set_result(fn(offset, limit))
    except BaseException as exc:
        future.set_exception(exc)
    return future


def _fill(
    plan: _PagePlan[Any], queue: collections.deque[Any], start: Callable[[Request], Any]
) -> None:
    """Start the requests the plan allows, while the queue has room.

    Sequential listings (concurrency 1) hold one page: no request is sent
    before the previous page has been accepted.
    """
    room = plan.concurrency + (BUFFER_EXTRA if plan.concurrency > 1 else 0)
    while len(queue) < room:
        in_flight = sum(1 for _, future in queue if not future.done())
        request = plan.next_request(in_flight, len(queue))
        if request is None:
            return
        queue.append((request, start(request)))


class _DaemonPool:
    """At most *size* daemon threads for one listing, reused from page to page.

    Daemon threads, unlike a ThreadPoolExecutor's (joined when the interpreter
    exits), never hold the process after Ctrl-C. Each request runs in a copy of
    the context it was submitted from.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._work: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._threads = 0

    def submit(self, fn: _Get, args: Request) -> concurrent.futures.Future[httpx.Response]:
        future: concurrent.futures.Future[httpx.Response] = concurrent.futures.Future()
        # Each page runs in a copy of the consumer's context (contextvars): its trace
        # span, request id or tenant reach the request, as they do with concurrency 1.
        self._work.put((future, contextvars.copy_context(), fn, args))
        if self._threads < self._size:
            self._threads += 1
            threading.Thread(target=self._serve, name="voiso-page", daemon=True).start()
        return future

    def _serve(self) -> None:
        while (item := self._work.get()) is not None:
            future, context, fn, args = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                result = context.run(fn, *args)
            except BaseException as exc:
                future.set_exception(exc)
            else:
                future.set_result(result)

    def shutdown(self) -> None:
        """Let every thread finish what it holds and end (nothing waits for them)."""
        for _ in range(self._threads):
            self._work.put(None)


def iter_pages(plan: _PagePlan[PageT], fetch: Fetch, parse: Parse) -> Generator[PageT, None, None]:
    """Drive *plan* with daemon threads (``concurrency > 1``) or in the caller's thread.

    When the consumer stops (an early ``break``, an exception, Ctrl-C, the
    generator collected), the listing is marked abandoned: requests in flight
    are not waited for, and none of them starts another attempt or a retry
    (the event travels down with each request).
    """
    abandoned = threading.Event()
    pool = _DaemonPool(plan.concurrency) if plan.concurrency > 1 else None
    get = _paced(plan, fetch, {ABANDONED: abandoned})
    queue: collections.deque[tuple[Request, concurrent.futures.Future[httpx.Response]]] = (
        collections.deque()
    )

    def start(request: Request) -> concurrent.futures.Future[httpx.Response]:
        if pool is not None:
            return pool.submit(get, request)
        return _run_now(get, *request)

    try:
        while True:
            _fill(plan, queue, start)
            if not queue:
                return
            request, future = queue[0]
            if not future.done():  # wake on any answer, to start the next request at once
                pending = [f for _, f in queue if not f.done()]
                concurrent.futures.wait(pending, return_when=concurrent.futures.FIRST_COMPLETED)
                continue
            queue.popleft()
            yield plan.accept(request, *parse(future.result()))
            if plan.done:
                return
    finally:
        abandoned.set()
        for _, future in queue:
            future.cancel()
        if pool is not None:
            pool.shutdown()


class AsyncPages(AsyncGenerator[PageT, None]):
    """Drive *plan* with tasks (asyncio's or trio's: ``_aio``), kept in flight while
    the consumer holds a page.

    An async generator in all but implementation: a native one left unfinished
    (an ``async for`` ended by ``break``) is finalized by the event loop, and
    trio warns for each ("garbage collected before it had been exhausted").
    This one cancels its requests when it is dropped, as the sync pager does,
    on either loop alike; ``aclose()`` also waits for them to end.
    """

    def __init__(self, plan: _PagePlan[PageT], fetch: AsyncFetch, parse: Parse) -> None:
        self._plan = plan
        self._fetch = _apaced(plan, fetch)
        self._parse = parse
        self._queue: collections.deque[tuple[Request, _aio.Task[httpx.Response]]] = (
            collections.deque()
        )
        self._over = False

    def _start(self, request: Request) -> _aio.Task[httpx.Response]:
        fetch = self._fetch  # not self: a task must not keep its dropped listing alive
        return _aio.start(lambda: fetch(*request))

    async def asend(self, value: None) -> PageT:
        plan, queue = self._plan, self._queue
        try:
            while not self._over:
                _fill(plan, queue, self._start)
                if not queue:
                    break
                request, task = queue[0]
                if not task.done():  # wake on any answer, to start the next request at once
                    await _aio.first_done(t for _, t in queue if not t.done())
                    continue
                queue.popleft()
                page = plan.accept(request, *self._parse(task.result()))
                self._over = plan.done
                return page
        except BaseException:
            await self.aclose()
            raise
        await self.aclose()
        raise StopAsyncIteration

    async def athrow(self, *exc: Any) -> PageT:
        await self.aclose()
        raise exc[1] if len(exc) > 1 and exc[1] is not None else exc[0]

    async def aclose(self) -> None:
        """Cancel the requests in flight and wait for them to end."""
        self._over = True
        queue, self._queue = self._queue, collections.deque()
        for _, task in queue:
            task.cancel()
        if queue:
            await _aio.all_done(t for _, t in queue)

    def __del__(self) -> None:
        # Dropped unfinished (a break): cancel what is in flight, from whatever thread
        # the collector runs in; nothing can be awaited here.
        if self._queue:
            with contextlib.suppress(Exception):  # at interpreter exit, say
                _aio.cancel_soon(t for _, t in self._queue)


F = TypeVar("F", Fetch, AsyncFetch)


@attrs.frozen
class ListingSpec(Generic[PageT]):
    """What a listing is, whichever driver runs it (made by the core, every argument
    checked).

    Attributes:
        new_plan: A fresh plan, for each iteration.
        parse: One answer's items and total.
        items: The page's attribute holding its items.
        shown: The ``list()`` arguments it stands for, for its repr.
    """

    new_plan: Callable[[], _PagePlan[PageT]]
    parse: Parse
    items: str
    shown: str


class _LazyListing(Generic[F, ItemT, PageT]):
    """What both listings share: how they are made, and their repr."""

    def __init__(self, spec: ListingSpec[PageT], fetch: F) -> None:
        self._spec = spec
        self._fetch: F = fetch
        self._items = spec.items

    def __repr__(self) -> str:
        # The list() arguments it stands for (never the client's key).
        return f"{type(self).__name__}({self._spec.shown})"


class LazyListing(_LazyListing[Fetch, ItemT, PageT]):
    """Every item of a ``list()`` call, fetched lazily page by page.

    Iterate it for items, or call :meth:`pages` for page objects. Nothing is
    requested before iteration starts; each iteration starts the listing again
    from its first page. Made by the client (``SyncListing`` is its type).
    """

    def __iter__(self) -> Iterator[ItemT]:
        # Closed explicitly so an early break cancels the pages still in flight.
        with contextlib.closing(self.pages()) as pages:
            for page in pages:
                yield from getattr(page, self._items)

    def pages(self) -> Generator[PageT, None, None]:
        """Iterate page by page instead of item by item."""
        return iter_pages(self._spec.new_plan(), self._fetch, self._spec.parse)


class _AsyncItems(AsyncIterator[ItemT]):
    """The items of an ``AsyncPages``, page after page (a plain iterator, like it)."""

    def __init__(self, pages: AsyncGenerator[Any, None], items: str) -> None:
        self._pages = pages
        self._items = items
        self._page: Iterator[ItemT] = iter(())

    async def __anext__(self) -> ItemT:
        for item in self._page:
            return item
        while True:  # StopAsyncIteration from the pages ends the items too
            self._page = iter(getattr(await self._pages.__anext__(), self._items))
            for item in self._page:
                return item

    async def aclose(self) -> None:
        await self._pages.aclose()


class AsyncLazyListing(_LazyListing[AsyncFetch, ItemT, PageT]):
    """The async counterpart of :class:`LazyListing`: use ``async for``.

    Leaving an ``async for`` early (``break``, an exception, a cancellation)
    cancels the requests still in flight, on asyncio and trio alike.
    """

    def __aiter__(self) -> AsyncIterator[ItemT]:
        return _AsyncItems(self.pages(), self._items)

    def pages(self) -> AsyncGenerator[PageT, None]:
        """Iterate page by page instead of item by item."""
        return AsyncPages(self._spec.new_plan(), self._fetch, self._spec.parse)
