"""Real faults from hostile loopback servers: every failure a typed error, retries where
promised, nothing left running (the reliability issue, item by item)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import gzip
import json
import os
import pickle
import subprocess
import sys
import textwrap
import threading
import time
import tracemalloc
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from voiso_campaigns import AsyncVoisoClient, LeadsImportResult, VoisoClient, errors
from voiso_campaigns.testing import FakeVoisoAPI

from .conftest import KEY, Driver, Runner, TrioRunner, page_body
from .hostile import answer, drop_mid_body, hostile, stall_mid_body, trickle

PAGE = json.dumps(page_body([1, 2], 2)).encode()
MakeDirect = Callable[..., Driver]


@pytest.fixture(
    params=["sync", "async", "trio", "sync-http_client", "async-http_client", "trio-http_client"]
)
def direct(request: pytest.FixtureRequest) -> Iterator[MakeDirect]:
    """A client on a real base URL: the package's own transport, or a caller's httpx client
    (the async client on asyncio or on trio)."""
    kind: str = request.param
    runner: Runner | None = None
    if kind.startswith("async"):
        runner = asyncio.Runner()
    elif kind.startswith("trio"):
        runner = TrioRunner()
    made: list[Driver] = []

    def make(base_url: str, **kwargs: Any) -> Driver:
        if kind.endswith("http_client"):
            kwargs["http_client"] = httpx.AsyncClient() if runner else httpx.Client()
            theirs.append(kwargs["http_client"])
        cls = AsyncVoisoClient if runner else VoisoClient
        driver = Driver(cls(KEY, base_url=base_url, **kwargs), runner)
        made.append(driver)
        return driver

    theirs: list[httpx.Client | httpx.AsyncClient] = []
    yield make
    for driver in made:
        driver.close()
    for http_client in theirs:  # the caller's own client: theirs to close
        if isinstance(http_client, httpx.Client):
            http_client.close()
        else:
            assert runner is not None
            runner.run(http_client.aclose())
    if runner is not None:
        runner.close()


# --- 1. any body becomes the package's error ---------------------------------------------


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (200, errors.ResponseValidationError),
        (400, errors.BadRequestError),
        (500, errors.ServerError),
    ],
)
def test_deeply_nested_json_is_a_typed_error(direct: MakeDirect, status: int, cls: type) -> None:
    """b"[" * 100_000 is not a RecursionError but the status's own error."""
    with hostile(answer(status, b"[" * 100_000)) as server:
        client = direct(server.base_url, max_retries=0)
        with pytest.raises(cls):
            client.list_page()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    status=st.sampled_from([200, 201, 400, 401, 403, 404, 409, 422, 429, 500, 503, 520]),
    body=st.one_of(
        st.binary(max_size=300),
        st.integers(1, 5000).map(lambda n: b"[" * n + b"]" * n),
        st.integers(1, 5000).map(lambda n: b'{"a":' * n),
        st.recursive(
            st.none() | st.integers() | st.text(max_size=5),
            lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=3), c, max_size=3),
            max_leaves=20,
        ).map(lambda v: json.dumps(v).encode()),
    ),
    is_async=st.booleans(),
)
def test_any_body_through_any_status_is_a_package_error(
    status: int, body: bytes, is_async: bool
) -> None:
    """Whatever the bytes or nesting: a result, ResponseValidationError or the status's error."""
    transport = httpx.MockTransport(lambda r: httpx.Response(status, content=body))

    async def call_async() -> None:
        async with AsyncVoisoClient(
            KEY, cluster_id="cc", max_retries=0, http_client=httpx.AsyncClient(transport=transport)
        ) as c:
            await c.campaigns.list_page()

    def call() -> errors.VoisoError | None:
        try:
            if is_async:
                asyncio.run(call_async())
            else:
                with VoisoClient(
                    KEY,
                    cluster_id="cc",
                    max_retries=0,
                    http_client=httpx.Client(transport=transport),
                ) as client:
                    client.campaigns.list_page()
        except errors.VoisoError as exc:  # anything else escapes, and fails the test
            return exc
        return None

    outcome = call()
    if isinstance(outcome, errors.APIStatusError):
        assert outcome.status_code == status
    else:
        assert outcome is None or isinstance(outcome, errors.ResponseValidationError), outcome
        assert 200 <= status <= 299


