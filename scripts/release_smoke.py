"""Run inside a fresh venv holding only the built wheel: does the package work there?"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import voiso_campaigns
import voiso_campaigns_client
from voiso_campaigns import VoisoClient

here = Path(sys.executable).parent
for module in (voiso_campaigns, voiso_campaigns_client):
    assert str(here.parent) in str(module.__file__), (
        f"{module.__name__} not from the venv: {module.__file__}"
    )

cli = str(here / "voiso-campaigns")
env = {**os.environ, "VOISO_API_KEY": "smoke-key"}
with subprocess.Popen(
    [cli, "fake-server", "--port", "0", "--count", "150", "--api-key", "smoke-key"],
    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
) as server:  # fmt: skip
    try:
        assert server.stdout is not None
        base_url = server.stdout.readline().strip()
        listed = subprocess.run(
            [cli, "list", "--base-url", base_url, "--format", "json"],
            env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        assert len(json.loads(listed.stdout)) == 150, "CLI listing"
        with VoisoClient("smoke-key", base_url=base_url) as client:
            assert len(list(client.campaigns.list())) == 150, "API listing"
    finally:
        server.terminate()
print(
    f"voiso_campaigns {voiso_campaigns.__version__}: CLI and API listed 150 campaigns from the fake"
)
