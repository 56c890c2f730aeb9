"""Under `mkdocs serve --dirty` the plugin re-renders only generated files whose content changed."""

from __future__ import annotations

import os

from mkdocs.config import load_config

from kunskapsbanken.mkdocs_plugin import KunskapsbankenPlugin
from tests.support import FIXTURE_PROJECTS, site_config


def _config(tmp_path):
    config = load_config(str(site_config(FIXTURE_PROJECTS, tmp_path / "site")))
    config.plugins._current_plugin = "kunskapsbanken"  # as while MkDocs runs the plugin's on_files
    return config


def test_serve_dirty_marks_unchanged_generated_files(tmp_path):
    config = _config(tmp_path)
    plugin = KunskapsbankenPlugin()
    plugin.on_startup(command="serve", dirty=True)
    assert plugin._generated(config, "projekt/a/index.md", "# A\n").is_modified()
    assert not plugin._generated(config, "projekt/a/index.md", "# A\n").is_modified()
    assert plugin._generated(config, "projekt/a/index.md", "# A ändrad\n").is_modified()
    assert plugin._generated(config, "projekt/b/index.md", "# A ändrad\n").is_modified()
    # A failed build may have left pages unwritten: everything is rendered again after it.
    plugin.on_build_error(RuntimeError("fel"))
    assert plugin._generated(config, "projekt/a/index.md", "# A ändrad\n").is_modified()


def test_build_and_plain_serve_render_everything(tmp_path):
    config = _config(tmp_path)
    for command, dirty in (("build", False), ("serve", False), ("build", True)):
        plugin = KunskapsbankenPlugin()
        plugin.on_startup(command=command, dirty=dirty)
        for _ in range(2):
            assert plugin._generated(config, "projekt/a/index.md", "# A\n").is_modified()


class _Serve:
    """Rebuilds as `mkdocs serve --dirty` makes them, in this process: a new config for each, one
    plugin instance for all (MkDocs keeps plugins that have on_startup between rebuilds)."""

    def __init__(self, projects, tmp_path):
        self.config_file = site_config(projects, tmp_path / "site")
        self.site = tmp_path / "site"
        self.plugins = None

    def build(self):
        from mkdocs.commands.build import build

        config = load_config(str(self.config_file), strict=False, site_dir=str(self.site))
        if self.plugins is None:
            config.plugins.on_startup(command="serve", dirty=True)
            self.plugins = config.plugins
        build(config, serve_url="http://127.0.0.1:8000/", dirty=True)
        return config.plugins["kunskapsbanken"]

    def close(self):
        if self.plugins is not None:
            self.plugins.on_shutdown()
            # MkDocs keeps this plugin instance for every later config in the process (as between
            # the rebuilds of `mkdocs serve`): the tests after this one build as `mkdocs build` does.
            self.plugins.on_startup(command="build", dirty=False)

    def written(self) -> dict[str, int]:
        """Every built page and when it was last written."""
        return {p.relative_to(self.site).as_posix(): p.stat().st_mtime_ns for p in self.site.rglob("*.html")}


