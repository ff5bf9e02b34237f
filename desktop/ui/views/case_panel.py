"""The open case: header, overview with the timeline, editor, events, appointments, Notice."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.i18n import _
from desktop.ui.views.case_editor import CaseEditorView
from desktop.ui.views.next_step import NextStepBanner
from desktop.ui.widgets.fields import FieldWithError
from desktop.ui.widgets.text_limits import cap_line
from desktop.ui.widgets.timeline import TimelineLegend, TimelineWidget

KEY_DATES = (
    "rolled_end",
    "ind_view_end",
    "safe_notice_receipt",
    "notice",
    "penalty",
    "appeal_from",
    "decision",
    "remedy_until",
)


def _plain(parent: QWidget, wrap: bool = True) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class OverviewView(QWidget):
    """The timeline with its legend and zoom, the key dates with "Why?", and the warnings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.timeline = TimelineWidget(self)
        self.zoom_decisive = QRadioButton(self)
        self.zoom_all = QRadioButton(self)
        self.zoom_decisive.setChecked(True)
        self.zoom_group = QButtonGroup(self)
        self.zoom_group.addButton(self.zoom_decisive, 0)
        self.zoom_group.addButton(self.zoom_all, 1)
        zoom_row = QHBoxLayout()
        self.zoom_label = QLabel(self)
        zoom_row.addWidget(self.zoom_label)
        zoom_row.addWidget(self.zoom_decisive)
        zoom_row.addWidget(self.zoom_all)
        zoom_row.addStretch(1)
        self.legend = TimelineLegend(self)
        self.readings_label = _plain(self)
        self.timeline_hint = _plain(self)
        self.dates_box = QGroupBox(self)
        grid = QGridLayout(self.dates_box)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        self.date_labels: dict[str, QLabel] = {}
        self.date_values: dict[str, QLabel] = {}
        self.why_buttons: dict[str, QPushButton] = {}
        for row, key in enumerate(KEY_DATES):
            label = _plain(self.dates_box)
            value = _plain(self.dates_box)
            button = QPushButton(self.dates_box)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(button, row, 2, Qt.AlignmentFlag.AlignTop)
            self.date_labels[key], self.date_values[key], self.why_buttons[key] = (
                label,
                value,
                button,
            )
        self.warnings_box = QGroupBox(self)
        self.warnings_label = _plain(self.warnings_box)
        QVBoxLayout(self.warnings_box).addWidget(self.warnings_label)
        layout = QVBoxLayout(self)
        layout.addLayout(zoom_row)
        layout.addWidget(self.timeline)
        layout.addWidget(self.legend)
        layout.addWidget(self.readings_label)
        layout.addWidget(self.timeline_hint)
        layout.addWidget(self.dates_box)
        layout.addWidget(self.warnings_box)
        layout.addStretch(1)

    def set_row_visible(self, key: str, shown: bool) -> None:
        for widget in (self.date_labels[key], self.date_values[key], self.why_buttons[key]):
            widget.setVisible(shown)

    def retranslate_ui(self) -> None:
        self.timeline.retranslate_ui()
        self.legend.retranslate_ui()
        self.zoom_label.setText(_("Show:"))
        self.zoom_decisive.setText(_("The &decisive period"))
        self.zoom_all.setText(_("The &whole case"))
        self.timeline_hint.setText(
            _("Click a date, or use the arrow keys and Enter, to see why it falls there.")
        )
        self.dates_box.setTitle(_("Key dates"))
        self.warnings_box.setTitle(_("Warnings"))
        names = {
            "rolled_end": _("Decision term ends (your reading)"),
            "ind_view_end": _("Decision term ends (IND reading)"),
            "safe_notice_receipt": _("Notice may reach the IND from"),
            "notice": _("Notice of Default"),
            "penalty": _("Penalty"),
            "appeal_from": _("Appeal possible from"),
            "decision": _("Decision"),
            "remedy_until": _("Object or appeal by"),
        }
        for key, text in names.items():
            self.date_labels[key].setText(text)
            self.why_buttons[key].setText(_("Why?"))
            self.why_buttons[key].setAccessibleName(_("Why this date: {what}").format(what=text))


