"""VoisoClient and AsyncVoisoClient.

Both build one httpx client (base URL, bearer auth, headers, timeout, no
redirects, the retry transport) and hand it to the generated
``AuthenticatedClient`` (``client.raw``), so the two share one connection
pool, auth and retries. Everything that is not I/O (settings, argument
checks, paging decisions, error mapping) lives in functions both call.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Generator, Mapping
from types import TracebackType
from typing import Any, Generic, Self, TypeVar, Unpack

import httpx

from . import _config, _params, _transport
from ._error_mapping import connection_error
from ._generated import (
    LIST_DEFAULTS,
    AuthenticatedClient,
    Campaign,
    ListCampaignsFilters,
    get_request_kwargs,
    parse_campaign,
    parse_campaign_list,
    request_kwargs,
)
from ._pagination import AsyncCampaignListing, CampaignListing, CampaignPage, PageData, _PagePlan
from ._retry import RetryTransport
from ._version import version
from .errors import ClientClosedError, ConfigurationError


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
    """Sends through a caller's own httpx client (its proxies, TLS, limits, hooks).

    The answer comes back unread (``stream=True``): the retry transport reads
    and decodes its body within the attempt, bounded like any other. The caller
    keeps ownership: closing the Voiso client does not close theirs.
    """

    def __init__(self, client: httpx.Client | httpx.AsyncClient) -> None:
        self._client = client

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(self._client, httpx.Client)
        return self._client.send(request, auth=None, follow_redirects=False, stream=True)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(self._client, httpx.AsyncClient)
        return await self._client.send(request, auth=None, follow_redirects=False, stream=True)

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
        _transport.http_transport if sync else _transport.async_http_transport
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
    raw: AuthenticatedClient

    def _configure(
        self,
        *,
        http_client: object,
        http_client_type: type[httpx.Client | httpx.AsyncClient],
        **settings: Any,
    ) -> dict[str, Any]:
        """Validate the settings; the keyword arguments of the httpx client to build."""
        self._settings = _config.resolve(**settings)
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
        return {**_http_options(self._settings), "transport": transport, "mounts": mounts}

    @property
    def base_url(self) -> str:
        """The API's base URL, e.g. ``https://cc.voiso.com``."""
        return str(self._settings.base_url).rstrip("/")

    def __repr__(self) -> str:
        return f"{type(self).__name__}(base_url={self.base_url!r}, api_key=<redacted>)"


ListingT = TypeVar("ListingT", CampaignListing, AsyncCampaignListing)


