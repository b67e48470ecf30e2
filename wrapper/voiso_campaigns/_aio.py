"""The async client's event loop: asyncio or trio, whichever runs the caller.

httpx (through httpcore and anyio) runs on both; what this package adds on top
of it (a timeout per attempt, waits, the pager's tasks, the identity of the loop
that owns a connection pool, closing that pool as the loop ends) goes through
these few functions. anyio would
cover the first three, but the pager keeps requests in flight while its async
generator is suspended at a ``yield``, which a task group cannot (a task group
held across a ``yield`` cancels the consumer's code): so tasks here are
detached, an asyncio task or a trio system task, each with its own cancel scope,
and they never raise (their outcome is read like a future's).

trio is never imported here: it is in ``sys.modules`` whenever trio runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import sys
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Iterable, Iterator
from typing import Any, Generic, Protocol, TypeVar

from .errors import VoisoError

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


def _trio() -> Any:
    """The trio module when the calling task runs under trio, else None."""
    if asyncio._get_running_loop() is not None:  # asyncio's own fast check, no exception
        return None
    trio = sys.modules.get("trio")
    if trio is None:
        return None
    try:
        trio.lowlevel.current_task()  # (in_trio_run() is from trio 0.26)
    except RuntimeError:
        return None
    return trio


def token() -> object:
    """What identifies the running event loop (its pools serve no other)."""
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        if (trio := _trio()) is None:
            raise VoisoError("the async client needs a running asyncio or trio loop") from None
        return trio.lowlevel.current_trio_token()


async def sleep(seconds: float) -> None:
    if (trio := _trio()) is not None:
        await trio.sleep(seconds)
    else:
        await asyncio.sleep(seconds)


@contextlib.asynccontextmanager
async def timeout(seconds: float | None) -> AsyncIterator[None]:
    """Raise TimeoutError when the block runs longer than *seconds* (None: no bound)."""
    if (trio := _trio()) is None:
        async with asyncio.timeout(seconds):
            yield
        return
    if seconds is None:
        yield
        return
    try:
        with trio.fail_after(seconds):
            yield
    except trio.TooSlowError:
        raise TimeoutError from None


@contextlib.contextmanager
def shielded() -> Iterator[None]:
    """Run the block's awaits to completion though the caller is being cancelled (trio
    cancels what an ending run still has to finalize; asyncio needs nothing)."""
    if (trio := _trio()) is None:
        yield
        return
    with trio.CancelScope(shield=True):
        yield


async def closed_at_loop_end(resource: Any) -> AsyncGenerator[None, None]:
    """Have ``resource.aclose()`` awaited as the running loop ends, while it still runs.

    The generator returned is started and left suspended: asyncio.run() and
    trio.run() close every async generator still suspended before they end (and
    asyncio one that is collected). A client left open when its loop ends would
    otherwise leave its sockets to the garbage collector, whose loop is gone by
    then ("unclosed transport"). Closing the generator closes *resource* now.
    """

    async def watch() -> AsyncGenerator[None, None]:
        try:
            yield
        finally:
            with shielded(), contextlib.suppress(Exception):  # nobody left to tell
                await resource.aclose()

    watcher = watch()
    await watcher.asend(None)
    return watcher


class Task(Protocol[T_co]):
    """What the pager needs of a task: a future's reading side, and cancel()."""

    def done(self) -> bool: ...
    def result(self) -> T_co: ...
    def cancel(self) -> Any: ...


class _TrioTask(Generic[T]):
    """A trio system task run like an asyncio task: its outcome kept, never raised."""

    def __init__(self, trio: Any, make: Callable[[], Awaitable[T]]) -> None:
        self._scope = trio.CancelScope()
        self._cancelled = trio.Cancelled
        self._token = trio.lowlevel.current_trio_token()
        self._finished = trio.Event()
        self._outcome: tuple[bool, Any] | None = None
        # Detached, in a copy of the caller's context (as asyncio tasks are).
        trio.lowlevel.spawn_system_task(
            self._run, make, name="voiso-page", context=contextvars.copy_context()
        )

    async def _run(self, make: Callable[[], Awaitable[T]]) -> None:
        try:
            with self._scope:
                self._outcome = (True, await make())
        except BaseException as exc:  # kept for result(), as a future keeps it
            self._outcome = (False, exc)
            if isinstance(exc, self._cancelled):  # the run is ending: let trio see it
                raise
        finally:
            if self._outcome is None:  # cancelled by our own scope
                self._outcome = (False, VoisoError("the request was cancelled"))
            self._finished.set()

    def done(self) -> bool:
        return bool(self._finished.is_set())

    def result(self) -> T:
        assert self._outcome is not None, "result() of a task still running"
        ok, value = self._outcome
        if not ok:
            raise value
        return value  # type: ignore[no-any-return]

    def cancel(self) -> None:
        self._scope.cancel()

    def cancel_soon(self) -> None:
        self._token.run_sync_soon(self._scope.cancel)  # from any thread

    async def wait(self) -> None:
        await self._finished.wait()


def start(make: Callable[[], Awaitable[T]]) -> Task[T]:
    """Run ``make()`` in a task of its own, detached from the caller's scope."""
    if (trio := _trio()) is not None:
        return _TrioTask(trio, make)
    return asyncio.ensure_future(make())


def cancel_soon(tasks: Iterable[Task[Any]]) -> None:
    """Cancel *tasks* from any thread, the garbage collector's included (best effort:
    a loop that has ended has cancelled them already)."""
    for task in tasks:
        with contextlib.suppress(RuntimeError):  # the loop or the run is over
            if isinstance(task, _TrioTask):
                task.cancel_soon()
            else:
                task.get_loop().call_soon_threadsafe(task.cancel)  # type: ignore[attr-defined]


async def first_done(tasks: Iterable[Task[Any]]) -> None:
    """Wait until one of *tasks* is done."""
    pending: list[Any] = list(tasks)  # asyncio's tasks, or _TrioTasks
    if (trio := _trio()) is None:
        await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        return
    async with trio.open_nursery() as nursery:  # within this call only: no yield inside
        for task in pending:

            async def wait(task: Any = task) -> None:
                await task.wait()
                nursery.cancel_scope.cancel()

            nursery.start_soon(wait)


async def all_done(tasks: Iterable[Task[Any]]) -> None:
    """Wait until every one of *tasks* is done (their outcomes unread)."""
    pending: list[Any] = list(tasks)
    if _trio() is None:
        await asyncio.gather(*pending, return_exceptions=True)
        return
    for task in pending:
        await task.wait()
