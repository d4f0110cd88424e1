"""A .spacy (DocBin) file written as documents arrive, so an export's memory stays flat.

spaCy's DocBin keeps every document's token array until `to_disk`, about 100 bytes a
token: a large corpus would not fit. This writer produces the same format (zlib-compressed
msgpack map, read by `DocBin().from_disk`) while streaming:

  zlib header | stored block: map header, "tokens" key, bin32 length | deflate(tokens...)
  | deflate(spaces, lengths, span_groups, cats, flags, version, attrs, strings) | adler32

The token bytes are compressed by a thread as they come (zlib releases the GIL, so that
overlaps tokenizing). Their length, known only at the end, sits in a fixed-size stored
block that is written last, at its place. Smaller per-document data goes to temporary
files beside the output and is compressed at the end.

Entities and span groups are written straight into the arrays and bytes a DocBin holds
(what `doc.ents = ...` and `doc.spans.to_bytes()` would give; a test compares them byte for
byte): srsly builds a new msgpack Packer on every `msgpack_dumps`, and each one scans the
installed packages' entry points, about a millisecond, longer than tokenizing an article.
"""
from __future__ import annotations

import queue
import struct
import tempfile
import threading
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Iterable, Iterator, Mapping, Sequence

if TYPE_CHECKING:
    import numpy
    from spacy.tokens import Doc

TokenSpan = tuple[int, int, str]  # token start, token end (exclusive), label
GroupSpan = tuple[int, int, int, int, str]  # token start, end, then code-point start, end, label

ATTRS = ("ENT_IOB", "ENT_TYPE")  # with ORTH and SPACY, which a DocBin always keeps: words and ents
# spaCy's ids of ORTH, ENT_IOB and ENT_TYPE, in DocBin's order (fixed symbols of spaCy 3; a test
# holds them equal to DocBin(attrs=ATTRS).attrs): the export then needs no `import spacy` (2 s).
ATTR_IDS = (65, 77, 78)
_LEVEL = 1  # DocBin's level 6 takes four times as long here for files about 2% smaller
_CHUNK = 1 << 20  # token bytes handed to the compressing thread at a time: few GIL hand-overs
_QUEUE = 2  # chunks waiting for the thread; the producer blocks beyond, so memory stays flat
MAX_IN_FLIGHT = _CHUNK * (_QUEUE + 3)  # + the one being filled, joined and compressed
_HEAD_SIZE = 13  # fixmap(9, or 10 with user_data) + "tokens" + bin32 header
_VERSION = "0.1"  # DocBin's format version


_packer = None


def _pack(value: object) -> bytes:
    """srsly.msgpack_dumps(value), with one Packer for the whole run (see the module docstring)."""
    global _packer
    if _packer is None:
        from srsly.msgpack import Packer

        _packer = Packer(use_bin_type=True)  # the settings of srsly.msgpack_dumps
    return _packer.pack(value)


def hash_string(text: str) -> int:
    """spaCy's hash of a string (strings.hash_string: MurmurHash64A of the UTF-8, seed 1), without spaCy."""
    data, m, mask = text.encode("utf-8"), 0xC6A4A7935BD1E995, (1 << 64) - 1
    h = (1 ^ (len(data) * m)) & mask
    whole = len(data) // 8 * 8
    for i in range(0, whole, 8):
        k = (int.from_bytes(data[i:i + 8], "little") * m) & mask
        k = ((k ^ (k >> 47)) * m) & mask
        h = ((h ^ k) * m) & mask
    if len(data) > whole:
        h = ((h ^ int.from_bytes(data[whole:], "little")) * m) & mask
    h = ((h ^ (h >> 47)) * m) & mask
    return h ^ (h >> 47)


def _bin32(n: int) -> bytes:
    return b"\xc6" + struct.pack(">I", n)


def _array32(n: int) -> bytes:
    return b"\xdd" + struct.pack(">I", n)


def adler32_combine(adler1: int, adler2: int, len2: int) -> int:
    """Adler-32 of A+B from those of A and B (zlib's adler32_combine, which Python lacks)."""
    base = 65521
    rem = len2 % base
    sum1 = adler1 & 0xFFFF
    sum2 = (rem * sum1) % base
    sum1 += (adler2 & 0xFFFF) + base - 1
    sum2 += ((adler1 >> 16) & 0xFFFF) + ((adler2 >> 16) & 0xFFFF) + base - rem
    sum1 %= base
    sum2 %= base
    return sum1 | (sum2 << 16)


