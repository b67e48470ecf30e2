"""Everything voiso-campaigns raises on purpose.

The tree::

    VoisoError
    ├── ConfigurationError          (also a ValueError) bad client settings
    ├── APIStatusError              any non-2xx answer, redirects included
    │   ├── BadRequestError             400
    │   ├── AuthenticationError         401
    │   ├── PermissionDeniedError       403
    │   ├── NotFoundError               404
    │   ├── UnprocessableEntityError    422
    │   ├── RateLimitError              429 (retry_after)
    │   └── ServerError                 5xx, non-standard ones (520, 599) included
    ├── APIConnectionError          no answer: DNS, refused, reset, TLS, ...
    │   └── APITimeoutError
    └── ResponseValidationError     a 2xx body that is not JSON or not a CampaignList

Bad arguments to a method raise the builtin ``TypeError``/``ValueError`` before
any request is sent. Messages never contain the API key: a server that echoes
the key back has it replaced by ``[REDACTED]`` in ``message``, ``errors`` and
``body``.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from ._retry import parse_retry_after

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseValidationError",
    "ServerError",
    "UnprocessableEntityError",
    "VoisoError",
]

#: How much of a response body an error keeps.
_BODY_LIMIT = 2000
_REDACTED = "[REDACTED]"


class VoisoError(Exception):
    """Base class of every error the package raises on purpose."""


class ConfigurationError(VoisoError, ValueError):
    """The client's settings (API key, cluster id, base URL, limits) are missing or invalid."""


class APIStatusError(VoisoError):
    """The API answered with a non-2xx status.

    Attributes:
        status_code: The HTTP status code.
        message: The ``error`` string of a ``{"error": "..."}`` body, else ``None``.
        errors: The field map of a ``{"errors": {...}}`` body, else ``None``.
        body: The raw body as text, truncated to 2000 characters.
        headers: The response headers.
    """

    def __init__(
        self,
        status_code: int,
        *,
        message: str | None = None,
        errors: dict[str, list[str]] | None = None,
        body: str = "",
        headers: httpx.Headers | None = None,
    ) -> None:
        self.status_code = status_code
        self.message = message
        self.errors = errors
        self.body = body
        self.headers = headers if headers is not None else httpx.Headers()
        super().__init__(self._describe())

    def _describe(self) -> str:
        text = f"HTTP {self.status_code}"
        if self.message:
            text += f": {self.message}"
        if self.errors:
            text += f" {self.errors}"
        return text


class BadRequestError(APIStatusError):
    """400: the request was invalid (for example ``limit`` or ``offset``)."""


class AuthenticationError(APIStatusError):
    """401: the API key is missing or invalid."""


class PermissionDeniedError(APIStatusError):
    """403: the API key is valid but lacks the ``campaigns.read`` scope."""


class NotFoundError(APIStatusError):
    """404: not found."""


class UnprocessableEntityError(APIStatusError):
    """422: validation failed; ``errors`` maps each field to its messages."""


class RateLimitError(APIStatusError):
    """429: too many requests, after the retries allowed were spent.

    Attributes:
        retry_after: Seconds the server asked to wait (``Retry-After``), or ``None``.
    """

    def __init__(self, status_code: int, **kwargs: Any) -> None:
        super().__init__(status_code, **kwargs)
        self.retry_after = parse_retry_after(self.headers.get("retry-after"))


class ServerError(APIStatusError):
    """5xx: the server failed."""


class APIConnectionError(VoisoError):
    """No response was received (connection refused or reset, DNS or TLS failure, ...)."""


class APITimeoutError(APIConnectionError):
    """The request timed out."""


class ResponseValidationError(VoisoError):
    """A 2xx response whose body is not JSON or does not match the spec's schema.

    Attributes:
        body: The raw body as text, truncated to 2000 characters.
    """

    def __init__(self, message: str, *, body: str = "") -> None:
        self.body = body
        super().__init__(message)


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def _error_class_for_status(status_code: int) -> type[APIStatusError]:
    """The error class for a non-2xx status: the one place that decides it."""
    if status_code in _STATUS_ERRORS:
        return _STATUS_ERRORS[status_code]
    if 500 <= status_code <= 599:
        return ServerError
    return APIStatusError


def _redact(text: str, secret: str) -> str:
    return text.replace(secret, _REDACTED) if secret and secret in text else text


def _status_error(response: httpx.Response, *, secret: str) -> APIStatusError:
    """Build the typed error for a non-2xx response, whatever its body holds."""
    body = _redact(response.text[:_BODY_LIMIT], secret)
    message: str | None = None
    errors: dict[str, list[str]] | None = None
    try:
        data = json.loads(response.content)
    except ValueError:
        data = None
    if isinstance(data, dict):
        if isinstance(data.get("error"), str):
            message = _redact(data["error"], secret)
        if isinstance(data.get("errors"), dict):
            errors = {
                _redact(str(field), secret): [
                    _redact(str(m), secret) for m in (msgs if isinstance(msgs, list) else [msgs])
                ]
                for field, msgs in data["errors"].items()
            }
    if message is None and not errors:
        # No usable body (HTML from a proxy, empty, ...): fall back to the reason phrase.
        message = response.reason_phrase or None
    cls = _error_class_for_status(response.status_code)
    return cls(
        response.status_code,
        message=message,
        errors=errors,
        body=body,
        headers=response.headers,
    )


def _connection_error(exc: httpx.HTTPError) -> APIConnectionError:
    """Translate an httpx exception raised while sending; the one place that does it."""
    if isinstance(exc, httpx.TimeoutException):
        return APITimeoutError(f"request timed out ({type(exc).__name__})")
    return APIConnectionError(f"connection failed ({type(exc).__name__}: {exc})")
