"""Under `mkdocs serve`: notice a saved page sooner.

MkDocs polls every watched folder every half second (watchdog's PollingObserver; native file
events were given up because they miss changes on Docker volumes and network drives, mkdocs#2457).
That adds 0–0.5 s, 0.25 s on average, to every save before the rebuild starts. The folders an
editor saves into (projects/ and docs/) are polled more often instead, as often as costs at most
a twentieth of one core: every 0.1 s at 1,000 projects (a look at the folder takes about 4 ms),
less often on a large site. Polling stays polling, so it still works on every kind of drive.

watchdog has no public way to change a polling emitter's interval (its `timeout`); if a later
watchdog moves it, the folders are polled as MkDocs does, every half second.
"""

from __future__ import annotations

import os
import time

from watchdog.observers.polling import PollingEmitter
from watchdog.utils.dirsnapshot import DirectorySnapshot

FASTEST = 0.1  # seconds between looks at a folder
SLOWEST = 0.5  # MkDocs' own interval
SHARE_OF_A_CORE = 0.05  # what looking may cost, at most


def interval(cost: float) -> float:
    """How often a folder whose look takes cost seconds may be polled: at most SHARE_OF_A_CORE of a core."""
    return min(SLOWEST, max(FASTEST, cost / SHARE_OF_A_CORE))


def interval_for(path: str) -> float:
    started = time.perf_counter()
    DirectorySnapshot(path, recursive=True)
    return interval(time.perf_counter() - started)


def poll_sooner(server, paths: list[str]) -> dict[str, float]:
    """Shorten the polling interval of the server's watches of these folders; what was set."""
    wanted = {os.path.abspath(path): None for path in paths if os.path.isdir(path)}
    changed: dict[str, float] = {}
    for emitter in getattr(server.observer, "emitters", ()):
        path = os.path.abspath(emitter.watch.path)
        if path in wanted and isinstance(emitter, PollingEmitter) and hasattr(emitter, "_timeout"):
            changed[path] = emitter._timeout = interval_for(path)
    return changed
