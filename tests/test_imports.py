"""The wrapper's import graph: one direction, no cycles (every import counts, lazy or typing-only)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "wrapper" / "voiso_campaigns"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph() -> dict[str, set[str]]:
    """Module -> the package's modules it imports (at any depth of its code)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                stem = (f"{base}.{node.module}" if node.module else base) if node.level else ""
                stem = stem or node.module or ""
                # `from . import _spec` imports the module _spec; `from ._spec import x`, _spec.
                names = [f"{stem}.{alias.name}" for alias in node.names]
                targets = [n for n in names if n in modules] or [stem]
            graph[name] |= {t for t in targets if t in modules and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every cycle found by a depth-first walk, each as the modules around it."""
    found: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                found.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return found


def test_the_wrapper_has_no_import_cycles() -> None:
    """No module of voiso_campaigns imports one that imports it back, however indirectly."""
    graph = import_graph()
    assert graph["voiso_campaigns._client"] >= {"voiso_campaigns._generated"}, graph
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    """The check above can fail: a graph with a loop is reported with its path."""
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]


def test_errors_is_a_leaf() -> None:
    """The public error tree imports nothing else of the package."""
    assert import_graph()["voiso_campaigns.errors"] == set()


def test_every_third_party_import_is_a_declared_dependency() -> None:
    """What the package imports outside the standard library is in its requirements
    (httpcore was imported but only reached through httpx's own pin)."""
    import importlib.metadata
    import re
    import sys

    declared = {
        re.split(r"[<>=!~ ;\[]", requirement, maxsplit=1)[0].lower().replace("-", "_")
        for requirement in importlib.metadata.requires("voiso-campaigns") or []
        if "extra ==" not in requirement
    }
    ours = {"voiso_campaigns", "voiso_campaigns_client", "pytest"}  # pytest: the plugin's host
    imported: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - ours
    assert third_party <= declared, f"declare in pyproject.toml: {sorted(third_party - declared)}"
    assert {"httpcore", "anyio"} <= declared


FIRST_REQUESTS = """
import asyncio, json, sys
import httpx
from voiso_campaigns import AsyncVoisoClient

CAMPAIGN = {"id": 3, "name": "x", "status": "active", "strategy": "simple"}

def answer(request):
    if request.url.path.endswith("/3"):
        return httpx.Response(200, json={"campaign": CAMPAIGN})
    return httpx.Response(200, json={"campaigns": [CAMPAIGN], "metadata": {"total": 1}})

client = AsyncVoisoClient("k", cluster_id="cc",
                          http_client=httpx.AsyncClient(transport=httpx.MockTransport(answer)))
before = set(sys.modules)

async def main():
    await client.campaigns.get(3)
    assert [c.id async for c in client.campaigns.list()] == [3]
    await client.close()

asyncio.run(main())
print(json.dumps(sorted(set(sys.modules) - before)))
"""


def test_the_first_async_requests_import_nothing() -> None:
    """Nothing is imported inside the event loop: an import there blocks it (stamina's,
    imported at the first request, blocked it for ~100 ms on a cold start)."""
    import json
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", FIRST_REQUESTS], capture_output=True, text=True, check=True
    )
    imported = json.loads(result.stdout)
    assert imported == [], f"imported inside the event loop: {imported}"


FIRST_REQUESTS_OVER_HTTP = """
import json, sys
loop, base_url = sys.argv[1:]
if loop == "trio":
    import trio
else:
    import asyncio
from voiso_campaigns import AsyncVoisoClient

client = AsyncVoisoClient("test-key", base_url=base_url)
before = set(sys.modules)

def refuse(*args, **kwargs):  # loading the CA bundle in the loop blocked it ~30 ms
    raise AssertionError("an SSL context was made inside the event loop")

import ssl
ssl.create_default_context = refuse

async def main():
    await client.campaigns.get(1)
    assert len([c async for c in client.campaigns.list(max_items=3)]) == 3
    await client.close()

trio.run(main) if loop == "trio" else asyncio.run(main())
print(json.dumps(sorted(set(sys.modules) - before)))
"""


@pytest.mark.parametrize("loop", ["asyncio", "trio"])
def test_the_first_requests_over_a_real_connection_import_nothing(loop: str) -> None:
    """Through our own pool to a loopback server, on either loop: anyio (lazy since 4.16)
    and httpcore import their backends when made, not inside the loop; the modules that
    a first call would import are listed."""
    import json
    import subprocess
    import sys

    from voiso_campaigns.testing import FakeVoisoAPI

    with FakeVoisoAPI(count=5).serve() as server:
        result = subprocess.run(
            [sys.executable, "-c", FIRST_REQUESTS_OVER_HTTP, loop, server.base_url],
            capture_output=True,
            text=True,
            check=True,
        )
    imported = json.loads(result.stdout)
    assert imported == [], f"imported inside the {loop} loop: {imported}"