class EventsView(QWidget):
    """Extensions, requests, pauses, decisions: the letters that move the term."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = _plain(self)
        self.event_list = QListWidget(self)
        self.event_list.setWordWrap(True)
        self.add_button = QPushButton(self)
        self.edit_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.event_list, 1)
        layout.addLayout(buttons)

    def retranslate_ui(self) -> None:
        self.hint.setText(
            _(
                "Letters from the IND and other events that move the term. Appointments and the "
                "Notice have their own tabs."
            )
        )
        self.event_list.setAccessibleName(_("Events"))
        self.add_button.setText(_("&Add event…"))
        self.edit_button.setText(_("&Edit…"))
        self.delete_button.setText(_("De&lete event"))


class AppointmentsView(QWidget):
    """The appointment log: list, a form to add one, and what a missed one means."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        page = QWidget(self)
        self.appointment_list = QListWidget(page)
        self.appointment_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.appointment_list.setWordWrap(True)
        self.form_box = QGroupBox(page)
        self.kind_combo = QComboBox(self.form_box)
        self.date_edit = QLineEdit(self.form_box)
        self.attended_check = QCheckBox(self.form_box)
        self.rescheduled_edit = QLineEdit(self.form_box)
        self.excuse_edit = QLineEdit(self.form_box)
        cap_line(self.excuse_edit, "excuse")
        self.date_field = FieldWithError(self.date_edit, self.form_box)
        self.rescheduled_field = FieldWithError(self.rescheduled_edit, self.form_box)
        self.kind_label = QLabel(self.form_box)
        self.kind_label.setBuddy(self.kind_combo)
        self.date_label = QLabel(self.form_box)
        self.date_label.setBuddy(self.date_edit)
        self.rescheduled_label = QLabel(self.form_box)
        self.rescheduled_label.setBuddy(self.rescheduled_edit)
        self.excuse_label = QLabel(self.form_box)
        self.excuse_label.setBuddy(self.excuse_edit)
        form = QFormLayout(self.form_box)
        form.addRow(self.kind_label, self.kind_combo)
        form.addRow(self.date_label, self.date_field)
        form.addRow("", self.attended_check)
        form.addRow(self.rescheduled_label, self.rescheduled_field)
        form.addRow(self.excuse_label, self.excuse_edit)
        self.add_button = QPushButton(self.form_box)
        self.delete_button = QPushButton(page)
        self.letter_button = QPushButton(page)
        form.addRow("", self.add_button)

        self.meaning_box = QGroupBox(page)
        self.meaning = QTextBrowser(self.meaning_box)
        self.meaning.setOpenLinks(False)
        QVBoxLayout(self.meaning_box).addWidget(self.meaning)

        left = QVBoxLayout()
        left.addWidget(self.appointment_list, 1)
        selected = QHBoxLayout()
        selected.addWidget(self.delete_button)
        selected.addWidget(self.letter_button)
        left.addLayout(selected)
        left.addWidget(self.form_box)
        # Side by side where both fit; on a narrow pane (a small screen, large text) the advice
        # goes below the list, so no line of it is cut off at the right edge.
        self.columns = QBoxLayout(QBoxLayout.Direction.LeftToRight, page)
        self.columns.addLayout(left, 2)
        self.columns.addWidget(self.meaning_box, 3)
        # A small screen or large text: the tab scrolls rather than outgrowing the window.
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

    def side_by_side_width(self) -> int:
        """The narrowest pane that shows the form and the advice side by side, both readable."""
        chars = self.fontMetrics().averageCharWidth()
        return self.form_box.minimumSizeHint().width() + 45 * chars

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        wide = event.size().width() >= self.side_by_side_width()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.columns.direction() != direction:
            self.columns.setDirection(direction)
            self.meaning_box.setMinimumHeight(0 if wide else self.fontMetrics().height() * 16)
        super().resizeEvent(event)

    def retranslate_ui(self) -> None:
        self.appointment_list.setAccessibleName(_("Appointments"))
        self.form_box.setTitle(_("Add an appointment"))
        self.kind_label.setText(_("&Type"))
        self.date_label.setText(_("Da&te"))
        self.date_edit.setAccessibleName(_("Appointment date"))
        self.date_edit.setPlaceholderText(_("e.g. 27-04-2026"))
        self.attended_check.setText(_("The applicant &attended"))
        self.rescheduled_label.setText(_("&New appointment on"))
        self.rescheduled_edit.setAccessibleName(_("New appointment on"))
        self.rescheduled_edit.setPlaceholderText(_("if the IND gave a new date"))
        self.excuse_label.setText(_("Reason for missing &it"))
        self.excuse_edit.setAccessibleName(_("Reason for missing it"))
        self.add_button.setText(_("Add appoint&ment"))
        self.delete_button.setText(_("Delete the selected appointment"))
        self.letter_button.setText(_("&Letter about it (PDF)…"))
        self.letter_button.setToolTip(
            _("A letter to the IND explaining why the appointment was missed")
        )
        self.meaning_box.setTitle(_("What it means and what to do"))
        self.meaning.setAccessibleName(_("What a missed appointment means"))


