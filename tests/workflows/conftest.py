"""`platform`: each workflow test runs once through Slack and once through Teams, on the
harnesses (fakes and fixtures) of tests/slack and tests/teams."""

from __future__ import annotations

from typing import Any

import pytest

from tests.slack.conftest import fake, harness
from tests.teams.conftest import (
    clean_teams_env,
    connector,
    dev_settings,
    fresh_token_requests,
    start_teams,
)
from tests.workflows.platforms import Platform, SlackPlatform, TeamsPlatform

__all__ = ["clean_teams_env", "connector", "fake", "fresh_token_requests", "harness",
           "platform", "start_teams"]


@pytest.fixture(params=["slack", "teams"])
def running(request: pytest.FixtureRequest) -> tuple[str, Any]:
    """The platform's own harness (only the one this run needs is started)."""
    name = str(request.param)
    return name, request.getfixturevalue("harness" if name == "slack" else "start_teams")


@pytest.fixture
async def platform(running: tuple[str, Any]) -> Platform:
    name, harness_or_start = running
    if name == "slack":
        return SlackPlatform(harness_or_start)
    # a short turn budget: an answer held up (a database outage) goes out proactively
    # after 1 s instead of 5, the same path
    return await TeamsPlatform.start(await harness_or_start(dev_settings(reply_budget_s=1.0)))
