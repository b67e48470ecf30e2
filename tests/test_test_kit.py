"""What a downstream service's tests get: the fixture, partial campaigns, cassettes without
the key, cheap plugin loading, the three states of a field, the API reference."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import httpx
import vcr

from voiso_campaigns import UNSET, Campaign, Unset, VoisoClient, campaign_json
from voiso_campaigns.testing import FakeVoisoAPI, complete_campaign, vcr_config

from .conftest import KEY, PATHS, ROOT, SPEC, mypy_errors


def test_a_partial_campaign_is_completed_from_the_spec() -> None:
    """{"name": "X", "status": "active"} lists as a whole campaign; what was given is kept."""
    api = FakeVoisoAPI([{"name": "X", "status": "active"}, {"id": 9, "name": "Y"}])
    with VoisoClient(
        KEY, cluster_id="cc", http_client=httpx.Client(transport=api.transport())
    ) as client:
        first, second = client.campaigns.list()
    assert (first.id, first.name) == (9, "Y")
    assert (second.id, second.name, str(second.status)) == (10, "X", "active")
    required = SPEC["components"]["schemas"]["Campaign"]["required"]
    assert set(required) <= set(complete_campaign({"name": "Z"}))
    api.insert({"name": "Inserted"})
    assert api.campaigns()[-1]["id"] == 11


def test_the_fixture_is_configured_by_a_marker_in_a_downstream_project(tmp_path: Path) -> None:
    """A throwaway project: the marker sets the data and faults; retries do not wait."""
    (tmp_path / "test_service.py").write_text(
        textwrap.dedent("""
        import time

        import pytest

        @pytest.mark.voiso_fake(campaigns=[{"name": "Spring", "status": "paused"}], failures=[503] * 3)
        def test_configured(voiso_fake, monkeypatch):
            waits = []
            monkeypatch.setattr(time, "sleep", lambda s: waits.append(s) if s else None)
            names = [c.name for c in voiso_fake.client.campaigns.list()]
            assert names == ["Spring"]
            assert voiso_fake.api.request_count == 4  # three 503s retried,
            assert waits == []  # without waiting

        def test_default(voiso_fake):
            assert len(list(voiso_fake.client.campaigns.list())) == 250
    """)
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 passed" in result.stdout


def test_loading_the_plugin_imports_nothing_heavy() -> None:
    """Every consumer's pytest loads the plugin: it must not pull in httpx or the client."""
    code = (
        "import sys, voiso_campaigns.testing._pytest_plugin\n"
        "heavy = [m for m in ('httpx', 'voiso_campaigns._client', 'voiso_campaigns_client') if m in sys.modules]\n"
        "print(heavy)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_vcr_config_keeps_the_key_out_and_replays_on_any_port(tmp_path: Path) -> None:
    """Record against the fake on one port; no key in the cassette; replay with nothing listening."""
    recorder = vcr.VCR(cassette_library_dir=str(tmp_path), **vcr_config())
    fake = FakeVoisoAPI(count=3, api_keys={"secret-key-123": ["campaigns.read"]})
    with fake.serve() as server, recorder.use_cassette("listing.yaml"):
        with VoisoClient("secret-key-123", base_url=server.base_url) as client:
            recorded = [c.id for c in client.campaigns.list()]
    text = (tmp_path / "listing.yaml").read_text()
    assert "secret-key-123" not in text
    assert "authorization" not in text.lower()
    assert server.base_url.rsplit(":", 1)[1] not in text
    replay = vcr.VCR(cassette_library_dir=str(tmp_path), record_mode="none", **vcr_config())
    with (
        replay.use_cassette("listing.yaml"),
        VoisoClient("another-key", base_url="http://127.0.0.1:9") as client,
    ):
        assert [c.id for c in client.campaigns.list()] == recorded


def test_campaign_json_is_the_api_s_form() -> None:
    """campaign_json() writes what the API sent: timestamps with milliseconds and Z."""
    example = PATHS["/api/v4/campaigns"]["get"]["responses"]["200"]["content"]["application/json"][
        "example"
    ]
    data = example["campaigns"][0]
    campaign = Campaign.from_dict(data)
    assert campaign.to_dict()["created_at"].endswith("+00:00")
    assert campaign_json(campaign) == data


def test_the_three_states_of_a_field_type_check(tmp_path: Path) -> None:
    """The README's example: a field is a value, None, or UNSET (absent); mypy --strict agrees."""
    assert isinstance(UNSET, Unset)
    source = tmp_path / "three_states.py"
    source.write_text(
        textwrap.dedent("""
        from voiso_campaigns import Campaign, Unset

        def doubled_dial_time(c: Campaign) -> int | None:
            if isinstance(c.max_dial_time, Unset) or c.max_dial_time is None:
                return None  # absent from the answer, or null in it
            return c.max_dial_time * 2

        def wrong(c: Campaign) -> int:
            return c.max_dial_time * 2
    """)
    )
    errors = mypy_errors(source)
    assert errors
    wrong = source.read_text().splitlines().index("    return c.max_dial_time * 2", 8) + 1
    assert all(f":{wrong}:" in line for line in errors), errors  # only `wrong` is refused


def test_the_wheel_metadata_carries_no_dev_tools(tmp_path: Path) -> None:
    """The dev tools are a dependency group: the built wheel has no `dev` extra."""
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(
            archive.read(n).decode() for n in archive.namelist() if n.endswith("METADATA")
        )
    assert "Provides-Extra" not in metadata
    assert "pytest" not in metadata.split("\n\n")[0]


def test_the_api_reference_builds(tmp_path: Path) -> None:
    """pdoc renders pages for the client, the models, the errors and the test kit."""
    pdoc = Path(sys.executable).with_name("pdoc")
    modules = [
        "voiso_campaigns",
        "voiso_campaigns.errors",
        "voiso_campaigns.testing",
        "voiso_campaigns_client",
    ]
    subprocess.run(
        [str(pdoc), "--docformat", "google", "-o", str(tmp_path), *modules],
        check=True,
        capture_output=True,
    )
    main = (tmp_path / "voiso_campaigns.html").read_text()
    assert "VoisoClient" in main
    assert "Campaign" in main
    assert "NotFoundError" in (tmp_path / "voiso_campaigns" / "errors.html").read_text()
    assert "FakeVoisoAPI" in (tmp_path / "voiso_campaigns" / "testing.html").read_text()
    makefile = (ROOT / "Makefile").read_text()
    assert "pdoc --docformat google" in makefile  # `make docs` builds the same thing
