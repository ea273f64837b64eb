"""MSPBOT_PSA_* outbox settings: defaults, and every bad value named."""

from __future__ import annotations

import pytest

from bot.psa.config import OutboxConfig
from bot.service.settings import SettingsError


def test_defaults() -> None:
    assert OutboxConfig.from_env({}) == OutboxConfig(
        reply_wait_s=1.0, retry_min_s=1.0, retry_max_s=300.0, lease_s=120.0, poll_s=5.0,
        batch=10)


@pytest.mark.parametrize(("env", "message"), [
    ({"MSPBOT_PSA_REPLY_WAIT_S": "soon"}, "MSPBOT_PSA_REPLY_WAIT_S must be a number"),
    ({"MSPBOT_PSA_RETRY_MAX_S": "0"}, "MSPBOT_PSA_RETRY_MAX_S must be a positive"),
    ({"MSPBOT_PSA_BATCH": "-3"}, "MSPBOT_PSA_BATCH must be positive"),
    ({"MSPBOT_PSA_RETRY_MIN_S": "10", "MSPBOT_PSA_RETRY_MAX_S": "5"},
     "MSPBOT_PSA_RETRY_MIN_S must not exceed MSPBOT_PSA_RETRY_MAX_S"),
    ({"MSPBOT_PSA_LEASE_S": "15", "MSPBOT_PSA_TIMEOUT_S": "10"},
     "MSPBOT_PSA_LEASE_S must be more than twice MSPBOT_PSA_TIMEOUT_S"),
])
def test_bad_values_are_refused_by_name(env: dict[str, str], message: str) -> None:
    with pytest.raises(SettingsError, match=message):
        OutboxConfig.from_env(env)
