"""API objects as people and programs read them: JSON, NDJSON, CSV and a terminal table.

The columns come from the spec's item schema of the operation (``csv_columns``;
by default the first paginated list's, the campaigns): a new field is a new
column. Nothing is written before the first page is in hand, so
a listing refused at once (a wrong key) leaves no half document. Text meant
for a terminal (table cells, server messages) has its control characters
written visibly (``\\x1b``), so a campaign name cannot drive the operator's
terminal; widths count grapheme clusters (a combining accent adds nothing, a
family emoji joined by ZWJ is one wide character).
"""

from __future__ import annotations

import collections
import csv
import json
import math
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any, TypeVar

from . import _spec
from ._generated import OPERATIONS, UNSET, Operation, Paginated

if TYPE_CHECKING:
    from voiso_campaigns_client.models import Campaign

P = TypeVar("P")

#: The table's default columns and their widths: a display choice over the spec's
#: fields (a field the spec no longer has is left out; a test checks the names).
TABLE_COLUMNS = (
    ("id", 7),
    ("name", 34),
    ("status", 13),
    ("strategy", 14),
    ("live", 5),
    ("updated_at", 24),
)
#: The column that gives up width when the terminal is narrow.
_FLEXIBLE = "name"
#: Columns never cut (an id cut short is a different id).
_WHOLE = frozenset({"id"})
#: Where a CSV cell's value lies in the campaign's JSON: a column name and its path.
Column = tuple[str, tuple[str, ...]]


# --- columns and values ------------------------------------------------------------


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


def item_schema(op: Operation[Any]) -> _spec.Schema:
    """The schema of what *op* yields: a list's items, or the object a call returns."""
    declared = _spec.operation(op.id)[2]
    if isinstance(op, Paginated):
        array = _spec.response_schema(op.id, (declared["x-pagination"]["items"],))
        return _spec.resolve(array["items"])
    result = declared.get("x-result")
    return _spec.response_schema(op.id, (result,) if result else ())


def _default_schema() -> _spec.Schema:
    """The item schema of the spec's first paginated list (the campaigns)."""
    return item_schema(next(op for op in OPERATIONS.values() if isinstance(op, Paginated)))


def csv_columns(schema: _spec.Schema | None = None) -> list[Column]:
    """The CSV columns, derived from the item *schema* (default: ``_default_schema``)."""
    return _columns(_default_schema() if schema is None else schema)


def chosen_columns(fields: str, schema: _spec.Schema | None = None) -> list[Column]:
    """The columns named by ``--fields`` (comma-separated), in that order."""
    columns = dict(csv_columns(schema))
    names = [name.strip() for name in fields.split(",") if name.strip()]
    unknown = [name for name in names if name not in columns]
    if unknown or not names:
        raise ValueError(
            f"--fields: unknown column(s) {', '.join(unknown) or '(none given)'}; "
            f"the columns are {', '.join(columns)}"
        )
    return [(name, columns[name]) for name in names]


def table_columns(schema: _spec.Schema | None = None) -> list[Column]:
    """``TABLE_COLUMNS`` the schema has; for a schema with none of them, its first six."""
    fields = (_default_schema() if schema is None else schema).get("properties", {})
    chosen = [(name, (name,)) for name, _ in TABLE_COLUMNS if name in fields]
    return chosen if len(chosen) > 1 else csv_columns(schema)[:6]  # type: ignore[return-value]


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


_TIMESTAMPS: dict[int, tuple[tuple[str, ...], ...]] = {}


def _timestamps_of(schema: _spec.Schema) -> tuple[tuple[str, ...], ...]:
    """Where a schema's timestamps are: walked once per schema, not once per object."""
    found = _TIMESTAMPS.get(id(schema))
    if found is None:
        found = _TIMESTAMPS[id(schema)] = tuple(_timestamp_paths(schema))
    return found


def campaign_json(campaign: Campaign) -> dict[str, Any]:
    """The campaign as the API writes it: its JSON object, timestamps in UTC with
    milliseconds and a ``Z`` (``2026-01-15T10:30:00.000Z``), unknown fields kept.

    ``Campaign.to_dict()`` writes Python's ``...+00:00`` form instead.
    """
    return api_json(campaign, _default_schema())


