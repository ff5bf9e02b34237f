"""The result overview: the case heading, its key dates and warnings, and "Why this date?"."""

from __future__ import annotations

from datetime import date

from desktop.i18n import _, current_language, format_date, format_money
from desktop.ui.controllers.open_case import OpenCase
from desktop.ui.controllers.why import why_html
from desktop.ui.models.text import long_date, procedure_name
from desktop.ui.models.timeline import Mark, build_timeline
from desktop.ui.views.case_panel import CasePanel
from desktop.ui.views.dialogs import WhyDialog
from desktop.ui.widgets.stage_icons import stage_icon, stage_name

# The explanation steps behind each date on the overview.
_WHY_KINDS = {
    "rolled_end": ("statutory_end", "rolled_end", "canonical_end", "chronological_end"),
    "ind_view_end": ("ind_view_end",),
    "safe_notice_receipt": ("safe_notice_receipt",),
    "notice": ("notice",),
    "penalty": ("penalty_first_day", "penalty_day_42", "penalty_last_day", "penalty"),
    "appeal_from": ("appeal_from", "certain_from"),
}


class ResultOverview:
    """Shows the computed dates of the open case and explains any of them on request."""

    def __init__(self, panel: CasePanel, case: OpenCase) -> None:
        self.panel = panel
        self.case = case
        self.why_dialog: WhyDialog | None = None
        self._last_why: tuple[tuple[str, ...], date | None, str] | None = None
        ov = panel.overview
        ov.timeline.mark_activated.connect(self.show_why)
        for key, button in ov.why_buttons.items():
            button.clicked.connect(lambda _c=False, k=key: self.show_why_for(k))

    def retranslate_ui(self) -> None:
        if self.why_dialog is not None and self.why_dialog.isVisible():
            self.why_dialog.retranslate_ui()
            if self._last_why is not None:
                self._fill_why(*self._last_why)

    def show_result(self) -> None:
        panel, ov = self.panel, self.panel.overview
        lang = current_language()
        stored = self.case.stored
        cf = stored.case_file if stored is not None else None
        if cf is None:
            panel.title_label.setText(_("New case"))
            panel.subtitle_label.setText(_("Fill in the details and save to see the dates."))
            panel.stage_label.setText("")
            panel.stage_icon.clear()
            ov.timeline.set_data(None)
            return
        panel.title_label.setText(cf.applicant.name or _("(no name)"))
        bits = [procedure_name(cf.case.procedure)]
        if cf.v_number:
            bits.append(_("V-number {v}").format(v=cf.v_number))
        if cf.reference:
            bits.append(cf.reference)
        if cf.archived:
            bits.append(_("archived"))
        panel.subtitle_label.setText(" · ".join(bits))
        panel.editor.archive_button.setText(
            _("Take out of the &archive") if cf.archived else _("&Archive")
        )
        result = self.case.result
        if result is None:
            panel.stage_label.setText(_("Dates incomplete"))
            panel.stage_icon.clear()
            ov.timeline.set_data(None)
            for value in ov.date_values.values():
                value.setText("—")
            ov.warnings_label.setText(self.case.compute_error)
            return
        stage = result.next_step.code
        panel.stage_label.setText(stage_name(stage))
        size = panel.stage_label.fontMetrics().height()
        panel.stage_icon.setPixmap(stage_icon(stage).pixmap(size, size))
        panel.stage_icon.setAccessibleName(stage_name(stage))
        ov.timeline.set_data(build_timeline(cf.case, result))
        term = result.term
        ov.date_values["rolled_end"].setText(long_date(term.rolled_end))
        if term.ind_view_end != term.rolled_end:
            ov.date_values["ind_view_end"].setText(
                _("{date} ({days} contested days)").format(
                    date=long_date(term.ind_view_end), days=term.contested_days
                )
            )
        else:
            ov.date_values["ind_view_end"].setText(
                _("{date} (same as yours)").format(date=long_date(term.ind_view_end))
            )
        ov.date_values["safe_notice_receipt"].setText(long_date(term.safe_notice_receipt))
        notice = result.notice
        if notice is None:
            ov.date_values["notice"].setText(_("None recorded"))
        else:
            verdict = _("valid") if notice.valid else _("premature: send a new Notice")
            ov.date_values["notice"].setText(
                _("Received {date}: {verdict}").format(
                    date=long_date(notice.received), verdict=verdict
                )
            )
        penalty = result.penalty
        if penalty.applies and penalty.first_day is not None:
            ov.date_values["penalty"].setText(
                _("{amount} so far ({days} days, at most {max}); from {date}").format(
                    amount=format_money(penalty.amount, lang),
                    days=penalty.days,
                    max=format_money(penalty.max_amount, lang),
                    date=long_date(penalty.first_day),
                )
            )
        else:
            ov.date_values["penalty"].setText(_("No penalty applies (yet)"))
        ov.date_values["appeal_from"].setText(
            long_date(result.appeal_from) if result.appeal_from else _("After a valid Notice")
        )
        warnings = [w.text.get(lang) for w in result.warnings]
        ov.warnings_label.setText("\n\n".join(warnings) if warnings else _("None"))

    def show_why_for(self, key: str) -> None:
        result = self.case.result
        if result is None:
            return
        term = result.term
        day = {
            "rolled_end": term.rolled_end,
            "ind_view_end": term.ind_view_end,
            "safe_notice_receipt": term.safe_notice_receipt,
            "notice": result.notice.received if result.notice else None,
            "penalty": result.penalty.first_day,
            "appeal_from": result.appeal_from,
        }[key]
        label = self.panel.overview.date_labels[key].text()
        self._open_why(_WHY_KINDS[key], day, label)

    def show_why(self, mark: Mark) -> None:
        self._open_why(mark.kinds, mark.day, mark.label)

    def _open_why(self, kinds: tuple[str, ...], day: date | None, label: str) -> None:
        if self.why_dialog is None:
            self.why_dialog = WhyDialog(self.panel)
        self._last_why = (kinds, day, label)
        self._fill_why(kinds, day, label)
        self.why_dialog.show()
        self.why_dialog.raise_()
        self.why_dialog.activateWindow()

    def _fill_why(self, kinds: tuple[str, ...], day: date | None, label: str) -> None:
        assert self.why_dialog is not None
        result = self.case.result
        if result is None:
            return
        heading = f"{label}: {format_date(day, current_language())}" if day else label
        self.why_dialog.heading.setText(heading)
        self.why_dialog.browser.setHtml(why_html(result, kinds, day))
