"""The main window's parts, one seam each (adding files, running the check,
saving, settings and dialogs), mixed into gui/main_window.MainWindow."""
