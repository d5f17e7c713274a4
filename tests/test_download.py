"""The downloader against a local HTTP server serving the real files under the
official file names, misbehaving on demand like the authorities' servers do."""

from __future__ import annotations

import contextlib
import hashlib
import http.server
import re
import threading
from collections import defaultdict, deque
from pathlib import Path

import pyarrow.compute as pc
import pytest

from screen import cli, download, store
from screen.errors import DownloadError

pytestmark = pytest.mark.usefixtures("no_index_build")  # (what an update imports)

# official file name -> the real file served under it (relative to ../shared/lists)
SERVED = {
    "SDN.CSV": "snapshot/ofac/sdn.csv",
    "ALT.CSV": "snapshot/ofac/alt.csv",
    "ADD.CSV": "snapshot/ofac/add.csv",
    "SDN_COMMENTS.CSV": "snapshot/ofac/sdn_comments.csv",
    "CONS_PRIM.CSV": "snapshot/ofac/cons_prim.csv",
    "CONS_ALT.CSV": "snapshot/ofac/cons_alt.csv",
    "CONS_ADD.CSV": "snapshot/ofac/cons_add.csv",
    "CONS_COMMENTS.CSV": "snapshot/ofac/cons_comments.csv",
    "xmlFullSanctionsList_1_1.xml": "snapshot/eu/eu_fsf_xml_sample_2020-04-15.xml",
    "UK-Sanctions-List.xml": "uk/samples/UK_Sanctions_List.xml_sample_2026-09-10.xml",
    "sema-lmes.xml": "snapshot/canada/sema-lmes.xml",
}

OFAC_UA = re.compile(r"^Mozilla/\d")


class ListServer(http.server.ThreadingHTTPServer):
    """Serves ``files`` at ``/<name>``. ``plan[name]`` is a queue of misbehaviours
    ("500", "redirect", "truncate", "reset") used one per request, then normal
    answers; ``always[name]`` misbehaves on every request. Like OFAC since 2026, it
    answers 403 to a User-Agent that is not ``Mozilla/<digit>...`` of 40+ characters."""

    daemon_threads = True

    def __init__(self, files: dict[str, bytes]):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.files = files
        self.plan: dict[str, deque[str]] = defaultdict(deque)
        self.always: dict[str, str] = {}
        self.log: list[tuple[str, str]] = []  # (path, user agent)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: ListServer

    def log_message(self, *args):  # keep test output clean
        pass

    def do_GET(self):
        ua = self.headers.get("User-Agent", "")
        self.server.log.append((self.path, ua))
        if not (OFAC_UA.match(ua) and len(ua) >= 40):
            return self._plain(403, b"Forbidden")
        path = self.path
        if path.startswith("/moved/"):
            path = path[len("/moved") :]
        name = path.lstrip("/")
        if name not in self.server.files:
            return self._plain(404, b"Not Found")
        queue = self.server.plan[name]
        trick = queue.popleft() if queue else self.server.always.get(name)
        body = self.server.files[name]
        if trick == "500":
            return self._plain(500, b"Internal Server Error")
        if trick == "503-soon":  # a Retry-After that is neither seconds nor a date
            self.send_response(503)
            self.send_header("Retry-After", "soon")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if trick == "redirect":
            self.send_response(302)
            self.send_header("Location", f"/moved/{name}")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if trick == "truncate":  # announce the whole file, send half, hang up
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", "Tue, 14 Apr 2025 10:00:00 GMT")
        self.end_headers()
        self.wfile.write(body)

    def _plain(self, code: int, body: bytes) -> None:
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def served_files(shared_lists) -> dict[str, bytes]:
    return {name: (shared_lists / rel).read_bytes() for name, rel in SERVED.items()}


@pytest.fixture
def server(served_files, monkeypatch):
    srv = ListServer(served_files)
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    monkeypatch.setattr(download, "BACKOFF", 0.001)  # tiny backoff in tests
    monkeypatch.delenv("SCREEN_BASE_URL", raising=False)
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(5)


def _remote(name: str) -> download.Remote:
    return next(r for r in download.OFFICIAL if r.name == name)


# --------------------------------------------------------------------------- the table


