"""The commands of ``voiso-campaigns``: each one's flags, and what it runs.

Loaded only once a command has been chosen (``_cli`` parses the rest): this is
where the client stack (httpx, the generated client, the test kit for ``demo``
and ``fake-server``) comes in, so ``--help`` never pays for it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from . import _body, _config, _output, _params, _spec
from ._cli_shared import (
    EXIT_API,
    EXIT_AUTH,
    EXIT_CONFLICT,
    EXIT_NOT_FOUND,
    FORMATS,
    LIST_EXAMPLES,
    OWN_COMMANDS,
    STATE_FIELD,
    UsageError,
    fail,
)
from ._client import VoisoClient
from ._generated import OPERATIONS, Operation, Paginated
from .errors import (
    APIConnectionError,
    AuthenticationError,
    ConfigurationError,
    ConflictError,
    NotFoundError,
    PermissionDeniedError,
    PossiblyRemovedError,
    VoisoError,
)

# --- the client and the output -------------------------------------------------------


def _client(args: argparse.Namespace) -> VoisoClient:
    # No api_key argument: the client reads VOISO_API_KEY itself (never a flag).
    options: dict[str, Any] = {"cluster_id": args.cluster_id, "base_url": args.base_url}
    if getattr(args, "timeout", None) is not None:
        options["timeout"] = args.timeout
    if getattr(args, "max_retries", None) is not None:
        options["max_retries"] = args.max_retries
    try:
        return VoisoClient(**options)
    except ConfigurationError as exc:
        if exc.missing == "api_key":
            raise UsageError(
                f"no API key: set {_config.ENV_API_KEY} (there is no key flag)"
            ) from None
        if exc.missing == "cluster":
            raise UsageError(
                "no cluster: pass --cluster-id (cc for https://cc.voiso.com) or --base-url, "
                f"or set {_config.ENV_CLUSTER_ID} or {_config.ENV_BASE_URL}"
            ) from None
        raise UsageError(str(exc)) from None


@contextlib.contextmanager
def _destination(path: str | None) -> Iterator[IO[str]]:
    """stdout, or *path* written whole or not at all (a temporary file, renamed at the end)."""
    if path is None or path == "-":
        yield sys.stdout
        return
    target = Path(path)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.partial")
    with temporary.open("w", encoding="utf-8", newline="") as out:
        try:
            yield out
        except BaseException:
            out.close()
            temporary.unlink(missing_ok=True)
            raise
    temporary.replace(target)


def _terminal_width(stream: IO[str]) -> int | None:
    if not stream.isatty():
        return None
    import shutil

    return shutil.get_terminal_size().columns


def _method(client: VoisoClient, op: Operation[Any], suffix: str = "") -> Any:
    return getattr(getattr(client, op.resource), op.name + suffix)


def _cmd_list(args: argparse.Namespace) -> int:
    op: Paginated[Any, Any] = args.op
    params = _params.parameters(op)
    filters = {name: getattr(args, name) for name in params.filter_names}
    path = [getattr(args, name) for name in params.path_names]
    schema = _output.item_schema(op)
    columns = _output.chosen_columns(args.fields, schema) if args.fields else None
    with _client(args) as client, _destination(args.output) as out:
        listing = _method(client, op)(
            *path, page_size=args.page_size, offset=args.offset, max_items=args.max_items,
            **filters,
        )  # fmt: skip
        fmt = args.format or ("table" if out.isatty() else "json")
        pages: Iterable[Any] = listing.pages()
        if sys.stderr.isatty():
            pages = _output.with_progress(pages, sys.stderr, args.max_items)
        _output.write_items(
            pages, op, fmt, out, columns,
            header=not args.no_header, terminal_width=_terminal_width(out),
        )  # fmt: skip
    return 0


def _cmd_call(args: argparse.Namespace) -> int:
    op: Operation[Any] = args.op
    params = _params.parameters(op)
    body = _body.body(op.id)
    names = (*params.path_names, *params.filter_names, *(body.names if body else ()))
    given = {k: v for k in names if (v := getattr(args, k)) is not None}
    if body is not None and body.array is not None:
        given[body.array] = _json_file(given[body.array])
    with _client(args) as client:
        try:
            result = _method(client, op)(**given)
        except ConflictError as exc:
            return fail(EXIT_CONFLICT, _conflict(client, op, given, exc))
    schema = _output.item_schema(op)
    fmt = args.format or ("table" if sys.stdout.isatty() else "json")
    if isinstance(result, list):  # an x-result that is an array: one row per item
        items = _spec.resolve(schema["items"])
        listed = [_output.api_json(item, items) for item in result]
        if fmt == "json":
            print(json.dumps(listed, ensure_ascii=False, indent=2))
            return 0
        chosen = _output.table_columns(items)
        print("  ".join(name for name, _ in chosen))
        for row in listed:
            print(
                "  ".join(_output.visible(_output.cell(_output.lookup(row, p))) for _, p in chosen)
            )
        return 0
    data = _output.api_json(result, schema)
    if fmt == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    rows = [
        (name, _output.cell(_output.lookup(data, path)))
        for name, path in _output.csv_columns(schema)
    ]
    width = max(len(name) for name, _ in rows)
    print(f"{_output.fit('field', width)}  value")
    for name, value in rows:
        print(f"{_output.fit(name, width)}  {_output.visible(value)}".rstrip())
    return 0


def _conflict(
    client: VoisoClient, op: Operation[Any], given: dict[str, Any], exc: ConflictError
) -> str:
    """One line for a 409: the object's current state, read back by the operation that
    reads it (a GET with the same path parameters; safe to send), and the API's message."""
    path = {name: given[name] for name in _params.parameters(op).path_names}
    reader = next(
        (
            other
            for other in OPERATIONS.values()
            if other.resource == op.resource
            and other.method == "GET"
            and not isinstance(other, Paginated)
            and tuple(other.path_names) == tuple(path)
        ),
        None,
    )
    shown = ", ".join(str(v) for v in path.values())
    state = None
    if reader is not None:
        with contextlib.suppress(VoisoError):
            state = getattr(_method(client, reader)(**path), STATE_FIELD, None)
    where = f"{op.resource.rstrip('s')} {shown}"
    now = f" is {getattr(state, 'value', state)}" if state is not None else ""
    return f"{where}{now}: cannot {op.name} it now (HTTP 409: {exc.message or 'Conflict'})"


