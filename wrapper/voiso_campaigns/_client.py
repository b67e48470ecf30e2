"""VoisoClient and AsyncVoisoClient, and the engine their resources call.

Both build one httpx client (base URL, bearer auth, headers, timeout, no
redirects, the retry transport) and hand it to the generated
``AuthenticatedClient`` (``client.raw``), so the two share one connection
pool, auth and retries. Nothing here names an endpoint.

The path of a request, one room per step (where a change belongs):

1. **Resource method** (generated, ``voiso_campaigns_client.resources``): hands
   its operation, as data, and its arguments to the engine.
2. **Engine** (``_Engine`` here; ``_params`` checks the arguments against the
   spec; ``_pagination`` plans and drives a listing's pages): builds the request
   with the generated ``_get_kwargs`` and its ``extensions`` (the call's
   deadline; a page's 429 listener and abandoned event), sends it through httpx,
   parses the answer (``_generated``) or maps it to an error (``_error_mapping``).
3. **Retry loop** (``_retry.RetryTransport``, httpx's transport): attempts,
   ``decide()``, waits.
4. **Transport** (``_transport``): one attempt, its body read and bounded, its
   cutoff set; a fresh pool after a fork or in another event loop.
5. **Socket** (httpcore's pool, built with ``_transport.CutoffBackend``): every read
   and write ends by the attempt's cutoff.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Generator, Mapping
from types import TracebackType
from typing import Any, Self, TypeVar

import attrs
import httpx

from . import _aio, _body, _config, _leads, _params, _spec, _transport
from ._error_mapping import connection_error, invalid, json_object
from ._generated import (
    AsyncCore,
    AsyncResources,
    AuthenticatedClient,
    Operation,
    Paginated,
    Resources,
    SchemaError,
    SyncCore,
    page_data,
    parse,
    request_kwargs,
)
from ._leads import Pacer
from ._pagination import (
    AsyncFetch,
    AsyncLazyListing,
    Extensions,
    Fetch,
    LazyListing,
    ListingSpec,
    PageData,
    _PagePlan,
)
from ._retry import DEADLINE, Deadline, RetryTransport
from ._version import version
from .errors import ClientClosedError, ConfigurationError

R = TypeVar("R")
ItemT = TypeVar("ItemT")
PageT = TypeVar("PageT")
ExtraQuery = Mapping[str, str | int | bool] | None


class _BearerAuth(httpx.Auth):
    """Adds ``Authorization: Bearer <key>``; its repr never shows the key."""

    def __init__(self, api_key: str) -> None:
        self._header = f"Bearer {api_key}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._header
        yield request

    def __repr__(self) -> str:
        return "_BearerAuth(<redacted>)"


class _ClientTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Sends through a caller's own httpx client (its proxies, TLS, limits, hooks, and its
    default headers, query parameters and per-phase timeout).

    The answer comes back unread (``stream=True``): the retry transport reads
    and decodes its body within the attempt, bounded like any other. The caller
    keeps ownership: closing the Voiso client does not close theirs.
    """

    def __init__(self, client: httpx.Client | httpx.AsyncClient) -> None:
        self._client = client

    def _theirs(self, request: httpx.Request) -> httpx.Request:
        """*request* with the caller's client defaults that ``send()`` would not apply: its
        headers and query parameters where ours set none, and its per-phase timeout."""
        for name, value in self._client.headers.multi_items():
            request.headers.setdefault(name, value)
        if self._client.params:
            request.url = request.url.copy_merge_params(
                {k: v for k, v in self._client.params.multi_items() if k not in request.url.params}
            )
        request.extensions["timeout"] = self._client.timeout.as_dict()
        return request

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(self._client, httpx.Client)
        sent = self._theirs(request)
        return self._client.send(sent, auth=None, follow_redirects=False, stream=True)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(self._client, httpx.AsyncClient)
        sent = self._theirs(request)
        return await self._client.send(sent, auth=None, follow_redirects=False, stream=True)

    def close(self) -> None:
        pass  # the caller's client

    async def aclose(self) -> None:
        pass


def _release(response: httpx.Response) -> None:
    """Free a finished response now rather than at the next cyclic GC.

    httpx binds a response's stream back to the response (a reference cycle),
    so each page's body would otherwise live until the garbage collector runs:
    memory then grows with the listing's length before levelling off.
    """
    response.stream = httpx.ByteStream(b"")


