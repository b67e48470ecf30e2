"""Retries, as an httpx transport, so the wrapper and ``client.raw`` share them.

One decision, one loop. ``decide()`` is a pure function: from the method, the
attempt's number and outcome (a response or an exception), the retries allowed
and what is left of the call's deadline, it answers ``Retry(wait)`` or
``Stop(note)``. ``RetryTransport`` runs the loop: an attempt, the decision, the
wait; its sync and async loops differ only in how they send and sleep.

What is retried follows what the method promises. GET, HEAD, OPTIONS, PUT and
DELETE (idempotent): 408, 429, every 5xx (non-standard ones such as 520
included), timeouts and connection failures, before the headers or during the
body alike (an attempt reads its body: ``_transport``). POST and PATCH only
when the request provably was not processed: the connection failed before the
request was written (``_NEVER_SENT``), or a 429 (refused for the rate limit).
After the request was written, the failure is final, and says so. A DELETE is
resent like any idempotent request, but a 404 to a resend after an attempt
that may have been processed (``_may_have_applied``) is marked, and raised as
``PossiblyRemovedError``: the earlier attempt may be what removed it. Each
attempt is logged at DEBUG on the ``voiso_campaigns.http`` logger, each scheduled
retry at WARNING on ``voiso_campaigns`` with the request, the attempt, the wait
and the cause; never headers, so never the key.

What one request carries down to this loop, in its ``extensions`` (set by the
core, ``_client``): the call's ``DEADLINE``; for a page of a listing, the
pager's ``ON_RATE_LIMITED`` (told of each 429, to pace the listing) and its
``ABANDONED`` event (set once the listing's consumer has stopped: no attempt
starts and no retry is scheduled after that). Inside ``no_waits()`` (the test
kit's switch) retries happen as configured, without their waits.

No retry library: the loop is a ``for`` over attempts (as openai-python's and
httpx-retries' are), and every rule is ours (the method's promise, the
``Retry-After`` cap, the deadline's cut). tenacity ran the loop in 0.6: its
outcome had to travel inside an exception to callbacks that read it back, for
nothing but counting attempts and sleeping. stamina (on tenacity) before that
had process-wide hooks that logged each of our retries a second time.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import random
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple, TypeAlias

import anyio
import attrs
import httpx

from . import _aio
from ._error_mapping import MAYBE_APPLIED, NOT_RETRIED
from ._transport import Renewing, aread_body, read_body, shutdown_sockets, with_cutoff
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
#: Methods whose repetition has the effect of one request (RFC 9110, 9.2.2).
IDEMPOTENT = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"})

#: Statuses that say the request was not processed (refused before it was looked at).
_REFUSED = frozenset({408, 429})

#: Request extensions this loop reads (see the module docstring).
DEADLINE = "voiso_campaigns.deadline"
#: Set by the loop: why an earlier attempt of this request may have been processed.
_EARLIER = "voiso_campaigns.earlier_attempt"
ON_RATE_LIMITED = "voiso_campaigns.on_rate_limited"
ABANDONED = "voiso_campaigns.abandoned"

#: Told of each 429, with its Retry-After in seconds (None when absent or unreadable).
RateLimitListener = Callable[[float | None], None]
#: What one attempt ended with.
Outcome: TypeAlias = httpx.Response | Exception


class Deadline(NamedTuple):
    """A call's deadline: the ``time.monotonic()`` by which it must be over, and its
    length as the caller gave it (for messages)."""

    at: float
    seconds: float

    @classmethod
    def starting_now(cls, seconds: float) -> Deadline:
        return cls(time.monotonic() + seconds, seconds)

    def left(self) -> float:
        return self.at - time.monotonic()

    def __str__(self) -> str:
        return f"the call's deadline of {self.seconds:g} s"


class DeadlinePassed(httpx.TimeoutException):
    """The call's deadline has passed (or would, before the next attempt could start)."""


class ListingAbandoned(Exception):
    """Internal: the listing this request was for has no consumer any more."""


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


# --- the policy: pure functions -----------------------------------------------------


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


@attrs.frozen
class Retry:
    """Send again after *wait* seconds."""

    wait: float


@attrs.frozen
class Stop:
    """The outcome is final. *note*: why a retryable one was not retried (told to the
    caller); *deadline*: the call's deadline cut it."""

    note: str | None = None
    deadline: bool = False


