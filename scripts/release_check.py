"""`make release-check`, after the build: is dist/ fit to share?

- the wheel holds the two packages (with their py.typed) and its metadata, nothing else;
- CHANGELOG.md has an entry for the version being released, and that entry
  names every breaking change `make api-diff` reports since the last release;
- the wheel installs into a fresh virtual environment, where a smoke script
  (scripts/release_smoke.py) lists campaigns from the fake with the CLI and the
  API, away from this source tree, and a downstream project's tests (the
  ``voiso_fake`` marker with a custom data set, a vcrpy cassette) pass with
  only the wheel, pytest and vcrpy installed.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from api_diff import Change, GitProblem, changes_since_release, current_version  # noqa: E402

PACKAGES = ("voiso_campaigns", "voiso_campaigns_client")


def wheel_problems(wheel: Path) -> list[str]:
    """Files in the wheel that should not be there, or required ones missing."""
    names = zipfile.ZipFile(wheel).namelist()
    dist_info = wheel.name.split("-py3")[0] + ".dist-info"
    problems = [
        f"unexpected file {name}"
        for name in names
        if name.split("/")[0] not in (*PACKAGES, dist_info)
        or "__pycache__" in name
        or name.endswith((".pyc", ".pyo"))
        or re.search(r"(^|/)(tests?|\.pytest_cache|\.mypy_cache|\.ruff_cache)(/|$)", name)
    ]
    problems += [f"missing {p}/py.typed" for p in PACKAGES if f"{p}/py.typed" not in names]
    if f"{PACKAGES[1]}/openapi.json" not in names:  # the wrapper reads the spec from there
        problems.append(f"missing {PACKAGES[1]}/openapi.json")
    return problems


def changelog_section(version: str, changelog: Path = ROOT / "CHANGELOG.md") -> str | None:
    """The text of the ``## [version] - YYYY-MM-DD`` section, or None."""
    text = changelog.read_text(encoding="utf-8")
    match = re.search(
        rf"^## \[{re.escape(version)}\] - \d{{4}}-\d{{2}}-\d{{2}}$(.*?)(?=^## \[|\Z)",
        text,
        re.MULTILINE | re.DOTALL,
    )
    return match.group(1) if match else None


def changelog_problem(version: str, changelog: Path = ROOT / "CHANGELOG.md") -> str | None:
    if changelog_section(version, changelog) is None:
        return f"CHANGELOG.md has no '## [{version}] - YYYY-MM-DD' entry"
    return None


def unmentioned_breaking(section: str, changes: list[Change]) -> list[Change]:
    """The breaking changes whose name the CHANGELOG section does not mention."""
    return [c for c in changes if c.kind == "breaking" and c.name not in section]


def breaking_problems(version: str, root: Path = ROOT) -> list[str]:
    """One line per breaking change since the last release that the version's entry omits."""
    section = changelog_section(version, root / "CHANGELOG.md")
    if section is None:
        return []  # changelog_problem says so
    try:
        _, _, changes = changes_since_release(root)
    except GitProblem as exc:
        return [f"cannot compare with the last release: {exc}"]
    return [
        f"CHANGELOG.md [{version}] does not mention the breaking change `{c.name}` ({c.text}); "
        "`make api-diff ARGS=--changelog` prints them all"
        for c in unmentioned_breaking(section, changes)
    ]


#: A downstream service's own tests: the test kit, and one test per item of issue 20.
DOWNSTREAM_TESTS = (ROOT / "scripts" / "downstream" / "test_service.py").read_text(encoding="utf-8")

#: The downstream service's own tools: tests (anyio, for its pytest plugin, comes with
#: httpx), tracing and type checking, as issue 20 tried them.
DOWNSTREAM_TOOLS = [
    "pytest",
    "vcrpy",
    "trio",
    "opentelemetry-sdk",
    "opentelemetry-instrumentation-httpx",
    "mypy",
]


