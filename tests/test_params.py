"""Bad arguments raise before any request is sent, naming the argument and what is allowed."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from voiso_campaigns import CampaignStatus

from .conftest import MakeClient, Recorder, page_body

BAD_LIST_ARGS = [
    ({"page_size": 0}, ValueError, "page_size must be from 1 to 100"),
    ({"page_size": 101}, ValueError, "page_size must be from 1 to 100"),
    ({"page_size": "10"}, TypeError, "page_size must be an int"),
    ({"page_size": True}, TypeError, "page_size must be an int"),
    ({"offset": -1}, ValueError, "offset must be >= 0"),
    ({"max_items": -1}, ValueError, "max_items must be >= 0"),
    ({"status": "actve"}, ValueError, r"status must be one of .*'active'.*did you mean 'active'"),
    ({"status": 3}, TypeError, "status must be a CampaignStatus"),
    (
        {"strategy": "fast"},
        ValueError,
        "strategy must be one of 'predictive_ai', 'simple', got 'fast'",
    ),
    ({"live": "yes"}, TypeError, "live must be True, False or None"),
    ({"live": 1}, TypeError, "live must be True, False or None"),
    ({"name": 5}, TypeError, "name must be a str"),
    ({"method": b"x"}, TypeError, "method must be a str"),
]


@pytest.fixture
def recorder() -> Recorder:
    return Recorder(lambda request: httpx.Response(200, json=page_body([1], 1)))


@pytest.mark.parametrize(("kwargs", "exc", "message"), BAD_LIST_ARGS)
def test_bad_list_arguments(
    make_client: MakeClient, recorder: Recorder, kwargs: dict[str, Any], exc: type, message: str
) -> None:
    """list() refuses the argument at call time and sends nothing."""
    client = make_client(handler=recorder)
    with pytest.raises(exc, match=message):
        client.client.campaigns.list(**kwargs)
    assert recorder.requests == []


@pytest.mark.parametrize(
    ("kwargs", "exc", "message"),
    [
        ({"limit": 0}, ValueError, "limit must be from 1 to 100"),
        ({"limit": 101}, ValueError, "limit must be from 1 to 100"),
        ({"offset": -5}, ValueError, "offset must be >= 0"),
        ({"status": "actve"}, ValueError, "status must be one of"),
        ({"live": "no"}, TypeError, "live must be"),
    ],
)
def test_bad_list_page_arguments(
    make_client: MakeClient, recorder: Recorder, kwargs: dict[str, Any], exc: type, message: str
) -> None:
    """list_page() refuses bad arguments and sends nothing."""
    client = make_client(handler=recorder)
    with pytest.raises(exc, match=message):
        client.list_page(**kwargs)
    assert recorder.requests == []


def test_enum_or_string_filters_are_sent(make_client: MakeClient, recorder: Recorder) -> None:
    """status/strategy accept the enum or its value; live is sent as true/false."""
    client = make_client(handler=recorder)
    client.list(
        status=CampaignStatus.AUTO_PAUSED,
        strategy="predictive_ai",
        live=False,
        name="Süd",
        method="preview",
    )
    client.list_page(status="draft", live=True, limit=20, offset=40)
    first, second = recorder.params()
    assert first == {
        "limit": "100", "offset": "0", "status": "auto_paused", "strategy": "predictive_ai",
        "live": "false", "name": "Süd", "method": "preview",
    }  # fmt: skip
    assert second == {"limit": "20", "offset": "40", "status": "draft", "live": "true"}


def test_list_is_lazy(make_client: MakeClient, recorder: Recorder) -> None:
    """Nothing is fetched before iteration starts."""
    client = make_client(handler=recorder)
    client.client.campaigns.list()
    assert recorder.requests == []
    assert len(client.list()) == 1
    assert len(recorder.requests) == 1


def test_max_items_zero_sends_nothing(make_client: MakeClient, recorder: Recorder) -> None:
    """max_items=0 yields nothing without a request."""
    client = make_client(handler=recorder)
    assert client.list(max_items=0) == []
    assert recorder.requests == []
