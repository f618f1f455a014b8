"""SQL of the report's chart of months: the dossiers received and resolved in each month of a period,
in one grouped query. The rules are those of biểu II.06a (`domain.statistics`): summed over the months,
"received" is (4) + (5) and "resolved" is (7) of the same period.

A dossier is resolved when `resolved_at` is set, or, without it, when its state is result ready or
returned (then `status_at` is when); it counts in the month of that moment. The three parts read disjoint
index ranges: `received_at` in the period; `resolved_at` in the period; and the few resolved dossiers
without `resolved_at` (imported ones), found through (status, due_at).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, bindparam, text
from sqlmodel import Session

from cchc_desktop.domain.dossiers import DossierStatus
from cchc_desktop.storage.sql_dialect import dialect_of, year_month

RECEIVED, RESOLVED = "received", "resolved"


def _month_sql(dialect: str) -> str:
    received, resolved, status_month = (
        year_month(column, dialect) for column in ("received_at", "resolved_at", "status_at")
    )
    return f"""
SELECT kind, month, count(*) AS dossiers FROM (
  SELECT '{RECEIVED}' AS kind, {received} AS month FROM dossier
  WHERE received_at >= :start AND received_at < :end
  UNION ALL
  SELECT '{RESOLVED}', {resolved} FROM dossier
  WHERE resolved_at >= :start AND resolved_at < :end AND received_at < :end
  UNION ALL
  SELECT '{RESOLVED}', {status_month} FROM dossier
  WHERE status IN (:result_ready, :returned) AND resolved_at IS NULL
    AND status_at >= :start AND status_at < :end AND received_at < :end
) AS counted
GROUP BY kind, month
"""


def month_counts(session: Session, start: datetime, end: datetime) -> dict[str, dict[str, int]]:
    """{"received"|"resolved": {"YYYY-MM": dossiers}} for [start, end); months without any are absent."""
    query = text(_month_sql(dialect_of(session))).bindparams(
        bindparam("start", type_=DateTime), bindparam("end", type_=DateTime)
    )
    params = {
        "start": start,
        "end": end,
        "result_ready": DossierStatus.RESULT_READY.value,
        "returned": DossierStatus.RETURNED.value,
    }
    counts: dict[str, dict[str, int]] = {RECEIVED: {}, RESOLVED: {}}
    for kind, month, dossiers in session.connection().execute(query, params):
        counts[str(kind)][str(month)] = int(dossiers)
    return counts
