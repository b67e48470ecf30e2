"""The fake API's state and request handling, independent of how requests arrive.

Its routes, the scopes each needs, its parameters' validation and its data all
come from the spec. What the spec cannot say, what an operation *means*, is
declared once: ``OPERATIONS`` (operationId -> its handler) and, for the list,
``FILTERS``. An operation of the spec without a declared meaning is answered
``501`` naming it, never a ``404`` that passes for a missing resource.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import json
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

import attrs

from .. import _body, _spec
from ._data import complete_campaign, generate_campaign, generate_user
from ._reply import LOST, RESET, Failure, Reply
from ._server import Server

if TYPE_CHECKING:
    from ._transport import FakeTransport

_INTEGER = re.compile(r"-?[0-9]+")


Match = Callable[[Mapping[str, Any], str, Any], bool]


def _contains(campaign: Mapping[str, Any], field: str, value: Any) -> bool:
    return str(value).casefold() in str(campaign.get(field, "")).casefold()


def _equals(campaign: Mapping[str, Any], field: str, value: Any) -> bool:
    return bool(campaign.get(field) == value)


#: What each filter of the spec means: query parameter -> how a campaign matches
#: its (parsed) value, given the field of the same name. The one place the fake
#: restates meaning rather than facts: the spec says what a filter accepts, not
#: what it selects. A filter the spec has and this table lacks is answered with
#: 501 (never silently ignored), and the project's tests fail naming it.
FILTERS: dict[str, Match] = {
    "name": _contains,  # "typically used as a partial match": case-insensitive substring
    "status": _equals,
    "strategy": _equals,
    "method": _equals,
    "live": _equals,
}


#: What each lifecycle action does (the vendor's overview of changing a campaign's
#: status): operationId -> (the statuses it is allowed from, the status it leaves, how
#: its 409 says it). From any other status, the transitional ones (``pausing``,
#: ``stopping``, ...) included, the action is a 409. Meaning, not fact: a test checks
#: every status named here is one of the spec's.
LIFECYCLE: dict[str, tuple[frozenset[str], str, str]] = {
    "pause_campaign": (frozenset({"active"}), "paused", "paused"),
    "stop_campaign": (frozenset({"active"}), "stopped", "stopped"),
    "start_campaign": (
        frozenset({"draft", "paused", "auto_paused", "stopped"}),
        "active",
        "started",
    ),
}


#: The fake's rule for a phone number the API would reject (the vendor checks numbers
#: are valid without saying how): an optional ``+`` and 7 to 15 digits (E.164's length),
#: nothing else. Meaning, not fact.
PHONE = re.compile(r"\+?[0-9]{7,15}")

#: How many of the contact center's users each campaign has assigned at first.
USERS_PER_CAMPAIGN = 3


@functools.cache
def _routes() -> list[tuple[str, str, re.Pattern[str]]]:
    """(operation, method, path pattern) of every operation of the spec."""
    routes = []
    for path, item in _spec.document()["paths"].items():
        pattern = re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(path))
        for method, op in item.items():
            if isinstance(op, dict) and "operationId" in op:
                routes.append((op["operationId"], method.upper(), re.compile(pattern)))
    return routes


scopes = _spec.scopes
#: Every scope the spec names: what the default test key is given.
all_scopes = _spec.all_scopes


def _paging(operation: str) -> dict[str, str]:
    """The operation's ``x-pagination`` (limit, offset, items, total), or {}."""
    return dict(_spec.operation(operation)[2].get("x-pagination", {}))


def _route(method: str, path: str) -> tuple[str, dict[str, str]] | list[str]:
    """The operation answering *method* *path* and its path parameters; or the methods
    the spec declares on that path (empty: no such path)."""
    allowed = []
    for operation, wanted, pattern in _routes():
        match = pattern.fullmatch(path)
        if match and method == wanted:
            return operation, match.groupdict()
        if match:
            allowed.append(wanted)
    return allowed