class _Compressor(threading.Thread):
    """Deflates token bytes into the output file off the main thread and keeps their adler32.
    zlib releases the GIL, so this runs beside reading and placing the next documents."""

    def __init__(self, out: BinaryIO) -> None:
        super().__init__(name="docbin-compressor", daemon=True)
        self.out = out
        self.queue: queue.Queue[bytes | None] = queue.Queue(maxsize=_QUEUE)
        self.adler = 1
        self.length = 0
        self.error: BaseException | None = None

    def run(self) -> None:
        comp = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
        while (chunk := self.queue.get()) is not None:
            if self.error is not None:
                continue  # keep draining so that the producer never blocks on a dead thread
            try:
                self.adler = zlib.adler32(chunk, self.adler)
                self.length += len(chunk)
                self.out.write(comp.compress(chunk))
            except BaseException as exc:  # reported by DocBinWriter.close
                self.error = exc
        if self.error is None:
            try:
                self.out.write(comp.flush(zlib.Z_SYNC_FLUSH))  # byte-aligned, not final
            except BaseException as exc:
                self.error = exc


class DocBinWriter:
    """Write Docs to `path` as DocBin(attrs=ATTRS).to_disk would, one Doc at a time."""

    def __init__(self, path: Path, strings: Iterable[str] = (), store_user_data: bool = False) -> None:
        self.path = path
        self.attrs: list[int] = list(ATTR_IDS)  # DocBin(attrs=ATTRS).attrs: the same columns in the same order
        self._cols = (0, 1, 2)  # ORTH, ENT_IOB, ENT_TYPE
        self._strings = set(strings) | {""}
        self._labels: dict[str, int] = {}
        self._words: set[int] = set()  # ORTH hashes whose strings are in self._strings
        self.count = 0
        self._pending: list[bytes] = []
        self._pending_size = 0
        self._file = path.open("wb")
        self._file.write(zlib.compress(b"", _LEVEL)[:2] + bytes(5 + _HEAD_SIZE))  # header, room for head
        self._spaces = tempfile.TemporaryFile(dir=path.parent)
        self._lengths = tempfile.TemporaryFile(dir=path.parent)
        self._groups = tempfile.TemporaryFile(dir=path.parent)
        self._user = tempfile.TemporaryFile(dir=path.parent) if store_user_data else None  # as DocBin(store_user_data=True)
        self._thread = _Compressor(self._file)
        self._thread.start()

    def add(self, doc: "Doc", ents: Sequence[TokenSpan] = (),
            groups: Mapping[str, Sequence[GroupSpan]] | None = None, user_data: Mapping | None = None) -> None:
        """Append `doc` with `ents` (non-overlapping, sorted) as doc.ents, `groups` as doc.spans and,
        if this file stores user data, `user_data` as doc.user_data."""
        from spacy.attrs import IDX, LENGTH, ORTH, SPACY

        read = doc.to_array([ORTH, SPACY, IDX, LENGTH]).reshape(-1, 4)
        self.add_arrays(doc.text, read[:, 0], read[:, 1].astype(bool), read[:, 2], read[:, 2] + read[:, 3],
                        ents, groups, user_data)

    def add_arrays(self, text: str, orths: "numpy.ndarray", spaces: "numpy.ndarray", starts: "numpy.ndarray",
                   ends: "numpy.ndarray", ents: Sequence[TokenSpan] = (),
                   groups: Mapping[str, Sequence[GroupSpan]] | None = None, user_data: Mapping | None = None) -> None:
        """Append a document given as arrays: ORTH hashes, trailing-space flags and the code-point
        offsets of its tokens (to find the strings of words not seen before) in `text`."""
        import numpy

        orth, iob, kind = self._cols
        tokens = numpy.zeros((len(orths), len(self.attrs)), dtype="uint64")
        tokens[:, orth] = orths
        tokens[:, iob] = 2  # "O": outside every entity, as `doc.ents = ...` leaves it (not missing)
        for i, j, label in ents:
            tokens[i, iob] = 3  # "B"
            tokens[i + 1:j, iob] = 1  # "I"
            tokens[i:j, kind] = self._label(label)
        self._add_words(text, orths, starts, ends)
        self._spaces.write(numpy.asarray(spaces, dtype=bool).tobytes())
        self._lengths.write(struct.pack("<i", len(orths)))
        self._groups.write(_pack(self._span_groups(groups)))
        if self._user is not None:
            self._user.write(_pack(_pack(dict(user_data or {}))))  # DocBin keeps msgpack_dumps(doc.user_data)
        self.count += 1
        data = tokens.tobytes("C")
        self._pending.append(data)
        self._pending_size += len(data)
        if self._pending_size >= _CHUNK:
            self._flush()

    def _add_words(self, text: str, orths, starts, ends) -> None:
        """The strings of this document's words the file does not carry yet (one slice per new word)."""
        import numpy

        distinct, first = numpy.unique(orths, return_index=True)
        hashes = distinct.tolist()
        new = set(hashes).difference(self._words)  # set arithmetic in C; most words are known
        if new:
            self._words.update(new)
            where = dict(zip(hashes, first.tolist()))
            self._strings.update(text[int(starts[where[h]]):int(ends[where[h]])] for h in new)

    def _label(self, label: str) -> int:
        if label not in self._labels:
            self._labels[label] = hash_string(label)
            self._strings.add(label)
        return self._labels[label]

    def _span_groups(self, groups: Mapping[str, Sequence[GroupSpan]] | None) -> bytes:
        """The bytes of SpanGroups.to_bytes(): {SpanGroup bytes: [key]}, or those of [] when none."""
        if not groups:
            return _pack([])
        msg: dict[bytes, list[str]] = {}
        for key, spans in groups.items():
            packed = [struct.pack(">QQQllll", 0, 0, self._label(label), i, j, start, end)
                      for i, j, start, end, label in spans]  # id, kb_id, label, tokens, code points
            msg.setdefault(_pack({"name": key, "attrs": {}, "spans": packed}), []).append(key)
        return _pack(msg)

    def _flush(self) -> None:
        if self._pending:
            self._thread.queue.put(b"".join(self._pending))
            self._pending, self._pending_size = [], 0

    def close(self) -> None:
        """Finish the file; raises what the compressing thread met, after removing the file."""
        self._flush()
        self._thread.queue.put(None)
        self._thread.join()
        try:
            if self._thread.error is not None:
                raise self._thread.error
            self._finish()
        except BaseException:
            self._cleanup(remove=True)
            raise
        self._cleanup(remove=False)

    def discard(self) -> None:
        """Stop and remove the file (an export that failed half-way)."""
        self._pending = []
        self._thread.queue.put(None)
        self._thread.join()
        self._cleanup(remove=True)

    def _finish(self) -> None:
        comp = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
        adler, length = 1, 0
        for piece in self._tail():
            adler = zlib.adler32(piece, adler)
            length += len(piece)
            self._file.write(comp.compress(piece))
        self._file.write(comp.flush(zlib.Z_FINISH))
        head = bytes([0x89 if self._user is None else 0x8A]) + _pack("tokens") + _bin32(self._thread.length)
        assert len(head) == _HEAD_SIZE
        total = adler32_combine(adler32_combine(zlib.adler32(head), self._thread.adler, self._thread.length),
                                adler, length)
        self._file.write(struct.pack(">I", total))
        self._file.seek(2)  # the stored block: BFINAL=0, BTYPE=00, LEN, NLEN, the head itself
        self._file.write(b"\x00" + struct.pack("<HH", _HEAD_SIZE, _HEAD_SIZE ^ 0xFFFF) + head)

    def _tail(self) -> Iterator[bytes]:
        """The rest of the msgpack map, in pieces of bounded size."""
        n = self.count
        yield _pack("spaces") + _bin32(self._spaces.tell())
        yield from _replay(self._spaces)
        yield _pack("lengths") + _bin32(self._lengths.tell())
        yield from _replay(self._lengths)
        yield _pack("span_groups") + _array32(n)
        yield from _replay(self._groups)
        if self._user is not None:
            yield _pack("user_data") + _array32(n)
            yield from _replay(self._user)
        for key, value in (("cats", {}), ("flags", {"has_unknown_spaces": False})):
            yield _pack(key) + _array32(n)
            item = _pack(value)
            for start in range(0, n, 65536):
                yield item * min(65536, n - start)
        yield _pack("version") + _pack(_VERSION) + _pack("attrs") + _pack(self.attrs)
        yield _pack("strings") + _pack(sorted(self._strings))

    def _cleanup(self, remove: bool) -> None:
        for f in (self._spaces, self._lengths, self._groups, self._user, self._file):
            if f is not None:
                f.close()
        if remove:
            self.path.unlink(missing_ok=True)


def _replay(spool: BinaryIO) -> Iterator[bytes]:
    spool.seek(0)
    while chunk := spool.read(_CHUNK):
        yield chunk
