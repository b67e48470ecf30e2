"""Shared fixtures: a clean environment, no retry sleeps, and one driver for both clients."""

from __future__ import annotations

import asyncio
import builtins
import os
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
import yaml

from voiso_campaigns import AsyncVoisoClient, Campaign, CampaignPage, VoisoClient
from voiso_campaigns.testing import no_waits


def pytest_report_header() -> list[str]:
    """The runtime dependencies as installed, at the top of every run: a failure on the
    floors or the newest releases names what changed."""
    import importlib.metadata
    import re

    names = [
        re.split(r"[<>=!~;\s\[]", requirement, maxsplit=1)[0]
        for requirement in importlib.metadata.requires("voiso-campaigns") or []
        if "extra ==" not in requirement
    ]
    shown = ", ".join(f"{name} {importlib.metadata.version(name)}" for name in names)
    return [f"voiso-campaigns runs on: {shown}"]


ROOT = Path(__file__).resolve().parent.parent
SPEC_PATH = ROOT / "openapi" / "campaigns.yaml"
KEY = "test-key"
T = TypeVar("T")
#: The spec, read as the tests' reference (the package reads its openapi.json copy).
SPEC: dict[str, Any] = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


def inlined(spec: dict[str, Any]) -> dict[str, Any]:
    """*spec* with its shared parameters and responses ($refs into components) written in place."""

    def walk(node: Any) -> Any:
        if isinstance(node, list):
            return [walk(item) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref", "")
        if ref.startswith(("#/components/parameters/", "#/components/responses/")):
            _, _, kind, name = ref.split("/")
            return walk(spec["components"][kind][name])
        return {key: walk(value) for key, value in node.items()}

    return {**spec, "paths": walk(spec["paths"])}


#: The spec's operations with their shared parameters and responses inlined.
PATHS: dict[str, Any] = inlined(SPEC)["paths"]


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's VOISO_* variables."""
    for name in ("VOISO_API_KEY", "VOISO_CLUSTER_ID", "VOISO_BASE_URL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(autouse=True)
def _no_backoff() -> Iterator[None]:
    """Retries happen as configured, but every wait is skipped."""
    with no_waits():
        yield


def campaign(id: int, **fields: Any) -> dict[str, Any]:
    """A minimal valid campaign as API JSON."""
    data: dict[str, Any] = {
        "id": id,
        "name": f"Campaign {id}",
        "status": "active",
        "strategy": "simple",
        "created_at": "2026-01-15T10:30:00.000Z",
        "updated_at": "2026-01-20T14:15:00.000Z",
    }
    data.update(fields)
    return data


def page_body(ids: list[int], total: int) -> dict[str, Any]:
    return {"campaigns": [campaign(i) for i in ids], "metadata": {"total": total}}


def mypy_errors(source: Path) -> builtins.list[str]:
    """The error lines of `mypy --strict` on *source*, as a user's project would run it."""
    import subprocess
    import sys

    mypy = Path(sys.executable).with_name("mypy")
    result = subprocess.run(
        [str(mypy), "--strict", "--no-incremental", "--config-file", os.devnull, str(source)],
        capture_output=True,
        text=True,
        check=False,
        cwd=source.parent,
    )
    return [line for line in result.stdout.splitlines() if ": error:" in line]


class TrioRunner:
    """``asyncio.Runner``'s ``run`` and ``close`` on trio: one trio run, kept in a thread
    of its own, so that a client used by several calls stays in one event loop."""

    def __init__(self) -> None:
        import threading

        import trio

        ready = threading.Event()

        async def serve() -> None:
            self._token = trio.lowlevel.current_trio_token()
            self._stop = trio.Event()
            ready.set()
            await self._stop.wait()

        self._thread = threading.Thread(target=trio.run, args=(serve,), daemon=True)
        self._thread.start()
        ready.wait()

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        import trio

        async def main() -> T:
            return await coro

        return trio.from_thread.run(main, trio_token=self._token)

    def close(self) -> None:
        import trio

        trio.from_thread.run_sync(self._stop.set, trio_token=self._token)
        self._thread.join()


Runner = asyncio.Runner | TrioRunner


class Driver:
    """Runs the same calls on a VoisoClient or an AsyncVoisoClient, synchronously
    (the async one on asyncio or on trio)."""

    def __init__(self, client: VoisoClient | AsyncVoisoClient, runner: Runner | None):
        self.client = client
        self._runner = runner

    @property
    def is_async(self) -> bool:
        return self._runner is not None

    def run(self, coro: Coroutine[Any, Any, T]) -> T:
        assert self._runner is not None
        return self._runner.run(coro)

    def list(self, **kwargs: Any) -> builtins.list[Campaign]:
        if isinstance(self.client, VoisoClient):
            return builtins.list(self.client.campaigns.list(**kwargs))
        listing = self.client.campaigns.list(**kwargs)

        async def collect() -> builtins.list[Campaign]:
            return [c async for c in listing]

        return self.run(collect())

    def pages(self, **kwargs: Any) -> builtins.list[CampaignPage]:
        if isinstance(self.client, VoisoClient):
            return builtins.list(self.client.campaigns.list(**kwargs).pages())
        listing = self.client.campaigns.list(**kwargs)

        async def collect() -> builtins.list[CampaignPage]:
            return [p async for p in listing.pages()]

        return self.run(collect())

    def first(self, **kwargs: Any) -> Campaign:
        """The first campaign of a listing, then stop iterating."""
        if isinstance(self.client, VoisoClient):
            for item in self.client.campaigns.list(**kwargs):
                return item
            raise AssertionError("empty listing")
        listing = self.client.campaigns.list(**kwargs)

        async def first() -> Campaign:
            pages = listing.pages()
            try:
                async for page in pages:
                    return page.campaigns[0]
                raise AssertionError("empty listing")
            finally:
                await pages.aclose()

        return self.run(first())

    def get(self, campaign_id: Any) -> Campaign:
        if isinstance(self.client, VoisoClient):
            return self.client.campaigns.get(campaign_id)
        return self.run(self.client.campaigns.get(campaign_id))

    def act(self, action: str, campaign_id: Any) -> Campaign:
        """A lifecycle action (pause, start, stop) on the sync or async client."""
        method = getattr(self.client.campaigns, action)
        result = method(campaign_id)
        return self.run(result) if self.is_async else result  # type: ignore[no-any-return]

    def list_page(self, **kwargs: Any) -> CampaignPage:
        if isinstance(self.client, VoisoClient):
            return self.client.campaigns.list_page(**kwargs)
        return self.run(self.client.campaigns.list_page(**kwargs))

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        """Any method of ``client.campaigns``, awaited on the async client."""
        result = getattr(self.client.campaigns, name)(*args, **kwargs)
        return self.run(result) if self.is_async else result

    def items(self, name: str, *args: Any, **kwargs: Any) -> builtins.list[Any]:
        """Every item of a listing method of ``client.campaigns``."""
        listing = getattr(self.client.campaigns, name)(*args, **kwargs)
        if not self.is_async:
            return builtins.list(listing)

        async def collect() -> builtins.list[Any]:
            return [item async for item in listing]

        return self.run(collect())

    def close(self) -> None:
        if isinstance(self.client, VoisoClient):
            self.client.close()
        else:
            self.run(self.client.close())


MakeClient = Callable[..., Driver]


@pytest.fixture(params=["sync", "async", "trio"])
def make_client(request: pytest.FixtureRequest) -> Iterator[MakeClient]:
    """Build a Driver around the sync or the async client (on asyncio, or on trio),
    over any httpx transport."""
    runners: dict[str, Callable[[], Runner]] = {"async": asyncio.Runner, "trio": TrioRunner}
    runner = runners[request.param]() if request.param in runners else None
    drivers: list[Driver] = []

    def make(
        transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
        *,
        handler: Callable[[httpx.Request], httpx.Response] | None = None,
        key: str = KEY,
        **kwargs: Any,
    ) -> Driver:
        if transport is None:
            assert handler is not None
            transport = httpx.MockTransport(handler)
        kwargs.setdefault("cluster_id", "cc")
        client: VoisoClient | AsyncVoisoClient
        if runner is None:
            client = VoisoClient(key, http_client=httpx.Client(transport=transport), **kwargs)  # type: ignore[arg-type]
        else:
            client = AsyncVoisoClient(
                key,
                http_client=httpx.AsyncClient(transport=transport),  # type: ignore[arg-type]
                **kwargs,
            )
        driver = Driver(client, runner)
        drivers.append(driver)
        return driver

    make.is_async = runner is not None  # type: ignore[attr-defined]
    yield make
    for driver in drivers:
        driver.close()
    if runner is not None:
        runner.close()


class Recorder:
    """An httpx handler that answers from a function and remembers every request."""

    def __init__(self, answer: Callable[[httpx.Request], httpx.Response]) -> None:
        self.answer = answer
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.answer(request)

    def params(self) -> list[dict[str, str]]:
        return [dict(r.url.params) for r in self.requests]


def paged(total_ids: list[int], *, total: int | None = None) -> Recorder:
    """A server that pages *total_ids* by limit/offset, like the real API."""

    def answer(request: httpx.Request) -> httpx.Response:
        limit = int(request.url.params.get("limit", "100"))
        offset = int(request.url.params.get("offset", "0"))
        ids = total_ids[offset : offset + limit]
        return httpx.Response(200, json=page_body(ids, len(total_ids) if total is None else total))

    return Recorder(answer)
