"""Authentication wiring: our settings -> the Agents SDK's configuration objects.

Inbound: the SDK validates the Bot Framework JWT on every request whenever an app id is
configured (`AgentAuthConfiguration.ANONYMOUS_ALLOWED` stays False); only the explicit
local development mode allows anonymous requests.

Outbound: replies need a Bot Framework access token. The SDK gets it from a token
provider chosen by its connection manager; in production that is MSAL (client secret),
and `token_provider_factory` lets a caller supply another `AccessTokenProviderBase`
(the SDK's own seam: `ConnectionManager(provider_factory=...)`).
"""

from __future__ import annotations

from collections.abc import Callable

from microsoft_agents.authentication.msal import MsalAuth
from microsoft_agents.hosting.core import (
    AccessTokenProviderBase,
    AgentAuthConfiguration,
    ConnectionManager,
    OutboundHostValidator,
)
from microsoft_agents.hosting.core.authorization import AuthTypes

from adapters.teams.config import TeamsSettings
from bot.service.sections import reveal

SERVICE_CONNECTION = "SERVICE_CONNECTION"  # the SDK's name for the default connection
TokenProviderFactory = Callable[[AgentAuthConfiguration], AccessTokenProviderBase]


def auth_configuration(settings: TeamsSettings) -> AgentAuthConfiguration:
    if settings.app_id:
        return AgentAuthConfiguration(
            auth_type=AuthTypes.client_secret,
            client_id=settings.app_id,
            client_secret=reveal(settings.app_password),
            tenant_id=settings.app_tenant_id,
            connection_name=SERVICE_CONNECTION,
            anonymous_allowed=False,
        )
    if not settings.dev_anonymous:
        raise ValueError("Teams needs MICROSOFT_APP_ID, or MSPBOT_TEAMS_DEV_ANONYMOUS=true")
    return AgentAuthConfiguration(connection_name=SERVICE_CONNECTION, anonymous_allowed=True)


def connections(
    config: AgentAuthConfiguration, token_provider_factory: TokenProviderFactory | None = None
) -> ConnectionManager:
    """The SDK's connection manager; it also links `config` into JWT audience matching."""
    return ConnectionManager(
        provider_factory=token_provider_factory or MsalAuth,
        connections_configurations={SERVICE_CONNECTION: config},
    )


def host_validator(settings: TeamsSettings) -> OutboundHostValidator:
    """With real credentials, only Microsoft's https service URLs are accepted as
    `serviceUrl` (the bot sends its access token there). The SDK leaves this off by default."""
    return OutboundHostValidator(enabled=settings.app_id is not None)
