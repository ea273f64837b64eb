"""A content-addressed cache of built index parts: numpy arrays in one checked file each.

File layout: a magic line, one line of JSON (kind, key, every array's dtype, shape and
offset, the payload's length and CRC-32), then the arrays' raw bytes, each 64-byte
aligned. Raw arrays rather than `.npz` so a loaded part is memory-mapped: pages are read
on demand and shared by every process on the machine. No pickle: loading a file can
never run code.

A file is written to a temporary name in the same directory, then renamed over the
final one (`os.replace` is atomic), so a reader sees a whole file or none, and two
processes building the same part at once end with one valid file. A file whose header,
length, checksum or key does not match is reported, removed and rebuilt, never used.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import mmap
import os
import tempfile
import time
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)
MAGIC = b"MSPBOT-INDEX\n"
FORMAT = 1
ALIGN = 64
KEEP_PER_KIND = 3  # older artifacts of a kind beyond this many are pruned when one is saved
STALE_TEMP_S = 3600.0  # a temporary file this old belongs to a builder that died

Arrays = Mapping[str, np.ndarray]


class ArtifactError(ValueError):
    """An artifact file that cannot be trusted (truncated, corrupt, or not what it claims)."""


def digest(parts: Iterable[str | bytes]) -> str:
    """A content key: SHA-256 over the number of parts, each part's length and then the
    parts themselves (so part boundaries count). One hash update per block rather than
    two per part: the keys of a 10,000-entry base hash 240,000 parts."""
    data = [part.encode("utf-8") if isinstance(part, str) else part for part in parts]
    h = hashlib.sha256(len(data).to_bytes(8, "little"))
    h.update(np.fromiter(map(len, data), dtype="<u8", count=len(data)).tobytes())
    h.update(b"".join(data))
    return h.hexdigest()[:40]


def pack_strings(strings: Iterable[str]) -> np.ndarray:
    """A list of strings (none containing a newline) as one uint8 array."""
    items = list(strings)
    if any("\n" in s for s in items):
        raise ValueError("packed strings may not contain a newline")
    return np.frombuffer("\n".join(items).encode("utf-8"), dtype=np.uint8)


def unpack_strings(array: np.ndarray, count: int) -> list[str]:
    if count == 0:
        return []
    items = bytes(array).decode("utf-8").split("\n")
    if len(items) != count:
        raise ArtifactError(f"expected {count} strings, found {len(items)}")
    return items


@dataclass
class CacheStats:
    """What this process did with each kind of part: loaded it, or built and saved it."""

    loaded: dict[str, int] = field(default_factory=dict)
    built: dict[str, int] = field(default_factory=dict)
    rejected: dict[str, int] = field(default_factory=dict)

    @staticmethod
    def bump(counter: dict[str, int], kind: str) -> None:
        counter[kind] = counter.get(kind, 0) + 1


class ArtifactCache:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.stats = CacheStats()

    def path(self, kind: str, key: str) -> Path:
        return self.directory / f"{kind}-{key}.idx"

    def load(self, kind: str, key: str) -> dict[str, np.ndarray] | None:
        """The arrays saved under (kind, key), or None when absent or not trustworthy."""
        path = self.path(kind, key)
        try:
            arrays = read(path, kind, key)
        except FileNotFoundError:
            return None
        except (ArtifactError, OSError, ValueError) as exc:
            log.warning("index artifact %s is unusable (%s): rebuilding it", path.name, exc)
            self.forget(kind, key)
            return None
        CacheStats.bump(self.stats.loaded, kind)
        log.info("index part %s loaded from %s", kind, path)
        return arrays

    def forget(self, kind: str, key: str) -> None:
        """Remove an artifact found unusable, so no process trusts it again."""
        CacheStats.bump(self.stats.rejected, kind)
        with contextlib.suppress(OSError):
            self.path(kind, key).unlink()

    def save(self, kind: str, key: str, arrays: Arrays) -> None:
        """Write atomically; a failure to write is logged, never raised (the part built
        in memory is still good, the next process just builds it again)."""
        CacheStats.bump(self.stats.built, kind)
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            write(self.path(kind, key), kind, key, arrays)
            self._prune(kind)
        except OSError as exc:
            log.warning("could not save index part %s in %s: %s", kind, self.directory, exc)
            return
        log.info("index part %s built and saved to %s", kind, self.path(kind, key))

    def _prune(self, kind: str) -> None:
        now = time.time()
        for temp in self.directory.glob(".tmp-*"):
            with contextlib.suppress(OSError):
                if now - temp.stat().st_mtime > STALE_TEMP_S:
                    temp.unlink()
        mine: list[tuple[float, Path]] = []
        for p in self.directory.glob(f"{kind}-*.idx"):
            with contextlib.suppress(OSError):
                mine.append((p.stat().st_mtime, p))
        for _, old in sorted(mine, reverse=True)[KEEP_PER_KIND:]:
            with contextlib.suppress(OSError):
                old.unlink()


def write(path: Path, kind: str, key: str, arrays: Arrays) -> None:
    layout: dict[str, list[object]] = {}
    chunks: list[bytes] = []
    offset = 0
    crc = 0
    for name, array in arrays.items():
        data = np.ascontiguousarray(array)
        if data.dtype.hasobject:
            raise ValueError(f"{name}: object arrays cannot be stored")
        pad = -offset % ALIGN
        if pad:
            chunks.append(b"\0" * pad)
            crc = zlib.crc32(chunks[-1], crc)
            offset += pad
        raw = data.tobytes()
        layout[name] = [data.dtype.str, list(data.shape), offset]
        chunks.append(raw)
        crc = zlib.crc32(raw, crc)
        offset += len(raw)
    header = json.dumps({"format": FORMAT, "kind": kind, "key": key, "length": offset,
                         "crc32": crc, "arrays": layout}).encode("utf-8") + b"\n"
    fd, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(MAGIC)
            out.write(header)
            for chunk in chunks:
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o644)  # mkstemp's 0600 would hide it from other service users
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def read(path: Path, kind: str, key: str) -> dict[str, np.ndarray]:
    with path.open("rb") as handle:
        if handle.read(len(MAGIC)) != MAGIC:
            raise ArtifactError("not an index artifact")
        line = handle.readline(1 << 20)
        try:
            header = json.loads(line)
        except ValueError:
            raise ArtifactError("unreadable header") from None
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise ArtifactError("another format version")
        if header.get("kind") != kind or header.get("key") != key:
            raise ArtifactError("built from other inputs")
        start = len(MAGIC) + len(line)
        length = int(header["length"])
        size = os.fstat(handle.fileno()).st_size
        if size != start + length:
            raise ArtifactError(f"{size - start} payload bytes, expected {length} (truncated?)")
        if length == 0:
            payload: mmap.mmap | bytes = b""
        else:
            payload = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    view = memoryview(payload)[start:] if length else memoryview(b"")
    if zlib.crc32(view) != header["crc32"]:
        raise ArtifactError("checksum mismatch (corrupt)")
    arrays: dict[str, np.ndarray] = {}
    for name, (dtype, shape, offset) in header["arrays"].items():
        dt = np.dtype(dtype)
        count = int(np.prod(shape, dtype=np.int64))
        if offset + count * dt.itemsize > length:
            raise ArtifactError(f"{name} runs past the end")
        arrays[name] = np.frombuffer(view, dtype=dt, count=count, offset=offset).reshape(shape)
    return arrays
