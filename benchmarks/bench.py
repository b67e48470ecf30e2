"""`make bench`: listing speed, CPU per campaign, memory, import time, rate limiting.

Every number is a ratio taken inside one run (this package against a baseline
measured minutes apart on the same machine), so a noisy machine moves both
sides. Prints one markdown table: measure, this package, baseline, ratio,
target, pass/fail.

    python -m benchmarks.bench            # everything (under 3 minutes on 2 cores)
    python -m benchmarks.bench cpu memory # some measures
    python -m benchmarks.bench --smoke    # tiny sizes: correctness only (the tests run this)
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import functools
import json
import math
import os
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs
import httpx

from voiso_campaigns import AsyncVoisoClient, VoisoClient
from voiso_campaigns._transport import Renewing
from voiso_campaigns.testing import FakeVoisoAPI, generate_campaign
from voiso_campaigns_client.models import CampaignList
from voiso_campaigns_client.resources import LIST_CAMPAIGNS

KEY = "test-key"
PATH = "/api/v4/campaigns"
#: The page size list() uses by default: the spec's default of `limit`.
PAGE: int = (LIST_CAMPAIGNS.build.__kwdefaults__ or {})[LIST_CAMPAIGNS.limit]


@attrs.frozen
class Row:
    measure: str
    ours: str
    baseline: str
    ratio: str
    target: str
    verdict: str  # "pass", "MISS" or "-" (reported only)


@attrs.frozen
class Sizes:
    campaigns: int = 10_000
    latency_ms: int = 50
    concurrencies: tuple[int, ...] = (1, 2, 4, 8)
    cpu_campaigns: int = 10_000
    memory_small: int = 1_000
    memory_large: int = 100_000
    rate_limit_campaigns: int = 10_000
    leads: int = 100_000
    leads_small: int = 10_000
    repeats: int = 5


SMOKE = Sizes(
    campaigns=300,
    latency_ms=1,
    concurrencies=(1, 3),
    cpu_campaigns=300,
    memory_small=200,
    memory_large=1_000,
    rate_limit_campaigns=300,
    leads=2_500,
    leads_small=1_000,
    repeats=1,
)


def _verdict(ok: bool) -> str:
    return "pass" if ok else "MISS"


def _clock(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


# --- 1. round trips ----------------------------------------------------------------


@contextmanager
def _fake_server_process(
    count: int, latency_ms: int, rate_limit: int | None = None
) -> Iterator[str]:
    """The fake in its own process, so its CPU does not share our GIL."""
    args = [
        sys.executable,
        "-m",
        "voiso_campaigns",
        "fake-server",
        "--port",
        "0",
        "--count",
        str(count),
        "--latency-ms",
        str(latency_ms),
    ]
    if rate_limit:
        args += ["--rate-limit", str(rate_limit)]
    with subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as proc:
        try:
            assert proc.stdout is not None
            yield proc.stdout.readline().strip()
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def _offsets(count: int) -> list[int]:
    return list(range(0, count, PAGE))


def _ids(body: dict[str, Any]) -> list[int]:
    return [c["id"] for c in body["campaigns"]]


def bare_sync(base_url: str, count: int, workers: int) -> list[int]:
    """Plain httpx: the same pages, one after another (workers=1) or from a thread pool."""
    with httpx.Client(base_url=base_url, headers={"Authorization": f"Bearer {KEY}"}) as client:

        def get(offset: int) -> list[int]:
            response = client.get(PATH, params={"limit": PAGE, "offset": offset})
            return _ids(response.json())

        if workers == 1:
            pages = [get(o) for o in _offsets(count)]
        else:
            with concurrent.futures.ThreadPoolExecutor(workers) as pool:
                pages = list(pool.map(get, _offsets(count)))
    return [i for page in pages for i in page]


async def bare_async(base_url: str, count: int, workers: int) -> list[int]:
    """Plain httpx.AsyncClient: the same pages from at most *workers* tasks."""
    limit = asyncio.Semaphore(workers)
    async with httpx.AsyncClient(
        base_url=base_url, headers={"Authorization": f"Bearer {KEY}"}
    ) as client:

        async def get(offset: int) -> list[int]:
            async with limit:
                response = await client.get(PATH, params={"limit": PAGE, "offset": offset})
                return _ids(response.json())

        pages = await asyncio.gather(*(get(o) for o in _offsets(count)))
    return [i for page in pages for i in page]


def ours_sync(base_url: str, concurrency: int) -> list[int]:
    with VoisoClient(KEY, base_url=base_url, max_concurrency=concurrency) as client:
        return [c.id for c in client.campaigns.list()]


async def ours_async(base_url: str, concurrency: int) -> list[int]:
    async with AsyncVoisoClient(KEY, base_url=base_url, max_concurrency=concurrency) as client:
        return [c.id async for c in client.campaigns.list()]


def roundtrips(sizes: Sizes) -> list[Row]:
    rows: list[Row] = []
    expected = list(range(1, sizes.campaigns + 1))
    pages = math.ceil(sizes.campaigns / PAGE)
    latency = sizes.latency_ms / 1000
    with _fake_server_process(sizes.campaigns, sizes.latency_ms) as url:
        bare_sync(url, PAGE, 1)  # warm the server
        for kind in ("sync", "async"):
            if kind == "sync":
                seq_time, seq_ids = _clock(lambda: bare_sync(url, sizes.campaigns, 1))
            else:
                seq_time, seq_ids = _clock(lambda: asyncio.run(bare_async(url, sizes.campaigns, 1)))
            assert seq_ids == expected, "sequential baseline lost campaigns"
            for c in sizes.concurrencies:
                if kind == "sync":
                    t, ids = _clock(functools.partial(ours_sync, url, c))
                    floor_t, floor_ids = _clock(
                        functools.partial(bare_sync, url, sizes.campaigns, c)
                    )
                    who = f"bare httpx, {c} threads"
                else:
                    t, ids = _clock(functools.partial(asyncio.run, ours_async(url, c)))
                    floor_t, floor_ids = _clock(
                        functools.partial(asyncio.run, bare_async(url, sizes.campaigns, c))
                    )
                    who = f"bare httpx, {c} tasks"
                assert ids == seq_ids, f"{kind} c={c}: ids differ from the sequential run"
                assert floor_ids == expected
                latency_floor = (1 + math.ceil((pages - 1) / c)) * latency
                name = f"round trips, {kind}, max_concurrency={c}" + (
                    " (default)" if c == 4 else ""
                )
                graded = c == 8
                speedup = seq_time / t
                rows += [
                    Row(
                        name,
                        f"{t:.2f} s",
                        f"sequential {seq_time:.2f} s",
                        f"{speedup:.1f}x faster",
                        "≥ 5x" if graded else "report",
                        _verdict(speedup >= 5) if graded else "-",
                    ),
                    Row(
                        name,
                        f"{t:.2f} s",
                        f"{who} {floor_t:.2f} s",
                        f"{t / floor_t:.2f}x",
                        "≤ 1.2x" if graded else "report",
                        _verdict(t / floor_t <= 1.2) if graded else "-",
                    ),
                    Row(
                        name,
                        f"{t:.2f} s",
                        f"latency floor {latency_floor:.2f} s",
                        f"{t / latency_floor:.2f}x",
                        "report",
                        "-",
                    ),
                ]
    return rows


# --- 2. CPU per campaign -----------------------------------------------------------


class _PagesTransport(httpx.BaseTransport):
    """Serves pre-encoded pages by offset: no network, no server CPU."""

    def __init__(self, pages: dict[int, bytes]) -> None:
        self.pages = pages

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = self.pages[int(request.url.params["offset"])]
        return httpx.Response(200, content=body, headers={"Content-Type": "application/json"})


def _encoded_pages(count: int) -> dict[int, bytes]:
    data = [generate_campaign(0, i) for i in range(count)]
    return {
        offset: json.dumps(
            {"campaigns": data[offset : offset + PAGE], "metadata": {"total": count}}
        ).encode()
        for offset in range(0, count, PAGE)
    }


def cpu(sizes: Sizes) -> list[Row]:
    from benchmarks.pydantic_model import CampaignList as PydanticCampaignList
    from voiso_campaigns_client import AuthenticatedClient
    from voiso_campaigns_client.api.campaigns import list_campaigns

    pages = _encoded_pages(sizes.cpu_campaigns)
    bodies = list(pages.values())
    # The production path with only the network replaced: the client's own
    # retry transport, around an in-memory one instead of httpx.HTTPTransport.
    ours = VoisoClient(KEY, cluster_id="cc", max_concurrency=1)
    ours._http._transport._inner = Renewing(None, _PagesTransport(pages))
    # What a user with an in-memory transport writes: two httpx clients deep.
    ours_http_client = VoisoClient(
        KEY,
        cluster_id="cc",
        max_concurrency=1,
        http_client=httpx.Client(transport=_PagesTransport(pages)),
    )
    generated_client = AuthenticatedClient(
        base_url="https://cc.voiso.com", token=KEY, httpx_args={"transport": _PagesTransport(pages)}
    )

    from voiso_campaigns._client import parse_page

    responses = [httpx.Response(200, content=b) for b in bodies]
    bare_pydantic = httpx.Client(base_url="https://cc.voiso.com", transport=_PagesTransport(pages))

    def httpx_pydantic() -> int:
        """The loop a team writes by hand: httpx, then the pydantic model, page by page."""
        n = 0
        for offset in pages:
            body = bare_pydantic.get(PATH, params={"limit": PAGE, "offset": offset}).content
            n += len(PydanticCampaignList.model_validate_json(body).campaigns)
        return n

    def generated_detailed() -> int:
        n = 0
        for offset in pages:
            parsed = list_campaigns.sync_detailed(
                client=generated_client, limit=PAGE, offset=offset
            ).parsed
            n += len(parsed.campaigns)  # type: ignore[union-attr]
        return n

    ways: dict[str, Callable[[], int]] = {
        "json": lambda: sum(len(json.loads(b)["campaigns"]) for b in bodies),
        "from_dict": lambda: sum(
            len(CampaignList.from_dict(json.loads(b)).campaigns) for b in bodies
        ),
        "sync_detailed": generated_detailed,
        "ours": lambda: sum(1 for _ in ours.campaigns.list()),
        "ours_http_client": lambda: sum(1 for _ in ours_http_client.campaigns.list()),
        "pydantic": lambda: sum(
            len(PydanticCampaignList.model_validate_json(b).campaigns) for b in bodies
        ),
        "parse": lambda: sum(len(parse_page(LIST_CAMPAIGNS, r, secret=KEY)[0]) for r in responses),
        "httpx_pydantic": httpx_pydantic,
    }
    best = dict.fromkeys(ways, math.inf)
    for _ in range(sizes.repeats):  # interleaved, so drift hits every way alike
        for name, way in ways.items():
            t, n = _clock(way)
            assert n == sizes.cpu_campaigns, f"{name} saw {n} campaigns"
            best[name] = min(best[name], t)
    ours.close()
    ours_http_client.close()
    bare_pydantic.close()
    us = {name: t / sizes.cpu_campaigns * 1e6 for name, t in best.items()}
    mine = us["ours"]

    def vs(label: str, key: str, target: str = "report", limit: float | None = None) -> Row:
        ratio = mine / us[key]
        verdict = "-" if limit is None else _verdict(ratio <= limit)
        return Row(
            "CPU per campaign, list()",
            f"{mine:.1f} µs",
            f"{label} {us[key]:.1f} µs",
            f"{ratio:.2f}x",
            target,
            verdict,
        )

    parse_ratio = us["parse"] / us["json"]
    return [
        Row(
            "CPU per campaign, the wrapper's page parse",
            f"{us['parse']:.1f} µs",
            f"json.loads alone {us['json']:.1f} µs",
            f"{parse_ratio:.2f}x",
            "≤ 2.0x",
            _verdict(parse_ratio <= 2.0),
        ),
        vs("plain httpx + pydantic loop, same pages", "httpx_pydantic", "≤ 1.3x", 1.3),
        vs("generated CampaignList.from_dict + json.loads", "from_dict", "≤ 1.15x", 1.15),
        vs("generated client sync_detailed, same transport", "sync_detailed"),
        vs("json.loads alone (floor)", "json"),
        vs("pydantic v2 model_validate_json", "pydantic"),
        Row(
            "CPU per campaign, list() with http_client=",
            f"{us['ours_http_client']:.1f} µs",
            f"list() {mine:.1f} µs",
            f"{us['ours_http_client'] / mine:.2f}x",
            "report",
            "-",
        ),
    ]


# --- 3. memory ---------------------------------------------------------------------


def _peak_iterating(count: int, concurrency: int) -> tuple[int, int]:
    # The fake makes each page on demand and, with history=0, keeps no request
    # log: its own memory does not grow with the listing.
    fake = FakeVoisoAPI(count=count, history=0)
    client = VoisoClient(KEY, cluster_id="cc", max_concurrency=concurrency,
                         http_client=httpx.Client(transport=fake.transport()))  # fmt: skip
    tracemalloc.start()
    seen = 0
    last = 0
    for campaign in client.campaigns.list():
        seen += 1
        assert campaign.id > last
        last = campaign.id
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    client.close()
    return peak, seen


def memory(sizes: Sizes) -> list[Row]:
    rows = []
    _peak_iterating(sizes.memory_small, 4)  # warm caches (compiled checkers, lazy imports)
    # Sequential is graded: its peak is deterministic. With threads the peak
    # also depends on how the workers' parses happen to overlap, and a longer
    # listing gives a rarer overlap more chances: reported, not graded.
    # The reported row lists a fifth as many campaigns: tracemalloc is slow.
    for concurrency, graded, size in (
        (1, True, sizes.memory_large),
        (4, False, sizes.memory_large // 5),
    ):
        small, n_small = _peak_iterating(sizes.memory_small, concurrency)
        large, n_large = _peak_iterating(size, concurrency)
        assert (n_small, n_large) == (sizes.memory_small, size)
        ratio = large / small
        rows.append(
            Row(
                f"peak memory, {size:,} vs {sizes.memory_small:,} campaigns, "
                f"max_concurrency={concurrency}",
                f"{large / 1e6:.2f} MB",
                f"{small / 1e6:.2f} MB",
                f"{ratio:.2f}x",
                "≤ 1.2x" if graded else "report",
                _verdict(ratio <= 1.2) if graded else "-",
            )
        )
    return rows


# --- 4. import time ----------------------------------------------------------------


def _import_us(module: str) -> int:
    """Cumulative import time of *module* with httpx already imported, in µs."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import httpx; import {module}"],
        capture_output=True,
        text=True,
        check=True,
    )
    for line in result.stderr.splitlines():
        parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
        if len(parts) == 3 and parts[2] == module:
            return int(parts[1])
    raise AssertionError(f"{module} not in -X importtime output")


