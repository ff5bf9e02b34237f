"""Render the app icon: resources/icons/termijn.svg -> PNGs (16..512 px), .ico and .icns.

Usage: python scripts/make_icons.py          (needs PySide6 and Pillow, both in the venv)

The PNGs are committed: the wheel, the PyInstaller app and packaging/linux (hicolor sizes) use
them as they are, so a build needs no drawing step. Run this again after editing the SVG.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(renderer: QSvgRenderer, size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return Image.open(io.BytesIO(bytes(data.data()))).convert("RGBA")


def main() -> int:
    _app = QGuiApplication([])
    renderer = QSvgRenderer(str(ICONS / "termijn.svg"))
    if not renderer.isValid():
        raise SystemExit("termijn.svg did not parse")
    images = {size: render(renderer, size) for size in SIZES}
    for size, image in images.items():
        image.save(ICONS / f"termijn-{size}.png", optimize=True)
    largest = images[max(ICO_SIZES)]
    largest.save(
        ICONS / "termijn.ico",
        sizes=[(s, s) for s in ICO_SIZES],
        append_images=[images[s] for s in ICO_SIZES if s != max(ICO_SIZES)],
    )
    big = render(renderer, 1024)
    big.save(ICONS / "termijn.icns", append_images=[images[s] for s in (16, 32, 64, 128, 256, 512)])
    print(f"wrote {len(SIZES)} PNGs, termijn.ico and termijn.icns into {ICONS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
