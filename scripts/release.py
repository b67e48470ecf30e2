"""`make release`: cut the release of the version in pyproject.toml, or refuse and say why.

It refuses unless the tree is clean, the version is not released yet, and
`make test check-generated check-cassettes api-diff release-check` pass. Then
it tags the release commit `vX.Y.Z`, records that commit in `releases.toml`
(committed as "Release X.Y.Z: ..."), and prints where the wheel is.

`--record-only` skips the checks (they are what `make release` runs first) and
only tags and records: the release rehearsal uses it on a throwaway clone.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from api_diff import current_version, parse_version  # noqa: E402

CHECKS = ("test", "check-generated", "check-cassettes", "api-diff", "release-check")


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout.strip()


def refusal(root: Path, version: str) -> str | None:
    """Why *version* cannot be released from *root* now, or None."""
    if _git(root, "status", "--porcelain"):
        return "the tree has uncommitted changes: commit or stash them first"
    if _git(root, "tag", "--list", f"v{version}"):
        return f"v{version} is already tagged: bump the version in pyproject.toml"
    released = (root / "releases.toml").read_text(encoding="utf-8")
    if f'version = "{version}"' in released:
        return f"{version} is already in releases.toml: bump the version in pyproject.toml"
    parse_version(version)
    return None


def record(root: Path, version: str) -> str:
    """Tag HEAD as vX.Y.Z and commit its hash to releases.toml; the commit released."""
    commit = _git(root, "rev-parse", "HEAD")
    _git(root, "tag", "-a", f"v{version}", "-m", f"voiso-campaigns {version}", commit)
    with (root / "releases.toml").open("a", encoding="utf-8") as f:
        f.write(f'\n[[release]]\nversion = "{version}"\ncommit = "{commit}"\n')
    _git(root, "add", "releases.toml")
    _git(root, "commit", "-q", "-m", f"Release {version}: record its commit in releases.toml")
    return commit


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record-only", action="store_true", help="tag and record; no checks")
    args = parser.parse_args(argv)
    version = current_version(root)
    problem = refusal(root, version)
    if problem:
        print(f"release: refused: {problem}")
        return 1
    if not args.record_only:
        for target in CHECKS:
            print(f"release: make {target}", flush=True)
            if subprocess.run(["make", "-s", target], cwd=root, check=False).returncode != 0:
                print(f"release: refused: `make {target}` failed")
                return 1
        if _git(root, "status", "--porcelain"):
            print("release: refused: the checks changed the tree (see git status)")
            return 1
    commit = record(root, version)
    print(f"release: v{version} is {commit}, recorded in releases.toml")
    wheel = root / "dist" / f"voiso_campaigns-{version}-py3-none-any.whl"
    if wheel.exists():
        print(f"release: share {wheel}")
    print("release: push main and the tag: git push origin main v" + version)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
