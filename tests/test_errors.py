"""Every non-2xx answer and every transport failure becomes the package's own typed error."""

from __future__ import annotations

import email.utils
import json
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from voiso_campaigns import errors
from voiso_campaigns._error_mapping import error_class_for_status
from voiso_campaigns._retry import (
    BACKOFF_BASE,
    BACKOFF_CAP,
    RETRY_AFTER_CAP,
    backoff,
    is_retryable_status,
    retry_delay,
)
from voiso_campaigns.errors import parse_retry_after

from .conftest import PATHS, MakeClient, Recorder, page_body


def answer_with(
    status: int, body: object = None, headers: dict[str, str] | None = None
) -> Recorder:
    content = (
        body if isinstance(body, bytes) else json.dumps(body).encode() if body is not None else b""
    )
    return Recorder(lambda request: httpx.Response(status, content=content, headers=headers))


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, errors.BadRequestError),
        (401, errors.AuthenticationError),
        (403, errors.PermissionDeniedError),
        (404, errors.NotFoundError),
        (409, errors.ConflictError),
        (422, errors.UnprocessableEntityError),
        (429, errors.RateLimitError),
        (499, errors.APIStatusError),
        (500, errors.ServerError),
        (503, errors.ServerError),
        (520, errors.ServerError),
        (599, errors.ServerError),
    ],
)
def test_status_maps_to_its_class(make_client: MakeClient, status: int, cls: type) -> None:
    """Each status raises its class with status_code, message and body kept."""
    server = answer_with(status, {"error": "Something"})
    client = make_client(handler=server, max_retries=0)
    with pytest.raises(errors.APIStatusError) as info:
        client.list_page()
    assert type(info.value) is cls
    assert info.value.status_code == status
    assert info.value.message == "Something"
    assert info.value.body == '{"error": "Something"}'
    assert len(server.requests) == 1


def test_every_error_status_in_the_spec_has_a_class() -> None:
    """Each documented 4xx maps to a dedicated subclass, not the generic one."""
    documented = [
        int(status)
        for item in PATHS.values()
        for op in item.values()
        for status in op["responses"]
        if status[0] == "4"
    ]
    assert 404 in documented
    for status in documented:
        assert error_class_for_status(status) is not errors.APIStatusError, status


def test_validation_errors_body(make_client: MakeClient) -> None:
    """A 422 keeps the field map of {"errors": {...}}."""
    client = make_client(handler=answer_with(422, {"errors": {"limit": ["too big"]}}))
    with pytest.raises(errors.UnprocessableEntityError) as info:
        client.list_page()
    assert info.value.errors == {"limit": ["too big"]}
    assert "too big" in str(info.value)


def test_non_json_error_body_keeps_the_text(make_client: MakeClient) -> None:
    """An HTML 520 from a proxy still becomes ServerError with the (truncated) body."""
    html = b"<html>" + b"x" * 5000 + b"</html>"
    client = make_client(handler=answer_with(520, html), max_retries=0)
    with pytest.raises(errors.ServerError) as info:
        client.list_page()
    assert info.value.status_code == 520
    assert info.value.body.startswith("<html>")
    assert len(info.value.body) == 2000


def test_redirects_are_not_followed(make_client: MakeClient) -> None:
    """A 3xx raises APIStatusError: the bearer token is never sent to another host."""
    server = answer_with(302, None, {"Location": "https://evil.example/steal"})
    client = make_client(handler=server)
    with pytest.raises(errors.APIStatusError) as info:
        client.list_page()
    assert info.value.status_code == 302
    assert [r.url.host for r in server.requests] == ["cc.voiso.com"]


@pytest.mark.parametrize(
    ("exc", "cls"),
    [
        (httpx.ConnectError("refused"), errors.APIConnectionError),
        (httpx.ReadTimeout("slow"), errors.APITimeoutError),
        (httpx.ConnectTimeout("slow"), errors.APITimeoutError),
        (httpx.RemoteProtocolError("reset"), errors.APIConnectionError),
    ],
)
def test_transport_failures_are_retried_then_typed(
    make_client: MakeClient, exc: Exception, cls: type
) -> None:
    """Connection failures and timeouts are retried max_retries times, then raise their class."""

    def fail(request: httpx.Request) -> httpx.Response:
        raise exc

    server = Recorder(fail)
    client = make_client(handler=server, max_retries=2)
    with pytest.raises(cls):
        client.list_page()
    assert len(server.requests) == 3


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504, 520])
def test_retryable_statuses_recover(make_client: MakeClient, status: int) -> None:
    """A retryable status followed by success gives the result."""
    answers = iter([httpx.Response(status), httpx.Response(200, json=page_body([1], 1))])
    server = Recorder(lambda request: next(answers))
    client = make_client(handler=server)
    assert [c.id for c in client.list()] == [1]
    assert len(server.requests) == 2


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_client_errors_are_not_retried(make_client: MakeClient, status: int) -> None:
    """Other 4xx are final on the first answer."""
    server = answer_with(status, {"error": "no"})
    client = make_client(handler=server, max_retries=5)
    with pytest.raises(errors.APIStatusError):
        client.list_page()
    assert len(server.requests) == 1