def undeclared_filters() -> list[str]:
    """The filter parameters of the list operations with a meaning that ``FILTERS`` lacks."""
    names: list[str] = []
    for operation, _, _ in _routes():
        paging = _paging(operation)
        if paging and operation in OPERATIONS:
            paged = (paging["limit"], paging["offset"])
            names += [n for n in _spec.query_parameters(operation) if n not in paged]
    return [name for name in names if name not in FILTERS]


def undeclared_operations() -> list[str]:
    """The operations of the spec ``OPERATIONS`` gives no meaning (should be none)."""
    return [operation for operation, _, _ in _routes() if operation not in OPERATIONS]


@attrs.frozen
class RecordedRequest:
    """One request the fake received (the Authorization header is not kept)."""

    path: str
    params: dict[str, str]
    method: str = "GET"
    body: bytes = b""


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _error(status: int, message: str, headers: tuple[tuple[str, str], ...] = ()) -> Reply:
    return Reply(status, _json({"error": message}), headers)


_MESSAGES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    429: "Too many requests",
    501: "Not implemented",
}


class FakeVoisoAPI:
    """An in-memory Voiso API: every operation of the spec, with its semantics.

    Args:
        campaigns: The campaigns to serve, as API JSON objects; a field one lacks
            (the id included) is filled from the spec (``complete_campaign``).
            Default: a generated data set of *count* campaigns, the same for the
            same *seed*.
        count: Size of the generated data set.
        seed: Seed of the generated data set.
        api_keys: Accepted bearer keys and their scopes (each operation needs the
            scopes its ``security`` names). Default: ``test-key`` with every scope.
        latency: Seconds each request takes before it is answered.
        rate_limit: At most this many requests per *rate_limit_window* seconds;
            the rest get 429 with ``Retry-After``. None: no limit.
        rate_limit_window: The rate limit's window, in seconds.
        failures: Scripted answers for the next requests, in order: a status code
            (answered with the simple error body), ``"reset"`` (the connection is
            dropped before the request is processed) or ``"lost"`` (the request is
            processed, then the connection dropped: its answer is lost). Add more
            with :meth:`fail_next`.
        users: How many users the contact center has (integer ids from 1); each
            campaign starts with ``USERS_PER_CAMPAIGN`` of them assigned.
        import_processing: Seconds a campaign's leads import stays "processing"
            after it is answered; a leads request for that campaign arriving
            before then is answered ``409`` (the vendor says it is rejected
            without naming a status).
        on_request: Called with the fake and the request's number (1-based) before
            each request is answered: insert or delete campaigns here to page over
            changing data.
        history: How many of the last requests :attr:`requests` keeps.

    Attributes:
        requests: The last *history* requests received (path and query, never headers).
        changes: Each state change applied, as (operationId, campaign id), in order.
        requests' ``method`` and ``body`` are kept too (a request body is test data).
        max_in_flight: The most requests that were being answered at once.
    """

    def __init__(
        self,
        campaigns: Iterable[Mapping[str, Any]] | None = None,
        *,
        count: int = 250,
        seed: int = 0,
        api_keys: Mapping[str, Iterable[str]] | None = None,
        latency: float = 0.0,
        rate_limit: int | None = None,
        rate_limit_window: float = 1.0,
        failures: Iterable[Failure] = (),
        on_request: Callable[[FakeVoisoAPI, int], None] | None = None,
        history: int = 1000,
        users: int = 20,
        import_processing: float = 0.0,
    ) -> None:
        if not isinstance(count, int) or count < 0:
            raise ValueError(f"count must be an int >= 0, got {count!r}")
        if rate_limit is not None and (not isinstance(rate_limit, int) or rate_limit < 1):
            raise ValueError(f"rate_limit must be an int >= 1 or None, got {rate_limit!r}")
        if latency < 0:
            raise ValueError(f"latency must be >= 0 seconds, got {latency!r}")
        self._lock = threading.Lock()
        self._seed = seed
        self._count = count
        # None while the data set is the untouched generated one: campaigns are
        # then made on demand, so a fake of 100,000 campaigns costs no memory.
        self._campaigns: list[dict[str, Any]] | None = None
        if campaigns is not None:
            given = [dict(c) for c in campaigns]
            next_id = max((c["id"] for c in given if isinstance(c.get("id"), int)), default=0) + 1
            for campaign in given:
                if "id" not in campaign:
                    campaign["id"], next_id = next_id, next_id + 1
            completed = (complete_campaign(c, seed) for c in given)
            self._campaigns = sorted(completed, key=lambda c: c["id"])
        keys = {"test-key": all_scopes()} if api_keys is None else api_keys
        self._api_keys = {key: frozenset(scopes) for key, scopes in keys.items()}
        self.latency = latency
        self.rate_limit = rate_limit
        self.rate_limit_window = rate_limit_window
        self._window_start = 0.0
        self._window_count = 0
        self._failures: collections.deque[Failure] = collections.deque()
        self.fail_next(*failures)
        self.on_request = on_request
        self.requests: collections.deque[RecordedRequest] = collections.deque(maxlen=history)
        self.request_count = 0
        self.rate_limited_count = 0
        self._in_flight = 0
        self.max_in_flight = 0
        self.changes: list[tuple[str, int]] = []
        if not isinstance(users, int) or users < 0:
            raise ValueError(f"users must be an int >= 0, got {users!r}")
        self._directory = users
        self._assigned: dict[int, dict[int, dict[str, Any]]] = {}
        self._leads: dict[int, dict[str, dict[str, Any]]] = {}
        self.import_processing = import_processing
        self._importing_until: dict[int, float] = {}

    # --- the data set ----------------------------------------------------------

    def _materialize(self) -> list[dict[str, Any]]:
        if self._campaigns is None:
            self._campaigns = [generate_campaign(self._seed, i) for i in range(self._count)]
        return self._campaigns

    def __len__(self) -> int:
        with self._lock:
            return self._count if self._campaigns is None else len(self._campaigns)

    def campaigns(self) -> list[dict[str, Any]]:
        """A copy of every campaign, ordered by id, as API JSON."""
        with self._lock:
            return [dict(c) for c in self._materialize()]

    def insert(self, campaign: Mapping[str, Any]) -> None:
        """Add a campaign (kept ordered by id); fields it lacks are filled from the spec."""
        with self._lock:
            data = self._materialize()
            given = dict(campaign)
            given.setdefault("id", max((c["id"] for c in data), default=0) + 1)
            data.append(complete_campaign(given, self._seed))
            data.sort(key=lambda c: c["id"])

    def delete(self, campaign_id: int) -> None:
        """Remove the campaign with this id, if there is one."""
        with self._lock:
            self._campaigns = [c for c in self._materialize() if c["id"] != campaign_id]

    def users(self, campaign_id: int) -> list[dict[str, Any]]:
        """A copy of the users assigned to a campaign, ordered by id, as API JSON."""
        with self._lock:
            return [dict(u) for _, u in sorted(self._users_of(campaign_id).items())]

    def leads(self, campaign_id: int) -> list[dict[str, Any]]:
        """A copy of the leads a campaign holds, in the order they were added, as sent."""
        with self._lock:
            return [dict(lead) for lead in self._leads.get(campaign_id, {}).values()]

    def _users_of(self, campaign_id: int) -> dict[int, dict[str, Any]]:
        """The users assigned to a campaign (the lock held): seeded on first use."""
        if campaign_id not in self._assigned:
            first = (campaign_id - 1) * USERS_PER_CAMPAIGN
            indices = {(first + k) % self._directory for k in range(USERS_PER_CAMPAIGN)}
            seeded = (generate_user(self._seed, i) for i in indices if self._directory)
            self._assigned[campaign_id] = {u["id"]: u for u in seeded}
        return self._assigned[campaign_id]

    def fail_next(self, *failures: Failure) -> None:
        """Answer the next requests with these failures, in order."""
        for failure in failures:
            if failure not in (RESET, LOST) and not (
                isinstance(failure, int) and 400 <= failure <= 599
            ):
                raise ValueError(
                    f"a failure is a status from 400 to 599, 'reset' or 'lost', got {failure!r}"
                )
            self._failures.append(failure)

    # --- serving ---------------------------------------------------------------

    def transport(self) -> FakeTransport:
        """An httpx transport answering from this fake in-process (sync and async clients)."""
        from ._transport import FakeTransport

        return FakeTransport(self)

    def serve(self, host: str = "127.0.0.1", port: int = 0) -> FakeServer:
        """Serve this fake over HTTP on a loopback address in a background thread.

        Returns a running :class:`FakeServer` (a context manager with ``base_url``);
        ``port=0`` picks a free port. Requests are answered concurrently.
        """
        return FakeServer(self, host, port)

    # --- answering -------------------------------------------------------------

    def handle(
        self, method: str, target: str, headers: Mapping[str, str], body: bytes = b""
    ) -> Reply:
        """Answer one request. *target* is the path with its query string."""
        path, _, query = target.partition("?")
        params = dict(parse_qsl(query, keep_blank_values=True))
        with self._lock:
            self.request_count += 1
            number = self.request_count
            self.requests.append(RecordedRequest(path, params, method, body))
        if self.on_request is not None:
            self.on_request(self, number)
        return self._answer(method, path, params, headers, body)

    @contextlib.contextmanager
    def in_flight(self) -> Iterator[None]:
        """Count a request as being answered (latency included) while in this block."""
        with self._lock:
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
        try:
            yield
        finally:
            with self._lock:
                self._in_flight -= 1

    def _answer(
        self,
        method: str,
        path: str,
        params: dict[str, str],
        headers: Mapping[str, str],
        body: bytes,
    ) -> Reply:
        with self._lock:
            failure = self._failures.popleft() if self._failures else None
        if failure == RESET:
            return Reply(0, reset=True)
        if failure == LOST:
            self._answer(method, path, params, headers, body)  # applied, then dropped
            return Reply(0, reset=True)
        if failure is not None:
            extra = (("Retry-After", "1"),) if failure == 429 else ()
            return _error(failure, _MESSAGES.get(failure, "Internal server error"), extra)
        route = _route(method, path.rstrip("/"))
        if isinstance(route, list):
            if not route:
                return _error(404, "Not found")
            return _error(405, "Method not allowed", (("Allow", ", ".join(route)),))
        operation, path_params = route
        scheme, _, key = headers.get("authorization", "").partition(" ")
        key_scopes = self._api_keys.get(key) if scheme.lower() == "bearer" else None
        if key_scopes is None:
            return _error(401, "Unauthorized")
        if not scopes(operation) <= key_scopes:
            return _error(403, "Forbidden")
        if (retry_after := self._rate_limited()) is not None:
            return _error(429, "Too many requests", (("Retry-After", str(retry_after)),))
        meaning = OPERATIONS.get(operation)
        if meaning is None:
            return _error(
                501,
                f"the fake API does not know what the operation {operation!r} means: "
                "declare it in OPERATIONS (voiso_campaigns/testing/_fake.py)",
            )
        if isinstance(document := _document(operation, body), Reply):
            return document
        return meaning(self, operation, path_params, params, document)

    def _get(
        self, operation: str, path_params: dict[str, str], params: dict[str, str], body: Any
    ) -> Reply:
        """One campaign by its id (the path parameter), under the operation's ``x-result``."""
        (name, raw), *_ = path_params.items()
        schema = _spec.parameters(operation, "path")[name]["schema"]
        campaign_id, problem = _parse(raw, schema)
        found = None if problem is not None else self._find(campaign_id)
        if found is None:
            return _error(404, "Not found")
        result = _spec.operation(operation)[2].get("x-result")
        return Reply(200, _json(found if result is None else {result: found}))

    def _act(
        self, operation: str, path_params: dict[str, str], params: dict[str, str], body: Any
    ) -> Reply:
        """A lifecycle action (``LIFECYCLE``): the campaign in its new state, or a 409."""
        (name, raw), *_ = path_params.items()
        campaign_id, problem = _parse(raw, _spec.parameters(operation, "path")[name]["schema"])
        allowed, after, done = LIFECYCLE[operation]
        with self._lock:
            data = [] if problem is not None else self._materialize()
            found = next((c for c in data if c["id"] == campaign_id), None)
            if found is None:
                return _error(404, "Not found")
            if found["status"] not in allowed:
                message = f"Campaign cannot be {done} in its current state ({found['status']})"
                return _error(409, message)
            found["status"] = after
            self.changes.append((operation, campaign_id))
            return Reply(200, _json(found))

    def _find(self, campaign_id: int) -> dict[str, Any] | None:
        with self._lock:
            if self._campaigns is None:  # the generated data set: ids are 1..count
                return (
                    generate_campaign(self._seed, campaign_id - 1)
                    if 1 <= campaign_id <= self._count
                    else None
                )
            return next((dict(c) for c in self._campaigns if c["id"] == campaign_id), None)

    def _rate_limited(self) -> int | None:
        if self.rate_limit is None:
            return None
        with self._lock:
            now = time.monotonic()
            if now - self._window_start >= self.rate_limit_window:
                self._window_start, self._window_count = now, 0
            self._window_count += 1
            if self._window_count <= self.rate_limit:
                return None
            self.rate_limited_count += 1
            left = self.rate_limit_window - (now - self._window_start)
            return max(1, int(left + 0.999))

    def _list(
        self, operation: str, path_params: dict[str, str], params: dict[str, str], body: Any
    ) -> Reply:
        """A page of the campaigns that match the filters (``FILTERS``), by ``x-pagination``."""
        paging = _page_arguments(operation, params)
        if isinstance(paging, Reply):
            return paging
        wanted, offset, limit = paging
        unknown = [name for name in wanted if name not in FILTERS]
        if unknown:
            return _error(
                501,
                f"the fake API does not know what the filter {unknown[0]!r} means: "
                "declare it in FILTERS (voiso_campaigns/testing/_fake.py)",
            )
        return _page(operation, *self._select(wanted, offset, limit))

    def _list_users(
        self, operation: str, path_params: dict[str, str], params: dict[str, str], body: Any
    ) -> Reply:
        """A page of the users assigned to the campaign."""
        ids = _ids(operation, path_params)
        if ids is None or self._find(ids[0]) is None:
            return _error(404, "Not found")
        paging = _page_arguments(operation, params)
        if isinstance(paging, Reply):
            return paging
        _, offset, limit = paging
        with self._lock:
            users = [u for _, u in sorted(self._users_of(ids[0]).items())]
        return _page(operation, users[offset : offset + limit], len(users))

    def _add_users(
        self, operation: str, path_params: dict[str, str], params: dict[str, str], body: Any
    ) -> Reply:
        """Assign users of the contact center (ids 1 to *users*): the users added, or 404
        when the campaign or one of the users does not exist (nothing is assigned then).
        A user already assigned is answered as added again: the vendor does not say."""
        ids = _ids(operation, path_params)
        if ids is None or self._find(ids[0]) is None:
            return _error(404, "Not found")
        wanted = body["user_ids"]
        if any(not 1 <= user_id <= self._directory for user_id in wanted):
            return _error(404, "Not found")
        with self._lock:
            assigned = self._users_of(ids[0])
            added = [generate_user(self._seed, user_id - 1) for user_id in dict.fromkeys(wanted)]
            assigned.update((user["id"], user) for user in added)
            self.changes.append((operation, ids[0]))
        return _result(operation, [_short(user) for user in added])

    def _remove_user(
        self, operation: str, path_params: dict[str, str], params: dict[str, str], body: Any
    ) -> Reply:
        """Unassign one user: the user removed, or 404 (no such campaign, or not assigned)."""
        ids = _ids(operation, path_params)
        if ids is None or self._find(ids[0]) is None:
            return _error(404, "Not found")
        with self._lock:
            user = self._users_of(ids[0]).pop(ids[1], None)
            if user is None:
                return _error(404, "Not found")
            self.changes.append((operation, ids[0]))
        return _result(operation, _short(user))

    def _add_leads(
        self, operation: str, path_params: dict[str, str], params: dict[str, str], body: Any
    ) -> Reply:
        """Store new leads: each number ``created``, ``rejected`` (not ``PHONE``) or a
        ``duplicate`` (the campaign holds it, or the request repeats it); 409 while the
        campaign's previous import is processing (``import_processing``)."""
        ids = _ids(operation, path_params)
        if ids is None or self._find(ids[0]) is None:
            return _error(404, "Not found")
        outcome: dict[str, list[str]] = {"created": [], "rejected": [], "duplicates": []}
        with self._lock:
            now = time.monotonic()
            if now < self._importing_until.get(ids[0], 0.0):
                return _error(409, "The previous leads import is still processing")
            held = self._leads.setdefault(ids[0], {})
            for lead in body:
                number = lead["phone_number"]
                if not PHONE.fullmatch(number):
                    outcome["rejected"].append(number)
                elif number in held:
                    outcome["duplicates"].append(number)
                else:
                    held[number] = lead
                    outcome["created"].append(number)
            self._importing_until[ids[0]] = now + self.import_processing
            self.changes.append((operation, ids[0]))
        return _result(operation, outcome)

    def _select(
        self, wanted: dict[str, Any], offset: int, limit: int
    ) -> tuple[list[dict[str, Any]], int]:
        with self._lock:
            lazy, count = self._campaigns is None, self._count
        if lazy and not wanted:
            # Made outside the lock: concurrent requests generate their pages in parallel.
            end = min(count, offset + limit)
            return [generate_campaign(self._seed, i) for i in range(offset, end)], count
        with self._lock:
            data = self._materialize()
            if not wanted:
                return data[offset : offset + limit], len(data)
            matches = [c for c in data if all(FILTERS[k](c, k, v) for k, v in wanted.items())]
            return matches[offset : offset + limit], len(matches)


