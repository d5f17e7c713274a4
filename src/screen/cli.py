"""The ``screen`` command: a thin client of the library.

Adding a subcommand is one decorated function::

    @command("match", "screen one name", arg("name"), arg("--threshold", type=float))
    def _match(args: argparse.Namespace) -> int:
        ...
        return 0

The decorator records the name, help and arguments in :data:`COMMANDS`;
:func:`build_parser` turns them into sub-parsers. The function returns the exit code.

Errors have one boundary, :func:`main`: a :class:`~screen.errors.ScreenError` becomes
``screen: error: <message>`` on stderr and exit code 1; anything else is a bug and
keeps its traceback. Tables go to stdout, problems to stderr.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from . import __version__
from .errors import ScreenError


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    arguments: tuple[tuple[tuple, dict], ...]
    run: Callable[[argparse.Namespace], int]


COMMANDS: dict[str, Command] = {}


def arg(*flags: str, **options) -> tuple[tuple, dict]:
    """One ``add_argument`` call, recorded for later."""
    return flags, options


def _encoding(text: str) -> str:
    """--encoding: a text encoding Python knows."""
    import codecs

    try:
        codecs.lookup(text)
    except LookupError:
        raise argparse.ArgumentTypeError(f"unknown text encoding: {text!r}") from None
    return text


def _threshold(text: str) -> float:
    """``--threshold``: a score in (0, 100], checked as the command line is read."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= 100:  # (also refuses nan)
        raise argparse.ArgumentTypeError(f"must be in (0, 100] (got {text})")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 (got {value})")
    return value


def _kind(text: str) -> str:
    """``--kind``: what ``match`` reads (any case, "organisation", "individual")."""
    from .match import KIND_WORDS, KINDS

    kind = KIND_WORDS.get(text.strip().lower())
    if kind is None:
        raise argparse.ArgumentTypeError(f"must be one of {', '.join(KINDS)} (got {text!r})")
    return kind


