"""`kb redigera`: the form editor in the browser, on this computer only unless IT says otherwise."""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from ..vocabulary import VocabularyError
from .common import add_command, add_projects_option


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = add_command(subparsers, "redigera", "redigera projekt i ett formulär i webbläsaren",
                         "Startar formuläret för att skapa och ändra projektsidor på http://127.0.0.1:PORT/. "
                         "Formuläret kontrollerar med samma kontroll som 'kb kontrollera' och sparar ingenting "
                         "som är fel.")
    add_projects_option(parser)
    parser.add_argument("--port", type=int, default=8765, help="porten (standard: 8765; 0 väljer en ledig)")
    parser.add_argument("--adress", default="127.0.0.1", metavar="ADRESS",
                        help="adressen att lyssna på (standard: 127.0.0.1, bara den här datorn). Låt den vara "
                             "om inte IT har satt en nginx med inloggning framför")
    parser.add_argument("--mkdocs", type=Path, default=Path("mkdocs.yml"), metavar="FIL",
                        help="webbplatsens mkdocs.yml, för förhandsgranskningen (standard: mkdocs.yml)")
    parser.add_argument("--största-fil", "--storsta-fil", dest="upload_mb", type=int, default=50, metavar="MB",
                        help="största PDF som går att ladda upp, i MB (standard: 50)")
    return parser


def run(args: argparse.Namespace) -> int:
    from ..editor.server import make_server, new_app

    if not args.mkdocs.is_file():
        print(f"kb redigera: hittar inte {args.mkdocs}; kör kommandot i Kunskapsbankens mapp eller ange --mkdocs",
              file=sys.stderr)
        return 1
    app = new_app(args.projektmapp, args.mkdocs, args.upload_mb * 1_000_000)
    try:
        app.vocabulary  # noqa: B018 - fail now, not at the first request
        server = make_server(app, args.adress, args.port)
    except (VocabularyError, OSError) as error:
        print(f"kb redigera: {error}", file=sys.stderr)
        shutil.rmtree(app.work_dir, ignore_errors=True)
        return 1
    host, port = server.server_address[:2]
    print(f"Formuläret finns på http://{host}:{port}/ – öppna adressen i webbläsaren. Avsluta med Ctrl+C.",
          flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("Avslutat.")
    finally:
        server.server_close()
        shutil.rmtree(app.work_dir, ignore_errors=True)
    return 0