class NoticeView(QWidget):
    """Notice of Default workflow: make the letter or a draft, then record posting and delivery."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        page = QWidget(self)
        self.status_label = _plain(page)
        self.make_box = QGroupBox(page)
        self.language_combo = QComboBox(self.make_box)
        self.language_label = QLabel(self.make_box)
        self.language_label.setBuddy(self.language_combo)
        self.draft_note = _plain(self.make_box)
        self.create_button = QPushButton(self.make_box)
        self.checklist_button = QPushButton(self.make_box)
        make = QVBoxLayout(self.make_box)
        language_row = QHBoxLayout()
        language_row.addWidget(self.language_label)
        language_row.addWidget(self.language_combo)
        language_row.addStretch(1)
        make.addLayout(language_row)
        make.addWidget(self.draft_note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.checklist_button)
        buttons.addStretch(1)
        make.addLayout(buttons)

        self.sent_box = QGroupBox(page)
        self.notice_list = QListWidget(self.sent_box)
        self.notice_list.setWordWrap(True)
        self.correct_button = QPushButton(self.sent_box)
        sent = QVBoxLayout(self.sent_box)
        sent.addWidget(self.notice_list)
        sent_buttons = QHBoxLayout()
        sent_buttons.addWidget(self.correct_button)
        sent_buttons.addStretch(1)
        sent.addLayout(sent_buttons)

        self.proof_box = QGroupBox(page)
        self.posted_edit = QLineEdit(self.proof_box)
        self.tracking_edit = QLineEdit(self.proof_box)
        cap_line(self.tracking_edit, "tracking_number")
        self.delivered_edit = QLineEdit(self.proof_box)
        self.posted_field = FieldWithError(self.posted_edit, self.proof_box)
        self.tracking_field = FieldWithError(self.tracking_edit, self.proof_box)
        self.delivered_field = FieldWithError(self.delivered_edit, self.proof_box)
        self.posted_label = QLabel(self.proof_box)
        self.posted_label.setBuddy(self.posted_edit)
        self.tracking_label = QLabel(self.proof_box)
        self.tracking_label.setBuddy(self.tracking_edit)
        self.delivered_label = QLabel(self.proof_box)
        self.delivered_label.setBuddy(self.delivered_edit)
        self.proof_hint = _plain(self.proof_box)
        form = QFormLayout(self.proof_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.proof_hint)
        form.addRow(self.posted_label, self.posted_field)
        form.addRow(self.tracking_label, self.tracking_field)
        form.addRow(self.delivered_label, self.delivered_field)
        self.record_button = QPushButton(self.proof_box)
        self.new_button = QPushButton(self.proof_box)
        record_row = QHBoxLayout()
        record_row.addWidget(self.record_button)
        record_row.addWidget(self.new_button)
        record_row.addStretch(1)
        form.addRow(record_row)
        self.documents_label = _plain(page)

        layout = QVBoxLayout(page)
        layout.addWidget(self.status_label)
        layout.addWidget(self.make_box)
        layout.addWidget(self.sent_box)
        layout.addWidget(self.proof_box)
        layout.addWidget(self.documents_label)
        layout.addStretch(1)
        # A small screen or large text: the tab scrolls rather than outgrowing the window.
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)

    def retranslate_ui(self) -> None:
        self.make_box.setTitle(_("Make the letter"))
        self.language_label.setText(_("&Language of the letters"))
        self.language_combo.setAccessibleName(_("Language of the Notice"))
        self.checklist_button.setText(_("Registered-mail &checklist (PDF)…"))
        self.sent_box.setTitle(_("Notices sent"))
        self.notice_list.setAccessibleName(_("Notices sent"))
        self.correct_button.setText(_("Co&rrect the selected Notice"))
        self.proof_box.setTitle(_("Posting and delivery"))
        self.posted_label.setText(_("&Posted on"))
        self.posted_edit.setAccessibleName(_("Posted on"))
        self.tracking_label.setText(_("&Tracking number"))
        self.tracking_edit.setAccessibleName(_("Tracking number"))
        self.tracking_edit.setPlaceholderText(_("registered mail code, e.g. 3SABCD1234567"))
        self.delivered_label.setText(_("&Delivered to the IND on"))
        self.delivered_edit.setAccessibleName(_("Delivered to the IND on"))
        for edit in (self.posted_edit, self.delivered_edit):
            edit.setPlaceholderText(_("e.g. 27-04-2026"))
        self.new_button.setText(_("Start a &new Notice"))


class BannerArea(QScrollArea):
    """The Next step banner at the height its wrapped text needs, up to a share of the page.

    Beyond that share it scrolls. A plain layout squeezed the banner at 200 % text on a small
    screen until its lines and buttons lay over each other. Shown and hidden with the banner.
    """

    SHARE = 0.45  # of the page's height, at most: the tabs below keep the rest

    def __init__(self, banner: QWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setWidget(banner)
        banner.installEventFilter(self)

    def _wanted(self) -> int:
        banner = self.widget()
        width = self.viewport().width() or self.width()
        if banner.hasHeightForWidth():
            return banner.heightForWidth(width)
        return banner.sizeHint().height()

    def _cap(self) -> int:
        page = self.parentWidget()
        return int(page.height() * self.SHARE) if page is not None else self._wanted()

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(super().sizeHint().width(), self._wanted())

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(0, min(self._wanted(), self._cap()))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self.updateGeometry()  # a new width wraps the text anew: another height

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if watched is self.widget():
            if kind == QEvent.Type.ShowToParent:
                self.show()
            elif kind == QEvent.Type.HideToParent:
                self.hide()
            elif kind in (QEvent.Type.LayoutRequest, QEvent.Type.Resize):
                self.updateGeometry()
        return super().eventFilter(watched, event)


class CasePanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stack = QStackedWidget(self)
        self.empty_label = _plain(self.stack)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_new_button = QPushButton(self.stack)
        empty = QWidget(self.stack)
        empty_layout = QVBoxLayout(empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_label)
        empty_layout.addWidget(self.empty_new_button, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(1)
        self.empty_label.setParent(empty)
        self.empty_new_button.setParent(empty)

        page = QWidget(self.stack)
        self.back_button = QPushButton(page)  # shown when the window shows one pane at a time
        self.back_button.hide()
        self.title_label = _plain(page)
        self._size_heading()
        self.subtitle_label = _plain(page)
        self.banner = NextStepBanner(page)

        self.tabs = QTabWidget(page)
        self.overview = OverviewView(self.tabs)
        overview_scroll = QScrollArea(self.tabs)
        overview_scroll.setWidgetResizable(True)
        overview_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        overview_scroll.setWidget(self.overview)
        self.editor = CaseEditorView(self.tabs)
        self.events = EventsView(self.tabs)
        self.appointments = AppointmentsView(self.tabs)
        self.notice = NoticeView(self.tabs)
        self.tabs.addTab(overview_scroll, "")
        self.tabs.addTab(self.editor, "")
        self.tabs.addTab(self.events, "")
        self.tabs.addTab(self.appointments, "")
        self.tabs.addTab(self.notice, "")
        page_layout = QVBoxLayout(page)
        title_row = QHBoxLayout()
        title_row.addWidget(self.back_button, 0, Qt.AlignmentFlag.AlignVCenter)
        title_row.addWidget(self.title_label, 1)
        page_layout.addLayout(title_row)
        page_layout.addWidget(self.subtitle_label)
        self.banner_area = BannerArea(self.banner, page)
        page_layout.addWidget(self.banner_area)
        page_layout.addWidget(self.tabs, 1)

        # Each tab scrolls on its own, so the page's minimum stays small even at 200 % text (a
        # scroll area around it all would grow it to the tabs' preferred height instead).
        self.page = page
        self.stack.addWidget(empty)
        self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def _size_heading(self) -> None:
        font = QFont(self.font())  # derived from the panel's font, so 200 % text doubles it too
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_heading()

    def show_case_page(self, shown: bool) -> None:
        self.stack.setCurrentIndex(1 if shown else 0)

    def retranslate_ui(self) -> None:
        self.empty_label.setText(_("Choose a case from the list, or create a new one."))
        self.empty_new_button.setText(_("Create a &new case"))
        self.back_button.setText(_("← &Cases"))
        self.back_button.setAccessibleName(_("Back to the case list"))
        for i, text in enumerate(
            (_("&Overview"), _("Det&ails"), _("&Events"), _("Appoint&ments"), _("&Notice"))
        ):
            self.tabs.setTabText(i, text)
        self.banner.retranslate_ui()
        self.overview.retranslate_ui()
        self.editor.retranslate_ui()
        self.events.retranslate_ui()
        self.appointments.retranslate_ui()
        self.notice.retranslate_ui()
