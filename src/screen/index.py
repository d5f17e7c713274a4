"""The candidate index: which listed names can reach a score with a query.

Built once per snapshot from :func:`screen.names.compare.token_keys` of every listed
name, kept as three NumPy arrays (sorted 32-bit key hashes, offsets, name rows) so
that it loads in milliseconds and costs a few bytes per key. A hash collision can only
add candidates, never lose one.

For a query, each of its tokens looks up its keys; a listed name that shares no key
with the query cannot score above zero (see ``token_keys``), so it is never looked at.
For the names that do, an upper bound of the score is computed from which query words
they share keys with (vectorised, no Python per name), and only names whose bound
reaches the threshold are compared in full. The bound never undercuts the real score,
so the result equals comparing the query with every listed name.
"""

from __future__ import annotations

import functools
import hashlib
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .names.compare import (
    EXTRA_WORD_PENALTY,
    EXTRA_WORD_PENALTY_SHORT,
    MAX_PENALTY,
    SYLLABLE_MISMATCH_FACTOR,
    full_weight,
    index_keys,
    positional_syllable_keys,
    syllable_keys,
    token_keys,
)
from .names.normalize import Prepared, prepare

INDEX_VERSION = 8


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


def _hash(key: str) -> int:
    return zlib.crc32(key.encode("utf-8"))


