"""The seam: the only module that imports the generated client.

When the spec is regenerated, this is the one place that can break, and the
tests in ``tests/test_seam.py`` and the regeneration rehearsal pin it.

Why the wrapper does not call ``list_campaigns.sync_detailed``: the generated
``*_detailed`` functions build ``HTTPStatus(code)`` (a ``ValueError`` on 499
or 520, with the response lost) and let ``KeyError``/``TypeError`` from the
models escape. So the wrapper sends the request the generated ``_get_kwargs``
describes, through the same httpx client, and parses 2xx bodies with the
generated models itself; every other outcome becomes a typed error.

The generated models do not check scalar types (``"id": "7"`` would pass), so
after parsing, each model is walked against its own annotations (read from the
generated classes, so a regenerated field is checked without code here). The
same walk notices unknown enum values and unknown fields, which are kept
(forward compatibility) and logged once per process.
"""

from __future__ import annotations

import enum
import json
import logging
import threading
import types
import typing
from typing import Any

import attrs
import httpx

from voiso_campaigns_client import AuthenticatedClient
from voiso_campaigns_client import models as _models
from voiso_campaigns_client.api.campaigns import list_campaigns as _list_campaigns
from voiso_campaigns_client.models import Campaign, CampaignList, CampaignStatus, CampaignStrategy
from voiso_campaigns_client.types import UNSET, Unset

from .errors import _BODY_LIMIT, ResponseValidationError, _redact, _status_error

__all__ = [
    "UNSET",
    "AuthenticatedClient",
    "Campaign",
    "CampaignStatus",
    "CampaignStrategy",
    "Unset",
    "parse_campaign_list",
    "request_kwargs",
]

logger = logging.getLogger("voiso_campaigns")


def request_kwargs(
    *,
    offset: int,
    limit: int,
    name: str | Unset,
    status: CampaignStatus | Unset,
    strategy: CampaignStrategy | Unset,
    method: str | Unset,
    live: bool | Unset,
) -> dict[str, Any]:
    """The httpx ``request()`` arguments of one ``GET /api/v4/campaigns``."""
    return _list_campaigns._get_kwargs(
        limit=limit,
        offset=offset,
        name=name,
        status=status,
        strategy=strategy,
        method=method,
        live=live,
    )


def parse_campaign_list(response: httpx.Response, *, secret: str) -> tuple[list[Campaign], int]:
    """The campaigns and ``metadata.total`` of a response, or the typed error it stands for."""
    if not 200 <= response.status_code <= 299:
        raise _status_error(response, secret=secret)
    try:
        data = json.loads(response.content)
    except ValueError:
        raise _invalid(response, secret, "the body is not JSON") from None
    problem = _shape_problem(data)
    if problem is None:
        try:
            page = CampaignList.from_dict(data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            problem = f"{type(exc).__name__}: {exc}"
        else:
            problem = _walk_list(page)
    if problem is not None:
        raise _invalid(response, secret, problem)
    return page.campaigns, page.metadata.total


def _invalid(response: httpx.Response, secret: str, problem: str) -> ResponseValidationError:
    return ResponseValidationError(
        f"HTTP {response.status_code} body does not match the CampaignList schema: "
        + _redact(problem, secret)[:300],
        body=_redact(response.text[:_BODY_LIMIT], secret),
    )


def _shape_problem(data: object) -> str | None:
    """What the generated parser would trip over in the body's outer shape."""
    if not isinstance(data, dict):
        return "the body is not a JSON object"
    campaigns, metadata = data.get("campaigns"), data.get("metadata")
    if not isinstance(campaigns, list):
        return "campaigns: expected an array"
    if not all(isinstance(item, dict) for item in campaigns):
        return "campaigns: expected an array of objects"
    if not isinstance(metadata, dict):
        return "metadata: expected an object"
    total = metadata.get("total")
    if not isinstance(total, int) or isinstance(total, bool) or total < 0:
        return "metadata.total: expected a non-negative integer"
    return None


# --- the annotation walk -------------------------------------------------------


@attrs.frozen
class _FieldCheck:
    name: str
    allowed: tuple[type, ...]
    bool_ok: bool
    open_enum: bool  # an Enum or any str: a plain str is an unknown value
    item: type | None  # element type of a list field
    nested: tuple[type, ...]  # attrs model classes the value or its items may be


_CHECKS: dict[type, tuple[_FieldCheck, ...]] = {}
_CHECKS_LOCK = threading.Lock()


def _checks_for(cls: type) -> tuple[_FieldCheck, ...]:
    checks = _CHECKS.get(cls)
    if checks is None:
        with _CHECKS_LOCK:
            hints = typing.get_type_hints(cls, localns=vars(_models))
            checks = tuple(
                _field_check(f.name, hints[f.name])
                for f in attrs.fields(cls)
                if f.name != "additional_properties"
            )
            _CHECKS[cls] = checks
    return checks


def _field_check(name: str, hint: Any) -> _FieldCheck:
    members = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    allowed: list[type] = []
    item: type | None = None
    nested: list[type] = []
    has_enum = has_str = False
    for member in members:
        origin = typing.get_origin(member)
        if origin is list:
            allowed.append(list)
            (item,) = typing.get_args(member)
            if attrs.has(item):
                nested.append(item)
        elif member is type(None):
            allowed.append(type(None))
        elif member is float:
            allowed.extend((int, float))
        elif isinstance(member, type):
            allowed.append(member)
            has_enum |= issubclass(member, enum.Enum)
            has_str |= member is str
            if attrs.has(member):
                nested.append(member)
        else:  # pragma: no cover - a construct the generator does not emit today
            allowed.append(object)
    return _FieldCheck(
        name=name,
        allowed=tuple(allowed),
        bool_ok=bool in allowed,
        open_enum=has_enum and has_str,
        item=item,
        nested=tuple(nested),
    )


def _walk_list(page: CampaignList) -> str | None:
    for index, campaign in enumerate(page.campaigns):
        problem = _walk(campaign, f"campaigns[{index}]")
        if problem is not None:
            return problem
    return None


def _walk(obj: Any, path: str) -> str | None:
    """First schema mismatch in a parsed model, or None; notes unknown values on the way."""
    if obj.additional_properties:
        for key in obj.additional_properties:
            _note_unknown(f"{type(obj).__name__}.{key}", None)
    for check in _checks_for(type(obj)):
        value = getattr(obj, check.name)
        if not isinstance(value, check.allowed) or (value.__class__ is bool and not check.bool_ok):
            return f"{path}.{check.name}: unexpected {type(value).__name__}"
        if check.open_enum and value.__class__ is str:
            _note_unknown(f"{type(obj).__name__}.{check.name}", value)
        elif check.nested and value.__class__ in check.nested:
            problem = _walk(value, f"{path}.{check.name}")
            if problem is not None:
                return problem
        elif check.item is not None and value.__class__ is list:
            for i, element in enumerate(value):
                if not isinstance(element, check.item) or element.__class__ is bool:
                    return f"{path}.{check.name}[{i}]: unexpected {type(element).__name__}"
                if check.nested:
                    problem = _walk(element, f"{path}.{check.name}[{i}]")
                    if problem is not None:
                        return problem
    return None


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
