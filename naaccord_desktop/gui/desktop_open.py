"""Files the desktop hands to the app: `naaccord-desktop FILE|FOLDER...` (a
double-click, "Open with", a drop on the app's icon), and on macOS the
QFileOpenEvent that Finder and the Dock send instead of arguments.

One window per user: the first launch listens on a local socket; a later
launch hands its files to it and ends, and the window comes to the front
with them.

The socket (QLocalServer: a named pipe on Windows, a socket file on macOS
and Linux) is open to this account only, and its name is derived from the
user's settings folder, so two accounts of a shared PC, or two test runs,
never meet. The message is one line of JSON: {"open": [paths]}; the window
answers "ok" once it has them. File paths only, never file contents.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtNetwork import QLocalServer, QLocalSocket

log = logging.getLogger(__name__)

CONNECT_MS = 500
ANSWER_MS = 5000  # the first window may still be starting
OK = b"ok\n"


def instance_name(config_folder: Path) -> str:
    digest = hashlib.sha256(str(config_folder.resolve()).encode("utf-8")).hexdigest()[:16]
    return f"naaccord-desktop-{digest}"


def hand_over(name: str, paths: list[Path]) -> bool | None:
    """Give `paths` to the window already open: True when it said it took them,
    False when it is there but did not answer in time, None when there is none."""
    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return None
    socket.write(json.dumps({"open": [str(p) for p in paths]}).encode("utf-8") + b"\n")
    socket.waitForBytesWritten(ANSWER_MS)  # False when flush() wrote them all already
    answered = _read_line(socket, ANSWER_MS) == OK
    socket.disconnectFromServer()
    return answered


def _read_line(socket: QLocalSocket, wait_ms: int) -> bytes:
    while not socket.canReadLine():
        if not socket.waitForReadyRead(wait_ms):
            return b""
    return bytes(socket.readLine().data())


class Arrivals(QObject):
    """Paths arriving from outside; those that come before the window is
    ready wait for `deliver_to` (the window's open_from_desktop)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.pending: list[Path] = []
        self.on_open: Callable[[list[Path]], None] | None = None

    def arrived(self, paths: list[Path]) -> None:
        if self.on_open is None:
            self.pending.extend(paths)
        else:
            self.on_open(paths)

    def deliver_to(self, on_open: Callable[[list[Path]], None]) -> None:
        self.on_open = on_open
        waiting, self.pending = self.pending, []
        if waiting:
            on_open(waiting)


class InstanceServer(Arrivals):
    """Listens for later launches."""

    def __init__(self, name: str, parent=None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._accept)

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.setParent(self)
            socket.readyRead.connect(self._read)
            socket.disconnected.connect(socket.deleteLater)

    def _read(self) -> None:
        socket = self.sender()
        while socket.canReadLine():
            line = bytes(socket.readLine().data())
            try:
                paths = [Path(p) for p in json.loads(line)["open"]]
            except (ValueError, KeyError, TypeError):
                log.warning("A message from another launch could not be read; it was ignored.")
                socket.disconnectFromServer()
                return
            socket.write(OK)
            socket.flush()
            self.arrived(paths)


def claim(name: str, paths: list[Path]) -> InstanceServer | None:
    """Be the window of this user: None when one is already open and took
    `paths` (this launch then ends), else the server later launches reach.
    A socket file left by a window that crashed is removed; if listening
    still fails, this window works on alone."""
    if hand_over(name, paths) is not None:  # taken, or that window is busy and has them anyway
        return None
    server = InstanceServer(name)
    if server.server.listen(name):
        return server
    if hand_over(name, paths) is not None:  # another launch opened its window meanwhile
        server.deleteLater()
        return None
    QLocalServer.removeServer(name)  # nobody answers on it: a socket file a crashed window left
    server.server.listen(name)  # if it still fails, this window works on alone (run_gui logs why)
    return server


class FileOpenEvents(Arrivals):
    """macOS: Finder's "Open With" and a drop on the Dock icon arrive as a
    QFileOpenEvent on the application, at start too, before the window exists."""

    def __init__(self, app) -> None:
        super().__init__(app)
        app.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:
        if event.type() != QEvent.Type.FileOpen:
            return False
        self.arrived([Path(event.file())])
        return True
