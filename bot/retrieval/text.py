"""Turning text into search terms: stemmed words, and character trigrams for typos."""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

import Stemmer


def _bm25s_stopwords() -> list[str]:
    """bm25s's English stop-word list, read without importing bm25s itself (which
    imports scipy): answering from a saved index needs the list, not the library."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("bm25s")  # finds the package without running it
    if spec is None or spec.origin is None:
        raise ImportError("bm25s is not installed")
    path = Path(spec.origin).parent / "stopwords.py"
    module_spec = importlib.util.spec_from_file_location("_mspbot_bm25s_stopwords", path)
    if module_spec is None or module_spec.loader is None:
        raise ImportError(f"cannot read {path}")
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return list(module.STOPWORDS_EN_PLUS)


STOPWORDS_EN_PLUS = _bm25s_stopwords()

# Words that carry meaning in IT support ("the internet is down", "after hours") stay in.
_KEEP = {"down", "off", "out", "up", "after", "before", "over", "against", "all", "won"}
_CHAT_NOISE = {"hi", "hey", "hello", "please", "pls", "thanks", "thank", "thx", "ok", "okay",
               "guys", "u", "ur", "im", "ive", "dont", "cant", "wont", "didnt", "isnt",
               "doesnt", "also", "would", "could", "get", "got", "us", "yet", "still", "really",
               "whats", "thats", "theres", "hows", "wheres", "whos", "lets", "youre", "theyre",
               "its", "id", "ill", "wed", "weve", "youve", "arent", "werent", "wasnt", "hasnt",
               "havent", "shouldnt", "wouldnt", "couldnt", "aint", "gonna", "wanna", "lol",
               "honestly", "literally", "basically", "actually", "just", "like", "even"}
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
    return [w for w in words(text) if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]


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


class Thesaurus:
    """Concept groups: a word or phrase from a group adds the group's token."""

    def __init__(self, groups: dict[str, list[str]]) -> None:
        self._by_stem: dict[str, set[str]] = {}
        # phrases indexed by their first word: {"phone": [(("phone", "company"), tokens)]}
        self._phrases: dict[str, list[tuple[tuple[str, ...], set[str]]]] = {}
        for name, variants in groups.items():
            token = f"~{name}"
            for variant in variants:
                parts = tuple(words(str(variant)))
                if len(parts) == 1:
                    self._by_stem.setdefault(stem(parts[0]), set()).add(token)
                elif parts:
                    self._phrases.setdefault(parts[0], []).append((parts, {token}))

    def concepts_of(self, all_words: list[str]) -> list[str]:
        """Concept tokens for a tokenised text (stopwords included), one per occurrence."""
        found: list[str] = []
        for i, word in enumerate(all_words):
            for phrase, tokens in self._phrases.get(word, ()):
                if tuple(all_words[i : i + len(phrase)]) == phrase:
                    found.extend(sorted(tokens))
            found.extend(sorted(self._by_stem.get(stem(word), ())))
        return found

    def of_word(self, word: str) -> set[str]:
        return self._by_stem.get(stem(word), set())


@lru_cache(maxsize=1)
def thesaurus() -> Thesaurus:
    from pathlib import Path

    from bot.data.yamlfile import safe_load

    data = safe_load((Path(__file__).parent / "synonyms.yaml").read_text(encoding="utf-8"))
    return Thesaurus({str(k): [str(v) for v in vs] for k, vs in data.items()})


def analyse(text: str) -> tuple[list[str], list[str]]:
    """(search terms, content words): stemmed content words plus concept tokens."""
    all_words = words(text)
    content = [w for w in all_words if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]
    return [stem(w) for w in content] + thesaurus().concepts_of(all_words), content


def terms(text: str) -> list[str]:
    return analyse(text)[0]


def terms_and_pairs(text: str) -> list[str]:
    """Search terms plus each pair of neighbouring terms ("fix time", "phone compani")."""
    found = terms(text)
    return found + [f"{a} {b}" for a, b in itertools.pairwise(found)]


def words_and_pairs(text: str) -> list[str]:
    """Unstemmed words, stopwords kept ("can you", "what if", "who do I" carry the kind
    of question), and each pair of neighbouring words."""
    found = words(text)
    return found + [f"{a} {b}" for a, b in itertools.pairwise(found)]


def char_terms_of(content: list[str]) -> list[str]:
    return [g for w in content for g in trigrams(w)]
