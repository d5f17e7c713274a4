"""The candidate index: which listed names can reach a score with a query.

Built once per snapshot from :func:`screen.names.compare.token_keys` of every listed
name, kept as NumPy arrays (sorted 32-bit key hashes, offsets, name rows, and per
posting a 16-bit mask of the name's words filed under the key) so that it loads in
milliseconds and costs a few bytes per key. A hash collision can only add candidates,
never lose one.

For a query, each of its words (and each run of words that may be one word written
apart) looks up its keys (``token_keys(query=True)``), and what they find is cached per
word; a listed name that shares no key with the query cannot score above zero, so it
is never looked at. For the names that do, an upper bound of the score is computed from
which query words they share keys with (vectorised, no Python per name), starting from
the rows of the rarest words a passing name must share, and only names whose bound
reaches the threshold are compared in full. One name word meets one query word (or
the words of one glued span), so no more query words count towards a name's bound than
the name words their keys find. The bound never undercuts the real score, so the
result equals comparing the query with every listed name.
"""

from __future__ import annotations

import functools
import hashlib
import os
import struct
import sys
import threading
import weakref
import zipfile
import zlib
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import numpy as np

from .names.compare import (
    EXTRA_WORD_PENALTY,
    EXTRA_WORD_PENALTY_SHORT,
    INITIALS_SOURCE,
    JOIN_MIN_LETTERS,
    MAX_PENALTY,
    SYLLABLE_MISMATCH_FACTOR,
    WORD_BITS,
    full_left,
    index_key_masks,
    initials_key_groups,
    initials_need_mask,
    join_core,
    join_spans,
    joined_excess,
    positional_syllable_keys,
    span_key_facts,
    span_key_groups,
    span_may_find,
    syllable_keys,
    word_key_facts,
    word_key_groups,
)
from .names.normalize import FULL_WEIGHT, Prepared, full_part, prepare_once
from .names.packing import FORMAT, Packer, Unpacker

INDEX_VERSION = 38


@functools.cache
def code_fingerprint() -> str:
    """A hash of the code and tables that decide index keys, so that a saved index is
    never used with code that would file names under other keys."""
    root = Path(__file__).parent
    h = hashlib.sha256(str(INDEX_VERSION).encode())
    for path in sorted([*root.glob("names/*.py"), root / "index.py", *root.glob("data/*")]):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


def _hashes(keys) -> np.ndarray:
    """The 32-bit hashes of ``keys`` (CRC-32 of their UTF-8 text), in one pass of C
    calls (no Python function called per key)."""
    keys = keys if isinstance(keys, (list, tuple)) else list(keys)
    return np.fromiter(map(zlib.crc32, map(str.encode, keys)), dtype=np.uint32,
                       count=len(keys))


