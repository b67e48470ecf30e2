"""The command line as a person sees it: in a pseudo-terminal, rendered by a terminal
emulator (pyte), and as files and exit codes (the CLI issue, item by item)."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import socket
import struct
import subprocess
import sys
import termios
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pyte
import pytest
import wcwidth
from hypothesis import given, settings
from hypothesis import strategies as st

from voiso_campaigns import _cli, _cli_commands, _output, errors
from voiso_campaigns.testing import FakeServer, FakeVoisoAPI

from .conftest import KEY, campaign


def run_in_terminal(
    args: list[str], *, columns: int = 120, rows: int = 200, env: dict[str, str] | None = None
) -> tuple[int, str, list[str]]:
    """Run the CLI with stdout and stderr on a pseudo-terminal of *columns*; (exit code,
    raw output, the screen as the terminal shows it)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    environment.update({"VOISO_API_KEY": KEY, **(env or {})})
    process = subprocess.Popen(
        [sys.executable, "-m", "voiso_campaigns._cli", *args],
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        env=environment,
        close_fds=True,
    )
    os.close(slave)
    raw = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            process.kill()
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other side closed
            break
        if not chunk:
            break
        raw += chunk
    os.close(master)
    code = process.wait(30)
    screen = pyte.Screen(columns, rows)
    stream = pyte.ByteStream(screen)
    stream.feed(raw.replace(b"\n", b"\r\n"))  # the terminal's onlcr, which pyte leaves out
    return code, raw.decode("utf-8", "replace"), [line.rstrip() for line in screen.display]


@pytest.fixture
def served() -> Iterator[FakeServer]:
    with FakeVoisoAPI(count=60, latency=0.01).serve() as server:
        yield server


def table_rows(screen: list[str]) -> list[str]:
    return [line for line in screen if line and line.split()[0].isdigit()]


# --- 1, 2. progress on a terminal ---------------------------------------------------------


def test_progress_never_lands_inside_the_table(served: FakeServer) -> None:
    """Rendered on a terminal: every row intact, ids in order, no progress text left."""
    code, _, screen = run_in_terminal(["list", "--base-url", served.base_url, "--page-size", "10"])
    assert code == 0
    rows = table_rows(screen)
    assert [int(row.split()[0]) for row in rows] == list(range(1, 61))
    assert not [line for line in screen if "fetching page" in line]
    assert screen[0].split()[:2] == ["id", "name"]


def test_progress_counts_the_pages_max_items_needs(served: FakeServer) -> None:
    """--max-items 25 --page-size 10 from 60 campaigns: 3 pages, not 6."""
    code, raw, _ = run_in_terminal(
        ["list", "--base-url", served.base_url, "--page-size", "10", "--max-items", "25"]
    )
    assert code == 0
    assert "fetching page 2/3" in raw
    assert "/6" not in raw


# --- 4. nothing half-written -----------------------------------------------------------------


def run_cli(
    args: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    key: str = KEY,
) -> tuple[int, str, str]:
    monkeypatch.setenv("VOISO_API_KEY", key)
    try:
        code = _cli.main(args)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["json", "csv", "table", "ndjson"])
def test_a_refused_listing_writes_nothing(
    served: FakeServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fmt: str,
) -> None:
    """A wrong key: no `[`, no header, nothing on stdout; one line on stderr."""
    code, out, err = run_cli(
        ["list", "--base-url", served.base_url, "--format", fmt], monkeypatch, capsys, "wrong"
    )
    assert (code, out) == (_cli.EXIT_AUTH, "")
    assert err.count("\n") == 1


def test_output_file_is_whole_or_absent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """-o FILE: complete after success; after a 500 on page 3, no file and no leftover."""
    api = FakeVoisoAPI(count=60)
    target = tmp_path / "campaigns.json"
    with api.serve() as server:
        code, out, _ = run_cli(
            ["list", "--base-url", server.base_url, "--page-size", "10", "-o", str(target)],
            monkeypatch,
            capsys,
        )
        assert (code, out) == (0, "")
        assert len(json.loads(target.read_text())) == 60
        target.unlink()
        third = api.request_count + 3
        api.on_request = lambda fake, n: fake.fail_next(500) if n == third else None
        code, _, err = run_cli(
            [
                "list",
                "--base-url",
                server.base_url,
                "--page-size",
                "10",
                "--max-retries",
                "0",
                "-o",
                str(target),
            ],
            monkeypatch,
            capsys,
        )
    assert code == _cli.EXIT_API
    assert "ServerError" in err
    assert list(tmp_path.iterdir()) == []


# --- 5. fake-server ---------------------------------------------------------------------------


