"""Pause, start and stop, and requests that are never sent twice once they may have been processed."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from voiso_campaigns import (
    UNSET,
    AsyncVoisoClient,
    ConflictError,
    PermissionDeniedError,
    VoisoClient,
    _cli,
    errors,
)
from voiso_campaigns.testing import FakeVoisoAPI
from voiso_campaigns.testing import _fake as fake_module

from .conftest import KEY, PATHS, SPEC, MakeClient

#: The vendor's pause example, byte for byte: five fields, no timestamps.
VENDOR_PAUSED = (
    b'{"id": 3, "name": "Summer Outreach Campaign", "status": "paused", '
    b'"strategy": "simple", "dial_level": 1}'
)
ACTIONS = ("pause", "start", "stop")


# --- a loopback server that applies a pause, then fails the answer as told ---------------


class Lifecycle:
    """Serves one behaviour per connection (the last repeats) and counts what happened.

    Attributes:
        connections: Connections accepted.
        received: Requests read whole (method and path).
        applied: Pauses applied (a POST read whole is applied before its answer fails).
    """

    def __init__(self, *script: str, seconds: float = 1.0) -> None:
        self.script = list(script)
        self.seconds = seconds
        self.connections = 0
        self.received: list[str] = []
        self.applied = 0
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.1)
        self.url = f"http://127.0.0.1:{self._sock.getsockname()[1]}"
        self._stop = threading.Event()
        self._lock = threading.Lock()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            with self._lock:
                behaviour = self.script[min(self.connections, len(self.script) - 1)]
                self.connections += 1
            threading.Thread(target=self._answer, args=(conn, behaviour), daemon=True).start()

    def _answer(self, conn: socket.socket, behaviour: str) -> None:
        with conn:
            conn.settimeout(5)
            if behaviour == "drop_before_read":  # a reset before the request is read
                # Wait until the request's bytes have arrived (peeked, not read): the
                # client is past its connect, so this is a failure after writing, never
                # the connect failure a reset right after accept() can race into.
                conn.recv(1, socket.MSG_PEEK)
                conn.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                )
                return
            data = b""
            try:
                while b"\r\n\r\n" not in data:
                    chunk = conn.recv(65536)
                    if not chunk:
                        return
                    data += chunk
                line = data.split(b"\r\n", 1)[0].decode()
                with self._lock:
                    self.received.append(line)
                    if line.startswith("POST") and not behaviour.startswith(("503", "429")):
                        self.applied += 1
                self._behave(conn, behaviour, line)
            except OSError:
                pass

    def _behave(self, conn: socket.socket, behaviour: str, line: str) -> None:
        if behaviour == "drop_after_write":
            return  # read and applied, then closed without an answer
        if behaviour == "timeout":
            time.sleep(self.seconds)
            return
        if behaviour == "503":
            self._send(conn, 503, b'{"error": "Service unavailable"}')
        elif behaviour == "429_retry_after":
            self._send(conn, 429, b'{"error": "Too many requests"}', "Retry-After: 0\r\n")
        elif behaviour == "503_retry_after_1":
            self._send(conn, 503, b'{"error": "Service unavailable"}', "Retry-After: 1\r\n")
        elif behaviour == "429":
            self._send(conn, 429, b'{"error": "Too many requests"}')
        else:  # ok: the vendor's bodies
            body = (
                VENDOR_PAUSED
                if line.startswith("POST")
                else b'{"campaign": ' + VENDOR_PAUSED + b"}"
            )
            self._send(conn, 200, body)

    @staticmethod
    def _send(conn: socket.socket, status: int, body: bytes, extra: str = "") -> None:
        head = f"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nConnection: close\r\n"
        conn.sendall(f"{head}Content-Length: {len(body)}\r\n{extra}\r\n".encode() + body)

    @contextmanager
    def running(self) -> Iterator[Lifecycle]:
        thread = threading.Thread(target=self._serve, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self._stop.set()
            thread.join()
            self._sock.close()


def _closed_port() -> str:
    """A loopback URL where nothing listens: every connection is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"


def call(flavour: str, url: str, method: str, **options: Any) -> Any:
    """pause(3) (POST) or get(3) (GET) with the sync or the async client; the result or the error."""
    options = {"max_retries": 2, "timeout": 0.5, **options}
    try:
        if flavour == "sync":
            with VoisoClient(KEY, base_url=url, **options) as client:
                return client.campaigns.pause(3) if method == "POST" else client.campaigns.get(3)

        async def run() -> Any:
            async with AsyncVoisoClient(KEY, base_url=url, **options) as client:
                if method == "POST":
                    return await client.campaigns.pause(3)
                return await client.campaigns.get(3)

        return asyncio.run(run())
    except errors.VoisoError as exc:
        return exc


