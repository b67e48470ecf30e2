from http import HTTPStatus
from typing import Any, TypedDict
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.user_list import UserList
from ...models.validation_errors import ValidationErrors
from ...types import UNSET, Response, Unset


def _url_kwargs(
    campaign_id: int,
    *,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
) -> dict[str, Any]:
    params: dict[str, Any] = {}

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v4/campaigns/{campaign_id}/users".format(
            campaign_id=quote(str(campaign_id), safe=""),
        ),
        "params": params,
    }
    return _kwargs


def _get_kwargs(
    campaign_id: int,
    *,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
) -> dict[str, Any]:

    _kwargs = _url_kwargs(
        campaign_id,
        limit=limit,
        offset=offset,
    )

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | UserList | ValidationErrors:
    if response.status_code == 200:
        response_200 = UserList.from_dict(response.json())

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

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

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
) -> Response[Error | UserList | ValidationErrors]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    campaign_id: int,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
) -> Response[Error | UserList | ValidationErrors]:
    """Get a campaign's users

     Returns a paginated list of the users (agents) assigned to a Dialer
    campaign, with `metadata.total`, like the campaigns list. A user's
    `id` is an integer or a string (the vendor's example shows a UUID
    string, while adding and removing take integers): both are parsed.

    Requires an API key with the `campaigns.read` scope.

    Args:
        campaign_id (int):
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UserList | ValidationErrors]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        limit=limit,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    campaign_id: int,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
) -> Error | UserList | ValidationErrors | None:
    """Get a campaign's users

     Returns a paginated list of the users (agents) assigned to a Dialer
    campaign, with `metadata.total`, like the campaigns list. A user's
    `id` is an integer or a string (the vendor's example shows a UUID
    string, while adding and removing take integers): both are parsed.

    Requires an API key with the `campaigns.read` scope.

    Args:
        campaign_id (int):
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UserList | ValidationErrors
    """

    return sync_detailed(
        campaign_id=campaign_id,
        client=client,
        limit=limit,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    campaign_id: int,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
) -> Response[Error | UserList | ValidationErrors]:
    """Get a campaign's users

     Returns a paginated list of the users (agents) assigned to a Dialer
    campaign, with `metadata.total`, like the campaigns list. A user's
    `id` is an integer or a string (the vendor's example shows a UUID
    string, while adding and removing take integers): both are parsed.

    Requires an API key with the `campaigns.read` scope.

    Args:
        campaign_id (int):
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | UserList | ValidationErrors]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    campaign_id: int,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 100,
    offset: int | Unset = 0,
) -> Error | UserList | ValidationErrors | None:
    """Get a campaign's users

     Returns a paginated list of the users (agents) assigned to a Dialer
    campaign, with `metadata.total`, like the campaigns list. A user's
    `id` is an integer or a string (the vendor's example shows a UUID
    string, while adding and removing take integers): both are parsed.

    Requires an API key with the `campaigns.read` scope.

    Args:
        campaign_id (int):
        limit (int | Unset):  Default: 100.
        offset (int | Unset):  Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | UserList | ValidationErrors
    """

    return (
        await asyncio_detailed(
            campaign_id=campaign_id,
            client=client,
            limit=limit,
            offset=offset,
        )
    ).parsed


#: Each path parameter's Python keyword -> its name in the path template.
PATH_NAMES: dict[str, str] = {
    "campaign_id": "campaign_id",
}

#: Each query parameter's Python keyword -> its name in the query string.
QUERY_NAMES: dict[str, str] = {
    "limit": "limit",
    "offset": "offset",
}


class ListCampaignUsersFilters(TypedDict, total=False):
    """The query parameters of `list_campaign_users` other than `limit`/`offset`.

    Keyword arguments of the wrapper's methods: an enum parameter also takes
    its value as a `str`, and `None` means the parameter is not sent.
    """

    pass
