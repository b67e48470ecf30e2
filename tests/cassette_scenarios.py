"""The recorded-interaction scenarios, and the recorder behind `make cassettes`.

Each scenario is recorded from the real client talking to a freshly started
fake over loopback HTTP. vcrpy hooks httpx's transports *below* the retry
transport, so every attempt (the 503 and the 200 after it) is its own
interaction. Replays match on method, path and query only, so they run
against any base URL with nothing listening.

Re-record after a spec change: `make cassettes`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import vcr

from voiso_campaigns import VoisoClient, errors
from voiso_campaigns.testing import FakeVoisoAPI

CASSETTES = Path(__file__).resolve().parent / "cassettes"
REPLAY_BASE_URL = "http://127.0.0.1:9"  # discard port: replays never connect

# name: (fake's arguments, api key used, what the client does, what it should give)
SCENARIOS: dict[str, tuple[dict[str, Any], str, dict[str, Any], Any]] = {
    "multi_page_listing": ({"count": 250}, "test-key", {"page_size": 100}, 250),
    "filtered_listing": (
        {"count": 250},
        "test-key",
        {"status": "active", "live": False},
        "filtered",
    ),
    "unauthorized_401": ({}, "wrong-key", {}, errors.AuthenticationError),
    "forbidden_403": ({"api_keys": {"weak-key": []}}, "weak-key", {}, errors.PermissionDeniedError),
    "bad_request_400": ({}, "test-key", {"raw_limit": 0}, errors.BadRequestError),
    "rate_limited_then_ok": ({"count": 5, "failures": [429]}, "test-key", {}, 5),
    "unavailable_then_ok": ({"count": 5, "failures": [503]}, "test-key", {}, 5),
}


def make_vcr(record_mode: str) -> vcr.VCR:
    return vcr.VCR(
        cassette_library_dir=str(CASSETTES),
        record_mode=record_mode,
        match_on=["method", "path", "query"],
        filter_headers=["authorization"],
        decode_compressed_response=True,
    )


def run_sync(client: VoisoClient, call: dict[str, Any]) -> list[Any]:
    """What a scenario does with the sync client."""
    if "raw_limit" in call:
        # limit=0 never leaves the wrapper (it is checked first): send it as a raw request.
        from voiso_campaigns._generated import parse_campaign_list

        response = client._http.get("/api/v4/campaigns", params={"limit": call["raw_limit"]})
        parse_campaign_list(response, secret="")
    return list(client.campaigns.list(**{k: v for k, v in call.items() if k != "raw_limit"}))


def record(names: list[str]) -> None:
    """Record each named scenario (all by default) against a fresh fake."""
    recorder = make_vcr("all")
    for name in names or list(SCENARIOS):
        fake_args, key, call, _ = SCENARIOS[name]
        api = FakeVoisoAPI(**fake_args)
        with (
            api.serve() as server,
            recorder.use_cassette(f"{name}.yaml"),
            VoisoClient(key, base_url=server.base_url, max_concurrency=1) as client,
        ):
            try:
                run_sync(client, call)
            except errors.VoisoError as exc:
                print(f"{name}: {type(exc).__name__}")
            else:
                print(f"{name}: ok")


if __name__ == "__main__":
    record(sys.argv[1:])
