"""While any process of the app runs (a window, a command-line check, the
self-test), it holds a named Windows mutex. The installer and the uninstaller
(installers/windows/naaccord-desktop.nsi) look for it and refuse to replace the
app's files, or to wipe its scratch folder, until every such process has ended.
Windows releases the mutex when the last process holding it ends, crashed or
not. Elsewhere this does nothing."""

from __future__ import annotations

import sys

MUTEX_NAME = "NA-ACCORD Desktop Precheck is running"  # the NSIS script names it too

_handles: list[int] = []  # kept open until the process ends


def hold_app_mutex() -> bool:
    """Hold the mutex for the rest of this process (a second call does nothing); True when held."""
    if sys.platform != "win32":
        return False
    if not _handles:
        import ctypes
        from ctypes import wintypes

        create = ctypes.WinDLL("kernel32", use_last_error=True).CreateMutexW
        create.argtypes = (ctypes.c_void_p, wintypes.BOOL, wintypes.LPCWSTR)
        create.restype = wintypes.HANDLE
        handle = create(None, False, MUTEX_NAME)  # another process's mutex of this name is shared, not an error
        if handle:
            _handles.append(handle)
    return bool(_handles)
