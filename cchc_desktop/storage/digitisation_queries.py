"""SQL of the report's "số hóa hồ sơ" figures: how many dossiers received in a period are fully and how
many partly digitised; the others of the period are not digitised (received − full − partial).

The rule is `domain.digitisation.digitised_state`, spelt here in SQL over the received documents' JSON
(tests/services/test_report_digitisation.py compares both on random dossiers): only a dossier holding a
live (not deleted) attachment on one of its lines can be digitised; it is full when no line that is
required (its JSON has no `"required": false`) lacks a live attachment, else partial.

Reading the dossiers' JSON into Python costs too much once a commune digitises everything: on 200,000
dossiers with each of the 20,000 of a year digitised, parsing them took about 500 ms, this query about
130 ms (SQLite); with no attachment it is a probe of the attachment index per dossier of the period.
The query starts from the received-at range, the same one as the statistics' "received in the period"
(`statistics_queries.RECEIVED`), and probes the attachments through their (dossier_id, document_index)
index. "LIMIT -1" keeps SQLite from evaluating the per-dossier count once per SUM, as in
statistics_queries.

On PostgreSQL the text column is cast to json; the report's fault scan (`row_faults`) has already
refused a period holding a dossier whose documents are not readable JSON, in the same transaction.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, bindparam, text
from sqlmodel import Session

from cchc_desktop.storage.sql_dialect import POSTGRESQL, dialect_of

# Per dialect: (the documents as a JSON value, its lines as rows `j` with `line` from 0 and `optional`).
_SQLITE = (
    "d.documents_json",
    "json_each(d.documents_json) AS j",
    "j.key",
    "coalesce(json_type(j.value, '$.required'), '') = 'false'",
)
_POSTGRESQL = (
    "CAST(d.documents_json AS json)",
    "json_array_elements(CAST(d.documents_json AS json)) WITH ORDINALITY AS j(v, n)",
    "j.n - 1",
    "(coalesce(json_typeof(j.v -> 'required'), '') = 'boolean' AND j.v ->> 'required' = 'false')",
)


def _sql(dialect: str) -> str:
    documents, lines, line, optional = _POSTGRESQL if dialect == POSTGRESQL else _SQLITE
    no_limit = "" if dialect == POSTGRESQL else "\n  LIMIT -1"
    return f"""
SELECT coalesce(sum(CASE WHEN missing = 0 THEN 1 ELSE 0 END), 0) AS full_count,
       coalesce(sum(CASE WHEN missing > 0 THEN 1 ELSE 0 END), 0) AS partial_count
FROM (
  SELECT (SELECT count(*) FROM {lines}
          WHERE NOT {optional}
            AND NOT EXISTS (SELECT 1 FROM attachment AS a
                            WHERE a.dossier_id = d.id AND a.document_index = {line} AND a.deleted_at IS NULL)
         ) AS missing
  FROM dossier AS d
  WHERE d.received_at >= :start AND d.received_at < :end
    AND EXISTS (SELECT 1 FROM attachment AS a
                WHERE a.dossier_id = d.id AND a.deleted_at IS NULL
                  AND a.document_index >= 0 AND a.document_index < json_array_length({documents})){no_limit}
) AS scanned
"""


def digitised_counts(session: Session, start: datetime, end: datetime) -> tuple[int, int]:
    """(fully, partly) digitised dossiers among those received in [start, end)."""
    query = text(_sql(dialect_of(session))).bindparams(
        bindparam("start", type_=DateTime), bindparam("end", type_=DateTime)
    )
    row = session.connection().execute(query, {"start": start, "end": end}).one()
    return int(row.full_count), int(row.partial_count)
