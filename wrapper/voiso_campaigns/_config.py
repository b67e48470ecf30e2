"""Client settings: arguments, then environment variables, validated once.

Precedence: an argument beats the environment. ``cluster_id`` and
``base_url`` name the same thing, so exactly one must resolve: passing both
is an error, and so is having both ``VOISO_CLUSTER_ID`` and
``VOISO_BASE_URL`` set when neither argument is given.
"""

from __future__ import annotations

import os
import re

import attrs
import httpx

from .errors import ConfigurationError

ENV_API_KEY = "VOISO_API_KEY"
ENV_CLUSTER_ID = "VOISO_CLUSTER_ID"
ENV_BASE_URL = "VOISO_BASE_URL"

#: A single DNS label (RFC 1123): what goes in front of ``.voiso.com``.
_DNS_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
# Visible ASCII only: anything else could split or smuggle a header.
_TOKEN = re.compile(r"[\x21-\x7e]+")

#: The clients' defaults (both constructors and the CLI's help read them).
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RETRIES = 3
DEFAULT_MAX_CONCURRENCY = 4
MAX_RETRIES_LIMIT = 10
MAX_CONCURRENCY_LIMIT = 32
#: The default bound on one response body, decoded: a page of 100 campaigns is
#: about 100 kB of JSON; 8 MiB leaves a wide margin and still stops a huge body
#: or a compression bomb long before it costs real memory.
DEFAULT_MAX_RESPONSE_SIZE = 8 * 1024 * 1024


