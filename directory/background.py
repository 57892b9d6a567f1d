"""Periodic work off the request path: one daemon thread per job, stopped with the app."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class Periodic:
    """Runs `job` every `interval_s` seconds in its own thread until `stop()`.

    A job that raises is logged and run again at the next tick: one bad check never ends
    the loop.
    """

    def __init__(self, name: str, interval_s: float, job: Callable[[], object]) -> None:
        self.name = name
        self._interval_s = max(interval_s, 0.05)
        self._job = job
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name=self.name, daemon=True)
            self._thread.start()

    def stop(self, timeout_s: float = 5.0) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout_s)
            self._thread = None

    def _loop(self) -> None:
        while not self._stopping.wait(self._interval_s):
            try:
                self._job()
            except Exception:
                log.exception(
                    "background job %s failed; it runs again in %ss", self.name, self._interval_s
                )
