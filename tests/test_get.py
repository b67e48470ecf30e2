"""One campaign by id: client.campaigns.get() on both clients, client.raw, the fake and the CLI."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from voiso_campaigns import Campaign, VoisoClient, _cli, _output, errors
from voiso_campaigns.testing import FakeVoisoAPI
from voiso_campaigns_client.api.campaigns import get_campaign
from voiso_campaigns_client.models import CampaignEnvelope

from .conftest import KEY, PATHS, MakeClient, Recorder, campaign

NEW_FIELDS = ("dial_level_override", "use_local_caller_id", "asr_optimization_enabled")


def test_get_equals_the_listed_campaign(make_client: MakeClient) -> None:
    """A listing and get() of the same campaign give equal Campaign objects, new fields included."""
    client = make_client(FakeVoisoAPI(count=40).transport())
    listed = {c.id: c for c in client.list()}
    for campaign_id in (1, 7, 40):
        got = client.get(campaign_id)
        assert isinstance(got, Campaign)
        assert got == listed[campaign_id]
        assert got.additional_properties == {}  # every field is typed, none unknown
    with_override = [c for c in listed.values() if c.dial_level_override]
    assert with_override, "the fake serves the new object field"
    assert isinstance(with_override[0].dial_level_override.value, int | float)  # type: ignore[union-attr]
    assert {type(c.use_local_caller_id) for c in listed.values()} == {bool, type(None)}


def test_the_new_fields_are_in_the_spec_example_and_parse() -> None:
    """The vendor's example validates against the envelope and carries the three new fields."""
    example = PATHS["/api/v4/campaigns/{campaign_id}"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["example"]
    parsed = CampaignEnvelope.from_dict(example).campaign
    assert parsed.dial_level_override.active_agents_threshold == 3  # type: ignore[union-attr]
    assert (parsed.use_local_caller_id, parsed.asr_optimization_enabled) == (True, False)
    assert set(NEW_FIELDS) <= set(example["campaign"])


@pytest.mark.parametrize("bad", [0, -1, "3", True, 1.5, None])
def test_a_bad_id_is_refused_before_any_request(make_client: MakeClient, bad: Any) -> None:
    """0, -1, "3", True... raise TypeError/ValueError naming campaign_id; nothing is sent."""
    recorder = Recorder(lambda r: httpx.Response(200, json={"campaign": campaign(1)}))
    client = make_client(handler=recorder)
    with pytest.raises((TypeError, ValueError), match="campaign_id must be"):
        client.get(bad)
    assert recorder.requests == []


@pytest.mark.parametrize(
    ("fake", "key", "campaign_id", "cls"),
    [
        ({}, "wrong-key", 1, errors.AuthenticationError),
        ({"api_keys": {"weak": []}}, "weak", 1, errors.PermissionDeniedError),
        ({"count": 5}, KEY, 6, errors.NotFoundError),
        ({"failures": [429]}, KEY, 1, errors.RateLimitError),
        ({"failures": [500]}, KEY, 1, errors.ServerError),
        ({"failures": ["reset"]}, KEY, 1, errors.APIConnectionError),
    ],
)
def test_each_failure_is_its_typed_error(
    make_client: MakeClient, fake: dict[str, Any], key: str, campaign_id: int, cls: type
) -> None:
    """Through the same transport, retries and error mapping as list()."""
    api = FakeVoisoAPI(**fake)
    client = make_client(api.transport(), key=key, max_retries=0)
    with pytest.raises(cls) as info:
        client.get(campaign_id)
    if cls is errors.NotFoundError:
        assert info.value.message == "Not found"  # type: ignore[attr-defined]
    assert api.requests[-1].path == f"/api/v4/campaigns/{campaign_id}"


def test_get_is_retried_like_list(make_client: MakeClient) -> None:
    """A 503 then the campaign: one retry, the campaign returned."""
    api = FakeVoisoAPI(count=3, failures=[503])
    client = make_client(api.transport(), max_retries=2)
    assert client.get(2).id == 2
    assert api.request_count == 2


@pytest.mark.parametrize(
    "body", [b"not json", b"[" * 100, json.dumps({"campaign": {"id": "x"}}).encode(), b"{}"]
)
def test_a_bad_body_is_a_response_validation_error(make_client: MakeClient, body: bytes) -> None:
    """Whatever a 200 holds that is not the envelope becomes ResponseValidationError."""
    client = make_client(handler=lambda r: httpx.Response(200, content=body))
    with pytest.raises(errors.ResponseValidationError, match="CampaignEnvelope"):
        client.get(1)


def test_an_echoed_key_is_redacted_from_a_404() -> None:
    """A server that echoes the key in its error body never puts it in the exception."""
    handler = lambda r: httpx.Response(404, json={"error": f"no campaign for {KEY}"})  # noqa: E731
    with (
        VoisoClient(
            KEY, cluster_id="cc", http_client=httpx.Client(transport=httpx.MockTransport(handler))
        ) as client,
        pytest.raises(errors.NotFoundError) as info,
    ):
        client.campaigns.get(1)
    assert KEY not in str(info.value)
    assert KEY not in repr(info.value.body)


def test_raw_reaches_the_generated_function() -> None:
    """client.raw calls the generated get_campaign with the wrapper's auth and pool."""
    fake = FakeVoisoAPI(count=5)
    http = httpx.Client(transport=fake.transport())
    with VoisoClient(KEY, cluster_id="cc", http_client=http) as client:
        parsed = get_campaign.sync(client=client.raw, campaign_id=4)
        assert isinstance(parsed, CampaignEnvelope)
        assert parsed.campaign == client.campaigns.get(4)


def test_the_fake_answers_get_as_the_spec_says() -> None:
    """200 with the envelope, 404 for a missing or malformed id, auth first, faults and log."""
    api = FakeVoisoAPI(count=3, failures=[503])
    auth = {"authorization": f"Bearer {KEY}"}
    assert api.handle("GET", "/api/v4/campaigns/1", auth).status == 503
    reply = api.handle("GET", "/api/v4/campaigns/2", auth)
    assert json.loads(reply.body) == {"campaign": api.campaigns()[1]}
    for missing in ("4", "0", "abc"):
        reply = api.handle("GET", f"/api/v4/campaigns/{missing}", auth)
        assert (reply.status, json.loads(reply.body)) == (404, {"error": "Not found"})
    assert api.handle("GET", "/api/v4/campaigns/2", {}).status == 401
    assert [r.path for r in api.requests][-1] == "/api/v4/campaigns/2"
    api.insert(campaign(77))
    assert json.loads(api.handle("GET", "/api/v4/campaigns/77", auth).body)["campaign"]["id"] == 77


def run_cli(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    monkeypatch.setenv("VOISO_API_KEY", KEY)
    code = _cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_get(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """json is the API's JSON of the campaign; table is field/value; 404 is exit 5, one line."""
    api = FakeVoisoAPI(count=10)
    with api.serve() as server:
        code, out, err = run_cli(
            ["get", "7", "--base-url", server.base_url, "--format", "json"], monkeypatch, capsys
        )
        assert (code, err) == (0, "")
        assert json.loads(out) == api.campaigns()[6]
        code, out, _ = run_cli(
            ["get", "7", "--base-url", server.base_url, "--format", "table"], monkeypatch, capsys
        )
        lines = out.splitlines()
        assert lines[0].split() == ["field", "value"]
        assert [line.split()[0] for line in lines[1:]] == [
            name for name, _ in _output.csv_columns()
        ]
        assert any(line.startswith("use_local_caller_id") for line in lines)
        code, out, err = run_cli(["get", "11", "--base-url", server.base_url], monkeypatch, capsys)
        assert (code, out) == (_cli.EXIT_NOT_FOUND, "")
        assert err == "voiso-campaigns: error: no campaign with id 11\n"
    with pytest.raises(SystemExit) as info:
        _cli.main(["get", "0", "--base-url", "http://127.0.0.1:9"])
    assert info.value.code == _cli.EXIT_USAGE


def test_cli_list_fields_show_new_fields(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--fields picks any spec-derived column for table and csv; an unknown one is a usage error."""
    api = FakeVoisoAPI(count=12)
    fields = "id,use_local_caller_id,dial_level_override.active_agents_threshold"
    with api.serve() as server:
        code, out, _ = run_cli(
            ["list", "--base-url", server.base_url, "--format", "table", "--fields", fields],
            monkeypatch,
            capsys,
        )
        assert code == 0
        assert out.splitlines()[0].split() == fields.split(",")
        assert len(out.splitlines()) == 13
        code, out, _ = run_cli(
            ["list", "--base-url", server.base_url, "--format", "csv", "--fields", fields],
            monkeypatch,
            capsys,
        )
        assert out.splitlines()[0] == fields
        code, _, err = run_cli(
            ["list", "--base-url", server.base_url, "--fields", "id,zz_nope"], monkeypatch, capsys
        )
        assert code == _cli.EXIT_USAGE
        assert "zz_nope" in err
