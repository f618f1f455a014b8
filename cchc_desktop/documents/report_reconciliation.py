"""The line printed under biểu II.06a that shows how column (3) adds up: every counted dossier ends the
period resolved (7), still in progress (11), or closed otherwise (refused, withdrawn, stopped), which
the table has no column for (domain/statistics.py). The reader can check (3) against it."""

from __future__ import annotations

from cchc_desktop.documents.report_data import StatisticsRow
from cchc_desktop.domain.vn_format import group_thousands

RECONCILIATION = (
    "Đối chiếu cột (3): (3) = (7) + (11) + từ chối + rút + dừng = "
    "{resolved} + {in_progress} + {refused} từ chối + {withdrawn} rút + {stopped} dừng = {total}"
)
RECEIVED, RESOLVED, IN_PROGRESS = 0, 4, 8  # indexes of (3), (7), (11) in StatisticsRow.values


def reconciliation_line(total: StatisticsRow, closed_otherwise: tuple[int, int, int] | None) -> str:
    """The line for the total row and its (refused, withdrawn, stopped) counts; "" without them. A sum
    that is not (3) is refused: the statistics' invariants (`invariant_errors`) rule it out."""
    if closed_otherwise is None:
        return ""
    refused, withdrawn, stopped = closed_otherwise
    resolved, in_progress = total.values[RESOLVED], total.values[IN_PROGRESS]
    parts = resolved + in_progress + refused + withdrawn + stopped
    if parts != total.values[RECEIVED]:
        raise ValueError("biểu II.06a: column (3) is not (7) + (11) + refused + withdrawn + stopped")
    return RECONCILIATION.format(
        resolved=group_thousands(resolved),
        in_progress=group_thousands(in_progress),
        refused=group_thousands(refused),
        withdrawn=group_thousands(withdrawn),
        stopped=group_thousands(stopped),
        total=group_thousands(parts),
    )