def test_fake_server_on_a_busy_port_is_one_line() -> None:
    """A port in use: exit 6 and one line, not a traceback. The default port is any free one."""
    with socket.create_server(("127.0.0.1", 0)) as busy:
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "voiso_campaigns._cli", "fake-server", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    assert result.returncode == _cli.EXIT_OS
    assert result.stderr.count("\n") == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert _cli.build_parser().parse_args(["fake-server"]).port == 0


# --- 6, 7, 9. what the table shows -------------------------------------------------------------


def hostile_names_fake() -> FakeVoisoAPI:
    return FakeVoisoAPI(
        [
            campaign(1, name="\x1b[31mRED\x1b[0m\nnext\tline"),
            campaign(2, name="Re\u0301activation campaign"),
            campaign(3, name="\U0001f468\u200d\U0001f469\u200d\U0001f467 family"),
            campaign(123456789, name="long id"),
            campaign(123456790, name="\u202eevil"),
        ]
    )


def test_control_characters_are_shown_not_obeyed() -> None:
    """Escape sequences, newlines, tabs and bidi overrides in names appear escaped."""
    with hostile_names_fake().serve() as server:
        code, raw, screen = run_in_terminal(["list", "--base-url", server.base_url])
    assert code == 0
    assert "\x1b[31m" not in raw
    assert "\u202e" not in raw
    assert any("\\x1b[31mRED\\x1b[0m\\x0anext\\x09line" in line for line in screen)
    assert any("\\u202eevil" in line for line in screen)


def test_rows_align_and_long_ids_are_whole() -> None:
    """Combining accents and a ZWJ emoji family keep the columns straight; ids are never cut."""
    with hostile_names_fake().serve() as server:
        code, raw, screen = run_in_terminal(["list", "--base-url", server.base_url])
    assert code == 0
    assert [row.split()[0] for row in table_rows(screen)] == [
        "1",
        "2",
        "3",
        "123456789",
        "123456790",
    ]
    # pyte cannot draw ZWJ sequences, so the columns are measured on the raw lines with
    # wcwidth, an independent implementation of terminal widths.
    rows = [line for line in raw.splitlines() if line[:1].isdigit()]
    status_columns = {wcwidth.wcswidth(row[: row.index("active")]) for row in rows}
    assert len(status_columns) == 1, rows  # the status column starts at the same place on every row


@pytest.mark.parametrize(
    "text",
    [
        "Re\u0301activation",
        "\U0001f468\u200d\U0001f469\u200d\U0001f467",
        "キャンペーン",
        "Kampagne Süd",
        "\U0001f44d\U0001f3fd ok",
        "e\u0301\u0302x",
        "\u2764\ufe0f",
        "plain",
    ],
)
def test_widths_agree_with_wcwidth(text: str) -> None:
    """Our grapheme widths match wcwidth's on the cases that broke rows before."""
    assert _output.width(text) == wcwidth.wcswidth(text)


def test_the_table_fits_an_80_column_terminal(served: FakeServer) -> None:
    """At 80 columns no row wraps: the header and one screen line per campaign, nothing else
    (a row of 81 would wrap onto a line of its own)."""
    code, _, screen = run_in_terminal(["list", "--base-url", served.base_url], columns=80)
    assert code == 0
    assert len(table_rows(screen)) == 60
    assert len([line for line in screen if line]) == 61, screen[:4]
    assert max(len(line) for line in screen) <= 80


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=40, max_value=200))
def test_the_table_fills_exactly_the_terminal_width(columns: int) -> None:
    """For every width from 40 to 200 the table's columns add up to exactly that width
    (the spare goes to the name) and no row is wider."""
    import io

    from voiso_campaigns import VoisoClient, _output
    from voiso_campaigns_client.resources import LIST_CAMPAIGNS

    http = httpx.Client(transport=FakeVoisoAPI(count=120).transport())
    with VoisoClient(KEY, cluster_id="cc", http_client=http) as client:
        out = io.StringIO()
        pages = client.campaigns.list(offset=90, max_items=30).pages()
        _output.write_items(pages, LIST_CAMPAIGNS, "table", out, terminal_width=columns)
    lines = out.getvalue().splitlines()
    assert max(_output.width(line) for line in lines) <= columns
    shown: list[dict[str, Any]] = []  # the widths depend on the ids only: none is wider
    kept, widths = _output._table_widths(_output.table_columns(), shown, columns, True)
    assert sum(widths) + 2 * (len(widths) - 1) == columns, (kept, widths)
    assert [name for name, _ in kept] == lines[0].split()