def decide(
    method: str, attempt: int, outcome: Outcome, *, max_retries: int, deadline: Deadline | None
) -> Retry | Stop:
    """Whether attempt number *attempt* (1-based) of a *method* request is retried.

    Args:
        method: The HTTP method, upper-case.
        attempt: The attempt that just ended.
        outcome: Its response, or the exception it raised.
        max_retries: Retries allowed after the first attempt.
        deadline: The call's deadline, or None.
    """
    if isinstance(outcome, httpx.Response):
        wait = retry_delay(attempt, outcome)
        if wait is None:  # not a status worth retrying, or a Retry-After beyond the cap
            return Stop()
        if outcome.status_code != 429 and method not in IDEMPOTENT:
            return Stop(_not_retried(method))
    else:
        if not isinstance(outcome, _RETRYABLE_EXCEPTIONS) or isinstance(outcome, DeadlinePassed):
            return Stop()
        if method not in IDEMPOTENT and not isinstance(outcome, _NEVER_SENT):
            return Stop(_not_retried(method))
        wait = backoff(attempt)
    if attempt > max_retries:
        return Stop()
    if deadline is not None and wait >= deadline.left():
        return Stop(f"not retried: {deadline} would pass first", deadline=True)
    return Retry(wait)


def _may_have_applied(outcome: Outcome) -> bool:
    """Whether the server may have processed the attempt that ended with *outcome*."""
    if isinstance(outcome, httpx.Response):
        return outcome.status_code not in _REFUSED
    return not isinstance(outcome, _NEVER_SENT)


def _not_retried(method: str) -> str:
    return f"not retried: {method} is not idempotent and the request may have been processed"


def _cause(outcome: Outcome) -> str:
    if isinstance(outcome, httpx.Response):
        return f"HTTP {outcome.status_code}"
    return type(outcome).__name__


def _path(request: httpx.Request) -> str:
    return request.url.raw_path.decode("ascii", "replace")


