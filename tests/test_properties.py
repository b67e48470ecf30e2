"""Property tests: hostile bodies only ever raise ResponseValidationError; paging loses nothing."""

from __future__ import annotations

import contextlib
import json
from typing import Any

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voiso_campaigns import ResponseValidationError, _spec
from voiso_campaigns.testing import FakeVoisoAPI

from .conftest import MakeClient, campaign

# make_client only builds fresh clients per call: sharing it across examples is safe.
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)
CAMPAIGN_KEYS = sorted(_spec.component("Campaign")["properties"])


@st.composite
def near_valid_bodies(draw: st.DrawFn) -> dict[str, Any]:
    """A valid page with some fields replaced by arbitrary JSON."""
    campaigns = [campaign(i) for i in range(1, draw(st.integers(0, 3)) + 1)]
    for item in campaigns:
        for key in draw(st.lists(st.sampled_from(CAMPAIGN_KEYS), max_size=3)):
            item[key] = draw(JSON)
    body: dict[str, Any] = {"campaigns": campaigns, "metadata": {"total": len(campaigns)}}
    if draw(st.booleans()):
        body[draw(st.sampled_from(["campaigns", "metadata"]))] = draw(JSON)
    return body


def _only_validation_errors(make_client: MakeClient, content: bytes) -> None:
    client = make_client(handler=lambda request: httpx.Response(200, content=content))
    with contextlib.suppress(ResponseValidationError):
        client.list_page()


@SETTINGS
@given(body=JSON)
def test_arbitrary_json_bodies(make_client: MakeClient, body: object) -> None:
    """Any JSON document on a 200 parses or raises ResponseValidationError, nothing else."""
    _only_validation_errors(make_client, json.dumps(body).encode())


@SETTINGS
@given(body=near_valid_bodies())
def test_near_valid_bodies(make_client: MakeClient, body: dict[str, Any]) -> None:
    """Valid pages with arbitrary values in arbitrary fields never raise a stray exception."""
    _only_validation_errors(make_client, json.dumps(body).encode())


@SETTINGS
@given(content=st.binary(max_size=64))
def test_arbitrary_bytes(make_client: MakeClient, content: bytes) -> None:
    """Non-JSON bodies (bytes, broken UTF-8) are ResponseValidationError too."""
    _only_validation_errors(make_client, content)


@SETTINGS
@given(
    ids=st.lists(st.integers(min_value=-(2**40), max_value=2**40), unique=True, max_size=120),
    page_size=st.integers(1, 100),
    concurrency=st.integers(1, 6),
    offset=st.integers(0, 10),
)
def test_every_id_exactly_once(
    make_client: MakeClient, ids: list[int], page_size: int, concurrency: int, offset: int
) -> None:
    """Any set of campaigns, any page size and concurrency: every id from offset on, once, in order."""
    api = FakeVoisoAPI([campaign(i) for i in ids])
    client = make_client(api.transport(), max_concurrency=concurrency)
    got = [c.id for c in client.list(page_size=page_size, offset=offset)]
    assert got == sorted(ids)[offset:]