ATTEMPTS = 3  # max_retries=2


@pytest.mark.parametrize("flavour", ["sync", "async"])
@pytest.mark.parametrize(
    ("failure", "post_requests", "post_outcome", "get_requests"),
    [
        # Never reached the server: safe to resend whatever the method.
        ("refused", 0, errors.APIConnectionError, 0),
        # The request may have been read: a POST is sent once; a GET is retried (and then
        # answered: each script fails once, then succeeds).
        ("drop_before_read", 1, errors.APIConnectionError, 2),
        ("drop_after_write", 1, errors.APIConnectionError, 2),
        ("timeout", 1, errors.APITimeoutError, 2),
        ("503", 1, errors.ServerError, 2),
        # Refused for the rate limit: nothing was done, so a POST is resent too.
        ("429_retry_after", 2, "ok", 2),
        ("429", 2, "ok", 2),
    ],
)
def test_a_post_is_never_applied_twice_and_a_get_is_still_retried(
    flavour: str, failure: str, post_requests: int, post_outcome: Any, get_requests: int
) -> None:
    """For each failure, the requests the server received and the pauses it applied."""
    for method, expected_requests in (("POST", post_requests), ("GET", get_requests)):
        if failure == "refused":
            result = call(flavour, _closed_port(), method)
            assert isinstance(result, errors.APIConnectionError), result
            assert "not retried" not in str(result), result  # never reached: retried
            continue
        server = Lifecycle(failure, "ok", seconds=1.0)
        with server.running():
            result = call(flavour, server.url, method)
        # Attempts are connections (Connection: close); a reset one was never read.
        assert server.connections == expected_requests, (method, server.connections)
        read = expected_requests - (failure == "drop_before_read")  # the reset one is unread
        assert [line.split()[0] for line in server.received] == [method] * read, server.received
        assert server.applied <= 1, f"a {method} was applied {server.applied} times"
        if method == "GET":
            assert not isinstance(result, errors.VoisoError), result  # retried, then answered
        elif post_outcome == "ok":
            assert result.status == "paused", result
            assert server.applied == 1
        else:
            assert isinstance(result, post_outcome), result
            assert "not retried: POST is not idempotent" in str(result), result


def test_a_refused_post_is_retried(caplog: pytest.LogCaptureFixture) -> None:
    """A connection refused before anything was written is retried for a POST too."""
    caplog.set_level("WARNING", logger="voiso_campaigns")
    result = call("sync", _closed_port(), "POST")
    assert isinstance(result, errors.APIConnectionError)
    retries = [r for r in caplog.records if r.getMessage().startswith("retrying POST")]
    assert len(retries) == ATTEMPTS - 1, [r.getMessage() for r in caplog.records]


def test_raw_post_is_not_resent_after_a_drop() -> None:
    """client.raw shares the retry transport, and its rule for a POST."""
    server = Lifecycle("drop_after_write", "ok")
    with server.running(), VoisoClient(KEY, base_url=server.url, max_retries=3) as client:
        with pytest.raises(httpx.RemoteProtocolError, match="not retried"):
            client.raw.get_httpx_client().post("/api/v4/campaigns/3/pause")
    assert (len(server.received), server.applied) == (1, 1)


# --- the operations -------------------------------------------------------------------


def test_the_vendors_example_body_parses() -> None:
    """A 200 shaped like the vendor's pause example (no timestamps) is a Campaign."""
    answer = lambda request: httpx.Response(200, content=VENDOR_PAUSED)  # noqa: E731
    http = httpx.Client(transport=httpx.MockTransport(answer))
    with VoisoClient(KEY, cluster_id="cc", http_client=http) as client:
        campaign = client.campaigns.pause(3)
    assert (campaign.id, campaign.status, campaign.dial_level) == (3, "paused", 1)
    assert campaign.created_at is UNSET
    assert campaign.updated_at is UNSET
    example = PATHS["/api/v4/campaigns/{campaign_id}/pause"]["post"]["responses"]["200"]
    assert example["content"]["application/json"]["example"] == json.loads(VENDOR_PAUSED)


