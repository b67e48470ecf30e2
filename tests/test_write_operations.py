"""The write operations of the spec: request bodies checked before sending, path
parameters on every kind of operation, the fake's meaning for users and leads, and a
DELETE whose resend is reported honestly. Sync, async and trio where both exist."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from voiso_campaigns import (
    APIConnectionError,
    NotFoundError,
    PossiblyRemovedError,
    VoisoClient,
)
from voiso_campaigns import _body as _body_module
from voiso_campaigns.testing import FakeVoisoAPI
from voiso_campaigns_client.models import Lead, LeadsImport, LeadSource, User

from .conftest import PATHS, SPEC, MakeClient

LEADS_BODY = PATHS["/api/v4/campaigns/{campaign_id}/leads"]["post"]["requestBody"]
LEADS_SCHEMA = LEADS_BODY["content"]["application/json"]["schema"]
LEAD = SPEC["components"]["schemas"]["Lead"]
USER_IDS = SPEC["components"]["schemas"]["AddUsersRequest"]["properties"]["user_ids"]


def _body(request: Any) -> Any:
    return json.loads(request.body)


# --- request bodies -------------------------------------------------------------------


def test_add_users_sends_its_keyword_arguments_as_a_json_object(make_client: MakeClient) -> None:
    api = FakeVoisoAPI(count=5)
    client = make_client(api.transport())
    added = client.call("add_users", 3, user_ids=[4, 5])
    assert [u.id for u in added] == [4, 5]
    assert all(isinstance(u, User) for u in added)
    (request,) = api.requests
    assert (request.method, request.path, _body(request)) == (
        "POST",
        "/api/v4/campaigns/3/users",
        {"user_ids": [4, 5]},
    )
    assert {4, 5} <= {u["id"] for u in api.users(3)}
    assert api.changes == [("add_campaign_users", 3)]


def test_a_body_goes_out_as_compact_utf8_json_on_every_httpx(make_client: MakeClient) -> None:
    """The client encodes the body itself: the same bytes under httpx 0.27 (which wrote
    ``", "`` and ``\\u`` escapes) and 0.28, so a cassette recorded on one matches the
    other; a number JSON cannot hold is refused before sending, never sent as ``NaN``."""
    api = FakeVoisoAPI(count=5)
    client = make_client(api.transport())
    client.call("add_leads", 3, leads=[{"phone_number": "+14155550100", "name": "Zoë 李"}])
    assert api.requests[-1].body == '[{"phone_number":"+14155550100","name":"Zoë 李"}]'.encode()
    assert _body_module.encode([{"x": 1.5}]) == b'[{"x":1.5}]'
    check = _body_module._compile({"type": "number", "minimum": 0})
    with pytest.raises(_body_module.Invalid) as caught:
        check(float("nan"))
    assert caught.value.named("leads[0].score").args == (
        "leads[0].score: nan is not a JSON number",
    )
    assert check(10**400) == 10**400  # a big int is a JSON number


def test_add_leads_sends_an_array_with_unset_fields_left_out(make_client: MakeClient) -> None:
    """Models and mappings mix; a model's UNSET fields are not in the JSON; the header
    says JSON."""
    seen: list[httpx.Request] = []
    api = FakeVoisoAPI(count=5)
    transport = api.transport()

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return transport.handle_request(request)

    client = make_client(handler=handler)
    leads: list[Any] = [
        Lead(phone_number="+14155550100", source=LeadSource(system="crm")),
        {"phone_number": "+14155550101", "priority": 1000, "context_headers": {"X-A": "b"}},
    ]
    result = client.call("add_leads", 3, leads=leads)
    assert isinstance(result, LeadsImport)
    assert result.created == ["+14155550100", "+14155550101"]
    (request,) = seen
    assert request.headers["content-type"] == "application/json"
    assert json.loads(request.content) == [
        {"phone_number": "+14155550100", "source": {"system": "crm"}},
        {"phone_number": "+14155550101", "priority": 1000, "context_headers": {"X-A": "b"}},
    ]


def _bad_leads() -> list[tuple[Any, type[Exception], str]]:
    low, high = LEAD["properties"]["priority"]["minimum"], LEAD["properties"]["priority"]["maximum"]
    most = LEADS_SCHEMA["maxItems"]
    ok = {"phone_number": "+14155550100"}
    return [
        ([ok, ok, ok, {**ok, "priority": low - 1}], ValueError,
         f"leads[3].priority: {low - 1} is below the minimum {low}"),
        ([{**ok, "priority": high + 1}], ValueError,
         f"leads[0].priority: {high + 1} is above the maximum {high}"),
        ([{**ok, "priority": "5"}], TypeError, "leads[0].priority: must be an int, got str '5'"),
        ([{**ok, "active": 1}], TypeError, "leads[0].active: must be a bool, got int 1"),
        ([{"name": "x"}], TypeError, "leads[0].phone_number: required, missing"),
        ([{**ok, "phone": "1"}], TypeError, "leads[0]: unknown field 'phone'"),
        ([{**ok, "context_headers": {"X-A": 1}}], TypeError,
         "leads[0].context_headers.X-A: must be a str, got int 1"),
        ([{**ok, "source": {"system": 7}}], TypeError, "leads[0].source.system: must be a str"),
        ([{**ok, "phone_number": ""}], ValueError, "leads[0].phone_number: '' is shorter than 1"),
        ([], ValueError, f"leads: 0 items, below the minimum {LEADS_SCHEMA['minItems']}"),
        ([ok] * (most + 1), ValueError, f"leads: {most + 1} items, above the maximum {most}"),
        ("+14155550100", TypeError, "leads: must be a list, got str"),
        ([5], TypeError, "leads[0]: must be a mapping or a model, got int 5"),
    ]  # fmt: skip


@pytest.mark.parametrize(("leads", "error", "message"), _bad_leads())
def test_a_bad_body_is_refused_before_anything_is_sent(
    make_client: MakeClient, leads: Any, error: type[Exception], message: str
) -> None:
    """The error names the argument, the item's index and the rule; bounds from the spec."""
    api = FakeVoisoAPI(count=5)
    client = make_client(api.transport())
    with pytest.raises(error) as caught:
        client.call("add_leads", 3, leads=leads)
    assert str(caught.value).startswith(message)
    assert api.request_count == 0


