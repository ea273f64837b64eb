"""The console in a real browser: sign in, edit an entry and see it in "Try it", revert,
turn a gap into an alternate question, and the refusals (no session, forged CSRF)."""

from __future__ import annotations

from typing import Any

from bot.core.models import InboundMessage
from tests.console.conftest import Served, shot, sign_in

ENTRY = "what-managed-means"
QUESTION = "What does MSP stand for?"  # one of the entry's own questions
NEW_SENTENCE = "Console edit marker: managed means we watch, patch and answer."
GAP = "quarterly tune-up visits, are those a thing"  # declined by the bundled knowledge


async def _try(page: Any, served: Served, text: str, client: str = "acme-dental") -> str:
    await page.goto(f"{served.url}/console/try")
    await page.select_option("#client", client)
    await page.fill("#text", text)
    await page.click("#ask")
    await page.wait_for_selector("#decision", timeout=120_000)  # waits for a rebuild
    return str(await page.inner_text("#result"))


async def test_edit_shows_in_try_it_then_revert_restores(page: Any, served: Served) -> None:
    await sign_in(page, served)
    await shot(page, "knowledge")
    before = await _try(page, served, QUESTION)
    assert "answer" in before and NEW_SENTENCE not in before
    await shot(page, "try-it")

    await page.goto(f"{served.url}/console/knowledge/{ENTRY}")
    body = await page.input_value("#body")
    await page.fill("#body", f"{NEW_SENTENCE}\n\n{body}")
    await page.fill("#change", "clearer opening")
    # the live preview shows the new text for the chosen client and for an unknown sender
    await page.wait_for_function(
        "s => document.querySelectorAll('[data-preview]').length === 2 && "
        "[...document.querySelectorAll('[data-preview]')].every(e => e.textContent.includes(s))",
        arg=NEW_SENTENCE)
    await shot(page, "entry-editor")
    await page.click("#save")
    await page.wait_for_selector("text=Saved (v2)")

    after = await _try(page, served, QUESTION)
    assert NEW_SENTENCE in after  # the Slack and Teams renderings both carry it
    assert after.count(NEW_SENTENCE) >= 2
    # Teams shows what the bot sends there: the text with citation markers, the sources,
    # and a small card with only the buttons Teams has no native form of
    teams = str(await page.inner_text("#teams-reply"))
    assert "[1]" in teams and "[1] " in teams.split(NEW_SENTENCE, 1)[1]
    assert "Helpful" not in teams  # votes go through Teams' own feedback buttons
    await shot(page, "try-it-after-edit")

    history = await served.app.store.knowledge.history(ENTRY)
    assert [(h.version, h.change, h.actor) for h in history][-1] == (
        2, "clearer opening", "Ada Admin <ada@example.com> (console)")

    await page.goto(f"{served.url}/console/knowledge/{ENTRY}/history")
    diff = await page.inner_text("[data-version='2'] pre.diff")
    assert f"+{NEW_SENTENCE}" in diff
    await shot(page, "history")
    await page.click("[data-version='1'] button:has-text('Revert to v1')")
    await page.wait_for_selector("text=Saved (v3)")

    reverted = await _try(page, served, QUESTION)
    assert NEW_SENTENCE not in reverted and "answer" in reverted
    current = await served.app.store.knowledge.get(ENTRY)
    assert current is not None and current.body == history[0].entry.body


async def test_a_gap_becomes_an_alternate_question_and_is_answered(page: Any,
                                                                   served: Served) -> None:
    reply = await served.app.bot.handle(InboundMessage(text=GAP, tenant="acme-dental",
                                                       platform="slack", user_id="U1"))
    assert reply.action.value == "decline"  # a real gap to start from
    await sign_in(page, served)
    await page.goto(f"{served.url}/console/gaps")
    gap = page.locator(".gap", has_text=GAP)
    await gap.wait_for()
    await shot(page, "gaps")
    await gap.locator("form.alternate select").select_option("whats-included-monthly-agreement")
    await gap.locator("form.alternate button").click()
    await page.wait_for_selector("text=added to whats-included-monthly-agreement")

    entry = await served.app.store.knowledge.get("whats-included-monthly-agreement")
    assert entry is not None and GAP in entry.questions
    (last,) = (await served.app.store.knowledge.history(entry.id))[-1:]
    assert (last.change, last.actor) == ("alternate question",
                                         "Ada Admin <ada@example.com> (console)")

    result = await _try(page, served, GAP)
    decision = await page.inner_text("#decision")
    assert "answer" in decision and "whats-included-monthly-agreement" in decision
    assert "decline" not in decision.split("reason")[0]
    assert result


