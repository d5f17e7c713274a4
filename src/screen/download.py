"""Fetching the official list files over HTTP, with the standard library only.

What the authorities' servers do, and what this module does about it:

* OFAC's Sanctions List Service answers 403 unless the User-Agent starts with
  ``Mozilla/<digit>`` and is at least 40 characters long: :data:`USER_AGENT` is such a
  string and names this library.
* The EU's Financial Sanctions Files server builds its file on request and answers
  HTTP 500 for minutes at a time: 5xx answers, 408/429, timeouts, resets and short
  bodies are retried with exponential backoff (``Retry-After`` is honoured, capped).
* Any server may close the connection early: a body shorter than its
  ``Content-Length`` is a truncation, never a file.
* A file is written as ``NAME.part`` and renamed only when complete, so a crash never
  leaves a half file under the real name.

``OFFICIAL`` is the table of addresses (checked against each authority's pages and
their use in the field; see :data:`OFFICIAL`). A ``base_url`` (or ``$SCREEN_BASE_URL``)
replaces every address by ``<base_url>/<name>`` with the same file names, so a mirror,
a proxy or a test server can serve them; ``file://`` bases work too, and so does a
plain path to a folder (taken as its ``file://`` URL).
Redirects are followed (urllib keeps our headers across them).

This module only fetches bytes; :mod:`screen.store` recognises, parses, validates and
promotes them.
"""

from __future__ import annotations

import email.utils
import hashlib
import http.client
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from . import __version__
from .errors import DownloadError

USER_AGENT = f"Mozilla/5.0 (compatible; screen/{__version__}; sanctions list downloader)"

_OFAC = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"


@dataclass(frozen=True, slots=True)
class Remote:
    """One file an authority publishes."""

    source: str  # "ofac" | "eu" | "uk" | "canada"
    list: str  # the publication it belongs to
    name: str  # file name, used under a base_url and in the snapshot's raw/ folder
    url: str  # official address


#: The official addresses. OFAC: the Sanctions List Service exports (SDN and the non-SDN
#: Consolidated list, legacy CSV sets). EU: the Financial Sanctions Files full XML 1.1
#: (the public token is part of the published address). UK: the FCDO UK Sanctions List
#: XML, the only official UK list since 28 January 2026 (the OFSI ConList is
#: discontinued). Canada: the Consolidated Canadian Autonomous Sanctions List (SEMA and
#: JVCFOA regimes).
OFFICIAL: tuple[Remote, ...] = (
    Remote("ofac", "SDN", "SDN.CSV", _OFAC + "SDN.CSV"),
    Remote("ofac", "SDN", "ALT.CSV", _OFAC + "ALT.CSV"),
    Remote("ofac", "SDN", "ADD.CSV", _OFAC + "ADD.CSV"),
    Remote("ofac", "SDN", "SDN_COMMENTS.CSV", _OFAC + "SDN_COMMENTS.CSV"),
    Remote("ofac", "Consolidated (non-SDN)", "CONS_PRIM.CSV", _OFAC + "CONS_PRIM.CSV"),
    Remote("ofac", "Consolidated (non-SDN)", "CONS_ALT.CSV", _OFAC + "CONS_ALT.CSV"),
    Remote("ofac", "Consolidated (non-SDN)", "CONS_ADD.CSV", _OFAC + "CONS_ADD.CSV"),
    Remote("ofac", "Consolidated (non-SDN)", "CONS_COMMENTS.CSV", _OFAC + "CONS_COMMENTS.CSV"),
    Remote(
        "eu",
        "Financial Sanctions Files",
        "xmlFullSanctionsList_1_1.xml",
        "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content"
        "?token=dG9rZW4tMjAxNw",
    ),
    Remote(
        "uk",
        "UK Sanctions List",
        "UK-Sanctions-List.xml",
        "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.xml",
    ),
    Remote(
        "canada",
        "Consolidated Canadian Autonomous Sanctions List",
        "sema-lmes.xml",
        "https://www.international.gc.ca/world-monde/assets/office_docs/"
        "international_relations-relations_internationales/sanctions/sema-lmes.xml",
    ),
)

