"""Errors raised by screen.

Every error the library raises on purpose derives from :class:`ScreenError`, and
also from the builtin exception a caller would expect (``ValueError`` for bad data,
``LookupError`` for a missing snapshot), so ``except ValueError`` keeps working.
The CLI turns a ``ScreenError`` into a one-line message and a non-zero exit code;
anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class ScreenError(Exception):
    """Base of every error screen raises."""


class ListFormatError(ScreenError, ValueError):
    """A list file is not what it claims to be, or cannot be parsed.

    The message names the file and, where known, the line or element.
    """

    def __init__(self, message: str, *, path: object = None, where: str | None = None):
        self.path = None if path is None else str(path)
        self.where = where
        parts = []
        if self.path:
            parts.append(self.path)
        if where:
            parts.append(where)
        prefix = ": ".join(parts)
        super().__init__(f"{prefix}: {message}" if prefix else message)


class DownloadError(ScreenError, OSError):
    """A list could not be downloaded from its address."""


class SnapshotError(ScreenError, ValueError):
    """A snapshot is missing parts, or a new one was refused (e.g. far too small)."""


class WorkerError(ScreenError, RuntimeError):
    """A worker process of a batch ended before its work was done (killed, or out of
    memory): the batch stops with this error instead of waiting for it."""


class NoSnapshotError(ScreenError, LookupError):
    """No snapshot has been imported yet."""

    def __init__(self, home: object):
        super().__init__(
            f"no sanctions list snapshot in {home}: run 'screen update' to download the "
            "lists, or 'screen update --from DIR' to import a folder of downloaded files "
            "(the data home is $SCREEN_HOME when set)"
        )
