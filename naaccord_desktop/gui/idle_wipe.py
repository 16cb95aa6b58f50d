"""The idle wipe's Qt side: user input restarts the wait, a timer asks the
store's IdleWipe whether the timeout has passed (the logic is in store/scratch.py).
The timer runs only while there is idle scratch to wipe."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from ..store.scratch import IdleWipe

USER_INPUT = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}
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
        QApplication.instance().installEventFilter(self)
        self.watch()

    def watch(self) -> None:
        """Start waiting if the scratch holds something idle (call when a run ends)."""
        if self.idle.manager.has_idle() and not self._timer.isActive():
            self._timer.start()

    def stop(self) -> None:
        """On close: no more checks (the exit wipe takes over)."""
        self._timer.stop()
        QApplication.instance().removeEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        """From Settings: 0 means never."""
        self.idle.seconds = minutes * 60
        self.idle.touch()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in USER_INPUT:
            self.idle.touch()
        return False

    def _check(self) -> None:
        freed = self.idle.tick()
        if not self.idle.manager.has_idle():
            self._timer.stop()
        if freed is not None:
            self.wiped.emit(freed)
