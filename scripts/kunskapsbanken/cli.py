"""The `kb` command for editors and IT: one Swedish subcommand per module in commands/."""

from __future__ import annotations

import argparse
import importlib
import sys

# Each name is a module in kunskapsbanken.commands with add_parser(subparsers) and run(args) -> int.
COMMANDS = ["lista"]


class SwedishArgumentParser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse's own messages are English
        self.print_usage(sys.stderr)
        translated = (message.replace("the following arguments are required", "följande argument krävs")
                      .replace("unrecognized arguments", "okända argument")
                      .replace("invalid choice", "ogiltigt val")
                      .replace("expected one argument", "väntade ett värde"))
        self.exit(2, f"kb: fel: {translated}\n")


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
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return int(args.run(args) or 0)
    except KeyboardInterrupt:
        print("Avbrutet.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
