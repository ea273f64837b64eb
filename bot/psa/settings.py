"""The PSA sections of the settings: which connector, and each connector's variables.

The connectors' `from_env` (connectwise.py, autotask.py, halo.py, email.py) parse these
values with the vendor-specific checks in `config.py`; the sections declare the names,
so that the configuration file accepts them and the logs mask the secret ones.
tests/psa/test_settings.py checks that the names read and the names declared agree.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field, SecretStr
from pydantic_settings import SettingsConfigDict

from bot.service.sections import HoldsPassword, Section, Text, choice

CHOICES = ("builtin", "connectwise", "autotask", "halo", "email")


class PSASettings(Section):
    model_config = SettingsConfigDict(env_prefix="MSPBOT_PSA_")

    psa: Annotated[str, BeforeValidator(choice(*CHOICES))] = Field(
        default="builtin", validation_alias="MSPBOT_PSA")
    # the outbox worker's pacing (config.OutboxConfig parses these)
    reply_wait_s: Text = None
    retry_min_s: Text = None
    retry_max_s: Text = None
    lease_s: Text = None
    poll_s: Text = None
    batch: Text = None
    timeout_s: Text = Field(
        default=None, validation_alias="MSPBOT_PSA_TIMEOUT_S")  # config.timeout_s


class ConnectWiseSettings(Section):
    model_config = SettingsConfigDict(env_prefix="MSPBOT_CW_")

    url: Text = None
    company: Text = None
    public_key: Text = None
    private_key: SecretStr | None = None
    client_id: Text = None
    board: Text = None
    priority_names: Text = None
    status_map: Text = None


class AutotaskSettings(Section):
    model_config = SettingsConfigDict(env_prefix="MSPBOT_AUTOTASK_")

    username: Text = None
    secret: SecretStr | None = None
    integration_code: SecretStr | None = None
    queue_id: Text = None
    zone_url: Text = None
    discovery_url: Text = None
    new_status_id: Text = None
    complete_status_id: Text = None
    priority_ids: Text = None
    note_type_id: Text = None
    status_map: Text = None


class HaloSettings(Section):
    model_config = SettingsConfigDict(env_prefix="MSPBOT_HALO_")

    url: Text = None
    auth_url: Text = None
    client_id: Text = None
    client_secret: SecretStr | None = None
    tenant: Text = None
    ticket_type_id: Text = None
    priority_ids: Text = None
    closed_status_ids: Text = None
    note_outcome_id: Text = None
    status_map: Text = None


class EmailSettings(Section):
    model_config = SettingsConfigDict(env_prefix="MSPBOT_")

    smtp_url: Annotated[Text, HoldsPassword] = None
    ticket_email_to: Text = None
    ticket_email_from: Text = None


SECTIONS: tuple[type[Section], ...] = (
    PSASettings, ConnectWiseSettings, AutotaskSettings, HaloSettings, EmailSettings)
