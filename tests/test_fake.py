"""The fake API: its semantics, its faults, and its conformance to the spec."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from voiso_campaigns import CampaignStatus, CampaignStrategy, VoisoClient
from voiso_campaigns.testing import FakeVoisoAPI, generate_campaign

from .conftest import PATHS, SPEC_PATH, MakeClient, campaign

SPEC = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
OPERATION = PATHS["/api/v4/campaigns"]["get"]
ENUM_VALUES = [
    value for schema in SPEC["components"]["schemas"].values() for value in schema.get("enum", [])
]


def response_validator(status: int) -> jsonschema.Draft202012Validator:
    """The JSON Schema the spec documents for *status* (or its default)."""
    response = OPERATION["responses"].get(str(status), OPERATION["responses"]["default"])
    schema = {**response["content"]["application/json"]["schema"], "components": SPEC["components"]}
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


def get(api: FakeVoisoAPI, query: str = "", key: str | None = "test-key") -> tuple[int, Any]:
    headers = {"authorization": f"Bearer {key}"} if key else {}
    reply = api.handle("GET", f"/api/v4/campaigns{query}", headers)
    return reply.status, json.loads(reply.body)


def test_generated_data_is_realistic() -> None:
    """Every status and strategy occurs; null features, several caller-ID sets, non-ASCII names."""
    data = FakeVoisoAPI().campaigns()
    assert len(data) == 250
    assert [c["id"] for c in data] == list(range(1, 251))
    assert set(Counter(c["status"] for c in data)) == {s.value for s in CampaignStatus}
    assert {c["strategy"] for c in data} == {s.value for s in CampaignStrategy}
    assert any(c["amd_voicemail_message"] is None for c in data)
    assert any(c["caller_id_sets"] is None for c in data)
    assert any(c["caller_id_sets"] and len(c["caller_id_sets"]) > 1 for c in data)
    assert any(not c["name"].isascii() for c in data)
    assert all(c["created_at"].endswith("Z") and len(c["created_at"]) == 24 for c in data)
    assert FakeVoisoAPI(seed=1).campaigns() != data
    assert FakeVoisoAPI(seed=0).campaigns() == data  # deterministic per seed


def test_every_generated_campaign_matches_the_schema() -> None:
    """The whole default data set validates against the spec's CampaignList."""
    status, body = get(FakeVoisoAPI(count=250), "?limit=100&offset=0")
    assert status == 200
    response_validator(200).validate(body)


@pytest.mark.parametrize(
    ("key", "scopes", "status", "message"),
    [
        (None, None, 401, "Unauthorized"),
        ("wrong", None, 401, "Unauthorized"),
        ("weak", {"weak": set()}, 403, "Forbidden"),
    ],
)
def test_authentication(
    key: str | None, scopes: dict[str, set[str]] | None, status: int, message: str
) -> None:
    """401 for a missing or unknown key, 403 for a key without campaigns.read."""
    api = FakeVoisoAPI(api_keys=scopes) if scopes else FakeVoisoAPI()
    assert get(api, key=key) == (status, {"error": message})
    response_validator(status).validate({"error": message})


@pytest.mark.parametrize(
    "query",
    ["?limit=0", "?limit=101", "?limit=-1", "?limit=abc", "?offset=-1", "?offset=1.5", "?limit="],
)
def test_bad_limit_and_offset(query: str) -> None:
    """limit 0, 101, negative or non-numeric, and bad offsets are 400 Bad Request."""
    assert get(FakeVoisoAPI(), query) == (400, {"error": "Bad Request"})


def test_bad_filters_are_validation_errors() -> None:
    """An unknown status or a non-boolean live is a 422 with the errors body."""
    status, body = get(FakeVoisoAPI(), "?status=nope&live=maybe")
    assert status == 422
    assert set(body["errors"]) == {"status", "live"}
    response_validator(422).validate(body)


def test_filters_and_total() -> None:
    """Filters combine; name is a case-insensitive partial match; total counts after filtering."""
    # Fields a campaign here lacks would be filled from the spec: the filtered ones are given.
    api = FakeVoisoAPI(
        [
            campaign(1, name="Summer Outreach", status="active", live=False, method="x"),
            campaign(2, name="summer sale", status="paused", live=True, method="x"),
            campaign(3, name="Winter", status="active", method="preview", live=False),
        ]
    )
    assert get(api, "?name=SUMMER")[1]["metadata"]["total"] == 2
    _, body = get(api, "?name=summer&status=active")
    assert [c["id"] for c in body["campaigns"]] == [1]
    assert [c["id"] for c in get(api, "?live=true")[1]["campaigns"]] == [2]
    assert [c["id"] for c in get(api, "?method=preview")[1]["campaigns"]] == [3]
    _, body = get(api, "?status=active&limit=1&offset=1")
    assert [c["id"] for c in body["campaigns"]] == [3]
    assert body["metadata"]["total"] == 2


