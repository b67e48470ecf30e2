"""A downstream service's own tests, run by `make release-check` in a fresh virtual
environment holding only the wheel and the service's tools (pytest, vcrpy, trio,
OpenTelemetry's SDK and httpx instrumentation, mypy): the test kit as the README
shows it, and one test for each item of the service-interop issue (20)."""

import asyncio
import gc
import importlib.metadata
import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import httpx
import pytest
import vcr

from voiso_campaigns import AsyncVoisoClient, ConfigurationError, VoisoClient, errors
from voiso_campaigns.testing import FakeVoisoAPI, vcr_config


@pytest.mark.voiso_fake(campaigns=[{"name": "Spring", "status": "paused"}], failures=[503])
def test_report_with_a_custom_data_set(voiso_fake):
    assert [c.name for c in voiso_fake.client.campaigns.list()] == ["Spring"]


def test_a_cassette_keeps_the_key_out(tmp_path):
    recorder = vcr.VCR(cassette_library_dir=str(tmp_path), **vcr_config())
    fake = FakeVoisoAPI(count=3, api_keys={"downstream-secret": ["campaigns.read"]})
    with (
        fake.serve() as server,
        recorder.use_cassette("c.yaml"),
        VoisoClient("downstream-secret", base_url=server.base_url) as client,
    ):
        assert len(list(client.campaigns.list())) == 3
    assert "downstream-secret" not in (tmp_path / "c.yaml").read_text()


# 1. Page requests carry the caller's context (its trace span).
def test_page_requests_nest_under_the_callers_span(voiso_fake):
    from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SimpleSpanProcessor
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    HTTPXClientInstrumentor().instrument(tracer_provider=provider)
    try:
        with (
            VoisoClient("test-key", base_url=voiso_fake.base_url, max_concurrency=4) as client,
            provider.get_tracer("service").start_as_current_span("report") as report,
        ):
            assert len(list(client.campaigns.list(page_size=50))) == 250
    finally:
        HTTPXClientInstrumentor().uninstrument()
    pages = [s for s in exporter.get_finished_spans() if s.name != "report"]
    assert len(pages) == 5
    assert {s.parent.span_id for s in pages} == {report.get_span_context().span_id}
    assert all("test-key" not in str(s.attributes) for s in pages)


# 2. The async client on asyncio and trio (anyio's pytest plugin).
@pytest.mark.anyio
@pytest.mark.parametrize("anyio_backend", ["asyncio", "trio"])
async def test_the_async_client_on_asyncio_and_trio(voiso_fake, anyio_backend):
    async with AsyncVoisoClient("test-key", base_url=voiso_fake.base_url) as client:
        assert len([c async for c in client.campaigns.list(page_size=50)]) == 250
        assert (await client.campaigns.get(3)).id == 3


# 3. A retry prints nothing where logging is unconfigured, and is logged once where it is.
RETRIED = """
import logging, sys
import httpx
from voiso_campaigns import VoisoClient
from voiso_campaigns.testing import FakeVoisoAPI, no_waits

if sys.argv[1] == "configured":
    logging.basicConfig(format="%(levelname)s %(name)s %(message)s")
http = httpx.Client(transport=FakeVoisoAPI(count=3, failures=[503]).transport())
with no_waits(), VoisoClient("test-key", cluster_id="cc", http_client=http) as client:
    assert client.campaigns.get(3).id == 3
"""


@pytest.mark.parametrize(("mode", "lines"), [("unconfigured", 0), ("configured", 1)])
def test_a_retry_is_logged_by_the_package_alone(mode, lines):
    result = subprocess.run(
        [sys.executable, "-c", RETRIED, mode], capture_output=True, text=True, check=True
    )
    logged = result.stderr.splitlines()
    assert len(logged) == lines, logged
    assert all(line.startswith("WARNING voiso_campaigns retrying GET") for line in logged)


# 4. A misspelt import fails type checking.
def test_a_misspelt_import_fails_type_checking(tmp_path):
    source = tmp_path / "service.py"
    source.write_text("from voiso_campaigns import VoisoClinet\n")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(source)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stdout
    assert 'has no attribute "VoisoClinet"' in result.stdout


# 5. What the package imports is declared, with a floor; the environment is consistent.
def test_the_dependencies_are_declared_and_consistent():
    declared = {
        r.split(">")[0].split("<")[0].strip()
        for r in importlib.metadata.requires("voiso-campaigns")
    }
    assert {"httpx", "httpcore", "attrs", "anyio"} <= declared
    subprocess.run([sys.executable, "-m", "pip", "check"], check=True, capture_output=True)


