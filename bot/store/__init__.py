"""Persistent state: knowledge entries with history, agreements, interactions, feedback."""

from bot.store.store import HistoryRow, Store, StoreError

__all__ = ["HistoryRow", "Store", "StoreError"]