def api_json(item: Any, schema: _spec.Schema) -> dict[str, Any]:
    """A model as the API writes it (see ``campaign_json``), by its *schema*."""
    data: dict[str, Any] = item.to_dict()
    for path in _timestamps_of(schema):
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


def lookup(data: dict[str, Any], path: tuple[str, ...]) -> object:
    value: object = data
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def cell(value: object) -> str:
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
            return "|".join(cell(item) for item in value)
        return " ".join(cell(item) for item in value)
    if isinstance(value, dict):
        return ";".join(cell(item) for item in value.values())
    return str(value)


# --- text on a terminal -------------------------------------------------------------

# Format characters that are part of ordinary text (emoji sequences): kept.
_JOINERS = frozenset("\u200c\u200d")


def visible(text: str) -> str:
    """*text* with control and bidi-override characters written as escapes (``\\x1b``)."""
    if text.isprintable():
        return text
    out = []
    for char in text:
        category = unicodedata.category(char)
        if (
            category == "Cc"
            or (category == "Cf" and char not in _JOINERS)
            or category in ("Zl", "Zp")
        ):
            code = ord(char)
            out.append(f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def _joins(char: str) -> bool:
    """Whether *char* belongs to the cluster before it (adds no width of its own)."""
    code = ord(char)
    return (
        unicodedata.category(char) in ("Mn", "Me", "Cf")
        or 0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0x1F3FB <= code <= 0x1F3FF  # skin-tone modifiers
    )


def _clusters(text: str) -> Iterator[str]:
    """Grapheme clusters, closely enough for a table: a base and what joins it."""
    cluster = ""
    for char in text:
        if cluster and (_joins(char) or cluster[-1] == "\u200d"):
            cluster += char
        else:
            if cluster:
                yield cluster
            cluster = char
    if cluster:
        yield cluster


def _cluster_width(cluster: str) -> int:
    if unicodedata.east_asian_width(cluster[0]) in "WF" or "\ufe0f" in cluster:
        return 2
    return 0 if _joins(cluster[0]) else 1


def width(text: str) -> int:
    """Terminal columns *text* takes."""
    return sum(_cluster_width(c) for c in _clusters(text))


def fit(text: str, columns: int) -> str:
    """Pad or cut *text* to *columns* terminal columns, never inside a cluster."""
    used = width(text)
    if used <= columns:
        return text + " " * (columns - used)
    kept: list[str] = []
    used = 0
    for cluster in _clusters(text):
        w = _cluster_width(cluster)
        if used + w > columns - 1:
            break
        kept.append(cluster)
        used += w
    return "".join(kept) + "…" + " " * (columns - used - 1)


#: The narrowest the flexible column gets before columns to its right are dropped.
_FLEXIBLE_MIN = 8


def _table_widths(
    columns: Sequence[Column],
    first: list[dict[str, Any]],
    terminal_width: int | None,
    droppable: bool = False,
) -> tuple[list[Column], list[int]]:
    """The columns to show and their widths. On a terminal, the flexible column takes
    exactly the spare width, so every row fits it; *droppable* columns (the default
    ones, not an id or the flexible one) go from the right while the rest cannot fit."""
    defaults = dict(TABLE_COLUMNS)
    kept = list(columns)
    widths = [defaults.get(name, max(len(name), 12)) for name, _ in kept]
    for index, (name, path) in enumerate(kept):
        if name in _WHOLE and first:
            values = [cell(lookup(data, path)) for data in first]
            widths[index] = max([widths[index], *map(len, values)])
    names = [n for n, _ in kept]
    if terminal_width is None or _FLEXIBLE not in names:
        return kept, widths
    flexible = names.index(_FLEXIBLE)

    def others() -> int:
        return sum(widths) - widths[flexible] + 2 * (len(widths) - 1)

    while droppable and others() + _FLEXIBLE_MIN > terminal_width:
        index = max(i for i, n in enumerate(names) if n not in _WHOLE and n != _FLEXIBLE)
        if index < flexible:
            break
        del kept[index], widths[index], names[index]
    widths[flexible] = max(_FLEXIBLE_MIN, terminal_width - others())
    return kept, widths


def _row(values: Sequence[str], names: Sequence[str], widths: Sequence[int]) -> str:
    parts = [
        v if n in _WHOLE and width(v) > w else fit(v, w)
        for v, n, w in zip(values, names, widths, strict=True)
    ]
    return "  ".join(parts).rstrip()


# --- writing --------------------------------------------------------------------------


def write_items(
    pages: Iterable[Any],
    op: Paginated[Any, Any],
    fmt: str,
    out: IO[str],
    columns: Sequence[Column] | None = None,
    *,
    header: bool = True,
    terminal_width: int | None = None,
    tally: str | None = None,
) -> collections.Counter[str]:
    """Stream every item of *op*'s *pages* to *out* in *fmt*; returns a count by *tally*.

    Nothing is written until the first page is in hand. *columns* (default:
    every field for csv, ``table_columns`` for the table) are the csv and
    table columns; *header* writes their names first.
    """
    counts: collections.Counter[str] = collections.Counter()
    first = True
    started = False
    schema = item_schema(op)
    chosen = list(columns) if columns else (csv_columns if fmt == "csv" else table_columns)(schema)
    names = [name for name, _ in chosen]
    writer = csv.writer(out, lineterminator="\n") if fmt == "csv" else None
    widths: list[int] = []
    for page in pages:
        if not started:
            started = True
            if writer is not None and header:
                writer.writerow(names)
            elif fmt == "json":
                out.write("[")
            elif fmt == "table":
                shown = [api_json(item, schema) for item in getattr(page, op.items)]
                chosen, widths = _table_widths(chosen, shown, terminal_width, not columns)
                names = [name for name, _ in chosen]
                if header:
                    out.write(_row(names, names, widths) + "\n")
        for item in getattr(page, op.items):
            if tally is not None:
                counts[str(getattr(item, tally))] += 1
            data = api_json(item, schema)
            if writer is not None:
                writer.writerow([cell(lookup(data, path)) for _, path in chosen])
            elif fmt == "json":
                out.write(("\n  " if first else ",\n  ") + json.dumps(data, ensure_ascii=False))
            elif fmt == "ndjson":
                out.write(json.dumps(data, ensure_ascii=False) + "\n")
            else:
                values = [visible(cell(lookup(data, path))) for _, path in chosen]
                out.write(_row(values, names, widths) + "\n")
            first = False
        out.flush()
    if fmt == "json":
        out.write("[]\n" if not started else ("\n]\n" if not first else "]\n"))
    elif fmt == "table" and not started and header:
        out.write(_row(names, names, [len(n) for n in names]) + "\n")
    elif fmt == "csv" and not started and header and writer is not None:
        writer.writerow(names)
    return counts


def expected_pages(page: Any, max_items: int | None) -> int:
    """How many pages the listing that gave *page* (its first) will take."""
    remaining = max(page.total - page.offset, 0)
    if max_items is not None:
        remaining = min(remaining, max_items)
    return max(1, math.ceil(remaining / page.limit)) if page.limit else 1


def with_progress(pages: Iterable[P], err: IO[str], max_items: int | None) -> Iterator[P]:
    """Report progress on a terminal's stderr while waiting for each page after the first.

    The line is drawn only while a page is awaited and erased before the page
    is handed on, so it never lands inside what is written to stdout.
    """
    iterator = iter(pages)
    expected = done = 0
    while True:
        drawn = expected > 1
        if drawn:
            err.write(f"\rfetching page {done + 1}/{expected}")
            err.flush()
        try:
            page = next(iterator)
        except StopIteration:
            return
        finally:
            if drawn:
                err.write("\r\x1b[K")
                err.flush()
        done += 1
        if done == 1:
            expected = expected_pages(page, max_items)
        yield page