def _birth_date(text: str) -> str:
    """``--birth-date``: a text with a four-digit year, as ``screen.match`` reads it."""
    from .match import birth_year

    try:
        birth_year(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return text


def command(name: str, help: str, *arguments: tuple[tuple, dict]):
    """Register a subcommand (see the module docstring)."""

    def register(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        COMMANDS[name] = Command(name, help, arguments, run)
        return run

    return register


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="screen",
        description="Sanctions screening against the OFAC, EU, UK and Canadian lists.",
    )
    parser.add_argument("--version", action="version", version=f"screen {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for c in COMMANDS.values():
        p = sub.add_parser(c.name, help=c.help, description=c.help)
        for flags, options in c.arguments:
            p.add_argument(*flags, **options)
        p.set_defaults(_run=c.run)
    return parser


def _terminated(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # (143, as a shell reports a process SIGTERM ended)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # SIGTERM (a scheduler stopping the job) unwinds as Ctrl-C does: what a command was
    # writing is removed (screen batch's hidden output file) and its workers stopped,
    # instead of the process vanishing with them left behind
    terminate = threading.current_thread() is threading.main_thread()
    before = signal.signal(signal.SIGTERM, _terminated) if terminate else None
    try:
        with warnings.catch_warnings():
            warnings.showwarning = _show_warning
            return args._run(args)
    except ScreenError as exc:
        print(f"screen: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("screen: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # the reader went away ("screen match ... --json | head -1"): as other command
        # line tools, stop without a word; stdout is pointed at nothing so that the
        # interpreter's own flush at exit does not fail once more
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, as a shell reports a process the signal ended
    finally:
        if terminate:
            signal.signal(signal.SIGTERM, before)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """The library's warnings as a line of the command's own (``screen: warning: ...``),
    not as Python prints them (a file, a line number and a line of its source)."""
    if category.__module__.startswith(__package__ + "."):
        print(f"screen: warning: {message}", file=sys.stderr)
    else:
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


# --------------------------------------------------------------------------- output


def table(rows: list[list[str]], header: list[str], *,
          right: Collection[int] = frozenset()) -> str:
    """A fixed-width text table; columns in ``right`` are right-aligned."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = []
    for r in [header, *rows]:
        cells = [
            str(c).rjust(w) if i in right else str(c).ljust(w)
            for i, (c, w) in enumerate(zip(r, widths))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _n(value: int | None) -> str:
    return "-" if value is None else f"{value:,}"


def _when(value: str | None) -> str:
    """An ISO timestamp shortened to minutes, in UTC as stored."""
    if not value:
        return "-"
    return value.replace("T", " ")[:16] + (
        " UTC" if "+00:00" in value or value.endswith("Z") else ""
    )


# --------------------------------------------------------------------------- commands


@command(
    "update",
    "download the official lists (or import a folder of list files) into a new snapshot",
    arg(
        "--from",
        dest="from_dir",
        metavar="DIR",
        help="import the list files in DIR (any layout, recognised by content) instead of "
        "downloading",
    ),
    arg(
        "--force",
        action="store_true",
        help="accept what is refused as likely a mistake: a list with under half the "
        "entities of the current snapshot, a file that looks cut short, an older edition, "
        "a set without one of the current lists",
    ),
    arg(
        "--source",
        dest="sources",
        action="append",
        metavar="S",
        choices=["ofac", "eu", "uk", "canada"],
        help="only this source (repeatable): ofac, eu, uk, canada",
    ),
    arg(
        "--base-url",
        metavar="URL",
        help="fetch the same file names under URL instead of the official addresses "
        "(default: $SCREEN_BASE_URL)",
    ),
    arg("--home", metavar="DIR", help="data home (default: $SCREEN_HOME, see 'screen lists')"),
)
def _update(args: argparse.Namespace) -> int:
    from . import store

    if args.from_dir:
        if args.base_url:
            raise _usage("--from and --base-url cannot be used together")
        report = store.import_dir(
            args.from_dir, home=args.home, force=args.force, sources=args.sources
        )
    else:
        report = store.update(
            home=args.home, force=args.force, sources=args.sources, base_url=args.base_url
        )
    rows = []
    for s in report:
        if not s.ok:
            rows.append(
                [
                    s.source,
                    "-",
                    "FAILED",
                    "-",
                    "-",
                    "-",
                    "-",
                    f"kept {s.version}" if s.version else "-",
                ]
            )
            continue
        assert s.version is not None  # (a report that is ok names its version)
        for i, lst in enumerate(s.lists):
            rows.append(
                [
                    s.source if i == 0 else "",
                    lst.list,
                    s.status if i == 0 else "",
                    _n(lst.entities),
                    _n(lst.names),
                    _n(lst.skipped),
                    lst.published or "-",
                    s.version if i == 0 else "",
                ]
            )
    print(
        table(
            rows,
            ["SOURCE", "LIST", "STATUS", "ENTITIES", "NAMES", "SKIPPED", "PUBLISHED", "VERSION"],
            right={3, 4, 5},
        )
    )
    for s in report:
        for note in dict.fromkeys(s.notes):
            print(f"{s.source}: note: {note}")
    for s in report.failed:
        kept = f" (kept version {s.version})" if s.version else ""
        reason = s.reason  # (most reasons name their source already)
        assert reason is not None  # (a failed report says why)
        reason = reason if reason.startswith(f"{s.source}: ") else f"{s.source}: {reason}"
        print(f"screen: error: {reason}{kept}", file=sys.stderr)
    if any(s.ok for s in report):
        _build_index(args.home)
    return 0 if report.ok else 1


def _build_index(home: str | None) -> None:
    """Build and save the candidate index of the snapshot now current (some 10 s for
    the four lists; loaded in a fraction of a second when it is there already), so
    that the first match of a process does not: above all the processes of users who
    may only read the data home, which cannot save it and so built it every time."""
    from . import store
    from .match import Screener

    try:
        snapshot = store.load(home=home)
    except ScreenError:
        return  # (no snapshot to match against: what failed is said above)
    Screener(snapshot, home=home)


@command(
    "lists",
    "show the lists in the current snapshot: publication date, fetch time, counts",
    arg("--home", metavar="DIR", help="data home (default: $SCREEN_HOME, see 'screen lists')"),
)
def _lists(args: argparse.Namespace) -> int:
    from pathlib import Path

    from . import store

    home = Path(args.home).expanduser() if args.home else store.data_home()
    damaged: list = []
    manifests = store.current_manifests(home, damaged=damaged)
    if not manifests and damaged:
        raise damaged[0]
    if not manifests:
        from .errors import NoSnapshotError

        raise NoSnapshotError(home)
    rows = []
    for source, m in manifests.items():
        for lst in m["lists"]:
            rows.append(
                [
                    source,
                    lst["list"],
                    lst.get("published") or "-",
                    _when(lst.get("fetched_at")),
                    _n(lst["entities"]),
                    _n(lst["names"]),
                    m["version"],
                ]
            )
    print(
        table(
            rows,
            ["SOURCE", "LIST", "PUBLISHED", "FETCHED AT", "ENTITIES", "NAMES", "VERSION"],
            right={4, 5},
        )
    )
    # what every match against these lists records (Match.snapshot): the versions it
    # stands for are found again by store.snapshot_versions
    if not damaged:
        print(f"snapshot: {store._snapshot_id(manifests)}")
    print(f"data home: {home}")
    for exc in damaged:  # (the others listed first: one damaged source hid them all)
        print(f"screen: error: {exc}", file=sys.stderr)
    return 1 if damaged else 0


@command(
    "match",
    "screen one name against the current snapshot",
    arg("name", help="the name to screen"),
    arg("--threshold", type=_threshold, help="score from which a name matches (default: the "
        "library's DEFAULT_THRESHOLD)"),
    arg("--limit", type=_positive_int, default=10, help="at most this many parties (default 10)"),
    arg("--source", dest="sources", action="append", metavar="S",
        choices=["ofac", "eu", "uk", "canada"], help="only this source (repeatable)"),
    arg("--kind", type=_kind, metavar="{person,organization,vessel,aircraft}",
        help="what the name is: a contradicting listed kind lowers the score"),
    arg("--birth-date", type=_birth_date, help="birth date or year: a contradicting listed year lowers the score"),
    arg("--country", help="country: one among the listed ones raises the score"),
    arg("--no-weak-aliases", dest="weak_aliases", action="store_false",
        help="leave out the names a list marks as weak aliases (OFAC FAQ 124)"),
    arg("--field", action="store_true", help="NAME is a payment message's counterparty field "
        "(account, name, address lines, references: see screen.field_names); each name in it "
        "is screened"),
    arg("--json", action="store_true", help="one JSON object per match and line"),
    arg("--home", metavar="DIR", help="data home (default: $SCREEN_HOME, see 'screen lists')"),
)
def _match(args: argparse.Namespace) -> int:
    import json

    from . import store
    from .fields import field_names
    from .match import Screener
    from .names.normalize import prepare

    shown = (f"{args.name[:100]!r}... ({len(args.name):,} characters)" if len(args.name) > 100
             else repr(args.name))  # (a name pasted by mistake: not echoed whole)
    if prepare(args.name).empty:
        # (an empty shell variable, "$NAME", would otherwise read as a name cleared)
        raise ScreenError(f"nothing to screen in {shown}: no letters or digits of a script "
                          "the matcher reads")
    if args.field and not any(not prepare(n).empty for n in field_names(args.name)):
        # (a field of an account alone: "no match" would read as a name cleared)
        raise ScreenError(f"no name to screen in the field {shown} (see screen.field_names)")
    snapshot, problem = store.load_for(args.sources, args.home)
    if problem:  # (another source than those asked for is damaged: said, not fatal)
        print(f"screen: warning: {problem}; matched against {', '.join(args.sources)} only",
              file=sys.stderr)
    screener = Screener(snapshot, home=args.home)
    matches = (screener.match_field if args.field else screener.match)(
        args.name, threshold=args.threshold, limit=args.limit, sources=args.sources,
        kind=args.kind, birth_date=args.birth_date, country=args.country,
        weak_aliases=args.weak_aliases,
    )
    more = ""
    if len(matches) == args.limit:
        # (a cut list reads as every match otherwise: "Mohammad Ali" shows 10 of 62)
        beyond = (screener.match_field if args.field else screener.match)(
            args.name, threshold=args.threshold, limit=None, sources=args.sources,
            kind=args.kind, birth_date=args.birth_date, country=args.country,
            weak_aliases=args.weak_aliases)
        if len(beyond) > len(matches):
            more = (f"the best {len(matches)} of {len(beyond)} parties that reach the "
                    f"threshold (--limit {len(beyond)} shows all)")
    if args.json:
        for m in matches:
            print(json.dumps(m.to_dict(), ensure_ascii=False))
        if not matches:  # (said beside the output, which holds matches alone)
            print(f"screen: no match for {shown}; snapshot {screener.snapshot_id}",
                  file=sys.stderr)
        if more:
            print(f"screen: {more}", file=sys.stderr)
        return 0
    if not matches:
        # (with the snapshot: a name cleared is a decision an audit replays too)
        print(f"no match for {shown}")
        print(f"snapshot {screener.snapshot_id}")
        return 0
    rows = [[f"{m.score:.1f}", m.source, m.list, m.entity_id, m.entity_type, m.alias,
             ", ".join(m.programs)] for m in matches]
    print(table(rows, ["SCORE", "SOURCE", "LIST", "ID", "TYPE", "MATCHED NAME", "PROGRAMS"],
                right={0}))
    for i, m in enumerate(matches, 1):
        print(f"{i}. {m.alias}: {m.explanation}")
    if more:
        print(more)
    print(f"snapshot {matches[0].snapshot}")
    return 0


@command(
    "batch",
    "screen every row of a CSV or Parquet file; write the matches to a CSV or Parquet file",
    arg("input", help="the table to screen: .csv, .tsv (optionally .gz) or .parquet"),
    arg("-o", "--output", required=True, metavar="OUTPUT",
        help="one row per match and per row that could not be screened: .csv, .tsv or "
        ".parquet"),
    arg("--column", default="name", help="the column of names (default: name)"),
    arg("--threshold", type=_threshold, help="score from which a name matches (default: the "
        "library's DEFAULT_THRESHOLD)"),
    arg("--limit", type=_positive_int, default=10, help="at most this many parties per row (default 10)"),
    arg("--workers", type=_positive_int, help="processes screening at once (default: every core)"),
    arg("--source", dest="sources", action="append", metavar="S",
        choices=["ofac", "eu", "uk", "canada"], help="only this source (repeatable)"),
    arg("--kind", type=_kind, metavar="{person,organization,vessel,aircraft}",
        help="what every name is: a contradicting listed kind lowers the score"),
    arg("--birth-date-column", metavar="COLUMN", help="a column of birth dates or years"),
    arg("--country-column", metavar="COLUMN", help="a column of countries"),
    arg("--no-weak-aliases", dest="weak_aliases", action="store_false",
        help="leave out the names a list marks as weak aliases (OFAC FAQ 124)"),
    arg("--unmatched", action="store_true",
        help="also write a 'no match' row for every row screened without a match"),
    arg("--field", action="store_true", help="each value is a payment message's "
        "counterparty field (account, name, address lines, references: see "
        "screen.field_names); each name in it is screened, as 'screen match --field' does"),
    arg("--changed-since", metavar="OLD",
        help="screen only against the parties added or changed since OLD (as for "
        "'screen diff': SOURCE@VERSION, a data home or a folder of list files); with "
        "--source, only those sources' changes"),
    arg("--encoding", type=_encoding, default="utf-8",
        help="the text encoding of a CSV input (default utf-8; cp1252 for a Western "
        "European Excel export)"),
    arg("--no-progress", action="store_true", help="no progress bar on stderr"),
    arg("--home", metavar="DIR", help="data home (default: $SCREEN_HOME, see 'screen lists')"),
)
def _batch(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from . import batch

    changed_since = None
    if args.changed_since:
        from .diff import resolve

        changed_since = resolve(args.changed_since, home=args.home)
    with tqdm(total=batch.known_rows(args.input), unit=" rows", unit_scale=True,
              file=sys.stderr, disable=True if args.no_progress else None,
              dynamic_ncols=True) as bar:
        summary = batch.screen_file(
            args.input, args.output, progress=bar.update, column=args.column,
            threshold=args.threshold, limit=args.limit, sources=args.sources, kind=args.kind,
            weak_aliases=args.weak_aliases, birth_date_column=args.birth_date_column,
            country_column=args.country_column,
            workers=args.workers, unmatched=args.unmatched, changed_since=changed_since,
            home=args.home, encoding=args.encoding, field=args.field,
        )
    for note in summary.notes:
        print(f"screen: warning: {note}", file=sys.stderr)
    for line in summary.lines():
        print(line)
    return 0


@command(
    "diff",
    "list the parties added, removed and changed between two editions of the lists",
    arg("old", help="the older lists: SOURCE@VERSION of the data home (VERSION: a version, "
        "a unique prefix of one, 'current' or 'previous'), a snapshot id a match recorded, "
        "a data home, or a folder of list files (or one list file)"),
    arg("new", help="the newer lists, in the same forms"),
    arg("--source", dest="sources", action="append", metavar="S",
        choices=["ofac", "eu", "uk", "canada"], help="only this source (repeatable)"),
    arg("-o", "--output", metavar="FILE",
        help="also write one row per change to FILE (.csv, .tsv or .parquet)"),
    arg("--summary", action="store_true", help="only the counts per source"),
    arg("--json", action="store_true",
        help="one JSON object per change and line (with --summary: one object of the "
        "counts); the counts and notes go to stderr"),
    arg("--home", metavar="DIR", help="data home for SOURCE@VERSION (default: $SCREEN_HOME, see 'screen lists')"),
)
def _diff(args: argparse.Namespace) -> int:
    from . import diff

    if args.output:
        diff.check_output(args.output)  # (before the diff, which may take a while)
    d = diff.diff(args.old, args.new, sources=args.sources, home=args.home)
    if args.json:
        return _diff_json(d, args)
    if not args.summary and len(d):
        rows = [[c.change, c.source, c.list, c.entity_id, c.entity_type,
                 c.name if len(c.name) <= 60 else c.name[:59] + "…", c.describe() or "-"]
                for c in d]
        print(table(rows, ["CHANGE", "SOURCE", "LIST", "ID", "TYPE", "NAME", "WHAT CHANGED"]))
    print(d.summary() or "no parties in either snapshot")
    print(f"snapshots {d.old} -> {d.new}")
    for note in d.notes:
        print(f"note: {note}")
    if args.output:
        n = d.write(args.output)
        print(f"wrote {n:,} rows to {args.output}")
    return 0


def _diff_json(d, args: argparse.Namespace) -> int:
    """``screen diff --json``: stdout holds JSON only, so that a job can read it as it
    is: one object per change (:meth:`~screen.diff.PartyChange.to_dict`), or with
    ``--summary`` one object of the snapshots, counts and notes; what a person reads
    goes to stderr."""
    import json

    if args.summary:
        print(json.dumps({
            "old_snapshot": d.old, "new_snapshot": d.new,
            "sources": {s: dict(n, parties_before=d.parties.get(s, (0, 0))[0],
                                parties_after=d.parties.get(s, (0, 0))[1])
                        for s, n in d.counts().items()},
            "notes": list(d.notes)}, ensure_ascii=False))
    else:
        for c in d:
            print(json.dumps(c.to_dict(), ensure_ascii=False))
        print(d.summary() or "no parties in either snapshot", file=sys.stderr)
        print(f"snapshots {d.old} -> {d.new}", file=sys.stderr)
        for note in d.notes:
            print(f"note: {note}", file=sys.stderr)
    if args.output:
        n = d.write(args.output)
        print(f"wrote {n:,} rows to {args.output}", file=sys.stderr)
    return 0


class _UsageError(ScreenError, ValueError):
    pass


def _usage(message: str) -> ScreenError:
    return _UsageError(message)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
