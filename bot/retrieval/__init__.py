"""Hybrid retrieval over the knowledge base."""

from bot.retrieval.index import Hit, KnowledgeIndex, Retrieval

__all__ = ["Hit", "KnowledgeIndex", "Retrieval"]