@pytest.mark.parametrize(
    ("user_ids", "error", "message"),
    [
        ([], ValueError, f"user_ids: 0 items, below the minimum {USER_IDS['minItems']}"),
        ([1] * (USER_IDS["maxItems"] + 1), ValueError, "user_ids: 101 items, above the maximum"),
        ([1, 0], ValueError, "user_ids[1]: 0 is below the minimum 1"),
        ([1, "2"], TypeError, "user_ids[1]: must be an int, got str '2'"),
        ([True], TypeError, "user_ids[0]: must be an int, got bool True"),
        ([2.5], TypeError, "user_ids[0]: must be an int, got float 2.5"),
        (None, TypeError, "user_ids: must be a list, got NoneType"),
    ],
)
def test_a_bad_object_body_names_its_keyword(
    make_client: MakeClient, user_ids: Any, error: type[Exception], message: str
) -> None:
    api = FakeVoisoAPI(count=5)
    client = make_client(api.transport())
    with pytest.raises(error, match="^" + message.replace("[", r"\[").replace("]", r"\]")):
        client.call("add_users", 3, user_ids=user_ids)
    assert api.request_count == 0


def test_an_integral_float_is_an_integer_as_in_json_schema(make_client: MakeClient) -> None:
    """JSON Schema calls 5.0 an integer: the client sends it as 5, and the fake accepts the
    JSON ``5.0`` (schemathesis found the fake answering 422 to such a valid body)."""
    api = FakeVoisoAPI(count=5)
    client = make_client(api.transport())
    free = next(u for u in range(1, 1000) if u not in {x["id"] for x in api.users(3)})
    added = client.call("add_users", 3, user_ids=[float(free)])
    assert [u.id for u in added] == [free]
    assert json.loads(api.requests[-1].body) == {"user_ids": [free]}
    reply = api.handle(
        "POST", "/api/v4/campaigns/4/leads", {"authorization": "Bearer test-key"},
        b'[{"phone_number": "+15550001234", "priority": 7.0}]',
    )  # fmt: skip
    assert reply.status == 200, reply.body
    assert api.leads(4)[-1]["priority"] == 7