@pytest.mark.parametrize("action", ACTIONS)
def test_actions_change_the_state_through_both_clients(
    make_client: MakeClient, action: str
) -> None:
    """Each action answers the campaign in its new state; the wrong state is a ConflictError."""
    start = "draft" if action == "start" else "active"
    api = FakeVoisoAPI(campaigns=[{"id": 3, "status": start}])
    client = make_client(api.transport())
    changed = client.act(action, 3)
    _allowed, after, _ = fake_module.LIFECYCLE[f"{action}_campaign"]
    assert (changed.id, str(changed.status)) == (3, after)
    assert api.changes == [(f"{action}_campaign", 3)]
    with pytest.raises(ConflictError) as info:
        client.act(action, 3)
    assert info.value.status_code == 409
    assert after in (info.value.message or "")
    assert len(api.changes) == 1


def test_transitional_states_answer_409(make_client: MakeClient) -> None:
    """A campaign being paused can be neither paused, stopped nor started."""
    api = FakeVoisoAPI(campaigns=[{"id": 3, "status": "pausing"}])
    client = make_client(api.transport())
    for action in ACTIONS:
        with pytest.raises(ConflictError):
            client.act(action, 3)
    assert api.changes == []


@pytest.mark.parametrize("bad", [0, -1, True, "3", 3.0])
def test_the_id_is_checked_before_sending(make_client: MakeClient, bad: Any) -> None:
    """An id outside the spec's bounds or of the wrong type never reaches the network."""
    api = FakeVoisoAPI()
    client = make_client(api.transport())
    with pytest.raises((TypeError, ValueError), match="campaign_id"):
        client.act("pause", bad)
    assert api.request_count == 0


def test_a_read_only_key_may_not_act(make_client: MakeClient) -> None:
    """A key with campaigns.read only gets 403 on the actions, and still reads."""
    api = FakeVoisoAPI(
        campaigns=[{"id": 3, "status": "active"}], api_keys={KEY: {"campaigns.read"}}
    )
    client = make_client(api.transport())
    with pytest.raises(PermissionDeniedError):
        client.act("pause", 3)
    assert client.get(3).id == 3
    assert api.changes == []


def test_every_state_of_the_lifecycle_is_the_specs() -> None:
    """LIFECYCLE (testing/_fake.py) names only statuses of the spec's CampaignStatus."""
    statuses = set(SPEC["components"]["schemas"]["CampaignStatus"]["enum"])
    named = {s for allowed, after, _ in fake_module.LIFECYCLE.values() for s in {*allowed, after}}
    assert named <= statuses, f"LIFECYCLE in testing/_fake.py names {sorted(named - statuses)}"
    assert set(fake_module.LIFECYCLE) <= set(fake_module.OPERATIONS)


@pytest.mark.voiso_fake(
    campaigns=[{"id": 3, "status": "active"}], api_keys={KEY: {"campaigns.read"}}
)
def test_the_marker_gives_a_key_its_scopes(voiso_fake: Any) -> None:
    """The pytest marker's api_keys decide what the fixture's key may do."""
    with pytest.raises(PermissionDeniedError):
        voiso_fake.client.campaigns.pause(3)


def test_the_default_fixture_key_may_act(voiso_fake: Any) -> None:
    """The default test key has both scopes."""
    active = next(c for c in voiso_fake.api.campaigns() if c["status"] == "active")
    assert voiso_fake.client.campaigns.pause(active["id"]).status == "paused"


# --- the command line -------------------------------------------------------------------