def _http_options(settings: _config.Settings) -> dict[str, Any]:
    return {
        "base_url": settings.base_url,
        "auth": _BearerAuth(settings.api_key),
        "headers": {
            "User-Agent": f"voiso-campaigns/{version()}",
            "Accept": "application/json",
            # Only what _transport decodes with a bound on the decoded size.
            "Accept-Encoding": _transport.ACCEPT_ENCODING,
        },
        "timeout": settings.timeout,
        "follow_redirects": False,
    }


def _transports(
    settings: _config.Settings, http_client: httpx.Client | httpx.AsyncClient | None, sync: bool
) -> tuple[RetryTransport, dict[str, RetryTransport | None]]:
    """The retry transport, and one per proxy the environment names (httpx's own rules;
    ``None``: that pattern uses the default transport)."""

    def retrying(inner: _transport.Renewing) -> RetryTransport:
        return RetryTransport(
            inner,
            max_retries=settings.max_retries,
            total_timeout=settings.total_timeout,
            max_response_size=settings.max_response_size,
        )

    if http_client is not None:
        return retrying(_transport.Renewing(None, _ClientTransport(http_client))), {}
    make: Callable[[str | None], httpx.BaseTransport | httpx.AsyncBaseTransport] = (
        _transport.http_transport
        if sync
        else functools.partial(
            _transport.async_http_transport, ssl_context=httpx.create_ssl_context()
        )
    )
    mounts: dict[str, RetryTransport | None] = {
        pattern: None
        if url is None
        else retrying(_transport.Renewing(functools.partial(make, url)))
        for pattern, url in _transport.environment_proxies().items()
    }
    return retrying(_transport.Renewing(functools.partial(make, None))), mounts


class _BaseClient:
    _settings: _config.Settings
    _http: Any
    _retrying: list[RetryTransport]
    _pacer: Pacer
    raw: AuthenticatedClient

    def _configure(
        self,
        *,
        http_client: object,
        http_client_type: type[httpx.Client | httpx.AsyncClient],
        **settings: Any,
    ) -> dict[str, Any]:
        """Validate the settings; the keyword arguments of the httpx client to build."""
        self._settings = _config.read_settings(**settings)
        if http_client is not None and not isinstance(http_client, http_client_type):
            raise ConfigurationError(
                f"http_client must be an httpx.{http_client_type.__name__}, "
                f"got {type(http_client).__name__}"
            )
        # The generated client's own auth is unused: the httpx client handed to
        # it carries ours. An empty token keeps the key out of its attrs repr.
        self.raw = AuthenticatedClient(base_url=str(self._settings.base_url), token="")
        transport, mounts = _transports(
            self._settings,
            http_client,
            sync=http_client_type is httpx.Client,
        )
        self._retrying = [transport, *(t for t in mounts.values() if t is not None)]
        self._pacer = Pacer()
        return {**_http_options(self._settings), "transport": transport, "mounts": mounts}

    def _with(self, engine: type[_Engine], deadline: float | None) -> Self:
        """A shallow copy (the same httpx client) whose resources call an engine with other
        settings: what ``with_options`` returns."""
        clone = copy.copy(self)
        clone._settings = attrs.evolve(self._settings, deadline=_config.check_deadline(deadline))
        clone._attach(engine(clone._http, clone._settings, self._pacer))  # type: ignore[attr-defined]
        return clone

    @property
    def base_url(self) -> str:
        """The API's base URL, e.g. ``https://cc.voiso.com``."""
        return str(self._settings.base_url).rstrip("/")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, api_key=<redacted>)"


