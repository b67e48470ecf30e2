"""What a service sees of the package's logging: its own records, once, and nothing
printed when the service has configured no logging (issue 20, item 3)."""

from __future__ import annotations

import subprocess
import sys

RETRIED_ONCE = """
import logging, sys
import httpx
from voiso_campaigns import VoisoClient
from voiso_campaigns.testing import no_waits

if sys.argv[1] == "configured":
    logging.basicConfig(format="%(levelname)s %(name)s %(message)s")
answers = iter([
    httpx.Response(503),
    httpx.Response(200, json={"campaign": {"id": 3, "name": "x", "status": "active",
                                           "strategy": "simple"}}),
])
http = httpx.Client(transport=httpx.MockTransport(lambda request: next(answers)))
with no_waits(), VoisoClient("k", cluster_id="cc", http_client=http) as client:
    assert client.campaigns.get(3).id == 3
"""


def _stderr(mode: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", RETRIED_ONCE, mode], capture_output=True, text=True, check=True
    )
    return result.stderr.splitlines()


def test_nothing_is_printed_when_logging_is_not_configured() -> None:
    """A retry with no handler anywhere prints nothing (Python's last-resort handler
    printed stamina's `stamina.retry_scheduled` for each one)."""
    assert _stderr("unconfigured") == []


def test_a_retry_is_logged_once_by_the_package() -> None:
    """With logging.basicConfig(), one WARNING line per retry, ours (stamina added its own)."""
    lines = _stderr("configured")
    assert len(lines) == 1, lines
    assert lines[0].startswith("WARNING voiso_campaigns retrying GET /api/v4/campaigns/3 in ")
    assert lines[0].endswith("attempt 1 failed (HTTP 503)")