def test_every_official_address_is_https_and_names_are_unique():
    assert all(r.url.startswith("https://") for r in download.OFFICIAL)
    names = [r.name for r in download.OFFICIAL]
    assert len(names) == len(set(names))
    assert {r.source for r in download.OFFICIAL} == {"ofac", "eu", "uk", "canada"}
    ofac = {r.name for r in download.remotes(["ofac"])}
    assert ofac == {
        "SDN.CSV",
        "ALT.CSV",
        "ADD.CSV",
        "SDN_COMMENTS.CSV",
        "CONS_PRIM.CSV",
        "CONS_ALT.CSV",
        "CONS_ADD.CSV",
        "CONS_COMMENTS.CSV",
    }
    assert set(SERVED) == set(names)


def test_the_user_agent_passes_the_ofac_rule():
    assert OFAC_UA.match(download.USER_AGENT) and len(download.USER_AGENT) >= 40


def test_base_url_replaces_the_address_keeping_the_file_name(monkeypatch):
    r = _remote("SDN.CSV")
    monkeypatch.delenv("SCREEN_BASE_URL", raising=False)
    assert download.url_of(r) == r.url
    assert download.url_of(r, "http://mirror/lists/") == "http://mirror/lists/SDN.CSV"
    monkeypatch.setenv("SCREEN_BASE_URL", "http://env-mirror")
    assert download.url_of(r) == "http://env-mirror/SDN.CSV"
    assert download.url_of(r, "http://arg") == "http://arg/SDN.CSV"


# --------------------------------------------------------------------------- fetch


def test_fetch_writes_the_exact_bytes(server, served_files, tmp_path):
    got = download.fetch(_remote("sema-lmes.xml"), tmp_path, base_url=server.url, progress=False)
    body = served_files["sema-lmes.xml"]
    assert got.path == tmp_path / "sema-lmes.xml" and got.path.read_bytes() == body
    assert got.sha256 == hashlib.sha256(body).hexdigest() and got.size == len(body)
    assert got.attempts == 1 and got.url == f"{server.url}/sema-lmes.xml"
    assert got.last_modified == "2025-04-14T10:00:00+00:00"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sema-lmes.xml"]  # no .part left


def test_a_500_is_retried_with_backoff(server, served_files, tmp_path):
    server.plan["SDN.CSV"].extend(["500", "500"])
    waits = []
    got = download.fetch(
        _remote("SDN.CSV"),
        tmp_path,
        base_url=server.url,
        backoff=0.5,
        sleep=waits.append,
        progress=False,
    )
    assert got.attempts == 3 and waits == [0.5, 1.0]
    assert got.path.read_bytes() == served_files["SDN.CSV"]


def test_a_redirect_is_followed_with_our_user_agent(server, served_files, tmp_path):
    server.plan["ALT.CSV"].append("redirect")
    got = download.fetch(_remote("ALT.CSV"), tmp_path, base_url=server.url, progress=False)
    assert got.final_url.endswith("/moved/ALT.CSV")
    assert got.path.read_bytes() == served_files["ALT.CSV"]
    assert [ua for path, ua in server.log] == [download.USER_AGENT] * 2


def test_a_retry_after_that_is_no_date_is_waited_out_as_any_503(server, served_files,
                                                                 tmp_path):
    # (Python 3.11's email.utils raises on "soon": the update crashed with a traceback)
    server.plan["ADD.CSV"].append("503-soon")
    waits = []
    got = download.fetch(_remote("ADD.CSV"), tmp_path, base_url=server.url, backoff=0.5,
                         sleep=waits.append, progress=False)
    assert got.attempts == 2 and waits == [0.5]
    assert got.path.read_bytes() == served_files["ADD.CSV"]


def test_a_redirect_is_recorded_in_the_manifest(server, tmp_home, real_parsers):
    server.plan["sema-lmes.xml"].append("redirect")
    assert cli.main(["update", "--base-url", server.url, "--source", "canada"]) == 0
    (entry,) = store.manifest("canada")["files"]
    assert entry["origin"] == f"{server.url}/sema-lmes.xml"
    assert entry["served_from"] == f"{server.url}/moved/sema-lmes.xml"


def test_a_file_missing_from_a_folder_mirror_fails_at_once(tmp_path):
    waits = []
    with pytest.raises(DownloadError, match="no such file") as info:
        download.fetch(_remote("sema-lmes.xml"), tmp_path / "out",
                       base_url=(tmp_path / "empty").as_uri(), sleep=waits.append,
                       progress=False)
    assert waits == [] and "attempts" not in str(info.value)


