"""The retry policy as one pure function: every row of the README's retry table, for
every method and for the first and the last attempt, without a socket or a sleep."""

from __future__ import annotations

import time

import httpx
import pytest

from voiso_campaigns._retry import (
    BACKOFF_BASE,
    RETRY_AFTER_CAP,
    Deadline,
    DeadlinePassed,
    Retry,
    Stop,
    decide,
)

from .conftest import ROOT

IDEMPOTENT = ["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]
NOT_IDEMPOTENT = ["POST", "PATCH"]
MAX_RETRIES = 3
REQUEST = httpx.Request("GET", "https://cc.voiso.com/api/v4/campaigns")


def _response(status: int, retry_after: str | None = None) -> httpx.Response:
    return httpx.Response(status, headers={"Retry-After": retry_after} if retry_after else None)


# (row of the README's table, outcome, retried for a non-idempotent method, the wait).
# The wait is the first backoff step with random.uniform pinned to its top, or Retry-After.
ROWS: list[tuple[str, httpx.Response | Exception, bool, float]] = [
    (
        "the connection failed before the request was written",
        httpx.ConnectError("refused", request=REQUEST),
        True,
        BACKOFF_BASE,
    ),
    (
        "the connection failed before the request was written",
        httpx.ConnectTimeout("t"),
        True,
        BACKOFF_BASE,
    ),
    (
        "the connection failed before the request was written",
        httpx.PoolTimeout("t"),
        True,
        BACKOFF_BASE,
    ),
    ("429, with or without `Retry-After`", _response(429), True, BACKOFF_BASE),
    ("429, with or without `Retry-After`", _response(429, "5"), True, 5.0),
    (
        "the connection dropped after the request was written, or mid-body",
        httpx.RemoteProtocolError("dropped"),
        False,
        BACKOFF_BASE,
    ),
    (
        "the connection dropped after the request was written, or mid-body",
        httpx.ReadError("reset"),
        False,
        BACKOFF_BASE,
    ),
    ("a timeout while waiting for the answer", httpx.ReadTimeout("t"), False, BACKOFF_BASE),
    ("a timeout while waiting for the answer", httpx.WriteTimeout("t"), False, BACKOFF_BASE),
    ("408, 5xx", _response(408), False, BACKOFF_BASE),
    ("408, 5xx", _response(500), False, BACKOFF_BASE),
    ("408, 5xx", _response(503, "2"), False, 2.0),
    ("408, 5xx", _response(520), False, BACKOFF_BASE),
]


@pytest.fixture(autouse=True)
def _top_of_the_jitter(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("random.uniform", lambda low, high: high)


def test_the_table_covers_every_row_of_the_readme() -> None:
    """Each failure row of the README's retry table is in ROWS, and nothing else is."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("| failure | GET, HEAD, OPTIONS, PUT, DELETE |", 1)[1].split("\n\n", 1)[0]
    rows = [line.split(" | ")[0].lstrip("| ") for line in table.splitlines()[2:]]
    # Not a retry decision but how a resent DELETE's 404 is reported: its own tests are
    # in tests/test_write_operations.py (test_a_resent_delete_*).
    answered = "a 404 answering a DELETE resent after an attempt that may have been processed"
    assert answered in rows, "the README's retry table lost its PossiblyRemovedError row"
    rows.remove(answered)
    shown = {row for row, *_ in ROWS}
    for row in rows:
        assert any(row.startswith(s) for s in shown), f"add to ROWS the README's row: {row}"
    assert len(rows) == len(shown), f"ROWS has rows the README's table lacks: {rows}, {shown}"
    header = readme.split("| failure | ", 1)[1].split(" |", 1)[0]
    assert header.split(", ") == IDEMPOTENT, "the README's table names other methods"


@pytest.mark.parametrize(("row", "outcome", "for_any_method", "wait"), ROWS)
@pytest.mark.parametrize("method", IDEMPOTENT + NOT_IDEMPOTENT)
def test_a_first_attempt(
    row: str, outcome: httpx.Response | Exception, for_any_method: bool, wait: float, method: str
) -> None:
    """Idempotent methods retry every row; POST and PATCH only a request never processed,
    and say why not otherwise."""
    decision = decide(method, 1, outcome, max_retries=MAX_RETRIES, deadline=None)
    if method in IDEMPOTENT or for_any_method:
        assert decision == Retry(wait), row
    else:
        assert decision == Stop(
            f"not retried: {method} is not idempotent and the request may have been processed"
        ), row


@pytest.mark.parametrize(("row", "outcome", "for_any_method", "wait"), ROWS)
@pytest.mark.parametrize("method", IDEMPOTENT + NOT_IDEMPOTENT)
def test_the_last_attempt(
    row: str, outcome: httpx.Response | Exception, for_any_method: bool, wait: float, method: str
) -> None:
    """After max_retries retries nothing is retried; only the method's own note remains."""
    decision = decide(method, MAX_RETRIES + 1, outcome, max_retries=MAX_RETRIES, deadline=None)
    assert isinstance(decision, Stop), row
    assert not decision.deadline
    assert (decision.note is None) == (method in IDEMPOTENT or for_any_method), row
    before = decide(method, MAX_RETRIES, outcome, max_retries=MAX_RETRIES, deadline=None)
    assert isinstance(before, Retry) == (method in IDEMPOTENT or for_any_method), row


@pytest.mark.parametrize(
    "outcome",
    [
        _response(200),
        _response(400),
        _response(404),
        _response(409),
        _response(503, str(int(RETRY_AFTER_CAP) + 1)),
        DeadlinePassed("the call's deadline of 1 s has passed"),
        RuntimeError("the client was closed"),
        ValueError("not an httpx error"),
    ],
)
@pytest.mark.parametrize("method", IDEMPOTENT + NOT_IDEMPOTENT)
def test_what_is_never_retried(outcome: httpx.Response | Exception, method: str) -> None:
    """A success, another 4xx, a Retry-After beyond the cap, a passed deadline and errors
    that are not the network's are final, with no note."""
    assert decide(method, 1, outcome, max_retries=MAX_RETRIES, deadline=None) == Stop()


@pytest.mark.parametrize("method", IDEMPOTENT)
def test_a_wait_the_deadline_cannot_hold_is_cut(method: str) -> None:
    """A retry whose wait would end past the call's deadline is not scheduled, and says so;
    one that fits is."""
    deadline = Deadline(time.monotonic() + 4.0, 4.0)
    decision = decide(method, 1, _response(503, "10"), max_retries=3, deadline=deadline)
    assert decision == Stop("not retried: the call's deadline of 4 s would pass first", True)
    assert decide(method, 1, _response(503, "1"), max_retries=3, deadline=deadline) == Retry(1.0)
