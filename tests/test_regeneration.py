"""Regeneration rehearsals: a spec change reaches every surface with no hand-written edit.

Each rehearsal edits a copy of the spec, regenerates into a temporary folder
with the same script as `make generate`, and runs the wrapper from this
checkout against that generated package in a subprocess.
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from .conftest import ROOT, SPEC

sys.path.insert(0, str(ROOT / "scripts"))

import generate

# Values the API will never send: rehearsal names, not guesses at the next release.
NEW_STATUS = "zz_rehearsal_status"
NEW_PARAM = "zz_sort"


def regenerate(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    """Generate the client from the edited spec into *tmp_path*; the folder to put on sys.path."""
    spec = copy.deepcopy(SPEC)
    change(spec)
    spec_path = tmp_path / "campaigns.yaml"
    spec_path.write_text(yaml.safe_dump(spec, sort_keys=False, allow_unicode=True), "utf-8")
    out = tmp_path / "out"
    result = generate.generate(spec_path, out / "voiso_campaigns_client")
    assert result.returncode == 0, f"generation failed:\n{result.stdout}\n{result.stderr}"
    return out


def run_with(out: Path, script: str) -> str:
    """Run *script* with the wrapper of this checkout over the package generated in *out*."""
    prelude = f"""
        import voiso_campaigns_client
        assert voiso_campaigns_client.__file__.startswith({str(out)!r}), voiso_campaigns_client.__file__
    """
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(prelude) + textwrap.dedent(script)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(out), str(ROOT / "wrapper")])},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def add_things(spec: dict[str, Any]) -> None:
    """An additive API change: two fields, a status and an enum query parameter."""
    schemas = spec["components"]["schemas"]
    schemas["Campaign"]["properties"]["zz_timezone"] = {
        "type": ["string", "null"],
        "description": "Rehearsal: a new nullable string.",
    }
    schemas["Campaign"]["properties"]["zz_schedule"] = {
        "description": "Rehearsal: a new nullable object.",
        "anyOf": [
            {
                "type": "object",
                "required": ["start"],
                "properties": {"start": {"type": "string"}, "end": {"type": ["string", "null"]}},
            },
            {"type": "null"},
        ],
    }
    schemas["CampaignStatus"]["enum"].append(NEW_STATUS)
    spec["paths"]["/api/v4/campaigns"]["get"]["parameters"].append(
        {
            "name": NEW_PARAM,
            "in": "query",
            "required": False,
            "description": "Rehearsal: sort order.",
            "schema": {
                "type": "string",
                "enum": ["id", "-id"],
                "x-enum-varnames": ["ID", "ID_DESC"],
            },
        }
    )


ADDITIVE = f"""
    import attrs, httpx
    from voiso_campaigns import Campaign, CampaignStatus, VoisoClient, _cli, _output
    from voiso_campaigns.testing import FakeVoisoAPI, _fake
    from voiso_campaigns_client.api.campaigns import list_campaigns

    # The models carry the new fields; the new enum members have stable names.
    fields = {{f.name for f in attrs.fields(Campaign)}}
    assert {{"zz_timezone", "zz_schedule"}} <= fields, fields
    assert CampaignStatus("{NEW_STATUS}").name == "{NEW_STATUS.upper()}"
    sort_enum = list_campaigns.ListCampaignsFilters.__annotations__["{NEW_PARAM}"]
    assert "ZzSort" in str(sort_enum), sort_enum

    # list() takes the new parameter and the new status, checks them, and sends them.
    sent = []
    def answer(request):
        sent.append(dict(request.url.params))
        return httpx.Response(200, json={{"campaigns": [], "metadata": {{"total": 0}}}})
    http = httpx.Client(transport=httpx.MockTransport(answer))
    with VoisoClient("k", cluster_id="cc", http_client=http) as client:
        list(client.campaigns.list({NEW_PARAM}="-id", status="{NEW_STATUS}"))
        page_size = str(list_campaigns._get_kwargs.__kwdefaults__["limit"])
        assert sent == [{{"limit": page_size, "offset": "0", "{NEW_PARAM}": "-id",
                          "status": "{NEW_STATUS}"}}], sent
        try:
            client.campaigns.list({NEW_PARAM}="name")
        except ValueError as exc:
            assert "{NEW_PARAM} must be one of" in str(exc), exc
        else:
            raise AssertionError("a value outside the new enum was accepted")
        try:
            client.campaigns.list_page({NEW_PARAM}="name")
        except ValueError:
            pass
        else:
            raise AssertionError("list_page accepted a value outside the new enum")
        assert len(sent) == 1, "a refused argument sent a request"

    # The CLI has the flag, the CSV the columns.
    parser = _cli.build_parser()
    args = parser.parse_args(["list", "--zz-sort=-id", "--status", "{NEW_STATUS}"])
    assert (args.{NEW_PARAM}, args.status) == ("-id", "{NEW_STATUS}"), args
    columns = [name for name, _ in _output.csv_columns()]
    assert {{"zz_timezone", "zz_schedule.start", "zz_schedule.end"}} <= set(columns), columns

    # The fake serves the new fields (null in some campaigns) and the new status.
    data = FakeVoisoAPI(count=40).campaigns()
    assert all("zz_timezone" in c and "zz_schedule" in c for c in data)
    assert any(c["zz_timezone"] is None for c in data) and any(c["zz_timezone"] for c in data)
    assert any(c["zz_schedule"] and "start" in c["zz_schedule"] for c in data)
    assert "{NEW_STATUS}" in {{c["status"] for c in data}}
    fake_http = httpx.Client(transport=FakeVoisoAPI(count=40).transport())
    with VoisoClient("test-key", cluster_id="cc", http_client=fake_http) as client:
        listed = list(client.campaigns.list(status="{NEW_STATUS}"))
        assert listed, "the fake serves the new status"
        assert all(c.status is CampaignStatus.{NEW_STATUS.upper()} for c in listed)
        assert all(c.additional_properties == {{}} for c in listed), "new fields are typed"

    # The fake's guard names the new parameter: nobody has said what it means.
    assert _fake.undeclared_filters() == ["{NEW_PARAM}"], _fake.undeclared_filters()
    print("rehearsal ok")
