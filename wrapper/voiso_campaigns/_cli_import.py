"""``voiso-campaigns import-leads ID FILE``: a CSV or NDJSON file into a campaign.

The rows become leads by the spec's ``Lead`` schema (the items of the add-leads
body): a CSV header names lead fields, nested ones dotted (``source.system``,
``context_headers.X-Call-Context``), and each cell is converted to its field's
type; an empty cell is left out. A row that cannot become a lead (a cell of the
wrong type, too many cells, a line that is not JSON) is reported invalid with its
line number and not sent; an unknown column stops the command before anything is
sent. The import itself is ``client.campaigns.import_leads``.
"""

from __future__ import annotations

import argparse
import array
import csv
import json
import sys
from collections.abc import Callable, Iterator
from typing import IO, Any

import attrs

from . import _leads, _spec
from ._cli_commands import _add_where, _client, _destination
from ._cli_shared import EXIT_PARTIAL, EXIT_STOPPED, UsageError, fail
from .errors import LeadsImportError

_TRUE, _FALSE = {"true", "1", "yes"}, {"false", "0", "no"}


@attrs.frozen(repr=False)
class Malformed:
    """A row that cannot become a lead: sent nowhere, reported invalid with its line."""

    line: int
    problem: str

    def __repr__(self) -> str:  # what the library's reason shows
        return f"(line {self.line})"


def _lead_schema() -> _spec.Schema:
    body = _spec.request_body(_leads.OPERATION)["content"]["application/json"]["schema"]
    return _spec.resolve(_spec.resolve(body)["items"])


def _converter(schema: _spec.Schema) -> Callable[[str], Any]:
    kind = next((t for t in _spec.types(schema) if t != "null"), "string")
    if kind in ("integer", "number"):
        python = int if kind == "integer" else float

        def number(text: str) -> Any:
            try:
                return python(text)
            except ValueError:
                raise ValueError(f"{text!r} is not an {kind}") from None

        return number
    if kind == "boolean":

        def boolean(text: str) -> bool:
            if text.lower() not in _TRUE | _FALSE:
                raise ValueError(f"{text!r} is not true or false")
            return text.lower() in _TRUE

        return boolean
    return str


def _columns(header: list[str]) -> list[tuple[str, str | None, Callable[[str], Any]]]:
    """Each column as (field, nested key or None, converter); an unknown column is an error."""
    properties = _lead_schema()["properties"]
    columns: list[tuple[str, str | None, Callable[[str], Any]]] = []
    for name in header:
        field, _, key = name.partition(".")
        schema = _spec.resolve(properties.get(field, {}))
        nested = _spec.object_variant(schema) if key else None
        extra = schema.get("additionalProperties")
        if field not in properties or (key and nested is None and not isinstance(extra, dict)):
            raise UsageError(
                f"unknown column {name!r}: the lead fields are {', '.join(properties)} "
                "(nested ones dotted, e.g. source.system)"
            )
        if key:
            sub = nested["properties"].get(key) if nested and "properties" in nested else extra
            if sub is None:
                raise UsageError(f"unknown column {name!r}: {field} has no field {key!r}")
            columns.append((field, key, _converter(_spec.resolve(sub))))
        else:
            columns.append((field, None, _converter(schema)))
    return columns


def _csv_leads(stream: IO[str], lines: array.array[int]) -> Iterator[Any]:
    reader = csv.reader(stream)
    header = next(reader, None)
    if not header:
        return
    columns = _columns(header)
    for row in reader:
        lines.append(reader.line_num)
        if len(row) > len(columns):
            yield Malformed(reader.line_num, f"{len(row)} cells, the header has {len(columns)}")
            continue
        lead: dict[str, Any] = {}
        try:
            for (field, key, convert), text in zip(columns, row, strict=False):
                if text == "":
                    continue
                value = convert(text)
                if key is None:
                    lead[field] = value
                else:
                    lead.setdefault(field, {})[key] = value
        except ValueError as exc:
            yield Malformed(reader.line_num, f"{field}{'.' + key if key else ''}: {exc}")
            continue
        yield lead


def _ndjson_leads(stream: IO[str], lines: array.array[int]) -> Iterator[Any]:
    for number, text in enumerate(stream, 1):
        if not text.strip():
            continue
        lines.append(number)
        try:
            yield json.loads(text)
        except ValueError as exc:
            yield Malformed(number, f"not JSON ({exc})")


