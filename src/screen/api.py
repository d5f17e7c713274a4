"""The module-level conveniences: one default :class:`Screener`, loaded on first use."""

from __future__ import annotations

import threading
from collections.abc import Collection

from .match import Match, Screener

_default: Screener | None = None
_lock = threading.Lock()


def default_screener() -> Screener:
    """The screener over the current snapshot of the data home, loaded once.

    Raises :class:`screen.NoSnapshotError` (saying how to get one) when no snapshot
    has been imported."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = Screener()
    return _default


def reset() -> None:
    """Forget the default screener (after ``screen update``, the next call reloads)."""
    global _default
    with _lock:
        _default = None


def match(
    name: str,
    *,
    threshold: float | None = None,
    limit: int | None = 10,
    sources: Collection[str] | None = None,
    kind: str | None = None,
    birth_date: object = None,
    country: str | None = None,
    weak_aliases: bool = True,
) -> list[Match]:
    """Screen one name against the current snapshot: see :meth:`Screener.match`."""
    if not isinstance(name, str):
        raise TypeError(f"'name' must be str (got {type(name).__name__})")
    return default_screener().match(
        name, threshold=threshold, limit=limit, sources=sources, kind=kind,
        birth_date=birth_date, country=country, weak_aliases=weak_aliases,
    )


def match_field(
    field: str,
    *,
    threshold: float | None = None,
    limit: int | None = 10,
    sources: Collection[str] | None = None,
    kind: str | None = None,
    birth_date: object = None,
    country: str | None = None,
    weak_aliases: bool = True,
) -> list[Match]:
    """Screen a payment message's counterparty field against the current snapshot:
    see :meth:`Screener.match_field`."""
    if not isinstance(field, str):
        raise TypeError(f"'field' must be str (got {type(field).__name__})")
    return default_screener().match_field(
        field, threshold=threshold, limit=limit, sources=sources, kind=kind,
        birth_date=birth_date, country=country, weak_aliases=weak_aliases,
    )
