"""The case timeline: a drawn time axis whose dates can be clicked or chosen by keyboard.

Labels are laid out so that none overlaps another or the Today line; month labels that would be
cut off at an edge are left out. The widget shows either the decisive period or the whole case.
"""

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
from desktop.ui.models.timeline import (
    Lane,
    Mark,
    Span,
    Style,
    TimelineData,
    lane_title,
    legend_text,
)

_COLOURS = {
    Style.BASE: "#3b82c4",
    Style.EXTENSION: "#6fa8dc",
    Style.PAUSE: "#8a8a8a",
    Style.CONTESTED: "#e07b00",
    Style.RISKY: "#e07b00",
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
    Style.DEADLINE: "#b0378f",
}
# Contested spans differ by pattern and outline too, not by colour alone.
_PATTERNS = {
    Style.CONTESTED: Qt.BrushStyle.BDiagPattern,
    Style.WINDOW: Qt.BrushStyle.Dense4Pattern,
}
_LANES = (Lane.TERM, Lane.PAUSES, Lane.NOTICE)


def draw_mark(painter: QPainter, style: Style, c: QPointF, r: float) -> None:
    """A mark's shape: cross (void), diamond (end; hollow for the IND's), triangle, square, dot."""
    colour = QColor(_COLOURS[style])
    painter.setPen(QPen(colour.darker(140), 1.5))
    painter.setBrush(colour)
    if style is Style.INVALID:  # a cross
        painter.setPen(QPen(colour, 3))
        painter.drawLine(QPointF(c.x() - r, c.y() - r), QPointF(c.x() + r, c.y() + r))
        painter.drawLine(QPointF(c.x() - r, c.y() + r), QPointF(c.x() + r, c.y() - r))
    elif style in (Style.END, Style.IND_END):  # a diamond; the IND's is hollow, dashed
        if style is Style.IND_END:
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
    elif style in (Style.SAFE, Style.APPEAL):  # a flag-like triangle
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(c.x() - r, c.y() + r),
                    QPointF(c.x() + r, c.y() + r),
                    QPointF(c.x(), c.y() - r),
                ]
            )
        )
    elif style is Style.DEADLINE:  # an hourglass: a date to act by
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(c.x() - r, c.y() - r),
                    QPointF(c.x() + r, c.y() - r),
                    QPointF(c.x() - r, c.y() + r),
                    QPointF(c.x() + r, c.y() + r),
                ]
            )
        )
    elif style in (Style.CONTESTED, Style.RISKY):
        painter.setBrush(QBrush(colour, Qt.BrushStyle.BDiagPattern))
        painter.setPen(QPen(colour, 2, Qt.PenStyle.DashLine))
        painter.drawRect(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r))
    else:
        painter.drawEllipse(c, r, r)


def draw_span_swatch(painter: QPainter, style: Style, rect: QRectF) -> None:
    colour = QColor(_COLOURS[style])
    dashed = style is Style.CONTESTED
    painter.setPen(
        QPen(colour.darker(130), 1, Qt.PenStyle.DashLine if dashed else Qt.PenStyle.SolidLine)
    )
    painter.setBrush(QBrush(colour, _PATTERNS.get(style, Qt.BrushStyle.SolidPattern)))
    painter.drawRect(rect)