def import_time(sizes: Sizes) -> list[Row]:
    runs = max(3, sizes.repeats + 2)
    ours = statistics.median(_import_us("voiso_campaigns") for _ in range(runs)) / 1000
    cli = Path(sys.executable).with_name("voiso-campaigns")
    help_runs = []
    for _ in range(runs):
        t, result = _clock(
            lambda: subprocess.run([str(cli), "--help"], capture_output=True, check=True)
        )
        assert b"usage: voiso-campaigns" in result.stdout
        help_runs.append(t * 1000)
    help_ms = statistics.median(help_runs)
    httpx_runs = []
    for _ in range(runs):
        t, _ = _clock(lambda: subprocess.run([sys.executable, "-c", "import httpx"], check=True))
        httpx_runs.append(t * 1000)
    httpx_ms = statistics.median(httpx_runs)
    return [
        Row(
            "import voiso_campaigns (httpx already imported)",
            f"{ours:.1f} ms",
            "-",
            "-",
            "< 60 ms",
            _verdict(ours < 60),
        ),
        Row(
            "voiso-campaigns --help (whole process)",
            f"{help_ms:.0f} ms",
            f'python -c "import httpx" {httpx_ms:.0f} ms',
            f"{help_ms / httpx_ms:.2f}x",
            "≤ 0.6x",
            _verdict(help_ms <= 0.6 * httpx_ms),
        ),
    ]


