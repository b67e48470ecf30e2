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
from typing import Any

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
        try:
            text = render_resources(yaml.safe_load(spec.read_text(encoding="utf-8")), spec)
        except SpecProblem as exc:
            return subprocess.CompletedProcess(command, 1, "", f"{spec}: {exc}\n")
        (output / RESOURCES).write_text(text, encoding="utf-8")
        try:
            check_signatures(output, resources_context(yaml.safe_load(spec.read_text("utf-8"))))
        except SpecProblem as exc:
            return subprocess.CompletedProcess(command, 1, "", f"{output / RESOURCES}: {exc}\n")
        ruff = [str(bin_dir / "ruff"), "format", "--isolated", "--no-cache", "--quiet"]
        subprocess.run([*ruff, str(output / RESOURCES)], env=env, check=True)
    return result


# --- the resources: one class per tag, a method per operation ------------------------
#
# openapi-python-client's templates see no `x-` extension (its Endpoint objects
# do not carry them), so the resources are rendered here, from the spec itself,
# with the generator's own naming functions: the names match its modules,
# models and TypedDicts exactly (templates/README.md).

RESOURCES = "resources.py"
_HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
_PYTHON_TYPES = {"integer": "int", "string": "str", "number": "float", "boolean": "bool"}


class SpecProblem(Exception):
    """The spec breaks a style note the resources rely on (the message says which)."""


