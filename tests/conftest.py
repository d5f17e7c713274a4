"""Shared fixtures.

``shared_lists``  the real list files in ``../shared/lists`` (skips when absent).
``tmp_home``      ``$SCREEN_HOME`` set to an empty temporary folder.
``real_parsers``  skips while a format module of the registry is not written yet.
``imported``      the full real snapshot imported once per session through
                  ``screen update --from`` (exit code, output and home); read only.
``home_copy``     a private copy of that imported home, as ``$SCREEN_HOME``.
``fake_formats``  replaces the format registry by two tiny fake formats, so that the
                  store's own logic is tested without the real parsers.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import types
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED_LISTS = Path(os.environ.get("SCREEN_SHARED_LISTS", REPO.parent / "shared" / "lists"))


@pytest.fixture(scope="session")
def shared_lists() -> Path:
    if not (SHARED_LISTS / "snapshot").is_dir():
        pytest.skip(
            f"the real list files are not here ({SHARED_LISTS}); "
            "set SCREEN_SHARED_LISTS to their folder to run this test"
        )
    return SHARED_LISTS


@pytest.fixture
def tmp_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("SCREEN_HOME", str(home))
    monkeypatch.delenv("SCREEN_BASE_URL", raising=False)
    return home


@pytest.fixture(scope="session")
def real_parsers() -> None:
    from screen import sources

    try:
        sources.formats()
    except ModuleNotFoundError as exc:
        pytest.skip(f"a list format module is not written yet ({exc})")


@dataclass(frozen=True)
class Imported:
    home: Path
    code: int
    out: str
    err: str


@pytest.fixture(scope="session")
def imported(shared_lists, real_parsers, tmp_path_factory) -> Imported:
    """``screen update --from ../shared/lists/snapshot`` into a fresh home, once."""
    from screen import cli

    home = tmp_path_factory.mktemp("imported") / "home"
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(["update", "--from", str(shared_lists / "snapshot"), "--home", str(home)])
    return Imported(home=home, code=code, out=out.getvalue(), err=err.getvalue())


@pytest.fixture
def no_index_build(monkeypatch):
    """``screen update`` without the index it builds after importing: for tests of
    what it imports, not of the index (some 10 s for each real snapshot: minutes over
    the tests of updates)."""
    from screen import cli

    monkeypatch.setattr(cli, "_build_index", lambda home: None)


@pytest.fixture
def home_copy(imported, tmp_path, monkeypatch) -> Path:
    home = tmp_path / "home"
    shutil.copytree(imported.home, home, symlinks=True)
    monkeypatch.setenv("SCREEN_HOME", str(home))
    return home


# --------------------------------------------------------------------------- fake formats


FAKE_MAGIC = "#fake-sanctions-list"


def _fake_module(source: str) -> types.ModuleType:
    """A format module for files like::

    #fake-sanctions-list <source> <list name> [published]
    <entity id>\t<name>[\t<alias>...]
    !orphan\t<entity id>\t<name>        (a name whose entity is absent)
    """
    from screen.errors import ListFormatError
    from screen.sources.base import ParsedList
    from screen.sources.schema import Entity, Name, to_tables

    mod = types.ModuleType(f"fake_{source}")
    mod.NAME = f"fake_{source}"
    mod.SOURCE = source

    def sniff(path, head):
        first = head.split(b"\n", 1)[0].decode("utf-8", "replace").split()
        return "main" if first[:2] == [FAKE_MAGIC, source] else None

    def parse(files):
        out = []
        for path in files["main"]:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
            head = lines[0].split()
            list_name = head[2] if len(head) > 2 else "Fake"
            published = head[3] if len(head) > 3 else None
            entities, names = [], []
            for i, line in enumerate(lines[1:], start=2):
                cells = line.split("\t")
                if cells[0] == "!orphan":
                    names.append(Name(source, cells[1], cells[2]))
                    continue
                if len(cells) < 2:
                    raise ListFormatError(
                        "a row needs an id and a name", path=path, where=f"line {i}"
                    )
                entities.append(Entity(source, list_name, cells[0], "person", cells[1]))
                names.append(Name(source, cells[0], cells[1]))
                names += [Name(source, cells[0], a, "aka") for a in cells[2:]]
            ents, nams = to_tables(entities, names)
            out.append(
                ParsedList(
                    source=source,
                    list=list_name,
                    format=mod.NAME,
                    entities=ents,
                    names=nams,
                    files=[Path(path)],
                    published=published,
                )
            )
        return out

    mod.sniff = sniff
    mod.parse = parse
    return mod


class FakeLists:
    """Writes fake list files."""

    @staticmethod
    def write(
        path: Path,
        source: str,
        rows: list[str] | int,
        *,
        list_name: str = "Fake",
        published: str | None = "2025-01-01",
    ) -> Path:
        if isinstance(rows, int):
            rows = [f"{source.upper()}-{i}\tPerson Number {i}\tAlias {i}" for i in range(rows)]
        path.parent.mkdir(parents=True, exist_ok=True)
        head = " ".join(x for x in (FAKE_MAGIC, source, list_name, published) if x)
        path.write_text("\n".join([head, *rows]) + "\n", encoding="utf-8")
        return path


@pytest.fixture
def fake_formats(monkeypatch) -> FakeLists:
    from screen import sources

    fakes = [_fake_module("canada"), _fake_module("eu")]
    monkeypatch.setattr(sources, "formats", lambda: fakes)
    return FakeLists()