def test_a_truncated_body_is_an_error_never_a_file(server, tmp_path):
    server.always["ADD.CSV"] = "truncate"
    with pytest.raises(DownloadError, match=r"ADD\.CSV: truncated response") as info:
        download.fetch(_remote("ADD.CSV"), tmp_path, base_url=server.url, retries=2, progress=False)
    assert "3 attempts" in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_a_truncated_body_then_a_whole_one_succeeds(server, served_files, tmp_path):
    server.plan["ADD.CSV"].append("truncate")
    got = download.fetch(_remote("ADD.CSV"), tmp_path, base_url=server.url, progress=False)
    assert got.attempts == 2 and got.path.read_bytes() == served_files["ADD.CSV"]


def test_a_client_without_a_mozilla_user_agent_gets_403(server, tmp_path):
    with pytest.raises(DownloadError, match=r"SDN\.CSV: HTTP 403") as info:
        download.fetch(
            _remote("SDN.CSV"),
            tmp_path,
            base_url=server.url,
            user_agent="Python-urllib/3.11",
            progress=False,
        )
    # (OFAC's rule on User-Agents is named for OFAC's server only)
    assert "the server refused the client" in str(info.value)
    assert "OFAC" not in str(info.value)
    assert len(server.log) == 1  # a 403 is final: not retried


def test_a_persistent_500_gives_up_naming_url_and_status(server, tmp_path):
    server.always["sema-lmes.xml"] = "500"
    with pytest.raises(DownloadError) as info:
        download.fetch(
            _remote("sema-lmes.xml"), tmp_path, base_url=server.url, retries=3, progress=False
        )
    msg = str(info.value)
    assert f"{server.url}/sema-lmes.xml" in msg and "HTTP 500" in msg and "4 attempts" in msg
    assert len(server.log) == 4


def test_a_refused_connection_is_retried_then_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(download, "BACKOFF", 0.001)
    with contextlib.closing(__import__("socket").socket()) as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # closed again: nothing listens there
    with pytest.raises(DownloadError, match="connection failed"):
        download.fetch(
            _remote("SDN.CSV"),
            tmp_path,
            base_url=f"http://127.0.0.1:{port}",
            retries=1,
            progress=False,
        )


def test_a_progress_bar_can_be_forced(server, tmp_path, capsys):
    download.fetch(_remote("CONS_PRIM.CSV"), tmp_path, base_url=server.url, progress=True)
    assert "CONS_PRIM.CSV" in capsys.readouterr().err


def test_file_urls_work_as_a_mirror(shared_lists, tmp_path):
    mirror = tmp_path / "mirror"
    mirror.mkdir()
    (mirror / "sema-lmes.xml").write_bytes((shared_lists / SERVED["sema-lmes.xml"]).read_bytes())
    got = download.fetch(
        _remote("sema-lmes.xml"), tmp_path / "out", base_url=mirror.as_uri(), progress=False
    )
    assert got.path.read_bytes() == (mirror / "sema-lmes.xml").read_bytes()


def test_a_plain_folder_path_is_taken_as_a_file_mirror(
    fake_formats, tmp_home, tmp_path, monkeypatch
):
    mirror = tmp_path / "mirror"
    fake_formats.write(mirror / "sema-lmes.xml", "canada", 4)
    monkeypatch.chdir(tmp_path)  # (a relative path works too)
    assert cli.main(["update", "--base-url", "mirror", "--source", "canada"]) == 0
    m = store.manifest("canada")
    assert [f["origin"] for f in m["files"]] == [f"{mirror.as_uri()}/sema-lmes.xml"]


@pytest.mark.parametrize("how", ["option", "environment"])
@pytest.mark.parametrize("base, says", [
    ("{tmp}/no/such/folder", "no such folder"),
    ("htp://mirror.example", "unknown URL scheme 'htp'"),
])
def test_a_base_url_neither_url_nor_folder_is_one_line(tmp_home, tmp_path, monkeypatch, capsys,
                                                       how, base, says):
    base = base.format(tmp=tmp_path)
    if how == "option":
        code, what = cli.main(["update", "--base-url", base]), "'base_url'"
    else:
        monkeypatch.setenv("SCREEN_BASE_URL", base)
        code, what = cli.main(["update"]), "$SCREEN_BASE_URL"
    assert code == 1
    assert capsys.readouterr().err == (
        f"screen: error: {what} must be a URL (http://, https://, file://) or an existing "
        f"folder (got {base!r}: {says})\n"
    )
    assert not tmp_home.exists()  # said before anything was written


def test_a_url_urllib_cannot_open_is_a_download_error(tmp_path):
    with pytest.raises(DownloadError, match="^no-scheme/SDN.CSV: unknown url type"):
        download._fetch_once("no-scheme/SDN.CSV", tmp_path / "part", timeout=1,
                             user_agent=download.USER_AGENT, progress=False, label="SDN.CSV")


