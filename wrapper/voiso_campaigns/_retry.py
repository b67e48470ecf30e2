"""Retries, as an httpx transport, so the wrapper and ``client.raw`` share them.

The policy is a few small functions over named constants; tenacity runs the
loop (attempt counting, sync and async alike). stamina, which wraps tenacity,
was used until 0.6: its retry hooks are process-wide, and its default one
logged every retry of ours a second time (``stamina.retry_scheduled``, printed
on stderr where logging is unconfigured), which no caller could turn off
without changing stamina's global configuration. ``httpx-retries`` was the
other candidate: it caps ``Retry-After`` at its backoff cap instead of refusing
waits beyond a limit, and has no hook to tell the pager about a 429.

What is retried follows what the method promises. GET, HEAD, OPTIONS, PUT and
DELETE (idempotent): 408, 429, every 5xx (non-standard ones such as 520
included), timeouts and connection failures, before the headers or during the
body alike (an attempt reads its body: ``_transport``). POST and PATCH only
when the request provably was not processed: the connection failed before the
request was written (``_NEVER_SENT``), or a 429 (refused for the rate limit).
After the request was written, the failure is final, and says so. Each
attempt is logged at DEBUG on the ``voiso_campaigns.http`` logger, each scheduled
retry at WARNING on ``voiso_campaigns`` with the request, the attempt, the wait
and the cause; never headers, so never the key.

An attempt made for a listing whose consumer has stopped (``abandoned``)
starts no request and schedules no retry. Inside ``no_waits()`` (the test
kit's switch) retries happen as configured, without their waits.
"""

from __future__ import annotations

import contextlib
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

import httpx

# Imported with the client, not at its first request: an import inside a running
# event loop blocks it (the first async request took ~100 ms on a cold start).
import tenacity

from ._error_mapping import NOT_RETRIED
from ._transport import Renewing, aread_body, deadline, read_body, shutdown_sockets
from .errors import parse_retry_after

logger = logging.getLogger("voiso_campaigns")
#: One DEBUG record per attempt (method, path and query, outcome, time): the CLI's -v.
http_logger = logging.getLogger("voiso_campaigns.http")

#: First backoff step and cap of the exponential backoff (full jitter).
BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0
#: The longest ``Retry-After`` honoured; a longer one ends the retries at once.
RETRY_AFTER_CAP = 60.0
#: How long close() waits for other threads' attempts to end, their sockets shut down.
CLOSE_WAIT = 2.0

_RETRYABLE_EXCEPTIONS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)
#: Failures raised before any byte of the request was written: safe to resend for any method.
_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
#: A request extension: (the ``time.monotonic()`` by which its call must be over,
#: its length in seconds). Set by the core from the ``deadline`` setting.
DEADLINE = "voiso_campaigns.deadline"
#: Methods whose repetition has the effect of one request (RFC 9110, 9.2.2).
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})


class DeadlinePassed(httpx.TimeoutException):
    """The call's deadline has passed (or would, before the next attempt could start)."""


def _deadline_note(request: httpx.Request) -> str:
    _, seconds = request.extensions[DEADLINE]
    return f"the call's deadline of {seconds:g} s"


def _remaining(request: httpx.Request) -> float | None:
    """Seconds left of the call's deadline, or None when it has none."""
    bound = request.extensions.get(DEADLINE)
    return None if bound is None else bound[0] - time.monotonic()


def _not_retried(request: httpx.Request) -> str:
    return (
        f"not retried: {request.method} is not idempotent and the request may have been processed"
    )


#: Told of each 429, with its Retry-After in seconds (None when absent or unreadable).
RateLimitListener = Callable[[float | None], None]

# Called on every 429 a transport sees while it is set: the pager uses it to
# lower its concurrency. A context variable, because the transport is shared
# and the listener belongs to one listing.
_rate_limit_listener: ContextVar[RateLimitListener | None] = ContextVar(
    "voiso_campaigns_rate_limit_listener", default=None
)


# Set in the thread or task that fetches pages for one listing; set once the
# listing's consumer has stopped (break, error, Ctrl-C, garbage collection).
_abandoned: ContextVar[threading.Event | None] = ContextVar(
    "voiso_campaigns_listing_abandoned", default=None
)