"""


def test_additive_change_reaches_every_surface(tmp_path: Path) -> None:
    """New fields, a new status and a new enum parameter: models, list(), CLI, CSV and fake follow."""
    out = regenerate(tmp_path, add_things)
    assert "rehearsal ok" in run_with(out, ADDITIVE)


REMOVED_STATUS = SPEC["components"]["schemas"]["CampaignStatus"]["enum"][-1]
REMOVED_FIELD = "follow_up_mode"


def remove_things(spec: dict[str, Any]) -> None:
    """A breaking API change: a field and a status value are gone."""
    schemas = spec["components"]["schemas"]
    del schemas["Campaign"]["properties"][REMOVED_FIELD]
    schemas["CampaignStatus"]["enum"].remove(REMOVED_STATUS)


REMOVAL = f"""
    from voiso_campaigns import VoisoClient, _cli, _output
    from voiso_campaigns.testing import FakeVoisoAPI

    columns = [name for name, _ in _output.csv_columns()]
    assert "{REMOVED_FIELD}" not in columns, columns
    data = FakeVoisoAPI(count=60).campaigns()
    assert all("{REMOVED_FIELD}" not in c for c in data)
    assert "{REMOVED_STATUS}" not in {{c["status"] for c in data}}
    with VoisoClient("k", cluster_id="cc") as client:
        try:
            client.campaigns.list(status="{REMOVED_STATUS}")
        except ValueError as exc:
            assert "status must be one of" in str(exc)
        else:
            raise AssertionError("a removed status was accepted")
    print("rehearsal ok")
"""


def test_removal_reaches_the_csv_and_the_fake(tmp_path: Path) -> None:
    """A removed field and status value: the CSV column and the fake's data follow."""
    assert REMOVED_FIELD in SPEC["components"]["schemas"]["Campaign"]["properties"]
    out = regenerate(tmp_path, remove_things)
    assert "rehearsal ok" in run_with(out, REMOVAL)


