"""The Python matrix and the dependency floors: `make matrix` runs every session.

- ``tests-3.11``, ``tests-3.12``, ``tests-3.13``: the whole suite on each CPython the
  package claims (its classifiers, read from ``pyproject.toml``: one list, here derived).
- ``floors``: the suite with each runtime dependency at the lowest version its declared
  range allows (the ``>=`` of every requirement, read from ``pyproject.toml``), as a
  constraints file for pip.
- ``newest``: the suite with each runtime dependency at the newest release its range
  allows, resolved afresh on every run (what a service installing the wheel today
  gets), on the newest CPython. The versions are printed first, and at the top of
  pytest's output (``tests/conftest.py``), so a failure names what changed.

nox, not tox: sessions are plain Python, so the versions and floors are read from
``pyproject.toml`` rather than restated in an ini file, and an interpreter that is
missing fails the run naming it (``error_on_missing_interpreters``), never a skip.
Interpreters are found by name on ``PATH``, else among pyenv's versions (this
machine kind's 3.12 and 3.13 live there, not on ``PATH``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
#: The CPythons the classifiers claim, oldest first.
PYTHONS = [
    c.rsplit(" :: ", 1)[1]
    for c in PROJECT["classifiers"]
    if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
]

nox.options.error_on_missing_interpreters = True
nox.options.sessions = ["tests", "floors", "newest"]


def _reachable(version: str) -> None:
    """Make ``pythonX.Y`` found on ``PATH`` (for nox) when only pyenv has it: pyenv's
    shims fail for a version that is not selected. One found nowhere is left for nox
    to report, by name."""
    found = shutil.which(f"python{version}")
    if found and subprocess.run([found, "-V"], capture_output=True, check=False).returncode == 0:
        return
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    for prefix in sorted(pyenv.glob(f"{version}.*"), reverse=True):
        if (prefix / "bin" / f"python{version}").exists():
            os.environ["PATH"] = f"{prefix / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"
            return


for _version in PYTHONS:
    _reachable(_version)


def floors() -> list[str]:
    """``name==floor`` for every runtime requirement (each must have a ``>=``)."""
    pins = []
    for requirement in PROJECT["dependencies"]:
        match = re.match(r"\s*([A-Za-z0-9_.-]+)[^;]*?>=\s*([0-9][^,;\s]*)", requirement)
        if match is None:
            raise SystemExit(f"noxfile: {requirement!r} declares no floor (>=) to test")
        pins.append(f"{match[1]}=={match[2]}")
    return pins


def _install(session: nox.Session, *pip_args: str) -> None:
    session.run("python", "-m", "pip", "install", "--quiet", "--upgrade", "pip>=25.1")
    session.run(
        "python", "-m", "pip", "install", "--quiet", "-e", ".", "--group", "test", *pip_args
    )


@nox.session(python=PYTHONS)
def tests(session: nox.Session) -> None:
    """The suite on one CPython."""
    _install(session, "--group", "trio")
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHONS[0], name="floors")
def floors_session(session: nox.Session) -> None:
    """The suite with every runtime dependency at its floor (on the oldest CPython)."""
    constraints = Path(session.create_tmp()) / "floors.txt"
    constraints.write_text("\n".join(floors()) + "\n", encoding="utf-8")
    _install(session, "--constraint", str(constraints))
    # The newest trio the floors allow (the pinned one may need more than a floor).
    session.run(
        "python", "-m", "pip", "install", "--quiet", "trio", "--constraint", str(constraints)
    )
    installed = session.run("python", "-m", "pip", "freeze", silent=True) or ""
    missing = [pin for pin in floors() if pin.lower() not in installed.lower()]
    if missing:
        session.error(f"not at the floor: {', '.join(missing)}")
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHONS[-1], name="newest")
def newest_session(session: nox.Session) -> None:
    """The suite with every runtime dependency at the newest release its range allows."""
    _install(session, "--group", "trio")
    session.run(
        "python", "-m", "pip", "install", "--quiet", "--upgrade", "--upgrade-strategy",
        "eager", *PROJECT["dependencies"],
    )  # fmt: skip
    session.run("python", "-m", "pip", "list", "--format", "freeze", "--exclude-editable")
    session.run("pytest", *session.posargs)
