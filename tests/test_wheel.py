"""The wheel: built from the tree, installed in a fresh venv, importable from there alone."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (built,) = out.glob("voiso_campaigns-*-py3-none-any.whl")
    return built


def test_wheel_holds_only_the_two_packages(wheel: Path) -> None:
    """No tests, caches or stray files: the two packages, their py.typed, and metadata."""
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    assert tops == {
        "voiso_campaigns",
        "voiso_campaigns_client",
        wheel.name.split("-py3")[0] + ".dist-info",
    }
    assert "voiso_campaigns/py.typed" in names
    assert "voiso_campaigns_client/py.typed" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc") or "/tests/" in n]
    entry_points = (
        zipfile.ZipFile(wheel)
        .read(next(n for n in names if n.endswith("entry_points.txt")))
        .decode()
    )
    assert "voiso-campaigns = voiso_campaigns._cli:main" in entry_points
    assert "voiso_campaigns = voiso_campaigns.testing._pytest_plugin" in entry_points


def test_wheel_installs_and_imports_in_a_fresh_venv(wheel: Path, tmp_path: Path) -> None:
    """Both packages import from the new venv's site-packages, not from this source tree."""
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        check=True,
        timeout=600,
        cwd=tmp_path,
    )
    script = (
        "import voiso_campaigns, voiso_campaigns_client, voiso_campaigns.testing;"
        "print(voiso_campaigns.__file__); print(voiso_campaigns_client.__file__);"
        "print(voiso_campaigns.__version__)"
    )
    result = subprocess.run(
        [str(python), "-c", script], check=True, capture_output=True, text=True, cwd=tmp_path
    )
    wrapper_file, generated_file, version = result.stdout.split()
    assert wrapper_file.startswith(str(env_dir))
    assert generated_file.startswith(str(env_dir))
    assert wheel.name.startswith(f"voiso_campaigns-{version}-")
