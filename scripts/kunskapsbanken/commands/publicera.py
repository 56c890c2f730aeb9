"""`kb publicera MÅL`: check, build (strict) into a fresh folder, check every link, swap atomically.

`kb publicera MÅL --återställ` points the live site back at the build that was live before.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from ..problems import errors
from ..publish import release
from ..publish.linkcheck import base_path_of
from .common import add_command


def add_parser(subparsers) -> argparse.ArgumentParser:
    parser = add_command(subparsers, "publicera", "bygg, kontrollera och publicera webbplatsen atomärt",
                         "Kontrollerar innehållet, bygger webbplatsen i strikt läge i en ny mapp bredvid MÅL, "
                    "kontrollerar alla interna länkar och byter sedan MÅL (en symbolisk länk) till det nya "
                    "bygget i ett enda steg. Blir något fel ändras ingenting på den publicerade webbplatsen.")
    parser.add_argument("mål", type=Path, metavar="MÅL",
                        help="den publicerade webbplatsens sökväg, t.ex. /srv/www/kunskapsbanken (en symbolisk länk)")
    parser.add_argument("--återställ", dest="aterstall", action="store_true",
                        help="byt tillbaka till bygget som var publicerat före det nuvarande, i stället för att bygga")
    parser.add_argument("--behåll", dest="behall", type=int, default=release.DEFAULT_KEEP, metavar="N",
                        help=f"antal byggen att spara för återställning (standard: {release.DEFAULT_KEEP})")
    parser.add_argument("--adress", metavar="URL", default=None,
                        help="webbplatsens fullständiga adress, t.ex. https://intranat.stad.se/kunskapsbanken/ "
                             "(standard: site_url i mkdocs.yml); behövs för webbplatskartan och för 404-sidan "
                             "under en undersökväg")
    parser.add_argument("--konfiguration", type=Path, default=Path("mkdocs.yml"), metavar="FIL",
                        help="MkDocs-konfigurationen (standard: mkdocs.yml)")
    return parser


def run(args: argparse.Namespace) -> int:
    try:
        if args.aterstall:
            result = release.rollback(args.mål)
            print(f"Återställt: {args.mål} visar nu bygget {result.build.name} "
                  f"(i stället för {result.previous.name}).")
            return 0
        return _publish(args)
    except release.PublishError as error:
        print(f"kb publicera: {error}", file=sys.stderr)
        print("Den publicerade webbplatsen är oförändrad.", file=sys.stderr)
        return 1


def _publish(args: argparse.Namespace) -> int:
    from mkdocs.config import load_config

    if args.behall < 1:
        raise release.PublishError("--behåll måste vara minst 1 (bygget som blir publicerat).")
    if not args.konfiguration.is_file():
        raise release.PublishError(f"Hittar inte konfigurationen {args.konfiguration}.")
    overrides = {"strict": True}
    if args.adress is not None:
        overrides["site_url"] = args.adress
    try:
        config = load_config(str(args.konfiguration), **overrides)
    except Exception as error:  # mkdocs' ConfigurationError and YAML errors
        raise release.PublishError(f"Konfigurationen {args.konfiguration} går inte att läsa: {error}") from error
    site_url = config.site_url or ""
    base_path = base_path_of(site_url)

    _check_content(config)

    def build(folder: Path) -> None:
        _build(args.konfiguration, overrides, folder)

    result = release.publish(args.mål, build, base_path=base_path, site_url=site_url, keep=args.behall)
    report = result.report
    for folder in result.interrupted:
        print(f"Tog bort {folder.name}: en avbruten publicering som aldrig blev kontrollerad och "
              "publicerad. Den kan inte bli återställd.")
    print(f"Publicerat: {args.mål} visar nu bygget {result.build.name} "
          f"({report.pages} sidor, {report.references} länkar och resurser kontrollerade).")
    if result.previous is not None:
        print(f"Föregående bygge {result.previous.name} finns kvar; byt tillbaka med "
              f"'kb publicera {args.mål} --återställ'.")
    if result.removed:
        print(f"Tog bort {len(result.removed)} äldre bygge(n); {args.behall} sparas.")
    if not site_url:
        print("Obs: ingen adress angiven (--adress eller site_url i mkdocs.yml). Webbplatskartan blir tom, "
              "och webbplatsen måste visas i serverns rot.", file=sys.stderr)
    return 0


def _check_content(config) -> None:
    """The content checker before any build: errors stop the publication with the editor's messages."""
    plugin = config.plugins.get("kunskapsbanken")
    if plugin is None:
        return
    base = Path(config.config_file_path).parent
    projects_dir = base / plugin.config.projects_dir
    vocabulary = base / plugin.config.vocabulary if plugin.config.vocabulary else None
    from ..vocabulary import VocabularyError

    try:
        try:
            from ..checks import check_all
        except ImportError:  # the checker is newer than this command; the loader's checks then
            from ..catalog import load_catalog

            _, problems = load_catalog(projects_dir, vocabulary)
        else:
            _, problems = check_all(projects_dir, vocabulary)
    except VocabularyError as error:
        raise release.PublishError(f"Vokabulären går inte att läsa: {error}") from error
    found = errors(problems)
    if found:
        for problem in found:
            print(problem, file=sys.stderr)
        raise release.PublishError(f"Innehållet har {len(found)} fel (se ovan); rätta dem och publicera igen. "
                                   "'kb kontrollera' visar samma lista.")


def _build(config_file: Path, overrides: dict, folder: Path) -> None:
    """A strict MkDocs build into folder; warnings and errors are shown, any failure stops."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    handler = logging.StreamHandler(sys.stderr)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("bygget: %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        config = load_config(str(config_file), site_dir=str(folder), **overrides)
        build(config)
    except Exception as error:
        text = str(error)
        if "strict mode" in text:
            text = "bygget gav varningar i strikt läge (se ovan)"
        raise release.PublishError(f"Bygget misslyckades: {text}") from error
    finally:
        logger.removeHandler(handler)
