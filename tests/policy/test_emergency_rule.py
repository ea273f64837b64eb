"""The emergency rule as a whole (bot.policy.is_emergency), on look-alikes that once
paged staff for everyday requests and on incidents that once slipped through because a
greeting, a denial, a comma or a date switched the security and outage checks off."""

from __future__ import annotations

import pytest

from bot.policy import flatten, is_emergency

EVERYDAY = (
    'can you remote into my laptop to fix outlook',
    'i cant log in from my laptop',
    'my screen locked up again when I opened excel',
    'they put me on hold for an hour',
    'the engineer arrived and I let him in',
    "i'll tell them the latest on the ticket",
    "I haven't sent the signed contract back yet",
    'can i open .docx files on my ipad',
    'we were hit with a huge invoice this month',
    'how do I set my out of office, I dont know how',
    'I called you from my mobile, it went to voicemail',
    'we want to buy gift cards for the staff christmas party',
    'i clicked approve on the leave request',
    'we changed banks, how do I update xero',
)

INCIDENTS = (
    "can you help, we've been hacked",
    "how do we stop this, we've been hacked",
    'what is going on, all our files are encrypted',
    "hi it's me from reception, we've been hacked",
    "we've got a ransom note on every screen, I didn't click anything",
    'the antivirus didnt install and now all our files are encrypted',
    'our clients got invoices from us that we never sent',
    'a client has been sent a dodgy invoice from our email account',
    "we got a new server last year and now it's crashed, nobody can work",
    'as far as we know the whole office is down',
    'so what now, the server has crashed and nobody can work',
    'can your guy come out, the whole office is down',
    'the whole office is down and this is an emergency',
    'our files are encrypted and it is an emergency',
    "we've lost the internet",
)


@pytest.mark.parametrize("text", EVERYDAY)
def test_everyday_wording_pages_nobody(text: str) -> None:
    assert not is_emergency(flatten(text))


@pytest.mark.parametrize("text", INCIDENTS)
def test_incidents_are_emergencies(text: str) -> None:
    assert is_emergency(flatten(text))
