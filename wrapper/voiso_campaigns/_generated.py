"""The seam: the only module that imports the generated client.

When the spec is regenerated, this is the one place that can break; the
regeneration rehearsals in ``tests/test_regeneration.py`` pin it. It builds
requests and parses models, nothing else.

What the wrapper takes from the generated package, all of it names the
generator (or our templates) promise:

- ``resources``: the operations as data (``Operation``, ``Paginated``,
  ``OPERATIONS``), the resource classes and ``Resources``/``AsyncResources``
  (written by ``scripts/generate.py`` from ``templates/voiso_resources.py.jinja``);
- each operation's ``build`` (the generated ``_get_kwargs``), ``PATH_NAMES``
  and ``QUERY_NAMES`` (``templates/endpoint_module.py.jinja``);
- the models' ``from_dict`` (``templates/voiso_parse.jinja``), which checks
  every value's type while it parses and raises ``SchemaError`` naming its
  path; unknown enum values and fields are kept (forward compatibility) and
  reported through ``types.unknown_hook``, set here to log each once.

Why not the generated ``sync_detailed``: it builds ``HTTPStatus(code)`` (a
``ValueError`` on 499 or 520, the response lost) and lets ``KeyError`` from
the models escape. So the core sends the request ``build`` describes through
its own httpx client, and every outcome becomes a typed error.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, TypeVar

from voiso_campaigns_client import AuthenticatedClient, resources
from voiso_campaigns_client import types as _types
from voiso_campaigns_client.resources import (
    OPERATIONS,
    AsyncCore,
    AsyncResources,
    Operation,
    Paginated,
    Resources,
    SyncCore,
)
from voiso_campaigns_client.types import UNSET, SchemaError, Unset

__all__ = [
    "OPERATIONS",
    "UNSET",
    "AsyncCore",
    "AsyncResources",
    "AuthenticatedClient",
    "Operation",
    "Paginated",
    "Resources",
    "SchemaError",
    "SyncCore",
    "Unset",
    "page_data",
    "parse",
    "request_kwargs",
    "resources",
]

R = TypeVar("R")
logger = logging.getLogger("voiso_campaigns")


def request_kwargs(
    op: Operation[Any], args: Mapping[str, Any], extra: Mapping[str, Any]
) -> dict[str, Any]:
    """The httpx ``request()`` arguments of *op*.

    *args* holds checked keyword arguments of the generated ``_get_kwargs``
    (Python names, enum members); *extra* holds query parameters the spec does
    not know yet, sent as they are (``_params`` refuses any the spec knows).
    """
    kwargs = op.build(**args)
    if extra:
        kwargs["params"] = {**kwargs.get("params", {}), **extra}
    return kwargs


def parse(op: Operation[R], data: dict[str, Any]) -> R:
    """*op*'s result from its decoded 200 body (``SchemaError`` when it is not the model's)."""
    body = op.model.from_dict(data)
    result: R = body if op.result is None else getattr(body, op.result)
    return result


def page_data(op: Paginated[Any, Any], data: dict[str, Any]) -> tuple[list[Any], int]:
    """The items and the total of one page of *op*, from its decoded 200 body."""
    node = body = op.model.from_dict(data)
    for name in op.total:
        node = getattr(node, name)
    return getattr(body, op.items), int(node)


# --- forward compatibility -----------------------------------------------------

_SEEN_UNKNOWN: set[tuple[str, str | None]] = set()
# Bounds the memory a misbehaving server can make us spend on remembering.
_SEEN_LIMIT = 1000


def _note_unknown(field: str, value: str | None) -> None:
    key = (field, value)
    if key in _SEEN_UNKNOWN or len(_SEEN_UNKNOWN) >= _SEEN_LIMIT:
        return
    _SEEN_UNKNOWN.add(key)
    if value is None:
        logger.warning("response has a field this client does not know: %s (kept)", field)
    else:
        logger.warning(
            "response has a value this client does not know: %s=%r (kept as a str)", field, value
        )


# The generated models report what the schema does not list through this hook
# (our own generated package's, not a third party's).
_types.unknown_hook = _note_unknown
