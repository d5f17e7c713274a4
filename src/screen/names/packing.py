"""Prepared names packed into bytes, and back, for the candidate index to keep on disk.

Preparing a listed name costs some 50 us, and a matcher prepared each listed name
the first time a query met it: in the benchmark before this module, 2,000 names a
process had not seen took 0.601 ms at the median, 0.448 ms once every listed name was
prepared (``Screener.warm_up``). The index prepares every listed name when it is built
anyway, so it packs them there and keeps them beside its arrays; unpacking one costs
some 7 us (names not seen, timed in turn: 0.546 -> 0.518 ms).

The format is :mod:`marshal` of plain tuples (strings, numbers, booleans, None):
the fields of :class:`~screen.names.normalize.Prepared` in order, its words as the
fields of each :class:`~screen.names.normalize.Token`, and its Chinese syllables as
numbers into a table of syllables packed once for all names (a few thousand, each
met in many names). ``marshal`` makes no objects but those (it runs no code, as
``pickle`` may), and reads them several times faster than JSON. It is not meant for
bytes it did not write: damaged bytes may unpack into another name, exhaust memory or
crash the interpreter, so the index checks each name's CRC-32 before it unpacks it
(``screen.index.NameIndex.prepared``). Its format may change between Python versions
(:data:`FORMAT`, which the index keeps with the names, says which wrote them), and
the names are read only by the code that wrote them (the index's file name carries a
hash of it, ``screen.index.code_fingerprint``). The bytes are not canonical: marshal
writes an object met twice once, so the same name packed again, its words shared
otherwise, may give other bytes that unpack to an equal name.
"""

from __future__ import annotations

import marshal
import sys
from dataclasses import fields

from .normalize import Prepared, Syllable, Token

# what wrote the bytes: names packed by another are prepared anew
FORMAT = f"marshal {marshal.version}, Python {sys.version_info[0]}.{sys.version_info[1]}"
_TOKEN_FIELDS = tuple(f.name for f in fields(Token))
_PREPARED_FIELDS = tuple(f.name for f in fields(Prepared))
# the fields of Prepared that hold syllables: packed as numbers into the table
_HAN, _SINITIC = _PREPARED_FIELDS.index("han"), _PREPARED_FIELDS.index("sinitic")
_TOKENS = _PREPARED_FIELDS.index("tokens")


class Packer:
    """Packs prepared names, collecting the syllables they hold into one table
    (:meth:`syllables`, to be packed once after every name)."""

    def __init__(self) -> None:
        self._at: dict[tuple, int] = {}

    def _syllable(self, s: Syllable) -> int:
        key = (s.text, tuple(s.ids.items()), s.han, s.korean, s.pinyin, s.surname)
        at = self._at.get(key)
        if at is None:
            at = self._at[key] = len(self._at)
        return at

    def pack(self, p: Prepared) -> bytes:
        values = [getattr(p, f) for f in _PREPARED_FIELDS]
        values[_TOKENS] = tuple(tuple(getattr(t, f) for f in _TOKEN_FIELDS) for t in p.tokens)
        values[_HAN] = tuple(tuple(map(self._syllable, run)) for run in p.han)
        values[_SINITIC] = tuple((rank, order, tuple(map(self._syllable, seq)))
                                 for rank, order, seq in p.sinitic)
        # (a field of another type, which marshal cannot write, is a ValueError here:
        # at the index's build, never a wrong name read back)
        return marshal.dumps(tuple(values))

    def syllables(self) -> bytes:
        """The table of every syllable the names packed so far hold."""
        return marshal.dumps(tuple(self._at))


class Unpacker:
    """Reads names packed by a :class:`Packer` with its syllable table. Words and
    syllables read once are shared by the names read after (as ``prepare`` shares
    them between the names it prepares): fewer objects, and the comparison's memo of
    word pairs (which goes by identity) finds them again."""

    def __init__(self, syllables: bytes) -> None:
        self._syllables = tuple(Syllable(text, dict(ids), han, korean, pinyin, surname)
                                for text, ids, han, korean, pinyin, surname
                                in marshal.loads(syllables))
        self._tokens: dict[tuple, Token] = {}

    def unpack(self, data: bytes) -> Prepared:
        """The prepared name packed in ``data``, bytes a :class:`Packer` with this
        syllable table wrote (others may make anything: see the module's text)."""
        values = list(marshal.loads(data))
        tokens = self._tokens
        words = []
        for fields_ in values[_TOKENS]:
            t = tokens.get(fields_)
            if t is None:
                t = Token(*fields_)
                if len(tokens) < 500_000:
                    tokens[fields_] = t
            words.append(t)
        values[_TOKENS] = tuple(words)
        syl = self._syllables
        values[_HAN] = tuple(tuple([syl[i] for i in run]) for run in values[_HAN])
        values[_SINITIC] = tuple((rank, order, tuple([syl[i] for i in seq]))
                                 for rank, order, seq in values[_SINITIC])
        return Prepared(*values)