def _json_file(path: str) -> Any:
    """The JSON document in *path* (``-``: standard input), for an array body."""
    try:
        if path == "-":
            return json.load(sys.stdin)
        with open(path, encoding="utf-8") as file:
            return json.load(file)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}: not JSON ({exc})") from None


def _cmd_fake_server(args: argparse.Namespace) -> int:
    import threading

    from .testing import FakeVoisoAPI

    scopes = set(args.scope or _spec.all_scopes())
    api = FakeVoisoAPI(
        count=args.count, seed=args.seed, api_keys={args.api_key: scopes},
        latency=args.latency_ms / 1000, rate_limit=args.rate_limit,
    )  # fmt: skip
    try:
        server = api.serve(args.host, args.port)
    except OSError as exc:
        raise OSError(f"cannot listen on {args.host}:{args.port}: {exc.strerror or exc}") from None
    with server:
        print(server.base_url, flush=True)
        print(
            f"fake Voiso API: {args.count} campaigns, key {args.api_key!r}; "
            f"try: VOISO_API_KEY={args.api_key} voiso-campaigns list --base-url {server.base_url}\n"
            "Ctrl-C stops it.",
            file=sys.stderr,
            flush=True,
        )
        threading.Event().wait()
    return 0  # pragma: no cover - only an interrupt ends the wait


def _cmd_demo(args: argparse.Namespace) -> int:
    from .testing import FakeVoisoAPI

    op = _commands()["list"]
    assert isinstance(op, Paginated)
    api = FakeVoisoAPI(count=args.count, seed=args.seed)
    with api.serve() as server, VoisoClient("test-key", base_url=server.base_url) as client:
        print(f"Listing campaigns from the built-in fake Voiso API at {server.base_url}\n")
        counts = _output.write_items(
            _method(client, op)().pages(), op, "table", sys.stdout,
            terminal_width=_terminal_width(sys.stdout), tally=STATE_FIELD,
        )  # fmt: skip
        print(f"\n{sum(counts.values())} campaigns in {api.request_count} requests, by status:")
        for status, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {status:<14}{n:>5}")
    return 0


