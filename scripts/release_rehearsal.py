"""`make release-rehearsal` (CI runs it): tests survive a release commit.

On a throwaway clone of HEAD: bump the patch version, add its CHANGELOG
entry, commit, record the release the way `make release` does (tag and
releases.toml), then run `make test` and `make api-diff` there, in the clone's
own fresh virtual environment. A test that hard-codes a version or a tag fails
here, before a real release finds it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from api_diff import current_version, parse_version  # noqa: E402

GIT_ENV = {
    "GIT_AUTHOR_NAME": "release rehearsal",
    "GIT_AUTHOR_EMAIL": "rehearsal@localhost",
    "GIT_COMMITTER_NAME": "release rehearsal",
    "GIT_COMMITTER_EMAIL": "rehearsal@localhost",
}


def bump_patch(root: Path) -> str:
    """Raise the patch version in pyproject.toml and add its CHANGELOG entry; the new version."""
    old = current_version(root)
    major, minor, patch = parse_version(old)
    new = f"{major}.{minor}.{patch + 1}"
    pyproject = root / "pyproject.toml"
    text, count = re.subn(
        rf'^version = "{re.escape(old)}"$',
        f'version = "{new}"',
        pyproject.read_text(),
        count=1,
        flags=re.M,
    )
    assert count == 1, "pyproject.toml: no version line to bump"
    pyproject.write_text(text)
    changelog = root / "CHANGELOG.md"
    entry = f"## [{new}] - {dt.date.today().isoformat()}\n\n### Changed\n- Release rehearsal.\n\n"
    text = changelog.read_text()
    changelog.write_text(text.replace("## [Unreleased]\n", f"## [Unreleased]\n\n{entry}", 1))
    return new


def main() -> int:
    env = {**os.environ, **GIT_ENV}
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "repo"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        version = bump_patch(clone)
        subprocess.run(
            ["git", "commit", "-qam", f"Bump to {version}"], cwd=clone, env=env, check=True
        )
        steps = [
            [sys.executable, "scripts/release.py", "--record-only"],
            ["make", "-s", "test"],
            ["make", "-s", "api-diff"],
        ]
        for step in steps:
            print(f"release-rehearsal ({version}): {' '.join(step[-2:])}", flush=True)
            if subprocess.run(step, cwd=clone, env=env, check=False).returncode != 0:
                print(f"release-rehearsal: `{' '.join(step)}` failed on the release commit")
                return 1
    print(f"release-rehearsal: the release commit of {version} passes make test and api-diff")
    return 0


if __name__ == "__main__":
    sys.exit(main())