class ListingAbandoned(Exception):
    """Internal: the listing this request was for has no consumer any more."""


@contextlib.contextmanager
def abandoned_when(event: threading.Event) -> Iterator[None]:
    """Within this block, stop (start no attempt, schedule no retry) once *event* is set."""
    token = _abandoned.set(event)
    try:
        yield
    finally:
        _abandoned.reset(token)


# Inside no_waits(): how many are open (nested, or in several threads at once).
_no_waits = 0
_no_waits_lock = threading.Lock()


@contextlib.contextmanager
def no_waits() -> Iterator[None]:
    """Within this block, retries happen as configured but never wait: no backoff,
    no ``Retry-After`` pause, no pacing after a 429 (for tests). This package's
    own switch: it changes nothing outside it."""
    global _no_waits
    with _no_waits_lock:
        _no_waits += 1
    try:
        yield
    finally:
        with _no_waits_lock:
            _no_waits -= 1


def waits_skipped() -> bool:
    return _no_waits > 0


def _is_abandoned() -> bool:
    event = _abandoned.get()
    return event is not None and event.is_set()


@contextlib.contextmanager
def notify_rate_limits(listener: RateLimitListener | None) -> Iterator[None]:
    """Call *listener* (if any) on each 429 seen by a transport within this block."""
    token = _rate_limit_listener.set(listener)
    try:
        yield
    finally:
        _rate_limit_listener.reset(token)


def is_retryable_status(status_code: int) -> bool:
    """408, 429 and every 5xx are worth another attempt."""
    return status_code in (408, 429) or 500 <= status_code <= 599


def backoff(attempt: int) -> float:
    """Exponential backoff with full jitter after failed attempt number *attempt* (1-based)."""
    return random.uniform(0, min(BACKOFF_CAP, BACKOFF_BASE * 2 ** (attempt - 1)))


def retry_delay(attempt: int, response: httpx.Response) -> float | None:
    """How long to wait before retrying after *response*, or None when it is final."""
    if not is_retryable_status(response.status_code):
        return None
    retry_after = parse_retry_after(response.headers.get("retry-after"))
    if retry_after is None:
        return backoff(attempt)
    return retry_after if retry_after <= RETRY_AFTER_CAP else None


class _Retry(Exception):
    """Internal: attempt *num*'s retryable outcome, raised through tenacity's loop.

    *delay* is the wait before the next attempt; None when this was the last.
    """

    def __init__(
        self,
        request: httpx.Request,
        num: int,
        delay: float | None,
        response: httpx.Response | None = None,
        error: Exception | None = None,
    ) -> None:
        self.request, self.num, self.delay = request, num, delay
        self.response, self.error = response, error
        super().__init__(f"attempt {num} failed ({self.cause()})")

    def cause(self) -> str:
        if self.response is not None:
            return f"HTTP {self.response.status_code}"
        return type(self.error).__name__

    def cut_by_deadline(self) -> None:
        """No retry: the call's deadline would pass first. The final answer says so."""
        why = f"not retried: {_deadline_note(self.request)} would pass first"
        if self.response is not None:
            self.response.extensions[NOT_RETRIED] = why
        else:
            self.error = DeadlinePassed(f"{self.error} ({why})", request=self.request)

    def final(self) -> httpx.Response:
        """The answer after the last attempt: its response, or its error raised."""
        if self.response is not None:
            return self.response
        assert self.error is not None
        raise self.error


def _should_retry(state: tenacity.RetryCallState) -> bool:
    """tenacity's ``retry``: whether to try again after this attempt's outcome."""
    exc = state.outcome.exception() if state.outcome is not None else None
    if not isinstance(exc, _Retry) or exc.delay is None or _is_abandoned():
        return False
    remaining = _remaining(exc.request)
    if remaining is not None and exc.delay >= remaining:
        exc.cut_by_deadline()
        return False
    logger.warning(
        "retrying %s %s in %.2f s: attempt %d failed (%s)",
        exc.request.method,
        exc.request.url.raw_path.decode("ascii", "replace"),
        exc.delay,
        exc.num,
        exc.cause(),
    )
    return True