def test_a_misspelt_body_field_fails_mypy(tmp_path: Any) -> None:
    """The array's items are typed (``LeadParam``): a checker catches a misspelt field."""
    from .conftest import mypy_errors

    source = tmp_path / "use.py"
    source.write_text(
        "from voiso_campaigns import VoisoClient\n"
        "c = VoisoClient('k', cluster_id='cc')\n"
        "c.campaigns.add_leads(3, leads=[{'phone_number': '1', 'priorty': 2}])\n"
        "c.campaigns.add_leads(3, leads=[{'phone_number': '1', 'priority': 2}])\n"
        "c.campaigns.add_users(3, user_ids=['1'])\n",
        encoding="utf-8",
    )
    errors = mypy_errors(source)
    assert len(errors) == 2, errors
    assert "use.py:3" in errors[0]
    assert "LeadParam" in errors[0]
    assert "use.py:5" in errors[1]


# --- path parameters on a paginated operation -------------------------------------------


def test_list_users_takes_the_campaign_and_every_page_carries_it(make_client: MakeClient) -> None:
    api = FakeVoisoAPI(count=5, users=10)
    client = make_client(api.transport())
    users = client.items("list_users", 2, page_size=1)
    assert [u.id for u in users] == [u["id"] for u in api.users(2)]
    assert len(users) > 1
    assert {r.path for r in api.requests} == {"/api/v4/campaigns/2/users"}
    # Pages after the first are fetched concurrently: their order is not fixed.
    offsets = sorted(int(r.params["offset"]) for r in api.requests)
    assert offsets == list(range(len(users)))
    page = client.call("list_users_page", 2, limit=2)
    assert [u.id for u in page.users] == [u["id"] for u in api.users(2)][:2]
    with pytest.raises(ValueError, match="campaign_id must be >= 1, got 0"):
        client.items("list_users", 0)


def test_a_user_id_that_is_a_string_is_parsed(make_client: MakeClient) -> None:
    """The vendor's list example shows a UUID string id; add and remove show integers."""
    body = {"users": [{"id": "0b97ce11-b6e0-49b4-8f92-68040aa324bf"}, {"id": 42}],
            "metadata": {"total": 2}}  # fmt: skip
    client = make_client(handler=lambda request: httpx.Response(200, json=body))
    assert [u.id for u in client.items("list_users", 3)] == [
        "0b97ce11-b6e0-49b4-8f92-68040aa324bf",
        42,
    ]


# --- remove a user; a DELETE's resend ------------------------------------------------------


def test_remove_user(make_client: MakeClient) -> None:
    api = FakeVoisoAPI(count=5)
    client = make_client(api.transport())
    first = api.users(3)[0]["id"]
    removed = client.call("remove_user", 3, first)
    assert removed.id == first
    assert first not in [u["id"] for u in api.users(3)]
    with pytest.raises(NotFoundError) as caught:
        client.call("remove_user", 3, first)
    assert not isinstance(caught.value, PossiblyRemovedError)


