"""The API key never shows: not in a repr, an exception, a log line at any level."""

from __future__ import annotations

import logging

import httpx
import pytest

from voiso_campaigns import VoisoClient, errors

from .conftest import MakeClient, Recorder, page_body

SECRET = "sk-live-7f3a9c-DO-NOT-LEAK"


def test_reprs_hide_the_key() -> None:
    """repr of the client, its settings, its auth and the raw client never contain the key."""
    with VoisoClient(SECRET, cluster_id="cc") as client:
        texts = [
            repr(client),
            str(client),
            repr(client._settings),
            repr(client.raw),
            repr(client._http.auth),
            repr(vars(client)),
        ]
    for text in texts:
        assert SECRET not in text
    assert "redacted" in repr(client)


def test_key_is_sent_as_bearer(make_client: MakeClient) -> None:
    """The key travels only in the Authorization header."""
    server = Recorder(lambda request: httpx.Response(200, json=page_body([1], 1)))
    client = make_client(handler=server)
    client.list()
    request = server.requests[0]
    assert request.headers["authorization"] == "Bearer test-key"
    assert "test-key" not in str(request.url)
    assert request.headers["user-agent"].startswith("voiso-campaigns/")
    assert request.headers["accept"] == "application/json"


def test_echoed_key_is_redacted_from_errors() -> None:
    """A server that echoes the key back does not put it in the exception."""
    body = f'{{"error": "key {SECRET} is not valid", "errors": {{"{SECRET}": ["{SECRET}"]}}}}'
    transport = httpx.MockTransport(lambda request: httpx.Response(401, content=body.encode()))
    with (
        VoisoClient(
            SECRET, cluster_id="cc", http_client=httpx.Client(transport=transport)
        ) as client,
        pytest.raises(errors.AuthenticationError) as info,
    ):
        client.campaigns.list_page()
    exc = info.value
    for text in (str(exc), repr(exc), exc.body, str(exc.message), str(exc.errors)):
        assert SECRET not in text
    assert "[REDACTED]" in exc.body


def test_echoed_key_is_redacted_from_validation_errors() -> None:
    """A malformed 200 body that contains the key does not leak it either."""
    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, content=f"oops {SECRET}".encode())
    )
    with (
        VoisoClient(
            SECRET, cluster_id="cc", http_client=httpx.Client(transport=transport)
        ) as client,
        pytest.raises(errors.ResponseValidationError) as info,
    ):
        client.campaigns.list_page()
    assert SECRET not in str(info.value)
    assert SECRET not in info.value.body


def test_no_log_line_carries_the_key(caplog: pytest.LogCaptureFixture) -> None:
    """With every logger at DEBUG (ours, httpx, httpcore, tenacity), through retries and errors."""
    answers = iter(
        [
            httpx.Response(503),
            httpx.Response(429, headers={"Retry-After": "0"}),
            httpx.Response(200, json=page_body([1], 1)),
            httpx.Response(401, json={"error": "no"}),
        ]
    )
    transport = httpx.MockTransport(lambda request: next(answers))
    with (
        caplog.at_level(logging.DEBUG),
        VoisoClient(
            SECRET, cluster_id="cc", http_client=httpx.Client(transport=transport)
        ) as client,
    ):
        assert len(list(client.campaigns.list())) == 1
        with pytest.raises(errors.AuthenticationError):
            client.campaigns.list_page()
    assert "GET /api/v4/campaigns?limit=100&offset=0 -> 503 (attempt 1" in caplog.text
    assert SECRET not in caplog.text
    for record in caplog.records:
        assert SECRET not in repr(record.__dict__)


def test_bad_key_message_does_not_echo_it() -> None:
    """Even a malformed key is not repeated in the configuration error."""
    with pytest.raises(errors.ConfigurationError) as info:
        VoisoClient("secret with space", cluster_id="cc")
    assert "secret with space" not in str(info.value)
