"""The `kb` command for editors and IT: one Swedish subcommand per module in commands/."""

from __future__ import annotations

import argparse
import importlib
import os
import sys

# Each name is a module in kunskapsbanken.commands with add_parser(subparsers) and run(args) -> int.
COMMANDS = ["lista", "kontrollera", "ny", "redigera", "importera", "schema", "arsbilaga", "publicera"]


# argparse writes its own texts through gettext; these are the ones a user of kb can meet.
_SWEDISH = {
    "usage: ": "användning: ",
    "options": "flaggor",
    "positional arguments": "argument",
    "show this help message and exit": "visa hjälpen",
    "the following arguments are required: %s": "följande argument krävs: %s",
    "unrecognized arguments: %s": "okända argument: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "expected one argument": "väntade ett värde",
    "invalid %(type)s value: %(value)r": "ogiltigt värde: %(value)r",
    "argument %(argument_name)s: %(message)s": "argumentet %(argument_name)s: %(message)s",
    "not allowed with argument %s": "kan inte användas tillsammans med %s",
    "ambiguous option: %(option)s could match %(matches)s": "tvetydig flagga: %(option)s kan vara %(matches)s",
}
argparse._ = lambda text: _SWEDISH.get(text, text)


class SwedishArgumentParser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"kb: fel: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = SwedishArgumentParser(
        prog="kb", description="Kunskapsbanken: verktyg för redaktörer och publicering.", add_help=False
    )
    parser.add_argument("-h", "--hjälp", "--help", action="help", help="visa den här hjälpen")
    subparsers = parser.add_subparsers(dest="kommando", title="kommandon", metavar="KOMMANDO",
                                       parser_class=SwedishArgumentParser)
    for name in COMMANDS:
        module = importlib.import_module(f"kunskapsbanken.commands.{name}")
        sub = module.add_parser(subparsers)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        code = _run(argv)
        sys.stdout.flush()  # a closed pipe shows here, not at exit where it cannot be caught
        return code
    except KeyboardInterrupt:
        print("Avbrutet.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `kb kontrollera --format json | head`: the reader has what it wanted. Quietly, as
        # Unix tools do: no traceback, and nothing more written to the closed pipe at exit.
        _silence_closed_streams()
        return 141  # 128 + SIGPIPE, what a shell reports for a tool ended by a closed pipe


def _run(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    return int(args.run(args) or 0)


def _silence_closed_streams() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (BrokenPipeError, ValueError):
            os.dup2(devnull, stream.fileno())


if __name__ == "__main__":
    sys.exit(main())
