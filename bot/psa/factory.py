"""Choosing the ticket system from MSPBOT_PSA."""

from __future__ import annotations

from collections.abc import Mapping

from bot.psa.settings import PSASettings
from bot.psa.types import TicketSystem


def build_ticket_system(env: Mapping[str, str]) -> TicketSystem | None:
    """The configured PSA connector, or None for the built-in ticket store.

    MSPBOT_PSA = builtin (also when unset) | connectwise | autotask | halo | email. Every
    setting of the chosen connector is validated here, so a bad one stops the bot at start
    with a SettingsError naming the variable, not at the first hand-off."""
    choice = PSASettings.from_env(env).psa
    # Each connector (and its HTTP or SMTP client) is imported only when chosen: a
    # question from the terminal on the built-in store should not pay for aiohttp.
    if choice == "builtin":
        return None
    if choice == "connectwise":
        from bot.psa.connectwise import ConnectWise, ConnectWiseConfig

        return ConnectWise(ConnectWiseConfig.from_env(env))
    if choice == "autotask":
        from bot.psa.autotask import Autotask, AutotaskConfig

        return Autotask(AutotaskConfig.from_env(env))
    if choice == "halo":
        from bot.psa.halo import Halo, HaloConfig

        return Halo(HaloConfig.from_env(env))
    if choice == "email":
        from bot.psa.email import EmailConfig, EmailTickets

        return EmailTickets(EmailConfig.from_env(env))
    raise AssertionError(choice)  # PSASettings allows only CHOICES
