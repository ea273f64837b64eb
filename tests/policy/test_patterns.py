"""Each word family on its own: wordings it must match and look-alikes it must not.

The examples document today's behaviour of bot.policy.patterns, family by family, on
text flattened the way the intake decision flattens it (lowercase, apostrophes dropped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from bot.policy import flatten
from bot.policy import patterns as p
from bot.retrieval.text import content_words


@dataclass(frozen=True)
class Family:
    matches: tuple[str, ...]
    misses: tuple[str, ...]


FAMILIES: dict[str, Family] = {
    # The whole business has stopped, now.
    "OUTAGE": Family(
        matches=(
            "nobody in the office can log in",
            "The whole office is down!!",
            "our server has crashed",
            "every PC in the building went black at once",
            "internet is offline for the entire team",
            "card machines are declining everything",
            "we can't take card payments",
            "12 of us are sitting here doing nothing",
            "we're turning patients away at the desk",
            "the internet and phones are both dead",
            "Nothing is working",
            "email has been down since 8am",
            "we cant see any patients this morning",
        ),
        misses=(
            "half the office can't log in",
            "some of the team can't log in",
            "my laptop won't start",
            "no one can explain why the printer jams",
            "the printer in the back room is offline",
            "is everything backed up every night?",
            "one of the tills is a bit slow",
            "nobody seems to know what software we own",
        ),
    ),
    # Ransomware, hacking, phishing, stolen devices, fraud, lost data.
    "SECURITY": Family(
        matches=(
            "a ransom note popped up on the reception pc",
            "all our files have been renamed to .locked",
            "I think we've been hacked",
            "I clicked a link in a dodgy email",
            "I typed my password into a fake Microsoft page",
            "someone logged into my mailbox from Russia",
            "my work laptop was stolen from the car",
            "customers got invoices from us that we never sent",
            "the supplier says their bank details have changed",
            "our website is showing casino adverts",
            "the shared drive is empty",
            "I keep getting approval prompts and I'm not doing anything",
        ),
        misses=(
            "how do I make a strong password?",
            "the virus scan finished without finding anything",
            "we lost the wifi password",
            "I left my charger at home",
            "how do I spot a phishing email?",
            "please send me the link to the holiday form again",
            "what antivirus do you use?",
            "we feel you have breached our agreement",
        ),
    ),
    # Asking about an emergency that has not happened: "what if", "would this count".
    "HYPOTHETICAL": Family(
        matches=(
            "what if we get ransomware",
            "what happens if the internet goes down?",
            "in case the server dies, who do we call?",
            "if we ever got hacked what should we do first",
            "does a broken printer count as an emergency",
            "how do I reach someone after hours",
            "I nearly clicked a dodgy link",
            "can you guarantee a four hour fix?",
            "If the whole office is offline, is that urgent enough?",
        ),
        misses=(
            "we got ransomware",
            "we have been hacked",
            "our internet is down",
            "someone clicked a link",
            "the server died this morning",
            "I clicked the link in that email",
            "what is the wifi password",
            "gift cards for the team",
        ),
    ),
    # Looking back at something that is over.
    "PAST": Family(
        matches=(
            "the server was down yesterday",
            "last week the internet dropped out",
            "the other day my email stopped",
            "earlier this week nobody could log in",
            "the phones were dead for an hour",
            "we nearly lost a day of work",
        ),
        misses=(
            "the server is down",
            "the internet keeps dropping",
            "we need a lasting fix",
            "this week has been slow",
            "we are out of toner",
            "the phones are dead",
            "is it the last day for the offer?",
        ),
    ),
    # Asking for a person rather than the bot.
    "HUMAN": Family(
        matches=(
            "can I speak to a real person",
            "please call me on 07700 900123",
            "give me a ring when you can",
            "could someone phone the office",
            "I want a human",
            "not a bot please",
            "put me through to the engineer",
            "I need a real person to look at this",
            "escalate this",
        ),
        misses=(
            "the tech did call me back yesterday",
            "is this a bot?",
            "how do i chat with the team in teams",
            "can the server talk to the backup box",
            "what number do I ring for support",
            "please update my phone",
            "the person who set up the router has left",
        ),
    ),
    # Asking for an explanation, at the start of the message.
    "EXPLANATORY": Family(
        matches=(
            "why do I have to change my password",
            "how come the server is so slow",
            "what's the point of MFA",
            "explain the four hour response",
            "how long does a new laptop take",
            "is there a way to skip the queue",
            "when do you come onsite",
            "do we need to buy new laptops",
            "Why??? the printer again",
        ),
        misses=(
            "please explain",
            "the reason why is unclear",
            "how do I reset my password",
            "when can you come",
            "do i have admin rights",
            "what happened to my email",
            "i need to know why the server is down",
        ),
    ),
    # Work only staff can do: ticket look-ups, resets, starters and leavers, installs, access.
    "STAFF_ONLY": Family(
        matches=(
            "what's the status of my ticket",
            "any update on ticket 20931",
            "please reset my password",
            "I'm locked out of my account",
            "we have a new starter on monday",
            "could you install Adobe Reader on the front desk PC",
            "give Maria access to the accounts folder",
            "John has left the company",
            "can you set up a mailbox for sales",
            "ref #40211",
            "#40211 any news?",
        ),
        misses=(
            "how often should passwords change",
            "what is the status page address",
            "do i need a new laptop",
            "we have 3 new starters this year",
            "i want to understand the invoice",
            "who can fix a broken heart",
            "the ticket system is great",
            "we need a bigger office",
        ),
    ),
    # Plainly not IT service: jokes, poems, weather, sport, trivia, money tips.
    "OFF_TOPIC": Family(
        matches=(
            "write me a poem about printers",
            "tell me a joke",
            "whats a good lasagne recipe",
            "is it going to rain tomorrow",
            "who won the match last night",
            "what is the capital of France",
            "give me a stock tip",
            "draft a cover letter for me",
            "should I buy bitcoin",
            "that joke was terrible",
        ),
        misses=(
            "the printer story is getting old",
            "can you write the new starters email signature",
            "we need a weatherproof cabinet",
            "the stock of spare laptops",
            "the capital expenditure on servers",
            "our cryptographic keys",
            "the forecasting software crashed",
        ),
    ),
    # Personal and leisure: gaming, the family's gadgets, gifts, home entertainment.
    "PERSONAL": Family(
        matches=(
            "best graphics card for my gaming rig",
            "can my son play Fortnite on this",
            "what tablet should I get for my daughter",
            "who invented the laptop",
            "my wife wants a new laptop",
            "is netflix down",
            "I'm selling my old iPad",
            "christmas present ideas",
        ),
        misses=(
            "our game plan for the migration",
            "the laptop for my new colleague",
            "the tv in reception is off",
            "my wife's laptop is for work",
            "we are gaming the system",
            "stream the board meeting",
        ),
    ),
    # Saying outright that it is not about work.
    "NOT_WORK": Family(
        matches=(
            "this is nothing to do with work",
            "not about work, but",
            "it's not for work",
            "not related to work",
            "not work related",
            "not work-related",
        ),
        misses=(
            "the printer does not work",
            "not working",
            "nothing to do with the network",
            "it's not my work laptop",
            "does it relate to work?",
            "work related question",
        ),
    ),
    # IT service vocabulary.
    "DOMAIN": Family(
        matches=(
            "my laptop",
            "outlook keeps crashing",
            "the wifi is slow",
            "ring the helpdesk",
            "our invoice",
            "your team",
            "a phishing email",
        ),
        misses=(
            "what is the tallest mountain in africa",
            "tell me a joke",
            "a good lasagne recipe",
            "draft a cover letter",
            "my son wants a guitar",
            "my vacation plans",
            "where is the nearest pub",
        ),
    ),
    # Everyday words that lean towards IT service.
    "WEAK_DOMAIN": Family(
        matches=(
            "can you help",
            "this is urgent",
            "its slow",
            "the problem is back",
            "need a fix",
            "over the weekend",
            "after hours",
        ),
        misses=(
            "that was helpful",
            "the slowest runner",
            "downtown traffic",
            "a problematic colleague",
            "my contacts",
            "importantly",
            "we urgently need milk",
        ),
    ),
    # Incident-like wording that is not an incident.
    "NOT_AN_INCIDENT": Family(
        matches=(
            "your whole team",
            "your engineers",
            "we are locking the laptops down",
            "things slow right down in august",
            "we are cutting costs down",
            "the sla was breached",
            "our targets were breached",
        ),
        misses=(
            "our whole team cant work",
            "I'm locked out",
            "a slow computer",
            "someone breached our network",
            "the server is down",
            "the lockdown policy",
            "you, the team",
        ),
    ),
    # Asking whether something is covered by the agreement or costs extra.
    "ASKS_COVERAGE": Family(
        matches=(
            "is that included",
            "will we be billed",
            "is it billable",
            "do you charge for that",
            "is this covered",
            "what does it cost",
            "is it part of the contract",
        ),
        misses=(
            "what's the costing",
            "we discovered a virus",
            "the uncovered cable",
            "the billing system is slow",
            "part of the team",
            "including the printers",
        ),
    ),
    # Asking why.
    "ASKS_WHY": Family(
        matches=(
            "why",
            "how come",
            "Why is it slow?",
            "but why",
            "and how come nobody told us",
            "why???",
        ),
        misses=(
            "whyte street office",
            "anyhow come in",
            "who set this up",
            "what is this",
            "how comes the next part",
            "somehow",
        ),
    ),
    # The client's work or workplace.
    "WORK_CONTEXT": Family(
        matches=(
            "for work",
            "at the office",
            "our printer",
            "a company laptop",
            "the practice",
            "staff laptops",
        ),
        misses=(
            "homework",
            "networking",
            "my laptop at home",
            "your printer",
            "it works",
            "the staffing agency",
        ),
    ),
}


def _cases(kind: str) -> list[tuple[str, str]]:
    return [(name, text) for name, family in FAMILIES.items()
            for text in getattr(family, kind)]


def _family(name: str) -> re.Pattern[str]:
    family = getattr(p, name)
    assert isinstance(family, re.Pattern)
    return family


@pytest.mark.parametrize(("name", "text"), _cases("matches"))
def test_family_matches(name: str, text: str) -> None:
    assert _family(name).search(flatten(text)), f"{name} should match {text!r}"


@pytest.mark.parametrize(("name", "text"), _cases("misses"))
def test_family_misses_look_alikes(name: str, text: str) -> None:
    found = _family(name).search(flatten(text))
    assert found is None, f"{name} matched {found and found.group()!r} in {text!r}"


# GENERIC is a word list: a message made only of these words says nothing specific.
@pytest.mark.parametrize("text", [
    "help!! urgent please",
    "something is wrong with my computer",
    "hi is anyone there",
    "sorry to bother you again",
    "same problem as before",
    "it's broken",
    "quick question",
])
def test_generic_words_say_nothing_specific(text: str) -> None:
    assert [w for w in content_words(flatten(text)) if w not in p.GENERIC] == []


@pytest.mark.parametrize(("text", "specific"), [
    ("printer broken", ["printer"]),
    ("outlook help", ["outlook"]),
    ("laptop screen", ["screen"]),
    ("vpn issue", ["vpn"]),
    ("wifi down", ["wifi"]),
    ("help with the invoice", ["invoice"]),
])
def test_a_specific_word_is_not_generic(text: str, specific: list[str]) -> None:
    assert [w for w in content_words(flatten(text)) if w not in p.GENERIC] == specific


def test_every_family_is_covered() -> None:
    public = {name for name in dir(p) if name.isupper() and not name.startswith("_")}
    assert public == {*FAMILIES, "GENERIC"}


@pytest.mark.parametrize("name", FAMILIES)
def test_each_family_has_enough_examples(name: str) -> None:
    assert len(FAMILIES[name].matches) >= 6
    assert len(FAMILIES[name].misses) >= 6
