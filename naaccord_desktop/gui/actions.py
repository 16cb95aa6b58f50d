"""The main window's actions, their keys and menus (their slots live on the window)."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from .language import tr

Key = QKeySequence.StandardKey
Shortcut = Key | str  # a standard key follows the platform; in a text, Ctrl is Cmd on macOS


def shortcut_table(platform: str = sys.platform) -> dict[str, tuple[Shortcut, ...]]:
    """Each action's keys on `platform`: Qt's standard key wherever one exists."""
    mac = platform == "darwin"
    return {
        "new_submission": (Key.New,),
        "add_files": (Key.Open,),
        "add_folder": ("Ctrl+Shift+O",),
        "remove": (Key.Delete, "Backspace") if mac else (Key.Delete,),  # a Mac's delete key is Backspace
        "remove_all": (),
        "check_all": ("Ctrl+R",),
        "check_file": ("Ctrl+Shift+R",),
        "stop": (Key.Cancel,),  # Esc, and Cmd+. on macOS
        "save_report": (Key.Save,),
        "save_receipt": (),
        "export_rows": (),
        "history": ("Ctrl+Y",) if mac else ("Ctrl+H",),  # Cmd+H hides the app on macOS; Safari's History is Cmd+Y
        "settings": (Key.Preferences,),
        "wipe_now": (),
        "quit": (Key.Quit,),
        "about": (),
        "rules": (Key.HelpContents,),
        "log_folder": (),
    }


def make_action(parent, text: str, slot, keys: tuple[Shortcut, ...] = (), tip: str = "") -> QAction:
    action = QAction(text, parent)
    action.setShortcuts([sequence for key in keys for sequence in
                         (QKeySequence.keyBindings(key) if isinstance(key, Key) else [QKeySequence(key)])])
    action.setStatusTip(tip)
    action.triggered.connect(slot)
    return action


def build_actions(w) -> None:
    """Sets the window's `*_action` attributes."""
    keys = shortcut_table()
    w.new_submission_action = make_action(w, tr("&New submission"), w.remove_all, keys["new_submission"],
                                          tr("Take every file out of the list to start another submission"))
    w.add_files_action = make_action(w, tr("&Add files…"), w.choose_files, keys["add_files"],
                                     tr("Add data files to the submission"))
    w.add_folder_action = make_action(w, tr("Add &folder…"), w.choose_folder, keys["add_folder"],
                                      tr("Add every data file of a folder"))
    w.remove_action = make_action(w, tr("&Remove file"), w.list.remove_selected, keys["remove"],
                                  tr("Take the selected file out of the submission"))
    w.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    w.list.addAction(w.remove_action)
    w.remove_all_action = make_action(w, tr("Remove &all files"), w.remove_all, keys["remove_all"],
                                      tr("Take every file out of the submission"))
    w.check_all_action = make_action(w, tr("&Check all"), w.check_all, keys["check_all"], tr("Check every file"))
    w.check_file_action = make_action(w, tr("Check &this file"), w.check_current, keys["check_file"],
                                      tr("Check the selected file again"))
    w.stop_action = make_action(w, tr("&Stop checking"), w.stop, keys["stop"], tr("Stop the check that is running"))
    w.save_report_action = make_action(
        w, tr("Save &report…"), w.save_report, keys["save_report"],
        tr("Save the results as a report that opens in any web browser: the full one, or one you can share"))
    w.save_receipt_action = make_action(
        w, tr("Save precheck re&ceipt…"), w.save_receipt, keys["save_receipt"],
        tr("Save the receipt to attach to the upload: each file's fingerprint, size, table type and verdict"))
    w.export_rows_action = make_action(
        w, tr("Export all problem &rows…"), w.export_all_rows, keys["export_rows"],
        tr("Save every row of the selected file that a finding is about, with the rules it breaks, as CSV"))
    w.history_action = make_action(w, tr("&History…"), w.show_history, keys["history"],
                                   tr("Earlier checks: reopen their reports, see what changed, delete them"))
    w.settings_action = make_action(w, tr("Se&ttings…"), w.show_settings, keys["settings"],
                                    tr("Cohort, language, when temporary copies are wiped, memory and threads"))
    w.wipe_now_action = make_action(w, tr("&Wipe temporary copies now"), w.wipe_now, keys["wipe_now"],
                                    tr("Delete the temporary copies of your files that no running check needs"))
    w.audit_action = make_action(w, tr("&Audit of patient data…"), w.show_audit, (),
                                 tr("What holds patient data from this app on this computer now, "
                                    "and every copy it made and wiped"))
    w.quit_action = make_action(w, tr("&Quit"), w.close, keys["quit"])
    w.about_action = make_action(w, tr("&About"), w.show_about, keys["about"])
    w.rules_action = make_action(w, tr("&Rules…"), w.show_rules, keys["rules"],
                                 tr("Every table, column and rule of the definitions, in plain words"))
    w.log_folder_action = make_action(w, tr("Open the &log folder"), w.open_log_folder, keys["log_folder"],
                                      tr("Show the app's log files, to send them to the NA-ACCORD help desk"))
    # On macOS these move to the application menu, where the system expects them.
    w.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
    w.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    w.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    if w.history is None:
        w.history_action.setEnabled(False)
        w.history_action.setStatusTip(tr("The run history could not be opened in this session."))
    if w.audit is None:
        w.audit_action.setEnabled(False)
        w.audit_action.setStatusTip(tr("The audit is kept with the run history, which could not be opened."))
    if w.paths is None:
        for action in (w.settings_action, w.log_folder_action):
            action.setEnabled(False)


def build_menus(w) -> None:
    """Sets `file_menu`, `recent_menu`, `privacy_menu` and `help_menu`."""
    w.file_menu = w.menuBar().addMenu(tr("&File"))
    w.file_menu.addAction(w.new_submission_action)
    w.recent_menu = w.file_menu.addMenu(tr("Recent &submissions"))
    w.recent_menu.aboutToShow.connect(w.fill_recent_menu)
    w.file_menu.addSeparator()
    for group in ((w.add_files_action, w.add_folder_action, w.remove_action, w.remove_all_action),
                  (w.check_all_action, w.check_file_action, w.stop_action),
                  (w.save_report_action, w.save_receipt_action, w.export_rows_action),
                  (w.history_action, w.settings_action, w.wipe_now_action),
                  (w.quit_action,)):
        for action in group:
            w.file_menu.addAction(action)
        if group[0] is not w.quit_action:
            w.file_menu.addSeparator()
    w.privacy_menu = w.menuBar().addMenu(tr("&Privacy"))
    w.privacy_menu.addAction(w.audit_action)
    w.help_menu = w.menuBar().addMenu(tr("&Help"))
    w.help_menu.addAction(w.rules_action)
    w.help_menu.addAction(w.about_action)
    w.help_menu.addAction(w.log_folder_action)
