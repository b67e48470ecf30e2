from http import HTTPStatus
from typing import Any, TypedDict

import httpx

from ...client import AuthenticatedClient, Client
from ...models.campaign_list import CampaignList
from ...models.campaign_status import CampaignStatus
from ...models.campaign_strategy import CampaignStrategy
from ...models.error import Error
from ...models.validation_errors import ValidationErrors
from ...types import UNSET, Response, Unset


def _url_kwargs(
    *,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    name: str | Unset = UNSET,
    status: CampaignStatus | Unset = UNSET,
    strategy: CampaignStrategy | Unset = UNSET,
    method: str | Unset = UNSET,
    live: bool | Unset = UNSET,
) -> dict[str, Any]:
    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    params["name"] = name

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status.value

    params["status"] = json_status

    json_strategy: str | Unset = UNSET
    if not isinstance(strategy, Unset):
        json_strategy = strategy.value

    params["strategy"] = json_strategy

    params["method"] = method

    params["live"] = live

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v4/campaigns",
        "params": params,
    }
    return _kwargs


def _get_kwargs(
    *,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    name: str | Unset = UNSET,
    status: CampaignStatus | Unset = UNSET,
    strategy: CampaignStrategy | Unset = UNSET,
    method: str | Unset = UNSET,
    live: bool | Unset = UNSET,
) -> dict[str, Any]:

    _kwargs = _url_kwargs(
        limit=limit,
        offset=offset,
        name=name,
        status=status,
        strategy=strategy,
        method=method,
        live=live,
    )

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CampaignList | Error | ValidationErrors:
    if response.status_code == 200:
        response_200 = CampaignList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Error.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 422:
        response_422 = ValidationErrors.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Error.from_dict(response.json())

        return response_429

    response_default = Error.from_dict(response.json())

    return response_default


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CampaignList | Error | ValidationErrors]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    name: str | Unset = UNSET,
    status: CampaignStatus | Unset = UNSET,
    strategy: CampaignStrategy | Unset = UNSET,
    method: str | Unset = UNSET,
    live: bool | Unset = UNSET,
) -> Response[CampaignList | Error | ValidationErrors]:
    """Get list of campaigns

     Returns a paginated list of all dialer campaigns: an array of campaign
    objects plus `metadata.total`, the number of campaigns matching the
    request. The number returned in one response is the array's length.
    All query parameters are optional.

    Requires an API key with the `campaigns.read` scope.

    Args:
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        name (str | Unset):
        status (CampaignStatus | Unset): A campaign status. The vendor says the values "include"
            these, so a response may carry a value not listed here; response fields therefore accept
            any string (see `Campaign.status`).
        strategy (CampaignStrategy | Unset): A dialing strategy. Open on the response side like
            `CampaignStatus`.
        method (str | Unset):
        live (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CampaignList | Error | ValidationErrors]
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        name=name,
        status=status,
        strategy=strategy,
        method=method,
        live=live,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    name: str | Unset = UNSET,
    status: CampaignStatus | Unset = UNSET,
    strategy: CampaignStrategy | Unset = UNSET,
    method: str | Unset = UNSET,
    live: bool | Unset = UNSET,
) -> CampaignList | Error | ValidationErrors | None:
    """Get list of campaigns

     Returns a paginated list of all dialer campaigns: an array of campaign
    objects plus `metadata.total`, the number of campaigns matching the
    request. The number returned in one response is the array's length.
    All query parameters are optional.

    Requires an API key with the `campaigns.read` scope.

    Args:
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        name (str | Unset):
        status (CampaignStatus | Unset): A campaign status. The vendor says the values "include"
            these, so a response may carry a value not listed here; response fields therefore accept
            any string (see `Campaign.status`).
        strategy (CampaignStrategy | Unset): A dialing strategy. Open on the response side like
            `CampaignStatus`.
        method (str | Unset):
        live (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CampaignList | Error | ValidationErrors
    """

    return sync_detailed(
        client=client,
        limit=limit,
        offset=offset,
        name=name,
        status=status,
        strategy=strategy,
        method=method,
        live=live,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    name: str | Unset = UNSET,
    status: CampaignStatus | Unset = UNSET,
    strategy: CampaignStrategy | Unset = UNSET,
    method: str | Unset = UNSET,
    live: bool | Unset = UNSET,
) -> Response[CampaignList | Error | ValidationErrors]:
    """Get list of campaigns

     Returns a paginated list of all dialer campaigns: an array of campaign
    objects plus `metadata.total`, the number of campaigns matching the
    request. The number returned in one response is the array's length.
    All query parameters are optional.

    Requires an API key with the `campaigns.read` scope.

    Args:
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        name (str | Unset):
        status (CampaignStatus | Unset): A campaign status. The vendor says the values "include"
            these, so a response may carry a value not listed here; response fields therefore accept
            any string (see `Campaign.status`).
        strategy (CampaignStrategy | Unset): A dialing strategy. Open on the response side like
            `CampaignStatus`.
        method (str | Unset):
        live (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CampaignList | Error | ValidationErrors]
    """

    kwargs = _get_kwargs(
        limit=limit,
        offset=offset,
        name=name,
        status=status,
        strategy=strategy,
        method=method,
        live=live,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
    name: str | Unset = UNSET,
    status: CampaignStatus | Unset = UNSET,
    strategy: CampaignStrategy | Unset = UNSET,
    method: str | Unset = UNSET,
    live: bool | Unset = UNSET,
) -> CampaignList | Error | ValidationErrors | None:
    """Get list of campaigns

     Returns a paginated list of all dialer campaigns: an array of campaign
    objects plus `metadata.total`, the number of campaigns matching the
    request. The number returned in one response is the array's length.
    All query parameters are optional.

    Requires an API key with the `campaigns.read` scope.

    Args:
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.
        name (str | Unset):
        status (CampaignStatus | Unset): A campaign status. The vendor says the values "include"
            these, so a response may carry a value not listed here; response fields therefore accept
            any string (see `Campaign.status`).
        strategy (CampaignStrategy | Unset): A dialing strategy. Open on the response side like
            `CampaignStatus`.
        method (str | Unset):
        live (bool | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CampaignList | Error | ValidationErrors
    """

    return (
        await asyncio_detailed(
            client=client,
            limit=limit,
            offset=offset,
            name=name,
            status=status,
            strategy=strategy,
            method=method,
            live=live,
        )
    ).parsed


#: Each path parameter's Python keyword -> its name in the path template.
PATH_NAMES: dict[str, str] = {}

#: Each query parameter's Python keyword -> its name in the query string.
QUERY_NAMES: dict[str, str] = {
    "limit": "limit",
    "offset": "offset",
    "name": "name",
    "status": "status",
    "strategy": "strategy",
    "method": "method",
    "live": "live",
}


class ListCampaignsFilters(TypedDict, total=False):
    """The query parameters of `list_campaigns` other than `limit`/`offset`.

    Keyword arguments of the wrapper's methods: an enum parameter also takes
    its value as a `str`, and `None` means the parameter is not sent.
    """

    name: str | None
    status: CampaignStatus | str | None
    strategy: CampaignStrategy | str | None
    method: str | None
    live: bool | None
