"""`make api-diff`: what broke since the last release, for the services that import us.

Two comparisons against the last released version:

1. The public Python API of both packages (griffe): a removed or renamed model
   attribute, a removed enum member, a changed signature of a wrapper method,
   a removed error class.
2. The OpenAPI document (`openapi_breakages` below), for what a Python diff
   cannot see: a removed or newly required query parameter, a narrowed
   parameter type, a removed response field or a changed field type.

The last release is the newest tag `vX.Y.Z` in the repository, or, in a clone
without tags, the newest entry of `releases.toml` (each release's version and
commit, which is always on main's history). Breaking changes need a major
version bump, or a minor one below 1.0 (semver's 0.y rule); otherwise this
fails.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = "openapi/campaigns.yaml"
#: import name -> where it lives, and what griffe needs on its search path to resolve it
PACKAGES = {
    "voiso_campaigns": ["wrapper", "generated"],
    "voiso_campaigns_client": ["generated"],
}
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
Version = tuple[int, int, int]


def parse_version(text: str) -> Version:
    major, minor, patch = (int(part) for part in text.split("."))
    return major, minor, patch


def current_version(root: Path = ROOT) -> str:
    with (root / "pyproject.toml").open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def _git(root: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=root, capture_output=True, text=True, check=True
    ).stdout


def last_release(root: Path = ROOT) -> tuple[str, str]:
    """(version, git ref) of the newest release: a tag vX.Y.Z, else releases.toml."""
    tags = [
        t for t in _git(root, "tag", "--list", "v*").split() if re.fullmatch(r"v\d+\.\d+\.\d+", t)
    ]
    if tags:
        newest = max(tags, key=lambda t: parse_version(t[1:]))
        return newest[1:], newest
    with (root / "releases.toml").open("rb") as f:
        releases = tomllib.load(f)["release"]
    newest_entry = max(releases, key=lambda r: parse_version(r["version"]))
    return newest_entry["version"], newest_entry["commit"]


# --- the Python API ---------------------------------------------------------------


def _exported_targets(package: Any) -> dict[str, Any]:
    """The objects behind the names in a package's ``__all__``, where they live in it.

    griffe compares public modules on its own but skips private ones, so the
    classes defined in ``_client.py`` and re-exported are compared through
    this map. Names re-exported from the generated package are skipped here:
    that package is compared as a whole.
    """
    import griffe

    targets = {}
    for name in package.exports or []:
        member = package.members.get(str(name))
        if member is None:
            continue
        if member.is_alias:
            try:
                member = member.final_target
            except (griffe.AliasResolutionError, griffe.CyclicAliasError):
                continue
        targets[str(name)] = member
    return targets


def python_breakages(ref: str, root: Path = ROOT) -> list[str]:
    """Breaking changes in the public API of both packages, from *ref* to the working tree."""
    import griffe

    found: list[Any] = []
    for package, search in PACKAGES.items():
        old = griffe.load_git(package, ref=ref, repo=root, search_paths=search)
        new = griffe.load(package, search_paths=[str(root / s) for s in search])
        found += griffe.find_breaking_changes(old, new)
        old_targets, new_targets = _exported_targets(old), _exported_targets(new)
        for name, target in old_targets.items():
            if name in new_targets and target.is_class:
                found += _class_breakages(target, new_targets[name])
    found = _drop_equal_defaults(found, root)
    return sorted({_ANSI.sub("", b.explain()) for b in found})


def _class_breakages(old: Any, new: Any) -> list[Any]:
    """Breaking changes in a class's public members, inherited ones included.

    griffe's own comparison walks a class's own members; a method a public
    class inherits from a private base (``Campaigns.list``) is compared here.
    """
    import griffe

    found: list[Any] = []
    for member_name, old_member in old.all_members.items():
        if member_name.startswith("_") and member_name != "__init__":
            continue
        new_member = new.all_members.get(member_name)
        if new_member is None:
            found.append(griffe.ObjectRemovedBreakage(old_member, old_member, None))
            continue
        old_obj = old_member.final_target if old_member.is_alias else old_member
        new_obj = new_member.final_target if new_member.is_alias else new_member
        found += griffe.find_breaking_changes(old_obj, new_obj)
    return found


def _drop_equal_defaults(breakages: list[Any], root: Path) -> list[Any]:
    """Leave out "default changed" where the new default is an expression of the same value.

    griffe compares a default's source text: ``page_size: int = 100`` becoming
    ``page_size: int = LIST_DEFAULTS["limit"]`` (the spec's default, 100) reads
    as a change. The new expression is evaluated in its own module, in the new
    tree; a literal old default is compared with it by value.
    """
    import ast
    import json

    import griffe

    candidates = []
    for b in breakages:
        if b.kind is not griffe.BreakageKind.PARAMETER_CHANGED_DEFAULT:
            continue
        try:
            old_value = ast.literal_eval(str(b.old_value.default))
        except (ValueError, SyntaxError):
            continue  # both are expressions: keep it, to be read by a person
        candidates.append((b, old_value, b.obj.module.path, str(b.new_value.default)))
    if not candidates:
        return breakages
    script = (
        "import importlib, json, sys\n"
        "out = []\n"
        "for module, expr in json.loads(sys.argv[1]):\n"
        "    try: out.append(repr(eval(expr, vars(importlib.import_module(module)))))\n"
        "    except Exception as exc: out.append(None)\n"
        "print(json.dumps(out))\n"
    )
    pairs = json.dumps([[module, expr] for _, _, module, expr in candidates])
    paths = ":".join(str(root / p) for p in ("wrapper", "generated"))
    result = subprocess.run(
        [sys.executable, "-c", script, pairs],
        capture_output=True, text=True, check=False, env={"PYTHONPATH": paths, "PATH": ""},
    )  # fmt: skip
    if result.returncode != 0:
        return breakages
    values = json.loads(result.stdout)
    equal = {
        id(b) for (b, old, _, _), new in zip(candidates, values, strict=True) if new == repr(old)
    }
    return [b for b in breakages if id(b) not in equal]


# --- the OpenAPI document ---------------------------------------------------------


def _resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = spec["components"]["schemas"][name]
    return schema


def _types(spec: dict[str, Any], schema: dict[str, Any]) -> set[str]:
    """The JSON types a schema admits (through $ref, anyOf/oneOf and type lists)."""
    schema = _resolve(spec, schema)
    if "anyOf" in schema or "oneOf" in schema:
        return set().union(*(_types(spec, s) for s in schema.get("anyOf", schema.get("oneOf", []))))
    kind = schema.get("type")
    if kind is None:
        return {"any"}
    return set(kind) if isinstance(kind, list) else {kind}


def _narrowed(
    spec_old: dict[str, Any], old: dict[str, Any], spec_new: dict[str, Any], new: dict[str, Any]
) -> list[str]:
    """How a parameter schema accepts less than before."""
    old, new = _resolve(spec_old, old), _resolve(spec_new, new)
    problems = []
    old_types, new_types = _types(spec_old, old), _types(spec_new, new)
    if "any" not in new_types and not old_types <= new_types | (
        {"integer"} if "number" in new_types else set()
    ):
        problems.append(f"type {sorted(old_types)} -> {sorted(new_types)}")
    old_enum, new_enum = old.get("enum"), new.get("enum")
    if new_enum is not None and old_enum is None:
        problems.append("now restricted to an enum")
    elif new_enum is not None and (lost := set(old_enum) - set(new_enum)):
        problems.append(f"enum no longer accepts {sorted(lost)}")
    for bound, stricter in (("minimum", max), ("maximum", min)):
        if bound in new and (bound not in old or stricter(old[bound], new[bound]) != old[bound]):
            problems.append(f"{bound} {old.get(bound)} -> {new[bound]}")
    return problems


def _operations(spec: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for path, item in spec.get("paths", {}).items():
        for method, op in item.items():
            if method in {"get", "put", "post", "delete", "patch", "head", "options"}:
                yield f"{method.upper()} {path}", op


def _fields(
    spec: dict[str, Any], schema: dict[str, Any], where: str, seen: frozenset[str] = frozenset()
) -> dict[str, set[str]]:
    """Every response field reachable from *schema*, as path -> admitted types."""
    schema_ref = schema.get("$ref")
    if schema_ref is not None:
        if schema_ref in seen:  # a recursive schema: each $ref is walked once per branch
            return {}
        seen = seen | {schema_ref}
    schema = _resolve(spec, schema)
    out: dict[str, set[str]] = {}
    for branch in schema.get("anyOf", []) + schema.get("oneOf", []):
        out.update(_fields(spec, branch, where, seen))
    for name, prop in schema.get("properties", {}).items():
        path = f"{where}.{name}"
        out[path] = _types(spec, prop)
        out.update(_fields(spec, prop, path, seen))
    if "items" in schema:
        out.update(_fields(spec, schema["items"], f"{where}[]", seen))
    return out


def openapi_breakages(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Changes in the OpenAPI document that break a client written against *old*."""
    found = []
    new_ops = dict(_operations(new))
    for name, old_op in _operations(old):
        new_op = new_ops.get(name)
        if new_op is None:
            found.append(f"{name}: operation removed")
            continue
        old_params = {(p["in"], p["name"]): p for p in old_op.get("parameters", [])}
        new_params = {(p["in"], p["name"]): p for p in new_op.get("parameters", [])}
        for key, param in old_params.items():
            if key not in new_params:
                found.append(f"{name}: {key[0]} parameter {key[1]!r} removed")
                continue
            for problem in _narrowed(
                old, param.get("schema", {}), new, new_params[key].get("schema", {})
            ):
                found.append(f"{name}: {key[0]} parameter {key[1]!r} narrowed: {problem}")
        for key, param in new_params.items():
            if param.get("required") and not old_params.get(key, {}).get("required"):
                found.append(f"{name}: {key[0]} parameter {key[1]!r} is newly required")
        for status, old_response in old_op.get("responses", {}).items():
            new_response = new_op.get("responses", {}).get(status)
            if new_response is None:
                found.append(f"{name}: response {status} removed")
                continue
            for media, content in old_response.get("content", {}).items():
                new_content = new_response.get("content", {}).get(media)
                if new_content is None:
                    found.append(f"{name}: response {status} {media} removed")
                    continue
                old_fields = _fields(old, content["schema"], "body")
                new_fields = _fields(new, new_content["schema"], "body")
                for field, types in old_fields.items():
                    if field not in new_fields:
                        found.append(f"{name}: response {status} field {field} removed")
                    elif "any" not in new_fields[field] and not types <= new_fields[field]:
                        found.append(
                            f"{name}: response {status} field {field} type "
                            f"{sorted(types)} -> {sorted(new_fields[field])}"
                        )
    return found


# --- the verdict --------------------------------------------------------------------


def bump_problem(old: str, new: str, breaking: bool) -> str | None:
    """Why the version bump from *old* to *new* is not enough, or None."""
    o, n = parse_version(old), parse_version(new)
    if n < o:
        return f"version {new} is lower than the released {old}"
    if not breaking:
        return None
    major_bump = n[0] > o[0]
    minor_bump_below_1 = o[0] == 0 and n[:2] > o[:2]
    if major_bump or minor_bump_below_1:
        return None
    needed = "a minor bump (0.y rule)" if o[0] == 0 else "a major bump"
    return f"breaking changes need {needed} over {old}, but the version is {new}"


def main(root: Path = ROOT) -> int:
    version, ref = last_release(root)
    new_version = current_version(root)
    print(f"comparing the working tree ({new_version}) with release {version} ({ref})")
    old_spec = yaml.safe_load(_git(root, "show", f"{ref}:{SPEC}"))
    new_spec = yaml.safe_load((root / SPEC).read_text(encoding="utf-8"))
    breaking = python_breakages(ref, root) + openapi_breakages(old_spec, new_spec)
    for line in breaking:
        print(f"  BREAKING {line}")
    problem = bump_problem(version, new_version, bool(breaking))
    if problem:
        print(f"api-diff: {problem}")
        return 1
    print(f"api-diff: {len(breaking)} breaking change(s); version {new_version} is fine")
    return 0


if __name__ == "__main__":
    sys.exit(main())
