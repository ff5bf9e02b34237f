"""The one error the core raises for bad input: which case, which field, what is wrong."""

from __future__ import annotations


class CaseInputError(ValueError):
    """Bad input in a case; the CLI prints it as one line and exits 2."""

    def __init__(self, case_index: int | None, field: str, message: str) -> None:
        self.case_index = case_index
        self.field = field
        self.message = message
        super().__init__(str(self))

    def with_index(self, case_index: int) -> CaseInputError:
        return CaseInputError(case_index, self.field, self.message)

    def __str__(self) -> str:
        where = f"case {self.case_index}: " if self.case_index is not None else ""
        return f"{where}{self.field}: {self.message}"
