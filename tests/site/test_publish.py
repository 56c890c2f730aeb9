"""`kb publicera`: real strict builds of the fixture corpus, published by an atomic symlink swap,
republished, rolled back; a failing check, build or link check leaves the live site untouched."""

from __future__ import annotations

import os
import re
import shutil
import threading
from pathlib import Path

import pytest

from kunskapsbanken.cli import main as kb
from kunskapsbanken.publish import release
from kunskapsbanken.publish.linkcheck import base_path_of, check_site
from tests.support import FIXTURE_PROJECTS, REPO, build_site, site_config

ADDRESS = "http://intranat.example/kunskapsbanken/"


@pytest.fixture
def config(tmp_path) -> Path:
    """The repository's mkdocs.yml on a copy of the fixture corpus (so a test may break it)."""
    projects = tmp_path / "projects"
    shutil.copytree(FIXTURE_PROJECTS, projects)
    return site_config(projects, tmp_path / "ignored-site")


def publish(target: Path, config: Path, *extra: str) -> int:
    return kb(["publicera", str(target), "--konfiguration", str(config), *extra])


def live_build(target: Path) -> Path:
    assert target.is_symlink(), "the live site must be a symlink"
    return Path(os.path.realpath(target))


def test_publish_builds_next_to_the_target_and_swaps_the_link(tmp_path, config, capsys):
    target = tmp_path / "www" / "kunskapsbanken"
    assert publish(target, config, "--adress", ADDRESS) == 0
    out = capsys.readouterr().out
    assert "Publicerat" in out
    build = live_build(target)
    assert build.parent == tmp_path / "www" / "kunskapsbanken.byggen"
    assert not os.path.isabs(os.readlink(target)), "a relative link survives moving the folder"
    assert (target / "index.html").is_file() and (target / "projekt/bostad-forst-farsta/index.html").is_file()
    # with an address the sitemap lists every page and the 404 page's links work under the sub-path
    sitemap = (target / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{ADDRESS}projekt/bostad-forst-farsta/</loc>" in sitemap
    assert 'href="/kunskapsbanken/assets/' in (target / "404.html").read_text(encoding="utf-8")
    assert check_site(target, base_path_of(ADDRESS), ADDRESS).ok


def test_republish_keeps_the_last_builds_and_rollback_goes_back(tmp_path, config, capsys):
    target = tmp_path / "kunskapsbanken"
    assert publish(target, config, "--behåll", "2") == 0
    first = live_build(target)
    assert publish(target, config, "--behåll", "2") == 0
    second = live_build(target)
    assert second != first and first.is_dir()
    assert publish(target, config, "--behåll", "2") == 0
    third = live_build(target)
    assert [b.name for b in release.builds(target)] == [second.name, third.name]
    assert not first.exists(), "only the last two builds are kept"

    capsys.readouterr()
    assert publish(target, config, "--återställ") == 0
    assert live_build(target) == second
    assert "Återställt" in capsys.readouterr().out
    # nothing older is left: a second rollback says so in Swedish and changes nothing
    assert publish(target, config, "--återställ") == 1
    assert "inget tidigare bygge" in capsys.readouterr().err
    assert live_build(target) == second
    # the next publication keeps the rolled-back build as long as it is live
    assert publish(target, config, "--behåll", "1") == 0
    assert [b.name for b in release.builds(target)] == [live_build(target).name]


def test_a_content_error_stops_before_building_and_leaves_the_live_site(tmp_path, config, capsys):
    target = tmp_path / "kunskapsbanken"
    assert publish(target, config) == 0
    live = live_build(target)
    page = tmp_path / "projects" / "alvsjo-hemloshet.md"
    page.write_text(page.read_text(encoding="utf-8").replace("typ: LUM", "typ: LUMM"), encoding="utf-8")
    capsys.readouterr()
    assert publish(target, config) == 1
    err = capsys.readouterr().err
    assert "alvsjo-hemloshet.md:3:6: typ: okänt värde 'LUMM'" in err and "menade du 'LUM'?" in err
    assert re.search(r"Innehållet har \d+ fel", err)
    assert "Den publicerade webbplatsen är oförändrad" in err
    assert live_build(target) == live
    assert release.builds(target) == [live], "no half-built folder is left behind"


def test_a_failing_strict_build_leaves_the_live_site(tmp_path, config, capsys):
    target = tmp_path / "kunskapsbanken"
    assert publish(target, config) == 0
    live = live_build(target)
    # a hand-written page linking to a page that does not exist: a warning, so strict mode fails
    docs = tmp_path / "docs"
    shutil.copytree(REPO / "docs", docs)
    (docs / "om.md").write_text("# Om\n\n[Saknas](finns-inte.md)\n", encoding="utf-8")
    config = site_config(tmp_path / "projects", tmp_path / "ignored-site", docs_dir=str(docs))
    capsys.readouterr()
    assert publish(target, config) == 1
    err = capsys.readouterr().err
    assert "Bygget misslyckades" in err and "finns-inte.md" in err
    assert live_build(target) == live
    assert release.builds(target) == [live]


def test_broken_links_stop_the_swap(tmp_path):
    target = tmp_path / "kunskapsbanken"

    def good(folder: Path) -> None:
        (folder / "index.html").write_text('<a href="om/">Om</a>', encoding="utf-8")
        (folder / "om").mkdir()
        (folder / "om/index.html").write_text('<a href="../">Start</a>', encoding="utf-8")

    def broken(folder: Path) -> None:
        good(folder)
        (folder / "om/index.html").write_text('<a href="../saknas/">Saknas</a>', encoding="utf-8")

    first = release.publish(target, good)
    with pytest.raises(release.PublishError, match="1 trasiga länkar"):
        release.publish(target, broken)
    assert live_build(target) == first.build
    assert release.builds(target) == [first.build]


def test_a_real_folder_as_target_is_refused(tmp_path, config, capsys):
    target = tmp_path / "kunskapsbanken"
    target.mkdir()
    (target / "index.html").write_text("gammal webbplats", encoding="utf-8")
    assert publish(target, config) == 1
    assert "vanlig mapp" in capsys.readouterr().err
    assert (target / "index.html").read_text(encoding="utf-8") == "gammal webbplats"


def test_readers_never_see_half_a_site(tmp_path):
    """A reader looping over the live site during many publications always finds a whole build."""
    target = tmp_path / "kunskapsbanken"
    files = [f"sida-{n}.html" for n in range(20)]
    counter = iter(range(10_000))

    def build(folder: Path) -> None:
        stamp = str(next(counter))
        for name in ["index.html", *files]:
            (folder / name).write_text(f'<a href="index.html">{stamp}</a>', encoding="utf-8")

    release.publish(target, build, keep=2)
    stop = threading.Event()
    seen: set[str] = set()
    failures: list[str] = []

    def read() -> None:
        # through the live path, as the web server does: every file is always there and whole
        while not stop.is_set():
            for name in ["index.html", *files]:
                try:
                    text = (target / name).read_text(encoding="utf-8")
                except OSError as error:
                    failures.append(f"{name}: {error}")
                    continue
                if not text.endswith("</a>"):
                    failures.append(f"{name}: half a file {text!r}")
                seen.add(text)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for _ in range(30):
            release.publish(target, build, keep=2)
    finally:
        stop.set()
        reader.join()
    assert not failures
    assert len(set(seen)) > 1, "the reader saw the site change"
    assert len(release.builds(target)) == 2


def test_noindex_is_an_option(fixture_site, tmp_path):
    robots = '<meta name="robots" content="noindex, nofollow">'
    assert robots in (fixture_site / "index.html").read_text(encoding="utf-8"), "mkdocs.yml: extra.noindex: true"
    public = build_site(FIXTURE_PROJECTS, tmp_path / "site", extra={"noindex": False})
    assert 'name="robots"' not in (public / "index.html").read_text(encoding="utf-8")


def test_link_checker_finds_what_is_broken(tmp_path):
    site = tmp_path / "site"
    (site / "om").mkdir(parents=True)
    (site / "assets").mkdir()
    (site / "assets/stil.css").write_text("body { background: url('../bild.png') }", encoding="utf-8")
    (site / "om/index.html").write_text('<h1 id="om">Om</h1>', encoding="utf-8")
    (site / "index.html").write_text(
        '<link rel="stylesheet" href="assets/stil.css">'
        '<a href="om/">ok</a> <a href="om/#om">ok</a> <a href="om">ok utan snedstreck</a>'
        '<a href="om/#saknas">ankare</a> <a href="saknas/">saknas</a>'
        '<script src="https://cdn.example/x.js"></script> <a href="https://www.digg.se/">ut</a>'
        '<img src="/bild.png" alt=""> <a href="mailto:kb@example.org">e-post</a>', encoding="utf-8")
    report = check_site(site)
    assert sorted((b.page, b.target) for b in report.broken) == [
        ("assets/stil.css", "../bild.png"), ("index.html", "/bild.png"),
        ("index.html", "https://cdn.example/x.js"), ("index.html", "om/#saknas"), ("index.html", "saknas/")]
    assert report.external_links == {"https://www.digg.se/"}
    # under a sub-path the absolute '/bild.png' points outside the site as well
    under = check_site(site, "/kunskapsbanken/")
    assert any("utanför webbplatsen" in b.reason and b.target == "/bild.png" for b in under.broken)
    (site / "bild.png").write_bytes(b"\x89PNG")
    assert {b.target for b in check_site(site).broken} == {"https://cdn.example/x.js", "om/#saknas", "saknas/"}


def test_404_page_needs_the_address_under_a_sub_path(fixture_site):
    """Built without site_url, the 404 page's absolute links only work at the root: the check says so."""
    assert check_site(fixture_site, "/").ok
    broken = check_site(fixture_site, "/kunskapsbanken/").broken
    assert broken and {b.page for b in broken} == {"404.html"}
