"""``import_leads``: chunks of the spec's maxItems, one request per campaign at a time with
the gap, every input lead accounted for when a chunk fails. Sync, async and trio."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest

from voiso_campaigns import (
    ImportProgress,
    LeadsImportError,
    LeadsImportResult,
    VoisoClient,
    VoisoError,
    _leads,
    _retry,
)
from voiso_campaigns.testing import FakeVoisoAPI

from .conftest import PATHS, SPEC, MakeClient

OPERATION = PATHS["/api/v4/campaigns/{campaign_id}/leads"]["post"]
CHUNK = OPERATION["requestBody"]["content"]["application/json"]["schema"]["maxItems"]


def numbers(count: int, start: int = 0) -> Iterator[dict[str, Any]]:
    return ({"phone_number": f"+1415{n:07d}"} for n in range(start, start + count))


def test_the_helper_names_what_the_spec_has() -> None:
    """``_leads`` restates the operation and the lead's key: the spec must have both."""
    assert OPERATION["operationId"] == _leads.OPERATION, "rename _leads.OPERATION"
    assert _leads.KEY in SPEC["components"]["schemas"]["Lead"]["required"], "fix _leads.KEY"
    outcomes = set(SPEC["components"]["schemas"]["LeadsImport"]["properties"])
    assert outcomes <= set(LeadsImportResult.__annotations__), "LeadsImportResult lacks a list"
    assert OPERATION["x-serial-gap"] == 2


def test_leads_go_in_chunks_of_the_specs_maximum(make_client: MakeClient) -> None:
    api = FakeVoisoAPI(count=5)
    client = make_client(api.transport())
    seen: list[ImportProgress] = []
    total = 2 * CHUNK + 7
    result = client.call("import_leads", 3, numbers(total), gap=0, on_progress=seen.append)
    assert isinstance(result, LeadsImportResult)
    assert [len(r.body) > 0 for r in api.requests] == [True] * 3
    import json

    assert [len(json.loads(r.body)) for r in api.requests] == [CHUNK, CHUNK, 7]
    assert len(result.created) == total
    assert result.requests == 3
    assert (list(result.rejected), list(result.duplicates), result.invalid) == ([], [], [])
    assert [p.consumed for p in seen] == [CHUNK, 2 * CHUNK, total]
    assert seen[-1] == ImportProgress(total, total, total, 0, 0, 0)
    assert len(api.leads(3)) == total


def test_the_input_is_read_one_chunk_at_a_time(make_client: MakeClient) -> None:
    """A generator is read no further than the chunk being sent: memory is one chunk."""
    pulled = [0]
    at_request: list[int] = []

    def source() -> Iterator[dict[str, Any]]:
        for lead in numbers(3 * CHUNK):
            pulled[0] += 1
            yield lead

    api = FakeVoisoAPI(count=5, on_request=lambda fake, n: at_request.append(pulled[0]))
    client = make_client(api.transport())
    client.call("import_leads", 3, source(), gap=0)
    # Request n found n chunks read: never the next one.
    assert at_request == [CHUNK, 2 * CHUNK, 3 * CHUNK]


def test_invalid_leads_are_recorded_with_their_index_and_not_sent(
    make_client: MakeClient,
) -> None:
    api = FakeVoisoAPI(count=5)
    client = make_client(api.transport())
    leads = [
        {"phone_number": "+14155550100"},
        {"phone_number": "+14155550101", "priority": 0},
        {"phone_number": "not a phone"},
        {"phone_number": "+14155550100"},
        {"number": "+14155550102"},
    ]
    result = client.call("import_leads", 3, leads, gap=0)
    assert result.created == ["+14155550100"]
    assert result.rejected == ["not a phone"]
    assert result.duplicates == ["+14155550100"]
    assert [(i.index, i.reason) for i in result.invalid] == [
        (1, "leads[1].priority: 0 is below the minimum 1"),
        (4, "leads[4]: unknown field 'number'; the fields are phone_number, name, source, "
            "priority, active, context_headers"),
    ]  # fmt: skip
    assert result.invalid[1].lead == {"number": "+14155550102"}


def _accounted(error: LeadsImportError, total: int) -> int:
    done = error.result
    counted = len(done.created) + len(done.rejected) + len(done.duplicates) + len(done.invalid)
    return counted + len(error.unknown) + len(error.refused) + (total - error.consumed)


def test_a_chunk_whose_answer_is_lost_stops_the_import_and_accounts_for_every_lead(
    make_client: MakeClient,
) -> None:
    """The second chunk is applied, then the connection drops: it is not sent again,
    its leads are `unknown`, and the input after it was never read."""
    total = 3 * CHUNK
    api = FakeVoisoAPI(count=5)
    api.on_request = lambda fake, n: fake.fail_next("lost") if n == 2 else None
    client = make_client(api.transport())
    with pytest.raises(LeadsImportError) as caught:
        client.call("import_leads", 3, numbers(total), gap=0)
    error = caught.value
    assert isinstance(error, VoisoError)
    assert api.request_count == 2
    assert len(api.changes) == 2
    assert len(error.result.created) == CHUNK
    assert error.result.requests == 1
    assert [lead["phone_number"] for lead in error.unknown] == [
        lead["phone_number"] for lead in numbers(CHUNK, CHUNK)
    ]
    assert error.refused == []
    assert error.consumed == 2 * CHUNK
    assert _accounted(error, total) == total
    assert "outcome unknown" in str(error)
    assert "POST is not idempotent" in str(error.__cause__)