@dataclass
class NameIndex:
    key_hashes: np.ndarray  # uint32, sorted, unique
    offsets: np.ndarray  # int64, len(key_hashes) + 1
    postings: np.ndarray  # int32 name rows
    weights: np.ndarray  # float32 per name row: total token weight
    full: np.ndarray  # float32 per name row: weight of the words that are no particles
    sinitic: np.ndarray  # uint32 per name row: bit n set when the name reads as n Chinese syllables
    sextra: np.ndarray  # uint8 per name row: words the Chinese reading leaves out
    ntok: np.ndarray  # uint16 per name row: number of words

    @classmethod
    def build(cls, names: list[str], progress=None) -> NameIndex:
        n = len(names)
        weights = np.zeros(n, dtype=np.float32)
        full = np.zeros(n, dtype=np.float32)
        sinitic = np.zeros(n, dtype=np.uint32)
        sextra = np.zeros(n, dtype=np.uint8)
        ntok = np.zeros(n, dtype=np.uint16)
        key_chunks: list[np.ndarray] = []
        row_chunks: list[np.ndarray] = []
        for row, text in enumerate(names):
            p = prepare(text)
            weights[row] = p.weight
            full[row] = full_weight(p.tokens)
            sinitic[row] = syllable_count_mask(p)
            sextra[row] = p.sinitic_extra
            ntok[row] = min(len(p.tokens), 65535)
            keys = index_keys(p)
            if keys:
                hashes = np.fromiter((_hash(k) for k in keys), dtype=np.uint32, count=len(keys))
                key_chunks.append(hashes)
                row_chunks.append(np.full(len(hashes), row, dtype=np.int32))
            if progress is not None:
                progress(1)
        if key_chunks:
            all_keys = np.concatenate(key_chunks)
            all_rows = np.concatenate(row_chunks)
        else:
            all_keys = np.zeros(0, np.uint32)
            all_rows = np.zeros(0, np.int32)
        order = np.lexsort((all_rows, all_keys))
        all_keys, all_rows = all_keys[order], all_rows[order]
        # drop repeated (key, row) pairs: two keys of one name may share a hash
        if len(all_keys):
            keep = np.ones(len(all_keys), dtype=bool)
            keep[1:] = (all_keys[1:] != all_keys[:-1]) | (all_rows[1:] != all_rows[:-1])
            all_keys, all_rows = all_keys[keep], all_rows[keep]
        uniq, starts = np.unique(all_keys, return_index=True)
        offsets = np.append(starts, len(all_keys)).astype(np.int64)
        return cls(uniq, offsets, all_rows, weights, full, sinitic, sextra, ntok)

    # -- persistence -----------------------------------------------------------------
    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp.npz")
        np.savez(
            tmp,
            version=np.array([INDEX_VERSION]),
            key_hashes=self.key_hashes,
            offsets=self.offsets,
            postings=self.postings,
            weights=self.weights,
            full=self.full,
            sinitic=self.sinitic,
            sextra=self.sextra,
            ntok=self.ntok,
        )
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> NameIndex | None:
        try:
            with np.load(path) as z:
                if int(z["version"][0]) != INDEX_VERSION:
                    return None
                return cls(z["key_hashes"], z["offsets"], z["postings"], z["weights"],
                           z["full"], z["sinitic"], z["sextra"], z["ntok"])
        except (OSError, KeyError, ValueError):
            return None

    @property
    def nbytes(self) -> int:
        return sum(a.nbytes for a in (self.key_hashes, self.offsets, self.postings,
                                      self.weights, self.full, self.sinitic, self.sextra,
                                      self.ntok))

    # -- lookup ------------------------------------------------------------------------
    def _lookup(self, keys: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """Postings of many keys at once: (name rows, index into ``keys`` of the key
        each row came from), without a Python loop over postings."""
        if not keys or not len(self.key_hashes):  # nothing asked, or an empty list
            return _EMPTY, _EMPTY
        hashes = np.fromiter(map(_hash, keys), dtype=np.uint32, count=len(keys))
        pos = np.searchsorted(self.key_hashes, hashes)
        pos[pos >= len(self.key_hashes)] = 0
        found = np.nonzero(self.key_hashes[pos] == hashes)[0]
        if not len(found):
            return _EMPTY, _EMPTY
        starts = self.offsets[pos[found]]
        lengths = self.offsets[pos[found] + 1] - starts
        total = int(lengths.sum())
        # positions start_k, start_k + 1, ... for each found key k, in one array
        step = np.ones(total, dtype=np.int64)
        heads = np.cumsum(lengths)[:-1]
        step[0] = starts[0]
        step[heads] = starts[1:] - (starts[:-1] + lengths[:-1]) + 1
        rows = self.postings[np.cumsum(step)]
        return rows, np.repeat(found, lengths)

    def _rows_for(self, keys: set[str]) -> np.ndarray:
        rows, _ = self._lookup(list(keys))
        return np.unique(rows)

    def candidates(self, query: Prepared, min_score: float) -> np.ndarray:
        """Name rows whose score against ``query`` may reach ``min_score`` (> 0).

        General path: for each query word, the best similarity any of its keys allows
        with each name; summed (times the word's weight) this bounds the covered weight,
        and the words left over on either side bound the penalty, as in ``compare``.
        Chinese path: a name can only score above the partial-match ceiling when every
        syllable of one of the query's syllable sequences shares a key with it and the
        name reads as that many syllables."""
        if query.empty:
            return _EMPTY
        keys: list[str] = []
        k_token: list[int] = []
        k_value: list[float] = []
        k_join: list[bool] = []
        k_single: list[float] = []
        for t, groups in enumerate(token_keys(query)):
            for value, ks in groups:
                keys.extend(ks)
                k_token.extend([t] * len(ks))
                k_value.extend([value] * len(ks))
                # t: and a: keys may meet two words written as one (the join rule)
                k_join.extend([k[0] in "ta" for k in ks])
                # what a one-word name makes of it: exact words and typos in long words
                # keep their value, other shortfalls count double (see compare._single)
                k_single.extend([value if k[0] in "td" or value >= 0.95
                                 else max(0.0, 1.0 - 2.0 * (1.0 - value)) for k in ks])
        keep = _EMPTY
        rows, src = self._lookup(keys)
        if len(rows):
            n_tok = len(query.tokens)
            tok = np.asarray(k_token, dtype=np.int64)[src]
            val = np.asarray(k_value, dtype=np.float64)[src]
            val1 = np.asarray(k_single, dtype=np.float64)[src]
            # a word may meet two of the name's words written as one, or the other way
            # round, through its t: and k: keys (the join rule); a d: key meets one
            cap = np.where(np.asarray(k_join, dtype=bool)[src], 2.0, 1.0)
            pair = rows.astype(np.int64) * n_tok + tok
            order = np.lexsort((-val, pair))
            pair, val, val1, cap = pair[order], val[order], val1[order], cap[order]
            first = np.ones(len(pair), dtype=bool)
            first[1:] = pair[1:] != pair[:-1]
            heads = np.nonzero(first)[0]
            cap = np.maximum.reduceat(cap, heads)  # best value is first; largest cap
            val1 = np.maximum.reduceat(val1, heads)
            pair, val = pair[heads], val[heads]
            tok_w = np.asarray([t.weight for t in query.tokens], dtype=np.float64)
            w = tok_w[pair % n_tok]
            prow = pair // n_tok
            row_first = np.ones(len(prow), dtype=bool)
            row_first[1:] = prow[1:] != prow[:-1]
            row_heads = np.nonzero(row_first)[0]
            uniq = prow[row_heads]
            hit = np.add.reduceat(val * w, row_heads)
            hit1 = np.add.reduceat(val1 * w, row_heads)
            hit_w = np.add.reduceat(w, row_heads)  # bounds the query's matched full weight
            met_n = np.add.reduceat(cap, row_heads)
            wq = float(query.weight)
            wmin = np.minimum(self.weights[uniq], wq)
            wmin = np.where(wmin > 0, wmin, 1.0)
            fq = full_weight(query.tokens)
            fn = self.full[uniq]
            one_word = np.minimum(fn, fq) < 1.9
            # each of the name's words meets one query word, or two written as one, and
            # adds at most its weight (1)
            nt = self.ntok[uniq].astype(np.float64)
            joined = np.maximum.reduceat(cap, row_heads) > 1
            cov = np.minimum(1.0, np.minimum(np.where(one_word, hit1, hit), nt) / wmin)
            hit_w = np.minimum(hit_w, np.where(joined, 2.0 * nt, nt))
            rate = np.where(one_word, EXTRA_WORD_PENALTY_SHORT, EXTRA_WORD_PENALTY)
            # words left over: at least the query's full weight not hit, and the name's
            # full weight beyond what the hit query words can meet (one word each, two
            # through a join; a word weighs at most 1)
            left = np.maximum(np.maximum(0.0, fq - hit_w), fn - met_n)
            bound = 100.0 * cov * (1.0 - np.minimum(MAX_PENALTY, left * rate))
            ok = bound + 1e-6 >= min_score
            if query.sinitic and min_score > 100.0 * SYLLABLE_MISMATCH_FACTOR:
                # two Chinese names are compared syllable by syllable, and score above
                # the partial-match ceiling only in full: the Chinese lookup finds those
                ok &= ~((self.sinitic[uniq] != 0) & (self.sextra[uniq] + query.sinitic_extra <= 1))
            keep = uniq[ok].astype(np.int32)
        if query.sinitic:
            keep = np.union1d(keep, self._sinitic_candidates(query, min_score))
        return keep

    def _sinitic_candidates(self, query: Prepared, min_score: float) -> np.ndarray:
        partial_ceiling = 100.0 * SYLLABLE_MISMATCH_FACTOR
        if min_score <= partial_ceiling:  # any shared syllable may do
            keys = {k for _, _, seq in query.sinitic for syl in seq for k in syllable_keys(syl)}
            rows = self._rows_for(keys) if keys else _EMPTY
            return rows[(self.sinitic[rows] & syllable_count_mask(query)) != 0]
        # a full match: every position of one of the query's sequences meets the
        # same position of one of the name's sequences of that length
        keys: list[str] = []
        owner: list[tuple[int, int]] = []  # (sequence, position) of each key
        for n, (_, _, seq) in enumerate(query.sinitic):
            for pos, syl in enumerate(seq):
                ks = positional_syllable_keys(syl, pos, len(seq))
                keys.extend(ks)
                owner.extend([(n, pos)] * len(ks))
        rows, src = self._lookup(keys)
        if not len(rows):
            return _EMPTY
        owners = np.asarray(owner, dtype=np.int64)[src]
        seq_len = np.asarray([len(seq) for _, _, seq in query.sinitic], dtype=np.int64)
        # distinct (row, sequence, position) triples; a row is a candidate when some
        # sequence has all its positions
        n_seq = len(query.sinitic)
        max_len = int(seq_len.max())
        code = (rows.astype(np.int64) * n_seq + owners[:, 0]) * max_len + owners[:, 1]
        code = np.unique(code)
        row_seq = code // max_len
        uniq, counts = np.unique(row_seq, return_counts=True)
        full = uniq[counts == seq_len[uniq % n_seq]]
        return np.unique((full // n_seq).astype(np.int32))


_EMPTY = np.zeros(0, dtype=np.int32)


def syllable_count_mask(p: Prepared) -> int:
    """Bit n set when the name reads as a sequence of n Chinese syllables (n < 32)."""
    mask = 0
    for _, _, seq in p.sinitic:
        mask |= 1 << min(len(seq), 31)
    return mask