def test_retry_exhaustion_raises_the_last_error(make_client: MakeClient) -> None:
    """After max_retries retries the typed error of the last answer is raised."""
    server = answer_with(429, {"error": "Too many requests"}, {"Retry-After": "2"})
    client = make_client(handler=server, max_retries=3)
    with pytest.raises(errors.RateLimitError) as info:
        client.list_page()
    assert info.value.retry_after == 2.0
    assert len(server.requests) == 4


def test_retry_after_beyond_the_cap_is_not_waited_for(make_client: MakeClient) -> None:
    """A Retry-After over 60 s ends the retries at once with RateLimitError."""
    server = answer_with(429, {"error": "Too many requests"}, {"Retry-After": "3600"})
    client = make_client(handler=server, max_retries=3)
    with pytest.raises(errors.RateLimitError) as info:
        client.list_page()
    assert info.value.retry_after == 3600.0
    assert len(server.requests) == 1


# --- the policy functions alone ----------------------------------------------------


def test_parse_retry_after_both_forms() -> None:
    """Delta-seconds and HTTP-date are understood; garbage is None."""
    now = datetime(2026, 11, 26, 12, 0, 0, tzinfo=UTC)
    assert parse_retry_after("7") == 7.0
    assert parse_retry_after(" 0 ") == 0.0
    date = email.utils.format_datetime(now + timedelta(seconds=30), usegmt=True)
    assert parse_retry_after(date, now=now) == 30.0
    past = email.utils.format_datetime(now - timedelta(seconds=30), usegmt=True)
    assert parse_retry_after(past, now=now) == 0.0
    assert parse_retry_after("soon") is None
    assert parse_retry_after("-1") is None
    assert parse_retry_after(None) is None


def test_retry_delay_decisions() -> None:
    """Retry-After is honoured up to the cap; without it, backoff; non-retryable is final."""

    def response(status: int, retry_after: str | None = None) -> httpx.Response:
        return httpx.Response(status, headers={"Retry-After": retry_after} if retry_after else None)

    assert retry_delay(1, response(429, "5")) == 5.0
    assert retry_delay(1, response(503, str(int(RETRY_AFTER_CAP)))) == RETRY_AFTER_CAP
    assert retry_delay(1, response(503, str(int(RETRY_AFTER_CAP) + 1))) is None
    assert retry_delay(1, response(404)) is None
    assert 0 <= retry_delay(1, response(500)) <= BACKOFF_BASE  # type: ignore[operator]
    assert is_retryable_status(520)
    assert is_retryable_status(408)
    assert not is_retryable_status(501 - 100)


def test_backoff_is_full_jitter_under_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    """Backoff draws uniformly from [0, min(cap, base * 2**(n-1))]."""
    monkeypatch.setattr("random.uniform", lambda low, high: high)
    assert [backoff(n) for n in range(1, 7)] == [0.5, 1.0, 2.0, 4.0, 8.0, BACKOFF_CAP]
    monkeypatch.setattr("random.uniform", lambda low, high: low)
    assert backoff(3) == 0.0


def test_the_loop_waits_the_delay_our_policy_computed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside no_waits(), a 429's Retry-After is waited, exactly, once; the last attempt
    schedules no wait."""
    import time

    from voiso_campaigns import VoisoClient, _retry

    monkeypatch.setattr(_retry, "_no_waits", 0)  # the autouse fixture's no_waits(), undone
    slept: list[float] = []
    monkeypatch.setattr(time, "sleep", slept.append)
    answers = iter([httpx.Response(429, headers={"Retry-After": "7"}), httpx.Response(429)])
    http = httpx.Client(transport=httpx.MockTransport(lambda request: next(answers)))
    with VoisoClient("k", cluster_id="cc", max_retries=1, http_client=http) as client:
        with pytest.raises(errors.RateLimitError):
            client.campaigns.get(1)
    assert slept == [7.0]