class TimelineWidget(QWidget):
    """Draws a TimelineData; Left/Right pick a date, Enter or a click opens it.

    Signals:
        mark_activated(object): the Mark the user clicked or pressed Enter on.
    """

    mark_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: TimelineData | None = None
        self._whole = False
        self._hits: list[tuple[QRectF, Mark]] = []
        self._focus = -1
        self._label_rects: dict[int, QRectF] = {}
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
        self._focus = 0 if self.marks() else -1
        self._describe()
        self._relayout()
        self.update()

    def set_whole(self, whole: bool) -> None:
        """Show the whole case (True) or the decisive period (False)."""
        self._whole = whole
        self._focus = 0 if self.marks() else -1
        self._describe()
        self._relayout()
        self.update()

    def range(self) -> tuple[date, date] | None:
        """The first and last day drawn."""
        data = self._data
        if data is None:
            return None
        if self._whole or data.focus_first is None or data.focus_last is None:
            return data.first, data.last
        return data.focus_first, data.focus_last

    def marks(self) -> tuple[Mark, ...]:
        """The marks in the range shown, in date order (the keyboard walks these)."""
        shown = self.range()
        if self._data is None or shown is None:
            return ()
        return tuple(m for m in self._data.marks if shown[0] <= m.day <= shown[1])

    def spans(self) -> tuple[Span, ...]:
        shown = self.range()
        if self._data is None or shown is None:
            return ()
        return tuple(s for s in self._data.spans if s.end >= shown[0] and s.start <= shown[1])

    def mark_rect(self, index: int) -> QRectF:
        """Where mark `index`'s label was last drawn (tests click it)."""
        self._layout()
        return self._label_rects[index]

    def label_rects(self) -> list[QRectF]:
        self._layout()
        return [self._label_rects[i] for i in range(len(self.marks()))]

    def today_x(self) -> float | None:
        shown = self.range()
        if self._data is None or shown is None or not shown[0] <= self._data.today <= shown[1]:
            return None
        return self._mark_x(self._data.today)

    def _describe(self) -> None:
        lang = current_language()
        text = "; ".join(f"{m.label}: {format_date(m.day, lang)}" for m in self.marks())
        self.setAccessibleDescription(text or _("No dates yet"))

    # -------------------------------------------------------------- geometry

    def _line(self) -> int:
        return QFontMetrics(self.font()).height()

    def _layout(self) -> None:
        """Place every label: off the Today line, then greedy rows per lane so none overlap."""
        self._label_rects = {}
        self._lane_rows = dict.fromkeys(_LANES, 1)
        if self._data is None:
            return
        fm = QFontMetrics(self.font())
        gap = fm.averageCharWidth()
        today = self.today_x()
        placed: dict[tuple[Lane, int], list[tuple[float, float]]] = {}
        xs: dict[int, tuple[float, float]] = {}
        for index, mark in enumerate(self.marks()):
            width = float(fm.horizontalAdvance(mark.label) + 2)
            x0 = self._label_x(mark, width)
            if today is not None and x0 - gap / 2 < today < x0 + width + gap / 2:
                # Move the label to the side of the Today line its mark is on.
                left = self._mark_x(mark.day) < today
                x0 = today - gap / 2 - width if left else today + gap / 2
                x0 = min(max(x0, self._gutter()), self.width() - width - 2)
            row = 0
            while any(
                x0 < end + gap and start < x0 + width + gap
                for start, end in placed.get((mark.lane, row), [])
            ):
                row += 1
            placed.setdefault((mark.lane, row), []).append((x0, x0 + width))
            xs[index] = (x0, width)
            self._lane_rows[mark.lane] = max(self._lane_rows[mark.lane], row + 1)
            self._label_rects[index] = QRectF(x0, float(row), width, 0.0)  # row for now
        line = self._line()
        for index, mark in enumerate(self.marks()):
            x0, width = xs[index]
            row = int(self._label_rects[index].y())
            top = self._lane_top(mark.lane) + line * (0.2 + row)
            self._label_rects[index] = QRectF(x0, top, width, line)

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
        return int(sum(self._lane_height(lane) for lane in _LANES) + self._line() * 3.0)

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
        return QSize(self._line() * 16, self._total_height())

    def _gutter(self) -> float:
        fm = QFontMetrics(self.font())
        return max(fm.horizontalAdvance(lane_title(lane)) for lane in _LANES) + self._line()

    def _x(self, day: date) -> float:
        shown = self.range()
        assert shown is not None
        left, right = self._gutter(), self.width() - self._line()
        span = max(1, (shown[1] - shown[0]).days)
        return left + (right - left) * (day - shown[0]).days / span

    def _clip_x(self, x: float) -> float:
        return min(max(x, self._gutter()), self.width() - self._line())

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
        self._layout()
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
        for span in self.spans():
            top = self._lane_top(span.lane) + self._lane_height(span.lane) - line * 1.5
            x0 = self._clip_x(self._x(span.start))
            x1 = self._clip_x(self._x(span.end + timedelta(days=1)))
            rect = QRectF(x0, top, max(2.0, x1 - x0), line * 0.9)
            draw_span_swatch(painter, span.style, rect)
            if fm.horizontalAdvance(span.label) + 6 < rect.width():
                painter.setPen(text if span.style in _PATTERNS else QColor("white"))
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, span.label)
        for index, mark in enumerate(self.marks()):
            self._paint_mark(painter, index, mark, pal, text)
        self._paint_today(painter, axis_y, fm)

    def _paint_mark(
        self, painter: QPainter, index: int, mark: Mark, pal: QPalette, text: QColor
    ) -> None:
        line = self._line()
        x = self._mark_x(mark.day)
        lane_top = self._lane_top(mark.lane)
        bar_mid = lane_top + self._lane_height(mark.lane) - line * 1.05
        label_rect = self._label_rects[index]
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
        painter.fillRect(label_rect, pal.color(role))
        painter.setPen(text)
        painter.drawText(label_rect, Qt.AlignmentFlag.AlignCenter, mark.label)
        draw_mark(painter, mark.style, QPointF(x, bar_mid), line * 0.45)
        hit = QRectF(x - line * 0.6, bar_mid - line * 0.6, line * 1.2, line * 1.2)
        # Two separate targets: a union would swallow neighbours' labels in other rows.
        self._hits.append((label_rect, mark))
        self._hits.append((hit, mark))
        if index == self._focus and self.hasFocus():
            painter.setPen(QPen(pal.color(QPalette.ColorRole.Highlight), 2, Qt.PenStyle.DotLine))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(hit.united(label_rect).adjusted(-2, -2, 2, 2))

    def _paint_today(self, painter: QPainter, axis_y: float, fm: QFontMetrics) -> None:
        """A vertical line across every lane, labelled under the axis (an arrow when off range)."""
        assert self._data is not None
        line = self._line()
        colour = self.palette().color(QPalette.ColorRole.Highlight)
        shown = self.range()
        assert shown is not None
        tx = self.today_x()
        label = _("Today")
        if tx is None:  # outside the period shown: say which way
            before = self._data.today < shown[0]
            label = _("← Today") if before else _("Today →")
            tx = self._gutter() if before else self.width() - self._line()
        else:
            painter.setPen(QPen(colour, 2))
            painter.drawLine(QPointF(tx, 0), QPointF(tx, axis_y))
        lw = fm.horizontalAdvance(label) + 2
        lx = min(max(tx - lw / 2, 0.0), self.width() - lw - 2)
        painter.setPen(QPen(colour, 2))
        painter.drawText(
            QRectF(lx, axis_y + line * 1.3, lw, line), Qt.AlignmentFlag.AlignCenter, label
        )

    def _draw_axis(self, painter: QPainter, y: float, text: QColor, fm: QFontMetrics) -> None:
        """Month ticks, or week ticks (Mondays) for a short period; no label cut off at an edge."""
        shown = self.range()
        assert shown is not None
        painter.setPen(QPen(text, 1))
        left, right = self._gutter(), self.width() - self._line()
        painter.drawLine(QPointF(left, y), QPointF(right, y))
        first, last = shown
        lang = current_language()
        weekly = (last - first).days <= 120
        pattern = "d MMM" if weekly else "MMM yyyy"
        sample = fm.horizontalAdvance(format_date(date(2026, 9, 30), lang, pattern))
        if weekly:
            day = first + timedelta(days=(7 - first.weekday()) % 7)
            ticks = []
            while day <= last:
                ticks.append(day)
                day += timedelta(days=7)
        else:
            ticks, day = [], date(first.year, first.month, 1)
            while day <= last:
                if day >= first:
                    ticks.append(day)
                day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        room = max(1.0, right - left)
        step = max(1, int(-(-len(ticks) * sample * 1.4 // room)))
        for tick in ticks[::step]:
            x = self._x(tick)
            label = format_date(tick, lang, pattern)
            if x < left or x + 2 + fm.horizontalAdvance(label) > self.width() - 1:
                continue  # never a label cut off at the edge
            painter.drawLine(QPointF(x, y), QPointF(x, y + 4))
            painter.drawText(QPointF(x + 2, y + fm.ascent() + 3), label)

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


class TimelineLegend(QWidget):
    """What each colour and shape on the timeline means: only those the case shows, wrapped."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[tuple[Style, bool]] = []  # (style, is a span)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setAccessibleName(_("Legend"))
        self.setAccessibleDescription("; ".join(legend_text(s) for s, _span in self._entries))
        self.updateGeometry()
        self.update()

    def set_data(self, data: TimelineData | None) -> None:
        entries: list[tuple[Style, bool]] = []
        seen: set[str] = set()
        if data is not None:
            for style, span in [(s.style, True) for s in data.spans] + [
                (m.style, False) for m in data.marks
            ]:
                text = legend_text(style)
                if text not in seen:
                    seen.add(text)
                    entries.append((style, span))
        self._entries = entries
        self.retranslate_ui()

    def _items(self, width: int) -> list[tuple[QRectF, Style, bool, str]]:
        fm = QFontMetrics(self.font())
        line = fm.height()
        x, y = 0.0, 0.0
        placed = []
        for style, span in self._entries:
            label = legend_text(style)
            w = line * 1.6 + fm.horizontalAdvance(label) + line
            if x > 0 and x + w > width:
                x, y = 0.0, y + line * 1.3
            placed.append((QRectF(x, y, w, line), style, span, label))
            x += w
        return placed

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        items = self._items(width)
        return int(items[-1][0].bottom() + 2) if items else 0

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(400, self.heightForWidth(max(200, self.width())))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.minimumHeight() != self.heightForWidth(self.width()):
            self.setMinimumHeight(self.heightForWidth(self.width()))

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().color(QPalette.ColorRole.WindowText)
        line = QFontMetrics(self.font()).height()
        for rect, style, span, label in self._items(self.width()):
            swatch = QRectF(rect.x(), rect.y() + line * 0.2, line * 1.2, line * 0.6)
            if span:
                draw_span_swatch(painter, style, swatch)
            else:
                draw_mark(painter, style, swatch.center(), line * 0.35)
            painter.setPen(text)
            painter.drawText(
                QRectF(rect.x() + line * 1.6, rect.y(), rect.width() - line * 1.6, line),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
