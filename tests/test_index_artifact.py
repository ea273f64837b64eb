"""The saved index: same answers as a fresh fit, reused across processes, rebuilt when any
input changes or the file cannot be trusted, and safe with two builders at once."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import bm25s
import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from bot.core.models import Intent
from bot.data.resources import bundled_knowledge
from bot.data.training import Labelled
from bot.knowledge import fitting
from bot.knowledge.entries import Entry, load_directory
from bot.knowledge.live import Snapshot
from bot.retrieval import artifacts
from bot.retrieval import text as tx
from bot.retrieval.artifacts import ArtifactCache
from bot.retrieval.bm25 import Bm25Matrix
from bot.retrieval.linear_text import char_wb_ngrams

ROOT = Path(__file__).resolve().parent.parent


def make(entry_id: str, title: str, questions: list[str], topic: str, body: str) -> Entry:
    return Entry.model_validate({"id": entry_id, "title": title, "questions": questions,
                                 "topics": [topic], "status": "published", "body": body})


ENTRIES = [
    make("printers", "Why the printer keeps jamming", ["Why does the printer keep jamming?",
         "printer jammed again"], "hardware-and-parts", "Printers jam when paper is damp."),
    make("invoices", "Why a project is billed", ["Why did we get an invoice for this?",
         "is the office move billable"], "whats-included", "Projects are billed separately."),
    make("fix-times", "Why a response target is not a fix time",
         ["Why isn't this fixed in 4 hours?", "the agreement says four hours"],
         "response-vs-resolution", "The four hours measure response, not resolution."),
]
LABELLED = (Labelled("the printer is chewing paper again", Intent.QUESTION,
                     "hardware-and-parts"),
            Labelled("call me now please", Intent.HUMAN, None),
            Labelled("write me a poem", Intent.OFF_TOPIC, None))
PROBES = ["why is the printer jamming", "invoice for the move", "4 hours and still broken",
          "prnter jamed", "call me", "write a poem about cats"]


def _edited(index: int, **changes: object) -> list[Entry]:
    entries = list(ENTRIES)
    entries[index] = entries[index].model_copy(update=changes)
    return entries


def _statuses(built: fitting.Built) -> dict[str, str]:
    return {k: "loaded" if r.loaded else "built" for k, r in built.parts.items()}


@pytest.fixture
def cache(tmp_path: Path) -> ArtifactCache:
    return ArtifactCache(tmp_path / "index")


def test_a_loaded_index_answers_exactly_as_a_fitted_one(cache: ArtifactCache) -> None:
    fresh = fitting.build(ENTRIES, LABELLED, cache)
    assert _statuses(fresh) == dict.fromkeys(fitting.PARTS, "built")
    loaded = fitting.build(ENTRIES, LABELLED, cache)
    assert _statuses(loaded) == dict.fromkeys(fitting.PARTS, "loaded")
    for probe in PROBES:
        for tenant in (None, "acme-dental"):
            a, b = fresh.index.search(probe, tenant), loaded.index.search(probe, tenant)
            assert [h.entry.id for h in a.hits] == [h.entry.id for h in b.hits]
            np.testing.assert_allclose([h.score for h in a.hits], [h.score for h in b.hits],
                                       rtol=1e-6)
            assert a.confidence == pytest.approx(b.confidence)
        guess_a, guess_b = fresh.intents.guess(probe), loaded.intents.guess(probe)
        assert guess_a.intent is guess_b.intent
        assert guess_a.margin == pytest.approx(guess_b.margin, rel=1e-6)


@pytest.mark.parametrize(("change", "rebuilt"), [
    ("answer", {"lexical"}),
    ("question", {"lexical", "topics", "intents"}),
    ("primary topic", {"lexical", "topics"}),
    ("unpublished", {"lexical", "topics", "intents"}),
    ("labelled", {"topics", "intents"}),
    ("intents", {"intents"}),
    ("synonyms", {"lexical", "topics"}),
    ("code", {"lexical", "topics", "intents"}),
])
def test_each_input_invalidates_the_parts_built_from_it(
        cache: ArtifactCache, monkeypatch: pytest.MonkeyPatch, change: str,
        rebuilt: set[str]) -> None:
    fitting.build(ENTRIES, LABELLED, cache)
    entries, labelled = ENTRIES, LABELLED
    if change == "answer":
        entries = _edited(0, body="Printers jam when the rollers wear out.")
    elif change == "question":
        entries = _edited(0, questions=("Why does the printer keep jamming?", "paper stuck"))
    elif change == "primary topic":
        entries = _edited(0, topics=("whats-included", "hardware-and-parts"))
    elif change == "unpublished":
        entries = _edited(1, status="draft")
    elif change == "labelled":
        labelled = (*LABELLED, Labelled("invoice again??", Intent.QUESTION, "whats-included"))
    elif change == "intents":
        curated = fitting.curated_examples()
        extra = {**curated, Intent.HUMAN: (*curated[Intent.HUMAN], "put me through to Sam")}
        monkeypatch.setattr(fitting, "curated_examples", lambda: extra)
    elif change == "synonyms":
        monkeypatch.setattr(fitting, "_synonyms", lambda: b"printer: [copier]\n")
    elif change == "code":
        monkeypatch.setattr(fitting, "code_version", lambda: "another version")
    again = fitting.build(entries, labelled, cache)
    assert {k for k, s in _statuses(again).items() if s == "built"} == rebuilt


def test_the_code_version_follows_the_source_files(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    for name in fitting._SOURCES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes((ROOT / "bot" / name).read_bytes())
    monkeypatch.setattr(fitting, "_ROOT", tmp_path)
    fitting.code_version.cache_clear()
    try:
        before = fitting.code_version()
        with (tmp_path / "retrieval" / "text.py").open("a") as f:
            f.write("# a change\n")
        fitting.code_version.cache_clear()
        assert fitting.code_version() != before
    finally:
        fitting.code_version.cache_clear()


def _only_file(cache: ArtifactCache, kind: str) -> Path:
    found = list(cache.directory.glob(f"{kind}-*.idx"))
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("damage", ["flip a byte", "truncate", "extend", "garbage", "empty",
                                    "wrong key", "old format"])
def test_a_damaged_artifact_is_rebuilt_never_used(cache: ArtifactCache, damage: str) -> None:
    fitting.build(ENTRIES, LABELLED, cache)
    path = _only_file(cache, "lexical")
    data = bytearray(path.read_bytes())
    if damage == "flip a byte":
        data[len(data) * 2 // 3] ^= 0x40
    elif damage == "truncate":
        del data[len(data) - 100:]
    elif damage == "extend":
        data += b"\0" * 64
    elif damage == "garbage":
        data = bytearray(b"not an index at all\n" * 50)
    elif damage == "empty":
        data = bytearray()
    else:
        magic_and_header, _, payload = bytes(data).partition(b"}\n")
        header = json.loads(magic_and_header[len(artifacts.MAGIC):] + b"}")
        if damage == "wrong key":
            header["key"] = "0" * 40
        else:
            header["format"] = artifacts.FORMAT + 1
        data = bytearray(artifacts.MAGIC + json.dumps(header).encode() + b"\n" + payload)
    path.write_bytes(bytes(data))
    fresh = ArtifactCache(cache.directory)
    again = fitting.build(ENTRIES, LABELLED, fresh)
    assert _statuses(again) == {"lexical": "built", "topics": "loaded", "intents": "loaded"}
    assert fresh.stats.rejected == {"lexical": 1}
    found = again.index.search("why is the printer jamming", None)
    assert found.top is not None and found.top.id == "printers"
    # and what replaced it is whole
    assert _statuses(fitting.build(ENTRIES, LABELLED, ArtifactCache(cache.directory)))[
        "lexical"] == "loaded"


def test_concurrent_writers_leave_one_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "part-key.idx"
    payloads = [{"a": np.full(200_000, i, dtype=np.int32)} for i in range(8)]
    seen: list[int] = []
    done = threading.Event()

    def write(i: int) -> None:
        for _ in range(5):
            artifacts.write(path, "part", "key", payloads[i])

    def read() -> None:
        while not done.is_set():
            try:
                a = artifacts.read(path, "part", "key")["a"]
            except FileNotFoundError:
                continue
            seen.append(int(a[0]))
            assert (a == a[0]).all()

    reader = threading.Thread(target=read)
    reader.start()
    writers = [threading.Thread(target=write, args=(i,)) for i in range(8)]
    for w in writers:
        w.start()
    for w in writers:
        w.join()
    done.set()
    reader.join()
    assert int(artifacts.read(path, "part", "key")["a"][0]) in range(8)
    assert [p.name for p in tmp_path.iterdir()] == ["part-key.idx"]


def _index_build(home: Path, index_dir: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MSPBOT_")}
    env.update({"MSPBOT_HOME": str(home), "MSPBOT_INDEX_DIR": str(index_dir)})
    return subprocess.Popen([sys.executable, "-m", "bot", "index", "build", "--json"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _result(proc: subprocess.Popen[str]) -> dict[str, object]:
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    parsed: dict[str, object] = json.loads(out)
    return parsed


def _part_statuses(result: dict[str, object]) -> dict[str, str]:
    parts = result["parts"]
    assert isinstance(parts, dict)
    return {k: v["status"] for k, v in parts.items()}


def _keys(result: dict[str, object]) -> dict[str, str]:
    parts = result["parts"]
    assert isinstance(parts, dict)
    return {k: v["key"] for k, v in parts.items()}


def _in_process(monkeypatch: pytest.MonkeyPatch, home: Path, index_dir: Path | None,
                *args: str) -> str:
    """`mspbot ARGS` in this process with the environment `_index_build` gives a process
    (a cold build costs the same here; the interpreter's start-up is saved). Only what
    must be a fresh process (the one that loads, the concurrent builders) is one."""
    from click.testing import CliRunner

    from bot.cli import cli

    for name in [k for k in os.environ if k.startswith("MSPBOT_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("MSPBOT_HOME", str(home))
    if index_dir is not None:
        monkeypatch.setenv("MSPBOT_INDEX_DIR", str(index_dir))
    done = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return done.stdout


def test_a_second_process_loads_what_the_first_built(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    index_dir = tmp_path / "index"
    first = json.loads(_in_process(monkeypatch, tmp_path / "home", index_dir,
                                   "index", "build", "--json"))
    assert _part_statuses(first) == dict.fromkeys(fitting.PARTS, "built")
    second = _result(_index_build(tmp_path / "home", index_dir))
    assert _part_statuses(second) == dict.fromkeys(fitting.PARTS, "loaded")
    assert _keys(second) == _keys(first)
    # another home with the same knowledge shares the directory's parts (content-addressed)
    third = _result(_index_build(tmp_path / "other-home", index_dir))
    assert _part_statuses(third) == dict.fromkeys(fitting.PARTS, "loaded")


def test_two_processes_building_at_once_end_with_one_valid_artifact(tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    # two homes, so neither waits on the other's database: only the index is shared
    both = [_index_build(tmp_path / f"home{i}", index_dir) for i in range(2)]
    results = [_result(p) for p in both]
    for kind in fitting.PARTS:
        files = list(index_dir.glob(f"{kind}-*.idx"))
        assert len(files) == 1
        key = files[0].name.removeprefix(f"{kind}-").removesuffix(".idx")
        assert all(_keys(r)[kind] == key for r in results)
        artifacts.read(files[0], kind, key)  # whole: raises if not
    assert not list(index_dir.glob(".tmp-*"))
    assert _part_statuses(_result(_index_build(tmp_path / "home0", index_dir))) == \
        dict.fromkeys(fitting.PARTS, "loaded")


def test_ask_leaves_an_index_the_next_process_reuses(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _in_process(monkeypatch, tmp_path / "home", None, "ask", "is the weekend covered?")
    assert sorted(p.name.split("-")[0] for p in (tmp_path / "home" / "index").iterdir()) == \
        sorted(fitting.PARTS)
    result = _result(_index_build(tmp_path / "home", tmp_path / "home" / "index"))
    assert _part_statuses(result) == dict.fromkeys(fitting.PARTS, "loaded")


def test_bm25_scores_equal_bm25s_scores() -> None:
    units = [tx.terms(u) or ["\x00"] for u in
             ["printer jams daily", "invoice for the printer", "", "jams jams jams", "vpn down"]]
    ours = Bm25Matrix.build(units)
    theirs = bm25s.BM25(k1=1.5, b=0.75)
    theirs.index(units, show_progress=False)
    mask = np.asarray([1, 0, 1, 1, 1], dtype=np.float32)
    for query in (["printer"], ["jam", "jam", "invoic"], ["unknown"], ["printer", "unknown"]):
        np.testing.assert_allclose(ours.scores(query, mask),
                                   theirs.get_scores(query, weight_mask=mask), rtol=1e-6)
    bundled = [tx.terms(f"{e.title} {e.body}") for e in load_directory(bundled_knowledge())]
    ours_big = Bm25Matrix.build(bundled)
    theirs.index(bundled, show_progress=False)
    for query in (["printer", "weekend", "invoic"], tx.terms("why isn't it fixed in 4 hours")):
        np.testing.assert_allclose(ours_big.scores(query), theirs.get_scores(query), rtol=1e-5)
    loaded = Bm25Matrix.from_arrays(ours.to_arrays("m"), "m")
    np.testing.assert_array_equal(loaded.scores(["printer", "jam"]), ours.scores(["printer",
                                                                                  "jam"]))


@pytest.mark.parametrize(("low", "high"), [(2, 5), (3, 5)])
def test_char_ngrams_equal_scikit_learns(low: int, high: int) -> None:
    analyse = TfidfVectorizer(analyzer="char_wb", ngram_range=(low, high)).build_analyzer()
    for text in ["", "a", "I'm", "Outlook  keeps\tasking\n for my PASSWORD!!", "wi-fi ok?",
                 "Ünïcode naïve café", "x yz abcdefghij"]:
        assert char_wb_ngrams(text, low, high) == analyse(text)


def test_answering_from_a_saved_index_needs_no_fitting_libraries(tmp_path: Path) -> None:
    """A fresh interpreter loading saved parts and answering imports neither scikit-learn,
    scipy nor bm25s (they cost most of a cold start)."""
    cache_dir = tmp_path / "index"
    fitting.build(ENTRIES, LABELLED, ArtifactCache(cache_dir))
    data = tmp_path / "inputs.json"
    data.write_text(json.dumps({"entries": [e.to_record() for e in ENTRIES],
                                "labelled": [[x.text, x.intent.value, x.topic] for x in LABELLED]}))
    script = (
        "import json, sys\n"
        "from bot.core.models import Intent\n"
        "from bot.data.training import Labelled\n"
        "from bot.knowledge import fitting\n"
        "from bot.knowledge.entries import Entry\n"
        "from pathlib import Path\n"
        "from bot.retrieval.artifacts import ArtifactCache\n"
        f"data = json.loads(open({str(data)!r}).read())\n"
        "entries = [Entry.model_validate(r) for r in data['entries']]\n"
        "labelled = [Labelled(t, Intent(i), topic) for t, i, topic in data['labelled']]\n"
        f"built = fitting.build(entries, labelled, ArtifactCache(Path({str(cache_dir)!r})))\n"
        "assert all(r.loaded for r in built.parts.values())\n"
        "print(built.index.search('printer jammed', None).top.id)\n"
        "print(built.intents.guess('call me now please').intent.value)\n"
        "print(sorted(m for m in ('sklearn', 'scipy', 'bm25s') if m in sys.modules))\n"
    )
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    out = run.stdout.split("\n")
    assert out[0] == "printers"
    assert out[2] == "[]"


def test_an_unwritable_directory_still_answers(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    cache = ArtifactCache(blocker / "index")
    built = fitting.build(ENTRIES, LABELLED, cache)
    assert _statuses(built) == dict.fromkeys(fitting.PARTS, "built")
    found = asyncio.run(Snapshot(built.index, built.intents).search("printer jammed", None))
    assert found.top is not None and found.top.id == "printers"


def test_after_kb_edit_the_next_process_loads_every_part(home: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from bot.cli import cli

    def mspbot(*args: str) -> str:
        result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    before = json.loads(mspbot("index", "build", "--json").splitlines()[-1])
    entry = load_directory(bundled_knowledge())[0]
    edited = tmp_path / "edited.md"
    edited.write_text(entry.model_copy(update={"body": entry.body + "\n\nOne more line."})
                      .to_markdown())
    mspbot("kb", "edit", entry.id, "--file", str(edited))
    after = json.loads(mspbot("index", "build", "--json").splitlines()[-1])
    assert _part_statuses(after) == dict.fromkeys(fitting.PARTS, "loaded")
    assert _keys(after)["lexical"] != _keys(before)["lexical"]  # the edit is in it
    assert {k: v for k, v in _keys(after).items() if k != "lexical"} == \
        {k: v for k, v in _keys(before).items() if k != "lexical"}