# --- 2. a drop or stall mid-body is retried ------------------------------------------------


def test_a_connection_dropped_mid_body_is_retried(direct: MakeDirect) -> None:
    """Half a body then a closed connection: another attempt, and the page."""
    with hostile(drop_mid_body(PAGE), answer(200, PAGE)) as server:
        client = direct(server.base_url, max_retries=2)
        assert [c.id for c in client.list_page().campaigns] == [1, 2]
        assert len(server.requests) == 2


def test_a_stall_mid_body_is_retried(direct: MakeDirect) -> None:
    """Half a body then silence past the timeout: another attempt, and the page."""
    with hostile(stall_mid_body(PAGE, 3), answer(200, PAGE)) as server:
        client = direct(server.base_url, max_retries=2, timeout=0.5)
        assert [c.id for c in client.list_page().campaigns] == [1, 2]
        assert len(server.requests) == 2


# --- 3. timeout bounds the whole attempt -----------------------------------------------------


def test_a_trickled_body_hits_the_total_timeout() -> None:
    """A 39-byte body at 4 bytes/s with timeout=1 is APITimeoutError, not a success 10 s later."""
    body = json.dumps({"campaigns": [], "metadata": {"total": 0}}).encode().ljust(39)
    with hostile(trickle(body, per_second=4)) as server:
        with VoisoClient(KEY, base_url=server.base_url, timeout=1, max_retries=0) as client:
            with pytest.raises(errors.APITimeoutError):
                client.campaigns.list_page()

    async def listed() -> None:
        async with AsyncVoisoClient(KEY, base_url=server.base_url, timeout=1, max_retries=0) as c:
            await c.campaigns.list_page()

    with hostile(trickle(body, per_second=4)) as server, pytest.raises(errors.APITimeoutError):
        asyncio.run(listed())


def test_an_httpx_timeout_keeps_its_per_phase_meaning() -> None:
    """timeout=httpx.Timeout(1): each read may take 1 s, so a trickle of 2.5 s succeeds."""
    body = json.dumps({"campaigns": [], "metadata": {"total": 0}}).encode()
    with (
        hostile(trickle(body, per_second=20)) as server,
        VoisoClient(KEY, base_url=server.base_url, timeout=httpx.Timeout(1.0), max_retries=0) as c,
    ):
        assert c.campaigns.list_page().total == 0


# --- 4. an abandoned sync listing stops -----------------------------------------------------


def test_an_abandoned_listing_starts_no_request_and_no_retry() -> None:
    """After a break, pages still in flight get 503s: none of them is retried."""
    release = threading.Event()
    answered = threading.Semaphore(0)
    held = [0]  # requests answered after the release

    def pages(conn: Any, text: str) -> None:
        first_line = text.split("\r\n", 1)[0]
        if "offset=0 " in first_line or "offset=2 " in first_line:  # the first two pages: at once
            offset = 0 if "offset=0 " in first_line else 2
            answer(200, json.dumps(page_body([offset + 1, offset + 2], 1000)).encode())(conn, text)
            return
        release.wait(5)  # the rest: held until the consumer has gone, then 503
        answer(503, b'{"error": "busy"}')(conn, text)
        held[0] += 1
        answered.release()

    with hostile(pages) as server:
        with VoisoClient(KEY, base_url=server.base_url, max_concurrency=4, max_retries=5) as client:
            for campaign in client.campaigns.list(page_size=2):
                if campaign.id == 3:  # on page 2: pages 3 to 5 are in flight now
                    break
            release.set()
            # Wait for every held request to be answered (a retry would follow at once:
            # there is no backoff in tests), then a little longer.
            for _ in range(50):
                if held[0] == len(server.requests) - 2:
                    break
                threading.Event().wait(0.1)
            threading.Event().wait(0.3)
    offsets = [line.split("offset=")[1].split()[0] for line in server.requests]
    assert len(offsets) == len(set(offsets)), f"a request was retried: {offsets}"
    assert len(offsets) <= 2 + 4 + 1  # the two pages read, then what was in flight at the break


