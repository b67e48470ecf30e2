"""The seam: the only module that imports the generated client.

When the spec is regenerated, this is the one place that can break; the
regeneration rehearsals in ``tests/test_regeneration.py`` pin it.

What the wrapper takes from the generated endpoint module: ``_get_kwargs``
(the request, its keyword defaults and annotations), ``QUERY_NAMES`` and the
``...Filters`` TypedDict (both from ``templates/endpoint_module.py.jinja``).
The spec itself travels beside the generated package as ``openapi.json``
(``scripts/generate.py``); ``_spec.py`` reads it.

Why the wrapper does not call ``list_campaigns.sync_detailed``: the generated
``*_detailed`` functions build ``HTTPStatus(code)`` (a ``ValueError`` on 499
or 520, with the response lost) and let ``KeyError``/``TypeError`` from the
models escape. So the wrapper sends the request the generated ``_get_kwargs``
describes, through the same httpx client, and parses 2xx bodies with the
generated models itself; every other outcome becomes a typed error.

The generated models check every value's type while parsing (the model
template, ``templates/voiso_parse.jinja``) and raise ``SchemaError`` naming
its path; unknown enum values and unknown fields are kept (forward
compatibility) and reported through ``types.unknown_hook``, set here to log
each once per process. The cyclic garbage collector is paused while one body
is parsed (see below).
"""

from __future__ import annotations

import functools
import gc
import logging
import os
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Protocol, Self, TypeVar

import httpx

import voiso_campaigns_client
from voiso_campaigns_client import AuthenticatedClient
from voiso_campaigns_client import types as _types
from voiso_campaigns_client.api.campaigns import get_campaign, list_campaigns
from voiso_campaigns_client.api.campaigns.list_campaigns import ListCampaignsFilters
from voiso_campaigns_client.models import (
    Campaign,
    CampaignEnvelope,
    CampaignList,
    CampaignStatus,
    CampaignStrategy,
)
from voiso_campaigns_client.types import UNSET, SchemaError, Unset

from ._error_mapping import BODY_LIMIT, load_json, redact, status_error
from ._transport import TOO_LARGE
from .errors import ResponseValidationError

__all__ = [
    "LIST_DEFAULTS",
    "SPEC_FILE",
    "UNSET",
    "AuthenticatedClient",
    "Campaign",
    "CampaignStatus",
    "CampaignStrategy",
    "ListCampaignsFilters",
    "Unset",
    "get_campaign",
    "get_request_kwargs",
    "list_campaigns",
    "parse_campaign",
    "parse_campaign_list",
    "request_kwargs",
]

#: The OpenAPI document the generated package was made from (scripts/generate.py).
SPEC_FILE = Path(voiso_campaigns_client.__file__).with_name("openapi.json")
#: ``list_campaigns``' query parameter defaults, from the spec (``limit``: the default page size).
LIST_DEFAULTS: Mapping[str, Any] = list_campaigns._get_kwargs.__kwdefaults__ or {}

logger = logging.getLogger("voiso_campaigns")


class _Model(Protocol):
    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self: ...


M = TypeVar("M", bound=_Model)