def test_a_resent_delete_answered_404_says_an_earlier_attempt_may_have_removed_it(
    make_client: MakeClient,
) -> None:
    """The first attempt is applied and its answer lost; DELETE is resent (idempotent),
    and the resend's 404 is not passed off as a plain "not found"."""
    api = FakeVoisoAPI(count=5, failures=["lost"])
    client = make_client(api.transport())
    first = api.users(3)[0]["id"]
    with pytest.raises(PossiblyRemovedError, match=r"an earlier attempt .* may already have"):
        client.call("remove_user", 3, first)
    assert api.request_count == 2
    assert api.changes == [("remove_campaign_user", 3)]


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_resent_delete_over_a_real_connection_that_drops(flavour: str) -> None:
    """A loopback server applies the DELETE, then drops the connection."""
    import asyncio

    from voiso_campaigns import AsyncVoisoClient

    api = FakeVoisoAPI(count=5, failures=["lost"])
    first = api.users(3)[0]["id"]
    with api.serve() as server:
        if flavour == "sync":
            with VoisoClient("test-key", base_url=server.base_url) as client:
                with pytest.raises(PossiblyRemovedError) as caught:
                    client.campaigns.remove_user(3, first)
        else:

            async def main() -> None:
                async with AsyncVoisoClient("test-key", base_url=server.base_url) as client:
                    await client.campaigns.remove_user(3, first)

            with pytest.raises(PossiblyRemovedError) as caught:
                asyncio.run(main())
    assert caught.value.status_code == 404
    assert api.request_count == 2
    assert api.changes == [("remove_campaign_user", 3)]


def test_a_post_of_leads_is_never_sent_twice_once_it_may_have_been_processed(
    make_client: MakeClient,
) -> None:
    api = FakeVoisoAPI(count=5, failures=["lost"])
    client = make_client(api.transport())
    with pytest.raises(APIConnectionError, match="POST is not idempotent"):
        client.call("add_leads", 3, leads=[{"phone_number": "+14155550100"}])
    assert api.request_count == 1
    assert api.changes == [("add_campaign_leads", 3)]
    assert [lead["phone_number"] for lead in api.leads(3)] == ["+14155550100"]


# --- the fake's meaning -----------------------------------------------------------------


def _raw(server: Any, method: str, path: str, **kwargs: Any) -> httpx.Response:
    headers = {"Authorization": "Bearer test-key", **kwargs.pop("headers", {})}
    return httpx.request(method, server.base_url + path, headers=headers, **kwargs)


def test_the_fake_answers_405_with_allow_for_a_method_the_spec_lacks() -> None:
    api = FakeVoisoAPI(count=5)
    declared: dict[str, set[str]] = {}
    for path, item in PATHS.items():
        concrete = path.replace("{campaign_id}", "3").replace("{user_id}", "4")
        declared[concrete] = {m.upper() for m in item if m in ("get", "post", "delete")}
    with api.serve() as server:
        for path, methods in declared.items():
            for method in {"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"} - methods:
                reply = _raw(server, method, path)
                assert reply.status_code == 405, (method, path)
                assert set(reply.headers["allow"].split(", ")) == methods
                if method != "HEAD":
                    assert reply.json() == {"error": "Method not allowed"}
        assert _raw(server, "GET", "/api/v4/nothing").status_code == 404
    assert api.changes == []


def test_the_fake_refuses_a_body_it_cannot_read_with_the_vendors_422_shape() -> None:
    api = FakeVoisoAPI(count=5)
    with api.serve() as server:
        path = "/api/v4/campaigns/3/users"
        assert _raw(server, "POST", path, content=b"{").json() == {
            "errors": {"body": ["must be a JSON document"]}
        }
        reply = _raw(server, "POST", path, json={"user_ids": [0]})
        assert reply.status_code == 422
        assert reply.json() == {"errors": {"user_ids[0]": ["0 is below the minimum 1"]}}
        reply = _raw(server, "POST", "/api/v4/campaigns/3/leads", json={"phone_number": "1"})
        assert reply.status_code == 422
        assert "leads" in reply.json()["errors"]
        deep = _raw(server, "POST", "/api/v4/campaigns/3/leads", content=b"[" * 100_000)
        assert deep.json() == {"errors": {"body": ["must be a JSON document"]}}
    assert api.changes == []


