"""Connector settings: every missing or invalid variable gives a SettingsError naming it."""

from __future__ import annotations

import pytest

from bot.psa import build_ticket_system
from bot.psa.autotask import Autotask, AutotaskConfig
from bot.psa.connectwise import ConnectWise, ConnectWiseConfig
from bot.psa.email import EmailConfig, EmailTickets
from bot.psa.halo import Halo, HaloConfig
from bot.psa.types import Priority, State, TicketSystem
from bot.service.settings import SettingsError

CW = {
    "MSPBOT_PSA": "connectwise",
    "MSPBOT_CW_URL": "https://api-na.myconnectwise.net/v4_6_release/apis/3.0",
    "MSPBOT_CW_COMPANY": "acme",
    "MSPBOT_CW_PUBLIC_KEY": "pub",
    "MSPBOT_CW_PRIVATE_KEY": "priv",
    "MSPBOT_CW_CLIENT_ID": "0f3b6a8e-6c1d-4b5e-9e8b-2d7c1f0a9b11",
    "MSPBOT_CW_BOARD": "Help Desk",
}
AUTOTASK = {
    "MSPBOT_PSA": "autotask",
    "MSPBOT_AUTOTASK_USERNAME": "api@acme.example",
    "MSPBOT_AUTOTASK_SECRET": "s3cr3t",
    "MSPBOT_AUTOTASK_INTEGRATION_CODE": "CODE",
    "MSPBOT_AUTOTASK_QUEUE_ID": "29682833",
}
HALO = {
    "MSPBOT_PSA": "halo",
    "MSPBOT_HALO_URL": "https://acme.halopsa.com/api",
    "MSPBOT_HALO_CLIENT_ID": "cid",
    "MSPBOT_HALO_CLIENT_SECRET": "secret",
}
EMAIL = {
    "MSPBOT_PSA": "email",
    "MSPBOT_SMTP_URL": "smtp://relay.example:587?starttls=on",
    "MSPBOT_TICKET_EMAIL_TO": "help@psa.example",
    "MSPBOT_TICKET_EMAIL_FROM": "mspbot@msp.example",
}
ALL = {"connectwise": CW, "autotask": AUTOTASK, "halo": HALO, "email": EMAIL}


def expect_error(env: dict[str, str], variable: str) -> None:
    with pytest.raises(SettingsError) as err:
        build_ticket_system(env)
    assert variable in str(err.value)


@pytest.mark.parametrize(("base", "variable"), [
    (env, name) for env in ALL.values() for name in env if name != "MSPBOT_PSA"
])
def test_each_required_variable_is_named_when_missing(base: dict[str, str],
                                                      variable: str) -> None:
    expect_error({k: v for k, v in base.items() if k != variable}, variable)