# --- 5. rate limiting --------------------------------------------------------------


def rate_limiting(sizes: Sizes) -> list[Row]:
    api = FakeVoisoAPI(count=sizes.rate_limit_campaigns, rate_limit=10, rate_limit_window=1.0)
    with (
        api.serve() as server,
        VoisoClient(KEY, base_url=server.base_url, max_concurrency=8) as client,
    ):
        t, ids = _clock(lambda: [c.id for c in client.campaigns.list()])
    assert ids == list(range(1, sizes.rate_limit_campaigns + 1)), (
        "rate-limited listing lost or repeated ids"
    )
    share = api.rate_limited_count / api.request_count
    return [
        Row(
            f"rate limited to 10 req/s, {sizes.rate_limit_campaigns:,} campaigns, concurrency 8",
            f"{api.rate_limited_count} x 429 in {api.request_count} requests ({t:.1f} s)",
            "-",
            f"{share:.1%} of requests",
            "< 10%",
            _verdict(share < 0.10),
        ),
    ]


# --- 6. a bulk lead import ---------------------------------------------------------


class _LeadsTransport(httpx.BaseTransport):
    """Answers each chunk of leads with every number created: no network, no server CPU
    beyond reading the chunk's numbers back (``answers``: pre-encoded, for the CPU row)."""

    def __init__(self, answers: list[bytes] | None = None) -> None:
        self.answers = answers
        self.chunks = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.answers is not None:
            body = self.answers[self.chunks]
        else:
            numbers = [lead["phone_number"] for lead in json.loads(request.content)]
            body = json.dumps({"leads_import": {"created": numbers, "rejected": [],
                                                "duplicates": []}}).encode()  # fmt: skip
        self.chunks += 1
        return httpx.Response(200, content=body, headers={"Content-Type": "application/json"})


