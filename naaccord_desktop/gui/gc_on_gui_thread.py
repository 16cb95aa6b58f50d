"""Python's cyclic garbage collector, run on the GUI thread only.

Automatic collection starts in whichever thread happens to allocate. When a
worker thread (a check) triggers it, it may destroy Qt objects that belong
to the GUI thread, and Qt crashes (seen: a segmentation fault while a
worker thread was collecting). So automatic collection is switched off and a
GUI-thread timer collects instead, generation by generation, when the
allocation counts pass the usual thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect)
        self._timer.start(INTERVAL_MS)

    def collect(self) -> None:
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):  # the oldest generation due includes the younger ones
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
