"""`make generate`: the generated client, and the spec it was generated from, in one step.

Usage: ``python scripts/generate.py [--spec SPEC] [--output DIR]``

1. openapi-python-client (pinned in pyproject.toml) writes the package with
   ``generator-config.yaml`` and the templates in ``templates/``, with
   ``--fail-on-warning``: a spec the generator only half understands (an
   unsupported type, a parameter it skips) fails here, not in a service.
2. The spec itself is written next to it as ``openapi.json``: the facts the
   generated Python cannot carry (parameter bounds, nullability, enum lists
   of response fields) are read from there by the wrapper, the CLI and the
   fake, so each is still written once, in ``openapi/campaigns.yaml``.

On failure the generator's own output is printed, never just an exit status.
The same script serves `make generate`, `make check-generated` and the tests'
regeneration rehearsals.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "voiso_campaigns_client"
SPEC_JSON = "openapi.json"


def spec_json(spec: Path) -> str:
    """The spec as the JSON text shipped in the generated package (stable bytes)."""
    data = yaml.safe_load(spec.read_text(encoding="utf-8"))
    try:
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    except TypeError as exc:  # e.g. an unquoted timestamp that YAML reads as a datetime
        raise SystemExit(f"{spec}: a value is not JSON ({exc}); quote it in the YAML") from None


def generate(spec: Path, output: Path) -> subprocess.CompletedProcess[str]:
    """Run the generator into *output* (replaced only on success); the completed process."""
    import shutil
    import tempfile

    with tempfile.TemporaryDirectory(dir=output.parent if output.parent.exists() else None) as tmp:
        staged = Path(tmp) / output.name
        result = _generate(spec, staged)
        if result.returncode == 0:
            # A failed generation leaves the committed package as it was.
            shutil.rmtree(output, ignore_errors=True)
            shutil.move(staged, output)
    return result


def _generate(spec: Path, output: Path) -> subprocess.CompletedProcess[str]:
    bin_dir = Path(sys.executable).parent
    command = [
        str(bin_dir / "openapi-python-client"), "generate",
        "--path", str(spec),
        "--config", str(ROOT / "generator-config.yaml"),
        "--custom-template-path", str(ROOT / "templates"),
        "--meta", "none",
        "--fail-on-warning",
        "--output-path", str(output),
    ]  # fmt: skip
    # The post hooks call ruff: the pinned one, from this interpreter's environment.
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode == 0:
        (output / SPEC_JSON).write_text(spec_json(spec), encoding="utf-8")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spec", type=Path, default=ROOT / "openapi" / "campaigns.yaml")
    parser.add_argument("--output", type=Path, default=ROOT / "generated" / PACKAGE)
    args = parser.parse_args(argv)
    result = generate(args.spec, args.output)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        print(f"generation from {args.spec} failed (exit {result.returncode})", file=sys.stderr)
        return 1
    print(f"generated {args.output} from {args.spec}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
