"""The write commands: list-users, add-users, remove-user, add-leads (from the spec) and
import-leads (CSV or NDJSON, a summary line, --report, its exit codes, a progress line
on a terminal that never mixes with the output)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from voiso_campaigns import _cli
from voiso_campaigns._cli_shared import EXIT_NOT_FOUND, EXIT_PARTIAL, EXIT_STOPPED, EXIT_USAGE
from voiso_campaigns.testing import FakeServer, FakeVoisoAPI

from .conftest import PATHS
from .test_cli import run_cli
from .test_cli_terminal import run_in_terminal

CHUNK = PATHS["/api/v4/campaigns/{campaign_id}/leads"]["post"]["requestBody"]["content"][
    "application/json"
]["schema"]["maxItems"]


@pytest.fixture
def server() -> Iterator[FakeServer]:
    with FakeVoisoAPI(count=10, users=20).serve() as running:
        yield running


def cli(server: FakeServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        *args: str) -> tuple[int, str, str]:  # fmt: skip
    return run_cli([*args, "--base-url", server.base_url], monkeypatch, capsys)


def test_list_add_and_remove_users(
    server: FakeServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    api = server.api
    code, out, _ = cli(server, monkeypatch, capsys, "list-users", "3", "--format", "ndjson")
    assert code == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == [u["id"] for u in api.users(3)]
    code, out, _ = cli(
        server, monkeypatch, capsys, "add-users", "3", "11", "12", "--format", "json"
    )
    assert code == 0
    assert [u["id"] for u in json.loads(out)] == [11, 12]
    assert {11, 12} <= {u["id"] for u in api.users(3)}
    code, out, _ = cli(server, monkeypatch, capsys, "remove-user", "3", "11", "--format", "json")
    assert code == 0
    assert json.loads(out)["id"] == 11
    code, _, err = cli(server, monkeypatch, capsys, "remove-user", "3", "11")
    assert code == EXIT_NOT_FOUND
    assert "not found: campaign 3, user 11" in err
    code, _, err = cli(server, monkeypatch, capsys, "add-users", "3", "0")
    assert code == EXIT_USAGE
    assert "user_ids[0]: 0 is below the minimum 1" in err
    assert api.changes == [("add_campaign_users", 3), ("remove_campaign_user", 3)]


def test_add_leads_takes_a_json_file(
    server: FakeServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    leads = tmp_path / "leads.json"
    leads.write_text(json.dumps([{"phone_number": "+14155550100"}, {"phone_number": "x"}]))
    code, out, _ = cli(
        server, monkeypatch, capsys, "add-leads", "3", str(leads), "--format", "json"
    )
    assert code == 0
    assert json.loads(out) == {"created": ["+14155550100"], "rejected": ["x"], "duplicates": []}


CSV = """phone_number,name,priority,active,source.system,context_headers.X-Call-Context
+14155550100,Jane,5,true,crm,promo
+14155550101,John,abc,,crm,
not-a-number,X,,,,
+14155550100,Dup,,,,
+14155550102,a,1,yes,b,c,extra
+14155550103,,,,,
"""


def test_import_leads_from_csv(
    server: FakeServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """Nested columns are dotted; a malformed row names its line; one summary line; the
    report has every number's outcome; rejected or invalid leads exit 8."""
    source, report = tmp_path / "leads.csv", tmp_path / "report.csv"
    source.write_text(CSV, encoding="utf-8")
    code, out, err = cli(server, monkeypatch, capsys, "import-leads", "3", str(source),
                         "--report", str(report), "--gap", "0")  # fmt: skip
    assert code == EXIT_PARTIAL
    assert out == "created 2, rejected 1, duplicates 1, invalid 2 (6 leads read, 1 request)\n"
    assert "line 3: priority: 'abc' is not an integer" in err
    assert "line 6: 7 cells, the header has 6" in err
    assert server.api.leads(3)[0] == {
        "phone_number": "+14155550100", "name": "Jane", "priority": 5, "active": True,
        "source": {"system": "crm"}, "context_headers": {"X-Call-Context": "promo"},
    }  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(report.read_text(encoding="utf-8"))))
    assert [(r["outcome"], r["phone_number"], r["line"]) for r in rows] == [
        ("created", "+14155550100", ""),
        ("created", "+14155550103", ""),
        ("rejected", "not-a-number", ""),
        ("duplicate", "+14155550100", ""),
        ("invalid", "", "3"),
        ("invalid", "", "6"),
    ]


def test_import_leads_from_ndjson_on_stdin(
    server: FakeServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [json.dumps({"phone_number": f"+1415555{n:04d}"}) for n in range(3)] + ["{oops"]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    code, out, err = cli(server, monkeypatch, capsys, "import-leads", "4", "-",
                         "--format", "ndjson", "--gap", "0")  # fmt: skip
    assert code == EXIT_PARTIAL
    assert out.startswith("created 3, rejected 0, duplicates 0, invalid 1")
    assert "line 4: not JSON" in err


def test_an_unknown_column_sends_nothing(
    server: FakeServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    source = tmp_path / "leads.csv"
    source.write_text("phone,name\n+14155550100,x\n", encoding="utf-8")
    code, _, err = cli(server, monkeypatch, capsys, "import-leads", "3", str(source))
    assert code == EXIT_USAGE
    assert "unknown column 'phone'" in err
    assert server.api.request_count == 0


def test_a_stopped_import_says_what_was_not_sent(
    server: FakeServer,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    source = tmp_path / "leads.csv"
    rows = [f"+1415{n:07d}" for n in range(2 * CHUNK + 10)]
    source.write_text("phone_number\n" + "\n".join(rows) + "\n", encoding="utf-8")
    server.api.on_request = lambda fake, n: fake.fail_next("lost") if n == 2 else None
    code, out, err = cli(server, monkeypatch, capsys, "import-leads", "3", str(source),
                         "--gap", "0")  # fmt: skip
    assert code == EXIT_STOPPED
    assert out == ""
    assert f"{CHUNK} leads sent with no known outcome" in err
    assert f"the input after line {2 * CHUNK + 1} was not sent" in err


def test_import_progress_on_a_terminal_never_mixes_with_the_summary(tmp_path: Path) -> None:
    source = tmp_path / "leads.csv"
    rows = [f"+1415{n:07d}" for n in range(3 * CHUNK)]
    source.write_text("phone_number\n" + "\n".join(rows) + "\n", encoding="utf-8")
    with FakeVoisoAPI(count=5).serve() as server:
        code, raw, screen = run_in_terminal(
            ["import-leads", "3", str(source), "--gap", "0", "--base-url", server.base_url]
        )
    assert code == 0
    assert f"importing: {CHUNK} read" in raw  # drawn while importing
    shown = [line for line in screen if line]
    assert shown == [f"created {3 * CHUNK}, rejected 0, duplicates 0, invalid 0 "
                     f"({3 * CHUNK} leads read, 3 requests)"]  # fmt: skip


def test_the_write_commands_are_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        _cli.main(["--help"])
    out = capsys.readouterr().out
    for command in ("list-users", "add-users", "remove-user", "add-leads", "import-leads"):
        assert command in out
