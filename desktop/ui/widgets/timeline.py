"""The case timeline: a drawn time axis whose dates can be clicked or chosen by keyboard."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QFontMetrics,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop.i18n import _, current_language, format_date
from desktop.ui.models.timeline import Lane, Mark, Style, TimelineData, lane_title

_COLOURS = {
    Style.BASE: "#3b82c4",
    Style.EXTENSION: "#6fa8dc",
    Style.PAUSE: "#8a8a8a",
    Style.CONTESTED: "#e07b00",
    Style.WINDOW: "#7a5cc8",
    Style.TIER1: "#e8a09a",
    Style.TIER2: "#d9604f",
    Style.TIER3: "#a52a1c",
    Style.END: "#1f5f99",
    Style.IND_END: "#e07b00",
    Style.SAFE: "#2e9250",
    Style.APPEAL: "#b0378f",
    Style.EVENT: "#555555",
    Style.INVALID: "#c8412f",
}
# Contested pauses differ by pattern and outline too, not by colour alone.
_PATTERNS = {
    Style.CONTESTED: Qt.BrushStyle.BDiagPattern,
    Style.WINDOW: Qt.BrushStyle.Dense4Pattern,
}
_LANES = (Lane.TERM, Lane.PAUSES, Lane.NOTICE)


class TimelineWidget(QWidget):
    """Draws a TimelineData; Left/Right pick a date, Enter or a click opens it.

    Signals:
        mark_activated(object): the Mark the user clicked or pressed Enter on.
    """

    mark_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: TimelineData | None = None
        self._hits: list[tuple[QRectF, Mark]] = []
        self._focus = -1
        self._label_rows: dict[int, int] = {}
        self._lane_rows: dict[Lane, int] = {}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setAccessibleName(_("Timeline"))
        self._describe()
        self._relayout()
        self.update()

    # ------------------------------------------------------------------ data

    def set_data(self, data: TimelineData | None) -> None:
        self._data = data
        self._focus = 0 if data and data.marks else -1
        self._describe()
        self._relayout()
        self.update()

    def marks(self) -> tuple[Mark, ...]:
        return self._data.marks if self._data else ()

    def mark_rect(self, index: int) -> QRectF:
        """Where mark `index` was last drawn (tests click it)."""
        mark = self.marks()[index]
        return next(rect for rect, m in self._hits if m is mark)

    def _describe(self) -> None:
        lang = current_language()
        text = "; ".join(f"{m.label}: {format_date(m.day, lang)}" for m in self.marks())
        self.setAccessibleDescription(text or _("No dates yet"))

    # -------------------------------------------------------------- geometry

    def _line(self) -> int:
        return QFontMetrics(self.font()).height()

    def _layout(self) -> None:
        """Place every label: greedy rows per lane so no two labels overlap."""
        self._label_rows: dict[int, int] = {}
        self._lane_rows = dict.fromkeys(_LANES, 1)
        if self._data is None:
            return
        fm = QFontMetrics(self.font())
        ends: dict[tuple[Lane, int], float] = {}
        for index, mark in enumerate(self._data.marks):
            width = fm.horizontalAdvance(mark.label)
            lx = self._label_x(mark, width)
            row = 0
            while ends.get((mark.lane, row), -1e9) > lx - fm.averageCharWidth():
                row += 1
            ends[(mark.lane, row)] = lx + width
            self._label_rows[index] = row
            self._lane_rows[mark.lane] = max(self._lane_rows[mark.lane], row + 1)

    def _label_x(self, mark: Mark, width: float) -> float:
        x = self._mark_x(mark.day)
        return min(max(x - width / 2, self._gutter()), self.width() - width - 2)

    def _mark_x(self, day: date) -> float:
        return (self._x(day) + self._x(day + timedelta(days=1))) / 2

    def _lane_height(self, lane: Lane) -> float:
        return self._line() * (self._lane_rows.get(lane, 1) + 1.8)

    def _lane_top(self, lane: Lane) -> float:
        return sum(self._lane_height(other) for other in _LANES[: _LANES.index(lane)])

    def _total_height(self) -> int:
        return int(sum(self._lane_height(lane) for lane in _LANES) + self._line() * 2.8)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        self._relayout()
        super().resizeEvent(event)

    def _relayout(self) -> None:
        self._layout()
        height = self._total_height()
        if height != self.minimumHeight():
            self.setMinimumHeight(height)
            self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._line() * 40, self._total_height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(self._line() * 20, self._total_height())

    def _gutter(self) -> float:
        fm = QFontMetrics(self.font())
        return max(fm.horizontalAdvance(lane_title(lane)) for lane in _LANES) + self._line()

    def _x(self, day: date) -> float:
        assert self._data is not None
        left, right = self._gutter(), self.width() - self._line()
        span = max(1, (self._data.last - self._data.first).days)
        return left + (right - left) * (day - self._data.first).days / span

    # ----------------------------------------------------------------- paint

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        fm = QFontMetrics(self.font())
        line = self._line()
        self._hits = []
        if self._data is None:
            painter.setPen(text)
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, _("No dates yet"))
            return
        if len(self._label_rows) != len(self._data.marks):
            self._layout()
        data = self._data
        for i, lane in enumerate(_LANES):
            top, lane_h = self._lane_top(lane), self._lane_height(lane)
            if i % 2:
                painter.fillRect(
                    QRectF(0, top, self.width(), lane_h),
                    pal.color(QPalette.ColorRole.AlternateBase),
                )
            painter.setPen(text)
            painter.drawText(
                QRectF(line / 2, top + lane_h - line * 1.5, self._gutter(), line),
                Qt.AlignmentFlag.AlignLeft,
                lane_title(lane),
            )
        axis_y = sum(self._lane_height(lane) for lane in _LANES) + line * 0.3
        self._draw_axis(painter, axis_y, text, fm)
        for span in data.spans:
            top = self._lane_top(span.lane) + self._lane_height(span.lane) - line * 1.5
            x0, x1 = self._x(span.start), self._x(span.end + timedelta(days=1))
            rect = QRectF(x0, top, max(2.0, x1 - x0), line * 0.9)
            colour = QColor(_COLOURS[span.style])
            dashed = span.style is Style.CONTESTED
            painter.setPen(
                QPen(
                    colour.darker(130), 1, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine
                )
            )
            painter.setBrush(QBrush(colour, _PATTERNS.get(span.style, Qt.BrushStyle.SolidPattern)))
            painter.drawRect(rect)
            if fm.horizontalAdvance(span.label) + 6 < rect.width():
                painter.setPen(text if span.style in _PATTERNS else QColor("white"))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, span.label)
        for index, mark in enumerate(data.marks):
            x = self._mark_x(mark.day)
            lane_top = self._lane_top(mark.lane)
            bar_mid = lane_top + self._lane_height(mark.lane) - line * 1.05
            width = fm.horizontalAdvance(mark.label)
            row = self._label_rows.get(index, 0)
            label_rect = QRectF(
                self._label_x(mark, width), lane_top + line * (0.2 + row), width, line
            )
            painter.setPen(
                QPen(
                    text.lighter(150) if text.lightness() < 128 else text.darker(150),
                    1,
                    Qt.PenStyle.DotLine,
                )
            )
            painter.drawLine(QPointF(x, label_rect.bottom()), QPointF(x, bar_mid - line * 0.45))
            # Labels sit on their lane's background so connectors never run through text.
            lane_index = _LANES.index(mark.lane)
            role = QPalette.ColorRole.AlternateBase if lane_index % 2 else QPalette.ColorRole.Window
            painter.fillRect(label_rect.adjusted(-1, 0, 1, 0), pal.color(role))
            painter.setPen(text)
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignLeft, mark.label)
            self._draw_mark(painter, mark, QPointF(x, bar_mid), line * 0.45)
            hit = QRectF(x - line * 0.6, bar_mid - line * 0.6, line * 1.2, line * 1.2)
            # Two separate targets: a union would swallow neighbours' labels in other rows.
            self._hits.append((label_rect, mark))
            self._hits.append((hit, mark))
            if index == self._focus and self.hasFocus():
                painter.setPen(
                    QPen(pal.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DotLine)
                )
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRect(hit.united(label_rect).adjusted(-2, -2, 2, 2))
        # Today: a vertical line across every lane, labelled under the axis.
        tx = self._x(data.today)
        painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2))
        painter.drawLine(QPointF(tx, 0), QPointF(tx, axis_y))
        label = _("Today")
        lw = fm.horizontalAdvance(label)
        lx = min(max(tx - lw / 2, 0), self.width() - lw - 2)
        painter.drawText(
            QRectF(lx, axis_y + line * 1.2, lw + 2, line), Qt.AlignmentFlag.AlignLeft, label
        )

    def _draw_axis(self, painter: QPainter, y: float, text: QColor, fm: QFontMetrics) -> None:
        assert self._data is not None
        painter.setPen(QPen(text, 1))
        painter.drawLine(QPointF(self._gutter(), y), QPointF(self.width() - self._line(), y))
        first, last = self._data.first, self._data.last
        months = (last.year - first.year) * 12 + last.month - first.month
        step = max(1, -(-months * fm.horizontalAdvance("MMM 0000") * 1.5 // max(1, self.width())))
        day = date(first.year, first.month, 1)
        i = 0
        while day <= last:
            if day >= first and i % int(step) == 0:
                x = self._x(day)
                painter.drawLine(QPointF(x, y), QPointF(x, y + 4))
                label = format_date(day, current_language(), "MMM yyyy")
                painter.drawText(QPointF(x + 2, y + fm.ascent() + 3), label)
            i += 1
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)

    def _draw_mark(self, painter: QPainter, mark: Mark, c: QPointF, r: float) -> None:
        colour = QColor(_COLOURS[mark.style])
        painter.setPen(QPen(colour.darker(140), 1.5))
        painter.setBrush(colour)
        if mark.style is Style.INVALID:  # a cross
            painter.setPen(QPen(colour, 3))
            painter.drawLine(QPointF(c.x() - r, c.y() - r), QPointF(c.x() + r, c.y() + r))
            painter.drawLine(QPointF(c.x() - r, c.y() + r), QPointF(c.x() + r, c.y() - r))
        elif mark.style in (Style.END, Style.IND_END):  # a diamond; the IND's is hollow, dashed
            if mark.style is Style.IND_END:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(colour, 2, Qt.PenStyle.DashLine))
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(c.x(), c.y() - r * 1.3),
                        QPointF(c.x() + r, c.y()),
                        QPointF(c.x(), c.y() + r * 1.3),
                        QPointF(c.x() - r, c.y()),
                    ]
                )
            )
        elif mark.style in (Style.SAFE, Style.APPEAL):  # a flag-like triangle
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(c.x() - r, c.y() + r),
                        QPointF(c.x() + r, c.y() + r),
                        QPointF(c.x(), c.y() - r),
                    ]
                )
            )
        elif mark.style is Style.CONTESTED:
            painter.setBrush(QBrush(colour, Qt.BrushStyle.BDiagPattern))
            painter.setPen(QPen(colour, 2, Qt.PenStyle.DashLine))
            painter.drawRect(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r))
        else:
            painter.drawEllipse(c, r, r)

    # ---------------------------------------------------------------- input

    def _mark_at(self, pos: QPointF) -> int:
        for rect, mark in reversed(self._hits):
            if rect.contains(pos):
                return self.marks().index(mark)
        return -1

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        index = self._mark_at(event.position())
        if index >= 0 and event.button() == Qt.MouseButton.LeftButton:
            self._focus = index
            self.update()
            self.mark_activated.emit(self.marks()[index])
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        index = self._mark_at(event.position())
        self.setCursor(
            Qt.CursorShape.PointingHandCursor if index >= 0 else Qt.CursorShape.ArrowCursor
        )
        if index >= 0:
            mark = self.marks()[index]
            QToolTip.showText(
                event.globalPosition().toPoint(),
                f"{mark.label}\n{format_date(mark.day, current_language())}",
                self,
            )
        super().mouseMoveEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        marks = self.marks()
        key = event.key()
        if marks and key in (Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home, Qt.Key.Key_End):
            step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(key)
            if step is None:
                self._focus = 0 if key == Qt.Key.Key_Home else len(marks) - 1
            else:
                self._focus = max(0, min(len(marks) - 1, self._focus + step))
            mark = marks[self._focus]
            self.setAccessibleDescription(
                f"{mark.label}: {format_date(mark.day, current_language())}"
            )
            self.update()
            return
        if marks and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.mark_activated.emit(marks[max(0, self._focus)])
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self.update()
        super().focusOutEvent(event)
