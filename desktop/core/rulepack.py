"""The rule pack, the law as versioned data: the one import for its types, loading and checks.

The pieces live in packmodel (typed data and accessors), packparse (validation naming every
problem) and packfiles (built-in, installed and file packs; content hash; cache).
"""

from __future__ import annotations

from desktop.core.packfiles import (
    BUILT_IN,
    DEFAULT_PACK,
    available_packs,
    built_in_packs,
    check_rule_pack,
    installed_folder,
    installed_packs,
    load_rule_pack,
    open_rule_pack,
    pack_in_use,
    read_rule_pack,
    set_installed_folder,
    set_pack_in_use,
    texts_path,
)
from desktop.core.packmodel import (
    CITATIONS,
    UNITS,
    AppointmentRules,
    AtwRules,
    Availability,
    Change,
    Decree,
    PauseBasis,
    PauseRules,
    PenaltyTiers,
    PendingChange,
    Power,
    Problem,
    ProcedureRules,
    Quantity,
    Remedy,
    RulePack,
    RulePackError,
)
from desktop.core.packparse import PACK_FORMAT, parse_rule_pack

__all__ = [
    "BUILT_IN",
    "CITATIONS",
    "DEFAULT_PACK",
    "PACK_FORMAT",
    "UNITS",
    "AppointmentRules",
    "AtwRules",
    "Availability",
    "Change",
    "Decree",
    "PauseBasis",
    "PauseRules",
    "PenaltyTiers",
    "PendingChange",
    "Power",
    "Problem",
    "ProcedureRules",
    "Quantity",
    "Remedy",
    "RulePack",
    "RulePackError",
    "available_packs",
    "built_in_packs",
    "check_rule_pack",
    "installed_folder",
    "installed_packs",
    "load_rule_pack",
    "open_rule_pack",
    "pack_in_use",
    "parse_rule_pack",
    "read_rule_pack",
    "set_installed_folder",
    "set_pack_in_use",
    "texts_path",
]
