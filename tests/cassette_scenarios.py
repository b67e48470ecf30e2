"""The recorded-interaction scenarios, and the recorder behind `make cassettes`.

Each scenario is recorded from the real client talking to a freshly started
fake over loopback HTTP. vcrpy hooks httpx's transports *below* the retry
transport, so every attempt (the 503 and the 200 after it) is its own
interaction. Replays match on method, path and query only, so they run
against any base URL with nothing listening.

Re-record after a spec change: `make cassettes`. Recording is deterministic:
the fake's data is seeded, and what varies between runs is normalised before
it is written (the loopback port becomes REPLAY_BASE_URL's, the Date, Server
and Content-Length headers are dropped, the User-Agent loses its version), so the same
spec and fake give byte-identical files and a version bump changes none.
`make check-cassettes` re-records into a temporary folder and names any
committed cassette that differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import vcr
import yaml

from voiso_campaigns import VoisoClient, errors
from voiso_campaigns.testing import FakeVoisoAPI

CASSETTES = Path(__file__).resolve().parent / "cassettes"
REPLAY_BASE_URL = "http://127.0.0.1:9"  # discard port: replays never connect

#: A user the fake assigns to campaign 3, and one it does not (from its seeded data).
_ASSIGNED = FakeVoisoAPI(count=5).users(3)[0]["id"]
_FREE = min(set(range(1, 100)) - {u["id"] for u in FakeVoisoAPI(count=5).users(3)})

# name: (fake's arguments, api key used, what the client does, what it should give)
SCENARIOS: dict[str, tuple[dict[str, Any], str, dict[str, Any], Any]] = {
    # Small data sets: every campaign in a cassette is a line to review when a field changes.
    "multi_page_listing": ({"count": 5}, "test-key", {"page_size": 2}, 5),
    "filtered_listing": (
        {"count": 60},
        "test-key",
        {"status": "active", "live": False},
        "filtered",
    ),
    "unauthorized_401": ({}, "wrong-key", {}, errors.AuthenticationError),
    "forbidden_403": ({"api_keys": {"weak-key": []}}, "weak-key", {}, errors.PermissionDeniedError),
    "bad_request_400": ({}, "test-key", {"raw_limit": 0}, errors.BadRequestError),
    "rate_limited_then_ok": ({"count": 5, "failures": [429]}, "test-key", {}, 5),
    "unavailable_then_ok": ({"count": 5, "failures": [503]}, "test-key", {}, 5),
    # get(): the campaign with that id, or NotFoundError.
    "get_campaign": ({"count": 10}, "test-key", {"get": 7}, "campaign 7"),
    "get_missing_404": ({"count": 10}, "test-key", {"get": 11}, errors.NotFoundError),
    # A lifecycle action: the campaign in its new state, or ConflictError from the wrong state.
    "pause_campaign": (
        {"campaigns": [{"id": 3, "status": "active"}]},
        "test-key",
        {"pause": 3},
        "paused 3",
    ),
    "pause_conflict_409": (
        {"campaigns": [{"id": 3, "status": "paused"}]},
        "test-key",
        {"pause": 3},
        errors.ConflictError,
    ),
    # The write operations: a method of client.campaigns, (its name, positional, keyword
    # arguments); the expected outcome is checked by tests/test_cassettes.py.
    "add_users": ({"count": 5}, "test-key", {"call": ("add_users", (3,), {"user_ids": [_FREE]})},
                  f"added {_FREE}"),
    "remove_user": ({"count": 5}, "test-key", {"call": ("remove_user", (3, _ASSIGNED), {})},
                    f"removed {_ASSIGNED}"),
    # One created, one rejected (not a phone number), one duplicate (repeated in the request).
    "add_leads_rejected_and_duplicate": (
        {"count": 5}, "test-key",
        {"call": ("add_leads", (3,), {"leads": [
            {"phone_number": "+15550001234", "name": "Ada", "priority": 5},
            {"phone_number": "not-a-phone", "name": "Bad"},
            {"phone_number": "+15550001234", "name": "Again"},
        ]})},
        "leads created +15550001234; rejected not-a-phone; duplicates +15550001234",
    ),
}  # fmt: skip


#: Response headers that change from one recording to the next (or with every body
#: change: the length follows from the body) and mean nothing here.
VOLATILE_RESPONSE_HEADERS = ("date", "server", "content-length")


def _stable_request(request: Any) -> Any:
    """The request as recorded: the replay host instead of the port it ran on, no version."""
    parts = urlsplit(request.uri)
    request.uri = urlunsplit(parts._replace(netloc=urlsplit(REPLAY_BASE_URL).netloc))
    if "host" in request.headers:
        request.headers["host"] = urlsplit(REPLAY_BASE_URL).netloc
    if "user-agent" in request.headers:
        request.headers["user-agent"] = request.headers["user-agent"].split("/")[0]
    return request


def _stable_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response["headers"]
    for name in list(headers):
        if name.lower() in VOLATILE_RESPONSE_HEADERS:
            del headers[name]
    return response


class _ReadableBodies:
    """vcrpy's YAML, with a JSON body stored as YAML (one field a line) instead of one
    long string, so that a new field in a campaign is one added line in the diff.

    Reading writes the body back exactly as the fake sends it (compact JSON), so the
    replayed bytes are the recorded ones; a body that would not survive the round
    trip is kept as a string."""

    @staticmethod
    def _compact(data: Any) -> str:
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def serialize(cls, cassette: dict[str, Any]) -> str:
        for interaction in cassette["interactions"]:
            body = interaction["response"]["body"]
            text = body.get("string")
            if isinstance(text, bytes):
                text = text.decode("utf-8", "replace")
            try:
                data = json.loads(text)
            except (TypeError, ValueError):
                continue
            if cls._compact(data) == text:
                body.pop("string")
                body["json"] = data
        return yaml.safe_dump(cassette, allow_unicode=True, sort_keys=False, width=100)

    @classmethod
    def deserialize(cls, text: str) -> dict[str, Any]:
        cassette: dict[str, Any] = yaml.safe_load(text)
        for interaction in cassette["interactions"]:
            body = interaction["response"]["body"]
            if "json" in body:
                body["string"] = cls._compact(body.pop("json"))
        return cassette


def make_vcr(record_mode: str, directory: Path = CASSETTES) -> vcr.VCR:
    recorder = vcr.VCR(
        cassette_library_dir=str(directory),
        record_mode=record_mode,
        match_on=["method", "path", "query"],
        filter_headers=["authorization"],
        decode_compressed_response=True,
        before_record_request=_stable_request,
        before_record_response=_stable_response,
        serializer="readable",
    )
    recorder.register_serializer("readable", _ReadableBodies)
    return recorder


def run_sync(client: VoisoClient, call: dict[str, Any]) -> list[Any]:
    """What a scenario does with the sync client."""
    if "raw_limit" in call:
        # limit=0 never leaves the wrapper (it is checked first): send it as a raw request.
        from voiso_campaigns._client import parse_page
        from voiso_campaigns_client.resources import LIST_CAMPAIGNS

        response = client._http.get("/api/v4/campaigns", params={"limit": call["raw_limit"]})
        parse_page(LIST_CAMPAIGNS, response, secret="")
    if "call" in call:
        name, args, kwargs = call["call"]
        return [getattr(client.campaigns, name)(*args, **kwargs)]
    if "get" in call:
        return [client.campaigns.get(call["get"])]
    if "pause" in call:
        return [client.campaigns.pause(call["pause"])]
    return list(client.campaigns.list(**{k: v for k, v in call.items() if k != "raw_limit"}))


def record(names: list[str], directory: Path = CASSETTES) -> None:
    """Record each named scenario (all by default) against a fresh fake, into *directory*."""
    recorder = make_vcr("all", directory)
    for name in names or list(SCENARIOS):
        fake_args, key, call, _ = SCENARIOS[name]
        api = FakeVoisoAPI(**fake_args)
        (directory / f"{name}.yaml").unlink(missing_ok=True)
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


def stale(directory: Path) -> list[str]:
    """The committed cassettes that differ from (or are missing next to) those in *directory*."""
    fresh = {p.name: p.read_bytes() for p in directory.glob("*.yaml")}
    committed = {p.name: p.read_bytes() for p in CASSETTES.glob("*.yaml")}
    return sorted(n for n in fresh.keys() | committed.keys() if fresh.get(n) != committed.get(n))


def main(argv: list[str]) -> int:

    parser = argparse.ArgumentParser(description="Record the cassettes, or check them.")
    parser.add_argument(
        "--check", action="store_true", help="re-record in a temporary folder and compare"
    )
    parser.add_argument("names", nargs="*", help="scenarios (default: all)")
    args = parser.parse_args(argv)
    if not args.check:
        record(args.names)
        return 0
    import contextlib
    import io
    import tempfile

    with tempfile.TemporaryDirectory() as tmp, contextlib.redirect_stdout(io.StringIO()):
        record(args.names, Path(tmp))
        differ = stale(Path(tmp))
    for name in differ:
        print(f"check-cassettes: tests/cassettes/{name} is not what the fake records now")
    if differ:
        print("check-cassettes: run `make cassettes` and commit the result")
        return 1
    print(f"check-cassettes: all {len(SCENARIOS)} cassettes are current")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
