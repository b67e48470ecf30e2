"""The ``voiso-campaigns`` command line: a thin layer over the public API.

argparse, not click or typer: the CLI ships inside a library that services
import, and argparse keeps it free of runtime dependencies while giving the
usual conventions (``--help``, exit code 2 for usage errors, ``--no-live``).

Exit codes: 0 success, 2 usage or bad argument values (and missing
configuration), 3 authentication or permission refused (401/403), 4 any other
API or network failure after retries, 5 no such campaign (``get``, 404),
130 interrupted.

The API key comes from ``VOISO_API_KEY`` only: a flag would leave it in shell
history and process lists.
"""

from __future__ import annotations

import argparse
import collections
import csv
import json
import logging
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any

from . import _params, _spec
from ._client import VoisoClient
from ._generated import LIST_DEFAULTS, UNSET, Campaign
from ._pagination import CampaignPage
from .errors import (
    AuthenticationError,
    ConfigurationError,
    NotFoundError,
    PermissionDeniedError,
    VoisoError,
)

EXIT_USAGE, EXIT_AUTH, EXIT_API, EXIT_NOT_FOUND = 2, 3, 4, 5
FORMATS = ("table", "json", "ndjson", "csv")
#: The table's columns and their widths: a display choice over the spec's fields
#: (a field the spec no longer has is left out).
TABLE_COLUMNS = (
    ("id", 7),
    ("name", 34),
    ("status", 13),
    ("strategy", 14),
    ("live", 5),
    ("updated_at", 24),
)
#: Where a CSV cell's value lies in the campaign's JSON: a column name and its path.
Column = tuple[str, tuple[str, ...]]


# --- turning campaigns into output ------------------------------------------------


def _columns(schema: _spec.Schema, prefix: tuple[str, ...] = ()) -> list[Column]:
    """One column per field, in the spec's order; a nested object's fields become
    ``parent.child`` columns (recursively); anything else is one column."""
    columns: list[Column] = []
    for name, field in schema.get("properties", {}).items():
        path = (*prefix, name)
        nested = _spec.object_variant(field)
        if nested is not None:
            columns += _columns(nested, path)
        else:
            columns.append((".".join(path), path))
    return columns


def csv_columns() -> list[Column]:
    """The CSV columns, derived from the spec's ``Campaign`` schema."""
    return _columns(_spec.component("Campaign"))


