"""Bot.stream through the real openai client against the fake server: Progress first,
guarded text only, and the chunks joined always equal the final reply."""

from __future__ import annotations

from bot.core.models import Action, ComposerKind, InboundMessage
from bot.core.streaming import Final, Progress, StreamEvent, Text
from bot.llm.fakeserver import FakeOpenAI, Say
from bot.service.app import App

FIX_TIME = "Why isn't my email fixed yet? It's been 4 hours."
PROMISE = "fixed within 2 hours"


async def events(app: App, text: str = FIX_TIME) -> list[StreamEvent]:
    message = InboundMessage(text=text, tenant="acme-dental", user_id="u1")
    return [event async for event in app.bot.stream(message)]


def texts(found: list[StreamEvent]) -> list[str]:
    return [e.text for e in found if isinstance(e, Text)]


def final(found: list[StreamEvent]) -> Final:
    last = found[-1]
    assert isinstance(last, Final)
    assert sum(isinstance(e, Final) for e in found) == 1
    return last


async def test_an_llm_answer_streams_progress_then_text_then_the_final_reply(
    app_fake: tuple[App, FakeOpenAI],
) -> None:
    app, fake = app_fake
    fake.enqueue(Say("Response time is when a person starts work on it [2]. The fix itself "
                     "depends on what is wrong [2]. Tell me if anyone else is affected [1]."))
    found = await events(app)
    assert isinstance(found[0], Progress) and "agreement" in found[0].text
    chunks = texts(found)
    assert len(chunks) >= 2  # released sentence by sentence, not in one piece
    assert chunks[0] == "Response time is when a person starts work on it [1]."
    reply = final(found).reply
    assert reply.composer is ComposerKind.LLM and reply.action is Action.ANSWER
    assert "".join(chunks) == reply.text
    assert reply.interaction_id is not None
    assert len(reply.citations) == 2


async def test_a_refused_answer_streams_only_the_curated_fallback(
    app_fake: tuple[App, FakeOpenAI],
) -> None:
    app, fake = app_fake
    fake.enqueue(Say(f"Relax, it will be {PROMISE} [1]. Response time is the start [2]."))
    found = await events(app)
    chunks = texts(found)
    reply = final(found).reply
    assert reply.composer is ComposerKind.CURATED_FALLBACK
    assert chunks == [reply.text]  # the fallback, released whole
    assert PROMISE not in reply.text and "Relax" not in reply.text


async def test_a_later_promise_ends_the_answer_before_it(
    app_fake: tuple[App, FakeOpenAI],
) -> None:
    app, fake = app_fake
    fake.enqueue(Say(f"Response time is when a person starts work [2]. Relax, it will be "
                     f"{PROMISE} [1]. Anything else, ask [1]."))
    found = await events(app)
    chunks = texts(found)
    reply = final(found).reply
    assert chunks == ["Response time is when a person starts work [1]."]
    assert reply.text == chunks[0]
    assert reply.composer is ComposerKind.LLM and "cut" in reply.extras["composer_note"]
    assert all(PROMISE not in chunk for chunk in chunks)


async def test_a_hand_off_comes_as_one_chunk_and_says_nobody_was_alerted(
    app_fake: tuple[App, FakeOpenAI],
) -> None:
    app, _ = app_fake
    found = await events(app, "I need to talk to a person please")
    reply = final(found).reply
    assert isinstance(found[0], Progress)
    assert reply.action is Action.ESCALATE and not reply.staff_notified
    assert texts(found) == [reply.text] and "couldn't" in reply.text


async def test_the_curated_composer_streams_one_chunk(app: App) -> None:
    found = await events(app)
    reply = final(found).reply
    assert reply.composer is ComposerKind.CURATED
    assert texts(found) == [reply.text]
