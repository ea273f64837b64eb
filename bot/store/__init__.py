"""Persistent state: knowledge entries with history, agreements, interactions, feedback."""

from bot.store.store import HistoryRow, Store, StoreError, upsert

__all__ = ["HistoryRow", "Store", "StoreError", "upsert"]