@dataclass
class NameIndex:
    key_hashes: np.ndarray  # uint32, sorted, unique
    offsets: np.ndarray  # int64, len(key_hashes) + 1
    postings: np.ndarray  # int32 name rows
    wordmask: np.ndarray  # uint16 per posting: the name's words filed under the key
    weights: np.ndarray  # float32 per name row: total token weight
    full: np.ndarray  # float32 per name row: weight of the words that are no particles
    sinitic: np.ndarray  # uint32 per name row: bit n set when the name reads as n Chinese syllables
    sextra: np.ndarray  # uint8 per name row: words the Chinese reading leaves out
    ntok: np.ndarray  # uint16 per name row: number of words
    solid: np.ndarray  # float32 per name row: full weight, a word "abd" counted (Prepared.solid)
    # float32 per name row: the least its words left over may weigh (compare.full_left:
    # its full weight, a patronymic counted at compare.PATRONYMIC_LEFT)
    full_left: np.ndarray
    # uint16 per name row: its words of full weight (a word mask, see index_key_masks),
    # which say what a join of its words may weigh beyond one word (see _bound)
    fullmask: np.ndarray
    # uint32 per name row, for a name with initials that may meet a query's words
    # (Prepared.initials): bit 16 set, and in the bits below it the name's other words
    # (a word mask, see index_key_masks) that must all meet query words before its
    # initials may; 0 for other names. Such names are found apart from the bound: see
    # candidates()
    initialed: np.ndarray
    # the names with initials (their rows, sorted) and the letters of each's initials,
    # space between words ("vv", "j k"): see _with_initialed
    initial_rows: np.ndarray  # int32
    initial_seqs: np.ndarray  # str
    # what a query's adjacent words glued may find (see compare.span_may_find): the
    # CRC-32 hashes (see _hashes), sorted, of the join_core of each key listed words
    # file for joins, and of each listed word of JOIN_MIN_LETTERS letters or more. A
    # query's glued words whose keys could find nothing are no source of hits at all:
    # 96% of them, which cost 11% of a table's time to key and look up
    join_cores: np.ndarray  # uint32
    long_words: np.ndarray  # uint32
    # the listed names prepared, packed (see screen.names.packing and prepared()): where
    # the bytes of each distinct name start in them, and where the last ends (int64);
    # per row, which of them is its name (int32); the CRC-32 of each one's bytes
    # (uint32); the table of syllables they hold (uint8, marshal bytes); the format
    # they are in (packing.FORMAT, as a one-item str array). The packed bytes
    # themselves are read from the saved file as they are needed (some 17 MB for the
    # full lists; see use_saved), or held in memory by an index built here and not
    # saved. An index without them prepares its names.
    prepared_at: np.ndarray | None = None
    prepared_row: np.ndarray | None = None
    prepared_crc: np.ndarray | None = None
    prepared_syllables: np.ndarray | None = None
    prepared_format: np.ndarray | None = None

    def __post_init__(self) -> None:
        # what a word's (or glued span's) keys find, by word: see candidates(); in
        # order of last use, the least recently used dropped first (see _remember)
        self._hit_cache: dict[tuple, tuple | np.ndarray] = {}
        self._initial_hits: dict[tuple, tuple] = {}  # see _remember
        self._hit_bytes = 0
        # the cache's order and byte count change together, under this lock: a Screener
        # is shared between threads, and a word dropped by one while another moved it
        # to the end was a KeyError (and a byte count gone wrong)
        self._cache_lock = threading.Lock()
        # what a word finds grows with the list: a budget too small for the words a
        # workload repeats drops them over and over (at 300,000 names, 48 MiB of
        # float64 values made every warm query cold again; they are a byte each now)
        self._hit_budget = max(HIT_CACHE_BYTES, self.nbytes)
        self._wider = 0  # threads in wider_hit_cache, and the budget before the first
        self._narrow_budget = self._hit_budget
        # the plans of recent queries (see _plan), by the id of their prepared name
        self._plans: dict[int, _Plan] = {}
        self._needs: dict[tuple, float] = {}  # see _needed_weight
        self._any_initialed = bool(self.initialed.any())
        self._seqs_of = [tuple(s.split()) for s in self.initial_seqs.tolist()]
        self._longest_initials = max((len(x) for seq in self._seqs_of for x in seq), default=0)
        self._spans = _spans_of(self.offsets)
        # where the packed names are read from: their bytes, or the saved file's path
        # and where they start in it (see use_saved), or None (then no name is read
        # packed); the file, opened once where os.pread reads it (see _stored_bytes)
        self._stored: bytes | tuple[str, int] | None = None
        self._stored_fd: int | None = None
        self._stored_close: weakref.finalize | None = None  # (closes the file)
        self._unpacker: Unpacker | None = None  # (made when first needed)
        self._stored_lock = threading.Lock()
        self._join_cores = _Hashed(self.join_cores)
        self._long_words = _Hashed(self.long_words)
        # 1 for each row whose name the caller has prepared already (the Screener marks
        # them): a few rows found are compared without their bound only when all are,
        # see _bound. (Bytes, not a NumPy array: a few rows are read in a fraction of
        # the time, and this is read for most queries.)
        self.ready = bytearray(len(self.weights))
        # what the bound reads of each name, in one gather: weight, full weight, words
        # (a name of more words than a word mask tells apart counts as any number met),
        # and the weight of the words that carry it (solid)
        self._row_facts = np.stack([self.weights, self.full, self.ntok,
                                    np.where(self.ntok > WORD_BITS, np.inf, 0.0), self.solid,
                                    self.full_left], axis=1).astype(np.float64)

    def allow_hit_bytes(self, nbytes: int) -> None:
        """Let the cache of what words find (see :meth:`candidates`) hold at least
        ``nbytes`` (it holds ``HIT_CACHE_BYTES`` by default), for good: for a process
        that screens long tables, whose words outgrow the default."""
        with self._cache_lock:
            self._hit_budget = max(self._hit_budget, int(nbytes))

    @contextmanager
    def wider_hit_cache(self, nbytes: int):
        """:meth:`allow_hit_bytes` for a while: when the last of the threads in it
        leaves, the cache is back to its budget before, the words used least recently
        dropped (a long table screened in a serving process leaves it as it was)."""
        with self._cache_lock:
            if self._wider == 0:
                self._narrow_budget = self._hit_budget
            self._wider += 1
            self._hit_budget = max(self._hit_budget, int(nbytes))
        try:
            yield
        finally:
            with self._cache_lock:
                self._wider -= 1
                if self._wider == 0:
                    self._hit_budget = self._narrow_budget
                    self._trim(self._hit_budget)

    def __getstate__(self) -> dict:
        # (a lock cannot be pickled: a Screener passed to another process is, whole)
        state = self.__dict__.copy()
        del state["_cache_lock"]
        del state["_stored_lock"]
        del state["_spans"]  # (a view of the offsets, made again)
        # (an open file neither: opened again there; nor the words read so far)
        state["_stored_fd"] = state["_stored_close"] = state["_unpacker"] = None
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._cache_lock = threading.Lock()
        self._stored_lock = threading.Lock()
        self._spans = _spans_of(self.offsets)
        if getattr(self, "_wider", 0):  # (pickled while a table was screened: no one
            self._hit_budget = self._narrow_budget  # here will narrow it)
        self._wider = 0

    @classmethod
    def build(cls, names: list[str], progress=None) -> NameIndex:
        n = len(names)
        weights = np.zeros(n, dtype=np.float32)
        full = np.zeros(n, dtype=np.float32)
        sinitic = np.zeros(n, dtype=np.uint32)
        sextra = np.zeros(n, dtype=np.uint8)
        ntok = np.zeros(n, dtype=np.uint16)
        solid = np.zeros(n, dtype=np.float32)
        left = np.zeros(n, dtype=np.float32)
        fullmask = np.zeros(n, dtype=np.uint16)
        initialed = np.zeros(n, dtype=np.uint32)
        initial_rows: list[int] = []
        initial_seqs: list[str] = []
        key_chunks: list[np.ndarray] = []
        row_chunks: list[np.ndarray] = []
        mask_chunks: list[np.ndarray] = []
        cores: set[str] = set()
        long_words: set[str] = set()
        # every distinct name prepared, packed (see prepared_at)
        packer = Packer()
        packed_of: dict[str, int] = {}
        packed: list[bytes] = []
        prepared_row = np.zeros(n, dtype=np.int32)
        for row, text in enumerate(names):
            p = prepare_once(text)
            at = packed_of.get(text)
            if at is None:
                at = packed_of[text] = len(packed)
                packed.append(packer.pack(p))
            prepared_row[row] = at
            weights[row] = p.weight
            full[row] = p.full
            sinitic[row] = syllable_count_mask(p)
            sextra[row] = p.sinitic_extra
            ntok[row] = min(len(p.tokens), 65535)
            solid[row] = p.solid
            left[row] = full_left(p)
            fullmask[row] = sum({1 << min(j, WORD_BITS - 1) for j, t in enumerate(p.tokens)
                                 if t.weight >= FULL_WEIGHT})
            if p.initials:
                initialed[row] = _INITIALED | initials_need_mask(p)
                initial_rows.append(row)
                initial_seqs.append(" ".join(t.initials for t in p.tokens if t.initials))
            keys = index_key_masks(p)
            for k in keys:
                if k[0] == "a":  # (every join key opens with "aw")
                    core = join_core(k)
                    if core:
                        cores.add(core)
                elif k[:2] == "t:" and len(k) - 2 >= JOIN_MIN_LETTERS:
                    long_words.add(k[2:])
            if keys:
                hashes = _hashes(keys)
                key_chunks.append(hashes)
                row_chunks.append(np.full(len(hashes), row, dtype=np.int32))
                mask_chunks.append(np.fromiter(keys.values(), dtype=np.uint16, count=len(keys)))
            if progress is not None:
                progress(1)
        if key_chunks:
            all_keys = np.concatenate(key_chunks)
            all_rows = np.concatenate(row_chunks)
            all_masks = np.concatenate(mask_chunks)
        else:
            all_keys = np.zeros(0, np.uint32)
            all_rows = np.zeros(0, np.int32)
            all_masks = np.zeros(0, np.uint16)
        uniq, offsets, all_rows, all_masks = postings_of(all_keys, all_rows, all_masks)
        prepared_at = np.zeros(len(packed) + 1, dtype=np.int64)
        np.cumsum([len(b) for b in packed], out=prepared_at[1:])
        index = cls(uniq, offsets, all_rows, all_masks, weights, full, sinitic, sextra, ntok,
                    solid, left, fullmask, initialed, np.array(initial_rows, dtype=np.int32),
                    np.array(initial_seqs, dtype=str), np.unique(_hashes(cores)),
                    np.unique(_hashes(long_words)), prepared_at=prepared_at,
                    prepared_row=prepared_row,
                    prepared_crc=np.fromiter(map(zlib.crc32, packed), dtype=np.uint32,
                                             count=len(packed)),
                    prepared_syllables=np.frombuffer(packer.syllables(), dtype=np.uint8),
                    prepared_format=np.array([FORMAT]))
        index._stored = b"".join(packed)
        return index

    # -- persistence -----------------------------------------------------------------
    def save(self, path: Path) -> None:
        """Write the index to ``path``, whole or not at all: into a file of this
        process's and thread's own first (two processes that build the index at once,
        as the workers of a service started together do, wrote into one such file, and
        the file renamed could hold parts of both), then renamed."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.stem}.{os.getpid()}.{threading.get_ident()}.tmp.npz")
        try:
            self._write(tmp)
            tmp.replace(path)
        finally:
            tmp.unlink(missing_ok=True)  # (a write cut short)

    def _write(self, tmp: Path) -> None:
        np.savez(
            tmp,
            version=np.array([INDEX_VERSION]),
            **{k: getattr(self, k) for k in _ARRAYS},
            **({} if self._stored is None else {
                **{k: getattr(self, k) for k in _PREPARED_ARRAYS},
                _PREPARED_MEMBER: np.frombuffer(self._stored_bytes(), dtype=np.uint8)}),
        )

    @classmethod
    def load(cls, path: Path) -> NameIndex | None:
        try:
            with zipfile.ZipFile(path) as zf:
                if int(_whole_array(zf, "version")[0]) != INDEX_VERSION:
                    return None
                members = set(zf.namelist())
                packed = all(k + ".npy" in members
                             for k in (_PREPARED_MEMBER, *_PREPARED_ARRAYS))
                arrays = [_whole_array(zf, k) for k in _ARRAYS]
                prepared = [_whole_array(zf, k) for k in _PREPARED_ARRAYS] if packed else []
        except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile):
            return None  # damaged or of other code: the caller builds it anew
        if not _consistent(dict(zip(_ARRAYS, arrays))):
            return None
        if prepared and not _consistent_prepared(dict(zip(_PREPARED_ARRAYS, prepared)),
                                                 len(arrays[_ARRAYS.index("weights")])):
            prepared = []  # (its names prepared as they are met)
        index = cls(*arrays, **dict(zip(_PREPARED_ARRAYS, prepared)))
        if prepared:
            index.use_saved(path)
        return index

    def use_saved(self, path: Path) -> bool:
        """Read the packed names from the saved index ``path`` (this index, saved) as
        they are needed, not from memory (see :meth:`prepared`): where their bytes
        start in the file, found from the ZIP member's local header and the array's
        header (``np.savez`` stores its arrays uncompressed). These bytes are checked
        name by name in :meth:`prepared`; the other arrays against their CRC-32 as
        :meth:`load` reads them (see ``_whole_array``), which then checks that they
        fit each other. False, the index unchanged, when the file holds
        no such names, or names packed in a format of another Python
        (``packing.FORMAT``): they are then held in memory if they were, else
        prepared as before."""
        if self.prepared_at is None or self.prepared_format is None or \
                str(self.prepared_format[0]) != FORMAT:
            return False
        try:
            with zipfile.ZipFile(path) as zf:
                info = zf.getinfo(_PREPARED_MEMBER + ".npy")
            with open(path, "rb") as fh:
                fh.seek(info.header_offset)
                head = fh.read(30)
                if info.compress_type != zipfile.ZIP_STORED or head[:4] != b"PK\x03\x04":
                    return False
                name_len, extra_len = struct.unpack("<HH", head[26:30])
                fh.seek(info.header_offset + 30 + name_len + extra_len)
                read_header = {(1, 0): np.lib.format.read_array_header_1_0,
                               (2, 0): np.lib.format.read_array_header_2_0,
                               }.get(np.lib.format.read_magic(fh))
                if read_header is None:  # (a format of another NumPy)
                    return False
                shape, _, dtype = read_header(fh)
                start = fh.tell()
                size = os.fstat(fh.fileno()).st_size
            fd = os.open(path, os.O_RDONLY) if _PREAD else None
        except (OSError, ValueError, KeyError, struct.error, zipfile.BadZipFile):
            return False
        if dtype != np.uint8 or shape != (int(self.prepared_at[-1]),) or \
                start + shape[0] > size:
            if fd is not None:
                os.close(fd)
            return False
        with self._stored_lock:
            old = self._stored_close
            self._stored_fd, self._stored = fd, (str(path), start)
            self._stored_close = None if fd is None else weakref.finalize(self, os.close, fd)
        if old is not None:
            old()  # (the file read before closed, once)
        return True

    def _stored_bytes(self, begin: int = 0, end: int | None = None) -> bytes:
        """The packed names' bytes from ``begin`` to ``end`` (None: the last)."""
        if end is None:
            assert self.prepared_at is not None  # (set wherever _stored is)
            end = int(self.prepared_at[-1])
        stored = self._stored
        if isinstance(stored, bytes):
            return stored[begin:end]
        if stored is None:  # dropped by another thread since the caller looked (prepared)
            raise OSError("the packed names were dropped (a damaged table)")
        path, start = stored
        if not _PREAD:
            # (Windows: opened for each read, since a file held open there cannot be
            # replaced or removed by another process's save or pruning)
            with open(path, "rb") as fh:
                fh.seek(start + begin)
                data = fh.read(end - begin)
        else:
            fd = self._stored_fd
            if fd is None:
                with self._stored_lock:
                    if self._stored_fd is None:  # (an index unpickled: opened here)
                        self._stored_fd = os.open(path, os.O_RDONLY)
                        self._stored_close = weakref.finalize(self, os.close, self._stored_fd)
                    fd = self._stored_fd
            # (no seek: threads and forked processes share the file)
            data = os.pread(fd, end - begin, start + begin)
        if len(data) != end - begin:
            raise OSError("the saved index is cut short")
        return data

    def prepared(self, row: int, text: str) -> Prepared | None:
        """The name of ``row`` (whose text is ``text``) as it was prepared when the
        index was built, read back (some 7 us, against some 50 us to prepare it);
        None when the index holds no packed names, or when this name's bytes cannot
        be read, fail their CRC-32 (a damaged file), or hold another name: the caller
        prepares it then."""
        if self._stored is None:
            return None
        # (set with the packed names: by build, or by load with all of them)
        assert self.prepared_at is not None and self.prepared_row is not None \
            and self.prepared_crc is not None
        at = int(self.prepared_row[row])
        try:
            data = self._stored_bytes(int(self.prepared_at[at]), int(self.prepared_at[at + 1]))
        except OSError:
            return None
        # (unpacking damaged bytes could make anything, or crash: see packing)
        if zlib.crc32(data) != int(self.prepared_crc[at]):
            return None
        unpacker = self._unpacker
        if unpacker is None:
            assert self.prepared_syllables is not None  # (as the arrays above)
            try:
                unpacker = self._unpacker = Unpacker(self.prepared_syllables.tobytes())
            except (ValueError, EOFError, TypeError):  # (a table damaged: no name read)
                self._stored = None
                return None
        p = unpacker.unpack(data)
        return p if p.text == text else None

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in (getattr(self, k) for k in _ARRAYS + _PREPARED_ARRAYS)
                   if a is not None)

    # -- lookup ------------------------------------------------------------------------
    def _lookup(self, keys: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Postings of many keys at once: (name rows, index into ``keys`` of the key
        each row came from, the name's words filed under it), without a Python loop
        over postings."""
        got = self._found(keys)
        if got is None:
            return _EMPTY, _EMPTY, _NO_MASKS
        found, bounds = got
        if len(found) == 1:  # (an index array, not a slice: callers get copies)
            start, end = bounds[0].tolist()
            at, lengths = np.arange(start, end), bounds[:, 1] - bounds[:, 0]
        else:
            at, lengths = _runs(bounds)
        return self.postings[at], found.repeat(lengths), self.wordmask[at]

    def _found(self, keys: list[str]) -> tuple[np.ndarray, np.ndarray] | None:
        """Of ``keys``, the indexes of those the index files, and the (start, end) of
        each one's postings; None when it files none (or nothing is asked)."""
        if not keys or not len(self.key_hashes):  # nothing asked, or an empty list
            return None
        hashes = _hashes(keys)
        pos = self.key_hashes.searchsorted(hashes)
        # (a hash past the last key is clipped onto it, which is smaller: not equal)
        found = (self.key_hashes.take(pos, mode="clip") == hashes).nonzero()[0]
        if not len(found):
            return None
        return found, self._spans[pos[found]]

    def _rows_for(self, keys: set[str]) -> np.ndarray:
        rows, _, _ = self._lookup(list(keys))
        return _distinct(rows)

    def _hits(self, groups: list[tuple[float, set[str]]]) -> _Hits:
        """The name rows that share a key with one word (or one glued span of words),
        each once, with the best similarity its keys allow (``val``), the same for a
        one-word name (``val1``), and how many of the name's words the query word may
        meet through them (``cap``: 2 or 3 for a name's words written apart, else 1),
        and which of the name's words it meets (a bit mask, see ``index_key_masks``)."""
        return self._hits_many([groups])[0]

    def _hits_many(self, many: list[list[tuple[float, set[str]]]]) -> list[_Hits]:
        """:meth:`_hits` of many words at once, in one lookup and one sort: a word's
        hits cost some 25 NumPy calls of a few microseconds each whatever their size,
        so a batch of names (see :meth:`prefetch`) shares them."""
        keys: list[str] = []
        k_val: list[int] = []  # per key: its group's val, val1, 1, cap (see _packed)
        k_word: list[int] = []  # per key: its word's index shifted past a row's bits
        k_capped: list[bool] | None = None  # per key: whether its cap is above 1
        multi = len(many) > 1
        for w, groups in enumerate(many):
            for group in groups:
                value, ks = group[0], group[1]
                if not ks:
                    continue
                # every key of a group has one prefix (compare.word_key_groups,
                # span_key_groups): the group's values hold for each of its keys
                k = next(iter(ks))
                prefix = k[:k.index(":")]
                # what a one-word name makes of it: exact words, typos in long words,
                # joins and name forms keep their value, other shortfalls count double
                # (compare._single), unless the group says otherwise (a word in Arabic
                # script and another)
                if len(group) > 2:
                    single = group[2]
                elif value >= 0.95 or prefix[0] in "tdajn":
                    single = value
                else:
                    single = max(0.0, 1.0 - 2.0 * (1.0 - value))
                # how many of a name's words the query word may meet through the key
                # (see compare.token_keys: j: two written as one, as: up to three;
                # f: initials, as many as their letters, up to three)
                cap = _MEETS.get(prefix, 1.0)
                packed = _PACKED.get((value, single, cap))
                if packed is None:
                    packed = _packed(value, single, cap)
                n = len(ks)
                if cap > 1.0 and k_capped is None:
                    k_capped = [False] * len(keys)
                if k_capped is not None:
                    k_capped += [cap > 1.0] * n
                keys.extend(ks)
                k_val += [packed] * n
                if multi:
                    k_word += [w << 32] * n
        # the keys' postings
        got = self._found(keys)
        if got is None:
            return [_NO_HITS] * len(many)
        found, bounds = got  # (start, end) of each found key's postings
        found = found.tolist()
        at: slice | np.ndarray
        if len(found) == 1:  # (a slice: the arrays made from it below are copies)
            start, end = bounds[0].tolist()
            lengths = end - start
            at = slice(start, end)
        else:
            at, lengths = _runs(bounds)
        rows = self.postings[at]
        masks = self.wordmask[at]
        n_words = len(many)
        # per posting: val, val1, 1 (found), cap of its key, in a byte each (see
        # _quantized; rounding up commutes with the max taken below) as one uint32
        # item (a fancy index of rows of four values is ten times slower)
        vals: np.ndarray
        if len(found) == 1:
            vals = np.full(lengths, k_val[found[0]], dtype=np.uint32)
        else:
            vals = np.array([k_val[i] for i in found], dtype=np.uint32).repeat(lengths)
        # each key's rows come sorted, and the keys word by word: a stable sort (a
        # merge of those runs) is several times faster here than a quicksort; the
        # rows of one word (and one row) are merged into one
        if multi:
            both = np.array([k_word[i] for i in found], dtype=np.int64)
            both = both[0] | rows if len(found) == 1 else both.repeat(lengths) | rows
            order = both.argsort(kind="stable")
            both, rows, vals, masks = both[order], rows[order], vals[order], masks[order]
        elif len(found) > 1:
            order = rows.argsort(kind="stable")
            rows, vals, masks = rows[order], vals[order], masks[order]
            both = rows
        else:
            both = None
        if len(found) > 1:
            assert both is not None  # (rows, or rows and words, when more than one found)
            first = np.empty(len(rows), dtype=bool)
            first[0] = True
            np.not_equal(both[1:], both[:-1], out=first[1:])
            heads = first.nonzero()[0]
            if len(heads) < len(rows):
                rows = rows[heads]
                masks = np.bitwise_or.reduceat(masks, heads)
                if multi:
                    both = both[heads]
                if _is_chain({k_val[i] for i in found}):
                    # no two of the values found are the larger in different bytes:
                    # the larger number is the larger in each byte (one pass over
                    # numbers, not a pass of four bytes each: a third of the time)
                    vals = np.maximum.reduceat(vals, heads)
                else:
                    vals = np.maximum.reduceat(vals.view(np.uint8).reshape(-1, 4), heads,
                                               axis=0)
        vals = vals.view(np.uint8).reshape(-1, 4)
        # the names with initials apart, a row each of: row, its words met, its words
        # that must be met, where its initials are in initial_seqs (see
        # _with_initialed). Few, and most words find none. (An array, not tuples:
        # thousands of small tuples in the cache made the collector's passes cost 6%
        # of a table's time.)
        flagged = _EMPTY
        if self._any_initialed:
            need = self.initialed[rows]
            flagged = need.nonzero()[0]
            if len(flagged):
                f_rows = rows[flagged]
                flagged_facts = np.empty((len(flagged), 4), dtype=np.int64)
                flagged_facts[:, 0] = f_rows
                flagged_facts[:, 1] = masks[flagged]
                flagged_facts[:, 2] = need[flagged]
                flagged_facts[:, 3] = self.initial_rows.searchsorted(f_rows)
        # the names it finds as words written apart (its keys meet more than one word)
        # of which two or more weigh as full words: those a join with the word may
        # weigh as one word (see compare.joined_excess). Few, and most words find none
        # (nor look up a key that may meet several words)
        capped: np.ndarray = _EMPTY
        if k_capped is not None and any(k_capped[i] for i in found):
            capped = (vals[:, 3] > 1).nonzero()[0]
            if len(capped):
                c_rows = rows[capped]
                capped = capped[(_POPCOUNT_F[masks[capped] & self.fullmask[c_rows]] >= 2)
                                | (self.ntok[c_rows] > WORD_BITS)]
        if not multi:
            return [(np.concatenate((rows, _SENTINEL_ROW)), np.concatenate((vals, _ZERO_VALS)),
                     np.concatenate((masks, _ZERO_MASK)),
                     flagged_facts if len(flagged) else _NO_FACTS,
                     rows[capped] if len(capped) else _NO_ROWS)]
        # each word's rows, then a sentinel row past every real one (a search never
        # runs off the end), each in arrays of its own (a view would keep the whole
        # batch's arrays alive while any one word of it stays cached, and the cache
        # counts only the view's bytes)
        assert both is not None  # (multi)
        cuts = both.searchsorted([w << 32 for w in range(n_words + 1)])
        if len(flagged):
            by_word = flagged.searchsorted(cuts).tolist()
        if len(capped):
            by_word_j = capped.searchsorted(cuts).tolist()
        cuts = cuts.tolist()
        out = []
        for w in range(n_words):
            start, end = cuts[w], cuts[w + 1]
            if start == end:  # nothing found (most glued spans)
                out.append(_NO_HITS)
                continue
            initialed = _NO_FACTS
            if len(flagged) and by_word[w] < by_word[w + 1]:
                initialed = flagged_facts[by_word[w]:by_word[w + 1]].copy()
            joinable = _NO_ROWS
            if len(capped) and by_word_j[w] < by_word_j[w + 1]:
                joinable = rows[capped[by_word_j[w]:by_word_j[w + 1]]]
            out.append((np.concatenate((rows[start:end], _SENTINEL_ROW)),
                        np.concatenate((vals[start:end], _ZERO_VALS)),
                        np.concatenate((masks[start:end], _ZERO_MASK)), initialed, joinable))
        return out

    def _sources(self, query: Prepared):
        """The query's hit sources: (cache key, the query words it stands for) for each
        word, then each run of adjacent words that may be one word written apart, then
        the words each initials may stand for (see :meth:`_groups`)."""
        toks = query.tokens
        for i, t in enumerate(toks):
            yield word_key_facts(t), i
        for j, n in join_spans(toks):
            words = toks[j:j + n]
            if span_may_find(words, self._join_cores, self._long_words):
                yield span_key_facts(words), tuple(range(j, j + n))
        for i, t in enumerate(toks):
            if t.initials:
                yield (INITIALS_SOURCE, t.initials[0]), (i,)

    @staticmethod
    def _groups(query: Prepared, covers: int | tuple[int, ...]) -> list:
        """The key groups of the source of ``query`` that stands for ``covers`` (a
        word's index, the indexes of adjacent words glued, or the index of initials
        alone in a tuple: the listed words they may stand for)."""
        toks = query.tokens
        if isinstance(covers, int):
            return word_key_groups(toks[covers], query=True)
        if len(covers) == 1:
            return initials_key_groups(toks[covers[0]].initials[0])
        return span_key_groups(toks[covers[0]:covers[-1] + 1], query=True)

    def _plan(self, query: Prepared) -> _Plan:
        """What the lookup of ``query`` needs that depends on it alone, worked out once
        per prepared name: its sources and their cache keys, its weights, and (filled
        in by :meth:`_bound`) what it must find at each threshold. A query asked again
        is prepared once (``prepare`` caches it), so it is found here by identity."""
        plan = self._plans.get(id(query))
        if plan is not None and plan.query is query:
            return plan
        # (tuples of strings, numbers and tuples of them, which Python's collector stops
        # walking: a process keeps thousands of plans, and each full collection walked
        # their lists and functions, a third of its time after 3,000 names)
        plan = _Plan(query, tuple(self._sources(query)), tuple(t.weight for t in query.tokens))
        plans = self._plans
        if len(plans) >= PLAN_CACHE:  # the oldest go first (a dict keeps insertion order)
            for old in list(plans)[:PLAN_CACHE // 4]:
                plans.pop(old, None)  # (another thread may have dropped it already)
        plans[id(query)] = plan
        return plan

    def prefetch(self, queries: list[Prepared]) -> None:
        """Look up, in one batch, the hits of the words of ``queries`` that the cache
        does not hold yet, so that :meth:`candidates` finds them cached. Changes no
        answer; it only shares the cost of the lookups among many names. Meant for a
        few hundred names at a time: what does not fit the cache is not kept."""
        cache = self._hit_cache
        # (the plans are kept: candidates() finds them made)
        plans = [self._plan(q) for q in queries if not q.empty]
        wanted: dict[tuple, tuple] = {}  # every source of the queries -> (query, words)
        for plan in plans:
            for key, covers in plan.sources:
                if key not in wanted:
                    wanted[key] = (plan.query, covers)
        with self._cache_lock:
            for key in wanted:
                hits = cache.pop(key, None)
                if hits is not None:  # used last: the last to be dropped
                    cache[key] = hits
        fresh = self._fetch(wanted)
        # each plan is handed its hits, which spares candidates() a second pass through
        # the cache (None where the cache dropped them already: looked up again there)
        for plan in plans:
            plan.hits = [fresh.get(key) or cache.get(key) for key, _ in plan.sources]
        self._fetch_syllables([q for q in queries if q.sinitic])

    def _fetch(self, wanted: dict) -> dict:
        """The hits of the sources of ``wanted`` (cache key -> (query, the words the
        source stands for), see :meth:`_groups`) that the cache lacks, looked up
        together and cached."""
        todo = [key for key in wanted
                if key not in self._hit_cache and key not in self._initial_hits]
        fresh = dict(zip(todo, self._hits_many([self._groups(*wanted[key]) for key in todo]))
                     ) if todo else {}
        for key, hits in fresh.items():
            self._remember(key, hits, _cached_size(hits))
        return fresh

    def _fetch_sources(self, query: Prepared, sources: tuple) -> list:
        """The hits of each of ``sources`` (see :meth:`_sources`) of ``query``: those
        the cache lacks looked up together (as :meth:`_fetch` does) and cached, then
        those it holds, each moved to its end (used last), under one hold of its lock;
        None where another thread dropped one meanwhile."""
        cache, initial = self._hit_cache, self._initial_hits
        fresh = self._fetch({key: (query, covers) for key, covers in sources})
        given = []
        with self._cache_lock:
            for key, _ in sources:
                hits = fresh.get(key)
                if hits is None:
                    hits = initial.get(key)
                    if hits is None:
                        hits = cache.pop(key, None)
                        if hits is not None:
                            cache[key] = hits
                given.append(hits)
        return given

    def _cached_hits(self, key: tuple, groups_of) -> _Hits:
        hits = self._initial_hits.get(key)
        if hits is not None:
            return hits
        hits = self._touch(key)
        if hits is None:
            hits = self._hits(groups_of())
            self._remember(key, hits, _cached_size(hits))
        return hits

    def _touch(self, key: tuple):
        """What the cache holds for ``key`` (None: nothing), moved to the end: used
        last, dropped last."""
        with self._cache_lock:
            value = self._hit_cache.pop(key, None)
            if value is not None:
                self._hit_cache[key] = value
        return value

    def _remember(self, key: tuple, value, nbytes: int) -> None:
        """Cache ``value`` (``nbytes``); when the cache is full, the entries used least
        recently are dropped until it is three quarters full: the words a workload
        repeats (common given names) stay, however many new words pass through."""
        if key[0] == INITIALS_SOURCE:
            # every listed word that opens with a letter: large, and no more than 26 of
            # them, kept apart (in the cache they pushed out some 2,000 words' hits);
            # without the rows a join may lighten (initials join nothing: _hits_many
            # lists every name of two full words there)
            self._initial_hits[key] = (*value[:4], _NO_ROWS)
            return
        cache = self._hit_cache
        with self._cache_lock:
            if key in cache:  # counted once, whatever stood there before
                self._hit_bytes -= _cached_size(cache.pop(key))
            if self._hit_bytes + nbytes > self._hit_budget:
                self._trim(self._hit_budget * 3 // 4 - nbytes)
            cache[key] = value
            self._hit_bytes += nbytes

    def _trim(self, target: int) -> None:
        """Drop the entries used least recently until the cache holds at most
        ``target`` bytes (under the cache's lock)."""
        cache = self._hit_cache
        for old in list(cache):  # oldest use first (a dict keeps insertion order)
            if self._hit_bytes <= target:
                break
            self._hit_bytes -= _cached_size(cache.pop(old))

    def candidates(self, query: Prepared, min_score: float) -> np.ndarray:
        """Name rows whose score against ``query`` may reach ``min_score`` (> 0).

        General path: for each query word, the best similarity any of its keys allows
        with each name; summed (times the word's weight) this bounds the covered weight,
        and the words left over on either side bound the penalty, as in ``compare``.
        What a word's keys find depends on the word alone, so it is cached per word
        (and per run of adjacent words that may be one word written apart): a word
        seen before costs no lookup.
        Chinese path: a name can only score above the partial-match ceiling when every
        syllable of one of the query's syllable sequences shares a key with it and the
        name reads as that many syllables."""
        if query.empty:
            return _EMPTY
        plan = self._plan(query)
        own: dict[int, _Hits] = {}
        spans: dict[tuple[int, ...], _Hits] = {}  # words glued -> what they find
        given = plan.hits  # what prefetch() found for it, used once
        if given is not None:
            plan.hits = None
        else:  # a new name's words, looked up together (a word twice, once)
            given = self._fetch_sources(query, plan.sources)
        for (key, covers), hits in zip(plan.sources, given):
            if hits is None:
                hits = self._cached_hits(key, lambda covers=covers: self._groups(query, covers))
            if len(hits[0]) > 1:
                if isinstance(covers, int):
                    own[covers] = hits
                else:
                    spans[covers] = hits
        keep = _EMPTY
        if own or spans:
            keep = self._bound(query, plan, own, spans, min_score)
            if self._any_initialed:
                # (what depends on the query alone: found once per plan)
                extra = plan.initialed
                if extra is None:
                    extra = plan.initialed = self._with_initialed(query, own, spans)
                if len(extra):
                    keep = _distinct(np.concatenate([keep, extra]))
        if query.sinitic:
            keep = _distinct(np.concatenate([keep, self._sinitic_candidates(query, min_score)]))
        return keep

    def _with_initialed(self, query: Prepared, own: dict, spans: dict) -> np.ndarray:
        """The names with initials that the query's words (``own``, ``spans``: what
        they find) may meet through them.

        A name's initials meet query words by first letter, under no key the bound
        reads, and only (see compare._initial_pairs) in a query that is no company's
        name, once every other word of the name has met a query word (which then
        shares a key with it), and when the query has words opening with the initials'
        letters, adjacent and in order (for "V.V.", two words opening with v): these
        names are the only ones initials may lift to the threshold. They are few (728
        of 62,676 listed names), and compared in full."""
        if query.organization:
            return _NO_ROWS
        # (the sources of a query's own initials, spans of one word, are left out: a
        # word found only through them has met no word of the query)
        found = [h[3] for h in (*own.values(), *(h for k, h in spans.items() if len(k) > 1))
                 if len(h[3])]
        if not found:
            return _NO_ROWS
        # the first letter of each word initials may meet, a space for the others: a
        # name's initials ("vv") may meet words where they are a part of it
        opening = "".join((t.text[:1] or " ") if t.named else " " for t in query.tokens)
        # (its parts as long as initials are, once: a name's initials are in it when
        # one is among them)
        longest = self._longest_initials
        parts = {opening[i:i + n] for i in range(len(opening)) for n in range(1, longest + 1)}
        seqs = self._seqs_of
        named: dict[int, int] = {}
        needs: dict[int, int] = {}
        for row, mask, need, at in (found[0] if len(found) == 1
                                    else np.concatenate(found)).tolist():
            if not parts.isdisjoint(seqs[at]):
                named[row] = named[row] | mask if row in named else mask
                needs[row] = need & ~_INITIALED
        rows = [row for row, mask in named.items() if mask & needs[row] == needs[row]]
        return np.array(rows, dtype=np.int32) if rows else _NO_ROWS

    def _bound(self, query: Prepared, plan: _Plan, own: dict[int, _Hits],
               spans: dict[tuple[int, ...], _Hits], min_score: float) -> np.ndarray:
        """The rows among those that ``own`` (word -> its hits) and ``spans`` (adjacent
        words -> hits of them glued) find whose score bound reaches ``min_score``.

        A name can only reach the threshold when the query words it shares keys with
        weigh at least ``_needed_weight``; so any set of sources (words, glued spans)
        whose complement covers less than that weight must find it, and only the rows
        of the rarest such set are looked at."""
        w_of = plan.weights
        # what depends on the query and the threshold alone (which sources find
        # anything depends on the index, which never changes) is worked out once
        shape = plan.shapes.get(min_score)
        if shape is None:
            shape = plan.shapes[min_score] = self._shape(query, plan, own, spans, min_score)
        need, prefix_keys, covering, span_excess, joining, need_joined, lighter, excess_of = shape
        if covering is None:
            return _EMPTY  # too few of the query's words are in any listed name
        if not prefix_keys:
            rows = _EMPTY
        elif len(prefix_keys) == 1:
            key = prefix_keys[0]
            rows = (own[key] if isinstance(key, int) else spans[key])[0][:-1]
        else:
            rows = _distinct(np.concatenate([
                (own[key] if isinstance(key, int) else spans[key])[0][:-1]
                for key in prefix_keys]))
        joined = None  # per row: whether a join may weigh words of it as one (see _shape)
        if lighter is not None:
            # the rows a join may lighten, which may pass with less hit weight (few)
            rows = _distinct(np.concatenate([rows, lighter]))
        chinese_only = query.sinitic and min_score > 100.0 * SYLLABLE_MISMATCH_FACTOR
        if chinese_only:
            # two Chinese names are compared syllable by syllable, and score above the
            # partial-match ceiling only in full: the Chinese lookup finds those
            rows = rows[(self.sinitic[rows] == 0) | (self.sextra[rows] + query.sinitic_extra > 1)]
        if not len(rows):
            return _EMPTY
        if lighter is not None:
            at_l = lighter.searchsorted(rows)
            joined = lighter[np.minimum(at_l, len(lighter) - 1)] == rows
        # where each word's (and glued pair's) hits hold each row, and whether they do
        at = {}
        sources: list[tuple[int | tuple[int, ...], _Hits]] = [*own.items(), *spans.items()]
        for key, hits in sources:
            pos = hits[0].searchsorted(rows)
            at[key] = (pos, hits[0][pos] == rows)
        found_w = None
        for i, w in enumerate(w_of):
            found = [at[k][1] for k in covering[i]]
            if found:
                f = found[0] if len(found) == 1 else np.logical_or.reduce(found)
                if found_w is None:
                    found_w = f * w
                else:  # (as found_w += f * w, in one call)
                    np.add(found_w, w, out=found_w, where=f)
        if found_w is None:
            found_w = np.zeros(len(rows))
        # the hit weight must reach the need: most rows stop here
        if joined is None:
            keep = (found_w >= need - 1e-9).nonzero()[0]
        else:
            keep = (found_w >= np.where(joined, need_joined, need) - 1e-9).nonzero()[0]
        if len(keep):
            # the coverage part of the bound alone, from the hit weight (each word's
            # similarity is at most 1): a name much heavier than the query words it
            # shares keys with is not covered enough (one word of a two-word query in a
            # name of three). Five NumPy calls that leave some rows out before they are
            # bounded in full or compared (2,000 new ordinary names after 8,000 others:
            # 1.04 rows a name compared, not 1.08; the lookup 9% faster)
            weight = self._row_facts[rows[keep], 0]
            wmin = _lighter(weight, query.weight)
            if joined is not None:
                # a join may weigh words written apart as one word: then the weights
                # read are at least min(weight, 1), see compare.joined_excess
                j = joined[keep]
                wmin[j] = _lighter(np.minimum(weight[j], 1.0) if joining else weight[j],
                                   min(query.weight, 1.0) if span_excess else query.weight)
            keep = keep[found_w[keep] >= (min_score - _COVER_MARGIN) / 100.0 * wmin]
        # whether a row a join may lighten is left (most often none is)
        lightened = joined is not None and bool(joined[keep].any())
        rows = rows[keep]
        if len(rows) <= FEW_ROWS and all(map(self.ready.__getitem__, rows.tolist())):
            # bounding costs more than comparing these few (about 60 NumPy calls of a
            # few microseconds each against some 25 us per comparison of prepared
            # names), unless a name among them is yet to be prepared (some 60 us).
            # Rows the index holds packed (read back in some 7 us, see prepared) are
            # bounded too: compared unbounded, a name the bound would have left out
            # was then prepared, and compared in every later pass; at 1,000,000
            # synthetic names the warm median went from 0.33 to 0.45 ms, for 0.02-0.03
            # ms off the median of names not seen on the real lists
            return rows.astype(np.int32, copy=False)
        facts = self._row_facts[rows]  # weight, full, words, inf when words > mask bits, solid
        # how many query words one of the name's words may meet: several, written
        # apart, when a glued span of the query finds the name
        apart = np.ones(len(rows))
        named = None  # the name's words that share a key with some query word
        got = {}
        # what a join may take off the name's weight and the query's (see _shape)
        excess_n = excess_q = None
        if lightened:
            assert joined is not None  # (lightened says so)
            in_lighter = joined[keep]
            at_lighter = np.minimum(at_l[keep], len(lighter) - 1)
            if excess_of[0] is not None:
                excess_n = np.where(in_lighter, excess_of[0][at_lighter], 0.0)
            if excess_of[1] is not None:
                excess_q = np.where(in_lighter, excess_of[1][at_lighter], 0.0)
        for key, (pos, found) in at.items():
            hits = own[key] if isinstance(key, int) else spans[key]
            f = found[keep]
            at_row = np.where(f, pos[keep], len(hits[0]) - 1)  # not found: the sentinel's zeros
            got[key] = hits[1][at_row]
            named = hits[2][at_row] if named is None else named | hits[2][at_row]
            if not isinstance(key, int):
                np.maximum(apart, f * float(len(key)), out=apart)
        # per query word and row: hit, hit1, hit weight, met words; summed over words
        per_word, w_used = [], []
        for i, w in enumerate(w_of):
            gs = [got[k] for k in covering[i]]
            if not gs:
                continue
            per_word.append(gs[0] if len(gs) == 1 else np.maximum.reduce(gs))
            w_used.append((w * _SIM_UNIT, w * _SIM_UNIT, w, 1.0))  # (see _quantized)
        stacked = np.stack(per_word)  # (words, rows, 4)
        hit, hit1, hit_w, met_n = np.einsum("wrc,wc->cr", stacked, np.array(w_used))
        # each name word meets one query word (or the words of one glued query span):
        # no more query words count than the name words their keys find, times that
        n_named = np.maximum(_POPCOUNT_F[named], facts[:, 3])
        met_n = np.minimum(met_n, n_named)
        passing = self._score_bound(query, facts, hit, hit1, hit_w, met_n, apart, excess_n,
                                    excess_q) >= min_score
        if len(per_word) > 1:
            most = n_named * apart
            over = (passing & (most < len(per_word))).nonzero()[0]
            if len(over):
                # a name with fewer words (times ``apart``) than the query words that hit
                # it: only the best ``most`` words of such a row count, in each sum
                n_hit = np.count_nonzero(stacked[:, over, 2], axis=0)
                over = over[n_hit > most[over]]
            if len(over):
                words = np.moveaxis(stacked[:, over, :3] * np.array(w_used)[:, None, :3], 0, 2)
                best = np.cumsum(-np.sort(-words, axis=2), axis=2)
                pick = np.clip(most[over], 1, len(per_word)).astype(np.intp) - 1
                top = best[np.arange(len(over)), :, pick]  # (rows, 3)
                passing[over] = self._score_bound(
                    query, facts[over], top[:, 0], top[:, 1], top[:, 2], met_n[over],
                    apart[over], None if excess_n is None else excess_n[over],
                    None if excess_q is None else excess_q[over]) >= min_score
        return rows[passing].astype(np.int32)

    def _shape(self, query: Prepared, plan: _Plan, own: dict, spans: dict,
               min_score: float) -> tuple:
        """What :meth:`_bound` works out from the query and the threshold alone: the
        weight a passing name's hit words must reach, the sources whose rows it looks
        at (the rarest set whose complement weighs less than that; None when the words
        found anywhere weigh less), and for each query word the sources that find it
        (its own hits and the glued spans it is part of); then the joins its hits
        allow (glued spans of the query found in names, weighing more than one word,
        with that excess; query words whose keys find names' words written apart) and
        the need of the rows they find, which a join may lighten (see
        compare.joined_excess): _bound looks at those rows too."""
        w_of = plan.weights
        n = len(w_of)
        # the joins the hits allow (see compare.joined_excess): glued query words found
        # in a name, weighing more than one word; a query word whose keys find names'
        # words written apart, two of them full words (see _hits_many)
        span_excess = {span: e for span in spans if len(span) > 1
                       and (e := joined_excess(sum([full_part(w_of[i]) for i in span]))) > 0
                       } if spans else {}
        joining = tuple([i for i, h in own.items() if h[4].size])  # (see _hits_many)
        need = need_joined = self._needed_weight(query, min_score)
        lighter = None  # the rows they find: sorted, distinct
        excess_of = (None, None)
        if span_excess or joining:
            lighter = _distinct(np.concatenate([own[i][4] for i in joining]
                                               + [spans[span][0][:-1] for span in span_excess]))
            # ... and what those rows must reach (_bound looks at them too)
            need_joined = self._needed_weight(query, min_score, bool(span_excess), bool(joining))
            excess_of = self._excess_of(lighter, own, spans, span_excess, joining)
        # sources: each word's own hits, and each glued span's, which count for each
        # of its words; a row that no source in the prefix finds is found only by the
        # others, so its hit weight is at most the weight of the words those cover
        sources = [(len(h[0]), (i,), i) for i, h in own.items()]
        sources += [(len(h[0]), span, span) for span, h in spans.items()]
        sources.sort(key=lambda src: src[0])
        # how many of the sources not yet in the prefix find each word
        left = [0] * n
        for _, covers, _ in sources:
            for i in covers:
                left[i] += 1
        prefix = []
        for _, covers, key in sources:
            if sum([w_of[i] for i in range(n) if left[i]]) < need - 1e-9:
                break
            prefix.append(key)
            for i in covers:
                left[i] -= 1
        if not prefix and need_joined >= need:
            # the words found anywhere weigh less than a passing name's
            return need, None, None, None, None, None, None, None
        covering: list[list] = [[i] if i in own else [] for i in range(n)]
        for span in spans:
            for i in span:
                covering[i].append(span)
        # (tuples, as in _plan: kept with the plan)
        return (need, tuple(prefix), tuple(map(tuple, covering)), span_excess, joining,
                need_joined, lighter, excess_of)

    def _excess_of(self, rows: np.ndarray, own: dict, spans: dict, span_excess: dict,
                   joining: tuple) -> tuple:
        """For ``rows`` (those a join may lighten, see _shape): at most what joins take
        off each name's weight, and off the query's (compare.joined_excess); None for
        nothing. A query word meets a name's words written apart among those its keys
        find: what they weigh beyond one word is at most their full words but one (and
        the words met but one; for a name of more words than the mask tells apart, the
        latter). A glued span of the query takes off its own excess where it finds the
        name."""
        excess_n = excess_q = None
        wide = self.ntok[rows] > WORD_BITS
        full = self.fullmask[rows]
        for i in joining:
            found = own[i][0]
            pos = found.searchsorted(rows)  # (not found: the sentinel's zeros, no excess)
            pos[found[pos] != rows] = len(found) - 1
            apart_n = own[i][1][pos, 3] - 1.0
            e = np.maximum(np.minimum(apart_n, np.where(
                wide, apart_n, _POPCOUNT_F[own[i][2][pos] & full] - 1.0)), 0.0)
            excess_n = e if excess_n is None else excess_n + e
        for span, e in span_excess.items():
            found = spans[span][0]
            hit = found[np.minimum(found.searchsorted(rows), len(found) - 1)] == rows
            excess_q = hit * e if excess_q is None else excess_q + hit * e
        return excess_n, excess_q

    def _score_bound(self, query: Prepared, facts: np.ndarray, hit: np.ndarray,
                     hit1: np.ndarray, hit_w: np.ndarray, met_n: np.ndarray,
                     apart: np.ndarray, excess_n: np.ndarray | None = None,
                     excess_q: np.ndarray | None = None) -> np.ndarray:
        """The bound of ``compare``'s score (plus a rounding margin) for names whose
        ``facts`` (rows of ``_row_facts``) are given, from what the query's words may
        meet in them: ``hit`` (the sum of similarity times weight), ``hit1`` (the same
        for a one-word side), ``hit_w`` (the query weight met), ``met_n`` (the name's
        words met) and ``apart`` (how many query words one name word may meet);
        ``excess_n``, ``excess_q``: at most what joins take off the name's and the
        query's weight (see compare.joined_excess), None for nothing."""
        wq, fq, fq_left = query.weight, query.full, full_left(query)
        weight, fn, nt, fn_left = facts[:, 0], facts[:, 1], facts[:, 2], facts[:, 5]
        # how close words must be goes by the words that carry a name (Prepared.solid),
        # what words left over cost by its full weight, as in compare
        if query.solid >= 1.9:
            hit = np.where(facts[:, 4] < 1.9, hit1, hit)  # (column 4: solid)
        else:  # a one-word query: every name is read as against a one-word side
            hit = hit1
        rate: np.ndarray | float
        if fq >= 1.9:
            rate = np.where(fn < 1.9, EXTRA_WORD_PENALTY_SHORT, EXTRA_WORD_PENALTY)
        else:
            rate = EXTRA_WORD_PENALTY_SHORT
        # each of the name's words meets one query word, or two or three written as
        # one, and adds at most its weight (1)
        hit = np.minimum(hit, nt)
        hit_w = np.minimum(hit_w, apart * nt)
        # words left over: at least the query's full weight not hit, and the name's
        # full weight beyond what the hit query words can meet (one word each, two or
        # three through a join; a word weighs at most 1), each less what its
        # patronymics may take off (see compare.full_left)
        left = np.maximum(np.maximum(0.0, fq_left - hit_w), fn_left - met_n)
        bound = np.minimum(1.0, hit / _lighter(weight, wq)) * (
            1.0 - np.minimum(MAX_PENALTY, left * rate))
        if excess_n is not None or excess_q is not None:
            # joins weigh words written apart as one word (compare.joined_excess): the
            # weight coverage is read against falls (never below min(weight, 1)), and
            # so may the full weight that sets the rate of words left over. Either the
            # names keep two words or more, at their rate, and each loses at most its
            # full weight beyond 1.9; or the rate is a one-word name's, and the joins
            # take off all they may
            e_n = np.zeros(len(hit)) if excess_n is None else excess_n
            e_q = np.zeros(len(hit)) if excess_q is None else excess_q
            some = (e_n + e_q).nonzero()[0]  # (the rows found as words written apart)
            if len(some):
                e_n, e_q, w, f, h, lf = (e_n[some], e_q[some], weight[some], fn[some],
                                         hit[some], left[some])
                r_some = rate[some] if isinstance(rate, np.ndarray) else rate
                best = bound[some]
                for short, en, eq in (
                        (False, np.minimum(e_n, np.maximum(f - 1.9, 0.0)),
                         np.minimum(e_q, max(fq - 1.9, 0.0))),
                        (True, e_n, e_q)):
                    wmin = _lighter(np.maximum(w - en, np.minimum(w, 1.0)),
                                    np.maximum(wq - eq, min(wq, 1.0)))
                    r = EXTRA_WORD_PENALTY_SHORT if short else r_some
                    np.maximum(best, np.minimum(1.0, h / wmin)
                               * (1.0 - np.minimum(MAX_PENALTY, lf * r)), out=best)
                bound[some] = best
        return 100.0 * bound + 1e-6

    def _needed_weight(self, query: Prepared, min_score: float, query_joins: bool = False,
                       name_joins: bool = False) -> float:
        """A lower bound of the weight of the query words (each counted once, glued
        words for each of them) that a name reaching ``min_score`` shares keys with.

        From the bound of :meth:`_bound`: coverage ``hit / min(name weight, query
        weight)`` is at most the hit weight over it, so the hit weight is at least
        ``s * min(lightest name, query weight)`` (s = min_score / 100); and the query
        weight not hit is a word left over, whose penalty (rate per unit, at most
        ``MAX_PENALTY``) must stay within ``1 - s``. Names of two or more full words
        and one-word names are bounded apart (their lightest weights and penalty rates
        differ); the smaller need holds for both. It depends on the query's weights
        and the threshold alone, which few values cover: cached by them. Where joins
        may weigh words written apart as one (``query_joins``: glued query words;
        ``name_joins``: a name's words), the weight on that side is read as at least
        min(weight, 1) (see compare.joined_excess)."""
        wq, fq, fq_left = query.weight, query.full, full_left(query)
        key = (wq, fq, fq_left, min_score, query_joins, name_joins)
        need = self._needs.get(key)
        if need is None:
            if len(self._needs) >= 4096:
                self._needs.clear()
            need = self._needs[key] = self._need_of(wq, fq, min_score, query_joins, name_joins,
                                                    fq_left)
        return need

    def _need_of(self, wq: float, fq: float, min_score: float, query_joins: bool = False,
                 name_joins: bool = False, fq_left: float | None = None) -> float:
        s = min_score / 100.0
        light_multi, light_single = self._lightest()
        if name_joins:
            light_multi, light_single = min(light_multi, 1.0), min(light_single, 1.0)
        if query_joins:
            wq = min(wq, 1.0)

        def by_penalty(rate: float) -> float:
            if 1.0 - MAX_PENALTY >= s:  # the penalty alone cannot keep a name out
                return 0.0
            # (the query's words not hit are left over, at what they weigh as such)
            return (fq if fq_left is None else fq_left) - (1.0 - s) / rate

        multi_rate = EXTRA_WORD_PENALTY if fq >= 1.9 else EXTRA_WORD_PENALTY_SHORT
        need_multi = max(s * min(light_multi, wq), by_penalty(multi_rate))
        need_single = max(s * min(light_single, wq), by_penalty(EXTRA_WORD_PENALTY_SHORT))
        return min(need_multi, need_single)

    def _lightest(self) -> tuple[float, float]:
        """The smallest positive weight of names with two or more full words, and of
        the others (inf when there are none)."""
        got = getattr(self, "_lightest_cache", None)
        if got is None:
            multi = self.full >= 1.9
            positive = self.weights > 0
            got = tuple(float(self.weights[m & positive].min()) if (m & positive).any()
                        else float("inf") for m in (multi, ~multi))
            self._lightest_cache = got
        return got

    def _sinitic_candidates(self, query: Prepared, min_score: float) -> np.ndarray:
        partial_ceiling = 100.0 * SYLLABLE_MISMATCH_FACTOR
        if min_score <= partial_ceiling:  # any shared syllable may do
            keys = {k for _, _, seq in query.sinitic for syl in seq for k in syllable_keys(syl)}
            rows = self._rows_for(keys) if keys else _EMPTY
            return rows[(self.sinitic[rows] & syllable_count_mask(query)) != 0]
        # a full match: every position of one of the query's sequences meets the
        # same position of one of the name's sequences of that length. What one
        # syllable finds at one position is cached like a word's hits.
        self._fetch_syllables([query])
        found: list[np.ndarray] = []
        for _, _, seq in query.sinitic:
            n = len(seq)
            at_pos = []
            for pos, syl in enumerate(seq):
                rows = self._syllable_rows(syl, pos, n)
                if not len(rows):
                    break
                at_pos.append(rows)
            else:
                at_pos.sort(key=len)
            if len(at_pos) < n:
                continue
            rows = at_pos[0]
            for other in at_pos[1:]:
                if not len(rows):
                    break
                where = other.searchsorted(rows)
                np.minimum(where, len(other) - 1, out=where)
                rows = rows[other[where] == rows] if len(other) else other
            if len(rows):
                found.append(rows)
        if not found:
            return _EMPTY
        return found[0] if len(found) == 1 else _distinct(np.concatenate(found))

    def _fetch_syllables(self, queries: list[Prepared]) -> None:
        """Look up, in one batch, what each syllable of the queries' Chinese readings
        finds at its position (see :meth:`_syllable_rows`) where the cache lacks it: a
        lookup costs a dozen NumPy calls, and a name reads as several sequences of
        several syllables. The 989 ordinary names of 12,000 that read as Chinese, their
        syllables not cached: 253 us a name looked up one syllable at a time, 130 us in
        one lookup a name, 94 us in one lookup for 256 names (as :meth:`prefetch` does)."""
        cache = self._hit_cache
        todo: dict[tuple, set[str]] = {}
        for q in queries:
            for _, _, seq in q.sinitic:
                n = len(seq)
                for pos, syl in enumerate(seq):
                    key = _syllable_key(syl, pos, n)
                    if key not in cache and key not in todo:
                        todo[key] = positional_syllable_keys(syl, pos, n)
        if not todo:
            return
        for key, rows in zip(todo, self._rows_for_many(list(todo.values()))):
            self._remember(key, rows, rows.nbytes)

    def _rows_for_many(self, groups: list[set[str]]) -> list[np.ndarray]:
        """:meth:`_rows_for` of each group of keys, in one lookup."""
        keys: list[str] = []
        owner: list[int] = []
        for g, ks in enumerate(groups):
            keys.extend(ks)
            owner.extend([g] * len(ks))
        rows, src, _ = self._lookup(keys)
        if not len(rows):
            return [_EMPTY] * len(groups)
        # group and row in one sortable number: sorted and distinct, then cut by group
        both = _distinct((np.array(owner, dtype=np.int64)[src] << 32) | rows)
        cuts = np.searchsorted(both >> 32, np.arange(len(groups) + 1)).tolist()
        rows = (both & 0xFFFFFFFF).astype(np.int32)
        # copies, as in _hits_many: a cached view would keep the whole batch alive
        return [rows[a:b].copy() for a, b in pairwise(cuts)]

    def _syllable_rows(self, syl, pos: int, length: int) -> np.ndarray:
        """The rows with a sequence of ``length`` syllables whose syllable ``pos`` may
        be ``syl`` (sorted, distinct), cached."""
        key = _syllable_key(syl, pos, length)
        rows = self._touch(key)
        if rows is None:
            rows = self._rows_for(positional_syllable_keys(syl, pos, length))
            self._remember(key, rows, rows.nbytes)
        return rows


_EMPTY = np.zeros(0, dtype=np.int32)


class _Hashed:
    """Texts known by their CRC-32 hashes (see _hashes), as a bitmap of the hashes'
    top ``HASHED_BITS`` bits: ``text in`` it is True for each of them, and for another
    text only when those bits of its hash are some text's (about 1% of others for the
    some 30,000 texts of a set here): a query's glued words kept for that are looked
    up and find nothing, never lost. (A set of the hashes took 5 MB more memory.)"""

    __slots__ = ("_bits",)

    def __init__(self, hashes: np.ndarray):
        at = hashes.astype(np.uint32) >> np.uint32(32 - HASHED_BITS)
        bits = np.zeros(1 << (HASHED_BITS - 3), dtype=np.uint8)
        np.bitwise_or.at(bits, at >> 3, np.left_shift(1, at & 7).astype(np.uint8))
        self._bits = bits.tobytes()

    def __contains__(self, text: object) -> bool:
        if not isinstance(text, str):
            return False
        at = zlib.crc32(text.encode()) >> (32 - HASHED_BITS)
        return bool(self._bits[at >> 3] >> (at & 7) & 1)


HASHED_BITS = 22  # 512 KiB a bitmap


def _syllable_key(syl, pos: int, length: int) -> tuple:
    """The hit-cache key of what ``syl`` finds at ``pos`` of ``length`` syllables."""
    return ("s", length, pos, tuple(syl.ids))


PLAN_CACHE = 4096  # query plans kept (as many as prepare's cache keeps prepared names)


@dataclass(slots=True)
class _Plan:
    """See :meth:`NameIndex._plan`. Holds its query, so that the id it is filed under
    stays that query's while the plan lives."""

    query: Prepared
    sources: tuple  # (cache key, the words it stands for), see NameIndex._sources
    weights: tuple[float, ...]  # each word's weight
    shapes: dict = field(default_factory=dict)  # min_score -> see NameIndex._shape
    hits: list | None = None  # per source, its hits, as prefetch() found them
    initialed: np.ndarray | None = None  # see NameIndex._with_initialed


def postings_of(keys: np.ndarray, rows: np.ndarray, masks: np.ndarray):
    """(sorted distinct key hashes, offsets, rows, word masks) of postings given as
    parallel arrays in any order; a (key, row) pair filed more than once (two keys of
    one name may share a hash) is kept once, with its word masks or-ed."""
    order = np.lexsort((rows, keys))
    keys, rows, masks = keys[order], rows[order], masks[order]
    if len(keys):
        first = np.ones(len(keys), dtype=bool)
        first[1:] = (keys[1:] != keys[:-1]) | (rows[1:] != rows[:-1])
        heads = np.nonzero(first)[0]
        keys, rows = keys[heads], rows[heads]
        masks = np.bitwise_or.reduceat(masks, heads) if len(heads) < len(first) else masks
    uniq, starts = np.unique(keys, return_index=True)
    offsets = np.append(starts, len(keys)).astype(np.int64)
    return uniq, offsets, rows.astype(np.int32), masks.astype(np.uint16)


def _spans_of(offsets: np.ndarray) -> np.ndarray:
    """(start, end) of each key's postings, from their offsets: a view, no copy (an
    index of no keys has one offset)."""
    if len(offsets) < 2:
        return np.zeros((0, 2), dtype=offsets.dtype)
    return np.lib.stride_tricks.sliding_window_view(offsets, 2)


def _runs(bounds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The positions start_k, start_k + 1, ..., end_k - 1 of each (start, end) of
    ``bounds``, in one array, and the length of each run."""
    lengths = bounds[:, 1] - bounds[:, 0]
    shift = bounds[:, 0] - lengths.cumsum()
    shift += lengths
    at = shift.repeat(lengths)
    at += np.arange(len(at))
    return at, lengths


def _distinct(a: np.ndarray) -> np.ndarray:
    """Sorted distinct values of an int array (np.unique, which hashes since NumPy 2.3,
    is ten times slower on the small arrays met here)."""
    if len(a) < 2:
        return a
    a = a.copy()
    a.sort()
    keep = np.empty(len(a), dtype=bool)
    keep[0] = True
    np.not_equal(a[1:], a[:-1], out=keep[1:])
    return a[keep]


_SENTINEL = np.iinfo(np.int32).max
_PREPARED_MEMBER = "prepared"  # the saved index's member of packed names (see NameIndex.prepared)
_PREAD = hasattr(os, "pread")  # (not on Windows)
# the arrays of a saved index, in the order of NameIndex's fields; then those that say
# where its packed names are, and what they are
_ARRAYS = ("key_hashes", "offsets", "postings", "wordmask", "weights", "full", "sinitic",
           "sextra", "ntok", "solid", "full_left", "fullmask", "initialed", "initial_rows",
           "initial_seqs", "join_cores", "long_words")
_PREPARED_ARRAYS = ("prepared_at", "prepared_row", "prepared_crc", "prepared_syllables",
                    "prepared_format")


def _whole_array(zf: zipfile.ZipFile, name: str) -> np.ndarray:
    """The array ``name`` of a saved index, read to the end of its member, so that
    zipfile checks the member's CRC-32 (it does once it has read the last byte: an
    array whose header was damaged to say fewer items would read short, unchecked, as
    ``np.load`` reads it); ValueError when the member holds more than the array."""
    with zf.open(name + ".npy") as fh:
        array = np.lib.format.read_array(fh, allow_pickle=False)
        if fh.read(1):
            raise ValueError(f"the saved index's {name} holds more than its array")
    return array


def _consistent(a: dict[str, np.ndarray]) -> bool:
    """Whether a saved index's arrays fit each other: one value per name in each
    per-name array, one offset more than keys and the last at the end of the postings,
    one word mask per posting, the initials' rows and letters paired."""
    n = len(a["weights"])
    return (all(a[k].ndim == 1 and len(a[k]) == n for k in (
        "full", "sinitic", "sextra", "ntok", "solid", "full_left", "fullmask", "initialed"))
        and len(a["offsets"]) == len(a["key_hashes"]) + 1
        and int(a["offsets"][-1]) == len(a["postings"]) == len(a["wordmask"])
        and len(a["initial_rows"]) == len(a["initial_seqs"]))


def _consistent_prepared(a: dict[str, np.ndarray], n: int) -> bool:
    """Whether the arrays of a saved index's packed names fit each other and its ``n``
    names (see NameIndex.prepared_at)."""
    at, row = a["prepared_at"], a["prepared_row"]
    return (at.ndim == 1 and len(at) >= 1 and int(at[0]) == 0
            and bool((np.diff(at) >= 0).all()) and len(a["prepared_crc"]) == len(at) - 1
            and len(row) == n and (not n or 0 <= int(row.min()) <= int(row.max()) < len(at) - 1)
            and len(a["prepared_format"]) == 1)
# score points by which the coverage test of _bound errs on the side of keeping a row:
# the hit weight it reads is summed in another order than the bound's
_COVER_MARGIN = 1e-4
# rows found this few are compared without their bound: on the warm query mix of
# bench_match, 8 rather than 4 took each query's best time from 0.23 to 0.21 ms (three
# alternating runs); a listed name met for the first time costs its preparation too
FEW_ROWS = 8
# set bits of every word mask, as a float (it is compared with float counts)
_POPCOUNT_F = np.unpackbits(np.arange(1 << WORD_BITS, dtype=">u2").view(np.uint8)).reshape(
    -1, WORD_BITS).sum(axis=1).astype(np.float64)
_MEETS = {"j": 2.0, "as": 3.0, "asl": 3.0, "ash": 3.0, "f": 3.0, "dns": 3.0}
# What one word's keys find: (name rows: int32, sorted, distinct, then _SENTINEL;
# values: uint8 (rows + 1, 4), see _quantized: the best similarity, the same for a
# one-word name, 1 (found), and how many of the name's words it may meet (see _hits);
# zeros for the sentinel; the word masks of the rows; the facts of the names with
# initials among them, see _with_initialed; the rows a join may lighten, see
# _hits_many)
_Hits = tuple
_NO_MASKS = np.zeros(0, dtype=np.uint16)
_NO_FACTS = np.zeros((0, 4), dtype=np.int64)
_NO_ROWS = np.zeros(0, dtype=np.int32)
_INITIALED = 1 << 16  # see NameIndex.initialed
_NO_HITS = (np.array([_SENTINEL], dtype=np.int32), np.zeros((1, 4), dtype=np.uint8),
            np.zeros(1, dtype=np.uint16), _NO_FACTS, _NO_ROWS)
for _a in _NO_HITS:  # shared by every word that finds nothing
    _a.setflags(write=False)
del _a
_SENTINEL_ROW = np.array([_SENTINEL], dtype=np.int32)  # (what _hits_many appends)
_ZERO_VALS = np.zeros((1, 4), dtype=np.uint8)
_ZERO_MASK = np.zeros(1, dtype=np.uint16)
HIT_CACHE_BYTES = 24 << 20  # what words' (and spans', syllables') index hits may hold, at least


def _cached_size(value) -> int:
    """The bytes of a hit-cache entry: a word's hits (five arrays) or a syllable's rows."""
    if isinstance(value, tuple):
        return (value[0].nbytes + value[1].nbytes + value[2].nbytes + value[3].nbytes
                + value[4].nbytes)
    return value.nbytes


# (value, one-word value, cap) of a key group -> its four bytes (see _quantized) as
# one uint32 item, the bytes in the machine's order (as a view of them reads them)
_PACKED: dict[tuple[float, float, float], int] = {}


def _packed(value: float, single: float, cap: float) -> int:
    packed = int(_quantized(np.array([[value, single, 1.0, cap]])).view(np.uint32)[0, 0])
    if len(_PACKED) >= 4096:  # (bounded, whatever weights glued words bring)
        _PACKED.clear()
    _PACKED[(value, single, cap)] = packed
    return packed


_CHAINS: dict[frozenset[int], bool] = {}


def _is_chain(values: set[int]) -> bool:
    """Whether packed values (see _packed) are ordered alike in each of their four
    bytes (none is the larger of two in one byte and the smaller in another): then
    the largest of any of them as numbers is the largest in each byte."""
    key = frozenset(values)
    got = _CHAINS.get(key)
    if got is None:
        order = [v.to_bytes(4, sys.byteorder) for v in sorted(values)]
        got = all(x <= y for a, b in pairwise(order) for x, y in zip(a, b))
        if len(_CHAINS) >= 4096:  # (bounded, whatever weights glued words bring)
            _CHAINS.clear()
        _CHAINS[key] = got
    return got


def _lighter(weights: np.ndarray, wq: float | np.ndarray) -> np.ndarray:
    """The lighter of each name's weight and the query's, the weight coverage is read
    against (1 where it is not positive)."""
    wmin = np.minimum(weights, wq)
    wmin[wmin <= 0] = 1.0
    return wmin


# A similarity held in a byte: its multiples of 1/255, rounded up
_SIM_STEPS = 255
_SIM_UNIT = 1.0 / _SIM_STEPS


def _quantized(vals: np.ndarray) -> np.ndarray:
    """Rows of (similarity, one-word similarity, 1, words met) as bytes: the two
    similarities in steps of 1/255, rounded up (a bound read from them never falls
    below the exact one, and is at most 0.004 a word above it), the counts as they are.
    Four bytes a row found where float32 took sixteen: the words a batch of ordinary
    names repeats stay cached (the cache held 6,300 of the 17,700 words of 32,000 such
    names, and looked up 55% of its words again)."""
    out = np.empty(vals.shape, dtype=np.uint8)
    out[:, :2] = np.ceil(vals[:, :2] * _SIM_STEPS)
    out[:, 2:] = vals[:, 2:]
    return out


def syllable_count_mask(p: Prepared) -> int:
    """Bit n set when the name reads as a sequence of n Chinese syllables (n < 32)."""
    mask = 0
    for _, _, seq in p.sinitic:
        mask |= 1 << min(len(seq), 31)
    return mask
