"""Turning text into search terms: stemmed words, and character trigrams for typos."""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer
from bm25s.stopwords import STOPWORDS_EN_PLUS

# Words that carry meaning in IT support ("the internet is down", "after hours") stay in.
_KEEP = {"down", "off", "out", "up", "after", "before", "over", "against", "all", "won"}
_CHAT_NOISE = {"hi", "hey", "hello", "please", "pls", "thanks", "thank", "thx", "ok", "okay",
               "guys", "u", "ur", "im", "ive", "dont", "cant", "wont", "didnt", "isnt",
               "doesnt", "also", "would", "could", "get", "got", "us", "yet", "still", "really"}
STOPWORDS = frozenset((set(STOPWORDS_EN_PLUS) - _KEEP) | _CHAT_NOISE)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_STEMMER = Stemmer.Stemmer("english")


def normalize(text: str) -> str:
    """Lowercase, straight apostrophes, single spaces: the key for gaps and caches."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.split())


def words(text: str) -> list[str]:
    return [w.replace("'", "") for w in _WORD.findall(normalize(text))]


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS and len(w) > 1]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


def stems(text: str) -> list[str]:
    return [stem(w) for w in content_words(text)]


@lru_cache(maxsize=65536)
def trigrams(word: str) -> tuple[str, ...]:
    padded = f"#{word}#"
    return tuple(padded[i : i + 3] for i in range(len(padded) - 2))


def char_terms(text: str) -> list[str]:
    return [g for w in content_words(text) for g in trigrams(w)]