def _ids(operation: str, path_params: dict[str, str]) -> list[Any] | None:
    """The path parameters' values, parsed by their schemas, in path order; None: one is
    not of its schema (the fake answers 404, as for an unknown id)."""
    schemas = _spec.parameters(operation, "path")
    values = []
    for name, raw in path_params.items():
        value, problem = _parse(raw, schemas[name]["schema"])
        if problem is not None:
            return None
        values.append(value)
    return values


def _page_arguments(
    operation: str, params: dict[str, str]
) -> Reply | tuple[dict[str, Any], int, int]:
    """A list's query parsed by the spec: (its filters, offset, limit), or the error reply
    (400 for a bad limit or offset, 422 for a bad filter)."""
    paging = _paging(operation)
    limit, offset = paging["limit"], paging["offset"]
    parsed: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name, parameter in _spec.query_parameters(operation).items():
        schema = parameter["schema"]
        raw = params.get(name)
        if raw is None:
            if "default" in schema:
                parsed[name] = schema["default"]
            continue
        value, problem = _parse(raw, schema)
        if problem is None:
            parsed[name] = value
        elif name in (limit, offset):
            return _error(400, "Bad Request")
        else:
            errors[name] = [problem]
    if errors:
        return Reply(422, _json({"errors": errors}))
    wanted = {name: value for name, value in parsed.items() if name not in (limit, offset)}
    return wanted, parsed.get(offset, 0), parsed[limit]