class _CampaignsBase(Generic[ListingT]):
    """What the sync and async resources share: argument checks, request and parse."""

    def __init__(self, http: Any, settings: _config.Settings) -> None:
        self._http = http
        self._settings = settings

    def list(
        self,
        *,
        page_size: int = LIST_DEFAULTS["limit"],
        offset: int = LIST_DEFAULTS["offset"],
        max_items: int | None = None,
        extra_query: Mapping[str, str | int | bool] | None = None,
        **filters: Unpack[ListCampaignsFilters],
    ) -> ListingT:
        """Every campaign matching the filters, across all pages, fetched lazily.

        Args:
            page_size: Campaigns per request, within the spec's bounds of ``limit``.
            offset: Campaigns to skip before the first one yielded.
            max_items: Stop after this many campaigns (None: all).
            extra_query: Query parameters the API has gained before this
                package's spec has, sent as they are (str, int or bool values);
                it cannot set a parameter the spec knows.
            **filters: The spec's other query parameters, by their Python
                names (``ListCampaignsFilters``), e.g. ``name="Summer"``
                (a partial match), ``status="active"`` (an enum member or its
                value), ``live=True``. None means not sent.

        Returns:
            A lazy iterable of ``Campaign`` (an async iterable for the async
            client); ``.pages()`` iterates ``CampaignPage`` objects instead.

        Raises:
            TypeError, ValueError: An argument is invalid (nothing is sent).
            APIStatusError, APIConnectionError, ResponseValidationError: while iterating.
        """
        params = _params.list_parameters()
        query = params.query("list", filters, extra_query)
        page_size = params.limit("page_size", page_size)
        offset = params.offset(offset)
        if max_items is not None:
            max_items = _params.check_int("max_items", max_items, 0)
        concurrency = self._settings.max_concurrency

        def new_plan() -> _PagePlan:
            return _PagePlan(
                offset=offset, page_size=page_size, max_items=max_items, concurrency=concurrency
            )

        shown = {
            **{k: getattr(v, "value", v) for k, v in query.filters.items()},
            "page_size": page_size,
            "offset": offset,
            "max_items": max_items,
            **({"extra_query": query.extra} if query.extra else {}),
        }
        return self._listing(new_plan, query, ", ".join(f"{k}={v!r}" for k, v in shown.items()))

    def _listing(
        self, new_plan: Callable[[], _PagePlan], query: _params.Query, shown: str
    ) -> ListingT:
        raise NotImplementedError  # each client's own: sync or async fetching

    @staticmethod
    def _page_query(
        limit: object,
        offset: object,
        extra: Mapping[str, object] | None,
        filters: Mapping[str, object],
    ) -> tuple[_params.Query, int, int]:
        params = _params.list_parameters()
        return (
            params.query("list_page", filters, extra),
            params.limit("limit", limit),
            params.offset(offset),
        )

    def _failure(self, exc: Exception) -> Exception:
        """What a failed send raises: the client was closed, or the connection failed."""
        if self._http.is_closed:
            return ClientClosedError("the client is closed: make a new one")
        if isinstance(exc, httpx.HTTPError):
            return connection_error(exc)
        return exc

    @staticmethod
    def _get_request(campaign_id: object) -> dict[str, Any]:
        checked = _params.get_parameters().check("campaign_id", campaign_id)
        return get_request_kwargs(checked)

    def _parsed(self, response: httpx.Response) -> PageData:
        try:
            return parse_campaign_list(response, secret=self._settings.api_key)
        finally:
            _release(response)

    def _parsed_campaign(self, response: httpx.Response) -> Campaign:
        try:
            return parse_campaign(response, secret=self._settings.api_key)
        finally:
            _release(response)


class Campaigns(_CampaignsBase[CampaignListing]):
    """``client.campaigns``: ``GET /api/v4/campaigns`` (``list``, ``list_page``) and
    ``GET /api/v4/campaigns/{campaign_id}`` (``get``)."""

    _http: httpx.Client

    def _listing(
        self, new_plan: Callable[[], _PagePlan], query: _params.Query, shown: str
    ) -> CampaignListing:
        return CampaignListing(new_plan, functools.partial(self._fetch, query), self._parsed, shown)

    def list_page(
        self,
        *,
        limit: int = LIST_DEFAULTS["limit"],
        offset: int = LIST_DEFAULTS["offset"],
        extra_query: Mapping[str, str | int | bool] | None = None,
        **filters: Unpack[ListCampaignsFilters],
    ) -> CampaignPage:
        """One request: the page at *offset* of at most *limit* campaigns.

        The filters and ``extra_query`` are those of ``list()``.

        Raises:
            TypeError, ValueError: An argument is invalid (nothing is sent).
            APIStatusError, APIConnectionError, ResponseValidationError: the request failed.
        """
        query, limit, offset = self._page_query(limit, offset, extra_query, filters)
        campaigns, total = self._parsed(self._fetch(query, offset, limit))
        return CampaignPage(campaigns=campaigns, total=total, limit=limit, offset=offset)

    def get(self, campaign_id: int) -> Campaign:
        """One campaign by id: ``GET /api/v4/campaigns/{campaign_id}``.

        Args:
            campaign_id: The campaign's id, an int within the spec's bounds (1 or more).

        Raises:
            TypeError, ValueError: The id is invalid (nothing is sent).
            NotFoundError: No such campaign, or not accessible to this key.
            APIStatusError, APIConnectionError, ResponseValidationError: the request failed.
        """
        return self._parsed_campaign(self._send(self._get_request(campaign_id)))

    def _fetch(self, query: _params.Query, offset: int, limit: int) -> httpx.Response:
        """One page's answer: plain I/O (the pager paces it, hears of its 429s, parses it)."""
        return self._send(request_kwargs(query.request(offset, limit), query.extra))

    def _send(self, kwargs: dict[str, Any]) -> httpx.Response:
        """One request through the client's retries."""
        try:
            return self._http.request(**kwargs)
        except (httpx.HTTPError, RuntimeError) as exc:
            raise self._failure(exc) from exc