@attrs.frozen(repr=False)
class Settings:
    """Validated client settings. Holds the API key: never printed."""

    api_key: str
    base_url: httpx.URL
    timeout: httpx.Timeout
    #: Seconds one attempt may take from sending to the last body byte; None when
    #: the caller gave an httpx.Timeout (its per-phase meaning is kept).
    total_timeout: float | None
    max_retries: int
    max_concurrency: int
    max_response_size: int
    #: Seconds one call may take, its retries and their waits included (None: no bound).
    deadline: float | None = None

    def __repr__(self) -> str:
        return f"Settings(base_url={str(self.base_url)!r}, api_key=<redacted>)"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    import ipaddress  # only for base_url checks: keeps import time down

    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _check_int(name: str, value: object, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ConfigurationError(f"{name} must be an int from {low} to {high}, got {value!r}")
    if not low <= value <= high:
        raise ConfigurationError(f"{name} must be from {low} to {high}, got {value}")
    return value


def _api_key(api_key: object) -> str:
    if api_key is None:
        api_key = os.environ.get(ENV_API_KEY)
        if not api_key:
            raise ConfigurationError(
                f"api_key is required: pass api_key=... or set {ENV_API_KEY}", missing="api_key"
            )
    if not isinstance(api_key, str):
        raise ConfigurationError(f"api_key must be a str, got {type(api_key).__name__}")
    # Surrounding whitespace is a copy-paste or file artefact (a trailing newline):
    # stripped. Whitespace or control characters inside are still refused.
    api_key = api_key.strip()
    if not _TOKEN.fullmatch(api_key):
        # Never echo the value: it is a secret even when malformed.
        raise ConfigurationError(
            "api_key must be a non-empty string of visible ASCII characters "
            "(no spaces or line breaks)"
        )
    return api_key


def _base_url(cluster_id: object, base_url: object) -> httpx.URL:
    if cluster_id is None and base_url is None:
        cluster_id = os.environ.get(ENV_CLUSTER_ID) or None
        base_url = os.environ.get(ENV_BASE_URL) or None
        if cluster_id is not None and base_url is not None:
            raise ConfigurationError(
                f"both {ENV_CLUSTER_ID} and {ENV_BASE_URL} are set; set only one"
            )
    if cluster_id is not None and base_url is not None:
        raise ConfigurationError("pass cluster_id or base_url, not both")
    if cluster_id is not None:
        if not isinstance(cluster_id, str) or not _DNS_LABEL.fullmatch(cluster_id):
            raise ConfigurationError(
                "cluster_id must be a single DNS label (letters, digits and inner hyphens, "
                f"at most 63 characters, e.g. 'cc' for https://cc.voiso.com), got {cluster_id!r}"
            )
        return httpx.URL(f"https://{cluster_id.lower()}.voiso.com")
    if base_url is None:
        raise ConfigurationError(
            f"a cluster is required: pass cluster_id=... or base_url=..., "
            f"or set {ENV_CLUSTER_ID} or {ENV_BASE_URL}",
            missing="cluster",
        )
    return _check_base_url(base_url)


def _check_base_url(base_url: object) -> httpx.URL:
    if not isinstance(base_url, str | httpx.URL):
        raise ConfigurationError(f"base_url must be a str, got {type(base_url).__name__}")
    try:
        url = httpx.URL(str(base_url))
    except httpx.InvalidURL as exc:
        raise ConfigurationError(f"base_url is not a valid URL: {exc}") from None
    if url.scheme not in ("https", "http") or not url.host:
        raise ConfigurationError(
            f"base_url must be an absolute https:// URL, got {str(base_url)!r}"
        )
    if url.scheme == "http" and not _is_loopback(url.host):
        raise ConfigurationError(
            "base_url must use https:// (plain http:// is allowed only for loopback hosts "
            f"such as 127.0.0.1 or localhost), got {str(base_url)!r}"
        )
    if url.userinfo or url.query or url.fragment:
        raise ConfigurationError("base_url must not carry credentials, a query or a fragment")
    path = url.path.rstrip("/")
    if doubled := _api_prefix_in(path):
        shown = str(url.copy_with(path="/")).rstrip("/")
        raise ConfigurationError(
            f"base_url must not end with {doubled}: the API's paths start with it, so it "
            f"would be sent twice ({doubled}{doubled}/...); pass {shown!r}, got {str(base_url)!r}"
        )
    return url.copy_with(path=path or "/")


def _api_prefix_in(path: str) -> str | None:
    """The start of the spec's operation paths (``/api``, ``/api/v4``, ...) that *path*
    ends with, or None. A proxy's own prefix (``/voiso``) is fine."""
    if not path:
        return None
    from . import _spec

    for template in _spec.document().get("paths", {}):
        parts = template.split("/")[1:]
        for end in range(len(parts), 0, -1):
            prefix = "/" + "/".join(parts[:end])
            if "{" not in prefix and path.endswith(prefix):
                return prefix
    return None


def _timeout(timeout: object) -> httpx.Timeout:
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not timeout > 0:
        raise ConfigurationError(
            f"timeout must be a positive number of seconds or an httpx.Timeout, got {timeout!r}"
        )
    return httpx.Timeout(float(timeout))


def check_deadline(deadline: object) -> float | None:
    """A call's bound in seconds (a positive number), or None for none."""
    if deadline is None:
        return None
    if isinstance(deadline, bool) or not isinstance(deadline, int | float) or not deadline > 0:
        raise ConfigurationError(
            f"deadline must be a positive number of seconds or None, got {deadline!r}"
        )
    return float(deadline)


def read_settings(
    api_key: object,
    *,
    cluster_id: object,
    base_url: object,
    timeout: object,
    max_retries: object,
    max_concurrency: object,
    max_response_size: object = DEFAULT_MAX_RESPONSE_SIZE,
    deadline: object = None,
) -> Settings:
    """Validate the constructor's arguments, with the environment as fallback."""
    phases = _timeout(timeout)
    return Settings(
        api_key=_api_key(api_key),
        base_url=_base_url(cluster_id, base_url),
        timeout=phases,
        total_timeout=None if isinstance(timeout, httpx.Timeout) else phases.read,
        max_retries=_check_int("max_retries", max_retries, 0, MAX_RETRIES_LIMIT),
        max_concurrency=_check_int("max_concurrency", max_concurrency, 1, MAX_CONCURRENCY_LIMIT),
        max_response_size=_check_int("max_response_size", max_response_size, 1024, 1 << 40),
        deadline=check_deadline(deadline),
    )
