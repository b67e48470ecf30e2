from http import HTTPStatus
from typing import Any, TypedDict
from urllib.parse import quote

import httpx

from ...client import AuthenticatedClient, Client
from ...models.error import Error
from ...models.lead import Lead
from ...models.leads_import_envelope import LeadsImportEnvelope
from ...models.validation_errors import ValidationErrors
from ...types import Response


def _url_kwargs(
    campaign_id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v4/campaigns/{campaign_id}/leads".format(
            campaign_id=quote(str(campaign_id), safe=""),
        ),
    }
    return _kwargs


def _get_kwargs(
    campaign_id: int,
    *,
    body: list[Lead],
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs = _url_kwargs(
        campaign_id,
    )

    _kwargs["json"] = []
    for body_item_data in body:
        body_item = body_item_data.to_dict()
        _kwargs["json"].append(body_item)

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Error | LeadsImportEnvelope | ValidationErrors:
    if response.status_code == 200:
        response_200 = LeadsImportEnvelope.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Error.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Error.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Error.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Error.from_dict(response.json())

        return response_409

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
) -> Response[Error | LeadsImportEnvelope | ValidationErrors]:
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
    body: list[Lead],
) -> Response[Error | LeadsImportEnvelope | ValidationErrors]:
    """Add leads to a campaign

     Adds leads to a Dialer campaign: a JSON array of at most 1000 lead
    objects. Answers three lists of the request's phone numbers:
    `created`, `rejected` (not valid phone numbers) and `duplicates`
    (numbers the campaign already holds, or repeated in the request).

    The vendor's guide: do not send several leads requests to one
    campaign at once; wait at least 2 seconds after one completes before
    sending the next, since a request that arrives while the previous
    import is still processing is rejected (the vendor documents no
    status for it; 409 is expected). Sending a lead again is harmless to
    the campaign (it comes back under `duplicates`), but this is a POST:
    a client never resends it on its own once it may have been processed.

    Requires an API key with the `campaigns.manage` scope.

    Args:
        campaign_id (int):
        body (list[Lead]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LeadsImportEnvelope | ValidationErrors]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    campaign_id: int,
    *,
    client: AuthenticatedClient,
    body: list[Lead],
) -> Error | LeadsImportEnvelope | ValidationErrors | None:
    """Add leads to a campaign

     Adds leads to a Dialer campaign: a JSON array of at most 1000 lead
    objects. Answers three lists of the request's phone numbers:
    `created`, `rejected` (not valid phone numbers) and `duplicates`
    (numbers the campaign already holds, or repeated in the request).

    The vendor's guide: do not send several leads requests to one
    campaign at once; wait at least 2 seconds after one completes before
    sending the next, since a request that arrives while the previous
    import is still processing is rejected (the vendor documents no
    status for it; 409 is expected). Sending a lead again is harmless to
    the campaign (it comes back under `duplicates`), but this is a POST:
    a client never resends it on its own once it may have been processed.

    Requires an API key with the `campaigns.manage` scope.

    Args:
        campaign_id (int):
        body (list[Lead]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LeadsImportEnvelope | ValidationErrors
    """

    return sync_detailed(
        campaign_id=campaign_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    campaign_id: int,
    *,
    client: AuthenticatedClient,
    body: list[Lead],
) -> Response[Error | LeadsImportEnvelope | ValidationErrors]:
    """Add leads to a campaign

     Adds leads to a Dialer campaign: a JSON array of at most 1000 lead
    objects. Answers three lists of the request's phone numbers:
    `created`, `rejected` (not valid phone numbers) and `duplicates`
    (numbers the campaign already holds, or repeated in the request).

    The vendor's guide: do not send several leads requests to one
    campaign at once; wait at least 2 seconds after one completes before
    sending the next, since a request that arrives while the previous
    import is still processing is rejected (the vendor documents no
    status for it; 409 is expected). Sending a lead again is harmless to
    the campaign (it comes back under `duplicates`), but this is a POST:
    a client never resends it on its own once it may have been processed.

    Requires an API key with the `campaigns.manage` scope.

    Args:
        campaign_id (int):
        body (list[Lead]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Error | LeadsImportEnvelope | ValidationErrors]
    """

    kwargs = _get_kwargs(
        campaign_id=campaign_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    campaign_id: int,
    *,
    client: AuthenticatedClient,
    body: list[Lead],
) -> Error | LeadsImportEnvelope | ValidationErrors | None:
    """Add leads to a campaign

     Adds leads to a Dialer campaign: a JSON array of at most 1000 lead
    objects. Answers three lists of the request's phone numbers:
    `created`, `rejected` (not valid phone numbers) and `duplicates`
    (numbers the campaign already holds, or repeated in the request).

    The vendor's guide: do not send several leads requests to one
    campaign at once; wait at least 2 seconds after one completes before
    sending the next, since a request that arrives while the previous
    import is still processing is rejected (the vendor documents no
    status for it; 409 is expected). Sending a lead again is harmless to
    the campaign (it comes back under `duplicates`), but this is a POST:
    a client never resends it on its own once it may have been processed.

    Requires an API key with the `campaigns.manage` scope.

    Args:
        campaign_id (int):
        body (list[Lead]):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Error | LeadsImportEnvelope | ValidationErrors
    """

    return (
        await asyncio_detailed(
            campaign_id=campaign_id,
            client=client,
            body=body,
        )
    ).parsed


#: Each path parameter's Python keyword -> its name in the path template.
PATH_NAMES: dict[str, str] = {
    "campaign_id": "campaign_id",
}

#: Each query parameter's Python keyword -> its name in the query string.
QUERY_NAMES: dict[str, str] = {}


class AddCampaignLeadsFilters(TypedDict, total=False):
    """The query parameters of `add_campaign_leads` other than `limit`/`offset`.

    Keyword arguments of the wrapper's methods: an enum parameter also takes
    its value as a `str`, and `None` means the parameter is not sent.
    """

    pass
