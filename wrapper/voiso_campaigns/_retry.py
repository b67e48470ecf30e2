"""Retries, as an httpx transport, so the wrapper and ``client.raw`` share them.

The policy is a few small functions over named constants; stamina runs the
loop (attempt counting, sync and async alike, and ``stamina.set_testing`` to
turn backoff off in tests). ``httpx-retries`` was the other candidate: it caps
``Retry-After`` at its backoff cap instead of refusing waits beyond a limit,
and has no hook to tell the pager about a 429.

What is retried (GET is idempotent): 408, 429, every 5xx (non-standard ones
such as 520 included), timeouts and connection failures. Each transport
attempt is logged at DEBUG on the ``voiso_campaigns`` logger, without headers.
"""

from __future__ import annotations

import contextlib
import logging
import random
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

import httpx

logger = logging.getLogger("voiso_campaigns")

#: First backoff step and cap of the exponential backoff (full jitter).
BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0
#: The longest ``Retry-After`` honoured; a longer one ends the retries at once.
RETRY_AFTER_CAP = 60.0

_RETRYABLE_EXCEPTIONS = (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError)

#: Told of each 429, with its Retry-After in seconds (None when absent or unreadable).
RateLimitListener = Callable[[float | None], None]

# Called on every 429 a transport sees while it is set: the pager uses it to
# lower its concurrency. A context variable, because the transport is shared
# and the listener belongs to one listing.
_rate_limit_listener: ContextVar[RateLimitListener | None] = ContextVar(
    "voiso_campaigns_rate_limit_listener", default=None
)


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


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or HTTP-date), or None."""
    if value is None:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    import email.utils  # only for the rare HTTP-date form: keeps import time down

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # an HTTP-date is always GMT
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


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
    """Internal: one attempt's retryable outcome, carried through stamina's loop."""

    def __init__(
        self,
        delay: float,
        response: httpx.Response | None = None,
        error: Exception | None = None,
    ) -> None:
        self.delay, self.response, self.error = delay, response, error
        super().__init__(f"retryable outcome, next attempt in {delay:.2f}s")


def _backoff_hook(exc: Exception) -> bool | float:
    return exc.delay if isinstance(exc, _Retry) else False


def _log(request: httpx.Request, outcome: str, attempt: int, started: float) -> None:
    if logger.isEnabledFor(logging.DEBUG):
        logger.debug(
            "%s %s -> %s (attempt %d, %.1f ms)",
            request.method,
            request.url.raw_path.decode("ascii", "replace"),
            outcome,
            attempt,
            (time.perf_counter() - started) * 1000,
        )


def _after_response(
    request: httpx.Request, response: httpx.Response, num: int, t0: float
) -> float | None:
    _log(request, str(response.status_code), num, t0)
    if response.status_code == 429 and (listener := _rate_limit_listener.get()) is not None:
        listener(parse_retry_after(response.headers.get("retry-after")))
    return retry_delay(num, response)


def _after_error(request: httpx.Request, exc: Exception, num: int, t0: float) -> _Retry:
    _log(request, type(exc).__name__, num, t0)
    if isinstance(exc, _RETRYABLE_EXCEPTIONS):
        return _Retry(backoff(num), error=exc)
    raise exc


class RetryTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Wraps a transport (sync, async or both) with the retry policy above.

    Args:
        inner: The transport that sends one attempt.
        max_retries: Retries after the first attempt (0 disables retrying).
    """

    def __init__(
        self, inner: httpx.BaseTransport | httpx.AsyncBaseTransport, *, max_retries: int
    ) -> None:
        self._inner = inner
        self._attempts = max_retries + 1

    def _retry_context(self) -> Any:  # stamina._core._RetryContextIterator (private)
        import stamina  # at the first retry, not at import (import time matters)

        return stamina.retry_context(on=_backoff_hook, attempts=self._attempts, timeout=None)

    # Each attempt returns the response, or a _Retry for a retryable outcome.
    # The first attempt runs outside stamina: most requests succeed at once and
    # then cost no retry machinery (its objects are cyclic garbage, which made
    # a long listing's memory creep up until the garbage collector ran). When a
    # retry is due, stamina's loop takes over: its attempt 1 replays that first
    # outcome (so stamina does the waiting) and attempt 2 is the next request.

    def _attempt(self, request: httpx.Request, num: int) -> httpx.Response | _Retry:
        assert isinstance(self._inner, httpx.BaseTransport)
        t0 = time.perf_counter()
        try:
            response = self._inner.handle_request(request)
        except Exception as exc:
            return _after_error(request, exc, num, t0)
        delay = _after_response(request, response, num, t0)
        if delay is None:
            return response
        response.read()
        return _Retry(delay, response=response)

    async def _attempt_async(self, request: httpx.Request, num: int) -> httpx.Response | _Retry:
        assert isinstance(self._inner, httpx.AsyncBaseTransport)
        t0 = time.perf_counter()
        try:
            response = await self._inner.handle_async_request(request)
        except Exception as exc:
            return _after_error(request, exc, num, t0)
        delay = _after_response(request, response, num, t0)
        if delay is None:
            return response
        await response.aread()
        return _Retry(delay, response=response)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        outcome = self._attempt(request, 1)
        if isinstance(outcome, _Retry) and self._attempts > 1:
            try:
                for attempt in self._retry_context():
                    with attempt:
                        if attempt.num > 1:
                            outcome = self._attempt(request, attempt.num)
                        if isinstance(outcome, _Retry):
                            raise outcome
            except _Retry as last:
                outcome = last
        return _final(outcome)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        outcome = await self._attempt_async(request, 1)
        if isinstance(outcome, _Retry) and self._attempts > 1:
            try:
                async for attempt in self._retry_context():
                    with attempt:
                        if attempt.num > 1:
                            outcome = await self._attempt_async(request, attempt.num)
                        if isinstance(outcome, _Retry):
                            raise outcome
            except _Retry as last:
                outcome = last
        return _final(outcome)

    def close(self) -> None:
        if isinstance(self._inner, httpx.BaseTransport):
            self._inner.close()

    async def aclose(self) -> None:
        if isinstance(self._inner, httpx.AsyncBaseTransport):
            await self._inner.aclose()


def _final(outcome: httpx.Response | _Retry) -> httpx.Response:
    """The answer to hand back: a response, the last retryable one, or its error raised."""
    if isinstance(outcome, httpx.Response):
        return outcome
    if outcome.response is not None:
        return outcome.response
    assert outcome.error is not None
    raise outcome.error