def _timestamp_paths(schema: _spec.Schema, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """The paths of the (possibly nested) ``date-time`` fields of *schema*."""
    paths: list[tuple[str, ...]] = []
    for name, field in schema.get("properties", {}).items():
        nested = _spec.object_variant(field)
        if nested is not None:
            paths += _timestamp_paths(nested, (*prefix, name))
        elif any(v.get("format") == "date-time" for v in _spec.variants(field)):
            paths.append((*prefix, name))
    return paths


def campaign_json(campaign: Campaign) -> dict[str, Any]:
    """The campaign as the API's JSON: timestamps in UTC with milliseconds and a Z."""
    data = campaign.to_dict()
    for path in _timestamp_paths(_spec.component("Campaign")):
        parent: Any = data
        for key in path[:-1]:
            parent = parent.get(key) if isinstance(parent, dict) else None
        if isinstance(parent, dict) and isinstance(parent.get(path[-1]), str):
            parent[path[-1]] = _timestamp(parent[path[-1]])
    return data


def _timestamp(text: str) -> str:
    import datetime as dt

    moment = dt.datetime.fromisoformat(text).isoformat(timespec="milliseconds")
    return moment.removesuffix("+00:00") + "Z" if moment.endswith("+00:00") else moment


def _lookup(data: dict[str, Any], path: tuple[str, ...]) -> object:
    value: object = data
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _cell(value: object) -> str:
    """A value as CSV or table text.

    None and absent fields are empty, booleans ``true``/``false``; an array is
    one cell: its strings and numbers joined by a space, its objects by ``|``
    (each object as its values joined by ``;``).
    """
    if value is None or value is UNSET:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if any(isinstance(item, dict | list) for item in value):
            return "|".join(_cell(item) for item in value)
        return " ".join(_cell(item) for item in value)
    if isinstance(value, dict):
        return ";".join(_cell(item) for item in value.values())
    return str(value)


def csv_row(campaign: Campaign, columns: Sequence[Column] | None = None) -> list[str]:
    """One CSV row, in the order of *columns* (default: ``csv_columns()``)."""
    data = campaign_json(campaign)
    return [_cell(_lookup(data, path)) for _, path in columns or csv_columns()]


def _width(char: str) -> int:
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def _fit(text: str, width: int) -> str:
    """Pad or cut *text* to *width* terminal columns (wide characters count twice)."""
    used = sum(map(_width, text))
    if used <= width:
        return text + " " * (width - used)
    kept: list[str] = []
    used = 0
    for char in text:
        if used + _width(char) > width - 1:
            break
        kept.append(char)
        used += _width(char)
    return "".join(kept) + "…" + " " * (width - used - 1)


def _table_columns() -> list[tuple[str, int]]:
    fields = _spec.component("Campaign").get("properties", {})
    return [(name, width) for name, width in TABLE_COLUMNS if name in fields]


def _chosen_columns(fields: str) -> list[Column]:
    """The CSV/table columns named by ``--fields`` (comma-separated), in that order."""
    columns = dict(csv_columns())
    names = [name.strip() for name in fields.split(",") if name.strip()]
    unknown = [name for name in names if name not in columns]
    if unknown or not names:
        raise ValueError(
            f"--fields: unknown column(s) {', '.join(unknown) or '(none given)'}; "
            f"the columns are {', '.join(columns)}"
        )
    return [(name, columns[name]) for name in names]


def _table_row(values: Sequence[str], columns: Sequence[tuple[str, int]]) -> str:
    return "  ".join(_fit(v, w) for v, (_, w) in zip(values, columns, strict=True)).rstrip()


def write_campaigns(
    pages: Iterable[CampaignPage], fmt: str, out: IO[str], columns: Sequence[Column] | None = None
) -> collections.Counter[str]:
    """Stream every campaign of *pages* to *out* in *fmt*; returns a count by status.

    *columns* (default: every field for csv, ``TABLE_COLUMNS`` for the table)
    are the csv and table columns.
    """
    counts: collections.Counter[str] = collections.Counter()
    first = True
    widths = dict(TABLE_COLUMNS)
    csv_cols = list(columns) if columns else csv_columns()
    table_cols = list(columns) if columns else [(n, (n,)) for n, _ in _table_columns()]
    table = [(name, widths.get(name, max(len(name), 12))) for name, _ in table_cols]
    writer = csv.writer(out, lineterminator="\n") if fmt == "csv" else None
    if writer is not None:
        writer.writerow([name for name, _ in csv_cols])
    elif fmt == "json":
        out.write("[")
    elif fmt == "table":
        out.write(_table_row([name for name, _ in table], table) + "\n")
    for page in pages:
        for campaign in page.campaigns:
            counts[str(campaign.status)] += 1
            data = campaign_json(campaign)
            if writer is not None:
                writer.writerow([_cell(_lookup(data, path)) for _, path in csv_cols])
            elif fmt == "json":
                out.write(("\n  " if first else ",\n  ") + json.dumps(data, ensure_ascii=False))
            elif fmt == "ndjson":
                out.write(json.dumps(data, ensure_ascii=False) + "\n")
            else:
                values = [_cell(_lookup(data, path)) for _, path in table_cols]
                out.write(_table_row(values, table) + "\n")
            first = False
        out.flush()
    if fmt == "json":
        out.write("\n]\n" if not first else "]\n")
    return counts


def _with_progress(pages: Iterator[CampaignPage], err: IO[str]) -> Iterator[CampaignPage]:
    """Report pages on a terminal's stderr, once there is more than one."""
    expected = 0
    for done, page in enumerate(pages, start=1):
        if done == 1:
            expected = -(-max(page.total - page.offset, 0) // page.limit)
        if expected > 1:
            err.write(f"\rfetched page {done}/{max(done, expected)}")
            err.flush()
        yield page
    if expected > 1:
        err.write("\r" + " " * 40 + "\r")
        err.flush()


# --- commands ---------------------------------------------------------------------


def _cmd_list(args: argparse.Namespace) -> int:
    # No api_key argument: the client reads VOISO_API_KEY itself (never a flag).
    client = VoisoClient(cluster_id=args.cluster_id, base_url=args.base_url)
    filters = {name: getattr(args, name) for name in _params.list_parameters().filter_names}
    with client:
        listing = client.campaigns.list(
            page_size=args.page_size, max_items=args.max_items, **filters
        )
        fmt = args.format or ("table" if sys.stdout.isatty() else "json")
        columns = _chosen_columns(args.fields) if args.fields else None
        pages: Iterator[CampaignPage] = iter(listing.pages())
        if sys.stderr.isatty():
            pages = _with_progress(pages, sys.stderr)
        write_campaigns(pages, fmt, sys.stdout, columns)
    return 0


def _cmd_get(args: argparse.Namespace) -> int:
    with VoisoClient(cluster_id=args.cluster_id, base_url=args.base_url) as client:
        campaign = client.campaigns.get(args.campaign_id)
    data = campaign_json(campaign)
    fmt = args.format or ("table" if sys.stdout.isatty() else "json")
    if fmt == "json":
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    rows = [(name, _cell(_lookup(data, path))) for name, path in csv_columns()]
    width = max(len(name) for name, _ in rows)
    print(_table_row(["field", "value"], [("field", width), ("value", 60)]))
    for name, value in rows:
        print(f"{_fit(name, width)}  {value}".rstrip())
    return 0


def _cmd_fake_server(args: argparse.Namespace) -> int:
    import threading

    from .testing import FakeVoisoAPI
    from .testing._fake import SCOPE

    api = FakeVoisoAPI(
        count=args.count, seed=args.seed, api_keys={args.api_key: {SCOPE}},
        latency=args.latency_ms / 1000, rate_limit=args.rate_limit,
    )  # fmt: skip
    with api.serve(args.host, args.port) as server:
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

    api = FakeVoisoAPI(count=args.count, seed=args.seed)
    with api.serve() as server, VoisoClient("test-key", base_url=server.base_url) as client:
        print(f"Listing campaigns from the built-in fake Voiso API at {server.base_url}\n")
        counts = write_campaigns(client.campaigns.list().pages(), "table", sys.stdout)
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


def _add_filter_flags(parser: argparse.ArgumentParser) -> None:
    """One flag per filter parameter of the spec: enums get choices, booleans --x/--no-x."""
    params = _params.list_parameters()
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
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--cluster-id", metavar="ID", help="the first label of your Voiso host, e.g. cc"
    )
    where.add_argument(
        "--base-url", metavar="URL", help="a full base URL instead (http only on loopback)"
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = argparse.ArgumentParser(
        prog="voiso-campaigns",
        description="List Voiso dialer campaigns or get one, or run the built-in fake API.",
        epilog="The API key is read from VOISO_API_KEY only. Exit codes: 0 ok, 2 usage, "
        "3 authentication/permission, 4 other API or network failure, 5 no such campaign.",
    )
    from ._version import version

    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    lst = commands.add_parser(
        "list",
        help="list campaigns (all pages)",
        description="List every campaign matching the filters, fetching all pages. "
        "The key comes from VOISO_API_KEY; the cluster from --cluster-id, --base-url, "
        "VOISO_CLUSTER_ID or VOISO_BASE_URL.",
    )
    _add_filter_flags(lst)
    lst.add_argument(
        "--max-items", type=_positive_int(0), metavar="N", help="stop after N campaigns"
    )
    limit = _params.list_parameters().rules["limit"]
    default_page = LIST_DEFAULTS["limit"]
    lst.add_argument(
        "--page-size",
        type=_positive_int(limit.minimum, limit.maximum),
        default=default_page,
        metavar="N",
        help=f"campaigns per request, {limit.minimum}-{limit.maximum} (default {default_page})",
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
    _add_where(lst)
    lst.set_defaults(run=_cmd_list)

    get = commands.add_parser(
        "get",
        help="one campaign by id",
        description="Print one campaign's full configuration. Exit code 5 when there is no "
        "campaign with that id.",
    )
    campaign_id = _params.get_parameters().rules["campaign_id"]
    get.add_argument(
        "campaign_id",
        metavar="ID",
        type=_positive_int(campaign_id.minimum, campaign_id.maximum),
        help="the campaign's id",
    )
    get.add_argument(
        "--format",
        choices=("table", "json"),
        help="table (field and value) or json, the API's JSON of the campaign "
        "(default: table on a terminal, json otherwise)",
    )
    _add_where(get)
    get.set_defaults(run=_cmd_get)

    fake = commands.add_parser(
        "fake-server",
        help="serve the fake Voiso API on loopback",
        description="Serve the built-in fake Voiso API on a loopback address until interrupted. "
        "Prints its base URL first.",
    )
    fake.add_argument("--host", default="127.0.0.1", help="loopback address (default 127.0.0.1)")
    fake.add_argument(
        "--port",
        type=_positive_int(0, 65535),
        default=8765,
        help="port, 0 for any free one (default 8765)",
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

    demo = commands.add_parser(
        "demo",
        help="list campaigns from the fake API (no account needed)",
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    # stamina reports each retry at WARNING; unconfigured, Python would print
    # those to stderr. The CLI's stderr is for its one-line errors.
    logging.getLogger("stamina").addHandler(logging.NullHandler())
    try:
        code: int = args.run(args)
        return code
    except (ConfigurationError, ValueError) as exc:
        return _fail(EXIT_USAGE, f"invalid configuration or argument: {exc}")
    except (AuthenticationError, PermissionDeniedError) as exc:
        return _fail(EXIT_AUTH, f"refused by the API: {exc}")
    except NotFoundError as exc:
        if getattr(args, "campaign_id", None) is None:  # a list against a wrong base URL
            return _fail(EXIT_API, f"request failed: {type(exc).__name__}: {exc}")
        return _fail(EXIT_NOT_FOUND, f"no campaign with id {args.campaign_id}")
    except VoisoError as exc:
        return _fail(EXIT_API, f"request failed: {type(exc).__name__}: {exc}")
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); stop quietly.
        sys.stderr.close()
        return 0


def _fail(code: int, message: str) -> int:
    print(f"voiso-campaigns: error: {message}", file=sys.stderr)
    return code