def _lead(index: int) -> dict[str, Any]:
    return {"phone_number": f"+1555{index:07d}", "name": f"Lead {index}", "priority": 1 + index % 9,
            "source": {"system": "crm"}, "context_headers": {"X-Row": str(index)}}  # fmt: skip


def _importing(transport: _LeadsTransport) -> VoisoClient:
    return VoisoClient(KEY, cluster_id="cc", http_client=httpx.Client(transport=transport))


def _peak_importing(count: int) -> tuple[int, int]:
    client = _importing(_LeadsTransport())
    tracemalloc.start()
    result = client.campaigns.import_leads(3, (_lead(i) for i in range(count)), gap=0)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    client.close()
    return peak, len(result.created)


def leads(sizes: Sizes) -> list[Row]:
    from voiso_campaigns import _body, _leads

    body = _body.body(_leads.OPERATION)
    assert body is not None
    assert body.max_items is not None
    size = body.max_items
    data = [_lead(i) for i in range(sizes.leads)]
    chunks = [data[i : i + size] for i in range(0, len(data), size)]
    answers = [
        json.dumps({"leads_import": {"created": [lead["phone_number"] for lead in chunk],
                                     "rejected": [], "duplicates": []}}).encode()
        for chunk in chunks
    ]  # fmt: skip

    def ours() -> int:
        client = _importing(_LeadsTransport(answers))
        started = time.process_time()
        result = client.campaigns.import_leads(3, data, gap=0)
        spent = time.process_time() - started
        client.close()
        assert len(result.created) == len(data)
        return spent  # type: ignore[return-value]

    def floor() -> float:
        started = time.process_time()
        for chunk in chunks:
            json.dumps(chunk).encode()
        return time.process_time() - started

    # Interleaved, the best of each: a shared vCPU's slow minutes touch both sides.
    runs = [(ours(), floor()) for _ in range(sizes.repeats)]
    ours_s, floor_s = min(r[0] for r in runs), min(r[1] for r in runs)
    ratio = ours_s / floor_s
    rows = [
        Row(
            f"CPU per lead, import_leads of {len(data):,} leads (gap=0) vs json.dumps",
            f"{ours_s / len(data) * 1e6:.1f} µs",
            f"{floor_s / len(data) * 1e6:.1f} µs",
            f"{ratio:.2f}x",
            "≤ 3x",
            _verdict(ratio <= 3),
        )
    ]
    _peak_importing(sizes.leads_small)  # warm caches (compiled checkers, lazy imports)
    small, n_small = _peak_importing(sizes.leads_small)
    large, n_large = _peak_importing(sizes.leads)
    assert (n_small, n_large) == (sizes.leads_small, sizes.leads)
    grown = (large - small) / 1e6
    rows.append(
        Row(
            f"peak memory, import_leads from a generator, {sizes.leads:,} vs "
            f"{sizes.leads_small:,} leads",
            f"{large / 1e6:.2f} MB",
            f"{small / 1e6:.2f} MB",
            f"+{grown:.2f} MB",
            "≤ +5 MB",
            _verdict(grown <= 5),
        )
    )
    return rows