def _page(operation: str, items: list[dict[str, Any]], total: int) -> Reply:
    """A 200 page of *items*, shaped by the operation's ``x-pagination``."""
    paging = _paging(operation)
    body: dict[str, Any] = {paging["items"]: items}
    *parents, last = paging["total"].split(".")
    node = body
    for part in parents:
        node = node.setdefault(part, {})
    node[last] = total
    return Reply(200, _json(body))


def _result(operation: str, result: Any) -> Reply:
    """A 200 of *result*, under the operation's ``x-result`` when it has one."""
    key = _spec.operation(operation)[2].get("x-result")
    return Reply(200, _json(result if key is None else {key: result}))


def _short(user: Mapping[str, Any]) -> dict[str, Any]:
    """A user as the add and remove answers show one (the vendor's examples)."""
    return {key: user.get(key) for key in ("id", "name", "email")}


def _document(operation: str, body: bytes) -> Any:
    """The request body, decoded and checked against the operation's schema: the JSON, a
    422 reply in the vendor's ``{"errors": {...}}`` shape, or None (no body declared)."""
    if not _spec.request_body(operation):
        return None
    try:
        declared = _body.body(operation)
    except _body.UnsupportedSchema as exc:  # a schema the checks cannot read: never a crash
        return Reply(422, _json({"errors": {"body": [f"the fake cannot check this body: {exc}"]}}))
    assert declared is not None
    try:
        document = json.loads(body)
    except (ValueError, RecursionError):
        return Reply(422, _json({"errors": {"body": ["must be a JSON document"]}}))
    try:
        return declared.check(document)
    except (TypeError, ValueError) as exc:
        field, _, problem = str(exc).partition(": ")
        return Reply(422, _json({"errors": {field or "body": [problem or str(exc)]}}))


