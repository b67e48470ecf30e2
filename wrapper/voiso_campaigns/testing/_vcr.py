"""vcrpy settings for a service's own cassettes of its calls to Voiso."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit, urlunsplit

#: The host recorded in place of the real one (a fake's random port, a cluster).
RECORDED_HOST = "voiso.invalid"


def _scrub(request: Any) -> Any:
    """The request as recorded: no Authorization header, a fixed host."""
    request.headers.pop("Authorization", None)
    request.headers.pop("authorization", None)
    parts = urlsplit(request.uri)
    request.uri = urlunsplit(parts._replace(netloc=RECORDED_HOST))
    for name in ("host", "Host"):
        if name in request.headers:
            request.headers[name] = RECORDED_HOST
    return request


def vcr_config(**overrides: Any) -> dict[str, Any]:
    """Keyword arguments for ``vcr.VCR(...)`` (or pytest-recording's ``vcr_config``).

    The ``Authorization`` header (the API key) never reaches a cassette; the
    recorded host is a placeholder, and requests match on method, path and
    query only, so a cassette recorded against ``voiso_fake`` on one port (or
    a real cluster) replays against any other. *overrides* win.
    """
    return {
        "filter_headers": ["authorization"],
        "match_on": ["method", "path", "query"],
        "before_record_request": _scrub,
        "decode_compressed_response": True,
        **overrides,
    }
