"""Action decisions on the bundled knowledge, with wordings written for these tests."""

from __future__ import annotations

import pytest

from bot.core.models import Action
from bot.data.resources import bundled_knowledge
from bot.knowledge.entries import load_directory
from bot.policy import OFF_TOPIC_CONFIDENCE, decide
from bot.policy.intent_model import IntentGuess
from bot.retrieval import KnowledgeIndex


@pytest.fixture(scope="module")
def index() -> KnowledgeIndex:
    return KnowledgeIndex(load_directory(bundled_knowledge()))


def action_for(index: KnowledgeIndex, text: str) -> tuple[Action, str]:
    decision = decide(text, index.search(text, None))
    return decision.action, decision.reason


@pytest.mark.parametrize("text", [
    "the entire clinic is offline and no one can open patient records",
    "URGENT our server has crashed and everything is down",
    "a message popped up saying our documents are encrypted and we must pay in bitcoin",
    "i think i clicked a dodgy link and typed my office password in",
    "card terminals at reception are declining everything, cant take payments",
    "Somebody signed into my mailbox from another country an hour ago",
    "someone stole my work laptop from the car",
])
def test_emergencies_escalate(index: KnowledgeIndex, text: str) -> None:
    assert action_for(index, text) == (Action.ESCALATE, "emergency")


@pytest.mark.parametrize("text", [
    "what would count as an emergency for you?",
    "what should we do if we ever get hit by ransomware?",
])
def test_questions_about_emergencies_are_answered(index: KnowledgeIndex, text: str) -> None:
    assert action_for(index, text)[0] is Action.ANSWER


@pytest.mark.parametrize(("text", "reason"), [
    ("can I speak with a real human please", "human"),
    ("could somebody phone me this afternoon", "human"),
    ("what's happening with ticket 20931?", "staff-only"),
    ("please reset the password for my account", "staff-only"),
    ("we have a new hire starting monday, can you set up her email", "staff-only"),
    ("could you install adobe reader on the front desk pc", "staff-only"),
    ("I need access to the finance shared drive", "staff-only"),
])
def test_people_and_staff_work_escalate(index: KnowledgeIndex, text: str, reason: str) -> None:
    assert action_for(index, text) == (Action.ESCALATE, reason)


@pytest.mark.parametrize("text", [
    "why do I have to change my password so often?",
    "why can't I install apps on my own laptop?",
])
def test_why_questions_about_policy_are_answered(index: KnowledgeIndex, text: str) -> None:
    assert action_for(index, text)[0] is Action.ANSWER


@pytest.mark.parametrize("text", [
    "write me a limerick about cats",
    "who won the match last night",
    "what's a good lasagne recipe",
    "what is the tallest mountain in africa",
])
def test_off_topic_declines(index: KnowledgeIndex, text: str) -> None:
    assert action_for(index, text)[0] is Action.DECLINE


@pytest.mark.parametrize("text", ["help!!", "???", "hey", "it's not working", "problem", "hmm"])
def test_vague_messages_get_a_question_back(index: KnowledgeIndex, text: str) -> None:
    assert action_for(index, text)[0] is Action.CLARIFY


@pytest.mark.parametrize(("text", "topic"), [
    ("You said 4 hours and it's still broken a day later, what gives?", "response-vs-resolution"),
    ("why can't IT just be like the electricity company?", "not-the-cable-company"),
    ("why was there a charge on our invoice for the office move?", "whats-included"),
    ("is anyone around on a sunday if the email breaks?", "after-hours"),
])
def test_expectation_questions_are_answered_on_topic(
    index: KnowledgeIndex, text: str, topic: str
) -> None:
    found = index.search(text, None)
    assert decide(text, found).action is Action.ANSWER
    assert found.top is not None and found.top.topics[0] == topic


@pytest.mark.parametrize("text", [
    "if we locked down every laptop, would the random problems stop?",
    "does your entire team go away in august? it was dead here all month",
    "things always slow down around year end, is that your staffing?",
    "so no one can really tell me what software is on our pcs?",
])
def test_outage_like_wording_that_is_not_an_outage_is_answered(
    index: KnowledgeIndex, text: str
) -> None:
    assert action_for(index, text)[0] is Action.ANSWER