# 6. A base URL ending with the API's path is refused before anything is sent.
def test_a_base_url_with_the_api_path_is_refused():
    with pytest.raises(ConfigurationError, match="base_url"):
        VoisoClient("test-key", base_url="https://cc.voiso.com/api/v4")


# 7. The first async requests import nothing inside the running event loop.
FIRST_REQUESTS = """
import asyncio, json, sys
import httpx
from voiso_campaigns import AsyncVoisoClient
from voiso_campaigns.testing import FakeVoisoAPI

http = httpx.AsyncClient(transport=FakeVoisoAPI(count=3).transport())
client = AsyncVoisoClient("test-key", cluster_id="cc", http_client=http)
before = set(sys.modules)

async def main():
    await client.campaigns.get(3)
    assert len([c async for c in client.campaigns.list()]) == 3

asyncio.run(main())
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def test_the_first_async_requests_import_nothing_in_the_loop():
    result = subprocess.run(
        [sys.executable, "-c", FIRST_REQUESTS], capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []


# 8. A caller's http_client keeps its default headers and params.
def test_a_callers_http_client_keeps_its_headers_and_params():
    seen = []
    fake = FakeVoisoAPI(count=3).transport()

    def record(request):
        seen.append(request)
        return fake.handle_request(request)

    http = httpx.Client(
        transport=httpx.MockTransport(record),
        headers={"X-Request-ID": "req-1"},
        params={"tenant": "t-1"},
    )
    with VoisoClient("test-key", cluster_id="cc", http_client=http) as client:
        client.campaigns.get(3)
    assert seen[0].headers["x-request-id"] == "req-1"
    assert seen[0].url.params["tenant"] == "t-1"


# 9. A bound on a whole call, retries and waits included.
@pytest.mark.voiso_fake(latency=1.0)
def test_a_call_deadline_holds(voiso_fake):
    with pytest.raises(errors.APITimeoutError, match="deadline"):
        voiso_fake.client.with_options(deadline=0.2).campaigns.get(3)


# 10. A second event loop leaves no socket of the first one open.
def test_a_second_event_loop_leaves_no_socket_open(voiso_fake):
    client = AsyncVoisoClient("test-key", base_url=voiso_fake.base_url)

    async def count(client):
        return len([c async for c in client.campaigns.list()])

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert asyncio.run(count(client)) == 250
        with pytest.raises(errors.VoisoError, match="another event loop"):
            asyncio.run(count(client))
        del client
        gc.collect()
    assert [str(w.message) for w in caught] == []


# 11. The garbage collector is the application's: a listing leaves it as it was.
def test_the_collector_is_left_alone(voiso_fake):
    gc.disable()
    try:
        assert len(list(voiso_fake.client.campaigns.list())) == 250
        assert not gc.isenabled()
    finally:
        gc.enable()


# 12. The CLI's table fits the terminal, and -v shows each request.
@pytest.mark.voiso_fake(
    campaigns=[{"name": f"A long campaign name, number {i}"} for i in range(25)]
)
def test_the_cli_fits_the_terminal_and_shows_each_request(voiso_fake):
    cli = Path(sys.executable).with_name("voiso-campaigns")
    env = {**os.environ, "VOISO_API_KEY": "test-key", "COLUMNS": "80"}
    controller, terminal = os.openpty()  # the CLI's stdout is a terminal, 80 wide
    try:
        result = subprocess.run(
            [str(cli), "list", "--base-url", voiso_fake.base_url, "--page-size", "10", "-v"],
            stdout=terminal,
            stderr=subprocess.PIPE,
            env=env,
            text=True,
            timeout=60,
            check=True,
        )
        os.close(terminal)
        shown = b""
        while chunk := _read(controller):
            shown += chunk
    finally:
        os.close(controller)
    rows = shown.decode().split("\r\n")[:-1]
    assert len(rows) == 26  # the header and 25 campaigns
    assert max(len(row) for row in rows) == 80  # the name takes the spare width, no more
    assert "A long campaign name, number 7" in "\n".join(rows)
    requests = [line for line in result.stderr.splitlines() if " GET /api/v4/campaigns?" in line]
    assert len(requests) == 3, result.stderr
    assert all("-> 200" in line for line in requests)


def _read(fd):
    try:
        return os.read(fd, 65536)
    except OSError:  # the terminal's other end is closed: all is read
        return b""
