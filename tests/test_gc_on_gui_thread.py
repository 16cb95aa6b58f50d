import gc

from naaccord_desktop.gui.gc_on_gui_thread import GuiThreadCollector


class Cycle:
    def __init__(self):
        self.me = self


def test_the_collector_turns_automatic_collection_off_and_collects_on_its_timer(qtbot):
    gc.enable()
    collector = GuiThreadCollector()
    assert not gc.isenabled()
    for _ in range(gc.get_threshold()[0] + 10):
        Cycle()
    assert gc.get_count()[0] > gc.get_threshold()[0]
    qtbot.waitUntil(lambda: gc.get_count()[0] < gc.get_threshold()[0], timeout=3000)
    collector.stop()
    assert gc.isenabled()
    gc.disable()  # as the test suite runs (conftest)