BACKOFF = 2.0  # seconds before the first retry; doubles at each retry
RETRIES = 5
RETRY_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
MAX_WAIT = 60.0  # seconds: cap for one backoff step or a Retry-After
CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Fetched:
    """A file fetched to disk."""

    remote: Remote
    url: str  # the address asked for (official or under base_url)
    final_url: str  # after redirects
    path: Path
    size: int
    sha256: str
    fetched_at: str  # ISO 8601 UTC
    last_modified: str | None  # the server's Last-Modified, ISO 8601, when sent
    attempts: int


def remotes(sources: Iterable[str] | None = None) -> list[Remote]:
    """The official files of the given sources (all when None), in table order."""
    known = {r.source for r in OFFICIAL}
    if sources is None:
        return list(OFFICIAL)
    wanted = set(sources)
    unknown = wanted - known
    if unknown:
        raise ValueError(f"'sources' must be among {sorted(known)} (got {sorted(unknown)})")
    return [r for r in OFFICIAL if r.source in wanted]


_SCHEMES = ("http", "https", "file", "ftp")  # what urllib opens (data: URLs are no mirror)


def resolve_base_url(base_url: str | None) -> str | None:
    """``base_url`` if given, else ``$SCREEN_BASE_URL`` if set and non-empty, else None.

    A plain path to an existing folder is taken as that folder's ``file://`` URL (a
    mirror on disk); anything else that is not an http(s), file or ftp URL is a
    :class:`~screen.errors.DownloadError`, said before any download."""
    given = base_url or os.environ.get("SCREEN_BASE_URL") or None
    if given is None:
        return None
    scheme = urllib.parse.urlsplit(given).scheme.lower()
    if scheme in _SCHEMES:
        return given
    what = "'base_url'" if base_url else "$SCREEN_BASE_URL"
    if not scheme:
        folder = Path(given).expanduser()
        if folder.is_dir():
            return folder.resolve().as_uri()
        raise DownloadError(
            f"{what} must be a URL (http://, https://, file://) or an existing folder "
            f"(got {given!r}: no such folder)"
        )
    raise DownloadError(
        f"{what} must be a URL (http://, https://, file://) or an existing folder "
        f"(got {given!r}: unknown URL scheme {scheme!r})"
    )


def url_of(remote: Remote, base_url: str | None = None) -> str:
    base = resolve_base_url(base_url)
    if not base:
        return remote.url
    return base.rstrip("/") + "/" + remote.name


def _want_progress(progress: bool | None) -> bool:
    if progress is None:
        try:
            return sys.stderr.isatty()
        except (AttributeError, ValueError):
            return False
    return bool(progress)


def _retry_after(exc: urllib.error.HTTPError) -> float | None:
    value = exc.headers.get("Retry-After") if exc.headers else None
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:  # (Python 3.11 raises on a text that is no HTTP date: "soon")
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when is None:
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _http_date_to_iso(value: str | None) -> str | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).astimezone(UTC).isoformat()
    except (TypeError, ValueError):
        return None


class _Retry(Exception):
    """A transient failure: try again after a wait."""

    def __init__(self, message: str, wait: float | None = None):
        super().__init__(message)
        self.wait = wait