# --- the loop -----------------------------------------------------------------------


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
        self._aborted = False  # closed on an interrupt: close() waits for no attempt
        self._in_flight = threading.Condition()
        self._active = 0  # sync attempts running now (close() waits for them)
        self._max_retries = max_retries
        self._total = total_timeout
        self._max_size = max_response_size
        self._watched: Any = None  # the async transport closed at its loop's end
        self._loop_end: Any = None  # what closes it then (_aio.closed_at_loop_end)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        phases = dict(request.extensions.get("timeout", {}))
        for num in itertools.count(1):
            step = self._next(request, num, self._attempt(request, num, phases))
            if isinstance(step, httpx.Response):
                return step
            if step:
                time.sleep(step)
        raise AssertionError("unreachable")

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        for num in itertools.count(1):
            step = self._next(request, num, await self._attempt_async(request, num))
            if isinstance(step, httpx.Response):
                return step
            await anyio.sleep(step)
        raise AssertionError("unreachable")

    def _next(self, request: httpx.Request, num: int, outcome: Outcome) -> httpx.Response | float:
        """After attempt *num*: the seconds to wait before the next, or the final answer
        (returned, or raised)."""
        deadline: Deadline | None = request.extensions.get(DEADLINE)
        decision = decide(
            request.method, num, outcome, max_retries=self._max_retries, deadline=deadline
        )
        abandoned = request.extensions.get(ABANDONED)
        if isinstance(decision, Retry) and abandoned is not None and abandoned.is_set():
            decision = Stop()  # nobody is waiting for this listing any more
        if isinstance(decision, Retry):
            if _may_have_applied(outcome):
                request.extensions.setdefault(_EARLIER, f"attempt {num}: {_cause(outcome)}")
            logger.warning(
                "retrying %s %s in %.2f s: attempt %d failed (%s)",
                request.method,
                _path(request),
                decision.wait,
                num,
                _cause(outcome),
            )
            return 0.0 if waits_skipped() else decision.wait
        if isinstance(outcome, httpx.Response):
            if decision.note is not None:
                outcome.extensions[NOT_RETRIED] = decision.note
            earlier = request.extensions.get(_EARLIER)
            if earlier and request.method == "DELETE" and outcome.status_code == 404:
                outcome.extensions[MAYBE_APPLIED] = (
                    f"the DELETE was resent: an earlier attempt ({earlier}) may already "
                    "have removed it"
                )
            return outcome
        if decision.note is None:
            raise outcome
        error = DeadlinePassed if decision.deadline else type(outcome)
        raise error(f"{outcome} ({decision.note})", request=request)  # type: ignore[call-arg]

    def _attempt(
        self, request: httpx.Request, num: int, phases: Mapping[str, float | None]
    ) -> Outcome:
        """One attempt, its body read: the response, or the exception it ended with."""
        t0 = time.perf_counter()
        # Checked and counted at once: close() either sees this attempt and waits
        # for it, or this attempt sees the client closed and never sends.
        with self._in_flight:
            if (refused := self._refused(request, num)) is not None:
                return refused
            self._active += 1
        try:
            cutoff = self._cutoff(request)
            if cutoff is not None:
                request.extensions["timeout"] = with_cutoff(phases, cutoff)
            inner: httpx.BaseTransport = self._inner.get()
            raw = inner.handle_request(request)
            response = read_body(raw, self._max_size, cutoff)
            if (stream := self._forgotten(raw)) is not None:
                stream.close()
        except Exception as exc:
            # Closed meanwhile: that, not the I/O error, is the news.
            return self._logged(request, self._refused(request, num) or exc, num, t0)
        finally:
            with self._in_flight:
                self._active -= 1
                self._in_flight.notify_all()
        return self._logged(request, response, num, t0)

    async def _attempt_async(self, request: httpx.Request, num: int) -> Outcome:
        t0 = time.perf_counter()
        if (refused := self._refused(request, num)) is not None:
            return refused
        try:
            cutoff = self._cutoff(request)
            inner: httpx.AsyncBaseTransport = self._inner.get(_aio.token())
            if inner is not self._watched and self._inner.owned:
                self._watched = inner
                self._loop_end = await _aio.closed_at_loop_end(inner)
            bound = None if cutoff is None else cutoff - time.monotonic()
            with anyio.fail_after(bound):
                raw = await inner.handle_async_request(request)
                response = await aread_body(raw, self._max_size, cutoff)
            if (stream := self._forgotten(raw)) is not None:
                await stream.aclose()
        except TimeoutError:  # anyio's fail_after: the cutoff passed
            return self._logged(request, self._timed_out(request, cutoff), num, t0)
        except Exception as exc:
            return self._logged(request, self._refused(request, num) or exc, num, t0)
        return self._logged(request, response, num, t0)

    def _cutoff(self, request: httpx.Request) -> float | None:
        """When this attempt must be over (``time.monotonic()``): its own total timeout,
        cut to the call's deadline (DeadlinePassed, before anything is sent, once the
        deadline has passed). None: no bound."""
        deadline: Deadline | None = request.extensions.get(DEADLINE)
        own = None if self._total is None else time.monotonic() + self._total
        if deadline is None:
            return own
        if deadline.left() <= 0:
            raise DeadlinePassed(f"{deadline} has passed", request=request)
        return deadline.at if own is None else min(own, deadline.at)

    def _timed_out(self, request: httpx.Request, cutoff: float | None) -> httpx.TimeoutException:
        deadline: Deadline | None = request.extensions.get(DEADLINE)
        if deadline is not None and cutoff == deadline.at:  # the call's, not the attempt's own
            return DeadlinePassed(f"{deadline} has passed", request=request)
        return httpx.ReadTimeout(f"the request's total timeout ({self._total} s) has passed")

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

    def _refused(self, request: httpx.Request, num: int) -> Exception | None:
        """Why attempt *num* must not start (or its failure means nothing): the client
        was closed (not an httpx error: never retried), or its listing abandoned."""
        if self._closed:
            return RuntimeError("the client was closed")
        abandoned = request.extensions.get(ABANDONED)
        if abandoned is not None and abandoned.is_set():
            return ListingAbandoned(f"attempt {num} not started: the listing was abandoned")
        return None

    def _logged(self, request: httpx.Request, outcome: Outcome, num: int, t0: float) -> Outcome:
        """*outcome*, logged at DEBUG; a 429 told to the request's listener (a pager)."""
        if http_logger.isEnabledFor(logging.DEBUG):
            http_logger.debug(
                "%s %s -> %s (attempt %d, %.1f ms)",
                request.method,
                _path(request),
                outcome.status_code if isinstance(outcome, httpx.Response) else _cause(outcome),
                num,
                (time.perf_counter() - t0) * 1000,
            )
        listener: RateLimitListener | None = request.extensions.get(ON_RATE_LIMITED)
        if isinstance(outcome, httpx.Response) and outcome.status_code == 429 and listener:
            listener(parse_retry_after(outcome.headers.get("retry-after")))
        return outcome

    def abort(self) -> None:
        """Close without waiting for other threads' attempts (on Ctrl-C): their sockets
        are shut down and closed now; each attempt ends with the client closed."""
        with self._in_flight:
            self._closed = self._aborted = True
        self.close()

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
                if not self._aborted:
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