# --- parsing ----------------------------------------------------------------------


def _positive_int(low: int | None, high: int | None = None) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected an integer, got {text!r}") from None
        try:
            return _params.check_int("the value", value, low, high)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc).removeprefix("the value ")) from None

    return parse


def _add_filter_flags(parser: argparse.ArgumentParser, op: Operation[Any]) -> None:
    """One flag per filter parameter of *op*: enums get choices, booleans --x/--no-x."""
    params = _params.parameters(op)
    for name in params.filter_names:
        rule = params.rules[name]
        flag = "--" + rule.wire.replace("_", "-")
        text = rule.description.split(". ")[0].rstrip(".").strip() or rule.wire
        kwargs: dict[str, Any] = {"dest": name, "default": None, "help": text}
        if rule.enum is not None:
            kwargs["choices"] = [str(member.value) for member in rule.enum]
        elif rule.kind == "boolean":
            kwargs["action"] = argparse.BooleanOptionalAction
        elif rule.kind == "integer":
            kwargs["type"] = _positive_int(rule.minimum, rule.maximum)
        elif rule.kind == "number":
            kwargs["type"] = float
        parser.add_argument(flag, **kwargs)


def _add_where(parser: argparse.ArgumentParser) -> None:
    """The connection flags of every command that talks to the API."""
    parser.add_argument(
        "--timeout",
        type=float,
        metavar="S",
        help=f"seconds one attempt may take (default {_config.DEFAULT_TIMEOUT:g})",
    )
    parser.add_argument(
        "--max-retries",
        type=_positive_int(0, _config.MAX_RETRIES_LIMIT),
        metavar="N",
        help=f"retries after a failed attempt, 0-{_config.MAX_RETRIES_LIMIT} "
        f"(default {_config.DEFAULT_MAX_RETRIES})",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="count",
        default=0,
        help="one line per request and each retry (-v), every debug record (-vv), on stderr; "
        "never a header or the key",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--cluster-id", metavar="ID", help="the first label of your Voiso host, e.g. cc"
    )
    where.add_argument(
        "--base-url", metavar="URL", help="a full base URL instead (http only on loopback)"
    )


def _commands() -> dict[str, Operation[Any]]:
    """Command name -> operation: ``x-method`` for the first tag, ``TAG-METHOD`` for others."""
    first = _spec.document().get("tags", [{}])[0].get("name")
    named = {}
    for op in OPERATIONS.values():
        tag = _spec.operation(op.id)[2]["tags"][0]
        named[(op.name if tag == first else f"{op.resource}-{op.name}").replace("_", "-")] = op
    return named


def _add_list_command(commands: Any, command: str, op: Paginated[Any, Any]) -> None:
    params = _params.parameters(op)
    lst = commands.add_parser(
        command,
        help=f"{op.summary} (all pages)",
        description=f"{op.summary}: every item matching the filters, fetching all pages. "
        "The key comes from VOISO_API_KEY; the cluster from --cluster-id, --base-url, "
        "VOISO_CLUSTER_ID or VOISO_BASE_URL. Nothing is written before the first page "
        "arrives, and -o writes its file whole or not at all.",
        epilog=LIST_EXAMPLES.replace(" list ", f" {command} "),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_path_arguments(lst, op)
    _add_filter_flags(lst, op)
    lst.add_argument("--max-items", type=_positive_int(0), metavar="N", help="stop after N items")
    limit = params.rules[op.limit]
    default_page = (op.build.__kwdefaults__ or {})[op.limit]
    lst.add_argument(
        "--page-size",
        type=_positive_int(limit.minimum, limit.maximum),
        default=default_page,
        metavar="N",
        help=f"items per request, {limit.minimum}-{limit.maximum} (default {default_page})",
    )
    lst.add_argument(
        "--offset", type=_positive_int(0), default=0, metavar="N", help="skip the first N items"
    )
    lst.add_argument(
        "--format",
        choices=FORMATS,
        help="output format (default: table on a terminal, json otherwise)",
    )
    lst.add_argument(
        "--fields",
        metavar="A,B",
        help="the columns of table and csv, comma-separated (csv's header names them all)",
    )
    lst.add_argument("--no-header", action="store_true", help="no header line (table and csv)")
    lst.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (whole, or not at all) instead of stdout",
    )
    _add_where(lst)
    lst.set_defaults(run=_cmd_list, op=op)


