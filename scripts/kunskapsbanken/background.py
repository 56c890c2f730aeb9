"""Work beside the build: a job run in a forked process, its result sent back when it is done.

The build has the catalog in memory; a forked child starts with it, so the jobs that need
nothing from the rendering of pages (the search index, similar projects, downloads and feeds)
use the machine's other cores instead of reading every page again in a fresh interpreter.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import traceback
from typing import Callable, Generic, TypeVar

T = TypeVar("T")


def fork_is_safe() -> bool:
    """Whether this process may fork a child that does much: not beside other threads (the servers of
    `mkdocs serve` and `kb redigera`), since a lock one of them held would stay held in the child."""
    return threading.active_count() == 1


def has_spare_core() -> bool:
    """Whether a child can run beside this process rather than take turns with it on one core."""
    return (os.cpu_count() or 1) >= 2


class BackgroundError(RuntimeError):
    """The job failed in its process; the message is its traceback."""


# How much a job started with low_priority yields to the rest of the machine (nice(2) steps).
LOW_PRIORITY = 10


def _run(job: Callable[[], object], send, niceness: int) -> None:
    # Everything the child inherited is left to the parent: the garbage collector would otherwise
    # walk it (writing to it, so that the kernel copies every page the child shares with the parent).
    gc.freeze()
    if niceness:
        os.nice(niceness)  # its own children (Pagefind) inherit it
    try:
        outcome = (True, job())
    except BaseException:  # noqa: BLE001 - everything is reported to the parent, which decides
        outcome = (False, traceback.format_exc())
    send.send(outcome)
    send.close()


class Forked(Generic[T]):
    """job() in a forked process; result() waits for its value or raises BackgroundError.

    With low_priority the child gives way to the parent on a busy machine: under `mkdocs serve`
    the work after a rebuild (downloads, search index) must not slow the next one. Measured with
    a save a second after the last (bench.rebuild, 1,000 projects): 1.1 s to visible at the same
    priority, 0.5 s with it."""

    def __init__(self, job: Callable[[], T], low_priority: bool = False):
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self.process = context.Process(target=_run, args=(job, send, LOW_PRIORITY if low_priority else 0))
        self.process.start()
        send.close()

    def result(self) -> T:
        try:
            ok, value = self._receive.recv()
        except EOFError:
            ok, value = False, f"processen avslutades utan svar (slutstatus {self.process.exitcode})"
        finally:
            self.process.join()
            self._receive.close()
        if not ok:
            raise BackgroundError(value)
        return value

    def stop(self) -> None:
        """End the process without waiting; a result() waiting in another thread then raises."""
        if self.process.is_alive():
            self.process.kill()

    def cancel(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self._receive.close()