def test_a_chunk_the_api_refuses_is_refused_not_unknown(make_client: MakeClient) -> None:
    api = FakeVoisoAPI(count=5, import_processing=60.0)
    client = make_client(api.transport())
    client.call("add_leads", 3, leads=[{"phone_number": "+14155550999"}])
    with pytest.raises(LeadsImportError) as caught:
        client.call("import_leads", 3, numbers(5), gap=0)
    error = caught.value
    assert len(error.refused) == 5
    assert error.unknown == []
    assert error.consumed == 5
    assert "refused by the API" in str(error)
    assert "still processing" in str(error)
    assert _accounted(error, 5) == 5


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "message"),
    [
        ((0, []), {}, ValueError, "campaign_id must be >= 1, got 0"),
        ((3, {"phone_number": "+1"}), {}, TypeError, "leads must be an iterable of leads"),
        ((3, "+14155550100"), {}, TypeError, "leads must be an iterable of leads"),
        ((3, []), {"gap": -1}, ValueError, "gap must be"),
    ],
)
def test_bad_arguments_are_refused_before_anything_is_read_or_sent(
    make_client: MakeClient,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    error: type,
    message: str,
) -> None:
    api = FakeVoisoAPI(count=5)
    client = make_client(api.transport())
    with pytest.raises(error, match=message):
        client.call("import_leads", *args, **kwargs)
    assert api.request_count == 0


def test_one_leads_request_per_campaign_at_a_time_with_the_gap_across_threads(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two threads import into one campaign through one client; the fake refuses (409) a
    request arriving while the campaign's last import is processing. The client's gap
    (longer than that) keeps every request apart: no 409, and never two at once."""
    monkeypatch.setattr(_retry, "_no_waits", 0)  # the gap is waited here, for real
    api = FakeVoisoAPI(count=5, import_processing=0.02)
    in_flight = [0, 0]
    lock = threading.Lock()
    transport = api.transport()

    class Counting(type(transport)):  # type: ignore[misc]
        def handle_request(self, request: Any) -> Any:
            with lock:
                in_flight[0] += 1
                in_flight[1] = max(in_flight)
            try:
                return super().handle_request(request)
            finally:
                with lock:
                    in_flight[0] -= 1

    import httpx

    http = httpx.Client(transport=Counting(api))
    client = VoisoClient("test-key", cluster_id="cc", http_client=http)
    errors: list[BaseException] = []

    def run(start: int) -> None:
        try:
            client.campaigns.import_leads(3, numbers(2 * CHUNK, start), gap=0.03)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n * 10 * CHUNK,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert in_flight[1] == 1
    assert len(api.leads(3)) == 4 * CHUNK
    client.close()


def test_the_result_lists_are_compact_sequences_equal_to_lists() -> None:
    """Numbers are kept a chunk to a string (a million-lead import's result stays small),
    and still behave as the list of str the API answered: index, slice, iterate, compare,
    pickle, any text (a rejected "number" is whatever the input held)."""
    import pickle

    numbers_ = _leads.PhoneNumbers(["+1", "é 2"])
    numbers_._extend([])
    numbers_._extend(["+333", "", "x\n5"])
    expected = ["+1", "é 2", "+333", "", "x\n5"]
    assert numbers_ == expected
    assert expected == numbers_
    assert list(numbers_) == expected
    assert len(numbers_) == 5
    assert [numbers_[i] for i in range(-5, 5)] == expected * 2
    assert numbers_[1:4] == expected[1:4]
    assert numbers_[::-2] == expected[::-2]
    with pytest.raises(IndexError):
        numbers_[5]
    assert numbers_ != ["+1"]
    assert numbers_ != "+1é 2"
    assert pickle.loads(pickle.dumps(numbers_)) == expected
    assert "'x\\n5'" in repr(numbers_)
    assert LeadsImportResult(created=["+1"]).created == ["+1"]


def test_resuming_as_the_readme_says_over_a_real_connection_loses_and_doubles_nothing() -> None:
    """A loopback server applies the second chunk and drops the connection; resuming with
    unknown + refused + the unread input (the README's recipe) adds every lead once: the
    chunk that did arrive comes back as duplicates."""
    from itertools import chain, islice

    total = 3 * CHUNK
    api = FakeVoisoAPI(count=5)
    api.on_request = lambda fake, n: fake.fail_next("lost") if n == 2 else None
    with api.serve() as server, VoisoClient("test-key", base_url=server.base_url) as client:
        with pytest.raises(LeadsImportError) as caught:
            client.campaigns.import_leads(3, numbers(total), gap=0)
        exc = caught.value
        again = chain(exc.unknown, exc.refused, islice(numbers(total), exc.consumed, None))
        result = client.campaigns.import_leads(3, again, gap=0)
    assert api.request_count == 4  # 2 before the drop (none resent), 2 to resume
    assert len(api.changes) == 4
    assert list(result.duplicates) == [lead["phone_number"] for lead in exc.unknown]
    assert len(exc.result.created) + len(result.created) == total - CHUNK
    held = [lead["phone_number"] for lead in api.leads(3)]
    assert sorted(held) == sorted(lead["phone_number"] for lead in numbers(total))