def _add_call_command(commands: Any, command: str, op: Operation[Any]) -> None:
    call = commands.add_parser(
        command,
        help=op.summary,
        description=f"{op.summary}: {op.method} {op.path}. Exit code 5 when there is none.",
    )
    _add_path_arguments(call, op)
    _add_body_arguments(call, op)
    _add_filter_flags(call, op)
    call.add_argument(
        "--format",
        choices=("table", "json"),
        help="table (field and value) or json, the API's JSON "
        "(default: table on a terminal, json otherwise)",
    )
    _add_where(call)
    call.set_defaults(run=_cmd_call, op=op)


def _add_path_arguments(parser: argparse.ArgumentParser, op: Operation[Any]) -> None:
    """The path parameters, positional: ``ID``, or each by its name when there are several."""
    params = _params.parameters(op)
    for name in params.path_names:
        rule = params.rules[name]
        parser.add_argument(
            name,
            metavar="ID" if len(params.path_names) == 1 else name.upper(),
            type=_positive_int(rule.minimum, rule.maximum) if rule.kind == "integer" else str,
            help=rule.description.split(". ")[0].rstrip(".") or name,
        )


def _add_body_arguments(parser: argparse.ArgumentParser, op: Operation[Any]) -> None:
    """The request body: an array body is a JSON FILE (``-``: standard input); an object's
    required properties are positional (an array of them takes several), the others flags.
    The values are checked against the spec by the client, before anything is sent."""
    body = _body.body(op.id)
    if body is None:
        return
    if body.array is not None:
        parser.add_argument(body.array, metavar="FILE", help="a JSON array (- for stdin)")
        return
    schema = _spec.resolve(_spec.request_body(op.id)["content"]["application/json"]["schema"])
    for name in body.names:
        prop = _spec.resolve(schema["properties"][name])
        items = _spec.array_items(prop)
        kind = [t for t in _spec.types(items or prop) if t != "null"][:1]
        convert: Callable[[str], Any] = (
            _positive_int(None) if kind == ["integer"] else float if kind == ["number"] else str
        )
        text = prop.get("description", name).split(". ")[0].rstrip(".")
        if name in schema.get("required", ()):
            nargs = "+" if items is not None else None
            parser.add_argument(name, metavar=name.upper().removesuffix("S"), nargs=nargs,
                                type=convert, help=text)  # fmt: skip
        else:
            parser.add_argument("--" + name.replace("_", "-"), dest=name, type=convert, help=text)


def add_command(commands: Any, command: str) -> None:
    """Add *command*'s own parser, with every flag, to *commands* (argparse's subparsers)."""
    if command == "fake-server":
        _add_fake_server(commands)
    elif command == "demo":
        _add_demo(commands)
    elif isinstance(op := _commands()[command], Paginated):
        _add_list_command(commands, command, op)
    else:
        _add_call_command(commands, command, op)


def _add_fake_server(commands: Any) -> None:
    fake = commands.add_parser(
        "fake-server",
        help=OWN_COMMANDS["fake-server"],
        description="Serve the built-in fake Voiso API on a loopback address until interrupted. "
        "Prints its base URL first.",
    )
    fake.add_argument("--host", default="127.0.0.1", help="loopback address (default 127.0.0.1)")
    fake.add_argument(
        "--port",
        type=_positive_int(0, 65535),
        default=0,
        help="port (default 0: any free one; the URL is printed first)",
    )
    fake.add_argument(
        "--count",
        type=_positive_int(0),
        default=250,
        help="campaigns in the data set (default 250)",
    )
    fake.add_argument("--seed", type=int, default=0, help="seed of the data set (default 0)")
    fake.add_argument(
        "--api-key", default="test-key", help="the test key the fake accepts (default test-key)"
    )
    fake.add_argument(
        "--scope",
        action="append",
        choices=sorted(_spec.all_scopes()),
        help="a scope of the test key (repeat for more; default: every scope of the spec)",
    )
    fake.add_argument(
        "--latency-ms",
        type=_positive_int(0),
        default=0,
        metavar="MS",
        help="delay per request (default 0)",
    )
    fake.add_argument(
        "--rate-limit",
        type=_positive_int(1),
        metavar="N",
        help="answer 429 beyond N requests per second",
    )
    fake.set_defaults(run=_cmd_fake_server)