def _fetch_once(
    url: str, part: Path, *, timeout: float, user_agent: str, progress: bool, label: str
) -> tuple[str, int, str, str | None]:
    """One attempt. Returns (final_url, size, sha256, last_modified) or raises
    :class:`_Retry` for a transient failure, :class:`DownloadError` for a final one."""
    try:
        # (inside the try: Request refuses a URL of unknown type with a ValueError)
        request = urllib.request.Request(
            url,
            headers={"User-Agent": user_agent, "Accept": "*/*", "Accept-Encoding": "identity"},
        )
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        exc.close()
        if exc.code in RETRY_STATUS:
            raise _Retry(f"HTTP {exc.code} {exc.reason}", _retry_after(exc)) from None
        hint = ""
        if exc.code == 403:
            hint = " (the server refused the client"
            hint += ("; OFAC's server refuses User-Agents that are not Mozilla-like)"
                     if "ofac.treas.gov" in url else ")")
        raise DownloadError(f"{url}: HTTP {exc.code} {exc.reason}{hint}") from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", exc)
        if url.startswith("file:") and isinstance(reason, FileNotFoundError):
            # a folder or file:// mirror without the file: no wait will bring it
            raise DownloadError(f"{url}: no such file") from None
        raise _Retry(f"connection failed ({reason})") from None
    except ValueError as exc:  # not a URL urllib can open
        raise DownloadError(f"{url}: {exc}") from None

    digest = hashlib.sha256()
    size = 0
    with response:
        final_url = response.geturl()
        status = getattr(response, "status", None)
        if status is not None and not 200 <= status < 300:
            raise DownloadError(f"{url}: HTTP {status} (unexpected answer)")
        if (response.headers.get("Content-Encoding") or "identity").lower() not in ("identity", ""):
            raise DownloadError(
                f"{url}: the server sent a {response.headers['Content-Encoding']}-encoded body "
                "although none was asked for"
            )
        length_header = response.headers.get("Content-Length")
        expected = int(length_header) if length_header and length_header.isdigit() else None
        last_modified = _http_date_to_iso(response.headers.get("Last-Modified"))
        bar = None
        if progress:
            from tqdm import tqdm

            bar = tqdm(
                total=expected,
                unit="B",
                unit_scale=True,
                unit_divisor=1024,
                desc=label,
                leave=False,
                file=sys.stderr,
            )
        try:
            with open(part, "wb") as out:
                while True:
                    try:
                        chunk = response.read(CHUNK)
                    except http.client.IncompleteRead as exc:
                        got = size + len(exc.partial)
                        raise _Retry(
                            f"truncated response ({got:,} of {expected or '?'} bytes)"
                        ) from None
                    except TimeoutError:
                        raise _Retry(f"read timed out after {size:,} bytes") from None
                    except (OSError, http.client.HTTPException) as exc:
                        raise _Retry(f"connection lost after {size:,} bytes ({exc})") from None
                    if not chunk:
                        break
                    out.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
                    if bar is not None:
                        bar.update(len(chunk))
                out.flush()
                os.fsync(out.fileno())
        finally:
            if bar is not None:
                bar.close()
    if expected is not None and size != expected:
        raise _Retry(f"truncated response ({size:,} of {expected:,} bytes)")
    return final_url, size, digest.hexdigest(), last_modified


def fetch(
    remote: Remote,
    dest_dir: Path,
    *,
    base_url: str | None = None,
    retries: int | None = None,
    backoff: float | None = None,
    timeout: float = 60.0,
    user_agent: str = USER_AGENT,
    progress: bool | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Fetched:
    """Download one file into ``dest_dir/<remote.name>``.

    Transient failures (5xx, 408, 429, timeouts, resets, truncation) are retried
    ``retries`` times (default :data:`RETRIES`), waiting ``backoff * 2**attempt``
    seconds (default :data:`BACKOFF`; at most :data:`MAX_WAIT`, or the server's
    ``Retry-After``). Raises :class:`~screen.errors.DownloadError` naming the URL and
    the last status.
    """
    retries = RETRIES if retries is None else retries
    backoff = BACKOFF if backoff is None else backoff
    url = url_of(remote, base_url)
    dest_dir = Path(dest_dir)
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / remote.name
    part = dest.with_name(dest.name + ".part")
    show = _want_progress(progress)
    last = "no attempt"
    try:
        for attempt in range(retries + 1):
            try:
                final_url, size, sha, last_modified = _fetch_once(
                    url,
                    part,
                    timeout=timeout,
                    user_agent=user_agent,
                    progress=show,
                    label=remote.name,
                )
            except _Retry as exc:
                last = str(exc)
                if attempt == retries:
                    break
                wait = exc.wait if exc.wait is not None else backoff * (2**attempt)
                sleep(min(wait, MAX_WAIT))
                continue
            os.replace(part, dest)
            return Fetched(
                remote=remote,
                url=url,
                final_url=final_url,
                path=dest,
                size=size,
                sha256=sha,
                fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
                last_modified=last_modified,
                attempts=attempt + 1,
            )
    finally:
        part.unlink(missing_ok=True)
    raise DownloadError(
        f"{url}: {last} (gave up after {retries + 1} attempts); nothing imported is "
        "changed. Try again later, or download the files by hand and import them with "
        "'screen update --from FOLDER'")