def _resolve(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        target: Any = spec
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _ref_name(node: dict[str, Any], what: str) -> str:
    if "$ref" not in node:
        raise SpecProblem(f"{what} must be a $ref to a schema in components/schemas")
    return str(node["$ref"].rsplit("/", 1)[-1])


def _operation(spec: dict[str, Any], path: str, method: str, op: dict[str, Any]) -> dict[str, Any]:
    from openapi_python_client.strings import ClassName, PythonIdentifier

    op_id = str(op.get("operationId", ""))
    where = f"{method.upper()} {path}"
    if not op_id or not op.get("x-method") or len(op.get("tags", [])) != 1:
        raise SpecProblem(f"{where} needs an operationId, one tag and x-method (style notes)")
    params = [_resolve(spec, p) for p in op.get("parameters", [])]
    unsupported = [p["name"] for p in params if p["in"] not in ("path", "query")]
    if unsupported:
        raise SpecProblem(f"{where}: header and cookie parameters are not supported: {unsupported}")
    ok = _resolve(spec, op.get("responses", {}).get("200", {}))
    body = ok.get("content", {}).get("application/json", {}).get("schema")
    if body is None:
        raise SpecProblem(f"{where} declares no application/json 200 response")
    model = _ref_name(body, f"{where}: the 200 body")
    model_schema = _resolve(spec, body)
    result = op.get("x-result")
    result_type = model
    if result is not None:
        prop = _resolve(spec, model_schema.get("properties", {}).get(result, {}))
        what = f"{where}: x-result {result!r}"
        if prop.get("type") == "array":
            result_type = f"builtins.list[{_ref_name(prop.get('items', {}), what)}]"
        else:
            result_type = _ref_name(model_schema.get("properties", {}).get(result, {}), what)
    security = op.get("security", spec.get("security", []))
    scopes = tuple(scope for req in security for names in req.values() for scope in names)
    errors = {
        str(status): " ".join(_resolve(spec, response).get("description", "").split())
        for status, response in op.get("responses", {}).items()
        if not str(status).startswith("2")
    }
    module = str(PythonIdentifier(op_id, ""))
    info: dict[str, Any] = {
        "id": op_id,
        "module": module,
        "const": module.upper(),
        "filters": f"{ClassName(op_id, '')}Filters",
        "method_name": op["x-method"],
        "http_method": method.upper(),
        "path": path,
        "summary": op.get("summary", op_id),
        "description": op.get("description", ""),
        "model": model,
        "result": result,
        "result_type": result_type,
        "scopes": scopes,
        "errors": errors,
        "raises": errors,
        "path_params": [
            {
                "name": str(PythonIdentifier(p["name"], "")),
                "type": _PYTHON_TYPES.get(
                    str(_resolve(spec, p.get("schema", {})).get("type")), "Any"
                ),
                "description": p.get("description", p["name"]),
            }
            for p in params
            if p["in"] == "path"
        ],
        "has_query": any(p["in"] == "query" for p in params),
        "body": _body(spec, where, op.get("requestBody")),
        "pagination": None,
        "op_class": "Operation",
        "op_type": f"Operation[{result_type}]",
    }
    if "x-pagination" in op:
        info["pagination"] = _pagination(spec, where, op["x-pagination"], params, model_schema)
        item, page = info["pagination"]["item"], info["pagination"]["page"]
        info["op_class"], info["op_type"] = "Paginated", f"Paginated[{item}, {page}]"
    return info


def _body(spec: dict[str, Any], where: str, declared: Any) -> dict[str, Any] | None:
    """A request body as the method takes it: an object's properties as keyword
    arguments, or an array as one argument named by ``x-body-name``."""
    if not declared:
        return None
    body = _resolve(spec, declared)
    schema = body.get("content", {}).get("application/json", {}).get("schema")
    if schema is None or set(body.get("content", {})) != {"application/json"}:
        raise SpecProblem(f"{where}: a request body is application/json only")
    if body.get("required") is not True:
        raise SpecProblem(f"{where}: a request body must be required: true")
    resolved = _resolve(spec, schema)
    if resolved.get("type") == "array":
        name = body.get("x-body-name")
        if not isinstance(name, str) or not name.isidentifier():
            raise SpecProblem(f"{where}: an array request body needs x-body-name (style notes)")
        return {"kind": "array", "arguments": [
            {"name": name, "type": _param_type(spec, resolved), "required": True}
        ]}  # fmt: skip
    if resolved.get("type") != "object" or "$ref" not in schema:
        raise SpecProblem(f"{where}: a request body is a $ref to an object schema, or an array")
    required = set(resolved.get("required", []))
    arguments = []
    for name, prop in resolved.get("properties", {}).items():
        if not name.isidentifier():
            raise SpecProblem(f"{where}: body property {name!r} is not a Python identifier")
        arguments.append(
            {"name": name, "type": _param_type(spec, prop), "required": name in required}
        )
    arguments.sort(key=lambda a: not a["required"])
    return {"kind": "object", "arguments": arguments}


#: The TypedDicts of the request bodies' object schemas (name -> fields), filled by
#: ``_param_type`` while the operations are read; written into resources.py.
_PARAMS: dict[str, list[tuple[str, str, bool]]] = {}


def _param_type(spec: dict[str, Any], schema: dict[str, Any]) -> str:
    """The Python type a request body value of *schema* is given as (a ``$ref`` object:
    its generated model or its ``…Param`` TypedDict)."""
    nullable = False
    if "anyOf" in schema or "oneOf" in schema:
        members: list[dict[str, Any]] = schema.get("anyOf") or schema.get("oneOf") or []
        kinds = [_param_type(spec, m) for m in members if m.get("type") != "null"]
        nullable = len(kinds) < len(members)
        return " | ".join(kinds + (["None"] if nullable else []))
    if "$ref" in schema:
        name = _ref_name(schema, "")
        target = _resolve(spec, schema)
        if target.get("type") == "object" and "properties" in target:
            if name not in _PARAMS:
                _PARAMS[name] = []  # first: a recursive schema stops here
                required = set(target.get("required", []))
                fields = [
                    (prop, _param_type(spec, sub), prop in required)
                    for prop, sub in target["properties"].items()
                ]
                del _PARAMS[name]  # re-inserted after the TypedDicts it names
                _PARAMS[name] = fields
            return f"{name}Param | {name}"
        return _param_type(spec, target)
    declared = schema.get("type", "object")
    kinds = [declared] if isinstance(declared, str) else list(declared)
    found = []
    for kind in kinds:
        if kind == "array":
            found.append(f"Sequence[{_param_type(spec, schema.get('items', {}))}]")
        elif kind == "object":
            extra = schema.get("additionalProperties")
            value = _param_type(spec, extra) if isinstance(extra, dict) else "Any"
            found.append(f"Mapping[str, {value}]")
        else:
            found.append(_PYTHON_TYPES.get(kind, "Any") if kind != "null" else "None")
    return " | ".join(found)


def _pagination(
    spec: dict[str, Any],
    where: str,
    declared: dict[str, Any],
    params: list[dict[str, Any]],
    model_schema: dict[str, Any],
) -> dict[str, Any]:
    from openapi_python_client.strings import PythonIdentifier

    query = {p["name"]: p for p in params if p["in"] == "query"}
    missing = [k for k in ("limit", "offset", "items", "total") if k not in declared]
    if missing:
        raise SpecProblem(f"{where}: x-pagination lacks {', '.join(missing)}")
    for role in ("limit", "offset"):
        if declared[role] not in query:
            raise SpecProblem(
                f"{where}: x-pagination {role} {declared[role]!r} is not a query parameter"
            )
    limit_schema = _resolve(spec, query[declared["limit"]].get("schema", {}))
    if "default" not in limit_schema:
        raise SpecProblem(f"{where}: the x-pagination limit parameter needs a default")
    array = _resolve(spec, model_schema.get("properties", {}).get(declared["items"], {}))
    item = _ref_name(array.get("items", {}), f"{where}: x-pagination items {declared['items']!r}")
    offset_schema = _resolve(spec, query[declared["offset"]].get("schema", {}))
    return {
        "item": item,
        "page": f"{item}Page",
        "items_attr": str(PythonIdentifier(declared["items"], "")),
        "total": tuple(str(PythonIdentifier(part, "")) for part in declared["total"].split(".")),
        "total_path": declared["total"],
        "limit": str(PythonIdentifier(declared["limit"], "")),
        "limit_wire": declared["limit"],
        "offset": str(PythonIdentifier(declared["offset"], "")),
        "limit_default": limit_schema["default"],
        "offset_default": offset_schema.get("default", 0),
        "key": declared.get("key"),
    }


def resources_context(spec: dict[str, Any]) -> dict[str, Any]:
    """What the resources template needs, read from *spec* (raises SpecProblem)."""
    from openapi_python_client.strings import ClassName, PythonIdentifier

    descriptions = {t["name"]: t.get("description", "") for t in spec.get("tags", [])}
    _PARAMS.clear()
    tags: dict[str, dict[str, Any]] = {}
    for path, item in spec.get("paths", {}).items():
        for method in _HTTP_METHODS:
            if method not in item:
                continue
            info = _operation(spec, path, method, item[method])
            (tag,) = item[method]["tags"]
            name = str(PythonIdentifier(tag, ""))
            entry = tags.setdefault(tag, {
                "module": name,
                "attribute": name,
                "classes": {"sync": str(ClassName(tag, "")), "async": f"Async{ClassName(tag, '')}"},
                "description": descriptions.get(tag, tag),
                "operations": [],
            })  # fmt: skip
            if info["method_name"] in [o["method_name"] for o in entry["operations"]]:
                raise SpecProblem(f"x-method {info['method_name']!r} twice in tag {tag!r}")
            entry["operations"].append(info)
    operations = [op for tag in tags.values() for op in tag["operations"]]
    params = dict(_PARAMS)
    pages = {op["pagination"]["page"]: op["pagination"] for op in operations if op["pagination"]}
    models = {op["model"] for op in operations} | {op["result_type"] for op in operations}
    models |= {page["item"] for page in pages.values()} | set(params)
    models = {m.removeprefix("builtins.list[").removesuffix("]") for m in models}
    exported = ["Operation", "Paginated", "SyncListing", "AsyncListing", "SyncCore", "AsyncCore"]
    exported += ["OPERATIONS", "Resources", "AsyncResources"]
    exported += [c for tag in tags.values() for c in tag["classes"].values()]
    exported += [f"{name}Param" for name in params]
    for page in pages.values():
        exported += [page["page"], f"{page['item']}Listing", f"Async{page['item']}Listing"]
    return {
        "tags": list(tags.values()),
        "pages": list(pages.values()),
        "models": sorted(models),
        "params": params,
        "exported": exported,
    }


def check_signatures(output: Path, context: dict[str, Any]) -> None:
    """Every generated method passes every parameter and body field of its operation.

    Read from the generated text (``ast``), not from the template's intent: a
    method that could not pass one (``list_users()`` without ``campaign_id``) is
    a generation error here, never a ``TypeError`` from ``_get_kwargs`` at run
    time. What an operation takes: its ``_url_kwargs`` (path and query, as the
    generator wrote them) and its body's arguments (from the spec). What a
    method passes: the keys of the dict it hands its core, the fields of its
    ``**filters`` TypedDict, and ``limit``/``offset`` for a paginated one.
    """
    import ast

    tree = ast.parse((output / RESOURCES).read_text(encoding="utf-8"))
    typed_dicts = _typed_dicts(tree)
    expected: dict[str, tuple[str, set[str], bool]] = {}  # const -> (op id, names, paginated)
    for tag in context["tags"]:
        for op in tag["operations"]:
            source = output / "api" / tag["module"] / f"{op['module']}.py"
            module = ast.parse(source.read_text(encoding="utf-8"))
            typed_dicts.update(_typed_dicts(module))
            build = next(
                node for node in ast.walk(module)
                if isinstance(node, ast.FunctionDef) and node.name == "_url_kwargs"
            )  # fmt: skip
            arguments = build.args.posonlyargs + build.args.args + build.args.kwonlyargs
            body = (op["body"] or {}).get("arguments", [])
            names = {a.arg for a in arguments} | {a["name"] for a in body}
            expected[op["const"]] = (op["id"], names, op["pagination"] is not None)
    seen: set[str] = set()
    for cls in (node for node in tree.body if isinstance(node, ast.ClassDef)):
        for method in (
            node for node in cls.body if isinstance(node, ast.AsyncFunctionDef | ast.FunctionDef)
        ):
            call = next(
                (node for node in ast.walk(method) if isinstance(node, ast.Call)
                 and isinstance(node.func, ast.Attribute) and node.args
                 and isinstance(node.args[0], ast.Name) and node.args[0].id in expected),
                None,
            )  # fmt: skip
            if call is None or not isinstance(const := call.args[0], ast.Name):
                continue
            op_id, names, paginated = expected[const.id]
            seen.add(const.id)
            given = call.args[1] if len(call.args) > 1 else None
            if not isinstance(given, ast.Dict):
                raise SpecProblem(f"{cls.name}.{method.name}: hands its core no dict of arguments")
            passed = {str(k.value) for k in given.keys if isinstance(k, ast.Constant)}
            kwarg = method.args.kwarg
            if any(k is None for k in given.keys) and kwarg is not None:
                annotation = ast.unparse(kwarg.annotation) if kwarg.annotation else ""
                passed |= typed_dicts.get(
                    annotation.removeprefix("Unpack[").removesuffix("]"), set()
                )
            if paginated:
                passed |= {"limit", "offset"}
            missing, unknown = sorted(names - passed), sorted(passed - names)
            if missing or unknown:
                raise SpecProblem(
                    f"{cls.name}.{method.name} does not match operation {op_id!r}: "
                    f"missing {missing}, unknown {unknown} (its _url_kwargs and body take "
                    f"{sorted(names)}); fix templates/voiso_resources.py.jinja"
                )
    if set(expected) - seen:
        raise SpecProblem(f"no method calls {sorted(set(expected) - seen)}")


def _typed_dicts(tree: Any) -> dict[str, set[str]]:
    import ast

    return {
        node.name: {
            item.target.id for item in node.body
            if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)
        }
        for node in tree.body
        if isinstance(node, ast.ClassDef) and any(ast.unparse(b) == "TypedDict" for b in node.bases)
    }  # fmt: skip


def _escaped(text: str) -> str:
    return str(text).replace("\\", "\\\\").replace('"""', r"\"\"\"")


def _docline(text: str) -> str:
    return " ".join(_escaped(text).split())


def _docblock(text: str) -> str:
    """A description as docstring lines, indented 8 (the template adds the blank line after)."""
    lines = _escaped(text).strip().splitlines()
    return "".join(f"        {line}".rstrip() + "\n" for line in lines)


def _docraises(errors: dict[str, str]) -> str:
    lines = ["            APIStatusError: its subclass for the status; the spec declares:"]
    lines += [f"                {status}: {_docline(text)}" for status, text in errors.items()]
    lines.append(
        "            APIConnectionError, ResponseValidationError: no answer, or not the shape."
    )
    return "\n".join(lines)


def render_resources(spec: dict[str, Any], spec_path: Path) -> str:
    """The text of the generated ``resources.py`` for *spec*."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(ROOT / "templates"),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
    )
    env.filters.update(pyrepr=repr, docline=_docline, docblock=_docblock, docraises=_docraises)
    try:
        shown = spec_path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        shown = spec_path.name
    template = env.get_template("voiso_resources.py.jinja")
    return template.render(spec_path=shown, **resources_context(spec))


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
