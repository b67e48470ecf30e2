"""Bad arguments raise before any request is sent, naming the argument and what is allowed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from voiso_campaigns import CampaignStatus, CampaignStrategy

from .conftest import PATHS, SPEC, MakeClient, Recorder, mypy_errors, page_body

PARAMS = {p["name"]: p["schema"] for p in PATHS["/api/v4/campaigns"]["get"]["parameters"]}
LOW, HIGH = PARAMS["limit"]["minimum"], PARAMS["limit"]["maximum"]
BOUNDS = f"from {LOW} to {HIGH}"

BAD_LIST_ARGS = [
    ({"page_size": LOW - 1}, ValueError, f"page_size must be {BOUNDS}"),
    ({"page_size": HIGH + 1}, ValueError, f"page_size must be {BOUNDS}"),
    ({"page_size": "10"}, TypeError, "page_size must be an int"),
    ({"page_size": True}, TypeError, "page_size must be an int"),
    ({"offset": -1}, ValueError, "offset must be >= 0"),
    ({"max_items": -1}, ValueError, "max_items must be >= 0"),
    ({"status": "actve"}, ValueError, r"status must be one of .*'active'.*did you mean 'active'"),
    ({"status": 3}, TypeError, "status must be a CampaignStatus"),
    (
        {"strategy": "fast"},
        ValueError,
        "strategy must be one of "
        + ", ".join(repr(s.value) for s in CampaignStrategy)
        + ", got 'fast'",
    ),
    ({"live": "yes"}, TypeError, "live must be True, False or None"),
    ({"live": 1}, TypeError, "live must be True, False or None"),
    ({"name": 5}, TypeError, "name must be a str"),
    ({"method": b"x"}, TypeError, "method must be a str"),
    ({"sttaus": "active"}, TypeError, r"list\(\) got an unexpected keyword argument 'sttaus'"),
    ({"extra_query": {"status": "x"}}, ValueError, "extra_query cannot set 'status'"),
    ({"extra_query": {"limit": 5}}, ValueError, "extra_query cannot set 'limit'"),
    (
        {"extra_query": {"sort": None}},
        TypeError,
        r"extra_query\['sort'\] must be a str, int or bool",
    ),
    ({"extra_query": [("sort", "id")]}, TypeError, "extra_query must be a mapping"),
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
        ({"limit": LOW - 1}, ValueError, f"limit must be {BOUNDS}"),
        ({"limit": HIGH + 1}, ValueError, f"limit must be {BOUNDS}"),
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
        "limit": str(PARAMS["limit"]["default"]),
        "offset": "0",
        "status": "auto_paused",
        "strategy": "predictive_ai",
        "live": "false",
        "name": "Süd",
        "method": "preview",
    }
    assert second == {"limit": "20", "offset": "40", "status": "draft", "live": "true"}
    assert first["limit"] == str(PARAMS["limit"]["default"])  # the default page size: the spec's


def test_extra_query_is_sent_as_is(make_client: MakeClient, recorder: Recorder) -> None:
    """A parameter the spec does not know yet goes through extra_query, on every page."""
    client = make_client(handler=recorder)
    client.list(extra_query={"zz_new_param": "x", "zz_flag": True, "zz_n": 3}, status="active")
    client.list_page(extra_query={"zz_new_param": "y"})
    first, second = recorder.params()
    assert first["zz_new_param"] == "x"
    assert first["zz_flag"] == "true"
    assert first["zz_n"] == "3"
    assert first["status"] == "active"
    assert second["zz_new_param"] == "y"


def test_every_filter_of_the_spec_is_accepted_and_sent(
    make_client: MakeClient, recorder: Recorder
) -> None:
    """Each filter parameter of the spec is a keyword of list() and list_page(), sent by name."""
    samples = {"string": "x", "boolean": True, "integer": 1, "number": 1.5}
    kwargs = {}
    for name, schema in PARAMS.items():
        if name in ("limit", "offset"):
            continue
        schema = (
            SPEC["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
            if "$ref" in schema
            else schema
        )
        kwargs[name] = schema["enum"][0] if "enum" in schema else samples[schema["type"]]
    client = make_client(handler=recorder)
    client.list(**kwargs)
    client.list_page(**kwargs)
    for sent in recorder.params():
        assert set(kwargs) <= set(sent)


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


STATIC = """
from voiso_campaigns import CampaignStatus, VoisoClient

client = VoisoClient("k", cluster_id="cc")
client.campaigns.list(status="active", live=True, name="x", page_size=10)
client.campaigns.list(status=CampaignStatus.ACTIVE, extra_query={"zz_new": 1})
client.campaigns.list(live="yes")
client.campaigns.list(sttaus="active")
client.campaigns.list_page(limit=5, strategy=3)
"""


def test_mypy_sees_every_filter_with_its_type(tmp_path: Path) -> None:
    """mypy --strict accepts good filters and names a wrong type or an unknown filter, by line."""
    source = tmp_path / "service.py"
    source.write_text(STATIC)
    errors = mypy_errors(source)
    assert [line.split(":")[1] for line in errors] == ["7", "8", "9"], errors
    assert '"live"' in errors[0]
    assert "sttaus" in errors[1]
    assert '"strategy"' in errors[2]
