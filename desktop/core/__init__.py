"""The deadline core: pure Python (no Qt, no SQL) dates, amounts and explanations for IND cases."""

from desktop.core.casefile import (
    CaseFile,
    Person,
    Representative,
    case_file_to_json,
    parse_case_file,
)
from desktop.core.compute import compute
from desktop.core.contract import compute_contract, result_to_contract
from desktop.core.errors import CaseInputError
from desktop.core.model import (
    Appointment,
    AppointmentKind,
    Case,
    Decision,
    Event,
    Extension,
    InfoRequest,
    KeyDates,
    MvvGranted,
    NextCode,
    NextStep,
    NoticeEvent,
    Pause,
    PenaltyFixed,
    Procedure,
    Result,
)
from desktop.core.nextstep import Action, plan
from desktop.core.parse import case_to_contract, parse_case
from desktop.core.rulepack import DEFAULT_PACK, RulePack, RulePackError, load_rule_pack

__all__ = [
    "DEFAULT_PACK",
    "Action",
    "Appointment",
    "AppointmentKind",
    "Case",
    "CaseFile",
    "CaseInputError",
    "Decision",
    "Event",
    "Extension",
    "InfoRequest",
    "KeyDates",
    "MvvGranted",
    "NextCode",
    "NextStep",
    "NoticeEvent",
    "Pause",
    "PenaltyFixed",
    "Person",
    "Procedure",
    "Representative",
    "Result",
    "RulePack",
    "RulePackError",
    "case_file_to_json",
    "case_to_contract",
    "compute",
    "compute_contract",
    "load_rule_pack",
    "parse_case",
    "parse_case_file",
    "plan",
    "result_to_contract",
]
