"""Render naaccord_desktop/resources/icon.svg into every icon file the platforms need.

    python installers/make_icons.py

Writes, beside the SVG, icon.png (512 px, Linux and the window icon: the
one the app reads at run time, shipped in the wheel), icon.ico (Windows:
16-256 px) and icon.icns (macOS: 16-1024 px). Each size is drawn from the SVG, not scaled from a bitmap. Both
containers hold PNG images, which Windows Vista+ and macOS 10.7+ read.
Run it again after editing the SVG and commit the results.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

RESOURCES = Path(__file__).resolve().parents[1] / "naaccord_desktop" / "resources"
SOURCE = RESOURCES / "icon.svg"

PNG_SIZE = 512
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# Apple's PNG-backed icon types and the pixel size each one holds.
ICNS_TYPES = (
    (b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
    (b"ic09", 512), (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256),
    (b"ic14", 512),
)


def render_png(renderer: QSvgRenderer, size: int) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise RuntimeError(f"could not encode the {size} px icon as PNG")
    return bytes(data)


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, images = b"", b""
    for size in sizes:
        data = pngs[size]
        side = 0 if size == 256 else size  # 0 means 256 in an ICO directory
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(data), offset)
        images += data
        offset += len(data)
    return header + entries + images


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    body = b"".join(
        kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"{SOURCE.name} is not a valid SVG image.", file=sys.stderr)
        return 1
    sizes = {PNG_SIZE, *ICO_SIZES, *(size for _, size in ICNS_TYPES)}
    pngs = {size: render_png(renderer, size) for size in sorted(sizes)}
    (RESOURCES / "icon.png").write_bytes(pngs[PNG_SIZE])
    (RESOURCES / "icon.ico").write_bytes(ico_bytes({s: pngs[s] for s in ICO_SIZES}))
    (RESOURCES / "icon.icns").write_bytes(icns_bytes(pngs))
    print(f"wrote icon.png, icon.ico and icon.icns in {RESOURCES}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