class _Engine:
    """What the sync and async engines share: argument checks, requests and parsing.

    A resource (generated, one per tag of the spec) hands the engine an operation
    and its arguments (the generated ``SyncCore``/``AsyncCore`` protocols say
    how); nothing here knows an endpoint.
    """

    def __init__(self, http: Any, settings: _config.Settings, pacer: Pacer) -> None:
        self._http = http
        self._settings = settings
        #: One request at a time per path, with a gap (``x-serial-gap``), shared by copies.
        self.pacer = pacer

    def _call_request(
        self, op: Operation[Any], args: Mapping[str, Any], json: Any = None
    ) -> dict[str, Any]:
        """The request of *op*: its parameters and its body (*json*: checked already)."""
        params = _params.parameters(op)
        body = _body.body(op.id)
        names = body.names if body else ()
        query = params.query(op.name, {k: v for k, v in args.items() if k not in names})
        kwargs = request_kwargs(op, {**query.path, **query.filters}, {})
        if body is not None:
            kwargs["content"] = _body.encode(body.json(args) if json is None else json)
            kwargs["headers"] = {"Content-Type": "application/json"}
        return kwargs

    def _listing(
        self,
        op: Paginated[Any, PageT],
        filters: Mapping[str, Any],
        page_size: object,
        offset: object,
        max_items: object,
        extra_query: Mapping[str, object] | None,
    ) -> tuple[ListingSpec[PageT], _params.Query]:
        """A listing, and its checked query (each engine fetches its pages with its own
        I/O). Every argument is checked here, before any request."""
        params = _params.parameters(op)
        query = params.query(op.name, filters, extra_query)
        size = params.limit("page_size", page_size)
        start = params.offset(offset)
        most = None if max_items is None else _params.check_int("max_items", max_items, 0)
        concurrency = self._settings.max_concurrency

        def new_plan() -> _PagePlan[PageT]:
            return _PagePlan(
                op, offset=start, page_size=size, max_items=most, concurrency=concurrency
            )

        shown = {
            **{k: getattr(v, "value", v) for k, v in query.filters.items()},
            "page_size": size,
            "offset": start,
            "max_items": most,
            **({"extra_query": query.extra} if query.extra else {}),
        }
        parse = functools.partial(self._page_data, op)
        listed = ", ".join(f"{k}={v!r}" for k, v in shown.items())
        return ListingSpec(new_plan, parse, op.items, listed), query

    @staticmethod
    def _page_query(
        op: Paginated[Any, Any],
        filters: Mapping[str, object],
        limit: object,
        offset: object,
        extra: Mapping[str, object] | None,
    ) -> tuple[_params.Query, int, int]:
        params = _params.parameters(op)
        return (
            params.query(f"{op.name}_page", filters, extra),
            params.limit("limit", limit),
            params.offset(offset),
        )

    @staticmethod
    def _page_kwargs(
        op: Paginated[Any, Any], query: _params.Query, offset: int, limit: int
    ) -> dict[str, Any]:
        return request_kwargs(
            op, {**query.path, **query.filters, op.offset: offset, op.limit: limit}, query.extra
        )

    def _extensions(self, extra: Extensions | None = None) -> dict[str, Any]:
        """What travels down with a request to the retry loop: the call's deadline, and
        *extra* (a page's, from the pager)."""
        seconds = self._settings.deadline
        own = {} if seconds is None else {DEADLINE: Deadline.starting_now(seconds)}
        return {**own, **extra} if extra else own

    def _failure(self, exc: Exception) -> Exception:
        """What a failed send raises: the client was closed, or the connection failed."""
        if self._http.is_closed:
            return ClientClosedError("the client is closed: make a new one")
        if isinstance(exc, httpx.HTTPError):
            return connection_error(exc)
        return exc

    def _result(self, op: Operation[R], response: httpx.Response) -> R:
        return parse_result(op, response, secret=self._settings.api_key)

    def _page_data(self, op: Paginated[Any, Any], response: httpx.Response) -> PageData:
        return parse_page(op, response, secret=self._settings.api_key)


def _minimum_total(op: Paginated[Any, Any]) -> int:
    """The total's bound in the spec (the generated models carry types, not bounds)."""
    return int(_spec.response_schema(op.id, op.total).get("minimum", 0))


def parse_result(op: Operation[R], response: httpx.Response, *, secret: str) -> R:
    """*op*'s result from *response*, or the typed error the response stands for."""
    try:
        return parse(op, json_object(response, secret=secret, schema=op.model.__name__))
    except SchemaError as exc:
        raise invalid(response, secret, op.model.__name__, str(exc)) from None
    finally:
        _release(response)


def parse_page(op: Paginated[Any, Any], response: httpx.Response, *, secret: str) -> PageData:
    """The items and total of one page of *op*, or the typed error the response stands for."""
    schema = op.model.__name__
    try:
        items, total = page_data(op, json_object(response, secret=secret, schema=schema))
    except SchemaError as exc:
        raise invalid(response, secret, schema, str(exc)) from None
    finally:
        _release(response)
    if total < (low := _minimum_total(op)):
        raise invalid(response, secret, schema, f"{'.'.join(op.total)}: {total} is below {low}")
    return items, total