def test_scripted_failures_and_rate_limit() -> None:
    """Scripted statuses come first, in order; the rate limit answers 429 with Retry-After."""
    api = FakeVoisoAPI(failures=[503, 429], rate_limit=2, rate_limit_window=60)
    assert get(api)[0] == 503
    reply = api.handle("GET", "/api/v4/campaigns", {"authorization": "Bearer test-key"})
    assert reply.status == 429
    assert dict(reply.headers)["Retry-After"] == "1"
    assert [get(api)[0] for _ in range(3)] == [200, 200, 429]
    assert api.rate_limited_count == 1
    with pytest.raises(ValueError, match="a failure is a status"):
        api.fail_next(200)


def test_reset_drops_the_connection(make_client: MakeClient) -> None:
    """'reset' is a dropped connection: the client retries and gets through."""
    api = FakeVoisoAPI(count=3, failures=["reset", "reset"])
    client = make_client(api.transport())
    assert len(client.list()) == 3
    assert api.request_count == 3


def test_large_data_set_costs_no_memory_until_touched() -> None:
    """A 100,000-campaign fake makes pages on demand and stays consistent with a materialized one."""
    api = FakeVoisoAPI(count=100_000)
    assert api._campaigns is None
    _, body = get(api, "?limit=2&offset=99998")
    assert [c["id"] for c in body["campaigns"]] == [99999, 100000]
    assert body["campaigns"][0] == generate_campaign(0, 99998)
    assert api._campaigns is None


def test_served_over_http_concurrently() -> None:
    """fake.serve() answers real HTTP on loopback, several requests at once."""
    api = FakeVoisoAPI(count=1000, latency=0.02)
    with (
        api.serve() as server,
        VoisoClient("test-key", base_url=server.base_url, max_concurrency=4) as client,
    ):
        assert server.base_url.startswith("http://127.0.0.1:")
        assert [c.id for c in client.campaigns.list()] == list(range(1, 1001))
        other = httpx.get(server.base_url + "/nope", headers={"authorization": "Bearer test-key"})
        assert (other.status_code, other.json()) == (404, {"error": "Not found"})
    assert api.max_in_flight > 1


def test_serve_refuses_non_loopback_hosts() -> None:
    """The fake accepts a well-known key: it never listens beyond loopback."""
    with pytest.raises(ValueError, match="loopback"):
        FakeVoisoAPI().serve(host="0.0.0.0")


# --- conformance to the spec -------------------------------------------------------


def test_schemathesis_runs_every_operation_against_the_served_fake(tmp_path: Path) -> None:
    """schemathesis' own engine, every operation of the spec and every phase (coverage:
    each boundary and undeclared method; fuzzing; stateful: the links it infers, e.g.
    add a user then remove it) and every check: status codes, headers and bodies that
    conform, valid bodies accepted and invalid ones refused, 405 with Allow, auth.
    Bounded by a fixed seed and example count so that `make test` stays fast."""
    operations = sum(
        method in item for item in SPEC["paths"].values() for method in ("get", "post", "delete")
    )
    api = FakeVoisoAPI(count=20, seed=3)
    with api.serve() as server:
        result = subprocess.run(
            [
                str(Path(sys.executable).parent / "schemathesis"), "run", str(SPEC_PATH),
                "--url", server.base_url, "--header", "Authorization: Bearer test-key",
                "--phases", "coverage,fuzzing,stateful", "--checks", "all",
                "--max-examples", "25", "--seed", "7", "--workers", "2",
                "--generation-database", "none", "--no-color",
            ],
            capture_output=True, text=True, cwd=tmp_path, check=False, timeout=600,
        )  # fmt: skip
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    assert f"Selected: {operations}/{operations}" in report, report
    for phase in ("Coverage", "Fuzzing", "Stateful"):
        assert f"✅ {phase}" in report, report
    assert {r.method for r in api.requests} >= {"GET", "POST", "DELETE", "PUT", "TRACE"}


@settings(max_examples=150, deadline=None)
@given(
    query=st.dictionaries(
        st.sampled_from([p["name"] for p in OPERATION["parameters"]] + ["zz_unknown_param"]),
        st.one_of(
            st.integers(-5, 150).map(str),
            st.sampled_from([*ENUM_VALUES, "true", "false", "", "é"]),
            st.text(max_size=4),
        ),
    ),
    key=st.sampled_from(["test-key", "weak", "nope", None]),
    failure=st.sampled_from([None, 429, 500, 503]),
)
def test_every_fake_response_validates(
    query: dict[str, str], key: str | None, failure: int | None
) -> None:
    """Whatever the fake answers (any query, key, fault) matches the spec's schema for that status."""
    api = FakeVoisoAPI(count=30, api_keys={"test-key": {"campaigns.read"}, "weak": set()})
    if failure:
        api.fail_next(failure)
    target = "/api/v4/campaigns?" + str(httpx.QueryParams(query))
    reply = api.handle("GET", target, {"authorization": f"Bearer {key}"} if key else {})
    documented = set(OPERATION["responses"])
    assert str(reply.status) in documented or reply.status >= 500
    response_validator(reply.status).validate(json.loads(reply.body))