class _Progress:
    """A line on a terminal's stderr, redrawn after each chunk and erased at the end."""

    def __init__(self, err: IO[str]) -> None:
        self._err = err if err.isatty() else None

    def __call__(self, at: _leads.ImportProgress) -> None:
        if self._err is not None:
            self._err.write(
                f"\rimporting: {at.consumed} read, {at.sent} sent ({at.created} created, "
                f"{at.rejected} rejected, {at.duplicates} duplicates, {at.invalid} invalid)"
            )
            self._err.flush()

    def erase(self) -> None:
        if self._err is not None:
            self._err.write("\r\x1b[K")
            self._err.flush()


def _reason(invalid: _leads.InvalidLead) -> str:
    lead = invalid.lead
    return lead.problem if isinstance(lead, Malformed) else invalid.reason


def _write_report(
    path: str, result: _leads.LeadsImportResult, lines: array.array[int], stopped: Any
) -> None:
    with _destination(path) as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["outcome", "phone_number", "line", "detail"])
        for outcome, numbers in (
            ("created", result.created),
            ("rejected", result.rejected),
            ("duplicate", result.duplicates),
        ):
            writer.writerows([outcome, number, "", ""] for number in numbers)
        for invalid in result.invalid:
            number = invalid.lead.get("phone_number", "") if isinstance(invalid.lead, dict) else ""
            writer.writerow(["invalid", number, lines[invalid.index], _reason(invalid)])
        if stopped is not None:
            for outcome, leads in (("unknown", stopped.unknown), ("refused", stopped.refused)):
                writer.writerows([outcome, lead.get("phone_number", ""), "", ""] for lead in leads)


def run(args: argparse.Namespace) -> int:
    fmt = args.format or ("ndjson" if args.file.endswith((".ndjson", ".jsonl")) else "csv")
    lines: array.array[int] = array.array("L")
    progress = _Progress(sys.stderr)
    stream = sys.stdin if args.file == "-" else open(args.file, encoding="utf-8-sig", newline="")  # noqa: SIM115
    with stream, _client(args) as client:
        leads = (_csv_leads if fmt == "csv" else _ndjson_leads)(stream, lines)
        try:
            result = client.campaigns.import_leads(
                args.campaign_id, leads, gap=args.gap, on_progress=progress
            )
        except LeadsImportError as exc:
            progress.erase()
            if args.report:
                _write_report(args.report, exc.result, lines, exc)
            after = f"line {lines[exc.consumed - 1]}" if exc.consumed else "the header"
            return fail(
                EXIT_STOPPED,
                f"stopped: {exc.__cause__}; {len(exc.unknown)} leads sent with no known outcome, "
                f"{len(exc.refused)} refused, {len(exc.result.created)} created; the input "
                f"after {after} was not sent",
            )
        finally:
            progress.erase()
    if args.report:
        _write_report(args.report, result, lines, None)
    print(
        f"created {len(result.created)}, rejected {len(result.rejected)}, duplicates "
        f"{len(result.duplicates)}, invalid {len(result.invalid)} "
        f"({len(lines)} leads read, {result.requests} "
        f"{'request' if result.requests == 1 else 'requests'})"
    )
    for invalid in result.invalid[:5]:
        print(f"  invalid, line {lines[invalid.index]}: {_reason(invalid)}", file=sys.stderr)
    return EXIT_PARTIAL if result.rejected or result.invalid else 0


def add_command(commands: Any) -> None:
    parser = commands.add_parser(
        "import-leads",
        help="add every lead of a CSV or NDJSON file to a campaign, in chunks",
        description="Add every lead of FILE (- for stdin) to campaign ID, in chunks of the "
        "API's maximum, one request at a time with the API's pause between them. CSV: a "
        "header of lead fields (phone_number, name, priority, ...; nested ones dotted: "
        "source.system, context_headers.X-Call-Context). NDJSON: one lead object per line. "
        "Prints one summary line. Exit codes: 0 every lead created or a duplicate, 8 "
        "completed with rejected or invalid leads, 9 stopped part-way (the line says what "
        "was not sent), as well as the usual ones.",
    )
    parser.add_argument("campaign_id", metavar="ID", type=int, help="the campaign's integer id")
    parser.add_argument("file", metavar="FILE", help="the leads file (- for standard input)")
    parser.add_argument(
        "--format", choices=("csv", "ndjson"),
        help="the file's format (default: ndjson for .ndjson/.jsonl, csv otherwise)",
    )  # fmt: skip
    parser.add_argument(
        "--report", metavar="FILE",
        help="write each number's outcome as CSV (outcome, phone_number, line, detail)",
    )  # fmt: skip
    parser.add_argument(
        "--gap", type=float, metavar="S",
        help="seconds between two requests to the campaign (default: the API's guidance)",
    )  # fmt: skip
    _add_where(parser)
    parser.set_defaults(run=run)
