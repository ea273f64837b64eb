"""Hand-off of fault reports to the MSP's PSA (ConnectWise, Autotask, HaloPSA) or to an
email-to-ticket address. `build_ticket_system(env)` picks the connector from MSPBOT_PSA."""

from bot.psa.factory import build_ticket_system
from bot.psa.types import (
    InvalidTicketData,
    NewTicket,
    Priority,
    PsaError,
    PsaPermanentError,
    PsaTemporaryError,
    RemoteTicket,
    State,
    TicketSystem,
)

__all__ = [
    "InvalidTicketData",
    "NewTicket",
    "Priority",
    "PsaError",
    "PsaPermanentError",
    "PsaTemporaryError",
    "RemoteTicket",
    "State",
    "TicketSystem",
    "build_ticket_system",
]