@pytest.mark.parametrize(("base", "variable", "value"), [
    (CW, "MSPBOT_CW_URL", "api-na.myconnectwise.net/apis/3.0"),
    (CW, "MSPBOT_CW_URL", "https://api-na.myconnectwise.net/v4_6_release/apis/2.0"),
    (CW, "MSPBOT_CW_PRIORITY_NAMES", "P9=Priority 9"),
    (CW, "MSPBOT_CW_PRIORITY_NAMES", "P1"),
    (CW, "MSPBOT_CW_PRIORITY_NAMES", "P1=Priority 3 - Normal Response"),  # P1 == P3
    (CW, "MSPBOT_CW_STATUS_MAP", "Waiting on Client=asleep"),
    (CW, "MSPBOT_PSA_TIMEOUT_S", "soon"),
    (CW, "MSPBOT_PSA_TIMEOUT_S", "-1"),
    (AUTOTASK, "MSPBOT_AUTOTASK_QUEUE_ID", "support"),
    (AUTOTASK, "MSPBOT_AUTOTASK_QUEUE_ID", "0"),
    (AUTOTASK, "MSPBOT_AUTOTASK_ZONE_URL", "https://webservices5.autotask.net/"),
    (AUTOTASK, "MSPBOT_AUTOTASK_DISCOVERY_URL", "ftp://webservices.autotask.net"),
    (AUTOTASK, "MSPBOT_AUTOTASK_PRIORITY_IDS", "P1=critical"),
    (AUTOTASK, "MSPBOT_AUTOTASK_NEW_STATUS_ID", "new"),
    (AUTOTASK, "MSPBOT_AUTOTASK_COMPLETE_STATUS_ID", "-5"),
    (AUTOTASK, "MSPBOT_AUTOTASK_NOTE_TYPE_ID", "1.5"),
    (AUTOTASK, "MSPBOT_AUTOTASK_STATUS_MAP", "Complete"),
    (HALO, "MSPBOT_HALO_URL", "acme.halopsa.com"),
    (HALO, "MSPBOT_HALO_AUTH_URL", "https://acme.halopsa.com/auth?x=1"),
    (HALO, "MSPBOT_HALO_TICKET_TYPE_ID", "incident"),
    (HALO, "MSPBOT_HALO_PRIORITY_IDS", "P1=1,P2=1"),
    (HALO, "MSPBOT_HALO_CLOSED_STATUS_IDS", "9,closed"),
    (HALO, "MSPBOT_HALO_NOTE_OUTCOME_ID", "note"),
    (HALO, "MSPBOT_HALO_STATUS_MAP", "With User=waiting"),
    (EMAIL, "MSPBOT_SMTP_URL", "http://relay.example"),
    (EMAIL, "MSPBOT_SMTP_URL", "smtp://:25"),
    (EMAIL, "MSPBOT_SMTP_URL", "smtp://relay.example:99999"),
    (EMAIL, "MSPBOT_SMTP_URL", "smtp://relay.example?starttls=maybe"),
    (EMAIL, "MSPBOT_SMTP_URL", "smtps://relay.example?starttls=on"),
    (EMAIL, "MSPBOT_SMTP_URL", "smtp://relay.example?tls=on"),
    (EMAIL, "MSPBOT_SMTP_URL", "smtp://user@relay.example"),
    (EMAIL, "MSPBOT_TICKET_EMAIL_TO", "help desk"),
    (EMAIL, "MSPBOT_TICKET_EMAIL_FROM", "Bot <mspbot@msp.example>"),
    (EMAIL, "MSPBOT_TICKET_EMAIL_FROM", "mspbot@"),
])
def test_each_invalid_value_is_named(base: dict[str, str], variable: str, value: str) -> None:
    expect_error({**base, variable: value}, variable)


def test_unknown_psa_is_named() -> None:
    expect_error({"MSPBOT_PSA": "servicenow"}, "MSPBOT_PSA")


@pytest.mark.parametrize("env", [{}, {"MSPBOT_PSA": "builtin"}, {"MSPBOT_PSA": " Builtin "}])
def test_builtin_or_unset_means_the_built_in_store(env: dict[str, str]) -> None:
    assert build_ticket_system(env) is None


@pytest.mark.parametrize(("name", "kind"), [
    ("connectwise", ConnectWise), ("autotask", Autotask), ("halo", Halo),
    ("email", EmailTickets)])
async def test_each_choice_builds_its_connector(name: str, kind: type) -> None:
    system = build_ticket_system(ALL[name])
    assert isinstance(system, kind) and system.name == name
    assert isinstance(system, TicketSystem)  # mypy checks the signatures in factory.py
    await system.close()


