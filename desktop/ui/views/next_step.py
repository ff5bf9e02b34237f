"""The Next step banner at the top of every case: what to do, by when, and the button for it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.i18n import _
from desktop.ui.models.next_step import Action, Banner, action_text
from desktop.ui.widgets.flow_layout import FlowLayout
from desktop.ui.widgets.stage_icons import stage_colour, stage_icon


def _label(parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class NextStepBanner(QFrame):
    """Shows a `Banner`; a button press emits `action_triggered` with the Action's value.

    Signals:
        action_triggered(str): the Action the user chose.
    """

    action_triggered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("NextStepBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.icon = QLabel(self)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.title = _label(self)
        self.when = _label(self)
        self.sentence = _label(self)
        self.also = _label(self)
        self.buttons: dict[Action, QPushButton] = {}
        self.button_row = FlowLayout()  # buttons wrap onto a second line at large text sizes
        text = QVBoxLayout()
        text.setSpacing(2)
        for widget in (self.title, self.when, self.sentence):
            text.addWidget(widget)
        text.addLayout(self.button_row)
        text.addWidget(self.also)
        layout = QHBoxLayout(self)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(text, 1)
        self._banner: Banner | None = None
        self._style_fonts()
        self.retranslate_ui()

    def _style_fonts(self) -> None:
        bold = QFont(self.font())
        bold.setBold(True)
        self.title.setFont(bold)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._style_fonts()
            self._show_icon()

    def retranslate_ui(self) -> None:
        self.setAccessibleName(_("Next step"))
        for action, button in self.buttons.items():
            button.setText(action_text(action))

    def set_banner(self, banner: Banner | None) -> None:
        """Show the banner (None hides it: a new case, or dates that cannot be worked out)."""
        self._banner = banner
        self.setVisible(banner is not None)
        if banner is None:
            return
        main = banner.main
        self.title.setText(_("Next step: {step}").format(step=main.title))
        self.when.setText(main.when)
        self.when.setVisible(bool(main.when))
        self.sentence.setText(main.sentence)
        self._show_icon()
        colour = stage_colour(main.code)
        self.setStyleSheet(
            f"QFrame#NextStepBanner {{ border: 1px solid palette(mid); "
            f"border-left: 6px solid {colour}; border-radius: 3px; }}"
        )
        self._set_actions(banner.actions)
        # The sentence names the date already; the step's name says what it is about.
        also = [
            _("Also: {title}. {sentence}").format(title=line.title, sentence=line.sentence)
            for line in banner.also
        ]
        self.also.setText("\n".join(also))
        self.also.setVisible(bool(also))
        self.setAccessibleDescription(" ".join([main.title, main.when, main.sentence, *also]))

    def set_message(self, title: str, sentence: str) -> None:
        """A banner without a step: the dates cannot be worked out yet, and why."""
        self._banner = None
        self.setVisible(True)
        self.icon.clear()
        self.title.setText(title)
        self.when.hide()
        self.sentence.setText(sentence)
        self.also.hide()
        self.setStyleSheet(
            "QFrame#NextStepBanner { border: 1px solid palette(mid); border-radius: 3px; }"
        )
        self._set_actions(())
        self.setAccessibleDescription(f"{title} {sentence}")

    def _show_icon(self) -> None:
        if self._banner is None:
            return
        size = self.title.fontMetrics().height() * 2
        self.icon.setPixmap(stage_icon(self._banner.main.code).pixmap(size, size))

    def _set_actions(self, actions: tuple[Action, ...]) -> None:
        for action in list(self.buttons):
            if action not in actions:
                self.buttons.pop(action).deleteLater()
        for action in actions:
            if action not in self.buttons:
                button = QPushButton(action_text(action), self)
                button.setObjectName(f"next_step_{action.value}")
                button.clicked.connect(lambda _c=False, a=action: self.action_triggered.emit(a))
                self.buttons[action] = button
        self.button_row.set_widgets([self.buttons[a] for a in actions])
