"""Next-step icons: each step has its own shape and glyph, so colour is never the only cue."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPainterPath, QPen, QPixmap, QPolygonF

from desktop.core.model import NextCode as Stage
from desktop.i18n import N_, _

# The short name of each next step: the case list's and due board's "Next step" column.
STAGE_NAMES = {
    Stage.WAIT: N_("Wait"),
    Stage.SEND_NOTICE: N_("Send the Notice"),
    Stage.RESEND_NOTICE: N_("Send a new Notice"),
    Stage.AWAIT_DECISION: N_("Await decision"),
    Stage.PENALTY_RUNNING: N_("Penalty running"),
    Stage.APPEAL_POSSIBLE: N_("Appeal possible"),
    Stage.CLAIM_PENALTY: N_("Claim penalty"),
    Stage.DECIDED: N_("Decision taken"),
}

# Mid-tone colours readable on light and dark backgrounds; the shapes carry the meaning.
_COLOURS = {
    Stage.WAIT: "#3b82c4",
    Stage.SEND_NOTICE: "#d08a00",
    Stage.RESEND_NOTICE: "#d0562a",
    Stage.AWAIT_DECISION: "#7a5cc8",
    Stage.PENALTY_RUNNING: "#c8412f",
    Stage.APPEAL_POSSIBLE: "#b0378f",
    Stage.CLAIM_PENALTY: "#a0522d",
    Stage.DECIDED: "#2e9250",
}


def stage_name(stage: Stage) -> str:
    return _(STAGE_NAMES[stage])


def stage_colour(stage: Stage) -> str:
    """The step's colour (an accent beside its icon and name, never the only cue)."""
    return _COLOURS[stage]


def _draw(painter: QPainter, stage: Stage, size: float) -> None:
    colour = QColor(_COLOURS[stage])
    pen = QPen(colour, max(1.5, size / 12))
    painter.setPen(pen)
    m = size * 0.1
    box = QRectF(m, m, size - 2 * m, size - 2 * m)
    painter.setBrush(colour.lighter(180))
    if stage is Stage.WAIT:  # clock
        painter.drawEllipse(box)
        c = box.center()
        painter.drawLine(c, QPointF(c.x(), box.top() + size * 0.2))
        painter.drawLine(c, QPointF(box.right() - size * 0.22, c.y()))
    elif stage is Stage.SEND_NOTICE:  # warning triangle with "!"
        tri = QPolygonF([QPointF(box.center().x(), box.top()), box.bottomRight(), box.bottomLeft()])
        painter.drawPolygon(tri)
        x = box.center().x()
        painter.drawLine(QPointF(x, box.top() + size * 0.3), QPointF(x, box.bottom() - size * 0.3))
        painter.drawPoint(QPointF(x, box.bottom() - size * 0.15))
    elif stage is Stage.RESEND_NOTICE:  # an envelope crossed out: the Notice must go again
        env = box.adjusted(0, size * 0.12, 0, -size * 0.12)
        painter.drawRect(env)
        painter.drawLine(env.topLeft(), env.bottomRight())
        painter.drawLine(env.bottomLeft(), env.topRight())
    elif stage is Stage.AWAIT_DECISION:  # envelope
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
    else:  # penalty: a coin with €; claim: a square with €; appeal: a diamond with §
        glyph = "§" if stage is Stage.APPEAL_POSSIBLE else "€"
        if stage is Stage.PENALTY_RUNNING:
            painter.drawEllipse(box)
        elif stage is Stage.CLAIM_PENALTY:
            painter.drawRect(box)
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
