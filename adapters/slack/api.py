"""The Slack Web API client, with slack-sdk's async retry handlers used safely.

Rate limits (429) are always retried after Retry-After: Slack did not process the call.
A 5xx or a dropped connection after the request was sent is ambiguous (the message may
have been posted), so those are retried only for calls that are safe to repeat; a post
is retried after a connection error only when the connection was never made.
"""

from __future__ import annotations

import logging

from aiohttp import ClientConnectorError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.config import SlackConfig

# Calls whose repetition would show the client something twice.
NOT_IDEMPOTENT = frozenset({
    "chat.postMessage", "chat.postEphemeral", "chat.scheduleMessage", "files.upload",
    "files.completeUploadExternal",
})


def api_method(request: HttpRequest) -> str:
    return request.url.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0]


class SafeServerErrorRetryHandler(AsyncServerErrorRetryHandler):
    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if api_method(request) in NOT_IDEMPOTENT:
            return False
        return await super()._can_retry_async(
            state=state, request=request, response=response, error=error
        )


class SafeConnectionErrorRetryHandler(AsyncConnectionErrorRetryHandler):
    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if api_method(request) in NOT_IDEMPOTENT:
            return isinstance(error, ClientConnectorError)  # never reached Slack
        return await super()._can_retry_async(
            state=state, request=request, response=response, error=error
        )


def retry_handlers() -> list[AsyncRetryHandler]:
    return [
        AsyncRateLimitErrorRetryHandler(max_retry_count=3),
        SafeServerErrorRetryHandler(max_retry_count=2),
        SafeConnectionErrorRetryHandler(max_retry_count=2),
    ]


def web_client(config: SlackConfig) -> AsyncWebClient:
    return AsyncWebClient(
        token=config.bot_token.get_secret_value(),
        base_url=config.api_url,
        timeout=15,
        retry_handlers=retry_handlers(),
        logger=logging.getLogger("adapters.slack.api"),
    )