def request_kwargs(query: Mapping[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    """The httpx ``request()`` arguments of one ``GET /api/v4/campaigns``.

    *query* holds checked keyword arguments of the generated ``_get_kwargs``
    (Python names, enum members); *extra* holds query parameters the spec does
    not know yet, sent as they are (``_params`` refuses any the spec knows).
    """
    kwargs = list_campaigns._get_kwargs(**query)
    if extra:
        kwargs["params"] = {**kwargs["params"], **extra}
    return kwargs


def get_request_kwargs(campaign_id: int) -> dict[str, Any]:
    """The httpx ``request()`` arguments of one ``GET /api/v4/campaigns/{campaign_id}``."""
    return get_campaign._get_kwargs(campaign_id=campaign_id)


def _json_body(response: httpx.Response, secret: str, schema: str) -> Any:
    """The decoded JSON of a 2xx response, or the typed error the response stands for."""
    if not 200 <= response.status_code <= 299:
        raise status_error(response, secret=secret)
    if (limit := response.extensions.get(TOO_LARGE)) is not None:
        raise _invalid(response, secret, schema, f"the body is larger than {limit} bytes")
    data, problem = load_json(response.content)
    if problem is not None:
        raise _invalid(response, secret, schema, problem)
    return data


def _parsed(response: httpx.Response, secret: str, model: type[M]) -> M:
    """The response's body parsed by the generated *model*, or the typed error it stands for.

    The generated ``from_dict`` checks every value's type (templates/voiso_parse.jinja)
    and raises ``SchemaError`` naming its path.
    """
    _pause_collector()
    try:
        data = _json_body(response, secret, model.__name__)
        if data.__class__ is not dict:
            raise _invalid(response, secret, model.__name__, "the body is not a JSON object")
        try:
            return model.from_dict(data)
        except SchemaError as exc:
            raise _invalid(response, secret, model.__name__, str(exc)) from None
    finally:
        _resume_collector()


# --- the cyclic garbage collector during a parse ---------------------------------
#
# A page of 100 campaigns allocates about 1,400 objects the cyclic collector
# tracks (decoded JSON, models, lists), all alive until the page is built, so
# the collector would run two or three times per page and walk them each time:
# about a quarter of the parse (BENCHMARKS.md). It is paused for the parse of
# one body (about half a millisecond) and resumed after, so it runs at most
# once per page. Reference counting frees everything as usual meanwhile. A
# collector the application has disabled is left disabled; concurrent parses
# count, so the last one out resumes it.

_collector_lock = threading.Lock()
_collector_pauses = 0
_collector_was_enabled = False


def _pause_collector() -> None:
    global _collector_pauses, _collector_was_enabled
    with _collector_lock:
        if _collector_pauses == 0:
            _collector_was_enabled = gc.isenabled()
            gc.disable()
        _collector_pauses += 1


def _resume_collector() -> None:
    global _collector_pauses
    with _collector_lock:
        _collector_pauses -= 1
        if _collector_pauses == 0 and _collector_was_enabled:
            gc.enable()


def _forget_pauses() -> None:
    """In a forked child: the parsing threads did not survive the fork."""
    global _collector_pauses, _collector_lock
    _collector_lock = threading.Lock()
    if _collector_pauses and _collector_was_enabled:
        gc.enable()
    _collector_pauses = 0


os.register_at_fork(after_in_child=_forget_pauses)


def parse_campaign_list(response: httpx.Response, *, secret: str) -> tuple[list[Campaign], int]:
    """The campaigns and ``metadata.total`` of a response, or the typed error it stands for."""
    page = _parsed(response, secret, CampaignList)
    if page.metadata.total < _minimum_total():
        problem = f"metadata.total: {page.metadata.total} is below {_minimum_total()}"
        raise _invalid(response, secret, "CampaignList", problem)
    return page.campaigns, page.metadata.total


def parse_campaign(response: httpx.Response, *, secret: str) -> Campaign:
    """The campaign of a ``{"campaign": {...}}`` response, or the typed error it stands for."""
    return _parsed(response, secret, CampaignEnvelope).campaign


@functools.cache
def _minimum_total() -> int:
    """``ListMetadata.total``'s bound (the generated models carry types, not bounds)."""
    from . import _spec

    total: dict[str, Any] = _spec.component("ListMetadata")["properties"]["total"]
    return int(total.get("minimum", 0))


def _invalid(
    response: httpx.Response, secret: str, schema: str, problem: str
) -> ResponseValidationError:
    return ResponseValidationError(
        f"HTTP {response.status_code} body does not match the {schema} schema: "
        + redact(problem, secret)[:300],
        body=redact(response.text[:BODY_LIMIT], secret),
    )


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


# The generated models report what the schema does not list through this hook.
_types.unknown_hook = _note_unknown