# --------------------------------------------------------------------------- update, end to end


def _counts(home: Path) -> dict[str, int]:
    counts = pc.value_counts(store.load(home).entities["source"])
    return dict(zip(counts.field("values").to_pylist(), counts.field("counts").to_pylist()))


def test_update_downloads_every_source(server, tmp_home, real_parsers, capsys):
    code = cli.main(["update", "--base-url", server.url])
    out, err = capsys.readouterr()
    assert code == 0, err
    # eu: 7 sanctionEntity elements, one logicalId twice; uk: the 5-designation FCDO sample
    assert _counts(tmp_home) == {"ofac": 14_965 + 442, "eu": 6, "uk": 5, "canada": 5_090}
    m = store.manifest("ofac")
    assert {f["origin"] for f in m["files"]} == {
        f"{server.url}/{r.name}" for r in download.remotes(["ofac"])
    }
    assert all(f["last_modified"] == "2025-04-14T10:00:00+00:00" for f in m["files"])
    for source in ("ofac", "eu", "uk", "canada"):
        assert re.search(rf"^{source}\s.*\bupdated\b", out, re.MULTILINE), out


def test_update_uses_screen_base_url(server, tmp_home, real_parsers, monkeypatch):
    monkeypatch.setenv("SCREEN_BASE_URL", server.url)
    assert cli.main(["update", "--source", "canada"]) == 0
    assert _counts(tmp_home) == {"canada": 5_090}


def test_update_retries_a_server_answering_500_for_a_while(server, tmp_home, real_parsers):
    server.plan["xmlFullSanctionsList_1_1.xml"].extend(["500"] * 3)
    assert cli.main(["update", "--base-url", server.url, "--source", "eu"]) == 0
    assert _counts(tmp_home) == {"eu": 6}


def test_a_persistent_500_keeps_the_previous_snapshot_and_exits_non_zero(
    server, tmp_home, real_parsers, capsys
):
    small = ["--source", "eu", "--source", "uk", "--source", "canada"]  # OFAC: covered above
    assert cli.main(["update", "--base-url", server.url, *small]) == 0
    before = {s: store.current_version(s) for s in ("eu", "uk", "canada")}
    server.always["sema-lmes.xml"] = "500"
    server.files = {
        **server.files,
        "UK-Sanctions-List.xml": server.files["UK-Sanctions-List.xml"].replace(
            b"</Designations>", b"<!-- changed -->\n</Designations>"
        ),
    }
    capsys.readouterr()
    code = cli.main(["update", "--base-url", server.url, *small])
    out, err = capsys.readouterr()
    assert code == 1
    assert f"{server.url}/sema-lmes.xml" in err and "HTTP 500" in err
    assert re.search(r"^canada\s+-\s+FAILED\s", out, re.MULTILINE), out
    assert store.current_version("canada") == before["canada"]
    assert store.current_version("uk") != before["uk"]  # the others still update
    assert store.current_version("eu") == before["eu"]  # unchanged files: same version
    assert _counts(tmp_home)["canada"] == 5_090


@pytest.mark.parametrize("address, served, said", [
    # one address serving another's list: no folder to tidy, so no advice to move a file
    ("SDN.CSV", "CONS_PRIM.CSV", "two of the files downloaded hold one list (Consolidated"),
    # the address of the aliases serving the addresses: the SDN would lose every alias
    ("ALT.CSV", "ADD.CSV", "/ALT.CSV: ALT.CSV holds an OFAC add.csv file for SDN.CSV"),
])
def test_an_ofac_address_serving_another_files_content_fails_ofac(server, tmp_home, real_parsers,
                                                                  address, served, said):
    server.files = {**server.files, address: server.files[served]}
    report = store.update(base_url=server.url, sources=["ofac"], progress=False)
    assert not report.ok and store.current_version("ofac") is None
    assert said in report["ofac"].reason, report["ofac"].reason
    assert "move the other out of the folder" not in report["ofac"].reason


def test_a_file_of_the_wrong_source_at_an_address_fails_that_source(server, tmp_home, real_parsers):
    server.files = {**server.files, "sema-lmes.xml": server.files["xmlFullSanctionsList_1_1.xml"]}
    report = store.update(base_url=server.url, sources=["canada"], progress=False)
    assert not report.ok
    assert "expected a list file of canada" in report["canada"].reason
    assert f"{server.url}/sema-lmes.xml" in report["canada"].reason