def test_connectwise_values() -> None:
    cfg = ConnectWiseConfig.from_env({**CW, "MSPBOT_CW_URL": CW["MSPBOT_CW_URL"] + "/",
                                      "MSPBOT_CW_PRIORITY_NAMES": "P1=P1 - Down; p4=Whenever",
                                      "MSPBOT_CW_STATUS_MAP": "Scheduled=in_progress"})
    assert cfg.url == CW["MSPBOT_CW_URL"]
    assert cfg.board == "Help Desk"
    assert cfg.priority_names[Priority.P1] == "P1 - Down"
    assert cfg.priority_names[Priority.P2] == "Priority 2 - Quick Response"
    assert cfg.priority_names[Priority.P4] == "Whenever"
    assert cfg.status_overrides == {"scheduled": State.IN_PROGRESS}
    assert cfg.timeout_s == 10.0
    assert "priv" not in repr(cfg) and CW["MSPBOT_CW_CLIENT_ID"] not in repr(cfg)


def test_autotask_values() -> None:
    cfg = AutotaskConfig.from_env({
        **AUTOTASK, "MSPBOT_AUTOTASK_ZONE_URL": "https://webservices5.autotask.net/ATServicesRest/V1.0/",
        "MSPBOT_AUTOTASK_PRIORITY_IDS": "P1=4,P4=3", "MSPBOT_PSA_TIMEOUT_S": "3.5"})
    assert cfg.zone_url == "https://webservices5.autotask.net/ATServicesRest"
    assert cfg.discovery_url == "https://webservices.autotask.net"
    assert cfg.queue_id == 29682833 and cfg.complete_status_id == 5
    assert cfg.priority_ids == {Priority.P1: 4, Priority.P2: 1, Priority.P3: 2, Priority.P4: 3}
    assert cfg.timeout_s == 3.5
    assert "s3cr3t" not in repr(cfg) and "CODE" not in repr(cfg)


def test_halo_values() -> None:
    cfg = HaloConfig.from_env({**HALO, "MSPBOT_HALO_TENANT": "acme",
                               "MSPBOT_HALO_CLOSED_STATUS_IDS": "9, 10",
                               "MSPBOT_HALO_TICKET_TYPE_ID": "3"})
    assert cfg.url == "https://acme.halopsa.com"
    assert cfg.token_url == "https://acme.halopsa.com/auth/token"
    assert cfg.tenant == "acme" and cfg.ticket_type_id == 3
    assert cfg.closed_status_ids == frozenset({9, 10})
    hosted = HaloConfig.from_env({**HALO, "MSPBOT_HALO_AUTH_URL": "https://auth.example/auth/"})
    assert hosted.token_url == "https://auth.example/auth/token"
    assert "secret" not in repr(cfg)


def test_email_values() -> None:
    cfg = EmailConfig.from_env({**EMAIL, "MSPBOT_SMTP_URL":
                                "smtps://bot%40msp.example:p%3Ass@mail.example"})
    assert (cfg.host, cfg.port, cfg.use_tls, cfg.start_tls) == ("mail.example", 465, True, None)
    assert (cfg.username, cfg.password) == ("bot@msp.example", "p:ss")
    assert "p:ss" not in repr(cfg)
    plain = EmailConfig.from_env({**EMAIL, "MSPBOT_SMTP_URL": "smtp://relay.example"})
    assert (plain.port, plain.use_tls, plain.start_tls) == (25, False, None)
    off = EmailConfig.from_env({**EMAIL, "MSPBOT_SMTP_URL": "smtp://relay:2525?starttls=off"})
    assert (off.port, off.start_tls) == (2525, False)
    assert off.domain == "msp.example"


class Recording(dict[str, str]):
    """An environment that notes every name the code looks up."""

    def __init__(self, values: dict[str, str]) -> None:
        super().__init__(values)
        self.read: set[str] = set()

    def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
        self.read.add(key)
        return super().get(key, default)

    def __getitem__(self, key: str) -> str:
        self.read.add(key)
        return super().__getitem__(key)


def test_the_psa_sections_declare_exactly_the_names_the_connectors_read() -> None:
    from bot.psa.settings import SECTIONS

    declared = set().union(*(section.env_names() for section in SECTIONS))
    read: set[str] = set()
    for env in ALL.values():
        recording = Recording(env)
        assert build_ticket_system(recording) is not None
        read |= recording.read
    assert read == declared