class _SyncEngine(_Engine):
    """The engine of ``VoisoClient``: requests in the calling thread, pages in daemon threads."""

    _http: httpx.Client

    def call(self, op: Operation[R], args: Mapping[str, Any], json: Any = None) -> R:
        return self._result(op, self._send(self._call_request(op, args, json)))

    def listing(
        self,
        op: Paginated[ItemT, PageT],
        query: Mapping[str, Any],
        *,
        page_size: int,
        offset: int,
        max_items: int | None,
        extra_query: ExtraQuery,
    ) -> LazyListing[ItemT, PageT]:
        spec, checked = self._listing(op, query, page_size, offset, max_items, extra_query)
        fetch: Fetch = functools.partial(self._fetch, op, checked)
        return LazyListing(spec, fetch)

    def page(
        self,
        op: Paginated[ItemT, PageT],
        query: Mapping[str, Any],
        *,
        limit: int,
        offset: int,
        extra_query: ExtraQuery,
    ) -> PageT:
        checked, limit, offset = self._page_query(op, query, limit, offset, extra_query)
        items, total = self._page_data(op, self._fetch(op, checked, offset, limit))
        return op.page(items, total, limit, offset)

    def _fetch(
        self,
        op: Paginated[Any, Any],
        query: _params.Query,
        offset: int,
        limit: int,
        extensions: Extensions | None = None,
    ) -> httpx.Response:
        """One page's answer: plain I/O (the pager paces it and parses it; its 429s reach
        the pager through *extensions*)."""
        return self._send(self._page_kwargs(op, query, offset, limit), extensions)

    def _send(self, kwargs: dict[str, Any], extensions: Extensions | None = None) -> httpx.Response:
        """One request through the client's retries."""
        try:
            return self._http.request(**kwargs, extensions=self._extensions(extensions))
        except (httpx.HTTPError, RuntimeError) as exc:
            raise self._failure(exc) from exc


class _AsyncEngine(_Engine):
    """The engine of ``AsyncVoisoClient``: the same, awaited; pages in tasks."""

    _http: httpx.AsyncClient

    async def call(self, op: Operation[R], args: Mapping[str, Any], json: Any = None) -> R:
        return self._result(op, await self._send(self._call_request(op, args, json)))

    def listing(
        self,
        op: Paginated[ItemT, PageT],
        query: Mapping[str, Any],
        *,
        page_size: int,
        offset: int,
        max_items: int | None,
        extra_query: ExtraQuery,
    ) -> AsyncLazyListing[ItemT, PageT]:
        spec, checked = self._listing(op, query, page_size, offset, max_items, extra_query)
        fetch: AsyncFetch = functools.partial(self._fetch, op, checked)
        return AsyncLazyListing(spec, fetch)

    async def page(
        self,
        op: Paginated[ItemT, PageT],
        query: Mapping[str, Any],
        *,
        limit: int,
        offset: int,
        extra_query: ExtraQuery,
    ) -> PageT:
        checked, limit, offset = self._page_query(op, query, limit, offset, extra_query)
        items, total = self._page_data(op, await self._fetch(op, checked, offset, limit))
        return op.page(items, total, limit, offset)

    async def _fetch(
        self,
        op: Paginated[Any, Any],
        query: _params.Query,
        offset: int,
        limit: int,
        extensions: Extensions | None = None,
    ) -> httpx.Response:
        return await self._send(self._page_kwargs(op, query, offset, limit), extensions)

    async def _send(
        self, kwargs: dict[str, Any], extensions: Extensions | None = None
    ) -> httpx.Response:
        try:
            return await self._http.request(**kwargs, extensions=self._extensions(extensions))
        except (httpx.HTTPError, RuntimeError) as exc:
            raise self._failure(exc) from exc


