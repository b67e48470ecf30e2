"""Client construction: settings, environment fallback, and refusal of unsafe configurations."""

from __future__ import annotations

import httpx
import pytest

from voiso_campaigns import AsyncVoisoClient, ConfigurationError, VoisoClient
from voiso_campaigns_client.models import CampaignList


def test_cluster_id_builds_the_voiso_host() -> None:
    """cluster_id 'cc' means https://cc.voiso.com."""
    with VoisoClient("k", cluster_id="cc") as client:
        assert client.base_url == "https://cc.voiso.com"


def test_environment_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    """api_key and cluster come from VOISO_* when not passed."""
    monkeypatch.setenv("VOISO_API_KEY", "env-key")
    monkeypatch.setenv("VOISO_CLUSTER_ID", "acme")
    with VoisoClient() as client:
        assert client.base_url == "https://acme.voiso.com"
    monkeypatch.delenv("VOISO_CLUSTER_ID")
    monkeypatch.setenv("VOISO_BASE_URL", "http://127.0.0.1:9999")
    with VoisoClient() as client:
        assert client.base_url == "http://127.0.0.1:9999"


def test_arguments_beat_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """An explicit cluster_id wins over VOISO_BASE_URL."""
    monkeypatch.setenv("VOISO_BASE_URL", "http://127.0.0.1:9999")
    with VoisoClient("k", cluster_id="cc") as client:
        assert client.base_url == "https://cc.voiso.com"


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({}, "api_key is required"),
        ({"api_key": ""}, "api_key must be a non-empty string"),
        ({"api_key": "has space"}, "visible ASCII"),
        ({"api_key": "line\nbreak"}, "visible ASCII"),
        ({"api_key": 123}, "api_key must be a str"),
        ({"api_key": "k"}, "cluster is required"),
        ({"api_key": "k", "cluster_id": "evil.com/x"}, "single DNS label"),
        ({"api_key": "k", "cluster_id": "a.b"}, "single DNS label"),
        ({"api_key": "k", "cluster_id": "-a"}, "single DNS label"),
        ({"api_key": "k", "cluster_id": "cc", "base_url": "https://x.example"}, "not both"),
        ({"api_key": "k", "base_url": "http://api.example.com"}, "loopback"),
        ({"api_key": "k", "base_url": "ftp://127.0.0.1"}, "https://"),
        ({"api_key": "k", "base_url": "https://u:p@cc.voiso.com"}, "credentials"),
        ({"api_key": "k", "cluster_id": "cc", "timeout": 0}, "timeout"),
        ({"api_key": "k", "cluster_id": "cc", "timeout": True}, "timeout"),
        ({"api_key": "k", "cluster_id": "cc", "max_retries": -1}, "max_retries"),
        ({"api_key": "k", "cluster_id": "cc", "max_retries": 1.5}, "max_retries"),
        ({"api_key": "k", "cluster_id": "cc", "max_concurrency": 0}, "max_concurrency"),
        ({"api_key": "k", "cluster_id": "cc", "max_concurrency": 1000}, "max_concurrency"),
        ({"api_key": "k", "cluster_id": "cc", "http_client": object()}, "http_client"),
    ],
)
@pytest.mark.parametrize("cls", [VoisoClient, AsyncVoisoClient])
def test_bad_configuration_is_refused(cls: type, kwargs: dict[str, object], fragment: str) -> None:
    """Each invalid setting raises ConfigurationError naming what is wrong."""
    with pytest.raises(ConfigurationError, match=fragment):
        cls(**kwargs)


def test_both_cluster_variables_set_is_ambiguous(monkeypatch: pytest.MonkeyPatch) -> None:
    """VOISO_CLUSTER_ID and VOISO_BASE_URL together are refused, not silently ordered."""
    monkeypatch.setenv("VOISO_CLUSTER_ID", "cc")
    monkeypatch.setenv("VOISO_BASE_URL", "https://cc.voiso.com")
    with pytest.raises(ConfigurationError, match="set only one"):
        VoisoClient("k")


@pytest.mark.parametrize("url", ["http://127.0.0.1:8765", "http://localhost:1", "http://[::1]:80"])
def test_plain_http_only_on_loopback(url: str) -> None:
    """http:// is accepted for loopback hosts (the fake, a local proxy)."""
    with VoisoClient("k", base_url=url) as client:
        assert client.base_url.startswith("http://")


def test_raw_client_shares_the_http_client() -> None:
    """client.raw is the generated AuthenticatedClient over the wrapper's own httpx client."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"campaigns": [], "metadata": {"total": 0}})

    from voiso_campaigns_client.api.campaigns import list_campaigns

    with VoisoClient(
        "k", cluster_id="cc", http_client=httpx.Client(transport=httpx.MockTransport(handler))
    ) as client:
        result = list_campaigns.sync(client=client.raw, limit=5)
    assert isinstance(result, CampaignList)
    assert result.metadata.total == 0
    assert seen[0].headers["authorization"] == "Bearer k"
    assert seen[0].url == "https://cc.voiso.com/api/v4/campaigns?limit=5&offset=0"


def test_raw_client_retries_too() -> None:
    """Retries live in the transport, so the raw client gets them as well."""
    answers = iter(
        [httpx.Response(503), httpx.Response(200, json={"campaigns": [], "metadata": {"total": 0}})]
    )
    transport = httpx.MockTransport(lambda request: next(answers))
    with VoisoClient("k", cluster_id="cc", http_client=httpx.Client(transport=transport)) as client:
        from voiso_campaigns_client.api.campaigns import list_campaigns

        response = list_campaigns.sync_detailed(client=client.raw)
    assert response.status_code == 200


@pytest.mark.parametrize("path", ["/api/v4", "/api/v4/", "/api"])
def test_a_base_url_ending_with_the_apis_path_is_refused(path: str) -> None:
    """https://cc.voiso.com/api/v4 would send /api/v4/api/v4/campaigns: refused, naming both."""
    with pytest.raises(ConfigurationError) as info:
        VoisoClient("k", base_url=f"https://cc.voiso.com{path}")
    assert path.rstrip("/") in str(info.value)
    assert "'https://cc.voiso.com'" in str(info.value)


def test_a_proxy_path_is_kept() -> None:
    """A path of one's own (a proxy's prefix) is not the API's and is kept."""
    with VoisoClient("k", base_url="https://proxy.example/voiso/") as client:
        assert client.base_url == "https://proxy.example/voiso"


def test_http_client_defaults_are_sent() -> None:
    """A caller's client's default headers and params go out, and its per-phase timeout
    applies; ours (auth, User-Agent, Accept) stay ours."""
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"campaigns": [], "metadata": {"total": 0}})

    theirs = httpx.Client(
        transport=httpx.MockTransport(answer),
        headers={"X-Request-ID": "r-1", "User-Agent": "theirs"},
        params={"tenant": "t-1"},
        timeout=0.2,
    )
    with VoisoClient("k", cluster_id="cc", http_client=theirs) as client:
        client.campaigns.list_page(limit=5)
    (request,) = seen
    assert request.headers["X-Request-ID"] == "r-1"
    assert request.headers["User-Agent"].startswith("voiso-campaigns/")
    assert request.headers["Authorization"] == "Bearer k"
    assert dict(request.url.params) == {"tenant": "t-1", "limit": "5", "offset": "0"}
    assert request.extensions["timeout"] == httpx.Timeout(0.2).as_dict()
