"""Streaming answers, dense embeddings, and Azure OpenAI routing, against the fake server."""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from bot.core.context import AnswerContext
from bot.core.models import InboundMessage
from bot.llm.client import OpenAIClient
from bot.llm.composer import LLMComposer
from bot.llm.embed import ResilientEmbedder
from bot.llm.fakeserver import Fail, FakeOpenAI, Hang, Say
from bot.llm.resilience import CircuitBreaker, Resilience, RetryPolicy
from bot.service.app import App, open_app
from bot.service.settings import LLMSettings, Settings

FIX_TIME = "Why isn't my email fixed yet? It's been 4 hours."


def context() -> AnswerContext:
    return AnswerContext(InboundMessage(text=FIX_TIME), FIX_TIME, None)


async def test_streaming_yields_deltas_then_the_guarded_answer(
    app_fake: tuple[App, FakeOpenAI],
) -> None:
    app, fake = app_fake
    composer = app.bot.composer
    assert isinstance(composer, LLMComposer)
    retrieval = await app.bot.knowledge.search(FIX_TIME, None)
    fake.enqueue(Fail(500), Say("Response time is when a person starts work, not the fix "
                                "time [2].", 90, 14))
    stream = composer.stream(context(), retrieval)
    deltas = [delta async for delta in stream]
    assert len(deltas) > 3
    assert "".join(deltas).endswith("not the fix time [2].")
    assert stream.result is not None and stream.result.composer == "llm"
    assert stream.result.text.endswith("[1].")  # renumbered in the final answer
    assert stream.result.citations[0].id == retrieval.hits[1].entry.id
    assert (stream.result.prompt_tokens, stream.result.completion_tokens) == (90, 14)
    assert fake.chat_requests()[-1]["stream"] is True


async def test_a_streamed_promise_is_replaced_by_the_fallback(
    app_fake: tuple[App, FakeOpenAI],
) -> None:
    app, fake = app_fake
    composer = app.bot.composer
    assert isinstance(composer, LLMComposer)
    retrieval = await app.bot.knowledge.search(FIX_TIME, "acme-dental")
    fake.enqueue(Say("Relax, it will be fixed within 2 hours [1]."))
    result = await composer.stream(context(), retrieval).collect()
    assert result.composer == "curated-fallback" and "guard" in result.note
    fake.enqueue(*[Hang()] * 5)
    started = time.monotonic()
    hung = await composer.stream(context(), retrieval).collect()
    assert hung.composer == "curated-fallback"
    assert time.monotonic() - started < app.settings.llm.deadline_s + 0.5


async def test_dense_embeddings_come_from_the_embeddings_endpoint(
    tmp_path: Path, fake: FakeOpenAI, index_dir: Path,
) -> None:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'e.db'}", index_dir=index_dir,
                        embeddings_base_url=fake.url, embeddings_model="fake-embed")
    async with open_app(settings) as app:
        assert app.bot.knowledge.embed is not None
        entries = len(await app.store.knowledge.list_entries())
        found = await app.bot.knowledge.search(FIX_TIME, None)
        assert found.top is not None
        assert "response-vs-resolution" in found.top.topics
        inputs = [r["input"] for r in fake.requests if "input" in r]
        assert sum(len(i) for i in inputs) >= entries  # the index ...
        assert inputs[-1] == [FIX_TIME]  # ... and the question
        assert all(r["model"] == "fake-embed" for r in fake.requests)


async def test_embedder_rows_are_unit_length_and_survive_an_outage(fake: FakeOpenAI) -> None:
    client = OpenAIClient("fake-embed", base_url=fake.url)
    embed = ResilientEmbedder(
        client, Resilience(RetryPolicy(max_attempts=2, request_timeout_s=0.3,
                                       initial_wait_s=0.01), CircuitBreaker(100)),
        deadline_s=0.5, batch=2)
    try:
        vectors = await embed(["printer jam", "email down", "weekend support"])
        assert vectors.shape == (3, fake.dimensions)
        assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
        fake.enqueue(Fail(500), Fail(500))
        degraded = await embed(["anything"])
        assert degraded.shape == (1, fake.dimensions) and not degraded.any()
    finally:
        await client.close()


async def test_embeddings_down_at_start_means_sparse_retrieval(
    tmp_path: Path, index_dir: Path,
) -> None:
    async with FakeOpenAI() as gone:
        url = gone.url
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'e.db'}", embeddings_base_url=url,
                        index_dir=index_dir,
                        llm=LLMSettings(deadline_s=0.5, request_timeout_s=0.2))
    async with open_app(settings) as app:
        assert app.bot.knowledge.embed is None
        reply = await app.bot.handle(InboundMessage(text=FIX_TIME))
        assert reply.citations


async def test_azure_openai_routes_by_deployment(
    tmp_path: Path, fake: FakeOpenAI, index_dir: Path,
) -> None:
    azure = LLMSettings(model="ignored", deadline_s=2, request_timeout_s=1,
                        azure_endpoint=fake.root, azure_deployment="support-gpt",
                        azure_api_version="2024-10-21", api_key="azure-key")
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'a.db'}", composer="llm",
                        llm=azure, index_dir=index_dir)
    async with open_app(settings) as app:
        fake.enqueue(Say("Work starts within the response target [1]."))
        reply = await app.bot.handle(InboundMessage(text=FIX_TIME))
    assert reply.composer == "llm"
    assert fake.paths == ["/openai/deployments/support-gpt/chat/completions"]
    assert fake.chat_requests()[0]["model"] == "support-gpt"