def smoke(wheel: Path) -> None:
    """Install *wheel* in a fresh venv and run the smoke script there, outside the tree."""
    with tempfile.TemporaryDirectory() as tmp:
        env_dir = Path(tmp) / "venv"
        venv.create(env_dir, with_pip=True)
        python = env_dir / "bin" / "python"
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", str(wheel)], check=True, cwd=tmp
        )
        subprocess.run(
            [str(python), str(ROOT / "scripts" / "release_smoke.py")], check=True, cwd=tmp
        )
        # A downstream service's own tests, as the README shows them: the wheel, plus
        # the service's test tools, and nothing from this tree.
        subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", *DOWNSTREAM_TOOLS], check=True, cwd=tmp
        )
        project = Path(tmp) / "service"
        project.mkdir()
        (project / "test_service.py").write_text(DOWNSTREAM_TESTS)
        subprocess.run(
            [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(project)],
            check=True,
            cwd=project,
        )


def from_an_index(dist: Path, version: str) -> None:
    """Publish *version* to a package index on loopback, install it from that index alone
    (``pip --isolated --index-url``: no other index, no pip configuration) in a fresh venv,
    and run the downstream project's tests there; a second publish must be refused."""
    from publish import local_index

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "index").mkdir()
        with local_index(Path(tmp) / "index") as url:
            _publish_install_and_test(dist, version, Path(tmp), url)
    print(f"release-check: {version} published to a local index, installed from it, tested")


def _publish_install_and_test(dist: Path, version: str, tmp: Path, url: str) -> None:
    import os

    from publish import publish

    # The local index asks for no credentials; twine wants some, in its own variables.
    twine_env = {**os.environ, "TWINE_USERNAME": "rehearsal", "TWINE_PASSWORD": "rehearsal"}
    if publish(dist, url, version, twine_env) != 0:
        raise SystemExit("release-check: publishing to the local index failed")
    # What the service installs besides: the wheel's dependencies and its test tools,
    # fetched once (the registry) and put on the local index beside the release.
    wheel = next(dist.glob(f"voiso_campaigns-{version}-py3-none-any.whl"))
    deps = Path(tmp) / "deps"
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--quiet", "--only-binary", ":all:",
         "--dest", str(deps), str(wheel), *DOWNSTREAM_TOOLS],
        check=True, cwd=tmp,
    )  # fmt: skip
    for file in deps.iterdir():
        if not file.name.startswith("voiso_campaigns-"):
            file.rename(Path(tmp) / "index" / file.name)
    env_dir = Path(tmp) / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--isolated",
         "--index-url", f"{url}simple/", f"voiso-campaigns=={version}", *DOWNSTREAM_TOOLS],
        check=True, cwd=tmp,
    )  # fmt: skip
    project = Path(tmp) / "service"
    project.mkdir()
    (project / "test_service.py").write_text(DOWNSTREAM_TESTS)
    subprocess.run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", str(project)],
        check=True,
        cwd=project,
    )
    if publish(dist, url, version, twine_env) != 1:
        raise SystemExit("release-check: the local index accepted the same version twice")


def main(dist: Path) -> int:
    version = current_version()
    wheels = sorted(dist.glob(f"voiso_campaigns-{version}-py3-none-any.whl"))
    sdists = sorted(dist.glob(f"voiso_campaigns-{version}.tar.gz"))
    problems = [] if wheels and sdists else [f"dist/ lacks the {version} wheel or sdist"]
    if wheels:
        problems += wheel_problems(wheels[0])
    if (problem := changelog_problem(version)) is not None:
        problems.append(problem)
    problems += breaking_problems(version)
    for problem in problems:
        print(f"release-check: {problem}")
    if problems:
        return 1
    smoke(wheels[0])
    from_an_index(dist, version)
    print(f"release-check: voiso_campaigns {version} is ready to share")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]).resolve() if len(sys.argv) > 1 else ROOT / "dist"))