MEASURES: dict[str, Callable[[Sizes], list[Row]]] = {
    "roundtrips": roundtrips,
    "cpu": cpu,
    "memory": memory,
    "import": import_time,
    "ratelimit": rate_limiting,
    "leads": leads,
}


def table(rows: list[Row]) -> str:
    lines = [
        "| measure | this package | baseline | ratio | target | result |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {r.measure} | {r.ours} | {r.baseline} | {r.ratio} | {r.target} | {r.verdict} |"
        for r in rows
    ]
    return "\n".join(lines)


def run(names: list[str], sizes: Sizes) -> list[Row]:
    rows: list[Row] = []
    for name in names:
        started = time.perf_counter()
        rows += MEASURES[name](sizes)
        print(f"{name}: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "measures",
        nargs="*",
        metavar="MEASURE",
        help=f"any of {', '.join(MEASURES)} (default: all)",
    )
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, correctness only")
    args = parser.parse_args()
    unknown = set(args.measures) - set(MEASURES)
    if unknown:
        parser.error(
            f"unknown measure(s): {', '.join(sorted(unknown))}; choose from {', '.join(MEASURES)}"
        )
    os.environ.pop("VOISO_API_KEY", None)
    rows = run(args.measures or list(MEASURES), SMOKE if args.smoke else Sizes())
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