def test_a_body_schema_the_fake_cannot_check_is_a_422_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A spec whose body uses a keyword the checks do not know yet (say ``pattern``)."""
    from voiso_campaigns import _body

    def unsupported(operation: str) -> Any:
        raise _body.UnsupportedSchema("request body schema keyword(s) ['pattern']")

    monkeypatch.setattr(_body, "body", unsupported)
    api = FakeVoisoAPI(count=5)
    reply = api.handle("POST", "/api/v4/campaigns/3/users", {"authorization": "Bearer test-key"},
                       b'{"user_ids": [1]}')  # fmt: skip
    assert reply.status == 422
    assert "the fake cannot check this body" in json.loads(reply.body)["errors"]["body"][0]
    assert api.changes == []


def test_the_fake_says_404_for_an_unknown_campaign_or_user(make_client: MakeClient) -> None:
    api = FakeVoisoAPI(count=5, users=10)
    client = make_client(api.transport())
    for call in (
        lambda: client.call("add_users", 99, user_ids=[1]),
        lambda: client.call("add_users", 3, user_ids=[11]),
        lambda: client.call("remove_user", 99, 1),
        lambda: client.call("add_leads", 99, leads=[{"phone_number": "+14155550100"}]),
        lambda: client.items("list_users", 99),
    ):
        with pytest.raises(NotFoundError):
            call()
    assert api.changes == []


def test_leads_are_created_rejected_or_duplicates_by_the_fakes_rule(
    make_client: MakeClient,
) -> None:
    api = FakeVoisoAPI(count=5)
    client = make_client(api.transport())
    client.call("add_leads", 3, leads=[{"phone_number": "+14155550100"}])
    numbers = ["+14155550100", "12345", "+14155550101", "+14155550101", "1-415-555-0102"]
    result = client.call("add_leads", 3, leads=[{"phone_number": n} for n in numbers])
    assert result.created == ["+14155550101"]
    assert result.rejected == ["12345", "1-415-555-0102"]
    assert result.duplicates == ["+14155550100", "+14155550101"]
    assert [lead["phone_number"] for lead in api.leads(3)] == ["+14155550100", "+14155550101"]
    assert api.leads(4) == []


def test_a_leads_request_while_the_last_import_is_processing_is_a_409(
    make_client: MakeClient,
) -> None:
    from voiso_campaigns import ConflictError

    api = FakeVoisoAPI(count=5, import_processing=60.0)
    client = make_client(api.transport())
    client.call("add_leads", 3, leads=[{"phone_number": "+14155550100"}])
    with pytest.raises(ConflictError, match="still processing"):
        client.call("add_leads", 3, leads=[{"phone_number": "+14155550101"}])
    client.call("add_leads", 4, leads=[{"phone_number": "+14155550101"}])  # another campaign
    assert len(api.changes) == 2


@pytest.mark.parametrize("operation", ["add_users", "remove_user", "add_leads"])
def test_a_key_without_the_write_scope_gets_403(make_client: MakeClient, operation: str) -> None:
    from voiso_campaigns import PermissionDeniedError

    api = FakeVoisoAPI(count=5, api_keys={"reader": ["campaigns.read"]})
    client = make_client(api.transport(), key="reader")
    args: dict[str, tuple[tuple[Any, ...], dict[str, Any]]] = {
        "add_users": ((3,), {"user_ids": [1]}),
        "remove_user": ((3, 1), {}),
        "add_leads": ((3,), {"leads": [{"phone_number": "+14155550100"}]}),
    }
    positional, keywords = args[operation]
    with pytest.raises(PermissionDeniedError):
        client.call(operation, *positional, **keywords)
    assert client.items("list_users", 3)  # campaigns.read is enough for the list
    assert api.changes == []


def test_the_fakes_users_are_shaped_like_the_vendors_example() -> None:
    """Every field of the spec's User (the vendor's example), integer ids."""
    api = FakeVoisoAPI(count=5)
    example = PATHS["/api/v4/campaigns/{campaign_id}/users"]["get"]["responses"]["200"]
    (shown,) = example["content"]["application/json"]["example"]["users"]
    for user in api.users(1):
        assert set(user) == set(shown) == set(SPEC["components"]["schemas"]["User"]["properties"])
        assert isinstance(user["id"], int)
