"""The ``voiso-campaigns`` command line: a thin layer over the public API.

argparse, not click or typer: the CLI ships inside a library that services
import, and argparse keeps it free of runtime dependencies while giving the
usual conventions (``--help``, exit code 2 for usage errors, ``--no-live``).

Exit codes: 0 success, 2 usage or bad argument values (and missing
configuration), 3 authentication or permission refused (401/403), 4 any other
API or network failure after retries, 130 interrupted.

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

from ._client import VoisoClient
from ._generated import UNSET, Campaign, CampaignStatus, CampaignStrategy
from ._pagination import CampaignPage
from .errors import AuthenticationError, ConfigurationError, PermissionDeniedError, VoisoError

EXIT_USAGE, EXIT_AUTH, EXIT_API = 2, 3, 4
FORMATS = ("table", "json", "ndjson", "csv")
CSV_COLUMNS = (
    "id", "name", "status", "strategy", "dial_level", "max_dial_time", "max_wait_time",
    "max_dial_attempts", "amd_enabled", "amd_voicemail_enabled", "amd_voice_message_type",
    "amd_voice_message_name", "caller_id_sets", "follow_up_mode", "method", "live",
    "created_at", "updated_at",
)  # fmt: skip
TABLE_COLUMNS = (
    ("id", 7),
    ("name", 34),
    ("status", 13),
    ("strategy", 14),
    ("live", 5),
    ("updated_at", 24),
)


# --- turning campaigns into output ------------------------------------------------


def campaign_json(campaign: Campaign) -> dict[str, Any]:
    """The campaign as the API's JSON: timestamps in UTC with milliseconds and a Z."""
    data = campaign.to_dict()
    for key in ("created_at", "updated_at"):
        data[key] = _timestamp(getattr(campaign, key))
    return data


def _timestamp(moment: Any) -> str:
    text: str = moment.isoformat(timespec="milliseconds")
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


def _cell(value: object) -> str:
    if value is UNSET or value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def csv_row(campaign: Campaign) -> list[str]:
    """One CSV row: nested objects flattened, caller-ID sets as ``a b|c`` (sets split by ``|``)."""
    amd = campaign.amd_voicemail_message
    voice = getattr(amd, "voice_message", None)
    sets = campaign.caller_id_sets
    caller_ids = "|".join(" ".join(s.phone_numbers) for s in sets) if isinstance(sets, list) else ""
    values: dict[str, object] = {
        name: getattr(campaign, name, None) for name in CSV_COLUMNS if hasattr(campaign, name)
    }
    values.update(
        amd_voicemail_enabled=getattr(amd, "enabled", None),
        amd_voice_message_type=getattr(voice, "type", None),
        amd_voice_message_name=getattr(voice, "name", None),
        caller_id_sets=caller_ids,
        created_at=_timestamp(campaign.created_at),
        updated_at=_timestamp(campaign.updated_at),
    )
    return [_cell(values.get(name)) for name in CSV_COLUMNS]


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


def _table_row(values: Sequence[str]) -> str:
    return "  ".join(_fit(v, w) for v, (_, w) in zip(values, TABLE_COLUMNS, strict=True)).rstrip()


def _table_values(campaign: Campaign) -> list[str]:
    return [
        _cell(campaign.id),
        campaign.name,
        _cell(campaign.status),
        _cell(campaign.strategy),
        _cell(campaign.live),
        _timestamp(campaign.updated_at),
    ]


def write_campaigns(
    pages: Iterable[CampaignPage], fmt: str, out: IO[str]
) -> collections.Counter[str]:
    """Stream every campaign of *pages* to *out* in *fmt*; returns a count by status."""
    counts: collections.Counter[str] = collections.Counter()
    first = True
    writer = csv.writer(out, lineterminator="\n") if fmt == "csv" else None
    if writer is not None:
        writer.writerow(CSV_COLUMNS)
    elif fmt == "json":
        out.write("[")
    elif fmt == "table":
        out.write(_table_row([name for name, _ in TABLE_COLUMNS]) + "\n")
    for page in pages:
        for campaign in page.campaigns:
            counts[str(campaign.status)] += 1
            if writer is not None:
                writer.writerow(csv_row(campaign))
            elif fmt == "json":
                out.write(
                    ("\n  " if first else ",\n  ")
                    + json.dumps(campaign_json(campaign), ensure_ascii=False)
                )
            elif fmt == "ndjson":
                out.write(json.dumps(campaign_json(campaign), ensure_ascii=False) + "\n")
            else:
                out.write(_table_row(_table_values(campaign)) + "\n")
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
    with client:
        listing = client.campaigns.list(
            name=args.name, status=args.status, strategy=args.strategy, method=args.method,
            live=args.live, page_size=args.page_size, max_items=args.max_items,
        )  # fmt: skip
        fmt = args.format or ("table" if sys.stdout.isatty() else "json")
        pages: Iterator[CampaignPage] = iter(listing.pages())
        if sys.stderr.isatty():
            pages = _with_progress(pages, sys.stderr)
        write_campaigns(pages, fmt, sys.stdout)
    return 0


def _cmd_fake_server(args: argparse.Namespace) -> int:
    import threading

    from .testing import FakeVoisoAPI

    api = FakeVoisoAPI(
        count=args.count, seed=args.seed, api_keys={args.api_key: {"campaigns.read"}},
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


def _positive_int(low: int, high: int | None = None) -> Callable[[str], int]:
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected an integer, got {text!r}") from None
        if value < low or (high is not None and value > high):
            bounds = f"from {low} to {high}" if high is not None else f">= {low}"
            raise argparse.ArgumentTypeError(f"must be {bounds}, got {value}")
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every command."""
    parser = argparse.ArgumentParser(
        prog="voiso-campaigns",
        description="List Voiso dialer campaigns, or run the built-in fake API.",
        epilog="The API key is read from VOISO_API_KEY only. Exit codes: 0 ok, 2 usage, "
        "3 authentication/permission, 4 other API or network failure.",
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
    lst.add_argument("--name", help="partial match on the campaign name")
    lst.add_argument("--status", choices=[s.value for s in CampaignStatus], help="campaign status")
    lst.add_argument(
        "--strategy", choices=[s.value for s in CampaignStrategy], help="dialing strategy"
    )
    lst.add_argument("--method", help="dialing method")
    lst.add_argument(
        "--live", action=argparse.BooleanOptionalAction, default=None, help="live enabled (or not)"
    )
    lst.add_argument(
        "--max-items", type=_positive_int(0), metavar="N", help="stop after N campaigns"
    )
    lst.add_argument(
        "--page-size",
        type=_positive_int(1, 100),
        default=100,
        metavar="N",
        help="campaigns per request, 1-100 (default 100)",
    )
    lst.add_argument(
        "--format",
        choices=FORMATS,
        help="output format (default: table on a terminal, json otherwise)",
    )
    where = lst.add_mutually_exclusive_group()
    where.add_argument(
        "--cluster-id", metavar="ID", help="the first label of your Voiso host, e.g. cc"
    )
    where.add_argument(
        "--base-url", metavar="URL", help="a full base URL instead (http only on loopback)"
    )
    lst.set_defaults(run=_cmd_list)

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
