"""Qt only: windows, the stepper, views, charts and thin workers over the engine."""

from .pyside_guard import pin_singletons

pin_singletons()  # before the first Qt call; see pyside_guard.py
