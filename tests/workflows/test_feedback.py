"""Votes: only someone of the answer's organisation may rate it, on every platform."""

from __future__ import annotations

from tests.workflows.platforms import Platform


async def test_a_vote_from_outside_the_answers_organisation_is_refused(
    platform: Platform,
) -> None:
    await platform.say("Why isn't my ticket fixed in 4 hours?")
    await platform.settle()
    [answer] = await platform.app.store.interactions.rows()
    refused = await platform.vote(answer.id, outsider=True)
    assert "couldn't" in refused and "Thanks" not in refused
    assert await platform.app.store.interactions.votes(answer.id) == {}
    accepted = await platform.vote(answer.id, outsider=False)  # the client themself
    assert "Thanks" in accepted
    assert list((await platform.app.store.interactions.votes(answer.id)).values()) == ["helpful"]
