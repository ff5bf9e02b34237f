"""Stage icons: each stage has its own shape and glyph, so colour is never the only cue."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from desktop.core.stage import Stage
from desktop.i18n import N_, _

STAGE_NAMES = {
    Stage.TERM_RUNNING: N_("Term running"),
    Stage.NOTICE_POSSIBLE: N_("Notice possible"),
    Stage.NOTICE_SENT: N_("Notice sent"),
    Stage.PENALTY_RUNNING: N_("Penalty running"),
    Stage.APPEAL_OPEN: N_("Appeal open"),
    Stage.DECIDED: N_("Decided"),
}

# Mid-tone colours readable on light and dark backgrounds; the shapes carry the meaning.
_COLOURS = {
    Stage.TERM_RUNNING: "#3b82c4",
    Stage.NOTICE_POSSIBLE: "#d08a00",
    Stage.NOTICE_SENT: "#7a5cc8",
    Stage.PENALTY_RUNNING: "#c8412f",
    Stage.APPEAL_OPEN: "#b0378f",
    Stage.DECIDED: "#2e9250",
}


def stage_name(stage: Stage) -> str:
    return _(STAGE_NAMES[stage])


def _draw(painter: QPainter, stage: Stage, size: float) -> None:
    colour = QColor(_COLOURS[stage])
    pen = QPen(colour, max(1.5, size / 12))
    painter.setPen(pen)
    m = size * 0.1
    box = QRectF(m, m, size - 2 * m, size - 2 * m)
    painter.setBrush(colour.lighter(180))
    if stage is Stage.TERM_RUNNING:  # clock
        painter.drawEllipse(box)
        c = box.center()
        painter.drawLine(c, QPointF(c.x(), box.top() + size * 0.2))
        painter.drawLine(c, QPointF(box.right() - size * 0.22, c.y()))
    elif stage is Stage.NOTICE_POSSIBLE:  # warning triangle with "!"
        tri = QPolygonF([QPointF(box.center().x(), box.top()), box.bottomRight(), box.bottomLeft()])
        painter.drawPolygon(tri)
        x = box.center().x()
        painter.drawLine(QPointF(x, box.top() + size * 0.3), QPointF(x, box.bottom() - size * 0.3))
        painter.drawPoint(QPointF(x, box.bottom() - size * 0.15))
    elif stage is Stage.NOTICE_SENT:  # envelope
        env = box.adjusted(0, size * 0.12, 0, -size * 0.12)
        painter.drawRect(env)
        path = QPainterPath(env.topLeft())
        path.lineTo(env.center())
        path.lineTo(env.topRight())
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    elif stage is Stage.DECIDED:  # check mark in a square
        painter.drawRoundedRect(box, size * 0.12, size * 0.12)
        path = QPainterPath(QPointF(box.left() + size * 0.18, box.center().y()))
        path.lineTo(QPointF(box.center().x() - size * 0.05, box.bottom() - size * 0.2))
        path.lineTo(QPointF(box.right() - size * 0.15, box.top() + size * 0.2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
    else:  # penalty: a coin with €; appeal: a diamond with §
        glyph = "€" if stage is Stage.PENALTY_RUNNING else "§"
        if stage is Stage.PENALTY_RUNNING:
            painter.drawEllipse(box)
        else:
            c = box.center()
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(c.x(), box.top()),
                        QPointF(box.right(), c.y()),
                        QPointF(c.x(), box.bottom()),
                        QPointF(box.left(), c.y()),
                    ]
                )
            )
        font = QFont()
        font.setPixelSize(max(6, int(size * 0.5)))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(colour.darker(150))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, glyph)


@cache
def stage_icon(stage: Stage) -> QIcon:
    """A cached icon (data() must return cached objects: it runs per visible cell)."""
    icon = QIcon()
    for size in (16, 24, 32, 48):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        _draw(painter, stage, float(size))
        painter.end()
        icon.addPixmap(pixmap)
    return icon
