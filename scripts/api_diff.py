"""`make api-diff`: what changed since the last release, and the version bump it needs.

Two comparisons against the last released version:

1. The public Python surface of both packages (griffe): every public module,
   class, function, attribute and enum member, with its signature or type.
2. The OpenAPI document (`openapi_breakages`/`openapi_additions` below), for
   what the Python surface cannot show: parameter bounds, response fields,
   enum values, responses.

Each change is Breaking, Added or Changed, named as a user reads it. The bump
rule, written once (`RULE`), says what each kind needs; a version that is not
bumped enough, or not bumped at all when anything changed, fails.

The last release is the newest tag `vX.Y.Z` in the repository, or, in a clone
without tags, the newest entry of `releases.toml`. A shallow clone, or one
without the release commit, gets a one-line explanation and exit code 2.

`--changelog` prints the changes as Markdown for CHANGELOG.md.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tomllib
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = "openapi/campaigns.yaml"
#: import name -> where it lives, and what griffe needs on its search path to resolve it
PACKAGES = {
    "voiso_campaigns": ["wrapper", "generated"],
    "voiso_campaigns_client": ["generated"],
}
Version = tuple[int, int, int]
Kind = Literal["breaking", "added", "changed"]
LEVELS = ("none", "patch", "minor", "major")

#: The bump rule, the one place it is written (the README quotes it).
RULE = (
    "below 1.0, a breaking change needs a minor bump, an addition at least a patch bump; "
    "from 1.0, breaking needs a major bump and an addition a minor one; "
    "any other change of the public surface or the spec needs at least a patch bump"
)


class GitProblem(Exception):
    """The history needed for the comparison is not in this clone."""


@dataclass(frozen=True, order=True)
class Change:
    """One difference, as a user reads it: *name* is what CHANGELOG.md must mention."""

    kind: Kind
    name: str
    text: str


def parse_version(text: str) -> Version:
    major, minor, patch = (int(part) for part in text.split("."))
    return major, minor, patch


def current_version(root: Path = ROOT) -> str:
    with (root / "pyproject.toml").open("rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def _git(root: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise GitProblem(f"git {' '.join(args)}: {result.stderr.strip().splitlines()[-1:]}")
    return result.stdout


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


def check_history(root: Path, version: str, ref: str) -> None:
    """Raise GitProblem, with what to do, when *ref* cannot be read here."""
    if _git(root, "rev-parse", "--is-shallow-repository").strip() == "true":
        raise GitProblem(
            f"this clone is shallow; the release {version} ({ref}) may be missing: "
            "run `git fetch --unshallow --tags` and try again"
        )
    try:
        _git(root, "cat-file", "-e", f"{ref}^{{commit}}")
    except GitProblem:
        raise GitProblem(
            f"the release {version} ({ref}) is not in this clone: fetch it "
            "(`git fetch origin --tags`) and try again"
        ) from None


# --- the Python surface ------------------------------------------------------------


def _target(obj: Any) -> Any | None:
    import griffe

    if not obj.is_alias:
        return obj
    try:
        return obj.final_target
    except (griffe.AliasResolutionError, griffe.CyclicAliasError):
        return None  # a name from outside the package (httpx, typing): not ours


def surface(package: Any) -> dict[str, Any]:
    """Every public object of a loaded package: public dotted name -> griffe object.

    Names re-exported by ``__all__`` are walked under the exporting module, so
    ``voiso_campaigns.Campaign`` and its members are part of the wrapper's
    surface; a class's inherited public members are its own (``Campaigns.list``).
    """
    found: dict[str, Any] = {}
    roots = {name for name in PACKAGES}

    def visit(obj: Any, name: str, depth: int) -> None:
        if name in found or depth > 6 or obj.path.split(".")[0] not in roots:
            return
        found[name] = obj
        if obj.is_module:
            exported = obj.exports if obj.exports is not None else None
            for member_name, member in obj.members.items():
                if member_name.startswith("_"):
                    continue
                target = _target(member)
                if target is None or (
                    exported is not None and not target.is_module and member_name not in exported
                ):
                    continue
                visit(target, f"{name}.{member_name}", depth + 1)
        elif obj.is_class:
            for member_name, member in obj.all_members.items():
                if member_name.startswith("_") and member_name != "__init__":
                    continue
                target = _target(member)
                if target is not None:
                    visit(target, f"{name}.{member_name}", depth + 1)

    visit(package, package.path, 0)
    return found


def _is_enum(cls: Any) -> bool:
    return any(str(base).split(".")[-1] in {"Enum", "StrEnum", "IntEnum"} for base in cls.bases)


def _parameters(function: Any) -> dict[str, Any]:
    """Each parameter by name (griffe's Parameter)."""
    return {p.name: p for p in function.parameters}


def _parameter_text(p: Any) -> str:
    prefix = {"variadic positional": "*", "variadic keyword": "**"}.get(p.kind.value, "")
    text = prefix + p.name + (f": {p.annotation}" if p.annotation is not None else "")
    text += f" = {p.default}" if p.default is not None and not prefix else ""
    return str(text)


def _unpacked_keys(function: Any) -> set[str]:
    """The keys of the TypedDict behind ``**kwargs: Unpack[...]``, if the function has one."""
    for p in function.parameters:
        annotation = p.annotation
        if p.kind.value != "variadic keyword" or "Unpack[" not in str(annotation):
            continue
        try:
            typed = _target(function.modules_collection.get_member(annotation.slice.canonical_path))
        except (AttributeError, KeyError):
            return set()
        return set(typed.members) if typed is not None else set()
    return set()


def describe(obj: Any) -> str:
    """What a user of *obj* depends on: a signature, a type, an enum value, the bases."""
    if obj.is_function:
        params = ", ".join(f"{_parameter_text(p)} [{p.kind.value}]" for p in obj.parameters)
        return f"({params}) -> {obj.returns}"
    if obj.is_attribute:
        parent = obj.parent
        if parent is not None and parent.is_class and _is_enum(parent):
            return f"= {obj.value}"
        return str(obj.annotation)
    if obj.is_class:
        return f"class({', '.join(str(b) for b in obj.bases)})"
    return "module"


def added_parameters(old: Any, new: Any) -> list[str]:
    """Parameters *new* has and *old* lacks (a function's additions)."""
    if not (old.is_function and new.is_function):
        return []
    before = _parameters(old)
    return [
        n
        for n, p in _parameters(new).items()
        if n not in before and p.kind.value != "variadic keyword"
    ]


def _difference(old: Any, new: Any, same_defaults: Collection[str] = ()) -> str:
    """How *new* differs from *old*, beyond added parameters; parameter by parameter.

    *same_defaults* names parameters whose default is written differently with
    the same value (``_equal_defaults``): not a difference."""
    if describe(old) == describe(new):
        return ""
    if not (old.is_function and new.is_function):
        return f"{describe(old)} -> {describe(new)}"
    before, after = _parameters(old), _parameters(new)
    absorbed = _unpacked_keys(new)
    moved = [n for n in before if n not in after and n in absorbed]
    parts = [f"parameter {n} removed" for n in before if n not in after and n not in absorbed]
    if moved:
        typed = next(
            str(p.annotation) for p in after.values() if p.kind.value == "variadic keyword"
        )
        parts.append(f"{', '.join(moved)} are now typed by **{typed}")
    parts += [
        f"{_parameter_text(p)} added"
        for n, p in after.items()
        if n not in before and p.kind.value == "variadic keyword" and not moved
    ]
    for n, p in before.items():
        q = after.get(n)
        if q is None:
            continue
        if str(p.annotation) != str(q.annotation):
            parts.append(f"{n}: {p.annotation} -> {q.annotation}")
        if str(p.default) != str(q.default) and n not in same_defaults:
            parts.append(f"{n} default {p.default} -> {q.default}")
        if p.kind != q.kind:
            parts.append(f"{n} is now {q.kind.value}")
    if str(old.returns) != str(new.returns):
        parts.append(f"returns {old.returns} -> {new.returns}")
    return "; ".join(parts)


def _display(name: str) -> str:
    return (
        name.removeprefix("voiso_campaigns.")
        if not name.startswith("voiso_campaigns_client")
        else name
    )


def python_changes(ref: str, root: Path = ROOT) -> list[Change]:
    """Every difference in the public surface of both packages, from *ref* to the working tree."""
    import griffe

    old_all: dict[str, Any] = {}
    new_all: dict[str, Any] = {}
    # One collection per side, so that the wrapper's re-exports resolve into the
    # generated package (voiso_campaigns.Campaign is voiso_campaigns_client's).
    old_modules, new_modules = griffe.ModulesCollection(), griffe.ModulesCollection()
    loaded = [
        (
            griffe.load_git(
                package, ref=ref, repo=root, search_paths=search, modules_collection=old_modules
            ),
            griffe.load(
                package,
                search_paths=[str(root / s) for s in search],
                modules_collection=new_modules,
            ),
        )
        for package, search in PACKAGES.items()
    ]
    for old, new in loaded:  # walked once every package is loaded: aliases resolve across
        old_all |= surface(old)
        new_all |= surface(new)
    # Every public name, before one per object is kept: an inherited member is still
    # reachable under each subclass's name (Campaigns.list, AsyncCampaigns.list).
    old_names, new_names = set(old_all), set(new_all)
    old_all, new_all = _canonical(old_all), _canonical(new_all)
    # The same object under a new, better public name (a new re-export) is the same
    # object: match on where it is defined before matching on names.
    renamed = {obj.path: name for name, obj in new_all.items()}
    old_all = {renamed.get(obj.path, name): obj for name, obj in old_all.items()}
    changes: list[Change] = []
    removed = {n: o for n, o in old_all.items() if n not in new_all and n not in new_names}
    added = {n: o for n, o in new_all.items() if n not in old_all and n not in old_names}
    for name, obj in removed.items():
        parent = name.rpartition(".")[0]
        if parent in removed:
            continue  # reported with its parent
        twins = [
            a for a, new in added.items()
            if a.rpartition(".")[0] == parent and describe(new) == describe(obj)
        ]  # fmt: skip
        hint = (
            f" (a possible rename: {', '.join(map(_display, twins))} is added with the same type)"
        )
        changes.append(
            Change(
                "breaking", _display(name), f"{_display(name)} removed" + (hint if twins else "")
            )
        )
    for name, obj in added.items():
        if name.rpartition(".")[0] in added:
            continue
        parent = obj.parent
        if (
            obj.is_attribute
            and parent is not None
            and parent.is_class
            and "TypedDict" in [str(b) for b in parent.bases]
        ):
            text = f"{_display(name)} added: filter `{obj.name}=` of the listing methods"
        else:
            text = f"{_display(name)} added"
        changes.append(Change("added", _display(name), text))
    compared = [(n, old_all[n], new_all[n]) for n in old_all if n in new_all]
    same = _equal_defaults(compared, root, ref)
    broken = set()
    # griffe compares the members of what it is given: hand it each changed object's parent.
    parents = {
        old.parent.path: (old.parent, new.parent)
        for _, old, new in compared
        if describe(old) != describe(new) and old.parent is not None and new.parent is not None
    }
    found: dict[str, list[Any]] = {}
    for old_parent, new_parent in parents.values():
        for b in griffe.find_breaking_changes(old_parent, new_parent):
            found.setdefault(b.obj.path, []).append(b)
    for name, old, new in compared:
        if describe(old) == describe(new) or old.is_class:
            continue
        for b in found.get(new.path, []):
            if b.kind is griffe.BreakageKind.PARAMETER_CHANGED_DEFAULT and (
                (name, b.old_value.name) in same
            ):
                continue
            broken.add(name)
            changes.append(Change("breaking", _display(name), f"{_display(name)}{_explain(b)}"))
    for name, old, new in compared:
        for parameter in added_parameters(old, new):
            call = f"{_display(name)}({parameter}=...)"
            changes.append(Change("added", call, f"{call} added"))
        difference = _difference(old, new, {p for n, p in same if n == name})
        if name not in broken and difference:
            changes.append(Change("changed", _display(name), f"{_display(name)}: {difference}"))
    return sorted(set(changes))


def _canonical(objects: dict[str, Any]) -> dict[str, Any]:
    """One public name per object, so that each change is reported once: on the class
    that defines it, then the shortest (``voiso_campaigns.Campaign.live`` rather than
    the generated module's own path)."""

    def inherited(name: str) -> bool:
        """Found on a subclass rather than on the class that defines it."""
        owner, obj = objects.get(name.rpartition(".")[0]), objects[name]
        return (
            owner is not None
            and owner.is_class
            and obj.parent is not None
            and owner.path != obj.parent.path
        )

    names: dict[str, str] = {}
    for name in sorted(objects, key=lambda n: (inherited(n), n.count("."), len(n), n)):
        names.setdefault(objects[name].path, name)
    return {name: objects[name] for name in names.values()}


def _explain(breakage: Any) -> str:
    """griffe's explanation, less its file location and the object's (maybe private) path."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", breakage.explain())
    text = re.sub(r"^\S+:\d+: ", "", text)
    return re.sub(r"^[\w.]+(?=[(:])", "", text)


def _equal_defaults(
    compared: list[tuple[str, Any, Any]], root: Path, ref: str
) -> set[tuple[str, str]]:
    """(function, parameter) pairs whose default changed in text but not in value.

    griffe compares a default's source text: ``page_size: int = 100`` becoming
    ``page_size: int = LIST_DEFAULTS["limit"]`` (the spec's default, 100), or
    back, reads as a change. Each side's expression is evaluated in its own
    module, in its own tree (the release's is extracted from git), and the two
    values are compared.
    """
    candidates = []
    for name, old, new in compared:
        if not (old.is_function and new.is_function):
            continue
        after = _parameters(new)
        for parameter, p in _parameters(old).items():
            q = after.get(parameter)
            if q is None or p.default is None or q.default is None:
                continue
            if str(p.default) != str(q.default):
                candidates.append(
                    (
                        (name, parameter),
                        (old.module.path, str(p.default)),
                        (new.module.path, str(q.default)),
                    )
                )
    if not candidates:
        return set()
    import tempfile

    with tempfile.TemporaryDirectory() as released:
        archive = subprocess.run(
            ["git", "archive", ref, "wrapper", "generated"],
            cwd=root,
            capture_output=True,
            check=False,
        )
        subprocess.run(["tar", "-x", "-C", released], input=archive.stdout, check=False)
        before = _evaluate(Path(released), [old for _, old, _ in candidates])
    after_values = _evaluate(root, [new for _, _, new in candidates])
    return {
        key
        for (key, _, _), old, new in zip(candidates, before, after_values, strict=True)
        if old is not None and old == new
    }


def _evaluate(tree: Path, expressions: list[tuple[str, str]]) -> list[str | None]:
    """repr() of each (module, expression) evaluated in that module of *tree*; None: failed."""
    script = (
        "import importlib, json, sys\n"
        "out = []\n"
        "for module, expr in json.loads(sys.argv[1]):\n"
        "    try: out.append(repr(eval(expr, vars(importlib.import_module(module)))))\n"
        "    except Exception: out.append(None)\n"
        "print(json.dumps(out))\n"
    )
    paths = ":".join(str(tree / p) for p in ("wrapper", "generated"))
    result = subprocess.run(
        [sys.executable, "-c", script, json.dumps(expressions)],
        capture_output=True, text=True, check=False, env={"PYTHONPATH": paths, "PATH": ""},
    )  # fmt: skip
    if result.returncode != 0:
        return [None] * len(expressions)
    values: list[str | None] = json.loads(result.stdout)
    return values


# --- the OpenAPI document ---------------------------------------------------------


def _pointer(spec: dict[str, Any], ref: str) -> Any:
    """The node a local ``$ref`` (``#/components/...``) points at."""
    node: Any = spec
    for part in ref.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def _resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = _pointer(spec, schema["$ref"])
    return schema


def inline(spec: dict[str, Any]) -> dict[str, Any]:
    """*spec* with every local ``$ref`` replaced by what it points at.

    Parameters, responses, request bodies, headers and schemas alike, so that
    a definition moved into ``components/`` compares as no change. A recursive
    schema keeps its inner ``$ref`` (the walk below follows it once per
    branch); the component sections themselves are dropped once inlined.
    """

    def walk(node: Any, seen: frozenset[str]) -> Any:
        if isinstance(node, list):
            return [walk(item, seen) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            if ref in seen:
                return node
            return walk(_pointer(spec, ref), seen | {ref})
        return {key: walk(value, seen) for key, value in node.items()}

    out: dict[str, Any] = {k: walk(v, frozenset()) for k, v in spec.items() if k != "components"}
    components = spec.get("components", {})
    # Schemas stay by name too: a recursive $ref points there, and enum values
    # are compared schema by schema.
    out["components"] = {
        key: walk(components[key], frozenset())
        for key in ("schemas", "securitySchemes")
        if key in components
    }
    return out


def _without_schemas(spec: dict[str, Any]) -> dict[str, Any]:
    """An inlined *spec* less its named schemas: what a move into components cannot change."""
    components = {k: v for k, v in spec.get("components", {}).items() if k != "schemas"}
    return {**spec, "components": components}


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
    elif new_enum is not None and (lost := set(old_enum or ()) - set(new_enum)):
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


def _required(
    spec: dict[str, Any], schema: dict[str, Any], where: str, seen: frozenset[str] = frozenset()
) -> set[str]:
    """The response fields reachable from *schema* that its object requires (always sent)."""
    schema_ref = schema.get("$ref")
    if schema_ref is not None:
        if schema_ref in seen:
            return set()
        seen = seen | {schema_ref}
    schema = _resolve(spec, schema)
    out: set[str] = set()
    for branch in schema.get("anyOf", []) + schema.get("oneOf", []):
        out |= _required(spec, branch, where, seen)
    for name, prop in schema.get("properties", {}).items():
        if name in schema.get("required", []):
            out.add(f"{where}.{name}")
        out |= _required(spec, prop, f"{where}.{name}", seen)
    if "items" in schema:
        out |= _required(spec, schema["items"], f"{where}[]", seen)
    return out


def openapi_breakages(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Changes in the OpenAPI document that break a client written against *old*."""
    old, new = inline(old), inline(new)
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
                always = _required(new, new_content["schema"], "body")
                for field in sorted(_required(old, content["schema"], "body") - always):
                    if field in new_fields:  # a removed one is reported as removed
                        found.append(
                            f"{name}: response {status} field {field} is no longer required "
                            "(it may be absent)"
                        )
                for field, types in old_fields.items():
                    if field not in new_fields:
                        found.append(f"{name}: response {status} field {field} removed")
                    elif "any" not in new_fields[field] and not types <= new_fields[field]:
                        found.append(
                            f"{name}: response {status} field {field} type "
                            f"{sorted(types)} -> {sorted(new_fields[field])}"
                        )
    return found


def openapi_additions(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """What the new document adds: operations, parameters, responses, fields, enum values."""
    old, new = inline(old), inline(new)
    found = []
    old_ops = dict(_operations(old))
    for name, new_op in _operations(new):
        old_op = old_ops.get(name)
        if old_op is None:
            found.append(f"{name}: operation added")
            continue
        old_params = {(p["in"], p["name"]) for p in old_op.get("parameters", [])}
        for p in new_op.get("parameters", []):
            if (p["in"], p["name"]) not in old_params:
                found.append(f"{name}: {p['in']} parameter {p['name']!r} added")
        for status, response in new_op.get("responses", {}).items():
            old_response = old_op.get("responses", {}).get(status)
            if old_response is None:
                found.append(f"{name}: response {status} added")
                continue
            for media, content in response.get("content", {}).items():
                old_content = old_response.get("content", {}).get(media)
                if old_content is None:
                    continue
                old_fields = _fields(old, old_content["schema"], "body")
                for field in _fields(new, content["schema"], "body"):
                    if field not in old_fields:
                        found.append(f"{name}: response {status} field {field} added")
    old_schemas = old.get("components", {}).get("schemas", {})
    for schema_name, schema in new.get("components", {}).get("schemas", {}).items():
        before = set(old_schemas.get(schema_name, {}).get("enum", []))
        for value in schema.get("enum", []):
            if value not in before and schema_name in old_schemas:
                found.append(f"{schema_name} value {value!r} added")
    return found


def _leaf_differences(old: Any, new: Any, path: str = "") -> list[str]:
    if isinstance(old, dict) and isinstance(new, dict):
        return [
            d
            for key in sorted(set(old) | set(new), key=str)
            for d in _leaf_differences(
                old.get(key), new.get(key), f"{path}.{key}" if path else str(key)
            )
        ]
    return [] if old == new else [path or "(root)"]


def spec_changes(old: dict[str, Any], new: dict[str, Any]) -> list[Change]:
    """Every difference between two OpenAPI documents (``$ref``s resolved first)."""
    changes = [Change("breaking", line, line) for line in openapi_breakages(old, new)]
    changes += [Change("added", line, line) for line in openapi_additions(old, new)]
    if old.get("info", {}).get("version") != new.get("info", {}).get("version"):
        text = f"spec info.version {old['info']['version']} -> {new['info']['version']}"
        changes.append(Change("changed", "info.version", text))
    old, new = _without_schemas(inline(old)), _without_schemas(inline(new))
    if not changes and old != new:
        places = _leaf_differences(old, new)
        shown = ", ".join(places[:4]) + (", ..." if len(places) > 4 else "")
        changes.append(
            Change("changed", "spec", f"spec text changed in {len(places)} place(s): {shown}")
        )
    return changes


# --- the verdict --------------------------------------------------------------------


def required_level(changes: list[Change], released: str) -> tuple[str, str]:
    """The least bump the changes need over *released*, and why (RULE)."""
    below_1 = parse_version(released)[0] == 0
    kinds = {c.kind for c in changes}
    if "breaking" in kinds:
        return ("minor" if below_1 else "major"), "breaking changes"
    if "added" in kinds:
        return ("patch" if below_1 else "minor"), "additions"
    if "changed" in kinds:
        return "patch", "other changes of the public surface or the spec"
    return "none", "no change of the public surface or the spec"


def bump_level(old: str, new: str) -> str:
    """How *new* bumps *old*: none, patch, minor or major (ValueError when it is lower)."""
    o, n = parse_version(old), parse_version(new)
    if n < o:
        raise ValueError(f"version {new} is lower than the released {old}")
    if n == o:
        return "none"
    if n[0] > o[0]:
        return "major"
    return "minor" if n[1] > o[1] else "patch"


def bump_problem(old: str, new: str, changes: list[Change]) -> str | None:
    """Why the version bump from *old* to *new* is not enough for *changes*, or None."""
    try:
        level = bump_level(old, new)
    except ValueError as exc:
        return str(exc)
    needed, why = required_level(changes, old)
    if LEVELS.index(level) < LEVELS.index(needed):
        return f"{why} need at least a {needed} bump over {old}, but {new} is " + (
            "the same version" if level == "none" else f"a {level} bump"
        )
    return None


def changes_since_release(root: Path = ROOT) -> tuple[str, str, list[Change]]:
    """(released version, its ref, every change since) for the tree at *root*."""
    version, ref = last_release(root)
    check_history(root, version, ref)
    old_spec = yaml.safe_load(_git(root, "show", f"{ref}:{SPEC}"))
    new_spec = yaml.safe_load((root / SPEC).read_text(encoding="utf-8"))
    return version, ref, python_changes(ref, root) + spec_changes(old_spec, new_spec)


TITLES = {"breaking": "Breaking", "added": "Added", "changed": "Changed"}


def report(changes: list[Change], markdown: bool = False) -> str:
    """The changes grouped into Breaking / Added / Changed."""
    lines = []
    for kind, title in TITLES.items():
        group = [c for c in changes if c.kind == kind]
        if group:
            lines.append(f"### {title}" if markdown else f"{title}:")
            lines += [f"- {c.text}" if markdown else f"  - {c.text}" for c in group]
    return "\n".join(lines)


def main(root: Path = ROOT, argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="What changed since the last release.")
    parser.add_argument("--changelog", action="store_true", help="print Markdown for CHANGELOG.md")
    args = parser.parse_args(argv or [])
    new_version = current_version(root)
    try:
        version, ref, changes = changes_since_release(root)
    except (GitProblem, OSError, KeyError) as exc:
        print(f"api-diff: cannot compare with the last release: {exc}")
        return 2
    if args.changelog:
        print(report(changes, markdown=True))
        return 0
    print(f"api-diff: the working tree ({new_version}) against release {version} ({ref})")
    if changes:
        print(report(changes))
    problem = bump_problem(version, new_version, changes)
    needed, why = required_level(changes, version)
    if problem:
        print(f"api-diff: {problem} ({RULE})")
        return 1
    print(f"api-diff: {why}: {needed} bump needed; {version} -> {new_version} is fine")
    return 0


if __name__ == "__main__":
    sys.exit(main(argv=sys.argv[1:]))