def _save(path, text: str) -> None:
    """Write as an editor's save a moment later does (a new modification time even on a coarse clock)."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 10**9, before + 10**9))


def test_a_saved_title_updates_its_page_and_every_listing_that_shows_it_and_nothing_else(projects, tmp_path):
    serve = _Serve(projects, tmp_path)
    try:
        serve.build()
        before = serve.written()
        page = projects / "studieresa-till-oslo.md"
        _save(page, page.read_text(encoding="utf-8").replace("titel: Studieresa till Oslo",
                                                             "titel: Studieresan till Oslo och Bergen"))
        plugin = serve.build()
        after = serve.written()
        rewritten = {uri for uri in after if after[uri] != before.get(uri)}
        showing = {uri for uri in after if "Studieresan till Oslo och Bergen" in (serve.site / uri).read_text("utf-8")}
        # The project's own page, the page that names it as related, its listings and the start page.
        for uri in ("projekt/studieresa-till-oslo/index.html", "projekt/ungdomar-i-skarholmen/index.html",
                    "omraden/ungdomsbrottslighet/index.html", "typ/mul/index.html", "ar/2019/index.html",
                    "dokument/reserapport/index.html", "index.html"):
            assert uri in showing, uri
        # Nothing shows the old title any more, and every page that shows the new one was written.
        assert not [uri for uri in after if "Studieresa till Oslo<" in (serve.site / uri).read_text("utf-8")]
        assert showing <= rewritten | {"404.html"}
        # Pages that do not show the project are not rendered again.
        for uri in ("projekt/utvardering-av-vald/index.html", "projekt/alvsjo-hemloshet/index.html",
                    "omraden/vald-i-nara-relationer/index.html", "redaktor/falt/index.html"):
            assert uri not in rewritten, uri
        assert plugin._checked.read == 1
    finally:
        serve.close()


def test_a_saved_body_renders_only_its_own_page(projects, tmp_path):
    serve = _Serve(projects, tmp_path)
    try:
        serve.build()
        before = serve.written()
        page = projects / "utvardering-av-vald.md"
        _save(page, page.read_text(encoding="utf-8") + "\nEtt nytt stycke om uppföljningen.\n")
        plugin = serve.build()
        after = serve.written()
        rewritten = {uri for uri in after if after[uri] != before.get(uri)} - {"404.html"}
        assert rewritten == {"projekt/utvardering-av-vald/index.html"}
        assert "Ett nytt stycke om uppföljningen." in (serve.site / "projekt/utvardering-av-vald/index.html").read_text("utf-8")
        assert plugin._memo.made == 1  # its page alone was made again
    finally:
        serve.close()


def test_an_error_saved_while_serving_is_shown_and_gone_after_the_fix(projects, tmp_path):
    serve = _Serve(projects, tmp_path)
    try:
        serve.build()
        page = projects / "alvsjo-hemloshet.md"
        good = page.read_text(encoding="utf-8")
        own = serve.site / "projekt/alvsjo-hemloshet/index.html"
        assert own.is_file()
        _save(page, good.replace("typ: LUM", "typ: LUMM"))
        serve.build()
        # The page that no longer loads is gone, so its address gives the 404 page with the messages,
        # and the start page and the other hand-written pages say what is wrong.
        assert not own.exists()
        for uri in ("404.html", "index.html", "redaktor/falt/index.html"):
            text = (serve.site / uri).read_text(encoding="utf-8")
            assert 'class="kb-byggfel"' in text and "okänt värde &#x27;LUMM&#x27;" in text, uri
        _save(page, good)
        serve.build()
        assert own.is_file() and "kb-byggfel" not in own.read_text(encoding="utf-8")
        for uri in ("404.html", "index.html", "redaktor/falt/index.html"):
            assert "kb-byggfel" not in (serve.site / uri).read_text(encoding="utf-8"), uri
    finally:
        serve.close()


def test_the_knowledge_map_follows_a_saved_kind_of_knowledge_but_not_a_saved_title(projects, tmp_path):
    serve = _Serve(projects, tmp_path)
    try:
        made = serve.build()._pages["kunskapskarta/index.md"]
        the_map = serve.site / "kunskapskarta/index.html"
        before = the_map.read_text(encoding="utf-8")
        page = projects / "studieresa-till-oslo.md"
        text = page.read_text(encoding="utf-8")
        _save(page, text.replace("titel: Studieresa till Oslo", "titel: Studieresan till Oslo"))
        assert serve.build()._pages["kunskapskarta/index.md"] is made  # kept, not made again
        _save(page, text.replace("kunskapstyp: studieresa", "kunskapstyp: utvärdering"))
        assert serve.build()._pages["kunskapskarta/index.md"] is not made
        assert the_map.read_text(encoding="utf-8") != before
    finally:
        serve.close()


def test_the_served_projects_and_docs_folders_are_polled_sooner_than_the_config(projects, tmp_path, monkeypatch):
    from mkdocs.livereload import LiveReloadServer

    import kunskapsbanken.mkdocs_watch as watch
    from kunskapsbanken.mkdocs_watch import FASTEST, SLOWEST

    monkeypatch.setattr(watch, "interval_for", lambda path: FASTEST)  # the look's cost is the machine's

    serve = _Serve(projects, tmp_path)
    try:
        plugin = serve.build()
        config = load_config(str(serve.config_file), strict=False, site_dir=str(serve.site))
        server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(serve.site))
        server.watch(config.docs_dir)  # as `mkdocs serve` does before the plugins' on_serve
        server.watch(config.config_file_path)
        plugin.on_serve(server, config=config, builder=lambda: None)
        intervals = {os.path.abspath(e.watch.path): e.timeout for e in server.observer.emitters}
        sooner = {os.path.abspath(projects), os.path.abspath(config.docs_dir)}
        assert {path: intervals[path] for path in sooner} == dict.fromkeys(sooner, FASTEST)
        # The watch of mkdocs.yml stays as MkDocs made it.
        assert [intervals[path] for path in intervals if path not in sooner] == [SLOWEST]
    finally:
        serve.close()
