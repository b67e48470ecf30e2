"""`make publish`: put a released version's wheel and sdist on the package index.

Usage: ``VOISO_INDEX_URL=https://pypi.internal/ python scripts/publish.py [dist]``

- The version is ``pyproject.toml``'s; its tag ``vX.Y.Z`` must exist and be the
  commit checked out (``make release`` made it), and ``dist/`` must hold that
  version's wheel and sdist (``make wheel``).
- ``VOISO_INDEX_URL`` is the index's root: uploads go there (the legacy upload
  API every index speaks: PyPI's, pypiserver's, devpi's, Artifactory's), and
  ``<root>/simple/voiso-campaigns/`` is read first, so a version the index
  already has is refused with one line, never overwritten.
- Credentials are twine's own environment variables (``TWINE_USERNAME``,
  ``TWINE_PASSWORD``): never a flag, never printed.

``release_check.py`` rehearses all of it against a pypiserver on loopback
(``local_index``), then installs the version from that index alone.
"""

from __future__ import annotations

import contextlib
import html.parser
import os
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from api_diff import current_version

ROOT = Path(__file__).resolve().parent.parent
PROJECT = "voiso-campaigns"
ENV_INDEX = "VOISO_INDEX_URL"


class _Links(html.parser.HTMLParser):
    """The file names a PEP 503 project page links to."""

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") if tag == "a" else None
        if href:
            self.names.append(href.split("#", 1)[0].rsplit("/", 1)[-1])


def released_files(index_url: str, version: str) -> list[str]:
    """The files of *version* the index already has (none when it has no such project)."""
    page = f"{index_url.rstrip('/')}/simple/{PROJECT}/"
    try:
        with urllib.request.urlopen(page, timeout=30) as response:
            text = response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return []
        raise
    links = _Links()
    links.feed(text)
    prefix = f"{PROJECT.replace('-', '_')}-{version}"
    return [name for name in links.names if name.startswith((f"{prefix}-", f"{prefix}."))]


def distributions(dist: Path, version: str) -> list[Path]:
    """The wheel and the sdist of *version* in *dist* (SystemExit naming what is missing)."""
    stem = f"{PROJECT.replace('-', '_')}-{version}"
    files = sorted(dist.glob(f"{stem}-py3-none-any.whl")) + sorted(dist.glob(f"{stem}.tar.gz"))
    if len(files) != 2:
        raise SystemExit(f"publish: {dist} lacks the {version} wheel or sdist: run `make wheel`")
    return files


def publish(dist: Path, index_url: str, version: str, env: dict[str, str] | None = None) -> int:
    """Upload *version* from *dist* to the index unless it has it; the exit code.

    *env* is twine's environment (default: this process's), where its credentials are."""
    files = distributions(dist, version)
    if already := released_files(index_url, version):
        print(
            f"publish: {PROJECT} {version} is already on {index_url} ({', '.join(already)}): "
            "a release is never overwritten; bump the version"
        )
        return 1
    twine = Path(sys.executable).with_name("twine")
    command = [str(twine), "upload", "--non-interactive", "--disable-progress-bar"]
    command += ["--repository-url", index_url, *map(str, files)]
    # Credentials reach twine through its own environment variables only.
    result = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    if result.returncode != 0:
        last = (result.stdout + result.stderr).strip().splitlines()[-1:] or ["(no output)"]
        print(f"publish: the upload to {index_url} failed: {last[0]}")
        return 1
    print(
        f"publish: {PROJECT} {version} uploaded to {index_url}: {', '.join(f.name for f in files)}"
    )
    return 0


def _tag_problem(version: str) -> str | None:
    def rev(ref: str) -> str | None:
        result = subprocess.run(
            ["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"],
            cwd=ROOT, capture_output=True, text=True, check=False,
        )  # fmt: skip
        return result.stdout.strip() or None

    tagged = rev(f"v{version}")
    if tagged is None:
        return f"the tag v{version} does not exist: `make release` tags a release"
    if tagged != rev("HEAD"):
        return f"the tag v{version} is not the commit checked out: check out v{version}"
    return None


@contextlib.contextmanager
def local_index(root: Path) -> Iterator[str]:
    """A pypiserver serving (and accepting uploads into) *root* on 127.0.0.1; its URL.

    In a child process (pypiserver's bottle installs an import hook and imports the
    deprecated cgi module: neither belongs in the caller's interpreter), on a port
    the system picks and the child prints: no free port is guessed. Uploads need no
    credentials, and a file the index has is never overwritten (pypiserver's default).
    """
    child = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(root)],
        stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    try:
        assert child.stdout is not None
        url = child.stdout.readline().strip()
        if not url.startswith("http://127.0.0.1:"):
            raise SystemExit(f"publish: the local index did not start ({url!r})")
        yield url
    finally:
        child.terminate()
        child.wait(timeout=30)
        if child.stdout is not None:
            child.stdout.close()


def _serve(root: Path) -> None:
    """The child of ``local_index``: serve *root* until terminated, its URL printed first."""
    import logging
    import warnings
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    warnings.simplefilter("ignore")  # this child's own: bottle's cgi import
    import pypiserver

    class _Quiet(WSGIRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    logging.disable(logging.WARNING)
    app = pypiserver.app(roots=[root], authenticate=[], password_file=".", disable_fallback=True)
    server = make_server("127.0.0.1", 0, app, handler_class=_Quiet)
    print(f"http://127.0.0.1:{server.server_port}/", flush=True)
    server.serve_forever()


def main(argv: list[str]) -> int:
    if argv[:1] == ["--serve"]:
        _serve(Path(argv[1]))
        return 0
    dist = Path(argv[0]).resolve() if argv else ROOT / "dist"
    version = current_version()
    index_url = os.environ.get(ENV_INDEX)
    if not index_url:
        print(f"publish: set {ENV_INDEX} to the package index's URL (credentials: TWINE_*)")
        return 2
    if problem := _tag_problem(version):
        print(f"publish: {problem}")
        return 1
    return publish(dist, index_url, version)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
