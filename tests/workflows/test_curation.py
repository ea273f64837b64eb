"""Knowledge curation: the same defaults and checks from Slack and Teams."""

from __future__ import annotations

from tests.workflows.platforms import EntryForm, Platform

FORM = EntryForm(
    entry_id="scanner-driver-after-updates",
    title="Why the scanner needs its driver again after updates",
    questions=("Why did the scanner stop after the update?",),
    topics=("updates-and-patching",),
    body="Some scanner drivers are replaced by Windows updates; we reinstall them.",
)


async def test_a_new_entry_is_published_unless_staff_choose_draft(platform: Platform) -> None:
    # The editor shows "published" preselected, and a submission without a status
    # (an older client, a form field left out) is published too: what staff saw.
    assert await platform.form_status() == "published"
    assert await platform.save_entry(FORM) is None
    entry = await platform.app.store.knowledge.get(FORM.entry_id)
    assert entry is not None and entry.status == "published"
    drafted = EntryForm(**{**FORM.__dict__, "entry_id": "scanner-draft", "status": "draft"})
    assert await platform.save_entry(drafted) is None
    draft = await platform.app.store.knowledge.get("scanner-draft")
    assert draft is not None and draft.status == "draft"


async def test_an_unknown_client_slug_is_refused_and_nothing_is_written(
    platform: Platform,
) -> None:
    before = await platform.app.store.knowledge.version()
    form = EntryForm(**{**FORM.__dict__, "tenants": "acme-dental, nobody-inc"})
    refusal = await platform.save_entry(form)
    assert refusal is not None and "nobody-inc" in refusal
    assert await platform.app.store.knowledge.get(FORM.entry_id) is None
    assert await platform.app.store.knowledge.version() == before
