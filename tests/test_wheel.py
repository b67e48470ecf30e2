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


def _build(out: Path) -> list[Path]:
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return sorted(out.iterdir())


def test_a_rebuild_is_byte_identical(tmp_path: Path) -> None:
    """Building the same tree twice gives the same wheel and sdist, byte for byte."""
    first, second = _build(tmp_path / "a"), _build(tmp_path / "b")
    assert [p.name for p in first] == [p.name for p in second]
    assert len(first) == 2
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_the_wheel_carries_its_license_and_metadata(wheel: Path) -> None:
    """The license text, its expression, the tested Pythons and the project URLs."""
    archive = zipfile.ZipFile(wheel)
    dist_info = wheel.name.split("-py3")[0] + ".dist-info"
    assert f"{dist_info}/licenses/LICENSE" in archive.namelist()
    metadata = archive.read(f"{dist_info}/METADATA").decode()
    assert "License-Expression: LicenseRef-Proprietary" in metadata
    assert "License-File: LICENSE" in metadata
    assert "Project-URL: " in metadata
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    claimed = [
        c for c in project["classifiers"] if c.startswith("Programming Language :: Python :: 3.")
    ]
    assert claimed, "the classifiers name the tested Pythons (noxfile.py reads them)"
    for classifier in claimed:
        assert f"Classifier: {classifier}" in metadata
    floor = project["requires-python"].removeprefix(">=")
    assert f"Programming Language :: Python :: {floor}" in claimed  # the floor is tested
