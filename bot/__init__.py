"""mspbot: answers MSP clients' expectation questions from a curated knowledge base."""

from bot.core import Bot
from bot.models import Action, Button, Citation, InboundMessage, Reply, Role

__all__ = ["Action", "Bot", "Button", "Citation", "InboundMessage", "Reply", "Role"]
