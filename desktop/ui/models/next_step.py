"""The Next step banner's content: the core's one answer per case, with what the user can do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop.core.model import NextCode, Result, Suggestion
from desktop.i18n import _, current_language
from desktop.ui.models.text import days_left_text, long_date, next_date_meaning
from desktop.ui.widgets.stage_icons import stage_name


class Action(StrEnum):
    """What a banner button does; the case controller carries each one out."""

    DRAFT_NOTICE = "draft_notice"  # a draft to sign in advance (a ready one would be refused)
    MAKE_NOTICE = "make_notice"  # the Notice to send
    RECORD_NOTICE = "record_notice"  # posting and delivery of a Notice sent
    RECORD_DECISION = "record_decision"
    RECORD_PENALTY_FIXED = "record_penalty_fixed"
    MAKE_APPEAL = "make_appeal"  # the appeal against the failure to decide, to the court
    PENALTY_REQUEST = "penalty_request"  # ask the IND to fix the penalty it owes
    WHY = "why"  # how the date was worked out


def action_text(action: Action) -> str:
    texts = {
        Action.DRAFT_NOTICE: _("Prepare a &draft Notice…"),
        Action.MAKE_NOTICE: _("&Make the Notice…"),
        Action.RECORD_NOTICE: _("Record &posting and delivery…"),
        Action.RECORD_DECISION: _("Record the &decision…"),
        Action.RECORD_PENALTY_FIXED: _("Record the &penalty decision…"),
        Action.MAKE_APPEAL: _("Make the &appeal…"),
        Action.PENALTY_REQUEST: _("Ask the IND to &fix the penalty…"),
        Action.WHY: _("&Why this date?"),
    }
    return texts[action]


# What each next step lets the user do, most useful first.
ACTIONS: dict[NextCode, tuple[Action, ...]] = {
    NextCode.WAIT: (Action.DRAFT_NOTICE,),
    NextCode.SEND_NOTICE: (Action.MAKE_NOTICE, Action.RECORD_NOTICE),
    NextCode.RESEND_NOTICE: (Action.MAKE_NOTICE, Action.RECORD_NOTICE),
    NextCode.AWAIT_DECISION: (Action.RECORD_DECISION,),
    NextCode.PENALTY_RUNNING: (Action.RECORD_DECISION, Action.MAKE_APPEAL),
    NextCode.APPEAL_POSSIBLE: (Action.MAKE_APPEAL, Action.RECORD_DECISION),
    NextCode.CLAIM_PENALTY: (Action.PENALTY_REQUEST, Action.RECORD_PENALTY_FIXED),
    NextCode.DECIDED: (),
}


@dataclass(frozen=True, slots=True)
class Line:
    """One next step as the banner shows it."""

    code: NextCode
    title: str  # the step's short name, as in the list ("Send a new Notice")
    when: str  # what the date means, the date and the days left
    sentence: str  # the core's sentence in the current language
    provisional: bool


@dataclass(frozen=True, slots=True)
class Banner:
    main: Line
    actions: tuple[Action, ...]
    also: tuple[Line, ...]


def date_line(code: NextCode, day: date | None, today: date) -> str:
    """What the date means, the date and the days left, e.g. "…from: 5 May 2026 (in 12 days)"."""
    if day is None:
        return ""
    return _("{meaning}: {date} ({days})").format(
        meaning=next_date_meaning(code), date=long_date(day), days=days_left_text(day, today)
    )


def _line(step: Suggestion, today: date) -> Line:
    return Line(
        code=step.code,
        title=stage_name(step.code),
        when=date_line(step.code, step.date, today),
        sentence=step.text.get(current_language()),
        provisional=step.provisional,
    )


def banner_of(result: Result) -> Banner:
    """The banner for a computed case, in the current language."""
    step = result.next_step
    main = Suggestion(step.code, step.date, step.text, step.rule, step.provisional)
    actions = ACTIONS[step.code]
    if result.today < result.term.safe_notice_receipt:  # a ready Notice would be refused
        actions = tuple(Action.DRAFT_NOTICE if a is Action.MAKE_NOTICE else a for a in actions)
    if step.date is not None:
        actions = (*actions, Action.WHY)
    return Banner(
        main=_line(main, result.today),
        actions=actions,
        also=tuple(_line(s, result.today) for s in step.also),
    )