def _add_demo(commands: Any) -> None:
    demo = commands.add_parser(
        "demo",
        help=OWN_COMMANDS["demo"],
        description="Start the fake API on a free loopback port, list its campaigns over HTTP "
        "with the real client, and print them with a count by status.",
    )
    demo.add_argument(
        "--count",
        type=_positive_int(0),
        default=250,
        help="campaigns in the data set (default 250)",
    )
    demo.add_argument("--seed", type=int, default=0, help="seed of the data set (default 0)")
    demo.set_defaults(run=_cmd_demo)


@contextlib.contextmanager
def logs(verbosity: int) -> Iterator[None]:
    """Show the package's logs on stderr: -v one line per request and the retries (INFO),
    -vv every debug record too.

    Otherwise the CLI's stderr is for its one-line errors: the retry records
    go nowhere. Whatever is set here is undone on the way out: main() may run
    many times in a process.
    """
    names = ("voiso_campaigns", "voiso_campaigns.http")
    loggers = [logging.getLogger(name) for name in names]
    saved = [(logger.level, logger.propagate) for logger in loggers]
    handler: logging.Handler = logging.NullHandler()
    if verbosity:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(
            logging.Formatter("voiso-campaigns: %(levelname)s %(name)s: %(message)s")
        )
    for logger in loggers:
        if logger.name != "voiso_campaigns.http":  # its records reach the package's handler
            logger.addHandler(handler)
        if verbosity:
            debug = verbosity > 1 or logger.name == "voiso_campaigns.http"
            logger.setLevel(logging.DEBUG if debug else logging.INFO)
            logger.propagate = logger.name == "voiso_campaigns.http"
    try:
        yield
    finally:
        for logger, (level, propagate) in zip(loggers, saved, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)
            logger.propagate = propagate


def explain(exc: VoisoError, args: argparse.Namespace) -> tuple[int, str]:
    """The exit code and the one line to print for an API or network failure."""
    if isinstance(exc, AuthenticationError):
        return EXIT_AUTH, f"the API refused the key (HTTP 401): check {_config.ENV_API_KEY}"
    op: Operation[Any] | None = getattr(args, "op", None)
    if isinstance(exc, PermissionDeniedError):
        needed = " and ".join(op.scopes) if op is not None and op.scopes else "a wider"
        return EXIT_AUTH, f"the key may not do this (HTTP 403): it needs the {needed} scope"
    path_names = _params.parameters(op).path_names if op is not None else ()
    if isinstance(exc, NotFoundError) and path_names:
        if len(path_names) > 1:
            shown = ", ".join(f"{n.removesuffix('_id')} {getattr(args, n)}" for n in path_names)
            line = f"not found: {shown}"
        else:
            noun = op.model.__name__ if op is not None and op.result is None else path_names[0]
            line = f"no {noun.removesuffix('_id')} with id {getattr(args, path_names[0])}"
        if isinstance(exc, PossiblyRemovedError):
            line += f" ({exc.message})"
        return EXIT_NOT_FOUND, line
    unresolved = ("Name or service not known", "nodename nor servname", "getaddrinfo failed")
    if isinstance(exc, APIConnectionError) and any(text in str(exc) for text in unresolved):
        cluster = args.cluster_id or os.environ.get(_config.ENV_CLUSTER_ID)
        where = (
            args.base_url or os.environ.get(_config.ENV_BASE_URL) or f"https://{cluster}.voiso.com"
        )
        return EXIT_API, f"cannot resolve the host of {where}: check --cluster-id or --base-url"
    return EXIT_API, f"request failed: {type(exc).__name__}: {exc}"
