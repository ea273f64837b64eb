"""Building the LLM parts from settings (imported only when they are switched on)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot.core.composer import Composer
from bot.llm.cache import AnswerCache
from bot.llm.client import OpenAIClient
from bot.llm.composer import LLMComposer
from bot.llm.embed import ResilientEmbedder
from bot.llm.metered import MeteredClient
from bot.llm.prompts import PromptLibrary
from bot.llm.resilience import CircuitBreaker, Resilience, RetryPolicy
from bot.llm.rewrite import LLMRewriter
from bot.service.sections import reveal
from bot.service.settings import LLMSettings, Settings
from bot.store import Store


def resilience_for(llm: LLMSettings) -> Resilience:
    return Resilience(
        RetryPolicy(max_attempts=llm.max_attempts, request_timeout_s=llm.request_timeout_s),
        CircuitBreaker(llm.breaker_failures, llm.breaker_cooldown_s),
    )


def rewrite_budget(llm: LLMSettings) -> float:
    """The share of an answer's deadline a follow-up rewrite may use."""
    return min(3.0, 0.2 * llm.deadline_s)


@dataclass
class LLMParts:
    client: OpenAIClient
    composer: LLMComposer
    rewriter: LLMRewriter


def build_llm(settings: Settings, store: Store, fallback: Composer,
              knowledge_version: Callable[[], int]) -> LLMParts:
    llm = settings.llm
    client = OpenAIClient.from_settings(llm)
    metered = MeteredClient(client)  # latency and token metrics for every call
    prompts = PromptLibrary.load()
    resilience = resilience_for(llm)  # one breaker for the one endpoint

    composer = LLMComposer(
        metered, fallback, resilience=resilience, prompts=prompts, deadline_s=llm.deadline_s,
        top_k=llm.top_k, msp_name=settings.msp_name,
        cache=AnswerCache(store, llm.cache_ttl_s) if llm.cache else None,
        knowledge_version=knowledge_version,
    )
    rewriter = LLMRewriter(metered, prompts, resilience, rewrite_budget(llm))
    return LLMParts(client, composer, rewriter)


def build_embedder(settings: Settings) -> tuple[ResilientEmbedder, OpenAIClient]:
    """The dense-retrieval embedder for `MSPBOT_EMBEDDINGS_BASE_URL`."""
    llm = settings.llm
    same_host = settings.embeddings_base_url == llm.base_url
    key = reveal(settings.embeddings_api_key) or (reveal(llm.api_key) if same_host else None)
    client = OpenAIClient(settings.embeddings_model, base_url=settings.embeddings_base_url,
                          api_key=key, timeout=llm.request_timeout_s)
    return ResilientEmbedder(client, resilience_for(llm), deadline_s=llm.deadline_s), client
