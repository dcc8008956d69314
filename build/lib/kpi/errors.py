"""The one exception family of kpi: every problem a user can fix is a ``KpiError``."""
from __future__ import annotations

from collections.abc import Iterable


class KpiError(Exception):
    """A problem the user can fix; ``problems`` holds one self-contained line per defect.

    ``total`` counts every problem found when only the first ones are listed (a file with a
    million bad rows lists ``MAX_LISTED`` and says how many more there are). The command line
    prints ``str(error)`` on stderr and exits non-zero, never a traceback.
    """

    def __init__(self, problems: str | Iterable[str], total: int | None = None, *, after: str = ""):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        self.total = max(total or 0, len(self.problems))
        self.after = after  # a closing line, not a problem: what was (not) done, e.g. "Nothing was merged."
        super().__init__(self._text())

    @property
    def more(self) -> int:
        """How many problems were found but not listed."""
        return self.total - len(self.problems)

    def _text(self) -> str:
        if len(self.problems) == 1 and not self.more:
            return self.problems[0] + (f"\n{self.after}" if self.after else "")
        lines = [f"{self.total} problems found:"]
        lines += [f"- {p}" for p in self.problems]
        if self.more:
            lines.append(f"- and {self.more} more (the first {len(self.problems)} are listed; fix them and check "
                         "again).")
        if self.after:
            lines.append(self.after)
        return "\n".join(lines)


class PlanError(KpiError):
    """The plan file is malformed."""


class DataError(KpiError):
    """An observations file is malformed."""


class NoFigures(DataError):
    """An observations file holds rows but no figure (every row unfilled): for a returned workbook, nothing
    reported yet."""


class RenderError(KpiError):
    """A report could not be rendered; the previous report is kept."""


MAX_LISTED = 200
"""At most this many problems of one file are listed; the rest are counted."""


class Problems:
    """Collects problems while a file is checked, then raises them together."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, message: str) -> None:
        """Record one problem."""
        self.items.append(message)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self, kind: type[KpiError]) -> None:
        """Raise ``kind`` with every recorded problem (the first ``MAX_LISTED`` listed), if there is one."""
        if self.items:
            raise kind(self.items[:MAX_LISTED], total=len(self.items))