class VoisoClient(_BaseClient, Resources):
    """Client for the Voiso campaigns API.

    Args:
        api_key: A v4 API key with the ``campaigns.read`` scope, and ``campaigns.manage``
            for pause, start, stop and the users and leads writes (default:
            ``VOISO_API_KEY``).
        cluster_id: The first label of your Voiso host, ``cc`` for ``https://cc.voiso.com``
            (default: ``VOISO_CLUSTER_ID``).
        base_url: Instead of ``cluster_id``, a full base URL (default: ``VOISO_BASE_URL``);
            ``http://`` only for loopback hosts.
        timeout: Seconds one attempt may take, from sending to the last body byte; or an
            ``httpx.Timeout``, which keeps httpx's per-phase meaning (connect, read, ...).
        max_retries: Retries after a failed attempt (408, 429, 5xx, connection errors;
            a POST only when it cannot have been processed).
        max_concurrency: Pages fetched at once by ``campaigns.list()`` (1 = sequential).
        max_response_size: The most bytes of (decoded) body read from one response.
        http_client: Your own ``httpx.Client`` (proxies, TLS, limits); you keep closing it.

    Raises:
        ConfigurationError: A setting is missing or invalid.
    """

    campaigns: _leads.Campaigns  # the generated resource, plus import_leads

    def __init__(
        self,
        api_key: str | None = None,
        *,
        cluster_id: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = _config.DEFAULT_TIMEOUT,
        max_retries: int = _config.DEFAULT_MAX_RETRIES,
        max_concurrency: int = _config.DEFAULT_MAX_CONCURRENCY,
        max_response_size: int = _config.DEFAULT_MAX_RESPONSE_SIZE,
        deadline: float | None = None,
        http_client: httpx.Client | None = None,
    ) -> None:
        options = self._configure(
            api_key=api_key,
            cluster_id=cluster_id,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            max_concurrency=max_concurrency,
            max_response_size=max_response_size,
            deadline=deadline,
            http_client=http_client,
            http_client_type=httpx.Client,
        )
        self._http = httpx.Client(**options)
        self.raw.set_httpx_client(self._http)
        self._attach(_SyncEngine(self._http, self._settings, self._pacer))

    def _attach(self, core: SyncCore) -> None:
        super()._attach(core)
        self.campaigns = _leads.Campaigns(core)

    def with_options(self, *, deadline: float | None) -> Self:
        """This client with another per-call setting, sharing its connection pool.

        Args:
            deadline: Seconds each call may take, retries and waits included (None: no
                bound), e.g. ``client.with_options(deadline=2.0).campaigns.get(3)``.

        Raises:
            ConfigurationError: The setting is invalid.
        """
        return self._with(_SyncEngine, deadline)

    def close(self) -> None:
        """Release the connection pool."""
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if isinstance(exc, KeyboardInterrupt):
            # The user wants out: no waiting for other threads' attempts (close()
            # waits up to CLOSE_WAIT for them); their sockets are shut down all the same.
            for transport in self._retrying:
                transport.abort()
        self.close()


class AsyncVoisoClient(_BaseClient, AsyncResources):
    """The asyncio client; same arguments as :class:`VoisoClient`.

    ``http_client`` is an ``httpx.AsyncClient`` here.
    """

    campaigns: _leads.AsyncCampaigns  # the generated resource, plus import_leads

    def __init__(
        self,
        api_key: str | None = None,
        *,
        cluster_id: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = _config.DEFAULT_TIMEOUT,
        max_retries: int = _config.DEFAULT_MAX_RETRIES,
        max_concurrency: int = _config.DEFAULT_MAX_CONCURRENCY,
        max_response_size: int = _config.DEFAULT_MAX_RESPONSE_SIZE,
        deadline: float | None = None,
        http_client: httpx.AsyncClient | None = None,
    ) -> None:
        options = self._configure(
            api_key=api_key,
            cluster_id=cluster_id,
            base_url=base_url,
            timeout=timeout,
            max_retries=max_retries,
            max_concurrency=max_concurrency,
            max_response_size=max_response_size,
            deadline=deadline,
            http_client=http_client,
            http_client_type=httpx.AsyncClient,
        )
        _aio.warm_up()  # now: an import inside the event loop blocks it
        self._http = httpx.AsyncClient(**options)
        self.raw.set_async_httpx_client(self._http)
        self._attach(_AsyncEngine(self._http, self._settings, self._pacer))

    def _attach(self, core: AsyncCore) -> None:
        super()._attach(core)
        self.campaigns = _leads.AsyncCampaigns(core)

    def with_options(self, *, deadline: float | None) -> Self:
        """This client with another per-call setting, sharing its connection pool;
        see ``VoisoClient.with_options``."""
        return self._with(_AsyncEngine, deadline)

    async def close(self) -> None:
        """Release the connection pool."""
        await self._http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
