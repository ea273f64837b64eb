"""Emergencies: staff are paged first, then the client is told only what happened."""

from __future__ import annotations

import pytest

from tests.workflows.platforms import Platform

EMERGENCY = "ransomware on all our computers, we're locked out"


async def test_an_emergency_pages_staff_before_replying(platform: Platform) -> None:
    await platform.say(EMERGENCY)
    await platform.settle()
    posts = platform.posts()
    assert [p.where for p in posts] == ["staff", "client"]
    assert "ransomware" in posts[0].text
    assert "I've alerted" in posts[1].text and "emergency" in posts[1].text


@pytest.mark.parametrize("staff_reachable", [True, False])
async def test_the_reply_says_staff_were_alerted_only_when_they_were(
    platform: Platform, staff_reachable: bool,
) -> None:
    if not staff_reachable:
        platform.fail_staff_channel()
    await platform.say(EMERGENCY)
    await platform.settle()
    [reply] = [p.text for p in platform.posts() if p.where == "client"]
    assert ("I've alerted" in reply) is staff_reachable
    assert ("couldn't alert anyone" in reply) is not staff_reachable
    assert "call" in reply  # how to reach a person either way
    [ticket] = await platform.app.store.tickets.find(tenant=platform.client_tenant)
    assert bool(ticket.staff_notified) is staff_reachable
