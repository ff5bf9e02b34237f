"""The one error the core raises for bad input: which case, which field, what is wrong."""

from __future__ import annotations

QUOTE_WIDTH = 80  # characters of a bad value a message repeats: enough to recognise it


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


def quote(value: object, width: int = QUOTE_WIDTH) -> str:
    """A bad value as a message shows it: quoted, at most `width` characters of it.

    Every refusal quotes through here, so a 1,000,000-character text or a huge list never
    turns into a 1 MB error line (and never costs the time of a full `repr`).
    """
    if isinstance(value, str):
        shown, cut = value[:width], len(value) > width
        # Escapes (control characters, lone surrogates) make the repr longer than the text.
        while len(repr(shown)) > width + 2:
            shown, cut = shown[: len(shown) // 2], True
        return repr(shown) + ("…" if cut else "")
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        # repr of an int over 4,300 digits raises ValueError; its size says enough.
        if value.bit_length() > 64:
            return f"a number of about {int(value.bit_length() * 0.30103) + 1:,} digits"
        return repr(value)
    if isinstance(value, list):
        return f"a list of {len(value):,} items" if value else "an empty list"
    if isinstance(value, dict):
        return f"an object with {len(value):,} keys" if value else "an empty object"
    return type(value).__name__
