"""``import_leads``: a bulk import of leads into a campaign that never loses one.

Hand-written on top of the generated ``add_leads`` (as Stainless SDKs add helpers
beside their generated resources). It names the operation (``OPERATION``) and the
lead's key (``KEY``), which ``tests/test_leads.py`` checks against the spec; the
chunk size (the body's ``maxItems``) and the pause between two requests to one
campaign (``x-serial-gap``) are read from the spec.

One ``_Import`` holds the logic (reading and checking the input a chunk at a
time, adding up the answers, accounting for a failed chunk); the sync and async
drivers only send, each under the client's ``Pacer``.
"""

from __future__ import annotations

import array
import bisect
import contextlib
import itertools
import threading
import time
from collections.abc import (
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from typing import TYPE_CHECKING, Any, Protocol, overload

import anyio
import attrs

from . import _body, _params, _spec
from ._generated import OPERATIONS, resources
from ._retry import waits_skipped
from .errors import APIStatusError, LeadsImportError, VoisoError

if TYPE_CHECKING:
    from voiso_campaigns_client.models import Lead, LeadsImport
    from voiso_campaigns_client.resources import LeadParam

#: The operation ``import_leads`` sends its chunks with.
OPERATION = "add_campaign_leads"
#: The lead property the API's answer lists (created, rejected, duplicates) are made of.
KEY = "phone_number"


class _SyncEngine(Protocol):
    """What the import asks of the sync client's engine (``_client._SyncEngine``)."""

    pacer: Pacer

    def call(self, op: Any, args: Mapping[str, Any], json: Any = None) -> Any: ...


class _AsyncEngine(Protocol):
    pacer: Pacer

    def call(self, op: Any, args: Mapping[str, Any], json: Any = None) -> Awaitable[Any]: ...


class Pacer:
    """One request at a time per key, and *gap* seconds after one ends before the next
    starts: across every thread (sync) or task (async) using one client."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[Any, threading.Lock] = {}
        self._async_locks: dict[Any, anyio.Lock] = {}
        self._done: dict[Any, float] = {}

    def _wait(self, key: Any, gap: float) -> float:
        left = self._done.get(key, float("-inf")) + gap - time.monotonic()
        return 0.0 if waits_skipped() else max(0.0, left)

    @contextlib.contextmanager
    def turn(self, key: Any, gap: float) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            time.sleep(self._wait(key, gap))
            try:
                yield
            finally:
                self._done[key] = time.monotonic()

    @contextlib.asynccontextmanager
    async def aturn(self, key: Any, gap: float) -> AsyncIterator[None]:
        with self._guard:
            lock = self._async_locks.setdefault(key, anyio.Lock())
        async with lock:
            await anyio.sleep(self._wait(key, gap))
            try:
                yield
            finally:
                self._done[key] = time.monotonic()


@attrs.frozen
class InvalidLead:
    """An input lead that failed the spec's checks, and was not sent.

    Attributes:
        index: Its position in the input (0-based).
        lead: The lead as given.
        reason: The failed check (``leads[3].priority: 0 is below the minimum 1``).
    """

    index: int
    lead: Any
    reason: str


class PhoneNumbers(Sequence[str]):
    """The phone numbers of an import's answers: a read-only sequence of ``str``.

    Stored a chunk to one string (the numbers joined, and where each ends), not as
    a ``str`` object each: 100,000 numbers take about 1.6 MB instead of 7 MB, so
    a result stays small beside an input of a million leads that is never held.
    Compares equal to a list of the same numbers.
    """

    __slots__ = ("_chunks", "_counts")

    def __init__(self, numbers: Iterable[str] = ()) -> None:
        self._chunks: list[tuple[str, array.array[int]]] = []  # (joined, end of each)
        self._counts: list[int] = []  # how many numbers up to the end of each chunk
        self._extend(list(numbers))

    def _extend(self, numbers: list[str]) -> None:
        if numbers:
            ends = array.array("L", itertools.accumulate(map(len, numbers)))
            self._chunks.append(("".join(numbers), ends))
            self._counts.append(len(self) + len(numbers))

    def __len__(self) -> int:
        return self._counts[-1] if self._counts else 0

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        position = index + len(self) if index < 0 else index
        if not 0 <= position < len(self):
            raise IndexError("phone number index out of range")
        chunk = bisect.bisect_right(self._counts, position)
        text, ends = self._chunks[chunk]
        at = position - (self._counts[chunk - 1] if chunk else 0)
        return text[ends[at - 1] if at else 0 : ends[at]]

    def __iter__(self) -> Iterator[str]:
        for text, ends in self._chunks:
            start = 0
            for end in ends:
                yield text[start:end]
                start = end

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"PhoneNumbers({list(self)!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return PhoneNumbers, (list(self),)


@attrs.define
class LeadsImportResult:
    """What an import did: the API's answers, summed, and the leads not sent as invalid.

    Attributes:
        created: The phone numbers added as new leads (a ``PhoneNumbers``, a read-only
            sequence of ``str`` that compares equal to a list).
        rejected: The phone numbers the API rejected (not valid phone numbers).
        duplicates: The phone numbers the campaign already held (or repeated).
        invalid: The input leads that failed the spec's checks (not sent).
        requests: How many chunks were sent and answered.
    """

    created: PhoneNumbers = attrs.field(factory=PhoneNumbers, converter=PhoneNumbers)
    rejected: PhoneNumbers = attrs.field(factory=PhoneNumbers, converter=PhoneNumbers)
    duplicates: PhoneNumbers = attrs.field(factory=PhoneNumbers, converter=PhoneNumbers)
    invalid: list[InvalidLead] = attrs.Factory(list)
    requests: int = 0

    def _add(self, answer: LeadsImport) -> None:
        self.created._extend(answer.created)
        self.rejected._extend(answer.rejected)
        self.duplicates._extend(answer.duplicates)
        self.requests += 1


@attrs.frozen
class ImportProgress:
    """Where an import is, after each answered chunk (``on_progress``'s argument).

    Attributes:
        consumed: Input leads read so far.
        sent: Leads sent and answered.
        created, rejected, duplicates, invalid: The counts so far.
    """

    consumed: int
    sent: int
    created: int
    rejected: int
    duplicates: int
    invalid: int


class _Import:
    """One import's state; the sync and async drivers share it."""

    def __init__(
        self,
        campaign_id: object,
        leads: object,
        gap: float | None,
        on_progress: Callable[[ImportProgress], None] | None,
    ) -> None:
        self.op = OPERATIONS[OPERATION]
        body = _body.body(OPERATION)
        assert body is not None
        assert body.item is not None
        assert body.array is not None
        (name,) = self.op.path_names
        self.args = {name: campaign_id}
        self.key = _params.parameters(self.op).query("import_leads", self.args).path[name]
        if isinstance(leads, str | bytes | Mapping) or not isinstance(leads, Iterable):
            raise TypeError(
                f"leads must be an iterable of leads (mappings or Lead), got {type(leads).__name__}"
            )
        declared = _spec.operation(OPERATION)[2].get("x-serial-gap", 0)
        self.gap = declared if gap is None else _params.check_number("gap", gap, 0, None)
        self._input = iter(leads)
        self._item, self._name = body.item, body.array
        self._size = body.max_items or 1000
        self._progress = on_progress
        self.consumed = self.sent = 0
        self.result = LeadsImportResult()

    def chunk(self) -> list[Any]:
        """The next leads to send, checked and as JSON (empty: the input is done)."""
        chunk: list[Any] = []
        check, name, invalid = self._item, self._name, self.result.invalid
        for lead in self._input:
            index = self.consumed
            self.consumed += 1
            try:
                chunk.append(check(lead))
            except _body.Invalid as exc:
                invalid.append(InvalidLead(index, lead, str(exc.named(f"{name}[{index}]"))))
                continue
            if len(chunk) == self._size:
                break
        return chunk

    def answered(self, chunk: list[Any], answer: LeadsImport) -> None:
        self.result._add(answer)
        self.sent += len(chunk)
        if self._progress is not None:
            done = self.result
            self._progress(
                ImportProgress(
                    self.consumed,
                    self.sent,
                    len(done.created),
                    len(done.rejected),
                    len(done.duplicates),
                    len(done.invalid),
                )
            )

    def failed(self, chunk: list[Any], exc: VoisoError) -> LeadsImportError:
        """The error for a chunk that failed: refused as a whole (a 4xx), or unknown."""
        refused = isinstance(exc, APIStatusError) and 400 <= exc.status_code < 500
        what = "refused by the API" if refused else "sent, outcome unknown"
        return LeadsImportError(
            f"import_leads stopped after {self.consumed} input leads: a chunk of "
            f"{len(chunk)} was {what} ({exc}); {self.sent} were sent and answered",
            result=self.result,
            unknown=[] if refused else chunk,
            refused=chunk if refused else [],
            consumed=self.consumed,
        )


def import_leads(
    engine: _SyncEngine,
    campaign_id: object,
    leads: object,
    gap: float | None,
    on_progress: Callable[[ImportProgress], None] | None,
) -> LeadsImportResult:
    job = _Import(campaign_id, leads, gap, on_progress)
    while chunk := job.chunk():
        with engine.pacer.turn((OPERATION, job.key), job.gap):
            try:
                answer = engine.call(job.op, job.args, chunk)
            except VoisoError as exc:
                raise job.failed(chunk, exc) from exc
        job.answered(chunk, answer)
    return job.result


async def aimport_leads(
    engine: _AsyncEngine,
    campaign_id: object,
    leads: object,
    gap: float | None,
    on_progress: Callable[[ImportProgress], None] | None,
) -> LeadsImportResult:
    job = _Import(campaign_id, leads, gap, on_progress)
    while chunk := job.chunk():
        async with engine.pacer.aturn((OPERATION, job.key), job.gap):
            try:
                answer = await engine.call(job.op, job.args, chunk)
            except VoisoError as exc:
                raise job.failed(chunk, exc) from exc
        job.answered(chunk, answer)
    return job.result


_DOC = """Add every lead of *leads* to a campaign: in chunks of the API's maximum (the
        body's ``maxItems`` in the spec), one request to the campaign at a time across
        the client's threads or tasks, and *gap* seconds after one completes before the
        next starts.

        Args:
            campaign_id: The campaign's integer id.
            leads: Any iterable of leads (mappings or ``Lead``; typed as any mapping, as
                rows read from a file are checked here, not by a type checker), read a
                chunk at a time: a generator over a large file keeps memory to one chunk.
                Each lead is
                checked against the spec before its chunk is sent; one that fails is
                recorded in ``invalid`` and not sent.
            gap: Seconds between two leads requests to the campaign (None: the API's
                guidance, ``x-serial-gap`` in the spec).
            on_progress: Called with an ``ImportProgress`` after each answered chunk.

        Returns:
            A ``LeadsImportResult``: the numbers created, rejected and duplicated (the
            API's lists, summed) and the invalid leads.

        Raises:
            TypeError, ValueError: *campaign_id*, *leads* or *gap* is invalid (nothing sent).
            LeadsImportError: A chunk failed after the retries the rules allow; it
                says what was done, what is unknown and how much input was read.
        """


class Campaigns(resources.Campaigns):
    """``client.campaigns``: the generated operations, and ``import_leads``."""

    _core: _SyncEngine  # type: ignore[assignment]

    def import_leads(
        self,
        campaign_id: int,
        leads: Iterable[LeadParam | Lead | Mapping[str, Any]],
        *,
        gap: float | None = None,
        on_progress: Callable[[ImportProgress], None] | None = None,
    ) -> LeadsImportResult:
        return import_leads(self._core, campaign_id, leads, gap, on_progress)

    import_leads.__doc__ = _DOC


class AsyncCampaigns(resources.AsyncCampaigns):
    """``client.campaigns`` of the async client: the generated operations, and ``import_leads``."""

    _core: _AsyncEngine  # type: ignore[assignment]

    async def import_leads(
        self,
        campaign_id: int,
        leads: Iterable[LeadParam | Lead | Mapping[str, Any]],
        *,
        gap: float | None = None,
        on_progress: Callable[[ImportProgress], None] | None = None,
    ) -> LeadsImportResult:
        return await aimport_leads(self._core, campaign_id, leads, gap, on_progress)

    import_leads.__doc__ = _DOC
