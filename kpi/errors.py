"""The one exception family of kpi: every problem a user can fix is a ``KpiError``."""
from __future__ import annotations

from collections.abc import Iterable


class KpiError(Exception):
    """A problem the user can fix; ``problems`` holds one self-contained line per defect.

    The command line prints ``str(error)`` on stderr and exits non-zero, never a traceback.
    """

    def __init__(self, problems: str | Iterable[str]):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__(self._text())

    def _text(self) -> str:
        if len(self.problems) == 1:
            return self.problems[0]
        lines = [f"{len(self.problems)} problems found:"]
        lines += [f"- {p}" for p in self.problems]
        return "\n".join(lines)


class PlanError(KpiError):
    """The plan file is malformed."""


class DataError(KpiError):
    """An observations file is malformed."""


class RenderError(KpiError):
    """A report could not be rendered; the previous report is kept."""


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
        """Raise ``kind`` with every recorded problem, if there is one."""
        if self.items:
            raise kind(self.items)