def run_cli(
    args: list[str], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> tuple[int, str, str]:
    monkeypatch.setenv("VOISO_API_KEY", KEY)
    code = _cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_pause_prints_the_campaign_and_a_conflict_names_the_state(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`pause ID` prints the paused campaign; a second pause is one line naming its state, exit 7."""
    api = FakeVoisoAPI(campaigns=[{"id": 3, "status": "active"}])
    with api.serve() as server:
        code, out, err = run_cli(
            ["pause", "3", "--base-url", server.base_url, "--format", "json"], monkeypatch, capsys
        )
        assert (code, err) == (0, "")
        assert json.loads(out)["status"] == "paused"
        code, out, err = run_cli(["pause", "3", "--base-url", server.base_url], monkeypatch, capsys)
    assert code == _cli.EXIT_CONFLICT == 7
    assert out == ""
    assert err.startswith(
        "voiso-campaigns: error: campaign 3 is paused: cannot pause it now (HTTP 409"
    )
    assert err.count("\n") == 1
    assert api.changes == [("pause_campaign", 3)]


def test_cli_pause_with_a_read_only_key_names_the_scope(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 403 on an action says which scope it needs."""
    api = FakeVoisoAPI(api_keys={KEY: {"campaigns.read"}})
    with api.serve() as server:
        code, _, err = run_cli(["stop", "3", "--base-url", server.base_url], monkeypatch, capsys)
    assert code == _cli.EXIT_AUTH
    assert "campaigns.manage scope" in err


def test_cli_pause_is_not_resent_after_a_drop(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The command line never resends a pause that may have been applied."""
    server = Lifecycle("drop_after_write", "ok")
    with server.running():
        code, _, err = run_cli(["pause", "3", "--base-url", server.url], monkeypatch, capsys)
    assert code == _cli.EXIT_API
    assert "not retried" in err
    assert (len(server.received), server.applied) == (1, 1)


def test_fake_server_scopes_come_from_the_spec() -> None:
    """`fake-server --scope` offers the spec's scopes, and by default gives them all."""
    parser = _cli.build_parser()

    def scopes(extra: list[str]) -> Any:
        return parser.parse_args(["fake-server", *extra]).scope

    assert scopes([]) is None  # every scope
    assert scopes(["--scope", "campaigns.read"]) == ["campaigns.read"]
    with pytest.raises(SystemExit):
        parser.parse_args(["fake-server", "--scope", "zz_no.such_scope"])


def test_actions_work_through_client_raw() -> None:
    """The generated pause/start/stop functions, through client.raw (auth, retries, the pool)."""
    from voiso_campaigns_client.api.campaigns import pause_campaign, start_campaign

    api = FakeVoisoAPI(campaigns=[{"id": 3, "status": "active"}])
    with api.serve() as server, VoisoClient(KEY, base_url=server.base_url) as client:
        paused = pause_campaign.sync(campaign_id=3, client=client.raw)
        assert paused is not None
        assert getattr(paused, "status", None) == "paused"
        again = pause_campaign.sync_detailed(campaign_id=3, client=client.raw)
        assert again.status_code == 409
        started = start_campaign.sync(campaign_id=3, client=client.raw)
        assert getattr(started, "status", None) == "active"
    assert api.changes == [("pause_campaign", 3), ("start_campaign", 3)]


# --- a bound on a whole call: deadline ----------------------------------------------------


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_deadline_bounds_an_attempt_that_would_outlast_it(flavour: str) -> None:
    """A call whose server answers after the deadline ends with APITimeoutError naming the
    deadline, and is not retried (a GET included: no time is left)."""
    server = Lifecycle("timeout", seconds=2.0)
    with server.running():
        result = call(flavour, server.url, "GET", timeout=30.0, deadline=0.3)
    assert isinstance(result, errors.APITimeoutError), result
    assert "deadline of 0.3 s" in str(result)
    assert server.connections == 1


@pytest.mark.parametrize("flavour", ["sync", "async"])
def test_a_deadline_cuts_a_retry_it_cannot_wait_for(flavour: str) -> None:
    """A Retry-After longer than what the deadline leaves: the 503 is final, and says why;
    without a deadline the same call is retried."""
    server = Lifecycle("503_retry_after_1", "ok")
    with server.running():
        result = call(flavour, server.url, "GET", deadline=0.5)
    assert isinstance(result, errors.ServerError), result
    assert "not retried: the call's deadline of 0.5 s would pass first" in str(result)
    assert server.connections == 1
    server = Lifecycle("503_retry_after_1", "ok")
    with server.running():
        assert not isinstance(call(flavour, server.url, "GET"), errors.VoisoError)
    assert server.connections == 2


def test_with_options_sets_a_deadline_for_its_calls_only() -> None:
    """with_options(deadline=...) shares the pool; the original client keeps its settings."""
    server = Lifecycle("503_retry_after_1", "503_retry_after_1", "ok")
    with server.running(), VoisoClient(KEY, base_url=server.url, max_retries=2) as client:
        bounded = client.with_options(deadline=0.5)
        assert bounded._http is client._http
        with pytest.raises(errors.ServerError, match=r"deadline of 0\.5 s"):
            bounded.campaigns.get(3)
        assert client.campaigns.get(3).id == 3  # retried after its 503: no deadline here
        with pytest.raises(errors.ConfigurationError, match="deadline must be"):
            client.with_options(deadline=0)
    assert server.connections == 3
