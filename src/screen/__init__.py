"""screen: sanctions screening against the OFAC, EU, UK and Canadian lists.

>>> import screen
>>> screen.match("Chu Hai-lun")          # doctest: +SKIP
[Match(score=98.0, source='canada', ..., alias='Hailun Zhu', ...),
 Match(score=98.0, source='ofac', list='SDN', entity_id='29219', ..., alias='ZHU, Hailun', ...),
 ...]
"""

from __future__ import annotations

__version__ = "0.1.0"  # before the imports: submodules read it

from .api import default_screener, match, match_field, reset
from .batch import match_table, match_table_iter
from .errors import (
    DownloadError,
    ListFormatError,
    NoSnapshotError,
    ScreenError,
    SnapshotError,
    WorkerError,
)
from .fields import field_names
from .match import Match, Screener
from .names.compare import DEFAULT_THRESHOLD, Comparison, compare
from .names.romanize import romanize
from .store import Snapshot, load

__all__ = [
    "DEFAULT_THRESHOLD",
    "Comparison",
    "DownloadError",
    "ListFormatError",
    "Match",
    "NoSnapshotError",
    "ScreenError",
    "Screener",
    "Snapshot",
    "SnapshotError",
    "WorkerError",
    "__version__",
    "compare",
    "default_screener",
    "field_names",
    "load",
    "match",
    "match_field",
    "match_table",
    "match_table_iter",
    "reset",
    "romanize",
]
