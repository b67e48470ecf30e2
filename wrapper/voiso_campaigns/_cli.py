"""The ``voiso-campaigns`` command line: a thin layer over the public API.

argparse, not click or typer: the CLI ships inside a library that services
import, and argparse keeps it free of runtime dependencies while giving the
usual conventions (``--help``, exit code 2 for usage errors, ``--no-live``).
Formatting lives in ``_output``.

Its commands come from the spec's operations (``OPERATIONS``): a paginated
list is a command with one flag per filter and CSV columns from its item
schema; an operation with path parameters is ``COMMAND ID``. An operation of
the first tag of the spec is named by its ``x-method`` (``list``, ``get``);
one of another tag ``TAG-METHOD`` (``users-list``).

Exit codes: 0 success, 2 usage (bad flags or values; missing configuration),
3 authentication or permission refused (401/403), 4 any other API or network
failure after retries, 5 no such campaign (``get``, 404), 6 an operating-system
error (a busy port, an unwritable output file, an output encoding that cannot
write a name), 7 the campaign's state does not allow the action (409: the line
names its current state), 130 interrupted.

The API key comes from ``VOISO_API_KEY`` only: a flag would leave it in shell
history and process lists.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence

from . import _spec
from ._cli_shared import (
    EXIT_API,
    EXIT_AUTH,
    EXIT_CONFLICT,
    EXIT_NOT_FOUND,
    EXIT_OS,
    EXIT_USAGE,
    FORMATS,
    OWN_COMMANDS,
    UsageError,
    fail,
)
from .errors import ConfigurationError, VoisoError

__all__ = [
    "EXIT_API",
    "EXIT_AUTH",
    "EXIT_CONFLICT",
    "EXIT_NOT_FOUND",
    "EXIT_OS",
    "EXIT_USAGE",
    "FORMATS",
    "build_parser",
    "main",
]


def spec_commands() -> dict[str, str]:
    """Command name -> its one-line help, from the spec alone (no client stack is
    imported: the top-level ``--help`` stays fast). An operation of the first tag is
    named by its ``x-method``, one of another tag ``TAG-METHOD``; a paginated list
    fetches all pages."""
    document = _spec.document()
    first = document.get("tags", [{}])[0].get("name")
    named = {}
    for item in document["paths"].values():
        for op in item.values():
            if not isinstance(op, dict) or "x-method" not in op:
                continue
            tag = op["tags"][0]
            name = op["x-method"] if tag == first else f"{_spec.identifier(tag)}-{op['x-method']}"
            paged = " (all pages)" if "x-pagination" in op else ""
            named[name.replace("_", "-")] = f"{op.get('summary', '')}{paged}"
    return named


def _chosen(argv: Sequence[str]) -> str | None:
    """The command named on the line (its first word), if any."""
    return next((word for word in argv if not word.startswith("-")), None)


def build_parser(command: str | None = "") -> argparse.ArgumentParser:
    """The argument parser: every command in full by default; with *command* (what
    ``main`` passes), that one in full and the others by name and help only, so that
    ``--help`` and a usage error import no more than they need."""
    parser = argparse.ArgumentParser(
        prog="voiso-campaigns",
        description="List Voiso dialer campaigns or get one, or run the built-in fake API.",
        epilog="The API key is read from VOISO_API_KEY only. Exit codes: 0 ok, 2 usage, "
        "3 authentication/permission, 4 other API or network failure, 5 no such campaign, "
        "6 operating-system error (port, file, encoding), 7 the campaign's state does not "
        "allow the action (409), 130 interrupted.",
    )
    from ._version import version

    parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, text in {**spec_commands(), **OWN_COMMANDS}.items():
        if name == "import-leads" and command in ("", name):
            from . import _cli_import  # it builds on _cli_commands, never the reverse

            _cli_import.add_command(commands)
        elif command == "" or name == command:
            from . import _cli_commands

            _cli_commands.add_command(commands, name)
        else:
            commands.add_parser(name, help=text)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser(_chosen(argv)).parse_args(argv)
    from . import _cli_commands  # loaded by build_parser for the command chosen

    try:
        with _cli_commands.logs(getattr(args, "verbose", 0)):
            code: int = args.run(args)
        return code
    except UsageError as exc:
        return fail(EXIT_USAGE, str(exc))
    except ConfigurationError as exc:
        return fail(EXIT_USAGE, f"invalid configuration: {exc}")
    except VoisoError as exc:
        return fail(*_cli_commands.explain(exc, args))
    except (TypeError, ValueError) as exc:
        if isinstance(exc, UnicodeError):
            return fail(EXIT_OS, f"cannot write the output: {exc}")
        return fail(EXIT_USAGE, f"invalid argument: {exc}")
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`); stop quietly.
        with contextlib.suppress(OSError):
            sys.stderr.close()
        return 0
    except OSError as exc:
        return fail(EXIT_OS, str(exc) if not exc.filename else f"{exc.strerror}: {exc.filename}")


if __name__ == "__main__":
    sys.exit(main())
