"""Local state: app paths, run history, scratch folders, secrets, settings, logs."""
