"""Work beside `mkdocs serve`: background jobs that yield to the next rebuild, and saved pages noticed sooner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer

from kunskapsbanken.background import LOW_PRIORITY, Forked
from kunskapsbanken.mkdocs_watch import FASTEST, SLOWEST, interval, poll_sooner


def _own_niceness() -> int:
    return os.nice(0)


def test_a_low_priority_job_runs_nicer_than_the_build_and_a_normal_one_does_not():
    here = os.nice(0)
    assert Forked(_own_niceness).result() == here
    assert Forked(_own_niceness, low_priority=True).result() == min(19, here + LOW_PRIORITY)
    assert os.nice(0) == here  # the parent keeps its own


def _server(tmp_path: Path) -> LiveReloadServer:
    return LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))


def _intervals(server: LiveReloadServer) -> dict[str, float]:
    return {os.path.abspath(emitter.watch.path): emitter.timeout for emitter in server.observer.emitters}


def test_the_folders_editors_save_into_are_polled_sooner_and_others_as_mkdocs_does(tmp_path, monkeypatch):
    import kunskapsbanken.mkdocs_watch as watch

    # How long a look takes depends on the machine; what is set is what interval_for says.
    monkeypatch.setattr(watch, "interval_for", lambda path: FASTEST)
    projects, docs, theme = (tmp_path / name for name in ("projects", "docs", "theme"))
    for folder in (projects, docs, theme):
        folder.mkdir()
        (folder / "sida.md").write_text("# Sida\n", encoding="utf-8")
    server = _server(tmp_path)
    for folder in (projects, docs, theme):
        server.watch(str(folder))
    before = _intervals(server)
    assert set(before.values()) == {SLOWEST}

    changed = poll_sooner(server, [str(projects), str(docs), str(tmp_path / "saknas")])

    assert changed == {str(projects): FASTEST, str(docs): FASTEST}
    after = _intervals(server)
    assert after[str(projects)] == after[str(docs)] == FASTEST
    assert after[str(theme)] == SLOWEST


def test_a_folder_that_is_slow_to_look_at_is_polled_less_often():
    # A look that took 1 ms may be repeated every 0.1 s; 10 ms, every 0.2 s (a twentieth of a
    # core); 40 ms, every 0.5 s as MkDocs does.
    assert [interval(cost) for cost in (0.001, 0.010, 0.040)] == pytest.approx([FASTEST, 0.2, SLOWEST])


class _Done:
    def result(self):
        return None

    def stop(self):
        pass


class _Catalog:
    def similar_counted(self):
        return None

    def stop_similar(self):
        pass


class _Plugin:
    catalog = _Catalog()
    _uncollected = 3


@pytest.mark.parametrize("saved_again", [False, True])
def test_the_garbage_is_collected_after_a_rebuild_only_once_no_save_has_come_for_a_moment(
        monkeypatch, tmp_path, saved_again):
    import kunskapsbanken.mkdocs_plugin as adapter

    collected = []
    # Long enough that the save surely comes first, or short enough not to make the test wait.
    monkeypatch.setattr(adapter, "_IDLE_BEFORE_COLLECTING", 60 if saved_again else 0.05)
    monkeypatch.setattr(adapter.gc, "collect", lambda *args: collected.append(args))
    monkeypatch.setattr(adapter.gc, "unfreeze", lambda: None)
    plugin = _Plugin()
    finishing = adapter._Finishing(plugin, _Done(), None, [], tmp_path)
    if saved_again:
        finishing.stop()  # the next rebuild's on_config
    finishing.thread.join(timeout=10)
    assert not finishing.thread.is_alive()
    assert (collected, plugin._uncollected) == (([], 3) if saved_again else ([()], 0))