def test_server_messages_on_stderr_are_escaped(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A server's error text cannot drive the terminal either."""
    from .hostile import answer, hostile

    with hostile(answer(500, b'{"error": "\\u001b[2J boom"}')) as server:
        code, _, err = run_cli(
            ["list", "--base-url", server.base_url, "--max-retries", "0"], monkeypatch, capsys
        )
    assert code == _cli.EXIT_API
    assert "\x1b" not in err
    assert "\\x1b[2J boom" in err


# --- 8. an encoding error is not a usage error ----------------------------------------------------


def test_an_output_encoding_error_is_an_os_error(served: FakeServer) -> None:
    """PYTHONIOENCODING=ascii and non-ASCII names: exit 6 and one line, not 2."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "voiso_campaigns._cli",
            "list",
            "--base-url",
            served.base_url,
            "--format",
            "csv",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "VOISO_API_KEY": KEY, "PYTHONIOENCODING": "ascii"},
    )
    assert result.returncode == _cli.EXIT_OS
    assert "cannot write the output" in result.stderr


# --- 10, 11. flags and messages ------------------------------------------------------------------


def test_fields_no_header_offset(
    served: FakeServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--fields picks columns, --no-header drops the header, --offset skips campaigns."""
    code, out, _ = run_cli(
        [
            "list",
            "--base-url",
            served.base_url,
            "--format",
            "csv",
            "--fields",
            "id,status",
            "--no-header",
            "--offset",
            "55",
        ],
        monkeypatch,
        capsys,
    )
    assert code == 0
    assert [line.split(",")[0] for line in out.splitlines()] == ["56", "57", "58", "59", "60"]


def test_timeout_and_max_retries_flags(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--max-retries 1 makes exactly two attempts; --timeout bounds each."""
    from .hostile import answer, hostile

    with hostile(answer(503, b"{}")) as server:
        code, _, _ = run_cli(
            ["list", "--base-url", server.base_url, "--max-retries", "1", "--timeout", "5"],
            monkeypatch,
            capsys,
        )
        assert code == _cli.EXIT_API
        assert len(server.requests) == 2


def test_verbose_logs_retries_without_the_key(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """-v shows each retry on stderr; -vv each request; the key never."""
    from .hostile import answer, hostile

    page = json.dumps({"campaigns": [], "metadata": {"total": 0}}).encode()
    with hostile(answer(503, b"{}"), answer(200, page)) as server:
        code, _, err = run_cli(
            ["list", "--base-url", server.base_url, "-vv", "--format", "json"], monkeypatch, capsys
        )
    assert code == 0
    assert "retrying GET /api/v4/campaigns" in err
    assert "-> 200" in err
    assert KEY not in err


def test_verbose_shows_each_request_of_a_successful_run(
    served: FakeServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """-v on a run that needs no retry still shows what was fetched: a line per request."""
    code, out, err = run_cli(
        ["list", "--base-url", served.base_url, "-v", "--page-size", "25", "--format", "json"],
        monkeypatch,
        capsys,
    )
    assert code == 0
    assert len(json.loads(out)) == 60
    lines = err.splitlines()
    assert len(lines) == 3, lines
    assert "GET /api/v4/campaigns?limit=25&offset=0 -> 200" in lines[0]
    assert all(" -> 200 (attempt 1, " in line and " ms)" in line for line in lines)
    assert KEY not in err
    assert "uthorization" not in err


def test_list_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    """`list --help` shows examples, the filters derived from the spec and the new flags."""
    with pytest.raises(SystemExit):
        _cli.main(["list", "--help"])
    out = capsys.readouterr().out
    assert "examples:" in out
    for flag in (
        "--output",
        "--fields",
        "--no-header",
        "--offset",
        "--timeout",
        "--max-retries",
        "--verbose",
    ):
        assert flag in out


@pytest.mark.parametrize(
    ("error", "code", "fragment"),
    [
        (
            errors.PermissionDeniedError(403, message="Forbidden"),
            _cli.EXIT_AUTH,
            "campaigns.read scope",
        ),
        (
            errors.AuthenticationError(401, message="Unauthorized"),
            _cli.EXIT_AUTH,
            "check VOISO_API_KEY",
        ),
        (
            errors.APIConnectionError(
                "connection failed (ConnectError: [Errno -2] Name or service not known)"
            ),
            _cli.EXIT_API,
            "cannot resolve the host of https://zz-nowhere.voiso.com",
        ),
    ],
)
def test_messages_speak_the_cli_s_terms(error: errors.VoisoError, code: int, fragment: str) -> None:
    """401/403 point at the key and its scope; an unknown host is named."""
    args: Any = _cli.build_parser().parse_args(["list", "--cluster-id", "zz-nowhere"])
    got, message = _cli_commands.explain(error, args)
    assert got == code
    assert fragment in message
