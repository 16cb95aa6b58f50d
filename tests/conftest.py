import gc
import os

import keyring
import pytest
from keyring.backends import fail

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before pytest-qt creates the QApplication


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
def collect_garbage_on_the_main_thread():
    """As the app does (gui/gc_on_gui_thread.py): no automatic collection, which
    could start in a worker thread and destroy Qt objects there; the main
    thread collects after every test instead."""
    gc.disable()
    yield
    gc.collect()
