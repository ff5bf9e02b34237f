"""The result overview: the case heading, the Next step banner, key dates, warnings, and "Why?".

Every date and verdict here comes from the same result and key dates as the next step, so the
banner, the key dates, the timeline and the list never contradict each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop.core.model import NextCode, NoticeState, Result
from desktop.core.rulepack import load_rule_pack
from desktop.i18n import _, current_language, format_date, format_money, ngettext
from desktop.ui.controllers.open_case import OpenCase
from desktop.ui.controllers.why import why_html
from desktop.ui.models.next_step import banner_of
from desktop.ui.models.text import days_left_text, long_date, procedure_name
from desktop.ui.models.timeline import Mark, build_timeline
from desktop.ui.views.case_panel import CasePanel
from desktop.ui.views.dialogs import WhyDialog
from desktop.ui.widgets.stage_icons import stage_name

# The explanation steps (Step.kind) behind each key date on the overview.
WHY_KINDS = {
    "rolled_end": ("statutory_end", "rolled_end", "end"),
    "ind_view_end": ("ind_view_end",),
    "safe_notice_receipt": ("safe_notice_receipt",),
    "notice": ("notice", "notice_premature"),
    "penalty": ("first_day", "last_day", "penalty_days", "no_penalty", "no_admin_penalty"),
    "appeal_from": ("appeal_from", "certain_from"),
    "decision": ("decision",),
    "remedy_until": ("remedy_until", "decision"),
}
# ... and behind the date of each next step.
NEXT_KINDS = {
    NextCode.WAIT: ("safe_notice_receipt",),
    NextCode.SEND_NOTICE: ("safe_notice_receipt",),
    NextCode.RESEND_NOTICE: ("notice", "notice_premature", "safe_notice_receipt"),
    NextCode.AWAIT_DECISION: ("window_end", "certain_from"),
    NextCode.PENALTY_RUNNING: ("first_day", "last_day", "penalty_days"),
    NextCode.APPEAL_POSSIBLE: ("appeal_from", "certain_from"),
    NextCode.CLAIM_PENALTY: ("fix_decision_due", "fix_decision_rolled"),
    NextCode.DECIDED: ("remedy_until", "decision"),
}


@dataclass(frozen=True, slots=True)
class WhyRequest:
    """What "Why this date?" was asked about, kept so it can follow a new case or language.

    `key` is a key-date row, "next_step", or "mark" (a timeline date, found again by `kinds`).
    """

    key: str
    kinds: tuple[str, ...] = ()


class ResultOverview:
    """Shows the computed dates of the open case and explains any of them on request."""

    def __init__(self, panel: CasePanel, case: OpenCase) -> None:
        self.panel = panel
        self.case = case
        self.why_dialog: WhyDialog | None = None
        self._why: WhyRequest | None = None
        ov = panel.overview
        ov.timeline.mark_activated.connect(self.show_why)
        ov.zoom_group.idToggled.connect(lambda _id, _on: self._zoom())
        for key, button in ov.why_buttons.items():
            button.clicked.connect(lambda _c=False, k=key: self.show_why_for(k))

    def retranslate_ui(self) -> None:
        self.follow_case()

    def _zoom(self) -> None:
        self.panel.overview.timeline.set_whole(self.panel.overview.zoom_all.isChecked())

    # ------------------------------------------------------------------ the result

    def show_result(self) -> None:
        panel, ov = self.panel, self.panel.overview
        stored = self.case.stored
        cf = stored.case_file if stored is not None else None
        if cf is None:
            panel.title_label.setText(_("New case"))
            panel.subtitle_label.setText(_("Fill in the details and save to see the dates."))
            panel.banner.set_banner(None)
            self._set_timeline(None)
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
            panel.banner.set_message(
                _("Dates incomplete"), self.case.compute_error or _("Enter the dates first.")
            )
            self._set_timeline(None)
            for value in ov.date_values.values():
                value.setText("—")
            ov.warnings_label.setText(self.case.compute_error)
            return
        panel.banner.set_banner(banner_of(result))
        self._set_timeline(build_timeline(cf.case, result))
        self._key_dates(result)
        lang = current_language()
        warnings = [w.text.get(lang) for w in result.warnings]
        ov.warnings_label.setText("\n\n".join(warnings) if warnings else _("None"))

    def _set_timeline(self, data: object) -> None:
        ov = self.panel.overview
        ov.timeline.set_data(data)  # type: ignore[arg-type]
        ov.legend.set_data(data)  # type: ignore[arg-type]
        ov.readings_label.setText(getattr(data, "readings", ""))
        ov.readings_label.setVisible(data is not None)

    def _key_dates(self, result: Result) -> None:
        ov = self.panel.overview
        values = ov.date_values
        term, key = result.term, result.key_dates
        decided = key.decided is not None
        values["rolled_end"].setText(long_date(term.rolled_end))
        values["ind_view_end"].setText(self._ind_end_text(result))
        values["safe_notice_receipt"].setText(long_date(term.safe_notice_receipt))
        values["notice"].setText(self._notice_text(result))
        values["penalty"].setText(self._penalty_text(result))
        values["appeal_from"].setText(
            long_date(key.certain_from)
            if key.notice_state is NoticeState.SAFE and key.certain_from
            else _("After a Notice that counts on every reading")
        )
        if key.decided is not None:
            values["decision"].setText(_("Sent on {date}").format(date=long_date(key.decided)))
        if key.remedy_until is not None:
            remedy = load_rule_pack(result.rules).remedy(result.procedure)
            label = (
                _("Last day to object") if remedy.kind == "objection" else _("Last day to appeal")
            )
            ov.date_labels["remedy_until"].setText(label)
            values["remedy_until"].setText(
                _("{date} ({days}), if the decision goes against you").format(
                    date=long_date(key.remedy_until),
                    days=days_left_text(key.remedy_until, result.today),
                )
            )
        # A decided case has no Notice prompts; a case without one no decision rows.
        ov.set_row_visible("safe_notice_receipt", not decided)
        ov.set_row_visible("appeal_from", not decided)
        ov.set_row_visible("notice", not decided or key.notice_received is not None)
        ov.set_row_visible("penalty", not decided or key.penalty_applies)
        ov.set_row_visible("decision", decided)
        ov.set_row_visible("remedy_until", key.remedy_until is not None)

    @staticmethod
    def _ind_end_text(result: Result) -> str:
        term = result.term
        if term.ind_view_end == term.rolled_end:
            return _("{date} (the same as yours)").format(date=long_date(term.ind_view_end))
        if term.contested_days:
            days = ngettext(
                "{count} contested day", "{count} contested days", term.contested_days
            ).format(count=term.contested_days)
            return _("{date} ({what})").format(date=long_date(term.ind_view_end), what=days)
        return _("{date} (with the contested extension)").format(date=long_date(term.ind_view_end))

    @staticmethod
    def _notice_text(result: Result) -> str:
        """The Notice's standing as the next step judges it: never just "valid" when risky."""
        key, term = result.key_dates, result.term
        received = key.notice_received
        if received is None:
            return _("None recorded")
        if key.notice_state is NoticeState.SAFE:
            verdict = _("counts on every reading")
        elif received <= term.statutory_end:
            verdict = _("too early, it does not count: send a new one")
        else:
            verdict = _("may be too early (valid on your reading only): send a new one")
        return _("Received {date}: {verdict}").format(date=long_date(received), verdict=verdict)

    @staticmethod
    def _penalty_text(result: Result) -> str:
        key, penalty = result.key_dates, result.penalty
        if key.notice_state is not NoticeState.SAFE:
            return _("None yet: it needs a Notice that counts on every reading")
        if not key.penalty_applies:
            return _("No administrative penalty (dwangsom) in this procedure")
        same = result.notice is not None and result.notice.received == key.notice_received
        if same and penalty.applies and penalty.first_day is not None:
            lang = current_language()
            days = ngettext("{count} day", "{count} days", penalty.days).format(count=penalty.days)
            return _("{amount} so far ({days}, at most {max}); from {date}").format(
                amount=format_money(penalty.amount, lang),
                days=days,
                max=format_money(penalty.max_amount, lang),
                date=long_date(penalty.first_day),
            )
        return _("From the day after the IND's time to decide ends")

    # ------------------------------------------------------------------ why this date?

    def show_why_for(self, key: str) -> None:
        self._open_why(WhyRequest(key))

    def show_why(self, mark: Mark) -> None:
        self._open_why(WhyRequest("mark", mark.kinds))

    def _open_why(self, request: WhyRequest) -> None:
        if self.case.result is None:
            return
        if self.why_dialog is None:
            self.why_dialog = WhyDialog(self.panel)
        elif not self.why_dialog.isVisible():
            self.why_dialog.resize(self.why_dialog.preferred_size())  # the text size may differ
        self._why = request
        if self._fill_why():
            self.why_dialog.show()
            self.why_dialog.raise_()
            self.why_dialog.activateWindow()

    def follow_case(self) -> None:
        """The case or language changed: explain the same date for it again, or close."""
        dialog = self.why_dialog
        if dialog is None or not dialog.isVisible():
            return
        dialog.retranslate_ui()
        if not self._fill_why():
            dialog.close()

    def _target(self, result: Result) -> tuple[tuple[str, ...], date | None, str] | None:
        """The kinds, day and label of the requested date in this result; None if it has none."""
        request = self._why
        if request is None:
            return None
        if request.key == "next_step":
            step = result.next_step
            return NEXT_KINDS[step.code], step.date, stage_name(step.code)
        if request.key == "mark":
            for mark in self.panel.overview.timeline.marks():
                if set(mark.kinds) & set(request.kinds):
                    return mark.kinds, mark.day, mark.label
            return None
        if not self.panel.overview.date_labels[request.key].isVisible():
            return None
        term, key = result.term, result.key_dates
        day = {
            "rolled_end": term.rolled_end,
            "ind_view_end": term.ind_view_end,
            "safe_notice_receipt": term.safe_notice_receipt,
            "notice": key.notice_received,
            "penalty": result.penalty.first_day,
            "appeal_from": key.certain_from,
            "decision": key.decided,
            "remedy_until": key.remedy_until,
        }[request.key]
        label = self.panel.overview.date_labels[request.key].text()
        return WHY_KINDS[request.key], day, label

    def _fill_why(self) -> bool:
        dialog, result, stored = self.why_dialog, self.case.result, self.case.stored
        if dialog is None or result is None or stored is None:
            return False
        target = self._target(result)
        if target is None:
            return False
        kinds, day, label = target
        name = stored.case_file.applicant.name or _("(no name)")
        dialog.setWindowTitle(_("Why this date? – {name}").format(name=name))
        heading = f"{label}: {format_date(day, current_language())}" if day else label
        dialog.heading.setText(heading)
        dialog.browser.setHtml(why_html(result, kinds, day))
        return True