@pytest.mark.parametrize("text", [
    "if the server ever dies, how fast can I get a real person on the phone?",
    "could someone come out on a weekend if we needed them to?",
])
def test_conditional_requests_are_questions(index: KnowledgeIndex, text: str) -> None:
    assert action_for(index, text)[0] is Action.ANSWER


@pytest.mark.parametrize("text", [
    "can somebody come and fix the label printer at reception today",
    "could you set Mrs. Okafor up in the billing system please",
    "our new paralegal is starting monday and will need a laptop",
])
def test_work_requests_in_other_words_escalate(index: KnowledgeIndex, text: str) -> None:
    assert action_for(index, text) == (Action.ESCALATE, "staff-only")


@pytest.mark.parametrize("text", [
    "best graphics card for my gaming rig?",
    "what tablet should I get for my daughter's birthday",
    "who invented the laptop",
])
def test_personal_gadget_questions_decline(index: KnowledgeIndex, text: str) -> None:
    assert action_for(index, text)[0] is Action.DECLINE


def test_gadget_trouble_at_work_is_not_personal(index: KnowledgeIndex) -> None:
    text = "my son installed a game on my work laptop, is that why it's so slow now?"
    assert action_for(index, text)[0] is Action.ANSWER


@pytest.mark.parametrize("text", ["the issue from yesterday", "sorry to bother you", "got a sec?",
                                  "same as last week"])
def test_time_words_alone_are_still_vague(index: KnowledgeIndex, text: str) -> None:
    assert action_for(index, text)[0] is Action.CLARIFY


def test_gaming_as_a_figure_of_speech_is_not_personal(index: KnowledgeIndex) -> None:
    text = "a tech saying 'on it' and then nothing feels like gaming your response figures"
    assert action_for(index, text)[0] is Action.ANSWER


def test_a_sure_question_verdict_outweighs_missing_it_words(index: KnowledgeIndex) -> None:
    text = "that thing keeps nagging me every night, can I just ignore it"
    found = index.search(text, None)
    assert found.top is not None and found.confidence < OFF_TOPIC_CONFIDENCE  # the premise
    assert decide(text, found, IntentGuess("question", 0.2)).action is Action.DECLINE
    assert decide(text, found, IntentGuess("question", 1.5)).action is Action.ANSWER


@pytest.mark.parametrize("text", [
    "would a single card reader failing count as an emergency for you?",
    "is setting up a laptop for a new starter covered, or billed on top?",
    "why must passwords be 16 characters now? no one can remember them",
    "the SLA was breached on our last ticket, what does the contract actually time?",
    "shared logins on the reception pcs were easier, why did that change?",
    "the accounting package goes down a couple of times a year, is that normal?",
    "how will I know what's happening with my request? do you send updates?",
    "the new rules are slowing the whole office down, is all this security needed?",
    "do i need a new laptop if the screen is cracked, or can you repair it?",
])
def test_questions_that_borrow_incident_or_request_words_are_answered(
    index: KnowledgeIndex, text: str
) -> None:
    assert action_for(index, text)[0] is Action.ANSWER


@pytest.mark.parametrize(("text", "reason"), [
    ("the whole client folder is just gone from the shared drive", "emergency"),
    ("internet and phones are both dead at the clinic", "emergency"),
    ("please have a real person take over, I'd rather not type this", "human"),
])
def test_more_ways_to_say_it_escalate(index: KnowledgeIndex, text: str, reason: str) -> None:
    assert action_for(index, text) == (Action.ESCALATE, reason)


@pytest.mark.parametrize("text", [
    "which tablet should I buy my wife? nothing to do with work",
    "can you look at the thing",
])
def test_said_to_be_personal_or_too_vague(index: KnowledgeIndex, text: str) -> None:
    assert action_for(index, text)[0] in (Action.DECLINE, Action.CLARIFY)
