"""The main window's actions and menus (their slots live on the window)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence


def make_action(parent, text: str, slot, shortcut=None, tip: str = "") -> QAction:
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.setStatusTip(tip)
    action.triggered.connect(slot)
    return action


def build_actions(w) -> None:
    """Sets the window's `*_action` attributes."""
    w.add_files_action = make_action(w, "&Add files…", w.choose_files, QKeySequence.StandardKey.Open,
                                     "Add data files to the submission")
    w.add_folder_action = make_action(w, "Add &folder…", w.choose_folder, "Ctrl+Shift+O",
                                      "Add every data file of a folder")
    w.remove_action = make_action(w, "&Remove file", w.list.remove_selected, QKeySequence.StandardKey.Delete,
                                  "Take the selected file out of the submission")
    w.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    w.list.addAction(w.remove_action)
    w.check_all_action = make_action(w, "&Check all", w.check_all, "Ctrl+R", "Check every file")
    w.check_file_action = make_action(w, "Check &this file", w.check_current, "Ctrl+Shift+R",
                                      "Check the selected file again")
    w.stop_action = make_action(w, "&Stop checking", w.stop, "Esc", "Stop the check that is running")
    w.save_report_action = make_action(
        w, "Save &report…", w.save_report, QKeySequence.StandardKey.Save,
        "Save the results as a report that opens in any web browser: the full one, or one you can share")
    w.save_receipt_action = make_action(
        w, "Save precheck re&ceipt…", w.save_receipt, None,
        "Save the receipt to attach to the upload: each file's fingerprint, size, table type and verdict")
    w.history_action = make_action(w, "&History…", w.show_history, "Ctrl+H",
                                   "Earlier checks: reopen their reports, see what changed, delete them")
    w.settings_action = make_action(w, "Se&ttings…", w.show_settings, QKeySequence.StandardKey.Preferences,
                                    "Cohort, when temporary copies are wiped, memory and threads for checking")
    w.wipe_now_action = make_action(w, "&Wipe temporary copies now", w.wipe_now, None,
                                    "Delete the temporary copies of your files that no running check needs")
    w.audit_action = make_action(w, "&Audit of patient data…", w.show_audit, None,
                                 "What holds patient data from this app on this computer now, "
                                 "and every copy it made and wiped")
    w.quit_action = make_action(w, "&Quit", w.close, QKeySequence.StandardKey.Quit)
    w.about_action = make_action(w, "&About", w.show_about)
    w.rules_action = make_action(w, "&Rules…", w.show_rules, QKeySequence.StandardKey.HelpContents,
                                 "Every table, column and rule of the definitions, in plain words")
    w.log_folder_action = make_action(w, "Open the &log folder", w.open_log_folder, None,
                                      "Show the app's log files, to send them to the NA-ACCORD help desk")
    if w.history is None:
        w.history_action.setEnabled(False)
        w.history_action.setStatusTip("The run history could not be opened in this session.")
    if w.audit is None:
        w.audit_action.setEnabled(False)
        w.audit_action.setStatusTip("The audit is kept with the run history, which could not be opened.")
    if w.paths is None:
        for action in (w.settings_action, w.log_folder_action):
            action.setEnabled(False)


def build_menus(w) -> None:
    """Sets `file_menu`, `privacy_menu` and `help_menu`."""
    w.file_menu = w.menuBar().addMenu("&File")
    for group in ((w.add_files_action, w.add_folder_action, w.remove_action),
                  (w.check_all_action, w.check_file_action, w.stop_action),
                  (w.save_report_action, w.save_receipt_action),
                  (w.history_action, w.settings_action, w.wipe_now_action),
                  (w.quit_action,)):
        for action in group:
            w.file_menu.addAction(action)
        if group[0] is not w.quit_action:
            w.file_menu.addSeparator()
    w.privacy_menu = w.menuBar().addMenu("&Privacy")
    w.privacy_menu.addAction(w.audit_action)
    w.help_menu = w.menuBar().addMenu("&Help")
    w.help_menu.addAction(w.rules_action)
    w.help_menu.addAction(w.about_action)
    w.help_menu.addAction(w.log_folder_action)