def test_a_failed_generation_shows_the_generators_output(tmp_path: Path) -> None:
    """A spec the generator cannot read fails with its own message, not only an exit status."""
    spec_path = tmp_path / "broken.yaml"
    broken = copy.deepcopy(SPEC)
    broken["components"]["parameters"]["Limit"]["schema"] = {"type": "nonsense"}
    spec_path.write_text(yaml.safe_dump(broken), "utf-8")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "generate.py"),
            "--spec",
            str(spec_path),
            "--output",
            str(tmp_path / "out" / "voiso_campaigns_client"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "generation from" in result.stderr
    assert len(result.stderr.splitlines()) > 1, result.stderr  # the generator's own lines too


# Property names that are also names the generated from_dict uses: its
# parameters, the helpers it calls, builtins, the model's own module name.
SHADOWING = ["cls", "src_dict", "get", "missing", "unknown", "schema_error", "len", "enumerate"]


def add_shadowing_names(spec: dict[str, Any]) -> None:
    """A model whose property names are the parser's own names."""
    properties: dict[str, Any] = {name: {"type": "integer"} for name in SHADOWING}
    properties["zz_names"] = {"type": "string"}  # the module's name: zz_names.py
    properties["status"] = {"$ref": "#/components/schemas/CampaignStatus"}
    properties["status_member"] = {"type": ["string", "null"]}
    properties["items"] = {"type": "array", "items": {"type": "integer"}}
    properties["items_item"] = {"type": "boolean"}
    spec["components"]["schemas"]["ZzNames"] = {
        "type": "object",
        "required": ["cls", "src_dict", "zz_names", "status"],
        "properties": properties,
    }


SHADOWED = f"""
    import attrs
    from voiso_campaigns_client.models import ZzNames, CampaignStatus
    from voiso_campaigns_client.types import SchemaError

    names = {SHADOWING!r}
    status = next(iter(CampaignStatus)).value
    data = {{name: i for i, name in enumerate(names)}}
    data.update(zz_names="n", status=status, status_member="m", items=[7, 8], items_item=True)
    parsed = ZzNames.from_dict({{**data, "zz_unknown": 1}})
    fields = {{field.name for field in attrs.fields(ZzNames)}}
    for i, name in enumerate(names):
        attr = name if name in fields else name + "_"  # the generator renames builtins
        assert getattr(parsed, attr) == i, (name, getattr(parsed, attr))
    assert parsed.zz_names == "n" and parsed.status_member == "m"
    assert parsed.status is CampaignStatus(status)
    assert parsed.items == [7, 8] and parsed.items_item is True
    assert parsed.additional_properties == {{"zz_unknown": 1}}
    del data["status_member"]
    assert ZzNames.from_dict(data).additional_properties == {{}}
    try:
        ZzNames.from_dict({{**data, "len": "x"}})
    except SchemaError as exc:
        assert str(exc) == "len: unexpected str", exc
    else:
        raise AssertionError("a str was accepted for an integer")
    print("rehearsal ok")
"""


def test_property_names_cannot_shadow_the_parsers_names(tmp_path: Path) -> None:
    """Fields named like from_dict's parameters, helpers or builtins parse like any other."""
    out = regenerate(tmp_path, add_shadowing_names)
    assert "rehearsal ok" in run_with(out, SHADOWED)


# --- new operations: zero hand-written lines outside the spec and the fake's meaning -----

#: Rehearsal operations: names the API will never have.
NEW_LIST, NEW_ACTION = "list_zz_users", "zz_archive_campaign"


def add_operations(spec: dict[str, Any]) -> None:
    """A paginated list of another resource (one string filter), and a POST action on a
    campaign answering the campaign."""
    spec["tags"].append({"name": "zz_users", "description": "Rehearsal: users."})
    schemas = spec["components"]["schemas"]
    schemas["ZzUser"] = {
        "type": "object",
        "required": ["id", "name"],
        "properties": {"id": {"type": "integer"}, "name": {"type": "string"}},
    }
    schemas["ZzUserList"] = {
        "type": "object",
        "required": ["zz_users", "metadata"],
        "properties": {
            "zz_users": {"type": "array", "items": {"$ref": "#/components/schemas/ZzUser"}},
            "metadata": {"$ref": "#/components/schemas/ListMetadata"},
        },
    }
    shared = {
        "401": {"$ref": "#/components/responses/Unauthorized"},
        "404": {"$ref": "#/components/responses/NotFound"},
        "default": {"$ref": "#/components/responses/Unexpected"},
    }
    spec["paths"]["/api/v4/zz_users"] = {
        "get": {
            "operationId": NEW_LIST,
            "x-method": "list",
            "x-pagination": {"limit": "limit", "offset": "offset", "items": "zz_users",
                             "total": "metadata.total", "key": "id"},
            "tags": ["zz_users"],
            "summary": "Rehearsal: list users",
            "security": [{"bearerAuth": ["zz_users.read"]}],
            "parameters": [
                {"$ref": "#/components/parameters/Limit"},
                {"$ref": "#/components/parameters/Offset"},
                {"name": "zz_role", "in": "query", "schema": {"type": "string"}},
            ],
            "responses": {
                "200": {"description": "Users.", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/ZzUserList"}}}},
                **shared,
            },
        }
    }  # fmt: skip
    spec["paths"]["/api/v4/campaigns/{campaign_id}/zz_archive"] = {
        "post": {
            "operationId": NEW_ACTION,
            "x-method": "zz_archive",
            "tags": ["campaigns"],
            "summary": "Rehearsal: archive a campaign",
            "security": [{"bearerAuth": ["zz_campaigns.archive"]}],
            "parameters": [{"$ref": "#/components/parameters/CampaignId"}],
            "responses": {
                "200": {"description": "The campaign.", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Campaign"}}}},
                "409": {"description": "Rehearsal: not archivable now.", "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
                **shared,
            },
        }
    }  # fmt: skip


OPERATIONS_SCRIPT = f"""
    import asyncio, contextlib, io, json, os, threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import parse_qsl, urlsplit

    import httpx
    from voiso_campaigns import (AsyncVoisoClient, ConflictError, NotFoundError, APIStatusError,
                                 VoisoClient, _cli)
    from voiso_campaigns.testing import FakeVoisoAPI, _fake

    USERS = [{{"id": i, "name": f"user {{i}}"}} for i in range(1, 6)]
    CAMPAIGN = {{"id": 3, "name": "Summer", "status": "active", "strategy": "simple",
                "created_at": "2026-01-15T10:30:00.000Z", "updated_at": "2026-01-20T14:15:00.000Z"}}
    seen = []

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *args): pass
        def answer(self, status, body):
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        def do_GET(self):
            url = urlsplit(self.path)
            query = dict(parse_qsl(url.query))
            seen.append(("GET", url.path, query))
            if url.path != "/api/v4/zz_users":  # the CLI reads a campaign back after a 409
                return self.answer(404, {{"error": "Not found"}})
            offset, limit = int(query["offset"]), int(query["limit"])
            self.answer(200, {{"zz_users": USERS[offset:offset + limit],
                              "metadata": {{"total": len(USERS)}}}})
        def do_POST(self):
            seen.append(("POST", self.path, {{}}))
            campaign_id = int(self.path.split("/")[4])
            if campaign_id == 3:
                self.answer(200, CAMPAIGN)
            elif campaign_id == 4:
                self.answer(409, {{"error": "cannot be archived in its current state"}})
            else:
                self.answer(404, {{"error": "Not found"}})

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{{server.server_address[1]}}"

    def check_sync():
        with VoisoClient("k", base_url=url) as client:
            users = list(client.zz_users.list(page_size=2, zz_role="admin"))
            assert [u.id for u in users] == [1, 2, 3, 4, 5], users
            page = client.zz_users.list_page(limit=2, offset=4)
            assert [u.id for u in page.zz_users] == [5] and page.next_offset is None, page
            assert client.campaigns.zz_archive(3).name == "Summer"
            for bad in (lambda: client.zz_users.list(page_size=0),
                        lambda: client.zz_users.list_page(limit=1000),
                        lambda: client.zz_users.list(zz_role=3),
                        lambda: client.campaigns.zz_archive(0)):
                before = len(seen)
                try:
                    bad()
                except (TypeError, ValueError):
                    pass
                else:
                    raise AssertionError("a bad argument was accepted")
                assert len(seen) == before, "a refused argument sent a request"
            try:
                client.campaigns.zz_archive(4)
            except ConflictError as exc:
                assert exc.message == "cannot be archived in its current state", exc
            else:
                raise AssertionError("409 is not ConflictError")
            try:
                client.campaigns.zz_archive(5)
            except NotFoundError:
                pass
            else:
                raise AssertionError("404 is not NotFoundError")

    async def check_async():
        async with AsyncVoisoClient("k", base_url=url) as client:
            users = [u async for u in client.zz_users.list(page_size=2, zz_role="admin")]
            assert [u.id for u in users] == [1, 2, 3, 4, 5], users
            assert (await client.campaigns.zz_archive(3)).id == 3
            try:
                await client.campaigns.zz_archive(4)
            except ConflictError:
                pass
            else:
                raise AssertionError("409 is not ConflictError (async)")

    check_sync()
    asyncio.run(check_async())
    lists = [q for method, path, q in seen if path == "/api/v4/zz_users"]
    assert all(q["zz_role"] == "admin" for q in lists if "zz_role" in q), lists
    assert sum("zz_role" in q for q in lists) == 6, lists  # 3 pages, sync and async
    assert {{q["limit"] for q in lists if "zz_role" in q}} == {{"2"}}, lists

    # The command line: one command per operation.
    os.environ["VOISO_API_KEY"] = "k"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = _cli.main(["zz-users-list", "--base-url", url, "--zz-role", "admin",
                          "--format", "ndjson", "--page-size", "2"])
    assert code == 0 and [json.loads(line)["id"] for line in out.getvalue().splitlines()] == [1, 2, 3, 4, 5], out.getvalue()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = _cli.main(["zz-archive", "3", "--base-url", url, "--format", "json"])
    assert code == 0 and json.loads(out.getvalue())["id"] == 3, out.getvalue()
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = _cli.main(["zz-archive", "4", "--base-url", url])
    assert code == _cli.EXIT_CONFLICT and "409" in err.getvalue(), err.getvalue()

    # The fake: routes and scopes from the spec, 501 naming what has no declared meaning.
    http = httpx.Client(transport=FakeVoisoAPI().transport())
    with VoisoClient("test-key", cluster_id="cc", http_client=http) as client:
        for call, name in ((lambda: list(client.zz_users.list()), "{NEW_LIST}"),
                           (lambda: client.campaigns.zz_archive(3), "{NEW_ACTION}")):
            try:
                call()
            except APIStatusError as exc:
                assert exc.status_code == 501 and repr(name) in exc.message, exc
            else:
                raise AssertionError(f"the fake answered {{name}}")
    assert _fake.undeclared_operations() == ["{NEW_LIST}", "{NEW_ACTION}"], _fake.undeclared_operations()
    print("rehearsal ok")
"""


def test_new_operations_need_no_hand_written_code(tmp_path: Path) -> None:
    """A new paginated list of another resource and a new POST action work through both
    clients, the CLI and the fake after `make generate` alone (the fake's guard names them)."""
    out = regenerate(tmp_path, add_operations)
    assert "rehearsal ok" in run_with(out, OPERATIONS_SCRIPT)


# --- request bodies and sub-resources: zero hand-written lines either -----------------------

#: Rehearsal operations with bodies, and a list under a path parameter: names the API will never have.
NEW_CALLS, NEW_NOTE, NEW_TAGS = (
    "list_zz_campaign_calls",
    "add_zz_campaign_note",
    "add_zz_campaign_tags",
)


def add_body_operations(spec: dict[str, Any]) -> None:
    """A paginated list under ``{campaign_id}``, a POST with an object body (a required
    string, an optional bounded integer) and a POST with an array body named by
    ``x-body-name`` answering an ``x-result`` array."""
    schemas = spec["components"]["schemas"]
    schemas["ZzCall"] = {
        "type": "object",
        "required": ["id"],
        "properties": {"id": {"type": "integer"}, "number": {"type": "string"}},
    }
    schemas["ZzCallList"] = {
        "type": "object",
        "required": ["zz_calls", "metadata"],
        "properties": {
            "zz_calls": {"type": "array", "items": {"$ref": "#/components/schemas/ZzCall"}},
            "metadata": {"$ref": "#/components/schemas/ListMetadata"},
        },
    }
    schemas["ZzNoteRequest"] = {
        "type": "object",
        "required": ["text"],
        "additionalProperties": False,
        "properties": {
            "text": {"type": "string", "minLength": 1, "maxLength": 20},
            "priority": {"type": "integer", "minimum": 1, "maximum": 5},
        },
    }
    schemas["ZzNote"] = {
        "type": "object",
        "required": ["id", "text"],
        "properties": {
            "id": {"type": "integer"},
            "text": {"type": "string"},
            "priority": {"type": "integer"},
        },
    }
    schemas["ZzTag"] = {
        "type": "object",
        "required": ["label"],
        "additionalProperties": False,
        "properties": {"label": {"type": "string", "maxLength": 10}},
    }
    schemas["ZzTagged"] = {
        "type": "object",
        "required": ["zz_tags"],
        "properties": {
            "zz_tags": {"type": "array", "items": {"$ref": "#/components/schemas/ZzTag"}}
        },
    }
    shared = {
        "401": {"$ref": "#/components/responses/Unauthorized"},
        "404": {"$ref": "#/components/responses/NotFound"},
        "422": {"$ref": "#/components/responses/ValidationFailed"},
        "default": {"$ref": "#/components/responses/Unexpected"},
    }

    def ok(schema: str) -> dict[str, Any]:
        return {
            "description": "Rehearsal.",
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
        }

    def body(schema: dict[str, Any], **extra: Any) -> dict[str, Any]:
        return {"required": True, "content": {"application/json": {"schema": schema}}, **extra}

    campaign = {"$ref": "#/components/parameters/CampaignId"}
    base = "/api/v4/campaigns/{campaign_id}"
    spec["paths"][f"{base}/zz_calls"] = {
        "get": {
            "operationId": NEW_CALLS,
            "x-method": "list_zz_calls",
            "tags": ["campaigns"],
            "x-pagination": {
                "limit": "limit",
                "offset": "offset",
                "items": "zz_calls",
                "total": "metadata.total",
                "key": "id",
            },
            "summary": "Rehearsal: a campaign's calls",
            "security": [{"bearerAuth": ["campaigns.read"]}],
            "parameters": [
                campaign,
                {"$ref": "#/components/parameters/Limit"},
                {"$ref": "#/components/parameters/Offset"},
            ],
            "responses": {"200": ok("ZzCallList"), **shared},
        }
    }
    spec["paths"][f"{base}/zz_notes"] = {
        "post": {
            "operationId": NEW_NOTE,
            "x-method": "add_zz_note",
            "tags": ["campaigns"],
            "summary": "Rehearsal: note on a campaign",
            "security": [{"bearerAuth": ["campaigns.manage"]}],
            "parameters": [campaign],
            "requestBody": body({"$ref": "#/components/schemas/ZzNoteRequest"}),
            "responses": {"200": ok("ZzNote"), **shared},
        }
    }
    spec["paths"][f"{base}/zz_tags"] = {"post": {
        "operationId": NEW_TAGS, "x-method": "add_zz_tags", "tags": ["campaigns"],
        "summary": "Rehearsal: tag a campaign", "x-result": "zz_tags",
        "security": [{"bearerAuth": ["campaigns.manage"]}], "parameters": [campaign],
        "requestBody": body({"type": "array", "minItems": 1, "maxItems": 3,
                             "items": {"$ref": "#/components/schemas/ZzTag"}}, **{"x-body-name": "tags"}),
        "responses": {"200": ok("ZzTagged"), **shared}}}  # fmt: skip


BODIES_SCRIPT = f"""
    import asyncio, contextlib, io, json, os, pathlib, tempfile, threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import parse_qsl, urlsplit

    import httpx
    from voiso_campaigns import AsyncVoisoClient, APIStatusError, VoisoClient, _cli
    from voiso_campaigns.testing import FakeVoisoAPI, _fake
    from voiso_campaigns_client.models import ZzTag

    CALLS = [{{"id": i, "number": f"+1555000{{i}}"}} for i in range(1, 6)]
    seen = []  # (method, path, query, content type, body)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        def log_message(self, *args): pass
        def answer(self, body):
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        def do_GET(self):
            url = urlsplit(self.path)
            query = dict(parse_qsl(url.query))
            seen.append(("GET", url.path, query, None, None))
            offset, limit = int(query["offset"]), int(query["limit"])
            self.answer({{"zz_calls": CALLS[offset:offset + limit], "metadata": {{"total": len(CALLS)}}}})
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            seen.append(("POST", self.path, {{}}, self.headers["Content-Type"], body))
            if self.path.endswith("/zz_notes"):
                self.answer({{"id": 1, **body}})
            else:
                self.answer({{"zz_tags": body}})

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{{server.server_address[1]}}"

    def refused(call):
        before = len(seen)
        try:
            call()
        except (TypeError, ValueError) as exc:
            assert len(seen) == before, "a refused argument sent a request"
            return str(exc)
        raise AssertionError("a bad argument was accepted")

    with VoisoClient("k", base_url=url) as client:
        calls = list(client.campaigns.list_zz_calls(3, page_size=2))
        assert [c.id for c in calls] == [1, 2, 3, 4, 5], calls
        pages = [s for s in seen if s[0] == "GET"]
        assert len(pages) == 3 and all(s[1] == "/api/v4/campaigns/3/zz_calls" for s in pages), pages
        page = client.campaigns.list_zz_calls_page(3, limit=2, offset=4)
        assert [c.id for c in page.zz_calls] == [5], page
        note = client.campaigns.add_zz_note(3, text="hello", priority=2)
        assert (note.id, note.text, note.priority) == (1, "hello", 2), note
        assert seen[-1][1:] == ("/api/v4/campaigns/3/zz_notes", {{}}, "application/json",
                                {{"text": "hello", "priority": 2}}), seen[-1]
        client.campaigns.add_zz_note(3, text="no priority")
        assert seen[-1][4] == {{"text": "no priority"}}, seen[-1]  # Unset is left out
        tags = client.campaigns.add_zz_tags(3, tags=[{{"label": "a"}}, ZzTag(label="b")])
        assert [t.label for t in tags] == ["a", "b"], tags
        assert seen[-1][4] == [{{"label": "a"}}, {{"label": "b"}}], seen[-1]
        messages = [
            refused(lambda: client.campaigns.add_zz_note(3, text="x" * 21)),
            refused(lambda: client.campaigns.add_zz_note(3, text="ok", priority=6)),
            refused(lambda: client.campaigns.add_zz_tags(3, tags=[])),
            refused(lambda: client.campaigns.add_zz_tags(3, tags=[{{"label": "a"}}] * 4)),
            refused(lambda: client.campaigns.add_zz_tags(3, tags=[{{"label": "a"}}, {{"lable": "b"}}])),
            refused(lambda: client.campaigns.list_zz_calls(0)),
        ]
        assert "text" in messages[0] and "20" in messages[0], messages
        assert "priority" in messages[1] and "5" in messages[1], messages
        assert "tags[1]" in messages[4] and "lable" in messages[4], messages

    async def check_async():
        async with AsyncVoisoClient("k", base_url=url) as client:
            calls = [c async for c in client.campaigns.list_zz_calls(4, page_size=2)]
            assert [c.id for c in calls] == [1, 2, 3, 4, 5], calls
            assert (await client.campaigns.add_zz_note(4, text="async")).text == "async"
            tags = await client.campaigns.add_zz_tags(4, tags=[{{"label": "c"}}])
            assert [t.label for t in tags] == ["c"], tags
            try:
                await client.campaigns.add_zz_tags(4, tags=[{{"label": "x" * 11}}])
            except ValueError as exc:
                assert "tags[0].label" in str(exc), exc
            else:
                raise AssertionError("a too long label was accepted (async)")

    before = len(seen)
    asyncio.run(check_async())
    assert {{s[1] for s in seen[before:]}} == {{"/api/v4/campaigns/4/zz_calls", "/api/v4/campaigns/4/zz_notes",
                                              "/api/v4/campaigns/4/zz_tags"}}, seen[before:]

    # The command line: path parameters and bodies as arguments.
    os.environ["VOISO_API_KEY"] = "k"
    def cli(*argv):
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            code = _cli.main([*argv, "--base-url", url])
        assert code == 0, (argv, code)
        return out.getvalue()
    lines = cli("list-zz-calls", "5", "--format", "ndjson", "--page-size", "2").splitlines()
    assert [json.loads(line)["id"] for line in lines] == [1, 2, 3, 4, 5], lines
    assert json.loads(cli("add-zz-note", "5", "from the CLI", "--priority", "3", "--format", "json"))["priority"] == 3
    assert seen[-1][1] == "/api/v4/campaigns/5/zz_notes" and seen[-1][4] == {{"text": "from the CLI", "priority": 3}}, seen[-1]
    with tempfile.TemporaryDirectory() as folder:
        path = pathlib.Path(folder, "tags.json")
        path.write_text(json.dumps([{{"label": "d"}}]))
        assert json.loads(cli("add-zz-tags", "5", str(path), "--format", "json")) == [{{"label": "d"}}]

    # The fake: 501 naming each operation it has no meaning for.
    http = httpx.Client(transport=FakeVoisoAPI().transport())
    with VoisoClient("test-key", cluster_id="cc", http_client=http) as client:
        for call, name in ((lambda: list(client.campaigns.list_zz_calls(3)), "{NEW_CALLS}"),
                           (lambda: client.campaigns.add_zz_note(3, text="x"), "{NEW_NOTE}"),
                           (lambda: client.campaigns.add_zz_tags(3, tags=[{{"label": "x"}}]), "{NEW_TAGS}")):
            try:
                call()
            except APIStatusError as exc:
                assert exc.status_code == 501 and repr(name) in exc.message, exc
            else:
                raise AssertionError(f"the fake answered {{name}}")
    assert _fake.undeclared_operations() == ["{NEW_CALLS}", "{NEW_NOTE}", "{NEW_TAGS}"], _fake.undeclared_operations()
    print("rehearsal ok")
"""


def test_bodies_and_sub_resources_need_no_hand_written_code(tmp_path: Path) -> None:
    """An object body, an array body and a paginated list under a path parameter work through
    both clients, the CLI, a loopback server and the fake after `make generate` alone."""
    out = regenerate(tmp_path, add_body_operations)
    assert "rehearsal ok" in run_with(out, BODIES_SCRIPT)


def test_a_method_that_cannot_pass_a_parameter_is_a_generation_error(tmp_path: Path) -> None:
    """Generation reads the methods it wrote: one whose call lacks a path parameter of its
    operation (the 0.6.0 ``list_users()``) fails generation, naming the method and the name."""
    out = tmp_path / "voiso_campaigns_client"
    shutil.copytree(ROOT / "generated" / "voiso_campaigns_client", out)
    resources = out / generate.RESOURCES
    text = resources.read_text("utf-8")
    broken = text.replace('{"campaign_id": campaign_id, **filters}', "{**filters}")
    assert broken != text, "the generated list_users no longer passes campaign_id this way"
    resources.write_text(broken, "utf-8")
    with pytest.raises(generate.SpecProblem, match=r"list_users.*missing \['campaign_id'\]"):
        generate.check_signatures(out, generate.resources_context(SPEC))
    resources.write_text(text, "utf-8")
    generate.check_signatures(out, generate.resources_context(SPEC))  # the real one passes
