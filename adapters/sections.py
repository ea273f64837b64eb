"""Every settings section the server reads. The composition root hands this list to the
configuration file (its allow-list) and to the logs (the secrets they mask)."""

from __future__ import annotations

from adapters.console_web.section import ConsoleSection
from adapters.slack.config import SlackConfig
from adapters.teams.config import TeamsSettings
from bot.psa.settings import SECTIONS as PSA_SECTIONS
from bot.service.sections import Section, env_names, secret_names
from bot.service.settings import LLMSettings, Settings

SECTIONS: tuple[type[Section], ...] = (
    Settings, LLMSettings, SlackConfig, TeamsSettings, ConsoleSection, *PSA_SECTIONS)
KNOWN = env_names(SECTIONS)
SECRETS = secret_names(SECTIONS)