def test_the_process_exits_without_waiting_for_an_abandoned_listing(tmp_path: Any) -> None:
    """A listing whose pages stall does not hold the interpreter at exit after a break."""
    script = textwrap.dedent(f"""
        import json, socket, threading, time
        from voiso_campaigns import VoisoClient

        server = socket.create_server(("127.0.0.1", 0))
        first = json.dumps({json.dumps(page_body([1], 1000))}).encode()

        def serve():
            n = 0
            while True:
                conn, _ = server.accept()
                conn.recv(65536)
                if n == 0:
                    conn.sendall(b"HTTP/1.1 200 OK\\r\\nContent-Length: %d\\r\\n\\r\\n" % len(first) + first)
                n += 1
                threading.Thread(target=time.sleep, args=(600,), kwargs={{}}, daemon=True).start()
                globals().setdefault("held", []).append(conn)  # never answered

        threading.Thread(target=serve, daemon=True).start()
        url = "http://127.0.0.1:%d" % server.getsockname()[1]
        client = VoisoClient("k", base_url=url, max_concurrency=4, timeout=300, max_retries=3)
        for campaign in client.campaigns.list(page_size=1):
            break
        print("broke", flush=True)
    """)
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "broke\n"


# --- 5. a closed client -------------------------------------------------------------------


def test_a_closed_client_raises_client_closed_error(direct: MakeDirect) -> None:
    """list_page(), get() and listing on a closed client: ClientClosedError, a VoisoError."""
    with hostile(answer(200, PAGE)) as server:
        client = direct(server.base_url)
        client.close()
        for call in (client.list_page, lambda: client.get(1), client.list):
            with pytest.raises(errors.ClientClosedError) as info:
                call()
            assert isinstance(info.value, errors.VoisoError)
            assert isinstance(info.value, RuntimeError)


def _listing_in_a_thread(client: VoisoClient) -> tuple[threading.Thread, list[BaseException]]:
    """A started thread listing every campaign, and where it puts what ended it."""
    outcome: list[BaseException] = []

    def consume() -> None:
        try:
            for _ in client.campaigns.list(page_size=10):
                pass
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=consume)
    worker.start()
    return worker, outcome


def test_closing_while_another_thread_lists_ends_that_listing(
    recwarn: pytest.WarningsRecorder,
) -> None:
    """The listing ends with ClientClosedError; no socket is left open (no ResourceWarning)."""
    api = FakeVoisoAPI(count=2000, latency=0.02)
    with api.serve() as server:
        client = VoisoClient(KEY, base_url=server.base_url, max_concurrency=4)
        worker, outcome = _listing_in_a_thread(client)
        threading.Event().wait(0.2)
        client.close()
        worker.join(10)
    gc.collect()
    assert len(outcome) == 1
    assert isinstance(outcome[0], errors.ClientClosedError), repr(outcome[0])
    assert not [w for w in recwarn if issubclass(w.category, ResourceWarning)]


def test_closing_ends_another_threads_attempt_blocked_on_a_silent_server() -> None:
    """Pages stalled mid-body (the server silent for 30 s): close() ends them at once.

    Closing a socket does not wake a thread blocked reading it (Linux), and its
    number may be reused meanwhile: the reader waited out its whole timeout (the
    3.13 hang of issue 21). Its socket is shut down first, then closed."""
    first = json.dumps(page_body(list(range(1, 11)), 100)).encode()
    stalled = json.dumps(page_body(list(range(11, 21)), 100)).encode()
    with hostile(answer(200, first), stall_mid_body(stalled, 30)) as server:
        client = VoisoClient(KEY, base_url=server.base_url, max_concurrency=3, timeout=60)
        worker, outcome = _listing_in_a_thread(client)
        for _ in range(500):  # the first page, then three stalled ones
            if len(server.requests) >= 4:
                break
            time.sleep(0.01)
        time.sleep(0.1)  # each stalled attempt is reading its body now
        client.close()
        worker.join(10)
        assert not worker.is_alive(), "the listing still waits on a closed client's socket"
    assert len(outcome) == 1
    assert isinstance(outcome[0], errors.ClientClosedError), repr(outcome[0])


