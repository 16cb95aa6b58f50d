import gc
import os
import traceback

import keyring
import pytest
from keyring.backends import fail

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before pytest-qt creates the QApplication
# The tests read the app's English words; the app follows the system's language (gui/language.py), so
# they ask for English whatever this machine's LANG is. The French tests ask for French themselves.
os.environ["LANGUAGE"] = "en"


@pytest.fixture(autouse=True)
def private_app_folders(tmp_path_factory, monkeypatch):
    """No test reads or writes the real user's app folders or keychain. Tests
    that need their own folders or a working keychain set them up over this."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield home
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def english_after_each_test():
    """A test that switched the app to another language switches it back."""
    yield
    from naaccord_desktop.engine.translation import SOURCE_LANGUAGE, language, use_language

    if language() != SOURCE_LANGUAGE:
        from PySide6.QtWidgets import QApplication

        from naaccord_desktop.gui.language import install_language

        app = QApplication.instance()
        if app is not None:
            install_language(app, SOURCE_LANGUAGE)
        else:
            use_language(SOURCE_LANGUAGE)


@pytest.fixture(autouse=True)
def collect_garbage_on_the_main_thread():
    """As the app does (gui/gc_on_gui_thread.py): no automatic collection, which
    could start in a worker thread and destroy Qt objects there; the main
    thread collects after every test instead."""
    gc.disable()
    yield
    gc.collect()


@pytest.fixture(autouse=True)
def nothing_qt_left_behind(request, monkeypatch):
    """Every test that uses Qt fails if a QThread or QTimer it started still runs,
    or a top-level window it opened is still shown, at its end; the message
    says where the thread or timer was started."""
    if not {"qtbot", "qapp"} & set(request.fixturenames):
        yield
        return
    from PySide6.QtCore import QThread, QTimer
    from PySide6.QtWidgets import QApplication

    started: list[tuple[object, str]] = []
    for cls in (QThread, QTimer):
        original = cls.start

        def start(self, *args, _original=original):
            where = traceback.extract_stack(limit=4)[-2]
            started.append((self, f"{type(self).__name__} started at {where.filename}:{where.lineno}"))
            return _original(self, *args)

        monkeypatch.setattr(cls, "start", start)
    shown_before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}
    yield
    left = []
    for obj, where in started:
        try:
            running = obj.isRunning() if isinstance(obj, QThread) else obj.isActive()
        except RuntimeError:  # already deleted by Qt: certainly not running
            running = False
        if running:
            left.append(where)
    left += [f"{type(w).__name__} {w.windowTitle()!r} still shown" for w in QApplication.topLevelWidgets()
             if w.isVisible() and id(w) not in shown_before]
    assert left == [], f"left behind: {left}"
