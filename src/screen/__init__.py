"""screen: sanctions screening against the OFAC, EU, UK and Canadian lists."""

from __future__ import annotations

from .errors import DownloadError, ListFormatError, NoSnapshotError, ScreenError, SnapshotError

__version__ = "0.1.0"

__all__ = [
    "DownloadError",
    "ListFormatError",
    "NoSnapshotError",
    "ScreenError",
    "SnapshotError",
    "__version__",
]
