"""The OpenAPI document, read from the ``openapi.json`` shipped with the generated client.

The generated Python carries names, types, enum members and defaults. What it
cannot carry (a parameter's bounds, which response fields are nullable, the
order of a schema's properties) is read here, from the same document that
``make generate`` copied beside it, so no fact about the API is written twice.
Loaded on first use: nothing here runs at import time.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import re
from pathlib import Path
from typing import Any

Schema = dict[str, Any]


@functools.cache
def document() -> dict[str, Any]:
    """The whole OpenAPI document (``scripts/generate.py`` ships it as ``openapi.json``).

    Found beside the generated package, which is not imported (it imports httpx: the
    CLI's ``--help`` reads the spec without it); not through ``importlib.resources``,
    which would import its readers at the first request, inside an event loop.
    """
    package = importlib.util.find_spec("voiso_campaigns_client")
    assert package is not None, "voiso_campaigns_client is installed with this package"
    text = Path(str(package.origin)).with_name("openapi.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def identifier(name: str) -> str:
    """A tag's Python name, as openapi-python-client makes it (``PythonIdentifier``):
    lower-case words joined by ``_`` (tests/test_cli.py compares the two)."""
    words = re.findall(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])", name)
    return "_".join(word.lower() for word in words)


@functools.cache
def scopes(operation_id: str) -> frozenset[str]:
    """The scopes a key needs for an operation (its ``security``, else the document's)."""
    _, _, op = operation(operation_id)
    security = op.get("security", document().get("security", []))
    return frozenset(scope for req in security for names in req.values() for scope in names)


def all_scopes() -> frozenset[str]:
    """Every scope the spec's operations name."""
    ids = [
        op["operationId"]
        for item in document()["paths"].values()
        for op in item.values()
        if isinstance(op, dict) and "operationId" in op
    ]
    return frozenset().union(*(scopes(i) for i in ids))


def resolve(schema: Schema) -> Schema:
    """*schema* with its ``$ref`` (to ``#/components/...``) followed."""
    while "$ref" in schema:
        node: Any = document()
        for part in schema["$ref"].removeprefix("#/").split("/"):
            node = node[part]
        schema = node
    return schema


def component(name: str) -> Schema:
    """``components/schemas/<name>``."""
    schema: Schema = document()["components"]["schemas"][name]
    return schema


@functools.cache
def operation(operation_id: str) -> tuple[str, str, dict[str, Any]]:
    """(path, method, operation object) of the operation with this ``operationId``.

    Found once (the fake asks on every request); callers do not change what it returns."""
    for path, item in document()["paths"].items():
        for method, op in item.items():
            if isinstance(op, dict) and op.get("operationId") == operation_id:
                return path, method.upper(), op
    raise LookupError(f"no operation {operation_id!r} in the OpenAPI document")


@functools.cache
def parameters(operation_id: str, location: str) -> dict[str, dict[str, Any]]:
    """Each parameter ``in`` *location* (path, query): name -> its object, ``schema`` resolved.

    Read once (the fake asks on every request); callers do not change what it returns.
    """
    _, _, op = operation(operation_id)
    found = {}
    for parameter in op.get("parameters", []):
        parameter = resolve(parameter)
        if parameter["in"] == location:
            found[parameter["name"]] = {**parameter, "schema": resolve(parameter.get("schema", {}))}
    return found


def request_body(operation_id: str) -> dict[str, Any]:
    """The operation's ``requestBody`` (refs followed), or {} when it takes none."""
    _, _, op = operation(operation_id)
    return resolve(op.get("requestBody", {}))


def response_schema(operation_id: str, path: tuple[str, ...] = ()) -> Schema:
    """The schema of the 200 body of an operation, or of the property at *path* within it."""
    _, _, op = operation(operation_id)
    response = resolve(op["responses"]["200"])
    schema = resolve(response["content"]["application/json"]["schema"])
    for name in path:
        schema = resolve(schema["properties"][name])
    return schema


def query_parameters(operation_id: str) -> dict[str, dict[str, Any]]:
    """Each query parameter's name -> its parameter object, ``schema`` resolved, in order."""
    return parameters(operation_id, "query")


def variants(schema: Schema) -> list[Schema]:
    """The alternatives of a schema (``anyOf``/``oneOf`` members, refs followed), or itself."""
    schema = resolve(schema)
    members = schema.get("anyOf") or schema.get("oneOf")
    if not members:
        return [schema]
    return [v for member in members for v in variants(member)]


def types(schema: Schema) -> list[str]:
    """The JSON types a schema allows, ``"null"`` included when it is nullable."""
    found: list[str] = []
    for variant in variants(schema):
        declared = variant.get("type", [])
        for name in [declared] if isinstance(declared, str) else declared:
            if name not in found:
                found.append(name)
    return found


def enum_values(schema: Schema) -> list[Any]:
    """The values listed by the schema's ``enum`` (or its alternatives'), in order."""
    return [value for variant in variants(schema) for value in variant.get("enum", [])]


def object_variant(schema: Schema) -> Schema | None:
    """The object alternative of a (possibly nullable) schema, if it has one."""
    return next((v for v in variants(schema) if "properties" in v), None)


def array_items(schema: Schema) -> Schema | None:
    """The item schema of a (possibly nullable) array schema, if it is one."""
    return next((resolve(v["items"]) for v in variants(schema) if "items" in v), None)
