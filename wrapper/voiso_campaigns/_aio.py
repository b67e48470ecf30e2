"""What the async client needs of its event loop that anyio does not give.

Sleeps, timeouts, shields and the loop's identity come from anyio, on asyncio
and trio alike (httpx runs on anyio already). Two things are written here:

- **Detached tasks** (``start``): the pager keeps requests in flight while its
  async generator is suspended at a ``yield``, which a task group cannot do (a
  task group held across a ``yield`` cancels the consumer's code, PEP 789). So
  each page runs in an asyncio task or a trio system task, with its own cancel
  scope, and never raises (its outcome is read like a future's).
- **The close at loop end** (``closed_at_loop_end``): a client left open when its
  loop ends is closed by that loop, while it still runs.

trio is never imported here: a trio loop is told apart from asyncio's by its token.
"""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import sys
from collections.abc import AsyncGenerator, Awaitable, Callable, Iterable
from typing import Any, Generic, Protocol, TypeVar

import anyio
import anyio.lowlevel

from . import _internals
from .errors import VoisoError

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


def token() -> object:
    """What identifies the running event loop (its pools serve no other): asyncio's
    loop, or trio's token."""
    try:
        return anyio.lowlevel.current_token().native_token
    except Exception:  # anyio's NoEventLoopError (a RuntimeError), or sniffio's own
        raise VoisoError("the async client needs a running asyncio or trio loop") from None


def _trio() -> Any:
    """The trio module when the running loop is trio's, else None."""
    return None if isinstance(token(), asyncio.AbstractEventLoop) else sys.modules["trio"]


def warm_up() -> None:
    """Import now what anyio and httpcore import lazily on first use, so that no import
    runs inside the event loop (an import there blocks it)."""
    for name in ("sleep", "fail_after", "CancelScope", "create_task_group"):
        getattr(anyio, name)
    _internals.preload_backends()


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
            # Shielded: trio cancels what an ending run still has to finalize.
            with anyio.CancelScope(shield=True), contextlib.suppress(Exception):
                await resource.aclose()  # nobody left to tell of a failure

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
    if _trio() is None:
        await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        return
    async with anyio.create_task_group() as group:  # within this call only: no yield inside
        for task in pending:

            async def wait(task: Any = task) -> None:
                await task.wait()
                group.cancel_scope.cancel()

            group.start_soon(wait)


async def all_done(tasks: Iterable[Task[Any]]) -> None:
    """Wait until every one of *tasks* is done (their outcomes unread)."""
    pending: list[Any] = list(tasks)
    if _trio() is None:
        await asyncio.gather(*pending, return_exceptions=True)
        return
    for task in pending:
        await task.wait()
