"""What the command line's two halves share: exit codes, names, the one error line.

``_cli`` (the parser, light) and ``_cli_commands`` (the commands, with the client
stack) both import this; neither imports the other at load time.
"""

from __future__ import annotations

import sys

EXIT_USAGE, EXIT_AUTH, EXIT_API, EXIT_NOT_FOUND, EXIT_OS, EXIT_CONFLICT = 2, 3, 4, 5, 6, 7
#: import-leads: it completed, but leads were rejected or invalid; it stopped part-way.
EXIT_PARTIAL, EXIT_STOPPED = 8, 9
FORMATS = ("table", "json", "ndjson", "csv")
#: The field that holds an object's state: what the demo tallies under its table, and
#: what a 409's line names (read back after the conflict).
STATE_FIELD = "status"
LIST_EXAMPLES = """examples:
  export VOISO_API_KEY=...   # the key is never a flag
  voiso-campaigns list --cluster-id cc --status active
  voiso-campaigns list --cluster-id cc --no-live --format csv -o campaigns.csv
  voiso-campaigns list --cluster-id cc --fields id,name,status --no-header --format csv
  voiso-campaigns list --base-url http://127.0.0.1:8765 --max-items 10 --format ndjson
"""
#: The commands that are not an operation of the spec, and their one-line help.
OWN_COMMANDS = {
    "fake-server": "serve the fake Voiso API on loopback",
    "demo": "list campaigns from the fake API (no account needed)",
    "import-leads": "add every lead of a CSV or NDJSON file to a campaign, in chunks",
}


class UsageError(Exception):
    """A bad flag value found after parsing (exit code 2)."""


def fail(code: int, message: str) -> int:
    """Print *message* as the CLI's one error line; return *code*."""
    from ._output import visible  # loaded with the command that failed

    print(f"voiso-campaigns: error: {visible(message)}", file=sys.stderr)
    return code
