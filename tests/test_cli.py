"""The command line, in-process and end to end in a subprocess against the served fake."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from voiso_campaigns import _cli, _output
from voiso_campaigns.testing import FakeServer, FakeVoisoAPI

from .conftest import SPEC


@pytest.fixture
def server() -> Iterator[FakeServer]:
    with FakeVoisoAPI(count=130).serve() as running:
        yield running


def run_cli(
    args: list[str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    key: str | None = "test-key",
) -> tuple[int, str, str]:
    if key is not None:
        monkeypatch.setenv("VOISO_API_KEY", key)
    code = _cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_json_is_the_api_json(
    server: FakeServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format json prints one array equal to the campaigns the API served."""
    code, out, err = run_cli(
        ["list", "--base-url", server.base_url, "--format", "json"], monkeypatch, capsys
    )
    assert (code, err) == (0, "")
    assert json.loads(out) == server.api.campaigns()


def test_ndjson_filters_and_max_items(
    server: FakeServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format ndjson prints one campaign per line; filters and --max-items are applied."""
    code, out, _ = run_cli(
        [
            "list",
            "--base-url",
            server.base_url,
            "--format",
            "ndjson",
            "--status",
            "active",
            "--no-live",
            "--max-items",
            "3",
            "--page-size",
            "2",
        ],
        monkeypatch,
        capsys,
    )
    rows = [json.loads(line) for line in out.splitlines()]
    expected = [
        c for c in server.api.campaigns() if c["status"] == "active" and c["live"] is False
    ][:3]
    assert code == 0
    assert rows == expected
    assert server.api.requests[-1].params == {
        "limit": "1",
        "offset": "2",
        "status": "active",
        "live": "false",
    }


def test_csv_flattens_nested_fields(
    server: FakeServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format csv has a header and flattens AMD and caller-ID sets."""
    code, out, _ = run_cli(
        ["list", "--base-url", server.base_url, "--format", "csv"], monkeypatch, capsys
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    source = server.api.campaigns()
    assert code == 0
    assert len(rows) == 130
    fields = SPEC["components"]["schemas"]["Campaign"]["properties"]
    header = list(rows[0])
    assert header == [name for name, _ in _output.csv_columns()]
    # Every field of the spec is a column, or the prefix of its nested object's columns.
    assert all(f in header or any(c.startswith(f + ".") for c in header) for f in fields)
    assert "amd_voicemail_message.voice_message.type" in header
    for row, original in zip(rows, source, strict=True):
        assert row["id"] == str(original["id"])
        assert row["name"] == original["name"]
        sets = original["caller_id_sets"]
        assert row["caller_id_sets"] == (
            "|".join(" ".join(s["phone_numbers"]) for s in sets) if sets else ""
        )
        amd = original["amd_voicemail_message"]
        enabled = "" if amd is None else str(amd["enabled"]).lower()
        assert row["amd_voicemail_message.enabled"] == enabled
        voice = amd and amd["voice_message"]
        assert row["amd_voicemail_message.voice_message.type"] == (voice["type"] if voice else "")


def test_table_is_aligned(
    server: FakeServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """--format table prints a header and one row per campaign, wide names cut to fit."""
    code, out, _ = run_cli(
        ["list", "--base-url", server.base_url, "--format", "table"], monkeypatch, capsys
    )
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split() == [
        "id",
        "name",
        "status",
        "strategy",
        "live",
        "updated_at",
    ]
    assert len(lines) == 131
    assert _output.fit("キャンペーン" * 10, 10) == "キャンペ… "
    assert _output.fit("ab", 4) == "ab  "


def test_progress_goes_to_stderr_only_for_several_pages() -> None:
    """The progress indicator reports pages on stderr, never when there is one page."""
    from voiso_campaigns import CampaignPage

    pages = [CampaignPage(campaigns=[], total=250, limit=100, offset=o) for o in (0, 100, 200)]
    err = io.StringIO()
    assert list(_output.with_progress(iter(pages), err, None)) == pages
    assert "fetching page 3/3" in err.getvalue()
    assert err.getvalue().endswith("\r\x1b[K")  # erased before the last page is handed on
    err = io.StringIO()
    single = CampaignPage(campaigns=[], total=50, limit=100, offset=0)
    assert list(_output.with_progress(iter([single]), err, None)) == [single]
    assert err.getvalue() == ""


@pytest.mark.parametrize(
    ("args", "key", "code", "fragment"),
    [
        (["list", "--page-size", "0"], "test-key", 2, "must be from 1 to 100"),
        (["list"], "test-key", 2, "no cluster: pass --cluster-id"),
        (
            ["list", "--base-url", "{url}", "--fields", "zz_nope"],
            "test-key",
            2,
            "unknown column(s) zz_nope",
        ),
        (["list", "--status", "actve"], "test-key", 2, "invalid choice"),
        (["list", "--cluster-id", "a.b"], "test-key", 2, "single DNS label"),
        (
            ["list", "--cluster-id", "cc", "--base-url", "http://127.0.0.1:1"],
            "test-key",
            2,
            "not allowed with",
        ),
        (["list", "--base-url", "{url}"], None, 2, "no API key: set VOISO_API_KEY"),
        (
            ["list", "--base-url", "{url}"],
            "wrong-key",
            3,
            "refused the key (HTTP 401): check VOISO_API_KEY",
        ),
        (["list", "--base-url", "http://127.0.0.1:1"], "test-key", 4, "APIConnectionError"),
    ],
)
def test_exit_codes(
    server: FakeServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    key: str | None,
    code: int,
    fragment: str,
) -> None:
    """2 for usage and configuration, 3 for 401/403, 4 for other failures; one line, no traceback."""
    args = [a.replace("{url}", server.base_url) for a in args]
    monkeypatch.setenv("VOISO_API_KEY", key) if key else None
    try:
        got = _cli.main(args)
    except SystemExit as exit_:  # argparse's own usage errors
        got = int(exit_.code or 0)
    _, err = capsys.readouterr()
    assert got == code
    assert fragment in err
    assert "Traceback" not in err


def test_server_errors_after_retries_exit_4(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A 503 that outlasts the retries is exit code 4."""
    api = FakeVoisoAPI(failures=[503] * 4)
    with api.serve() as running:
        code, _, err = run_cli(["list", "--base-url", running.base_url], monkeypatch, capsys)
    assert code == 4
    assert "ServerError: HTTP 503" in err
    assert api.request_count == 4


def test_403_exits_3(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A key without campaigns.read is exit code 3."""
    with FakeVoisoAPI(api_keys={"weak": set()}).serve() as running:
        code, _, err = run_cli(
            ["list", "--base-url", running.base_url], monkeypatch, capsys, key="weak"
        )
    assert code == 3
    assert "403" in err


def test_help_is_complete(capsys: pytest.CaptureFixture[str]) -> None:
    """Every command's --help lists its options."""
    for command, options in [
        (
            "list",
            [
                "--name",
                "--status",
                "--strategy",
                "--method",
                "--live",
                "--no-live",
                "--max-items",
                "--page-size",
                "--format",
                "--cluster-id",
                "--base-url",
            ],
        ),
        (
            "fake-server",
            ["--host", "--port", "--count", "--seed", "--api-key", "--latency-ms", "--rate-limit"],
        ),
        ("demo", ["--count", "--seed"]),
    ]:
        with pytest.raises(SystemExit) as exit_:
            _cli.main([command, "--help"])
        assert exit_.value.code == 0
        out = capsys.readouterr().out
        for option in options:
            assert option in out, (command, option)
    with pytest.raises(SystemExit):
        _cli.main(["list", "--help"])
    assert "--api-key" not in capsys.readouterr().out


# --- end to end, in subprocesses -------------------------------------------------


def _env(**extra: str) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOISO_")}
    return {**env, **extra}


def test_end_to_end_against_fake_server_subprocess() -> None:
    """`fake-server` prints its URL first; `list` in another process reads it in all formats."""
    with subprocess.Popen(
        [
            sys.executable,
            "-m",
            "voiso_campaigns",
            "fake-server",
            "--port",
            "0",
            "--count",
            "120",
            "--api-key",
            "k2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=_env(),
    ) as fake:
        _run_against(fake)


def _run_against(fake: subprocess.Popen[str]) -> None:
    try:
        assert fake.stdout is not None
        base_url = fake.stdout.readline().strip()
        assert base_url.startswith("http://127.0.0.1:")
        outputs = {}
        for fmt in _cli.FORMATS:
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "voiso_campaigns",
                    "list",
                    "--base-url",
                    base_url,
                    "--format",
                    fmt,
                ],
                capture_output=True,
                text=True,
                env=_env(VOISO_API_KEY="k2"),
                timeout=60,
                check=False,
            )
            assert result.returncode == 0, result.stderr
            assert result.stderr == ""  # no progress bar off a terminal
            outputs[fmt] = result.stdout
        assert len(json.loads(outputs["json"])) == 120
        assert len(outputs["ndjson"].splitlines()) == 120
        assert len(outputs["csv"].splitlines()) == 121
        assert len(outputs["table"].splitlines()) == 121
        denied = subprocess.run(
            [sys.executable, "-m", "voiso_campaigns", "list", "--base-url", base_url],
            capture_output=True,
            text=True,
            env=_env(VOISO_API_KEY="nope"),
            timeout=60,
            check=False,
        )
        assert denied.returncode == 3
        assert denied.stderr.count("\n") == 1
    finally:
        fake.terminate()
        fake.wait(timeout=10)


def test_demo_subprocess() -> None:
    """`demo` lists the fake's campaigns over HTTP with a count by status."""
    result = subprocess.run(
        [sys.executable, "-m", "voiso_campaigns", "demo"],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "250 campaigns in 3 requests, by status:" in result.stdout
    assert result.stdout.count("\n") > 250


def test_table_columns_are_fields_of_the_spec() -> None:
    """The table's chosen columns (a display choice) all name fields the spec has."""
    fields = SPEC["components"]["schemas"]["Campaign"]["properties"]
    missing = [name for name, _ in _output.TABLE_COLUMNS if name not in fields]
    assert missing == [], (
        f"TABLE_COLUMNS in wrapper/voiso_campaigns/_cli.py names {missing}: rename or remove"
    )


HELP_IMPORTS = """
import json, sys
from voiso_campaigns import _cli
try:
    _cli.main(sys.argv[1:])
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


@pytest.mark.parametrize(
    "argv", [["--help"], ["--version"], [], ["lsit"], ["--no-such-flag"]], ids=repr
)
def test_help_and_usage_errors_import_no_client_stack(argv: list[str]) -> None:
    """The top-level --help, --version and a usage error load neither httpx, nor the
    generated client, nor the test kit (they cost --help 2x `import httpx` before)."""
    result = subprocess.run(
        [sys.executable, "-c", HELP_IMPORTS, *argv], capture_output=True, text=True, check=True
    )
    loaded = set(json.loads(result.stdout.splitlines()[-1]))
    heavy = {"httpx", "httpcore", "anyio", "voiso_campaigns_client", "voiso_campaigns.testing"}
    assert loaded.isdisjoint(heavy), sorted(loaded & heavy)
    assert "voiso_campaigns._cli_commands" not in loaded


def test_the_commands_named_from_the_spec_alone_are_the_generated_ones() -> None:
    """--help names the commands from the spec (no generated code loaded); they are the
    commands the generated operations give, with the same help."""
    from voiso_campaigns import _cli_commands

    full = {
        name: f"{op.summary} (all pages)" if hasattr(op, "items") else op.summary
        for name, op in _cli_commands._commands().items()
    }
    assert _cli.spec_commands() == full, (
        "_cli.spec_commands() names a command differently from _cli_commands._commands(): "
        "make _spec.identifier() name the tag as openapi-python-client's PythonIdentifier does"
    )


def test_a_chosen_command_is_parsed_in_full() -> None:
    """main() builds only the chosen command in full; its flags parse as before."""
    parser = _cli.build_parser("list")
    args = parser.parse_args(["list", "--status", "active", "--page-size", "5"])
    assert (args.status, args.page_size) == ("active", 5)
    with pytest.raises(SystemExit):
        parser.parse_args(["list", "--page-size", "0"])


@pytest.mark.parametrize(
    "tag", ["campaigns", "Campaign Users", "campaignLeads", "call-logs", "DNC"]
)
def test_tag_names_match_the_generator(tag: str) -> None:
    """A tag's command prefix is the resource attribute the generator makes of it."""
    from openapi_python_client.strings import PythonIdentifier

    from voiso_campaigns import _spec

    assert _spec.identifier(tag) == str(PythonIdentifier(tag, ""))
