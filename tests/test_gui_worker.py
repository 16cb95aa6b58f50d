"""The one Worker under the check and the exports: each way a job ends
reaches the window by its own road, and the check's roads say it in words."""

from __future__ import annotations

import logging

import pytest
from gui_helpers import FakeEngine, make_window, wait_idle, write_submission

from naaccord_desktop.engine.progress import Cancelled
from naaccord_desktop.gui.worker import TaskWorker


def _returns(progress, cancel):
    progress(1.0)
    return "written"


def _stopped(progress, cancel):
    cancel.cancel()
    cancel.raise_if_cancelled()


def _refused(progress, cancel):
    raise ValueError("The file changed since it was checked.")


def _broken(progress, cancel):
    raise RuntimeError("value 'P-123' could not be parsed")


@pytest.mark.parametrize(("job", "road"), [(_returns, "done"), (_stopped, "stopped"), (_refused, "problem"),
                                           (_broken, "crashed")])
def test_each_end_of_a_job_takes_its_own_road(qtbot, caplog, job, road):
    worker = TaskWorker(job, "export", (ValueError,))
    taken = []
    with caplog.at_level(logging.ERROR):
        worker.start()
        worker.settle(done=lambda result: taken.append(("done", result)), stopped=lambda: taken.append(("stopped",)),
                      problem=lambda words: taken.append(("problem", words)),
                      crashed=lambda words, details: taken.append(("crashed", words, details)))
    assert worker.isFinished() and [t[0] for t in taken] == [road]
    if road == "done":
        assert taken[0][1] == "written" and worker.fraction == 1.0
    if road == "problem":
        assert taken[0][1] == "The file changed since it was checked."
    if road == "crashed":
        _road, words, details = taken[0]
        assert words.startswith("The export stopped because of a problem in the app")
        assert "RuntimeError" in details and "P-123" not in details + caplog.text
        assert "The export stopped unexpectedly" in caplog.text
    else:
        assert caplog.text == ""


def test_a_check_that_cannot_start_says_why_and_leaves_the_files_unchecked(qtbot, tmp_path, monkeypatch):
    window = make_window(qtbot, tmp_path, FakeEngine())
    window.add_paths(write_submission(tmp_path / "in", ["patient.csv"]))

    def no_folder(run_id):
        raise PermissionError("no room")

    monkeypatch.setattr(window.scratch, "new_run", no_folder)
    told = []
    monkeypatch.setattr(window, "tell", lambda title, words: told.append((title, words)))
    window.check_all()
    wait_idle(qtbot, window, 5000)
    [(title, words)] = told
    assert title == "The check could not start" and "could not make a folder for its temporary copies" in words
    assert window.error_box is None
    assert [e.state for e in window.list.entries.values()] == ["new"]


def test_a_stop_that_the_engine_lets_through_is_a_stop_not_a_crash(qtbot, tmp_path):
    class StopsByRaising(FakeEngine):
        def check(self, files, definitions, options, progress, cancel, **_where):
            cancel.cancel()
            raise Cancelled()

    window = make_window(qtbot, tmp_path, StopsByRaising())
    window.add_paths(write_submission(tmp_path / "in", ["patient.csv"]))
    window.check_all()
    wait_idle(qtbot, window, 5000)
    assert window.error_box is None
    assert [e.state for e in window.list.entries.values()] == ["cancelled"]
    assert window.statusBar().currentMessage() == "Check stopped."