# --- 6. proxies from the environment ----------------------------------------------------------


def test_proxy_variables_are_honoured(monkeypatch: pytest.MonkeyPatch) -> None:
    """HTTP_PROXY sends the request to the proxy; NO_PROXY bypasses it."""
    with hostile(answer(200, PAGE)) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.base_url)
        with VoisoClient(KEY, base_url="http://127.0.0.1:9", max_retries=0) as client:
            assert [c.id for c in client.campaigns.list_page().campaigns] == [1, 2]
        assert proxy.requests[0].startswith("GET http://127.0.0.1:9/api/v4/campaigns?")
        monkeypatch.setenv("NO_PROXY", "127.0.0.1")
        with VoisoClient(KEY, base_url="http://127.0.0.1:9", max_retries=0) as client:
            with pytest.raises(errors.APIConnectionError):  # straight to port 9: refused
                client.campaigns.list_page()
        assert len(proxy.requests) == 1


# --- 7. a bound on the body ---------------------------------------------------------------------


def test_a_huge_body_is_refused_while_read() -> None:
    """A 50 MB body against a 1 MiB limit: ResponseValidationError, memory stays small."""
    body = b'{"campaigns": [' + b" " * 50_000_000 + b"]}"
    with (
        hostile(answer(200, body)) as server,
        VoisoClient(KEY, base_url=server.base_url, max_retries=0, max_response_size=1 << 20) as c,
    ):
        tracemalloc.start()
        try:
            with pytest.raises(errors.ResponseValidationError, match="larger than 1048576 bytes"):
                c.campaigns.list_page()
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 16 * 1024 * 1024


def test_a_compression_bomb_never_inflates() -> None:
    """A small gzip body that inflates to 64 MB: refused at the limit, never held whole."""
    bomb = gzip.compress(b"[" + b"0," * 32_000_000 + b"0]", compresslevel=9)
    with (
        hostile(answer(200, bomb, "Content-Encoding: gzip\r\n")) as server,
        VoisoClient(KEY, base_url=server.base_url, max_retries=0, max_response_size=1 << 20) as c,
    ):
        tracemalloc.start()
        try:
            with pytest.raises(errors.ResponseValidationError, match="larger than"):
                c.campaigns.list_page()
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 16 * 1024 * 1024


def test_gzip_bodies_within_the_limit_are_decoded(direct: MakeDirect) -> None:
    """The ordinary case: a gzip page decodes as before."""
    with hostile(answer(200, gzip.compress(PAGE), "Content-Encoding: gzip\r\n")) as server:
        assert [c.id for c in direct(server.base_url).list_page().campaigns] == [1, 2]


