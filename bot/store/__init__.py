"""Persistent state, split by concern: knowledge with history, agreements, interactions
and votes, delivery claims, conversations, the LLM answer cache."""

from bot.store.common import StoreError
from bot.store.records import HistoryRow, NewTicket, ReplyRecord, Ticket
from bot.store.store import Store

__all__ = ["HistoryRow", "NewTicket", "ReplyRecord", "Store", "StoreError", "Ticket"]
