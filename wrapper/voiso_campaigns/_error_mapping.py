"""The one place responses and httpx exceptions become the package's errors (``errors``).

Private: ``errors`` is the public tree; this module builds its instances.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from ._transport import TOO_LARGE
from .errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    PossiblyRemovedError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    UnprocessableEntityError,
)

#: Set by the retry transport on an answer it did not retry for its method (its value: why).
NOT_RETRIED = "voiso_campaigns.not_retried"
#: Response extension: a 404 to a resent DELETE whose earlier attempt may have removed it.
MAYBE_APPLIED = "voiso_campaigns.maybe_applied"
#: How much of a response body an error keeps.
BODY_LIMIT = 2000
REDACTED = "[REDACTED]"

_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def error_class_for_status(status_code: int) -> type[APIStatusError]:
    """The error class for a non-2xx status: the one place that decides it."""
    if status_code in _STATUS_ERRORS:
        return _STATUS_ERRORS[status_code]
    if 500 <= status_code <= 599:
        return ServerError
    return APIStatusError


def redact(text: str, secret: str) -> str:
    return text.replace(secret, REDACTED) if secret and secret in text else text


def load_json(content: bytes) -> tuple[Any, str | None]:
    """(data, None), or (None, why not): never an exception, whatever the bytes or nesting."""
    try:
        return json.loads(content), None
    except RecursionError:
        return None, "the body nests too deeply to decode"
    except ValueError:
        return None, "the body is not JSON"


def _evidence(response: httpx.Response, body: str) -> tuple[httpx.Request | None, httpx.Response]:
    """The request (method and URL only) and a response copy (status, headers, body) to keep."""
    request = None
    try:
        original = response.request
    except RuntimeError:  # a response built without a request
        original = None
    if original is not None:
        request = httpx.Request(original.method, original.url)
    kept = httpx.Response(
        response.status_code, headers=response.headers, content=body.encode(), request=request
    )
    return request, kept


def status_error(response: httpx.Response, *, secret: str) -> APIStatusError:
    """Build the typed error for a non-2xx response, whatever its body holds."""
    body = redact(response.text[:BODY_LIMIT], secret)
    message: str | None = None
    errors: dict[str, list[str]] | None = None
    data, _ = load_json(response.content)
    if isinstance(data, dict):
        if isinstance(data.get("error"), str):
            message = redact(data["error"], secret)
        if isinstance(data.get("errors"), dict):
            errors = {
                redact(str(field), secret): [
                    redact(str(m), secret) for m in (msgs if isinstance(msgs, list) else [msgs])
                ]
                for field, msgs in data["errors"].items()
            }
    if message is None and not errors:
        # No usable body (HTML from a proxy, empty, ...): fall back to the reason phrase.
        message = response.reason_phrase or None
    if (why := response.extensions.get(NOT_RETRIED)) is not None:
        message = f"{message} ({why})" if message else why
    request, kept = _evidence(response, body)
    cls = error_class_for_status(response.status_code)
    if (earlier := response.extensions.get(MAYBE_APPLIED)) is not None:
        message, cls = f"{message} ({earlier})", PossiblyRemovedError
    return cls(
        response.status_code,
        message=message,
        errors=errors,
        body=body,
        headers=response.headers,
        request=request,
        response=kept,
    )


def connection_error(exc: httpx.HTTPError) -> APIConnectionError:
    """Translate an httpx exception raised while sending; the one place that does it."""
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"request timed out ({type(exc).__name__}: {exc})")
    return APIConnectionError(f"connection failed ({type(exc).__name__}: {exc})")


def json_object(response: httpx.Response, *, secret: str, schema: str) -> dict[str, Any]:
    """The decoded JSON object of a 2xx *response*, or the typed error it stands for.

    The one place an answer becomes an error: a non-2xx status (``status_error``),
    a body cut at ``max_response_size``, one that is not JSON or not an object.
    """
    if not 200 <= response.status_code <= 299:
        raise status_error(response, secret=secret)
    if (limit := response.extensions.get(TOO_LARGE)) is not None:
        raise invalid(response, secret, schema, f"the body is larger than {limit} bytes")
    data, problem = load_json(response.content)
    if problem is not None:
        raise invalid(response, secret, schema, problem)
    if data.__class__ is not dict:
        raise invalid(response, secret, schema, "the body is not a JSON object")
    return data


def invalid(
    response: httpx.Response, secret: str, schema: str, problem: str
) -> ResponseValidationError:
    """A 2xx body that is not *schema*'s shape, as the package's error."""
    return ResponseValidationError(
        f"HTTP {response.status_code} body does not match the {schema} schema: "
        + redact(problem, secret)[:300],
        body=redact(response.text[:BODY_LIMIT], secret),
    )
