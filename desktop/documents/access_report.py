"""The summary of an access request (AVG/GDPR art. 15) as PDF: what Termijn holds, per case."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from reportlab.platypus import Flowable, Spacer

from desktop.documents.common import PDF_LANG
from desktop.documents.layout import Section, bold, build_pdf, field_table, text
from desktop.i18n import N_, format_date, translator
from desktop.privacy.access import Report, summary_rows

ROLE_NAMES = {
    "applicant": N_("applicant"),
    "co_applicant": N_("co-applicant"),
    "family_member": N_("family member"),
    "sponsor": N_("sponsor"),
    "representative": N_("representative"),
}


def _roles(roles: str, _: Callable[[str], str]) -> str:
    return ", ".join(_(ROLE_NAMES.get(r.strip(), r.strip())) for r in roles.split(",") if r)


def access_pdf(report: Report, lang: str) -> bytes:
    """One or more pages: who asked about whom, then each case with what it holds."""
    _ = translator(lang)
    data = report.data
    subject = data["subject"]
    generated = datetime.fromisoformat(data["generated"])
    title = _("Access request: what Termijn holds about one person")
    story: list[Flowable] = [
        text(title, "title"),
        Spacer(0, 6),
        field_table(
            [
                (_("Name"), subject["name"] or "—"),
                (_("V-number"), subject["v_number"] or "—"),
                (_("Date of birth"), subject["date_of_birth"] or "—"),
                (_("Made on"), format_date(generated.date(), lang, "long")),
                (_("Cases"), str(len(report.cases))),
            ]
        ),
        Spacer(0, 10),
    ]
    if not report.cases:
        story.append(text(_("Termijn holds no case that names this person.")))
    for case_id, roles, reference, events, audit, documents in summary_rows(report):
        story += [
            bold(
                _("Case {id}").format(id=case_id) + (f" · {reference}" if reference else ""),
                "heading",
            ),
            field_table(
                [
                    (_("Role"), _roles(roles, _)),
                    (_("Events"), str(events)),
                    (_("Changes recorded (audit log)"), str(audit)),
                    (_("Documents recorded"), str(documents)),
                ]
            ),
            Spacer(0, 8),
        ]
    backups = data.get("backups") or []
    if backups:
        story.append(bold(_("Backups that still hold this person"), "heading"))
        story.append(
            field_table(
                [
                    (
                        b["file"],
                        _("removed on or after {date}").format(
                            date=format_date(
                                datetime.fromisoformat(b["expires"]).date(), lang, "long"
                            )
                        )
                        if b["expires"]
                        else _("kept until deleted"),
                    )
                    for b in backups
                ]
            )
        )
        story.append(Spacer(0, 8))
    story.append(
        text(
            _(
                "The attached JSON file holds every field, event and audit row listed here. "
                "Termijn keeps the name and checksum of a document it made, not the document."
            )
        )
    )
    section = Section(key="access", footer=title, page_label=_("Page {page} of {pages}"))
    return build_pdf(
        [(section, story)], title=title, author="Termijn", subject=title, lang=PDF_LANG[lang]
    )
