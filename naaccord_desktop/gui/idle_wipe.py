"""The idle wipe's Qt side: a timer that runs while the window is open and
asks the store's IdleWipe (store/scratch.py) every 30 s whether the user has
been idle long enough to wipe what no running check needs. The window calls
`touch()` when the user does something with it (files, selection, checks);
there is no application-wide event filter, which would cost a Python call for
every event Qt delivers."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from ..store.scratch import IdleWipe

CHECK_MS = 30_000


class IdleWipeTimer(QObject):
    """Emits `wiped(bytes_freed)` after scratch was wiped for inactivity."""

    wiped = Signal(int)

    def __init__(self, idle: IdleWipe, check_ms: int = CHECK_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.idle = idle
        self._timer = QTimer(self)
        self._timer.setInterval(check_ms)
        self._timer.timeout.connect(self._check)
        self._timer.start()

    def touch(self) -> None:
        """The user did something: the idle wait starts again."""
        self.idle.touch()

    def stop(self) -> None:
        """On close: no more checks (the exit wipe takes over)."""
        self._timer.stop()

    def set_minutes(self, minutes: int) -> None:
        """From Settings: 0 means never."""
        self.idle.seconds = minutes * 60
        self.idle.touch()

    def _check(self) -> None:
        freed = self.idle.tick()
        if freed is not None:
            self.wiped.emit(freed)