# --- the pytest plugin, from outside this repository's tests ------------------------


def test_voiso_fake_fixture_in_a_throwaway_project(tmp_path: Path) -> None:
    """A test file anywhere gets the voiso_fake fixture from the installed entry point."""
    (tmp_path / "test_downstream.py").write_text(
        textwrap.dedent("""
        from voiso_campaigns import AuthenticationError, VoisoClient

        def test_lists_from_the_fake(voiso_fake):
            assert len(list(voiso_fake.client.campaigns.list())) == 250
            assert voiso_fake.api.request_count == 3

        def test_wrong_key(voiso_fake):
            import pytest
            with VoisoClient("nope", base_url=voiso_fake.base_url) as client:
                with pytest.raises(AuthenticationError):
                    client.campaigns.list_page()
    """)
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


# --- driven by the spec -----------------------------------------------------------------


def _closed(node: Any) -> Any:
    """The schema with open enums closed and no extra properties allowed: what the fake may send."""
    if isinstance(node, list):
        return [_closed(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _closed(value) for key, value in node.items()}
    if "properties" in node:
        node["additionalProperties"] = False
    if "anyOf" in node and any("$ref" in v for v in node["anyOf"]):
        # anyOf: [<enum>, {type: string}] is an open enum: the fake uses only the listed values.
        node["anyOf"] = [v for v in node["anyOf"] if v != {"type": "string"}]
    return node


def campaign_fields() -> dict[str, Any]:
    return SPEC["components"]["schemas"]["Campaign"]["properties"]  # type: ignore[no-any-return]


def resolved(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = SPEC["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def enum_of(field: dict[str, Any]) -> list[Any]:
    return [v for m in field.get("anyOf", [field]) for v in resolved(m).get("enum", [])]


def is_nullable(field: dict[str, Any]) -> bool:
    types = [field.get("type")] + [resolved(m).get("type") for m in field.get("anyOf", [])]
    return any(t == "null" or (isinstance(t, list) and "null" in t) for t in types)


def test_the_fake_serves_exactly_the_spec_fields() -> None:
    """Every campaign has every field of the spec and nothing else, enums only from their lists."""
    closed = {"$ref": "#/components/schemas/Campaign", "components": _closed(SPEC["components"])}
    validator = jsonschema.Draft202012Validator(closed, format_checker=jsonschema.FormatChecker())
    for item in FakeVoisoAPI(count=300).campaigns():
        assert set(item) == set(campaign_fields())
        errors = [e.message for e in validator.iter_errors(item)]
        assert not errors, (item["id"], errors)


def test_the_first_campaigns_cover_every_enum_value() -> None:
    """Campaign n holds value n of every enum field, so even a small fake shows them all."""
    fields = {name: enum_of(field) for name, field in campaign_fields().items() if enum_of(field)}
    assert fields, "the spec has enum fields"
    data = FakeVoisoAPI(count=max(map(len, fields.values()))).campaigns()
    for name, values in fields.items():
        assert [c[name] for c in data[: len(values)]] == values


def test_nullable_fields_are_null_in_some_campaigns_only() -> None:
    """Each nullable field is null somewhere and set elsewhere; the others are never null."""
    data = FakeVoisoAPI(count=60).campaigns()
    for name, field in campaign_fields().items():
        nulls = sum(c[name] is None for c in data)
        assert (0 < nulls < len(data)) if is_nullable(field) else nulls == 0, name


def test_every_filter_of_the_spec_has_a_declared_meaning() -> None:
    """The guard: a spec parameter the fake would not know how to apply fails here, by name."""
    from voiso_campaigns.testing import _fake

    missing = _fake.undeclared_filters()
    assert missing == [], (
        f"the spec has filter(s) {missing} that the fake gives no meaning: add an entry "
        "(query parameter -> how a campaign matches) to FILTERS in "
        "wrapper/voiso_campaigns/testing/_fake.py"
    )
    spec_names = {p["name"] for p in OPERATION["parameters"]}
    stale = sorted(set(_fake.FILTERS) - spec_names)
    assert stale == [], f"FILTERS in testing/_fake.py names {stale}, which the spec lacks: remove"


def test_a_filter_without_meaning_is_refused_not_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    """A request with a filter the fake cannot apply gets a 501 naming it, never all campaigns."""
    from voiso_campaigns.testing import _fake

    monkeypatch.delitem(_fake.FILTERS, "method")
    assert _fake.undeclared_filters() == ["method"]
    status, body = get(FakeVoisoAPI(), "?method=preview")
    assert status == 501
    assert "'method'" in body["error"]
    assert "FILTERS" in body["error"]
    response_validator(501).validate(body)


def test_every_operation_of_the_spec_has_a_declared_meaning() -> None:
    """The guard: an operation of the spec the fake would answer 501 fails here, by name."""
    from voiso_campaigns.testing import _fake

    missing = _fake.undeclared_operations()
    assert missing == [], (
        f"the spec has operation(s) {missing} that the fake gives no meaning: add an entry "
        "(operationId -> how the fake answers it) to OPERATIONS in "
        "wrapper/voiso_campaigns/testing/_fake.py"
    )
    operations = {op["operationId"] for item in PATHS.values() for op in item.values()}
    stale = sorted(set(_fake.OPERATIONS) - operations)
    assert stale == [], f"OPERATIONS in testing/_fake.py names {stale}, which the spec lacks"


def test_an_operation_without_meaning_is_501_not_404(monkeypatch: pytest.MonkeyPatch) -> None:
    """An operation the fake cannot answer gets a 501 naming it, even with a wrong key's
    checks passed first, never the 404 of a missing campaign."""
    from voiso_campaigns.testing import _fake

    monkeypatch.delitem(_fake.OPERATIONS, "get_campaign")
    assert _fake.undeclared_operations() == ["get_campaign"]
    reply = FakeVoisoAPI().handle(
        "GET", "/api/v4/campaigns/1", {"authorization": "Bearer test-key"}
    )
    assert reply.status == 501
    assert "'get_campaign'" in json.loads(reply.body)["error"]
    assert "OPERATIONS" in json.loads(reply.body)["error"]
    wrong_key = FakeVoisoAPI().handle("GET", "/api/v4/campaigns/1", {"authorization": "Bearer x"})
    assert wrong_key.status == 401


def test_scopes_come_from_each_operations_security(monkeypatch: pytest.MonkeyPatch) -> None:
    """A key lacking a scope the operation's security names gets 403; the default key has every scope."""
    from voiso_campaigns.testing import _fake

    needed = {
        op["operationId"]: op["security"][0]["bearerAuth"]
        for item in PATHS.values()
        for op in item.values()
    }
    assert {name: sorted(_fake.scopes(name)) for name in needed} == {
        k: sorted(v) for k, v in needed.items()
    }
    assert _fake.all_scopes() == {s for v in needed.values() for s in v}
    api = FakeVoisoAPI(api_keys={"other": {"zz_unrelated.scope"}})
    reply = api.handle("GET", "/api/v4/campaigns/1", {"authorization": "Bearer other"})
    assert reply.status == 403
    default = FakeVoisoAPI().handle(
        "GET", "/api/v4/campaigns/1", {"authorization": "Bearer test-key"}
    )
    assert default.status == 200


def test_request_validation_follows_the_spec() -> None:
    """Bounds of limit, and every enum and boolean filter, are checked as the spec says."""
    api = FakeVoisoAPI()
    params = {p["name"]: p["schema"] for p in OPERATION["parameters"]}
    high = params["limit"]["maximum"]
    assert get(api, f"?limit={high}")[0] == 200
    assert get(api, f"?limit={high + 1}")[0] == 400
    assert get(api, f"?limit={params['limit']['minimum'] - 1}")[0] == 400
    for name, schema in params.items():
        values = resolved(schema).get("enum")
        if values:
            assert get(api, f"?{name}={values[-1]}")[0] == 200
            status, body = get(api, f"?{name}=zz_not_a_value")
            assert (status, list(body["errors"])) == (422, [name])
        if resolved(schema).get("type") == "boolean":
            status, body = get(api, f"?{name}=yes")
            assert (status, list(body["errors"])) == (422, [name])


def test_realism_hints_name_fields_of_the_spec() -> None:
    """Each realistic-value hint of the fake names a field path the spec has."""
    from voiso_campaigns.testing import _data

    def paths(schema: dict[str, Any], prefix: str = "") -> set[str]:
        found = set()
        for name, field in schema.get("properties", {}).items():
            found.add(prefix + name)
            for member in [field, *field.get("anyOf", [])]:
                member = resolved(member)
                member = resolved(member.get("items", member))
                found |= paths(member, prefix + name + ".")
        return found

    schemas = SPEC["components"]["schemas"]
    known = paths(schemas["Campaign"]) | {f"user:{p}" for p in paths(schemas["User"])}
    stale = sorted(set(_data._HINTS) - known)
    assert stale == [], (
        f"_HINTS in wrapper/voiso_campaigns/testing/_data.py names {stale}: rename or remove"
    )