SEEN = [  # (client, message): answers, a decline, a clarification and two hand-offs
    ("acme-dental", "What does MSP stand for?"),
    ("acme-dental", "why does my ticket wait behind others"),
    ("brightpath-legal", "do you cover us at weekends"),
    ("brightpath-legal", "what is included in our monthly fee"),
    ("acme-dental", "qwerty zxcv"),
    ("acme-dental", "the thing with the thing"),
    ("brightpath-legal", "I need to talk to a real person please"),
    ("acme-dental", "the whole office has no internet and we can't see patients"),
]


async def test_tickets_and_figures_show_what_clients_asked(page: Any, served: Served) -> None:
    for n, (client, text) in enumerate(SEEN):
        await served.app.bot.handle(InboundMessage(
            text=text, tenant=client, platform="slack", user_id=f"U{n}", channel="C0123",
            thread=f"17000000{n}.000100", key=f"seen-{n}"))
    tickets = await served.app.store.tickets.find()
    assert len(tickets) == 2
    await sign_in(page, served)
    await page.goto(f"{served.url}/console/tickets")
    listing = await page.inner_text("main")
    for ticket in tickets:
        assert f"#{ticket.id}" in listing and ticket.priority in listing
    assert "acme-dental" in listing and "brightpath-legal" in listing
    links = await page.eval_on_selector_all("a[target=_blank]", "els => els.map(e => e.href)")
    assert links == ["https://slack.com/app_redirect?channel=C0123"] * 2
    await shot(page, "tickets")
    await page.click(f"a[href='/console/tickets/{tickets[0].id}']:has-text('turns')")
    assert tickets[0].description[:30] in await page.inner_text("main")
    await shot(page, "ticket")

    await page.goto(f"{served.url}/console/figures")
    await page.wait_for_function("() => document.querySelectorAll('canvas').length === 5")
    assert await page.evaluate("() => typeof Chart === 'function'")  # the vendored library
    drawn = await page.evaluate("() => [...document.querySelectorAll('canvas')]"
                                ".map(c => Chart.getChart(c) ? Chart.getChart(c).data.datasets"
                                ".reduce((n, d) => n + d.data.reduce((a, b) => a + b, 0), 0) : -1)")
    assert drawn[0] == len(SEEN)  # questions per day, stacked by action, add up
    await shot(page, "figures")
    response = await page.goto(f"{served.url}/console/staff")
    assert response is not None and response.status == 200
    assert "vic@example.com" in await page.inner_text("main")
    await shot(page, "staff")


async def test_without_a_session_only_sign_in_answers(page: Any, served: Served) -> None:
    await page.goto(f"{served.url}/console/knowledge/{ENTRY}")
    assert page.url == f"{served.url}/console/login"
    await shot(page, "sign-in")
    refused = await page.request.post(f"{served.url}/console/knowledge/{ENTRY}",
                                      form={"title": "Hijacked", "body": "x"},
                                      max_redirects=0)
    assert refused.status == 401
    entry = await served.app.store.knowledge.get(ENTRY)
    assert entry is not None and entry.title != "Hijacked"


async def test_a_forged_csrf_token_is_refused(page: Any, served: Served) -> None:
    await sign_in(page, served)
    await page.goto(f"{served.url}/console/knowledge/{ENTRY}")
    real = await page.input_value("input[name=csrf]")
    form = {"title": "Forged edit", "questions": QUESTION, "topics": "what-managed-means",
            "tenants": "all", "status": "published", "body": "forged " * 80}
    for token in ("forged-token", "", real[:-1] + ("A" if real[-1] != "A" else "B")):
        response = await page.request.post(f"{served.url}/console/knowledge/{ENTRY}",
                                           form={**form, "csrf": token}, max_redirects=0)
        assert response.status == 403, token
    # the real token from another site's page is refused too (Origin check)
    response = await page.request.post(f"{served.url}/console/knowledge/{ENTRY}",
                                       form={**form, "csrf": real}, max_redirects=0,
                                       headers={"Origin": "https://evil.example"})
    assert response.status == 403
    entry = await served.app.store.knowledge.get(ENTRY)
    assert entry is not None and entry.title != "Forged edit"
    assert len(await served.app.store.knowledge.history(ENTRY)) == 1
