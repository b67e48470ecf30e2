"""Replays of real HTTP exchanges with the fake (record_mode none), for both clients."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest

from voiso_campaigns._client import parse_page
from voiso_campaigns_client.resources import LIST_CAMPAIGNS

from .cassette_scenarios import CASSETTES, REPLAY_BASE_URL, SCENARIOS, make_vcr, record, stale
from .conftest import MakeClient


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_replay(name: str, make_client: MakeClient) -> None:
    """Each recorded scenario replays to the same outcome with the sync and the async client."""
    _, _key, call, expected = SCENARIOS[name]
    replay = make_vcr("none")
    with replay.use_cassette(f"{name}.yaml") as cassette:
        transport = httpx.AsyncHTTPTransport() if make_client.is_async else httpx.HTTPTransport()  # type: ignore[attr-defined]
        client = make_client(
            transport, base_url=REPLAY_BASE_URL, cluster_id=None, max_concurrency=1
        )
        result = _outcome(client, call)
        assert cassette.all_played, f"{name}: not every recorded interaction was used"
    if isinstance(expected, type):
        assert isinstance(result, expected), result
    elif isinstance(expected, str) and expected.startswith("campaign "):
        assert result.id == int(expected.split()[1])
    elif isinstance(expected, str) and expected.startswith("paused "):
        assert (result.id, str(result.status)) == (int(expected.split()[1]), "paused")
    elif isinstance(expected, str) and expected.startswith("added "):
        assert [u.id for u in result] == [int(expected.split()[1])]
    elif isinstance(expected, str) and expected.startswith("removed "):
        assert result.id == int(expected.split()[1])
    elif isinstance(expected, str) and expected.startswith("leads "):
        lists = dict(part.split(" ", 1) for part in expected.removeprefix("leads ").split("; "))
        assert lists == {
            "created": " ".join(result.created),
            "rejected": " ".join(result.rejected),
            "duplicates": " ".join(result.duplicates),
        }
    elif expected == "filtered":
        assert result
        assert all(str(c.status) == "active" and c.live is False for c in result)
    else:
        assert len(result) == expected
        assert len({c.id for c in result}) == expected


def _outcome(client: Any, call: dict[str, Any]) -> Any:
    try:
        if "raw_limit" in call:
            if client.is_async:
                response = client.run(
                    client.client._http.get("/api/v4/campaigns", params={"limit": 0})
                )
            else:
                response = client.client._http.get("/api/v4/campaigns", params={"limit": 0})
            parse_page(LIST_CAMPAIGNS, response, secret="")
        if "call" in call:
            name, args, kwargs = call["call"]
            return client.call(name, *args, **kwargs)
        if "get" in call:
            return client.get(call["get"])
        if "pause" in call:
            return client.act("pause", call["pause"])
        return client.list(**call)
    except Exception as exc:  # the expected typed errors are the outcome under test
        return exc


def test_every_scenario_has_a_cassette() -> None:
    """`make cassettes` was run for every scenario, and no stray cassette remains."""
    assert sorted(p.stem for p in CASSETTES.glob("*.yaml")) == sorted(SCENARIOS)


def test_no_cassette_holds_a_bearer_token() -> None:
    """The Authorization header was filtered out of every recording."""
    for path in CASSETTES.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"(?i)bearer|authorization", text), path.name
        for key in ("test-key", "wrong-key", "weak-key"):
            assert key not in text, (path.name, key)


def test_recording_is_deterministic_and_the_check_names_a_stale_file(tmp_path: Path) -> None:
    """Recording again gives the committed bytes; a cassette that differs is named by the check."""
    record([], tmp_path)
    assert stale(tmp_path) == []
    edited = tmp_path / "forbidden_403.yaml"
    edited.write_text(edited.read_text().replace("Forbidden", "Forbidden!"))
    assert stale(tmp_path) == ["forbidden_403.yaml"]


def test_cassettes_carry_no_port_date_or_version() -> None:
    """What varies between recordings (port, date, package version) is not in any cassette."""
    import voiso_campaigns

    for path in CASSETTES.glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert voiso_campaigns.__version__ not in text, path.name
        assert not re.search(r"(?im)^\s+date:|127\.0\.0\.1:(?!9/|9$)\d+", text), path.name