def _wait(state: tenacity.RetryCallState) -> float:
    """tenacity's ``wait``: the delay our policy computed (``_should_retry`` said yes)."""
    assert state.outcome is not None
    exc = state.outcome.exception()
    assert isinstance(exc, _Retry)
    assert exc.delay is not None
    return 0.0 if waits_skipped() else exc.delay


async def _async_sleep(seconds: float) -> None:
    from . import _aio  # loaded with the async client

    await _aio.sleep(seconds)


def _log(request: httpx.Request, outcome: str, attempt: int, started: float) -> None:
    if http_logger.isEnabledFor(logging.DEBUG):
        http_logger.debug(
            "%s %s -> %s (attempt %d, %.1f ms)",
            request.method,
            request.url.raw_path.decode("ascii", "replace"),
            outcome,
            attempt,
            (time.perf_counter() - started) * 1000,
        )


class RetryTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Wraps a transport (sync, async or both) with the retry policy above.

    Args:
        inner: The transport that sends one attempt (made anew after a fork).
        max_retries: Retries after the first attempt (0 disables retrying).
        total_timeout: Seconds one attempt may take, sending to last body byte (None: no bound).
        max_response_size: The most bytes of decoded body an attempt reads.
    """

    def __init__(
        self,
        inner: Renewing,
        *,
        max_retries: int,
        total_timeout: float | None = None,
        max_response_size: int,
    ) -> None:
        self._inner = inner
        self._closed = False
        self._in_flight = threading.Condition()
        self._active = 0  # sync attempts running now (close() waits for them)
        self._attempts = max_retries + 1
        self._total = total_timeout
        self._max_size = max_response_size
        self._watched: Any = None  # the async transport closed at its loop's end
        self._loop_end: Any = None  # what closes it then (_aio.closed_at_loop_end)

    def _policy(self) -> dict[str, Any]:
        return {
            "stop": tenacity.stop_after_attempt(self._attempts),
            "retry": _should_retry,
            "wait": _wait,
            "reraise": True,  # the last outcome itself, not tenacity's RetryError
        }

    # One loop, tenacity's: each attempt returns the response (its body read)
    # or raises _Retry, which _should_retry and _wait turn into a wait, or into
    # the end of the loop after the last attempt.

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            for attempt in tenacity.Retrying(**self._policy()):
                with attempt:
                    return self._attempt(request, attempt.retry_state.attempt_number)
        except _Retry as last:
            return last.final()
        raise AssertionError("tenacity's loop ends with a return or a raise")

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            async for attempt in tenacity.AsyncRetrying(sleep=_async_sleep, **self._policy()):
                with attempt:
                    return await self._attempt_async(request, attempt.retry_state.attempt_number)
        except _Retry as last:
            return last.final()
        raise AssertionError("tenacity's loop ends with a return or a raise")

    def _attempt(self, request: httpx.Request, num: int) -> httpx.Response:
        # Checked and counted at once: close() either sees this attempt and waits
        # for it, or this attempt sees the client closed and never sends.
        with self._in_flight:
            self._start(num)
            self._active += 1
        t0 = time.perf_counter()
        try:
            inner: httpx.BaseTransport = self._inner.get()
            with deadline(self._bound(request)):
                raw = inner.handle_request(request)
                response = read_body(raw, self._max_size)
            if (stream := self._forgotten(raw)) is not None:
                stream.close()
        except Exception as exc:
            self._start(num)  # closed meanwhile: that, not the I/O error, is the news
            raise self._after_error(request, exc, num, t0) from None
        finally:
            with self._in_flight:
                self._active -= 1
                self._in_flight.notify_all()
        return self._after_response(request, response, num, t0)

    async def _attempt_async(self, request: httpx.Request, num: int) -> httpx.Response:
        from . import _aio  # loaded with the async client

        self._start(num)
        inner: httpx.AsyncBaseTransport = self._inner.get(_aio.token())
        if inner is not self._watched and self._inner.owned:
            self._watched = inner
            self._loop_end = await _aio.closed_at_loop_end(inner)
        t0 = time.perf_counter()
        try:
            async with _aio.timeout(bound := self._bound(request)):
                raw = await inner.handle_async_request(request)
                response = await aread_body(raw, self._max_size)
            if (stream := self._forgotten(raw)) is not None:
                await stream.aclose()
        except TimeoutError:
            if bound != self._total:  # the call's deadline, not the attempt's own
                timeout: httpx.TimeoutException = DeadlinePassed(
                    f"{_deadline_note(request)} has passed", request=request
                )
            else:
                timeout = httpx.ReadTimeout(f"the request's total timeout ({bound} s) has passed")
            raise self._after_error(request, timeout, num, t0) from None
        except Exception as exc:
            self._start(num)
            raise self._after_error(request, exc, num, t0) from None
        return self._after_response(request, response, num, t0)

    def _bound(self, request: httpx.Request) -> float | None:
        """How long this attempt may take: its own total, cut to what the call's deadline
        leaves (DeadlinePassed, before anything is sent, when nothing is left)."""
        remaining = _remaining(request)
        if remaining is None:
            return self._total
        if remaining <= 0:
            raise DeadlinePassed(f"{_deadline_note(request)} has passed", request=request)
        return remaining if self._total is None else min(self._total, remaining)

    def _forgotten(self, response: httpx.Response) -> Any:
        """The connection that carried *response* when its pool may have forgotten it.

        httpcore drops from its pool a connection that connects after the pool
        was closed (another thread or task mid-request when the client closes):
        nobody else would close it, and its socket would be left for the garbage
        collector. Once this client is closed, the attempt closes its own
        (a caller's http_client keeps its connections).
        """
        if not (self._closed and self._inner.owned):
            return None
        return response.extensions.get("network_stream")

    def _start(self, num: int) -> None:
        if self._closed:  # not an httpx error: never retried
            raise RuntimeError("the client was closed")
        if _is_abandoned():
            raise ListingAbandoned(f"attempt {num} not started: the listing was abandoned")

    def _after_response(
        self, request: httpx.Request, response: httpx.Response, num: int, t0: float
    ) -> httpx.Response:
        _log(request, str(response.status_code), num, t0)
        if response.status_code == 429 and (listener := _rate_limit_listener.get()) is not None:
            listener(parse_retry_after(response.headers.get("retry-after")))
        delay = retry_delay(num, response)
        if delay is None:
            return response
        if response.status_code != 429 and request.method not in IDEMPOTENT:
            response.extensions[NOT_RETRIED] = _not_retried(request)
            return response
        raise _Retry(request, num, self._next(delay, num), response=response)

    def _after_error(
        self, request: httpx.Request, exc: Exception, num: int, t0: float
    ) -> Exception:
        """The exception to raise for a failed attempt: a _Retry, or *exc* itself."""
        _log(request, type(exc).__name__, num, t0)
        if not isinstance(exc, _RETRYABLE_EXCEPTIONS) or isinstance(exc, DeadlinePassed):
            return exc
        if request.method not in IDEMPOTENT and not isinstance(exc, _NEVER_SENT):
            return type(exc)(f"{exc} ({_not_retried(request)})", request=request)
        return _Retry(request, num, self._next(backoff(num), num), error=exc)

    def _next(self, delay: float, num: int) -> float | None:
        return delay if num < self._attempts else None

    def close(self) -> None:
        with self._in_flight:
            self._closed = True
        if self._inner.owned:
            # Other threads may be mid-attempt (a listing closed under them). Their
            # sockets are shut down, which ends a blocked read at once, and closed once
            # those attempts are over (briefly waited for): a socket closed under a
            # reader leaves it waiting out its timeout. An attempt still connecting
            # closes its own connection (_forgotten).
            for inner in self._inner.made():
                shutdown_sockets(inner)
            with self._in_flight:
                self._in_flight.wait_for(lambda: self._active == 0, timeout=CLOSE_WAIT)
        self._close_inner()

    def _close_inner(self) -> None:
        for inner in self._inner.made():
            if isinstance(inner, httpx.BaseTransport):
                inner.close()

    async def aclose(self) -> None:
        self._closed = True
        if self._loop_end is not None:
            await self._loop_end.aclose()
        for inner in self._inner.made():
            if isinstance(inner, httpx.AsyncBaseTransport):
                with contextlib.suppress(RuntimeError):  # a pool of an event loop since closed
                    await inner.aclose()
