"""Under `mkdocs serve --dirty` the plugin re-renders only generated files whose content changed."""

from __future__ import annotations

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
