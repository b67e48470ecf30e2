"""Everything voiso-campaigns raises on purpose.

The tree::

    VoisoError
    ├── ConfigurationError          (also a ValueError) bad client settings
    ├── APIStatusError              any non-2xx answer, redirects included
    │   ├── BadRequestError             400
    │   ├── AuthenticationError         401
    │   ├── PermissionDeniedError       403
    │   ├── NotFoundError               404
    │   │   └── PossiblyRemovedError        404 to a resent DELETE an earlier attempt may have done
    │   ├── ConflictError               409 (the resource's state does not allow it)
    │   ├── UnprocessableEntityError    422
    │   ├── RateLimitError              429 (retry_after)
    │   └── ServerError                 5xx, non-standard ones (520, 599) included
    ├── APIConnectionError          no answer: DNS, refused, reset, TLS, ...
    │   └── APITimeoutError
    ├── ResponseValidationError     a 2xx body that is not JSON, too large, or not the schema's
    ├── LeadsImportError            import_leads stopped (what was done, unknown, not sent)
    └── ClientClosedError           (also a RuntimeError) the client was closed

Bad arguments to a method raise the builtin ``TypeError``/``ValueError`` before
any request is sent. Messages never contain the API key: a server that echoes
the key back has it replaced by ``[REDACTED]`` in ``message``, ``errors`` and
``body``. Every error pickles (for worker pools) with its message and
attributes; ``APIStatusError.request`` never holds the ``Authorization`` header.
The mapping from responses and httpx exceptions to these classes lives in the
private module ``_error_mapping``. This module imports nothing else of the package.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # a leaf: the CLI's --help imports this tree without the HTTP stack
    import httpx

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ClientClosedError",
    "ConfigurationError",
    "ConflictError",
    "LeadsImportError",
    "NotFoundError",
    "PermissionDeniedError",
    "PossiblyRemovedError",
    "RateLimitError",
    "ResponseValidationError",
    "ServerError",
    "UnprocessableEntityError",
    "VoisoError",
]


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or HTTP-date), or None."""
    if value is None:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    import email.utils  # only for the rare HTTP-date form: keeps import time down

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:  # an HTTP-date is always GMT
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _restore(cls: type[VoisoError], args: tuple[Any, ...], state: dict[str, Any]) -> VoisoError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class VoisoError(Exception):
    """Base class of every error the package raises on purpose."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from its message and attributes, not by calling __init__ again:
        # the default would pass the message back as the first argument
        # (RateLimitError("HTTP 429: x") -> "HTTP HTTP 429: x").
        return _restore, (type(self), self.args, dict(self.__dict__))


class ConfigurationError(VoisoError, ValueError):
    """The client's settings (API key, cluster id, base URL, limits) are missing or invalid.

    Attributes:
        missing: ``"api_key"`` or ``"cluster"`` when that setting was given nowhere, else None.
    """

    def __init__(self, message: str, *, missing: str | None = None) -> None:
        self.missing = missing
        super().__init__(message)


class APIStatusError(VoisoError):
    """The API answered with a non-2xx status.

    Attributes:
        status_code: The HTTP status code.
        message: The ``error`` string of a ``{"error": "..."}`` body, else ``None``.
        errors: The field map of a ``{"errors": {...}}`` body, else ``None``.
        body: The raw body as text, truncated to 2000 characters.
        headers: The response headers.
        request: The request that failed (method and URL; no ``Authorization``), or ``None``.
        response: The response (status, headers and the truncated body), or ``None``.
    """

    def __init__(
        self,
        status_code: int,
        *,
        message: str | None = None,
        errors: dict[str, list[str]] | None = None,
        body: str = "",
        headers: httpx.Headers | None = None,
        request: httpx.Request | None = None,
        response: httpx.Response | None = None,
    ) -> None:
        self.status_code = status_code
        self.message = message
        self.errors = errors
        self.body = body
        if headers is None:
            from httpx import Headers  # loaded already wherever an answer was received

            headers = Headers()
        self.headers = headers
        self.request = request
        self.response = response
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


class PossiblyRemovedError(NotFoundError):
    """404 to a resent DELETE: an earlier attempt, whose answer was lost (a dropped
    connection, a timeout, a 5xx), may already have removed it. ``message`` says which."""


class ConflictError(APIStatusError):
    """409: the resource's current state does not allow the request (``message`` says why)."""


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


class ClientClosedError(VoisoError, RuntimeError):
    """The client was closed: before this call, or while it was listing."""


class LeadsImportError(VoisoError):
    """``import_leads`` stopped: a chunk failed after the retries the rules allow.

    Every input lead is in exactly one place: ``result`` (created, rejected,
    duplicates, invalid), ``unknown``, ``refused``, or not consumed yet (the input
    after the first ``consumed`` leads was never read). The cause is chained
    (``__cause__``). To resume: send ``unknown`` and ``refused`` again (a lead the
    campaign already holds comes back as a duplicate: harmless), then the input
    after its first ``consumed`` leads.

    Attributes:
        result: What the answered chunks did (a ``LeadsImportResult``).
        unknown: The leads of the failed chunk when it may have been processed (a
            dropped connection, a timeout, a 5xx): sent, outcome unknown.
        refused: The leads of the failed chunk when the API refused it as a whole
            (a 4xx such as 409 or 422): not added.
        consumed: How many leads were read from the input.
    """

    def __init__(
        self, message: str, *, result: Any, unknown: list[Any], refused: list[Any], consumed: int
    ) -> None:
        self.result = result
        self.unknown = unknown
        self.refused = refused
        self.consumed = consumed
        super().__init__(message)


class ResponseValidationError(VoisoError):
    """A 2xx response whose body is not JSON or does not match the spec's schema.

    Attributes:
        body: The raw body as text, truncated to 2000 characters.
    """

    def __init__(self, message: str, *, body: str = "") -> None:
        self.body = body
        super().__init__(message)