class AsyncCampaigns(_CampaignsBase[AsyncCampaignListing]):
    """``client.campaigns`` of the async client; ``list()`` gives an async iterable."""

    _http: httpx.AsyncClient

    def _listing(
        self, new_plan: Callable[[], _PagePlan], query: _params.Query, shown: str
    ) -> AsyncCampaignListing:
        return AsyncCampaignListing(
            new_plan, functools.partial(self._fetch, query), self._parsed, shown
        )

    async def list_page(
        self,
        *,
        limit: int = LIST_DEFAULTS["limit"],
        offset: int = LIST_DEFAULTS["offset"],
        extra_query: Mapping[str, str | int | bool] | None = None,
        **filters: Unpack[ListCampaignsFilters],
    ) -> CampaignPage:
        """One request; see ``Campaigns.list_page``."""
        query, limit, offset = self._page_query(limit, offset, extra_query, filters)
        campaigns, total = self._parsed(await self._fetch(query, offset, limit))
        return CampaignPage(campaigns=campaigns, total=total, limit=limit, offset=offset)

    async def get(self, campaign_id: int) -> Campaign:
        """One campaign by id; see ``Campaigns.get``."""
        return self._parsed_campaign(await self._send(self._get_request(campaign_id)))

    async def _fetch(self, query: _params.Query, offset: int, limit: int) -> httpx.Response:
        """One page's answer: plain I/O (the pager paces it, hears of its 429s, parses it)."""
        return await self._send(request_kwargs(query.request(offset, limit), query.extra))

    async def _send(self, kwargs: dict[str, Any]) -> httpx.Response:
        """One request through the client's retries."""
        try:
            return await self._http.request(**kwargs)
        except (httpx.HTTPError, RuntimeError) as exc:
            raise self._failure(exc) from exc


class VoisoClient(_BaseClient):
    """Client for the Voiso campaigns API.

    Args:
        api_key: A v4 API key with the ``campaigns.read`` scope (default: ``VOISO_API_KEY``).
        cluster_id: The first label of your Voiso host, ``cc`` for ``https://cc.voiso.com``
            (default: ``VOISO_CLUSTER_ID``).
        base_url: Instead of ``cluster_id``, a full base URL (default: ``VOISO_BASE_URL``);
            ``http://`` only for loopback hosts.
        timeout: Seconds one attempt may take, from sending to the last body byte; or an
            ``httpx.Timeout``, which keeps httpx's per-phase meaning (connect, read, ...).
        max_retries: Retries after a failed attempt (408, 429, 5xx, connection errors).
        max_concurrency: Pages fetched at once by ``campaigns.list()`` (1 = sequential).
        max_response_size: The most bytes of (decoded) body read from one response.
        http_client: Your own ``httpx.Client`` (proxies, TLS, limits); you keep closing it.

    Raises:
        ConfigurationError: A setting is missing or invalid.
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        cluster_id: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = 30.0,
        max_retries: int = 3,
        max_concurrency: int = 4,
        max_response_size: int = _config.DEFAULT_MAX_RESPONSE_SIZE,
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
            http_client=http_client,
            http_client_type=httpx.Client,
        )
        self._http = httpx.Client(**options)
        self.raw.set_httpx_client(self._http)
        self.campaigns = Campaigns(self._http, self._settings)

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
        self.close()


class AsyncVoisoClient(_BaseClient):
    """The asyncio client; same arguments as :class:`VoisoClient`.

    ``http_client`` is an ``httpx.AsyncClient`` here.
    """

    def __init__(
        self,
        api_key: str | None = None,
        *,
        cluster_id: str | None = None,
        base_url: str | None = None,
        timeout: float | httpx.Timeout = 30.0,
        max_retries: int = 3,
        max_concurrency: int = 4,
        max_response_size: int = _config.DEFAULT_MAX_RESPONSE_SIZE,
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
            http_client=http_client,
            http_client_type=httpx.AsyncClient,
        )
        self._http = httpx.AsyncClient(**options)
        self.raw.set_async_httpx_client(self._http)
        self.campaigns = AsyncCampaigns(self._http, self._settings)

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