def _parse(raw: str, schema: _spec.Schema) -> tuple[Any, str | None]:
    """A query string value parsed by its schema: (value, None), or (None, the problem)."""
    kinds = _spec.types(schema)
    values = _spec.enum_values(schema)
    if "integer" in kinds:
        try:  # int() refuses more digits than Python converts (ValueError) too
            value: Any = int(raw) if _INTEGER.fullmatch(raw) else None
        except ValueError:
            value = None
        if value is None:
            return None, "must be an integer"
        if "minimum" in schema and value < schema["minimum"]:
            return None, f"must be greater than or equal to {schema['minimum']}"
        if "maximum" in schema and value > schema["maximum"]:
            return None, f"must be less than or equal to {schema['maximum']}"
    elif "number" in kinds:
        try:
            value = float(raw)
        except ValueError:
            return None, "must be a number"
    elif "boolean" in kinds:
        if raw not in ("true", "false"):
            return None, "must be true or false"
        value = raw == "true"
    else:
        value = raw
    if values and value not in values:
        return None, "is not included in the list"
    return value, None


#: (fake, operationId, path parameters, query parameters, the checked JSON body or None).
Meaning = Callable[[FakeVoisoAPI, str, dict[str, str], dict[str, str], Any], Reply]

#: What each operation of the spec means: operationId -> how the fake answers it
#: (auth, scopes, rate limits and scripted failures are checked before). The one
#: place, with FILTERS, where the fake restates meaning rather than facts. An
#: operation the spec has and this table lacks is answered with 501 naming it,
#: and the project's tests fail naming it (``undeclared_operations``).
OPERATIONS: dict[str, Meaning] = {
    "list_campaigns": FakeVoisoAPI._list,
    "get_campaign": FakeVoisoAPI._get,
    **dict.fromkeys(LIFECYCLE, FakeVoisoAPI._act),
    "list_campaign_users": FakeVoisoAPI._list_users,
    "add_campaign_users": FakeVoisoAPI._add_users,
    "remove_campaign_user": FakeVoisoAPI._remove_user,
    "add_campaign_leads": FakeVoisoAPI._add_leads,
}


class FakeServer(Server[FakeVoisoAPI]):
    """A :class:`FakeVoisoAPI` served on loopback; use as a context manager, or call ``close``.

    Attributes:
        api: The fake being served.
        base_url: Where it listens, e.g. ``http://127.0.0.1:54321``.
    """

    def __init__(self, api: FakeVoisoAPI, host: str = "127.0.0.1", port: int = 0) -> None:
        super().__init__(api, host, port)