# --- 8. fork and event loops ---------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "fork"), reason="os.fork is POSIX-only")
def test_a_forked_child_gets_its_own_pool() -> None:
    """The child lists through a fresh pool; the parent's keeps serving the parent."""
    script = textwrap.dedent("""
        import os, sys
        from voiso_campaigns import VoisoClient
        from voiso_campaigns.testing import FakeVoisoAPI

        with FakeVoisoAPI(count=30).serve() as server:
            client = VoisoClient("test-key", base_url=server.base_url, max_concurrency=1)
            assert len(list(client.campaigns.list(page_size=10))) == 30
            parent_pool = client._http._transport._inner.get()
            pid = os.fork()
            if pid == 0:
                ok = client._http._transport._inner.get() is not parent_pool
                ok = ok and len(list(client.campaigns.list(page_size=10))) == 30
                os._exit(0 if ok else 1)
            _, status = os.waitpid(pid, 0)
            assert os.waitstatus_to_exitcode(status) == 0, "child"
            assert client._http._transport._inner.get() is parent_pool
            assert len(list(client.campaigns.list(page_size=10))) == 30
            print("fork ok")
    """)
    result = subprocess.run(
        [sys.executable, "-W", "ignore::DeprecationWarning", "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout == "fork ok\n", result.stderr


def test_an_async_client_in_a_second_event_loop_says_why() -> None:
    """The same AsyncVoisoClient under a second asyncio.run(): a VoisoError that says why."""
    with FakeVoisoAPI(count=5).serve() as server:
        client = AsyncVoisoClient(KEY, base_url=server.base_url)

        async def count(client: AsyncVoisoClient) -> int:
            return len([c async for c in client.campaigns.list()])

        assert asyncio.run(count(client)) == 5
        with pytest.raises(errors.VoisoError, match="another event loop"):
            asyncio.run(count(client))

        async def fresh() -> int:
            async with AsyncVoisoClient(KEY, base_url=server.base_url) as again:
                return len([c async for c in again.campaigns.list()])

        assert asyncio.run(fresh()) == 5
        # The first loop closed the client's connections as it ended (no ResourceWarning
        # here: tests/test_event_loops.py).
        del client
        gc.collect()


# --- 9. errors carry their evidence and pickle ------------------------------------------------------


def test_status_errors_carry_request_and_response() -> None:
    """method, URL, status, headers: there; the Authorization header: never."""
    with hostile(answer(429, b'{"error": "Too many requests"}', "Retry-After: 90\r\n")) as server:
        with VoisoClient(KEY, base_url=server.base_url, max_retries=0) as client:
            with pytest.raises(errors.RateLimitError) as info:
                client.campaigns.list_page(limit=5)
    error = info.value
    assert error.request is not None
    assert error.response is not None
    assert (error.request.method, error.request.url.path) == ("GET", "/api/v4/campaigns")
    assert error.request.url.params["limit"] == "5"
    assert "authorization" not in error.request.headers
    assert (error.response.status_code, error.response.headers["retry-after"]) == (429, "90")
    assert KEY not in repr(pickle.dumps(error))


@pytest.mark.parametrize("name", errors.__all__)
def test_every_error_survives_pickle(name: str) -> None:
    """Same class, same str(), same attributes after a round trip (a worker pool's boundary)."""
    cls = getattr(errors, name)
    if issubclass(cls, errors.APIStatusError):
        original = cls(
            429,
            message="x",
            errors={"f": ["m"]},
            body="b",
            headers=httpx.Headers({"Retry-After": "2"}),
        )
    elif cls is errors.ResponseValidationError:
        original = cls("bad body", body="{}")
    elif cls is errors.LeadsImportError:
        result = LeadsImportResult(created=["+15550001"], requests=1)
        unknown = [{"phone_number": "+15550002"}]
        original = cls("stopped", result=result, unknown=unknown, refused=[], consumed=2)
    else:
        original = cls("went wrong")
    copy = pickle.loads(pickle.dumps(original))
    assert type(copy) is cls
    assert str(copy) == str(original)
    for attribute in ("status_code", "message", "errors", "body", "retry_after", "result",
                      "unknown", "refused", "consumed"):  # fmt: skip
        assert getattr(copy, attribute, None) == getattr(original, attribute, None)


# --- 10. smaller things ---------------------------------------------------------------------------


def test_a_key_with_surrounding_whitespace_is_stripped() -> None:
    """A key read from a file with a trailing newline works; inner whitespace is still refused."""
    seen: list[str] = []

    def answer_page(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["authorization"])
        return httpx.Response(200, content=PAGE)

    transport = httpx.MockTransport(answer_page)
    with VoisoClient(
        f"  {KEY}\n", cluster_id="cc", http_client=httpx.Client(transport=transport)
    ) as c:
        c.campaigns.list_page()
    assert seen == [f"Bearer {KEY}"]
    with pytest.raises(errors.ConfigurationError):
        VoisoClient("te st", cluster_id="cc")


def test_a_retry_is_logged_with_its_request_wait_and_cause(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """One WARNING per scheduled retry: which request, which attempt, how long, why; no key."""
    with hostile(answer(503, b"{}"), answer(200, PAGE)) as server:
        with (
            VoisoClient(KEY, base_url=server.base_url, max_retries=1) as client,
            caplog.at_level("WARNING"),
        ):
            client.campaigns.list_page(limit=2)
    ours = [r.getMessage() for r in caplog.records if r.name == "voiso_campaigns"]
    assert len(ours) == 1
    assert ours[0].startswith("retrying GET /api/v4/campaigns?limit=2&offset=0 in ")
    assert ours[0].endswith("attempt 1 failed (HTTP 503)")
    assert all(KEY not in r.getMessage() for r in caplog.records)


def test_no_retry_is_announced_after_the_last_attempt(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Retries exhausted: one WARNING for the one retry made, none for a retry that is not."""
    with hostile(answer(503, b"{}"), answer(503, b"{}")) as server:
        with (
            VoisoClient(KEY, base_url=server.base_url, max_retries=1) as client,
            caplog.at_level("WARNING"),
            pytest.raises(errors.APIStatusError),
        ):
            client.campaigns.list_page(limit=2)
    ours = [r.getMessage() for r in caplog.records if r.name == "voiso_campaigns"]
    assert len(ours) == 1, ours
    assert ours[0].endswith("attempt 1 failed (HTTP 503)")


def test_the_fake_server_is_quiet_when_a_client_disconnects(
    capfd: pytest.CaptureFixture[str],
) -> None:
    """A client that resets the connection mid-response prints no traceback."""
    import socket
    import struct

    with FakeVoisoAPI(count=3000).serve() as server:
        port = int(server.base_url.rsplit(":", 1)[1])
        for _ in range(3):
            sock = socket.create_connection(("127.0.0.1", port))
            sock.sendall(
                b"GET /api/v4/campaigns?limit=100 HTTP/1.1\r\nHost: x\r\n"
                b"Authorization: Bearer test-key\r\n\r\n"
            )
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            sock.close()  # a reset, while the fake writes
        threading.Event().wait(0.3)
    assert "Traceback" not in capfd.readouterr().err


def test_an_attempt_racing_close_leaves_no_connection_open(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """close() from another thread just as an attempt starts: the attempt either never
    sends, or close() waits for it and closes what it used (no socket outlives close())."""
    from voiso_campaigns._retry import RetryTransport
    from voiso_campaigns._transport import Renewing

    events: list[str] = []

    class Recording(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            events.append("send")
            return httpx.Response(200, content=b"{}")

        def close(self) -> None:
            events.append("close")

    renewing = Renewing(Recording)
    transport = RetryTransport(renewing, max_retries=0, max_response_size=1000)
    make = renewing.get

    def get_once_close_has_begun(loop: object = None) -> Any:
        # The attempt has passed its checks; hold it until close() is under way.
        until = time.monotonic() + 5
        while not transport._closed and time.monotonic() < until:
            time.sleep(0.001)
        return make(loop)

    monkeypatch.setattr(renewing, "get", get_once_close_has_begun)

    def close_soon() -> None:
        time.sleep(0.05)
        transport.close()

    closer = threading.Thread(target=close_soon)
    closer.start()
    with contextlib.suppress(RuntimeError):  # refused as closed: fine too
        transport.handle_request(httpx.Request("GET", "http://127.0.0.1/api/v4/campaigns"))
    closer.join(timeout=10)
    assert events[-1:] in ([], ["close"]), events


def test_a_connection_opened_while_the_client_closes_is_closed_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """httpcore forgets a connection that connects after its pool was closed (a listing's
    thread mid-request when the client closes); the attempt that used it closes it, so no
    socket is left open for the garbage collector to find."""
    from voiso_campaigns import _transport
    from voiso_campaigns._retry import RetryTransport

    connecting, pool_closed = threading.Event(), threading.Event()
    connect_tcp = _transport.CutoffBackend.connect_tcp
    close_inner = RetryTransport._close_inner

    def connect_once_the_pool_is_closed(self: Any, *args: Any, **kwargs: Any) -> Any:
        connecting.set()
        pool_closed.wait(timeout=5)
        return connect_tcp(self, *args, **kwargs)

    def close_inner_and_tell(self: RetryTransport) -> None:
        close_inner(self)
        pool_closed.set()

    monkeypatch.setattr(_transport.CutoffBackend, "connect_tcp", connect_once_the_pool_is_closed)
    monkeypatch.setattr(RetryTransport, "_close_inner", close_inner_and_tell)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        with FakeVoisoAPI(count=5).serve() as server:
            client = VoisoClient(KEY, base_url=server.base_url, max_retries=0)
            fetch = threading.Thread(target=lambda: client.campaigns.list_page(limit=2))
            fetch.start()
            assert connecting.wait(timeout=5)
            client.close()  # closes the pool, waits for the attempt, closes again
            fetch.join(timeout=10)
            gc.collect()  # the forgotten connection is unreachable by now
    unclosed = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    assert unclosed == []


def test_an_async_connection_opened_while_the_client_closes_is_closed_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The same with AsyncVoisoClient: a task connecting while close() runs."""
    from httpcore._backends.anyio import AnyIOBackend

    connect_tcp = AnyIOBackend.connect_tcp

    async def scenario(base_url: str) -> None:
        connecting, pool_closed = asyncio.Event(), asyncio.Event()

        async def connect_once_the_pool_is_closed(self: Any, *args: Any, **kwargs: Any) -> Any:
            connecting.set()
            await pool_closed.wait()
            return await connect_tcp(self, *args, **kwargs)

        monkeypatch.setattr(AnyIOBackend, "connect_tcp", connect_once_the_pool_is_closed)
        client = AsyncVoisoClient(KEY, base_url=base_url, max_retries=0)
        fetch = asyncio.create_task(client.campaigns.list_page(limit=2))
        await asyncio.wait_for(connecting.wait(), timeout=5)
        await client.close()
        pool_closed.set()
        await asyncio.wait_for(fetch, timeout=10)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        with FakeVoisoAPI(count=5).serve() as server:
            asyncio.run(scenario(server.base_url))
            gc.collect()
    unclosed = [str(w.message) for w in caught if issubclass(w.category, ResourceWarning)]
    assert unclosed == []


def test_ctrl_c_in_a_with_block_waits_for_no_other_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """A KeyboardInterrupt leaving `with VoisoClient(...)` closes the client without
    waiting for attempts still running in other threads (an orderly close() waits up to
    CLOSE_WAIT for them, which a busy machine can stretch): the user wants out."""
    from voiso_campaigns import _retry, _transport

    monkeypatch.setattr(_retry, "CLOSE_WAIT", 30.0)
    entered, release = threading.Event(), threading.Event()

    class Stuck(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            entered.set()
            release.wait(30)
            raise httpx.ReadError("released", request=request)

    monkeypatch.setattr(_transport, "http_transport", lambda proxy: Stuck())
    client = VoisoClient(KEY, base_url="http://127.0.0.1:9", max_retries=0)

    def get() -> None:
        with contextlib.suppress(errors.VoisoError):
            client.campaigns.get(1)

    worker = threading.Thread(target=get)
    worker.start()
    assert entered.wait(5)
    interrupt = KeyboardInterrupt()
    closer = threading.Thread(target=client.__exit__, args=(KeyboardInterrupt, interrupt, None))
    closer.start()
    closer.join(timeout=5)  # a guard, not a measurement: before the fix it waited 30 s
    waited = closer.is_alive()
    release.set()
    closer.join()
    worker.join(timeout=10)
    assert not waited, "close on Ctrl-C waited for another thread's attempt"
    with pytest.raises(errors.ClientClosedError):
        client.campaigns.get(1)
